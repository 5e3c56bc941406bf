package article

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word, number or punctuation mark of a sentence.
type Token struct {
	Text       string // as written ("n’t" is normalised to "n't", "’s" to "'s")
	Lower      string
	Start, End int32 // byte offsets in the sentence, which is no longer than a block (MaxBlockBytes)
	tags       tags  // what the lexicon says of it, once Extract has looked it up
	word       int32 // the number of its word in the lexicon, 0 if none
}

// IsWord reports whether the token starts with a letter or digit.
func (t Token) IsWord() bool {
	if t.tags != 0 {
		return t.tags&tagWord != 0
	}
	return startsWord(t.Text)
}

func startsWord(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		c := s[0]
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsCapitalized reports whether the token starts with an upper-case letter.
func (t Token) IsCapitalized() bool {
	if t.tags != 0 {
		return t.tags&tagUpper != 0
	}
	return startsUpper(t.Text)
}

func startsUpper(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Tokenize splits s into tokens: words (with letter-dot abbreviations such
// as "U.S." kept whole), numbers ("98.4", "99,000"), the clitics "'s" and
// "n't", and single punctuation marks.
func Tokenize(s string) []Token {
	if s == "" {
		return nil
	}
	return appendTokens(make([]Token, 0, len(s)/4+1), s, nil)
}

// appendTokens appends the tokens of s to out. The lower-case forms of
// ASCII tokens with capitals are written to low, if not nil, rather than
// to strings of their own.
func appendTokens(out []Token, s string, low *strings.Builder) []Token {
	lower := "" // asciiLower(s), once needed when low is nil
	emit := func(start, end int, text string) {
		lw := text
		switch ascii, upper := asciiCase(text); {
		case ascii && upper && low != nil:
			lw = appendLower(low, text)
		case ascii && upper:
			// a slice of the lower-cased text rather than a string of its own
			if lower == "" {
				lower = asciiLower(s)
			}
			lw = lower[start:end]
		case !ascii:
			lw = strings.ToLower(text)
		}
		// set in place: appending a Token copies it with a bulk write
		// barrier while the GC marks, which costs more than the tokenizing
		if len(out) == cap(out) {
			out = slices.Grow(out, 1)
		}
		out = out[:len(out)+1]
		t := &out[len(out)-1]
		t.Text, t.Lower = text, lw
		t.Start, t.End = int32(start), int32(end)
		t.tags, t.word = 0, 0
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				if isASCIIAlnum(s[j]) {
					j++
					continue
				}
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) || unicode.IsLetter(r2) {
					j += n2
					continue
				}
				if (r2 == '.' || r2 == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += n2
					continue
				}
				break
			}
			emit(i, j, s[i:j])
			i = j
		case unicode.IsLetter(r):
			if j := abbreviationEnd(s, i); j > 0 {
				emit(i, j, s[i:j])
				i = j
				continue
			}
			j := i + n
			for j < len(s) {
				if isASCIIAlnum(s[j]) {
					j++
					continue
				}
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '\u00AD' {
					j += n2
					continue
				}
				if isApostrophe(r2) && j+n2 < len(s) {
					// "n't" splits off; "'s" splits off; "O'Brien" stays whole.
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if (r3 == 't' || r3 == 'T') && j > i && (s[j-1] == 'n' || s[j-1] == 'N') && !isLetterAt(s, j+n2+1) {
						if j-1 > i {
							emit(i, j-1, s[i:j-1])
						}
						emit(j-1, j+n2+1, "n't")
						i = j + n2 + 1
						j = -1
						break
					}
					if (r3 == 's' || r3 == 'S') && !isLetterAt(s, j+n2+1) {
						break
					}
					if unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			if j < 0 {
				continue
			}
			emit(i, j, s[i:j])
			i = j
		case isApostrophe(r) && i+n < len(s) && (s[i+n] == 's' || s[i+n] == 'S') && !isLetterAt(s, i+n+1):
			emit(i, i+n+1, "'s")
			i += n + 1
		default:
			emit(i, i+n, s[i:i+n])
			i += n
		}
	}
	return out
}

// asciiCase reports whether s is all ASCII and whether it has an upper-case letter.
func asciiCase(s string) (ascii, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, upper
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	return true, upper
}

// asciiLower lower-cases the ASCII letters of s and leaves every other
// byte in place, so that offsets into s hold in the result.
func asciiLower(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is written
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			if done == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done:i])
			b.WriteByte(c + 'a' - 'A')
			done = i + 1
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// appendLower writes ASCII s lower-cased to b and returns it as a slice of
// b's string: a text's capitalized words share its array.
func appendLower(b *strings.Builder, s string) string {
	n := b.Len()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()[n:]
}

// isASCIIAlnum reports an ASCII letter or digit, which needs no decoding.
func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// abbreviationEnd returns the end of a letter-dot abbreviation ("U.S.",
// "e.g.") starting at i, or 0.
func abbreviationEnd(s string, i int) int {
	j, letters := i, 0
	for j+1 < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) || j+n >= len(s) || s[j+n] != '.' {
			break
		}
		letters++
		j += n + 1
	}
	if letters < 2 || isLetterAt(s, j) {
		return 0
	}
	return j
}

// Sentence is a sentence of a document with its place in the cleaned text.
type Sentence struct {
	Text   string
	Offset int // byte offset in the cleaned text
	Block  int // index of its block
	Kind   BlockKind
	Tokens []Token
	tags   tags // of all its tokens, once Extract has looked them up
}

// sentenceStarters are words after which an abbreviation's period ends a sentence.
var sentenceStarters = map[string]bool{
	"the": true, "this": true, "that": true, "it": true, "but": true, "in": true, "a": true, "an": true,
	"he": true, "she": true, "they": true, "we": true, "its": true, "their": true, "however": true,
	"meanwhile": true, "there": true, "these": true, "those": true, "what": true, "while": true,
}

// Segment splits the blocks of a document into sentences: headings and list
// items are one sentence each; paragraphs split at sentence-final marks that
// are not part of an abbreviation or a number.
func Segment(doc *Document, lex *Lexicon) []Sentence {
	return segment(doc, abbreviations(lex), &segmenter{})
}

// abbreviations is the set of the lexicon's abbreviations, lower-cased.
func abbreviations(lex *Lexicon) map[string]bool {
	abbr := map[string]bool{}
	for _, a := range lex.Abbreviations {
		abbr[strings.ToLower(a)] = true
	}
	return abbr
}

// segment segments doc with the buffers of g, which it leaves for the next
// document; the sentences it returns have arrays of their own.
func segment(doc *Document, abbr map[string]bool, g *segmenter) []Sentence {
	g.out, g.toks = g.out[:0], g.toks[:0]
	size := 0
	for _, bl := range doc.Blocks {
		size += len(bl.Text)
	}
	// the result keeps the lower-case words: a new array, sized for the
	// fifth to quarter of news text written in capitalized words
	g.low = strings.Builder{}
	g.low.Grow(size / 3)
	for bi, bl := range doc.Blocks {
		text := bl.Text
		if bl.Kind != Paragraph {
			g.add(text, bl.Offset, bi, bl.Kind)
			continue
		}
		// the sentence of text[from:to], without its surrounding space
		part := func(from, to int) {
			x := text[from:to]
			s := strings.TrimSpace(x)
			if s == "" {
				return
			}
			lead := len(x) - len(strings.TrimLeft(x, " "))
			g.add(s, bl.Offset+from+lead, bi, bl.Kind)
		}
		start := 0
		for _, end := range sentenceEnds(text, abbr) {
			part(start, end)
			start = end
		}
		part(start, len(text))
	}
	return g.sentences()
}

// segmenter collects the sentences of a document.
type segmenter struct {
	out  []Sentence
	toks []Token         // the tokens of all sentences, in order, which own slices of it
	low  strings.Builder // the lower-case forms of the document's capitalized words
}

// sentences returns copies of the sentences and their tokens in arrays of
// their exact size: the result keeps them, and a document's count of tokens
// is known only once it is tokenized.
func (g *segmenter) sentences() []Sentence {
	out := append(make([]Sentence, 0, len(g.out)), g.out...)
	toks := slices.Clone(g.toks)
	for i := range out {
		n := len(out[i].Tokens)
		out[i].Tokens, toks = toks[:n:n], toks[n:]
	}
	return out
}

// MaxSentenceTokens bounds a sentence. Prose stays far below it (news
// sentences run to some fifty tokens); text without sentence ends, such as
// a table or a minified page run into one line, is cut into pieces of at
// most this size, at a comma or semicolon where there is one, so that the
// work per sentence stays bounded.
const MaxSentenceTokens = 200

// add appends text as one sentence, or as pieces when it is too long.
func (g *segmenter) add(text string, off, block int, kind BlockKind) {
	n := len(g.toks)
	g.toks = appendTokens(g.toks, text, &g.low)
	toks := g.toks[n:len(g.toks):len(g.toks)]
	for len(toks) > MaxSentenceTokens {
		cut := MaxSentenceTokens
		for k := MaxSentenceTokens; k > MaxSentenceTokens/2; k-- {
			if t := toks[k-1].Text; t == "," || t == ";" {
				cut = k
				break
			}
		}
		g.out = append(g.out, sentenceOf(text, off, block, kind, toks[:cut:cut]))
		toks = toks[cut:]
	}
	if len(toks) > 0 {
		g.out = append(g.out, sentenceOf(text, off, block, kind, toks))
	}
}

// sentenceOf is the sentence of text made of toks, their offsets made
// relative to it in place.
func sentenceOf(text string, off, block int, kind BlockKind, toks []Token) Sentence {
	start, end := toks[0].Start, toks[len(toks)-1].End
	for i := range toks {
		toks[i].Start -= start
		toks[i].End -= start
	}
	return Sentence{Text: text[start:end], Offset: off + int(start), Block: block, Kind: kind, Tokens: toks}
}

// sentenceEnds returns the byte offsets just after each sentence end in text.
func sentenceEnds(text string, abbr map[string]bool) []int {
	var ends []int
	for i := 0; i < len(text); {
		// the marks are ASCII, so no rune needs decoding to find them
		m := strings.IndexAny(text[i:], ".!?")
		if m < 0 {
			break
		}
		r := rune(text[i+m])
		i += m + 1
		j := i
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune("\"”’')]»", r2) {
				break
			}
			j += n2
		}
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'([—-", next)) {
			continue
		}
		if r == '.' {
			w := lastWord(text[:i])
			if abbr[strings.ToLower(w)] || isInitial(w) {
				nw := strings.ToLower(firstWord(text[k:]))
				if !sentenceStarters[nw] {
					continue
				}
			}
		}
		ends = append(ends, j)
		i = j
	}
	return ends
}

// lastWord is the whitespace-delimited word ending text, with its final period.
func lastWord(text string) string {
	// as strings.LastIndexAny(text, " (\"“"), whose set with a non-ASCII
	// mark decodes every rune; the word follows the first byte of the
	// mark found, so a “ leaves its last two bytes in it
	for i := len(text) - 1; i >= 0; i-- {
		switch text[i] {
		case ' ', '(', '"':
			return text[i+1:]
		case 0x9c: // the last byte of “
			if i >= 2 && text[i-2:i+1] == "“" {
				return text[i-1:]
			}
		}
	}
	return text
}

func firstWord(text string) string {
	text = strings.TrimLeft(text, "\"“‘'([")
	if i := strings.IndexAny(text, " ,;:"); i >= 0 {
		return text[:i]
	}
	return text
}

// isInitial reports a single capital letter and a period ("J.").
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n > 0 && unicode.IsUpper(r) && w[n:] == "."
}
