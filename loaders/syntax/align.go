package syntax

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Align scores a system's words against gold words as the CoNLL 2018 shared
// task's evaluation does (conll18_ud_eval.py), when the two tokenize the
// same text differently: each side's tokens are laid over the characters of
// the whole text but its spaces (the concatenation of the forms of its
// tokens, a multiword token's own form for the words in it), and a system
// word is matched to the gold word that covers the same characters. Within
// a stretch of the text that multiword tokens cover, words are matched by
// the longest common subsequence of their forms, compared in small letters.
// The parts of speech, lemmas and relations of matched words are then
// compared; heads match when both words are roots, or when the system
// word's head is matched to the gold word's head. Sentences are only the
// scope of heads: the system may split or join the gold sentences.
//
// A gold word whose lemma is "_" (not annotated) counts as having the
// system's lemma, as in the shared task. Where the two texts differ, which
// the shared task's script refuses, Align matches them again after the
// difference (a lost or added sentence, a changed character), and the words
// over characters on one side only match no word.
func Align(gold, system []Sentence) Scores {
	g, gchars := alignWords(gold)
	s, schars := alignWords(system)
	if schars != gchars {
		blocks := matchingBlocks(gchars, schars)
		slideGaps(blocks, gchars, schars, boundaries(g, len(gchars)), boundaries(s, len(schars)))
		remap(s, blocks)
	}
	goldOf := matchWords(g, s)
	var sc Scores
	sc.Gold, sc.System = len(g), len(s)
	for si, gi := range goldOf {
		if gi < 0 {
			continue
		}
		gw, sw := g[gi], s[si]
		sameHead := gw.head == rootHead && sw.head == rootHead ||
			gw.head >= 0 && sw.head >= 0 && goldOf[sw.head] == gw.head
		sword := *sw.w
		if gw.w.Lemma == "_" || gw.w.Lemma == "" {
			sword.Lemma = gw.w.Lemma
		}
		sc.add(*gw.w, sword, sameHead)
	}
	return sc
}

// An alignWord is a word over the characters of a text: those from start to
// end, the whole token's if multi, the word being one of a multiword token.
type alignWord struct {
	w          *Word
	start, end int
	multi      bool
	first      bool // the first word of its sentence
	head       int  // the index of its head among all the words, or rootHead, or noHead
}

const (
	rootHead = -1
	noHead   = -2 // a head outside the sentence
)

// alignWords lays the words of sents over their characters, and returns them
// with the characters.
func alignWords(sents []Sentence) ([]alignWord, string) {
	var chars strings.Builder
	var out []alignWord
	for si := range sents {
		s := &sents[si]
		base := len(out)
		mw := 0
		tokStart, tokEnd, tokLast := 0, 0, 0
		for wi := range s.Words {
			w := &s.Words[wi]
			for mw < len(s.MultiWords) && s.MultiWords[mw].Last < w.ID {
				mw++
			}
			aw := alignWord{w: w, head: rootHead, first: wi == 0}
			switch {
			case w.ID <= tokLast:
				aw.start, aw.end, aw.multi = tokStart, tokEnd, true
			case mw < len(s.MultiWords) && s.MultiWords[mw].First == w.ID:
				m := s.MultiWords[mw]
				tokStart = chars.Len()
				writeNoSpaces(&chars, m.Form)
				tokEnd, tokLast = chars.Len(), m.Last
				aw.start, aw.end, aw.multi = tokStart, tokEnd, true
			default:
				aw.start = chars.Len()
				writeNoSpaces(&chars, w.Form)
				aw.end = chars.Len()
			}
			switch {
			case w.Head < 0 || w.Head > len(s.Words):
				aw.head = noHead
			case w.Head > 0:
				aw.head = base + w.Head - 1
			}
			out = append(out, aw)
		}
	}
	return out, chars.String()
}

// writeNoSpaces writes s without its space characters (Unicode's Zs), which
// the shared task removes from forms.
func writeNoSpaces(b *strings.Builder, s string) {
	if strings.IndexFunc(s, isZs) < 0 {
		b.WriteString(s)
		return
	}
	for _, r := range s {
		if !isZs(r) {
			b.WriteRune(r)
		}
	}
}

func isZs(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' '
	}
	return unicode.Is(unicode.Zs, r)
}

// matchWords matches the system words s to the gold words g, and returns for
// each system word the index of its gold word, or -1. Words over no
// characters match none and take no part.
func matchWords(g, s []alignWord) []int {
	goldOf := make([]int, len(s))
	for i := range goldOf {
		goldOf[i] = -1
	}
	gv, gidx := overCharacters(g)
	sv, sidx := overCharacters(s)
	for si, gi := range matchSpans(gv, sv) {
		if gi >= 0 {
			goldOf[sidx[si]] = gidx[gi]
		}
	}
	return goldOf
}

// overCharacters is the words over at least one character, and their
// indexes in words.
func overCharacters(words []alignWord) ([]alignWord, []int) {
	out := make([]alignWord, 0, len(words))
	idx := make([]int, 0, len(words))
	for i, w := range words {
		if w.start < w.end {
			out = append(out, w)
			idx = append(idx, i)
		}
	}
	return out, idx
}

// matchSpans is matchWords for words over characters.
func matchSpans(g, s []alignWord) []int {
	goldOf := make([]int, len(s))
	for i := range goldOf {
		goldOf[i] = -1
	}
	gi, si := 0, 0
	for gi < len(g) && si < len(s) {
		// A word that ends before the other side's begins matches none.
		// The shared task's script skips these too, but for at most one
		// gold or system word before a multiword token; after text that
		// one side lacks there can be more.
		switch {
		case g[gi].end <= s[si].start:
			gi++
			continue
		case s[si].end <= g[gi].start:
			si++
			continue
		}
		if !g[gi].multi && !s[si].multi {
			// Words outside multiword tokens match by their characters.
			switch {
			case g[gi].start == s[si].start && g[gi].end == s[si].end:
				goldOf[si] = gi
				gi++
				si++
			case g[gi].start <= s[si].start:
				gi++
			default:
				si++
			}
			continue
		}
		gs, ss, ge, se := multiwordSpan(g, s, gi, si)
		matchForms(g[gs:ge], s[ss:se], gs, ss, goldOf)
		gi, si = ge, se
	}
	return goldOf
}

// multiwordSpan finds the shortest stretch of the text from gold word gi or
// system word si, one of them in a multiword token, that holds whole the
// multiword tokens in it on both sides: it returns the first and the next
// after the last gold and system words in it.
func multiwordSpan(g, s []alignWord, gi, si int) (gs, ss, ge, se int) {
	var end int
	if g[gi].multi {
		end = g[gi].end
		if !s[si].multi && s[si].start < g[gi].start {
			si++
		}
	} else {
		end = s[si].end
		if !g[gi].multi && g[gi].start < s[si].start {
			gi++
		}
	}
	gs, ss = gi, si
	for !beyond(g, gi, end) || !beyond(s, si, end) {
		if gi < len(g) && (si >= len(s) || g[gi].start <= s[si].start) {
			end = extend(g[gi], end)
			gi++
		} else {
			end = extend(s[si], end)
			si++
		}
	}
	return gs, ss, gi, si
}

// beyond reports whether word i of words is past a stretch ending at end.
func beyond(words []alignWord, i, end int) bool {
	if i >= len(words) {
		return true
	}
	if words[i].multi {
		return words[i].start >= end
	}
	return words[i].end > end
}

// extend is the end of a stretch ending at end with w in it.
func extend(w alignWord, end int) int {
	if w.multi && w.end > end {
		return w.end
	}
	return end
}

// maxLCSCells bounds the table of a longest common subsequence; a longer
// stretch, which only texts that differ give, has its words matched in
// order.
const maxLCSCells = 1 << 24

// matchForms matches the gold words g and system words s of a multiword
// stretch by the longest common subsequence of their forms in small letters;
// g0 and s0 are the indexes of their first words.
func matchForms(g, s []alignWord, g0, s0 int, goldOf []int) {
	if len(g) == 0 || len(s) == 0 {
		return
	}
	gf := make([]string, len(g))
	for i := range g {
		gf[i] = strings.ToLower(g[i].w.Form)
	}
	sf := make([]string, len(s))
	for i := range s {
		sf[i] = strings.ToLower(s[i].w.Form)
	}
	n, m := len(g), len(s)
	if n*m > maxLCSCells {
		for i, j := 0, 0; i < n && j < m; {
			switch {
			case gf[i] == sf[j]:
				goldOf[s0+j] = g0 + i
				i++
				j++
			case g[i].start <= s[j].start:
				i++
			default:
				j++
			}
		}
		return
	}
	// lcs[i*(m+1)+j] is the length of the longest common subsequence of
	// gf[i:] and sf[j:].
	lcs := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(at(i+1, j), at(i, j+1))
			if gf[i] == sf[j] {
				v = max(v, 1+at(i+1, j+1))
			}
			lcs[i*(m+1)+j] = v
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case gf[i] == sf[j]:
			goldOf[s0+j] = g0 + i
			i++
			j++
		case at(i, j) == at(i+1, j):
			i++
		default:
			j++
		}
	}
}

// A block is a run of characters the two texts share: length characters at
// gold in the gold text and at sys in the system's.
type block struct{ gold, sys, length int }

// resyncWindow is how many characters after a difference a search looks
// for in the other text, and how many bytes of either text or both a
// difference may change before a search; resyncReach is how far a search
// goes; resyncRun is the agreement past which a longer one is no better,
// resyncMin the least that counts.
const (
	resyncWindow = 16
	resyncReach  = 1 << 16
	resyncRun    = 256
	resyncMin    = 4
)

// matchingBlocks is the runs the gold and system texts share, in order:
// after each difference it finds where they agree again, skipping what one
// of them adds (a sentence the other lost), or a few characters of both.
func matchingBlocks(g, s string) []block {
	blocks := []block{{}} // from the start, so that a first difference has a block before it
	budget := resyncWindow*(len(g)+len(s)) + resyncReach
	i, j := 0, 0
	for i < len(g) && j < len(s) {
		k := 0
		for i+k < len(g) && j+k < len(s) && g[i+k] == s[j+k] {
			k++
		}
		if k > 0 {
			blocks = append(blocks, block{i, j, k})
			i += k
			j += k
			continue
		}
		di, dj, ok := resync(g[i:], s[j:], &budget)
		if !ok {
			di, dj = 1, 1 // nothing agrees near: a byte each, and on
		}
		i += di
		j += dj
	}
	if i < len(g) || j < len(s) {
		// What one text has after the end of the other.
		blocks = append(blocks, block{len(g), len(s), 0})
	}
	return blocks
}

// resync is how many bytes of g and of s to skip, at least one in all, for
// the two to agree again: on their next resyncMin bytes at least, or on all
// that is left of both. Of the skips it tries, a few bytes of either or both,
// or what one side has before the other's next bytes, it takes the one the
// longest agreement follows (up to resyncRun), then the shortest. Its
// searches take bytes from budget, and stop when it is spent.
func resync(g, s string, budget *int) (di, dj int, ok bool) {
	bestRun, bestSkip := -1, 0
	consider := func(a, b int) {
		if a+b == 0 || a > len(g) || b > len(s) {
			return
		}
		r := 0
		for r < resyncRun && a+r < len(g) && b+r < len(s) && g[a+r] == s[b+r] {
			r++
		}
		if r < resyncMin && (a+r < len(g) || b+r < len(s)) {
			return
		}
		if r > bestRun || r == bestRun && a+b < bestSkip {
			di, dj, bestRun, bestSkip = a, b, r, a+b
		}
	}
	// A few bytes changed on either side or both.
	for d := 1; d <= resyncWindow; d++ {
		for a := 0; a <= d; a++ {
			consider(a, d-a)
		}
	}
	if bestRun >= resyncRun {
		return di, dj, true
	}
	// Bytes that one side adds: where the other's next ones are, looking
	// further and further, and once found, as far again on the other side.
	find := func(in, next string, reach int) int {
		w := min(resyncWindow, len(next))
		if w == 0 || reach < 2 {
			return -1
		}
		return strings.Index(in[1:reach], next[:w]) + 1
	}
	foundAt := 0
	for reach := 4 * resyncWindow; ; reach *= 2 {
		rg, rs := min(len(g), reach, resyncReach), min(len(s), reach, resyncReach)
		if *budget < rg+rs {
			break
		}
		*budget -= rg + rs
		kg, ks := find(g, s, rg), find(s, g, rs)
		if kg > 0 {
			consider(kg, 0)
		}
		if ks > 0 {
			consider(0, ks)
		}
		if (kg > 0 || ks > 0) && foundAt == 0 {
			foundAt = reach
		}
		if foundAt > 0 && reach >= 2*foundAt || reach >= resyncReach || reach >= len(g) && reach >= len(s) {
			break
		}
	}
	return di, dj, bestRun >= 0
}

// slideGaps moves each difference where one text has characters that the
// other lacks, between blocks, to where it takes whole words, whole
// sentences at best, of the text that has them: a sentence lost after a
// sentence that ends as it does ("... it. It ...") would otherwise take
// characters of the next one. bg and bs weigh the positions of the gold and
// system texts as the bounds of a difference.
func slideGaps(blocks []block, g, s string, bg, bs []uint8) {
	for k := 1; k < len(blocks); k++ {
		b1, b2 := &blocks[k-1], &blocks[k]
		switch {
		case b2.sys == b1.sys+b1.length && b2.gold > b1.gold+b1.length:
			slideGap(&b1.length, &b2.gold, &b2.sys, &b2.length, b1.gold, g, bg)
		case b2.gold == b1.gold+b1.length && b2.sys > b1.sys+b1.length:
			slideGap(&b1.length, &b2.sys, &b2.gold, &b2.length, b1.sys, s, bs)
		}
	}
}

// slideGap slides the gap in text t between a block from start of length
// len1 and one at next, in t, and at other, in the other text, of length
// len2, to the place between the furthest it can go where weights say it
// takes the most whole words.
func slideGap(len1, next, other, len2 *int, start int, t string, weights []uint8) {
	p := start + *len1
	n := *next - p // the gap's length
	left := 0
	for left < *len1 && t[p-1-left] == t[p+n-1-left] {
		left++
	}
	right := 0
	for right < *len2 && t[p+right] == t[p+n+right] {
		right++
	}
	best, bw := p, -1
	for q := p - left; q <= p+right; q++ {
		if w := int(weights[q]) + int(weights[q+n]); w > bw {
			best, bw = q, w
		}
	}
	d := best - p
	*len1 += d
	*next += d
	*other += d
	*len2 -= d
}

// boundaries weighs the positions of a text of n characters by what begins
// there: a sentence 2, another word 1.
func boundaries(words []alignWord, n int) []uint8 {
	w := make([]uint8, n+1)
	w[n] = 2
	for _, aw := range words {
		if aw.start > n || aw.end > n {
			continue
		}
		switch {
		case aw.first:
			w[aw.start] = 2
		case w[aw.start] == 0:
			w[aw.start] = 1
		}
		if w[aw.end] == 0 {
			w[aw.end] = 1
		}
	}
	return w
}

// remap moves the system words s from the system text to the gold one by
// the blocks they share; a word over characters outside them, or over two
// blocks, gets an empty span, which matches nothing, where it would be.
func remap(s []alignWord, blocks []block) {
	// toGold is where system character p is in the gold text, and whether
	// it is in a block, which is i.
	toGold := func(p int) (int, int, bool) {
		i := sort.Search(len(blocks), func(i int) bool { return blocks[i].sys+blocks[i].length > p })
		if i == len(blocks) {
			if i == 0 {
				return 0, -1, false
			}
			b := blocks[i-1]
			return b.gold + b.length, -1, false
		}
		b := blocks[i]
		if p < b.sys {
			return b.gold, -1, false
		}
		return b.gold + p - b.sys, i, true
	}
	for k := range s {
		w := &s[k]
		a, ba, oka := toGold(w.start)
		if w.end <= w.start {
			w.start, w.end = a, a
			continue
		}
		z, bz, okz := toGold(w.end - 1)
		if oka && okz && ba == bz {
			w.start, w.end = a, z+1
		} else {
			w.start, w.end = a, a
		}
	}
}
