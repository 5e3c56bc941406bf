package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits one sentence's text into syntactic words as the UD English
// Web Treebank does: punctuation split off words, hyphenated compounds split
// at their hyphens (but not after a prefix such as "non-" or "e-", nor inside
// numbers such as telephone numbers), clitics split off their host ("don't"
// is the token of two words "do" and "n't", "Japan's" of "Japan" and "'s"),
// while abbreviations ("Mr.", "U.S."), numbers ("1,000", "3.5", "10:30",
// "11/28/2000"), URLs, e-mail addresses, file names and emoticons stay whole.
//
// Every word's Form is the text's bytes from its Start to its End, never
// normalised; a token of several words is also a MultiWord, whose words'
// forms concatenate to its own. "SpaceAfter=No" is in the Misc of a word, or
// of the MultiWord holding it, that the next one follows with no space. The
// sentence's one comment is "text = " and the text.
func Tokenize(text string) Sentence {
	t := tokenizer{text: text, tokens: make([]token, 0, len(text)/4+1)}
	t.tail = len(strings.TrimRightFunc(text, func(r rune) bool { return isClosing(r) || isSpace(r) }))
	i := 0
	for i < len(text) {
		n := spaceAt(text, i)
		if n > 0 {
			i += n
			continue
		}
		j := i + 1
		for j < len(text) && spaceAt(text, j) == 0 {
			j++
		}
		t.chunk(i, j)
		i = j
	}
	return t.sentence()
}

// spaceAt is the length of the space at i in s, or 0.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// A token is a span of the text that is one word, or several when the
// tokenizer's splits from split to endSplit hold the offsets inside it where
// its words meet.
type token struct {
	start, end      int
	split, endSplit int
}

type tokenizer struct {
	text   string
	tokens []token
	splits []int
	tail   int  // where the closing punctuation and spaces that end the text begin
	quoted bool // a word opened a quotation with a single quotation mark
}

// emit adds the token from a to b, whose words meet at split, in order.
func (t *tokenizer) emit(a, b int, split ...int) {
	if a >= b {
		return
	}
	n := len(t.splits)
	last := a
	for _, k := range split {
		if k <= last || k >= b {
			t.splits = t.splits[:n] // never an empty word
			break
		}
		t.splits = append(t.splits, k)
		last = k
	}
	t.tokens = append(t.tokens, token{a, b, n, len(t.splits)})
}

func (t *tokenizer) sentence() Sentence {
	s := Sentence{Comments: []string{"text = " + t.text}}
	s.Words = make([]Word, 0, len(t.tokens)+len(t.splits))
	for _, tk := range t.tokens {
		misc := ""
		if tk.end < len(t.text) {
			if r, _ := utf8.DecodeRuneInString(t.text[tk.end:]); !isSpace(r) {
				misc = "SpaceAfter=No"
			}
		}
		a := tk.start
		if split := t.splits[tk.split:tk.endSplit]; len(split) > 0 {
			first := len(s.Words) + 1
			s.MultiWords = append(s.MultiWords, MultiWord{
				First: first, Last: first + len(split),
				Form: t.text[tk.start:tk.end], Misc: misc,
			})
			for _, b := range split {
				s.Words = append(s.Words, t.word(a, b, ""))
				a = b
			}
			misc = ""
		}
		s.Words = append(s.Words, t.word(a, tk.end, misc))
	}
	for i := range s.Words {
		s.Words[i].ID = i + 1
	}
	return s
}

func (t *tokenizer) word(a, b int, misc string) Word {
	return Word{Form: t.text[a:b], Misc: misc, Start: a, End: b}
}

// chunk tokenizes the text from a to b, which holds no space.
func (t *tokenizer) chunk(a, b int) {
	text := t.text
	if n := quoteLen(text[a:b]); n > 0 && isLetter(text[a+n:b]) && t.markedWord(a, a, b) == a {
		t.quoted = true
	}
	s := text[a:b]
	if (strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "://")) && strings.ContainsAny(s, "\"<>“”") {
		// A name and an address run together: "Ann"<ann@example.com>.
		i := a
		for i < b {
			k := strings.IndexAny(text[i:b], "\"<>“”")
			if k < 0 {
				t.piece(i, b)
				break
			}
			k += i
			t.piece(i, k)
			r, n := utf8.DecodeRuneInString(text[k:])
			e := k + n
			for e < b && strings.HasPrefix(text[e:b], string(r)) {
				e += n
			}
			t.emit(k, e)
			i = e
		}
		return
	}
	// A ticker in angle brackets, as wire services write after a
	// company's name ("Lynas Corp <LYC.AX>"), is one word.
	for i := a; i < b; {
		k := strings.IndexByte(text[i:b], '<')
		if k < 0 {
			break
		}
		k += i
		if n := tickerLen(text[k:b]); n > 0 {
			t.piece(a, k)
			t.emit(k, k+n)
			a = k + n
		}
		i = k + 1
	}
	t.piece(a, b)
}

// tickerLen is the length of the ticker that s opens with, or 0: "<", one
// to twelve capitals, digits, dots, hyphens or equals signs with at least
// one capital, then ">".
func tickerLen(s string) int {
	capital := false
	for i := 1; i < len(s) && i <= 13; i++ {
		c := s[i]
		switch {
		case c == '>':
			if capital && i > 1 {
				return i + 1
			}
			return 0
		case 'A' <= c && c <= 'Z':
			capital = true
		case '0' <= c && c <= '9', c == '.', c == '-', c == '=':
		default:
			return 0
		}
	}
	return 0
}

// piece tokenizes the text from a to b, a chunk or a part of one.
func (t *tokenizer) piece(a, b int) {
	if a >= b {
		return
	}
	text := t.text
	// Opening punctuation, then the core, then closing punctuation: a core
	// that is a URL, an e-mail address or a file name is one word.
	c := a
	for c < b {
		r, n := utf8.DecodeRuneInString(text[c:])
		if !isOpening(r) {
			break
		}
		c += n
	}
	d := b
	for d > c {
		r, n := utf8.DecodeLastRuneInString(text[c:d])
		if !isClosing(r) {
			break
		}
		d -= n
	}
	if c < d && isWholeWord(text[c:d]) {
		t.punct(a, c)
		t.emit(c, d)
		t.punct(d, b)
		return
	}
	i := a
	for i < b {
		r, _ := utf8.DecodeRuneInString(text[i:])
		if isAlnum(r) {
			if e := emoticonAt(text[i:b]); e > 0 {
				t.emit(i, i+e)
				i += e
				continue
			}
			i = t.words(i, t.wordEnd(i, b), b)
			continue
		}
		if j := t.markedWord(a, i, b); j > i {
			t.emit(i, j)
			i = j
			continue
		}
		j := t.punctEnd(i, b)
		t.emit(i, j)
		i = j
	}
}

// markedWord is the end of a word that begins with a mark at i, in the piece
// of a chunk from a to b, or i: a hashtag ("#news"), a telephone number's country code
// ("+44"), a clitic or a word that begins with an apostrophe ("'s", "'em",
// "'90s").
func (t *tokenizer) markedWord(a, i, b int) int {
	text := t.text
	c := text[i]
	if i+1 >= b {
		return i
	}
	switch {
	case c == '#' && isLetter(text[i+1:b]):
		return t.wordEnd(i+1, b)
	case c == '+' && i == a && isDigit(rune(text[i+1])):
		return t.wordEnd(i+1, b)
	}
	n := 0
	if c == '\'' || c == '`' {
		n = 1
	} else if strings.HasPrefix(text[i:b], "’") {
		n = len("’")
	}
	if n == 0 || i+n >= b || !startsAlnum(text[i+n:b]) {
		return i
	}
	k := i + n
	for k < b && isASCIIAlnum(text[k]) {
		k++
	}
	if k < b && startsAlnum(text[k:b]) {
		return i
	}
	var buf [8]byte
	w := lower(&buf, text[i+n:k])
	switch {
	case isClitic(w), w == "em", w == "cause", w == "til", w == "n":
		return k
	case len(w) >= 2 && isDigit(rune(w[0])) && isDigit(rune(w[1])) && (len(w) == 2 || w[2:] == "s") &&
		(i == a || !isDigit(rune(text[i-1]))):
		return k // '90s, but 5'11 is a height
	}
	return i
}

// capitalized reports whether s begins with a capital and two small letters.
func capitalized(s string) bool {
	return len(s) >= 3 && 'A' <= s[0] && s[0] <= 'Z' && 'a' <= s[1] && s[1] <= 'z' && 'a' <= s[2] && s[2] <= 'z'
}

// isLetter reports whether s begins with a letter.
func isLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// punct tokenizes a run of punctuation from a to b.
func (t *tokenizer) punct(a, b int) {
	for a < b {
		j := t.punctEnd(a, b)
		t.emit(a, j)
		a = j
	}
}

// punctEnd is the end of the punctuation token at i: an emoticon, a run of
// full stops, question and exclamation marks ("...", "?!"), or a run of one
// character ("--", "**"), but a bracket or a quotation mark alone.
func (t *tokenizer) punctEnd(i, b int) int {
	text := t.text
	if e := emoticonAt(text[i:b]); e > 0 {
		return i + e
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	j := i + n
	switch {
	case r == '.' && strings.HasPrefix(text[i:b], "..."):
		for j < b && text[j] == '.' {
			j++
		}
		return j
	case isStop(r):
		for j < b {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isStop(r) {
				break
			}
			j += n
		}
		return j
	case isRule(r) || r == '<' && j < b && (text[j] == '-' || text[j] == '='):
		// A rule or an arrow: "-----", "=-=-=", "-->", "<==".
		for j < b && isRule(rune(text[j])) {
			j++
		}
		if j < b && text[j] == '>' && (text[j-1] == '-' || text[j-1] == '=') {
			j++
		}
		return j
	case r == '\'' || r == '‘' || r == '’':
		// Quotation marks made of single ones: '' ‘’
		for j < b {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r != '\'' && r != '‘' && r != '’' {
				break
			}
			j += n
		}
		return j
	case r == '"' || r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}' ||
		r == '“' || r == '”' || r == '«' || r == '»':
		return j
	case r == '%' || r == '@' || r == '&' || r == '/':
		return j
	}
	for j < b {
		r2, n := utf8.DecodeRuneInString(text[j:])
		if r2 != r {
			break
		}
		j += n
	}
	return j
}

// wordEnd is the end of the word that starts with a letter or digit at i:
// letters and digits, joined by the characters that stay inside a word
// (apostrophes, full stops, the commas and colons of numbers, hyphens after a
// prefix or between the groups of a number, ...), and the full stop of an
// abbreviation. A number is split from a unit after it ("5pm", "35mm") but
// not from an ordinal ending ("3rd") or a plural one ("1990s").
func (t *tokenizer) wordEnd(i, b int) int {
	text := t.text
	seg := i        // the start of the word's last part, after a joined - or /
	numeric := true // the word so far is a number
	j := i
	for j < b {
		r, n := utf8.DecodeRuneInString(text[j:])
		if isAlnum(r) {
			if !isDigit(r) {
				if numeric && j > i {
					k := j
					for k < b && isASCIIAlnum(text[k]) && !isDigit(rune(text[k])) {
						k++
					}
					if !numberEnding(text[j:k]) || k < b && startsAlnum(text[k:b]) {
						break
					}
					j = k
					continue
				}
				numeric = false
			}
			j += n
			continue
		}
		if j+n >= b {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+n:])
		if !isAlnum(next) {
			break
		}
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		join := false
		switch r {
		case '.':
			// Not before a capitalised word: "Dr.Smith" is Dr. and Smith.
			join = !capitalized(text[j+1 : b])
		case '_', '@':
			join, numeric = true, false
		case '\'', '’', '`':
			// "5'11" is 5, ' and 11.
			join, numeric = isLetter(text[j+n:b]), false
		case ',', ':':
			join = isDigit(prev) && isDigit(next)
		case '/':
			join = t.joinSlash(i, seg, j, b)
			if join {
				seg = j + 1
			}
		case '&':
			// "AT&T", "p&l"
			join = isUpper(prev) && isUpper(next) ||
				j-i == 1 && isLetter(text[i:j]) && isLetter(text[j+1:b]) && (j+2 == b || !startsAlnum(text[j+2:b]))
		case '-':
			join = t.joinHyphen(i, seg, j, b)
			if join {
				seg = j + 1
			}
		}
		if !join {
			break
		}
		j += n
	}
	if j < b && text[j] == '.' && t.abbreviation(i, j, b) {
		j++
	}
	return j
}

// numberEnding reports whether s, letters after a number, stays on it: the
// ending of an ordinal or a plural.
func numberEnding(s string) bool {
	var buf [8]byte
	switch lower(&buf, s) {
	case "st", "nd", "rd", "th", "s":
		return true
	}
	return false
}

// digitsAt is the end of the run of digits at k.
func digitsAt(s string, k, b int) int {
	for k < b && isDigit(rune(s[k])) {
		k++
	}
	return k
}

// number is the value of a run of at most 9 digits.
func number(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 9; i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// trailingDigits is the run of digits that ends s.
func trailingDigits(s string) string {
	k := len(s)
	for k > 0 && isDigit(rune(s[k-1])) {
		k--
	}
	return s[k:]
}

// joinHyphen reports whether the hyphen at j stays inside the word begun at
// i, whose part after its last joined hyphen or slash begins at seg.
func (t *tokenizer) joinHyphen(i, seg, j, b int) bool {
	text := t.text
	left := text[seg:j]
	k := digitsAt(text, j+1, b)
	right := text[j+1 : k]
	if l := trailingDigits(left); l != "" && right != "" {
		// The groups of a telephone number or a date stay together, so do
		// the three-digit groups of a code; a range such as "3-4", "200-300"
		// or "1969-1970" is split.
		switch {
		case k < b && text[k] == '-', seg > i && text[seg-1] == '-':
			return true
		case len(right) == 4:
			return len(l) != 4 && len(l) != 2
		case len(l) == 3 && len(right) == 3:
			return number(l) >= number(right)
		}
		return false
	}
	return isPrefix(left)
}

// joinSlash reports whether the slash at j stays inside the word begun at i,
// whose part after its last joined hyphen or slash begins at seg: the slashes of a date
// ("11/28/2000", "9/11", not a fraction such as "3/4") and of an
// abbreviation such as "w/o" or "l/c".
func (t *tokenizer) joinSlash(i, seg, j, b int) bool {
	text := t.text
	left := text[seg:j]
	if allDigits(left) {
		k := digitsAt(text, j+1, b)
		right := text[j+1 : k]
		if right == "" {
			return false
		}
		if k < b && text[k] == '/' || seg > i && text[seg-1] == '/' {
			return true // a date
		}
		if len(left) == 3 && len(right) == 3 && k < b && text[k] == '-' {
			return true // a telephone number: 713/853-3989
		}
		m, d := number(left), number(right)
		return len(left) <= 2 && len(right) <= 2 && 1 <= m && m <= 12 && 1 <= d && d <= 31 &&
			(m >= 10 || d >= 10)
	}
	// "b/c", "w/o"
	return len(left) == 1 && 'a' <= left[0] && left[0] <= 'z' && j+2 <= b && 'a' <= text[j+1] && text[j+1] <= 'z' &&
		(j+2 == b || !startsAlnum(text[j+2:b]))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// prefixes are the word beginnings that the treebank keeps on the word after
// their hyphen ("non-violent", "e-mail", "re-read").
var prefixes = map[string]bool{
	"a": true, "anti": true, "arch": true, "bi": true, "co": true, "counter": true,
	"cross": true, "de": true, "e": true, "ex": true, "extra": true, "hyper": true,
	"inter": true, "intra": true, "macro": true, "micro": true, "mid": true, "mis": true,
	"mini": true, "multi": true, "neo": true, "non": true, "over": true,
	"post": true, "pre": true, "pro": true, "pseudo": true, "psycho": true,
	"re": true, "semi": true, "socio": true, "sub": true, "super": true,
	"trans": true, "tri": true, "ultra": true, "un": true, "uni": true,
}

func isPrefix(s string) bool {
	var buf [8]byte
	return prefixes[lower(&buf, s)]
}

// lower is s in small letters, in buf; "" if s is longer than buf. Its
// result is for looking up words in tables without allocating.
func lower(buf *[8]byte, s string) string {
	if len(s) > len(buf) {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(s)])
}

// abbreviations are the words whose full stop the treebank keeps on them,
// in any case ("Inc.", "INC."); capitalAbbreviations only with a capital, as
// each is also a word ("No.", "Sun.").
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "messrs": true, "dr": true, "drs": true,
	"st": true, "sts": true, "jr": true, "sr": true, "prof": true, "lt": true,
	"capt": true, "sgt": true, "cpl": true, "maj": true, "adm": true, "gov": true,
	"sen": true, "reps": true, "pvt": true, "inc": true, "corp": true, "co": true,
	"ltd": true, "bros": true, "vs": true, "etc": true, "jan": true, "feb": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "tues": true, "thur": true, "thurs": true,
	"attn": true, "approx": true, "esp": true, "dept": true, "ext": true, "oz": true,
	"lb": true, "lbs": true, "yrs": true, "mins": true, "hrs": true, "cf": true,
	"eg": true, "ie": true, "ph": true, "ps": true, "calif": true, "fla": true,
	"ariz": true, "colo": true, "conn": true, "tex": true, "assn": true, "univ": true,
	"govt": true, "mfg": true, "intl": true, "blvd": true, "ave": true, "rd": true,
	"vol": true, "nos": true, "misc": true, "pp": true, "tel": true, "arrv": true,
	"ft": true, "mt": true, "ste": true, "cont": true, "al": true,
}

var capitalAbbreviations = map[string]bool{
	"No": true, "Gen": true, "Rep": true, "Rev": true, "Pres": true, "Hon": true,
	"Col": true, "Fig": true, "Mar": true, "Mon": true, "Tue": true, "Wed": true,
	"Thu": true, "Fri": true, "Sat": true, "Sun": true, "La": true, "Va": true,
	"Mass": true, "Wash": true, "Penn": true,
}

// abbreviation reports whether the full stop at j ends the word begun at i as
// an abbreviation: a word with full stops inside ("U.S.", "p.m."), a single
// letter (an initial), or a known abbreviation. The full stop that ends the
// sentence is split off all of them, but one that another stop follows
// ("Inc..", "U.S.?") stays on the word.
func (t *tokenizer) abbreviation(i, j, b int) bool {
	text := t.text
	k := j + 1
	for k < b && isStop(rune(text[k])) {
		k++
	}
	switch run := text[j+1 : k]; {
	case run == "" && j >= t.tail:
		return false // the end of the sentence
	case len(run) > 1 && run[0] == '.':
		return false // "etc..." is etc and an ellipsis
	}
	w := text[i:j]
	if strings.IndexByte(w, '.') >= 0 {
		return !strings.Contains(w, "@")
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(r) {
		return true
	}
	var buf [8]byte
	return abbreviations[lower(&buf, w)] || capitalAbbreviations[w]
}

// words adds the word from i to j of the chunk ending at b, split into the
// words of a contraction or a possessive where it is one, and returns where
// it ends: after j if it took the apostrophe of a plural possessive.
func (t *tokenizer) words(i, j, b int) int {
	text := t.text
	w := text[i:j]
	// A plural possessive, "states'", unless the mark closes a quotation.
	if n := quoteLen(text[j:b]); n > 0 && (j+n == b || !startsAlnum(text[j+n:b])) {
		if t.quoted {
			t.quoted = false
			t.emit(i, j)
			return j
		}
		if last := w[len(w)-1]; last == 's' || last == 'S' {
			if k := cliticSplit(w); k > 0 {
				t.emit(i, j+n, i+k, j)
			} else {
				t.emit(i, j+n, j)
			}
			return j + n
		}
	}
	if k := cliticSplit(w); k > 0 && !(allDigits(w[:k]) && isPossessive(w[k:])) {
		if k2 := cliticSplit(w[:k]); k2 > 0 {
			t.emit(i, j, i+k2, i+k)
		} else {
			t.emit(i, j, i+k)
		}
		return j
	}
	if len(w) == 3 && strings.EqualFold(w, "its") && itIs(nextWord(text[j:])) {
		t.emit(i, j, i+2)
		return j
	}
	if lens := fused(w); lens != nil {
		var sp [2]int
		k := i
		for x, l := range lens {
			k += l
			sp[x] = k
		}
		t.emit(i, j, sp[:len(lens)]...)
		return j
	}
	t.emit(i, j)
	return j
}

// nextWord is the first word of s after its spaces: its run of letters.
func nextWord(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	j := i
	for j < len(s) && j-i < 12 && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z') {
		j++
	}
	return s[i:j]
}

// itIs reports whether "its" before next is "it's" written without its
// apostrophe: next is a word that cannot follow the possessive "its", such
// as an article, "not" or an adverb of degree.
func itIs(next string) bool {
	var buf [8]byte
	switch lower(&buf, next) {
	case "a", "an", "the", "not", "been", "being", "just", "also", "really", "very",
		"so", "too", "simply", "still", "now", "all", "always", "definitely", "probably",
		"like", "in", "on", "at", "for", "from", "about", "between", "nothing", "ok",
		"okay", "no", "because", "getting", "going", "gonna", "got", "totally", "actually",
		"pretty", "quite", "kind", "kinda", "never", "almost", "that", "this", "what",
		"my", "your", "our", "their", "his", "her":
		return true
	}
	return false
}

// quoteLen is the length of the single quotation mark or apostrophe that
// begins s (' ‘ ’), or 0.
func quoteLen(s string) int {
	switch {
	case strings.HasPrefix(s, "'"):
		return 1
	case strings.HasPrefix(s, "‘"), strings.HasPrefix(s, "’"):
		return len("’")
	}
	return 0
}

func startsAlnum(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isAlnum(r)
}

// cliticSplit is where a clitic begins in w ("n't", "'s", "'ll", ...), or 0.
func cliticSplit(w string) int {
	n := len(w)
	// n't, n’t
	if n > 3 && (w[n-1] == 't' || w[n-1] == 'T') {
		if a := apostropheBefore(w, n-1); a > 1 && (w[a-1] == 'n' || w[a-1] == 'N') {
			return a - 1
		}
	}
	// 's 'm 'd, 're 've 'll
	for _, k := range [2]int{1, 2} {
		if n <= k {
			continue
		}
		if a := apostropheBefore(w, n-k); a > 0 && isClitic(w[n-k:]) {
			return a
		}
	}
	return 0
}

// apostropheBefore is the offset of the apostrophe (', ’ or `) that ends at e
// in w, or -1.
func apostropheBefore(w string, e int) int {
	if e >= 1 && (w[e-1] == '\'' || w[e-1] == '`') {
		return e - 1
	}
	if e >= 3 && w[e-3:e] == "’" {
		return e - 3
	}
	return -1
}

// isPossessive reports whether s is "'s" with any apostrophe, which after a
// number makes a plural ("1990's") that stays one word.
func isPossessive(s string) bool {
	return len(s) >= 2 && (s[len(s)-1] == 's' || s[len(s)-1] == 'S') && apostropheBefore(s, len(s)-1) == 0
}

func isClitic(s string) bool {
	var buf [8]byte
	switch lower(&buf, s) {
	case "s", "m", "d", "re", "ve", "ll":
		return true
	}
	return false
}

// fusions are the words written without their apostrophe or space that the
// treebank splits all the same, with the lengths of their words but the last
// (two at most).
var fusions = map[string][]int{
	"cannot": {3}, "gonna": {3}, "wanna": {3}, "gotta": {3}, "outta": {3},
	"dunno": {2, 1}, "dont": {2}, "didnt": {3}, "doesnt": {4}, "cant": {2},
	"wont": {2}, "isnt": {2}, "arent": {3}, "wasnt": {3}, "werent": {4},
	"havent": {4}, "hasnt": {3}, "hadnt": {3}, "couldnt": {5}, "wouldnt": {5},
	"shouldnt": {6}, "aint": {2}, "im": {1}, "ive": {1}, "youre": {3},
	"youve": {3}, "youll": {3}, "theyre": {4}, "thats": {4}, "whats": {4},
	"hes": {2}, "theres": {5}, "elses": {4}, "itll": {2}, "i'ma": {1, 2}, "c'mon": {3},
}

// fused is the lengths of the words but the last of w if it is a fusion
// such as "cannot" or "gonna", or nil.
func fused(w string) []int {
	var buf [8]byte
	return fusions[lower(&buf, w)]
}

// isWholeWord reports whether s, a chunk without its outer punctuation, is a
// URL, an e-mail address, a domain or a file name, which stay one word.
func isWholeWord(s string) bool {
	if len(s) < 4 || strings.IndexByte(s, '.') < 0 && strings.IndexByte(s, ':') < 0 {
		return false
	}
	if strings.Contains(s, "://") || hasPrefixFold(s, "www.") || hasPrefixFold(s, "mailto:") {
		return true
	}
	if at := strings.IndexByte(s, '@'); at > 0 && at < len(s)-1 {
		if dot := strings.LastIndexByte(s, '.'); dot > at+1 && dot < len(s)-1 {
			return true
		}
	}
	dot := strings.LastIndexByte(s, '.')
	if dot < 0 || dot == len(s)-1 {
		return false
	}
	var buf [8]byte
	ext := lower(&buf, s[dot+1:])
	if dot > 0 && (fileExts[ext] || domains[ext] && dot > 1) {
		return true
	}
	return dot == 0 && fileExts[ext]
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

var fileExts = map[string]bool{
	"doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true, "pptx": true,
	"pdf": true, "txt": true, "htm": true, "html": true, "jpg": true, "jpeg": true,
	"gif": true, "png": true, "mp3": true, "mp4": true, "zip": true, "exe": true,
	"url": true, "csv": true, "xml": true, "wav": true, "avi": true, "rtf": true,
}

var domains = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true,
}

// emoticons are the faces the treebank keeps as one word.
var emoticons = []string{
	":-)", ":-(", ";-)", ":-D", ":-P", ":-p", ":'(", "^_^", "-_-", "^^",
	":)", ":(", ";)", "(:", ":D", ":P", ":p", ":/", ":O", ":o", "=)", "<3", "XD",
}

// emoticonAt is the length of the emoticon s begins with, or 0.
func emoticonAt(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[0] {
	case ':', ';', '^', '-', '=', '<', 'X', '(':
	default:
		return 0
	}
	for _, e := range emoticons {
		if strings.HasPrefix(s, e) {
			// A face ends its chunk or is followed by punctuation.
			if len(s) > len(e) && startsAlnum(s[len(e):]) {
				return 0
			}
			return len(e)
		}
	}
	return 0
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

// isAlnum reports whether r is part of a word: a letter, a digit, a mark; or
// a byte that is not UTF-8.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r == utf8.RuneError || unicode.In(r, unicode.L, unicode.M, unicode.N) || r == '\u00ad'
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// isStop reports whether r is a full stop, a question or an exclamation mark,
// which run together ("...", "?!").
func isStop(r rune) bool { return r == '.' || r == '?' || r == '!' || r == '…' }

// isRule reports whether r draws rules and arrows, in runs of any of them.
func isRule(r rune) bool { return r == '-' || r == '=' || r == '_' || r == '~' || r == '*' }

func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '\'', '<', '“', '‘', '«':
		return true
	}
	return false
}

func isClosing(r rune) bool {
	switch r {
	case ')', ']', '}', '"', '\'', '>', '”', '’', '»', '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}
