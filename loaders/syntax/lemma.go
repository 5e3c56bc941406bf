package syntax

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Lemmatizer gives a word's lemma from its form and its part of speech
// (UPOS), as learned from a treebank's LEMMA column: a table of the words
// its rules get wrong, and rules by part of speech that change a word's
// ending ("strip 3 bytes, append y": studies → study) chosen by the longest
// ending of the word they know, and set the lemma's case from the form's.
type Lemmatizer struct {
	exceptions map[lemmaKey]string        // form and UPOS → lemma
	rules      map[string]map[string]edit // UPOS → ending of the lower-cased form → edit
	cases      map[caseKey]caseMode       // how the lemma's case follows the form's
}

type lemmaKey struct{ form, upos string }

// An edit turns a form into its lemma: strip the last strip bytes, append add.
type edit struct {
	strip int
	add   string
}

// maxSuffix is the longest ending, in bytes, that a rule looks at.
const maxSuffix = 6

// A word's case class: all small letters (or none), a capital and small
// letters, capitals only, or a mix.
const (
	caseLower = iota
	caseTitle
	caseUpper
	caseMixed
	numCaseClasses
)

type caseKey struct {
	upos  string
	class int
}

// caseMode is how a lemma's case follows its form's: all small letters, the
// form's case kept (capitals appended to a form in capitals), or a capital
// and small letters.
type caseMode int

const (
	modeLower caseMode = iota
	modeKeep
	modeTitle
	numCaseModes
)

func caseClass(s string) int {
	upper, lower, first := 0, 0, false
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			if i == 0 {
				first = true
			}
		case unicode.IsLower(r):
			lower++
		}
	}
	switch {
	case upper == 0:
		return caseLower
	case lower == 0 && upper > 1:
		return caseUpper
	case upper == 1 && first:
		return caseTitle
	case lower == 0:
		return caseUpper // a single capital, such as "I" or "A"
	}
	return caseMixed
}

// Lemma is the lemma of a word of form and part of speech upos.
func (l *Lemmatizer) Lemma(form, upos string) string {
	if lemma, ok := l.exceptions[lemmaKey{form, upos}]; ok {
		return lemma
	}
	lf := strings.ToLower(form)
	if lf != form {
		if lemma, ok := l.exceptions[lemmaKey{lf, upos}]; ok {
			return lemma
		}
	}
	mode := l.cases[caseKey{upos, caseClass(form)}]
	ed := l.rule(lf, upos)
	return applyEdit(form, lf, ed, mode)
}

// rule is the edit of the rule for the longest ending of lf, a lower-cased
// form, that has one for upos and that applies to lf.
func (l *Lemmatizer) rule(lf, upos string) edit {
	rules := l.rules[upos]
	if rules == nil {
		return edit{}
	}
	for n := min(maxSuffix, len(lf)); n >= 0; n-- {
		if n > 0 && !utf8.RuneStart(lf[len(lf)-n]) {
			continue
		}
		if ed, ok := rules[lf[len(lf)-n:]]; ok && applies(lf, ed) {
			return ed
		}
	}
	return edit{}
}

// applies reports whether ed can edit s: it strips whole characters of it.
func applies(s string, ed edit) bool {
	return ed.strip <= len(s) && (ed.strip == len(s) || ed.strip == 0 || utf8.RuneStart(s[len(s)-ed.strip]))
}

// applyEdit is the lemma of form, whose lower-cased form is lf, by edit ed
// and the case mode.
func applyEdit(form, lf string, ed edit, mode caseMode) string {
	switch mode {
	case modeKeep:
		if len(lf) == len(form) && applies(form, ed) {
			add := ed.add
			if caseClass(form) == caseUpper {
				add = strings.ToUpper(add)
			}
			return form[:len(form)-ed.strip] + add
		}
	case modeTitle:
		s := lf[:len(lf)-ed.strip] + ed.add
		if r, n := utf8.DecodeRuneInString(s); n > 0 && r != utf8.RuneError {
			return string(unicode.ToUpper(r)) + s[n:]
		}
		return s
	}
	return lf[:len(lf)-ed.strip] + ed.add
}

// editOf is the edit that turns s into t, keeping their longest common
// beginning of whole characters.
func editOf(s, t string) edit {
	n := 0
	for n < len(s) && n < len(t) && s[n] == t[n] {
		n++
	}
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return edit{strip: len(s) - n, add: t[n:]}
}

// TrainLemmatizer learns a lemmatizer from the words of sents, their forms,
// parts of speech and lemmas. The same sentences give the same lemmatizer.
func TrainLemmatizer(sents []Sentence) *Lemmatizer {
	// Token counts of lemmas by form and UPOS, and by lower-cased form and
	// UPOS.
	exact := map[lemmaKey]map[string]int{}
	lowered := map[lemmaKey]map[string]int{}
	count := func(m map[lemmaKey]map[string]int, k lemmaKey, lemma string) {
		if m[k] == nil {
			m[k] = map[string]int{}
		}
		m[k][lemma]++
	}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Form == "" || w.Lemma == "" {
				continue
			}
			count(exact, lemmaKey{w.Form, w.UPOS}, w.Lemma)
			count(lowered, lemmaKey{strings.ToLower(w.Form), w.UPOS}, w.Lemma)
		}
	}
	l := &Lemmatizer{
		exceptions: map[lemmaKey]string{},
		rules:      map[string]map[string]edit{},
		cases:      map[caseKey]caseMode{},
	}

	// Case modes, by the spellings of forms with their lemmas, each once:
	// the mode that gives the lemma's case for most.
	votes := map[caseKey]*[numCaseModes]int{}
	for _, k := range sortedKeys(exact) {
		ck := caseKey{k.upos, caseClass(k.form)}
		v := votes[ck]
		if v == nil {
			v = new([numCaseModes]int)
			votes[ck] = v
		}
		lf := strings.ToLower(k.form)
		for _, lemma := range sortedStrings(exact[k]) {
			ed := editOf(lf, strings.ToLower(lemma))
			for m := range numCaseModes {
				if applyEdit(k.form, lf, ed, m) == lemma {
					v[m]++
				}
			}
		}
	}
	for ck, v := range votes {
		best := modeLower
		for m := range numCaseModes {
			if v[m] > v[best] {
				best = m
			}
		}
		if best != modeLower {
			l.cases[ck] = best
		}
	}

	// Rules, from each lower-cased form and UPOS once with its most
	// frequent lemma, so that they speak for the many rare words rather
	// than the few frequent ones, which the exceptions cover. A rule needs
	// minRuleForms forms; one is kept only where it differs from the rule
	// of the longest shorter ending kept.
	edits := map[string]map[string]map[edit]int{} // UPOS → ending → edit → forms
	for _, k := range sortedKeys(lowered) {
		ed := editOf(k.form, strings.ToLower(mostFrequent(lowered[k])))
		byEnd := edits[k.upos]
		if byEnd == nil {
			byEnd = map[string]map[edit]int{}
			edits[k.upos] = byEnd
		}
		for n := 0; n <= min(maxSuffix, len(k.form)); n++ {
			if n > 0 && !utf8.RuneStart(k.form[len(k.form)-n]) {
				continue
			}
			end := k.form[len(k.form)-n:]
			if byEnd[end] == nil {
				byEnd[end] = map[edit]int{}
			}
			byEnd[end][ed]++
		}
	}
	for upos, byEnd := range edits {
		ends := make([]string, 0, len(byEnd))
		for end := range byEnd {
			ends = append(ends, end)
		}
		slices.SortFunc(ends, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
		})
		rules := map[string]edit{}
		for _, end := range ends {
			ed, forms := bestEdit(byEnd[end])
			if end != "" && forms < minRuleForms {
				continue
			}
			if parent, ok := ruleFor(rules, end); ok && parent == ed {
				continue
			}
			rules[end] = ed
		}
		l.rules[upos] = rules
	}

	// Exceptions: the forms whose most frequent lemma is right more often
	// than what the lemmatizer would say without them. Forms in small
	// letters go first, as a form with capitals falls back on the entry of
	// its lower-cased form.
	keys := sortedKeys(exact)
	capitals := func(k lemmaKey) int {
		if caseClass(k.form) == caseLower {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(keys, func(a, b lemmaKey) int { return cmp.Compare(capitals(a), capitals(b)) })
	for _, k := range keys {
		lemmas := exact[k]
		lemma := mostFrequent(lemmas)
		if lemmas[lemma] > lemmas[l.Lemma(k.form, k.upos)] {
			l.exceptions[k] = lemma
		}
	}
	return l
}

// minRuleForms is the number of forms a rule must come from.
const minRuleForms = 2

func sortedKeys(m map[lemmaKey]map[string]int) []lemmaKey {
	keys := make([]lemmaKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lemmaKey) int {
		return cmp.Or(strings.Compare(a.upos, b.upos), strings.Compare(a.form, b.form))
	})
	return keys
}

func sortedStrings(m map[string]int) []string {
	s := make([]string, 0, len(m))
	for k := range m {
		s = append(s, k)
	}
	slices.Sort(s)
	return s
}

// ruleFor is the edit of the longest ending of end (itself included) in
// rules, and whether there is one.
func ruleFor(rules map[string]edit, end string) (edit, bool) {
	for n := len(end); n >= 0; n-- {
		if ed, ok := rules[end[len(end)-n:]]; ok {
			return ed, true
		}
	}
	return edit{}, false
}

// mostFrequent is the key with the highest count, the least key of those
// tied.
func mostFrequent(m map[string]int) string {
	best, bn := "", -1
	for k, n := range m {
		if n > bn || n == bn && k < best {
			best, bn = k, n
		}
	}
	return best
}

// bestEdit is the edit with the most votes, ties broken by fewer bytes
// stripped, then the appended string, and the number of all votes.
func bestEdit(m map[edit]int) (edit, int) {
	var best edit
	bn, all := -1, 0
	for ed, n := range m {
		all += n
		if n > bn || n == bn && (ed.strip < best.strip || ed.strip == best.strip && ed.add < best.add) {
			best, bn = ed, n
		}
	}
	return best, all
}

// Limits on what a decoded lemmatizer may hold.
const (
	maxLemmaEntries = 1 << 22
	maxUPOS         = 1 << 10
)

// encode writes the lemmatizer: its case modes, its rules and its
// exceptions, each sorted, so that the same lemmatizer gives the same bytes.
// Endings and forms are written as the length they share with the one before
// and the rest; an exception's lemma as its edit of the form.
func (l *Lemmatizer) encode(e *encoder) {
	cks := make([]caseKey, 0, len(l.cases))
	for k := range l.cases {
		cks = append(cks, k)
	}
	slices.SortFunc(cks, func(a, b caseKey) int {
		return cmp.Or(strings.Compare(a.upos, b.upos), cmp.Compare(a.class, b.class))
	})
	e.uvarint(uint64(len(cks)))
	for _, k := range cks {
		e.str(k.upos)
		e.uvarint(uint64(k.class))
		e.uvarint(uint64(l.cases[k]))
	}

	uposes := make([]string, 0, len(l.rules))
	for upos := range l.rules {
		uposes = append(uposes, upos)
	}
	slices.Sort(uposes)
	e.uvarint(uint64(len(uposes)))
	for _, upos := range uposes {
		rules := l.rules[upos]
		ends := make([]string, 0, len(rules))
		for end := range rules {
			ends = append(ends, end)
		}
		slices.Sort(ends)
		e.str(upos)
		e.uvarint(uint64(len(ends)))
		prev := ""
		for _, end := range ends {
			encodeFrontCoded(e, prev, end)
			prev = end
			ed := rules[end]
			e.uvarint(uint64(ed.strip))
			e.str(ed.add)
		}
	}

	byUPOS := map[string][]string{}
	for k := range l.exceptions {
		byUPOS[k.upos] = append(byUPOS[k.upos], k.form)
	}
	uposes = uposes[:0]
	for upos := range byUPOS {
		uposes = append(uposes, upos)
	}
	slices.Sort(uposes)
	e.uvarint(uint64(len(uposes)))
	for _, upos := range uposes {
		forms := byUPOS[upos]
		slices.Sort(forms)
		e.str(upos)
		e.uvarint(uint64(len(forms)))
		prev := ""
		for _, form := range forms {
			encodeFrontCoded(e, prev, form)
			prev = form
			ed := editOf(form, l.exceptions[lemmaKey{form, upos}])
			e.uvarint(uint64(ed.strip))
			e.str(ed.add)
		}
	}
}

// encodeFrontCoded writes s as the length of its common beginning with prev
// and the rest of it.
func encodeFrontCoded(e *encoder, prev, s string) {
	n := 0
	for n < len(prev) && n < len(s) && prev[n] == s[n] {
		n++
	}
	e.uvarint(uint64(n))
	e.str(s[n:])
}

func decodeFrontCoded(d *decoder, prev string) string {
	n := d.count(len(prev))
	rest := d.str()
	return prev[:n] + rest
}

// decodeEdit reads an edit that strips at most maxStrip bytes.
func decodeEdit(d *decoder, maxStrip int) edit {
	ed := edit{strip: d.count(maxStrip)}
	ed.add = d.str()
	return ed
}

// decodeLemmatizer reads what encode wrote.
func decodeLemmatizer(d *decoder) (*Lemmatizer, error) {
	l := &Lemmatizer{
		exceptions: map[lemmaKey]string{},
		rules:      map[string]map[string]edit{},
		cases:      map[caseKey]caseMode{},
	}
	n := d.count(maxUPOS * numCaseClasses)
	for range n {
		upos := d.str()
		class := d.count(numCaseClasses - 1)
		mode := d.count(int(numCaseModes) - 1)
		l.cases[caseKey{upos, class}] = caseMode(mode)
	}
	n = d.count(maxUPOS)
	for range n {
		upos := d.str()
		m := d.count(maxLemmaEntries)
		rules := make(map[string]edit, min(m, 1<<12))
		prev := ""
		for range m {
			end := decodeFrontCoded(d, prev)
			prev = end
			rules[end] = decodeEdit(d, 1<<20)
			if d.err != nil {
				break
			}
		}
		l.rules[upos] = rules
	}
	n = d.count(maxUPOS)
	for range n {
		upos := d.str()
		m := d.count(maxLemmaEntries)
		prev := ""
		for range m {
			form := decodeFrontCoded(d, prev)
			prev = form
			ed := decodeEdit(d, len(form))
			if d.err != nil {
				break
			}
			l.exceptions[lemmaKey{form, upos}] = form[:len(form)-ed.strip] + ed.add
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("lemmatizer: %w", d.err)
	}
	return l, nil
}
