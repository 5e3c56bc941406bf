package article

import "strings"

// A gazetteer finds lexicon phrases in token sequences, leftmost-longest,
// on token boundaries. Phrases are tokenized the same way as text, so
// "tariff-rate quota" and "U.S." match however the text spaces them. A
// phrase written all in capitals ("DST", "EU") matches case-sensitively;
// other phrases of a case-folding gazetteer match in any case; "*" in a
// phrase stands for any one word.
type gazetteer[T any] struct {
	root     *trieNode[T]
	foldCase bool
	first    tags // the tag of words that may start a phrase, if the extractor tags them

	// the root's children by the number of the lower-cased first word, for
	// tagged tokens: in any case, and as written
	byWord      []*trieNode[T]
	byWordExact [][]keyed[T]
}

// keyed is a child of a node with its key.
type keyed[T any] struct {
	key  string
	node *trieNode[T]
}

type trieNode[T any] struct {
	exact map[string]*trieNode[T] // by the token as written
	fold  map[string]*trieNode[T] // by the token lower-cased
	wild  *trieNode[T]
	vals  []T

	// the first bytes of the keys of exact and fold: most tokens are
	// turned away without a map lookup
	exactHeads, foldHeads byteSet
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }

func newGazetteer[T any](foldCase bool) *gazetteer[T] {
	return &gazetteer[T]{root: &trieNode[T]{}, foldCase: foldCase}
}

// Add registers phrase with payload v.
func (g *gazetteer[T]) Add(phrase string, v T) {
	toks := Tokenize(phrase)
	if len(toks) == 0 {
		return
	}
	exact := !g.foldCase || isAcronym(phrase)
	n := g.root
	for _, t := range toks {
		if t.Text == "*" {
			if n.wild == nil {
				n.wild = &trieNode[T]{}
			}
			n = n.wild
			continue
		}
		m, k, heads := &n.fold, t.Lower, &n.foldHeads
		if exact {
			m, k, heads = &n.exact, t.Text, &n.exactHeads
		}
		heads.add(k[0])
		if *m == nil {
			*m = map[string]*trieNode[T]{}
		}
		c := (*m)[k]
		if c == nil {
			c = &trieNode[T]{}
			(*m)[k] = c
		}
		n = c
	}
	n.vals = append(n.vals, v)
}

// isAcronym: an all-capital phrase such as "DST" or "EU".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 2
}

// Match is a phrase found in a token sequence: tokens [Start, End).
type Match[T any] struct {
	Start, End int
	Vals       []T
}

// Find returns the leftmost-longest matches in toks.
func (g *gazetteer[T]) Find(toks []Token) []Match[T] { return g.appendFind(nil, toks) }

// appendFind appends the leftmost-longest matches in toks to out.
func (g *gazetteer[T]) appendFind(out []Match[T], toks []Token) []Match[T] {
	for i := 0; i < len(toks); {
		end, vals := g.longest(toks, i)
		if end > i {
			out = append(out, Match[T]{Start: i, End: end, Vals: vals})
			i = end
			continue
		}
		i++
	}
	return out
}

func (g *gazetteer[T]) longest(toks []Token, i int) (int, []T) {
	end, vals := -1, []T(nil)
	switch {
	case i >= len(toks):
	case g.mayStart(&toks[i]):
		end, vals = g.walk(g.root, toks, i)
	case g.root.wild != nil && toks[i].IsWord():
		// no phrase starts with this word, but one may start with "*"
		end, vals = g.walk(g.root.wild, toks, i+1)
	}
	if end < 0 {
		return i, nil
	}
	return end, vals
}

// mayStart reports whether a phrase not starting with "*" may start at
// token t: false when its tags say that none starts with its word, or when
// its first byte starts no key of the root.
func (g *gazetteer[T]) mayStart(t *Token) bool {
	if g.first != 0 && t.tags != 0 {
		return t.tags&g.first != 0
	}
	return t.Text != "" && g.root.exactHeads.has(t.Text[0]) || t.Lower != "" && g.root.foldHeads.has(t.Lower[0])
}

// walk follows toks[j:] down from n and returns the end of the longest
// phrase found (-1 when none); it allocates nothing.
func (g *gazetteer[T]) walk(n *trieNode[T], toks []Token, j int) (int, []T) {
	best, vals := -1, []T(nil)
	if len(n.vals) > 0 {
		best, vals = j, n.vals
	}
	if j >= len(toks) {
		return best, vals
	}
	t := &toks[j]
	try := func(c *trieNode[T]) {
		if c == nil {
			return
		}
		if e, v := g.walk(c, toks, j+1); e > best {
			best, vals = e, v
		}
	}
	try(g.exactChild(n, t))
	try(g.foldChild(n, t))
	if n.wild != nil && t.IsWord() {
		try(n.wild)
	}
	return best, vals
}

// markFirst has mark tag each lower-cased word that may start a phrase,
// so that Find skips tokens of other words without looking them up.
func (g *gazetteer[T]) markFirst(mark func(word string, tag tags), tag tags) {
	for k := range g.root.fold {
		mark(k, tag)
	}
	for k := range g.root.exact {
		mark(strings.ToLower(k), tag)
	}
	g.first = tag
}

// indexFirst indexes the root's case-folded children by the number of
// their word, which num gives, from 1 to n.
func (g *gazetteer[T]) indexFirst(num func(word string) int32, n int) {
	g.byWord = make([]*trieNode[T], n+1)
	for k, c := range g.root.fold {
		g.byWord[num(k)] = c
	}
	g.byWordExact = make([][]keyed[T], n+1)
	for k, c := range g.root.exact {
		w := num(strings.ToLower(k))
		g.byWordExact[w] = append(g.byWordExact[w], keyed[T]{k, c})
	}
}

// exactChild is the child of n by token t as written.
func (g *gazetteer[T]) exactChild(n *trieNode[T], t *Token) *trieNode[T] {
	switch {
	case n == g.root && g.byWordExact != nil && t.tags != 0:
		for _, c := range g.byWordExact[t.word] {
			if c.key == t.Text {
				return c.node
			}
		}
	case t.Text != "" && n.exactHeads.has(t.Text[0]):
		return n.exact[t.Text]
	}
	return nil
}

// foldChild is the child of n by token t in any case.
func (g *gazetteer[T]) foldChild(n *trieNode[T], t *Token) *trieNode[T] {
	switch {
	case n == g.root && g.byWord != nil && t.tags != 0:
		return g.byWord[t.word] // a word with no number starts nothing
	case t.Lower != "" && n.foldHeads.has(t.Lower[0]):
		return n.fold[t.Lower]
	}
	return nil
}

// findShared returns the matches of g in toks, appended to *all, an array
// the sentences of a document share, as a slice of their own (nil if none).
func findShared[T any](g *gazetteer[T], all *[]Match[T], toks []Token) []Match[T] {
	n := len(*all)
	*all = g.appendFind(*all, toks)
	if len(*all) == n {
		return nil
	}
	return (*all)[n:len(*all):len(*all)]
}

// one returns the payloads of the one-token phrase t, as Find of t alone
// would: a phrase as written before one in any case before "*".
func (g *gazetteer[T]) one(t Token) []T {
	n := g.root
	if c := g.exactChild(n, &t); c != nil && len(c.vals) > 0 {
		return c.vals
	}
	if c := g.foldChild(n, &t); c != nil && len(c.vals) > 0 {
		return c.vals
	}
	if c := n.wild; c != nil && len(c.vals) > 0 && t.IsWord() {
		return c.vals
	}
	return nil
}
