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
}

type trieNode[T any] struct {
	next map[string]*trieNode[T]
	wild *trieNode[T]
	vals []T
}

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
		k := t.Lower
		if exact {
			k = "\x00" + t.Text
		}
		if n.next == nil {
			n.next = map[string]*trieNode[T]{}
		}
		c := n.next[k]
		if c == nil {
			c = &trieNode[T]{}
			n.next[k] = c
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
func (g *gazetteer[T]) Find(toks []Token) []Match[T] {
	var out []Match[T]
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
	type state struct {
		n *trieNode[T]
		j int
	}
	bestEnd, bestVals := i, []T(nil)
	frontier := []state{{g.root, i}}
	for len(frontier) > 0 {
		var next []state
		for _, s := range frontier {
			if len(s.n.vals) > 0 && s.j > bestEnd {
				bestEnd, bestVals = s.j, s.n.vals
			}
			if s.j >= len(toks) {
				continue
			}
			t := toks[s.j]
			if s.n.next != nil {
				if c := s.n.next["\x00"+t.Text]; c != nil {
					next = append(next, state{c, s.j + 1})
				}
				if g.foldCase {
					if c := s.n.next[t.Lower]; c != nil {
						next = append(next, state{c, s.j + 1})
					}
				}
			}
			if s.n.wild != nil && t.IsWord() {
				next = append(next, state{s.n.wild, s.j + 1})
			}
		}
		frontier = next
	}
	return bestEnd, bestVals
}

// phraseKey is the case-folded, space-joined token form of a phrase.
func phraseKey(s string) string {
	toks := Tokenize(s)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Lower
	}
	return strings.Join(parts, " ")
}
