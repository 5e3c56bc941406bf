package syntax

import (
	"slices"
	"strings"
)

// Tree is a parsed sentence with each word's children, for the rules that
// walk it: who acts, on what, negated or not. Words are named by their IDs
// (1-based); 0 is the root.
type Tree struct {
	Words []Word
	kids  [][]int // kids[id]: the IDs of id's children, in order
}

// NewTree indexes the children of s's words; s must be parsed.
func NewTree(s *Sentence) *Tree {
	t := &Tree{Words: s.Words, kids: make([][]int, len(s.Words)+1)}
	for _, w := range s.Words {
		if w.Head >= 0 && w.Head <= len(s.Words) && w.Head != w.ID {
			t.kids[w.Head] = append(t.kids[w.Head], w.ID)
		}
	}
	return t
}

// Word is the word of id, nil for the root or an ID outside the sentence.
func (t *Tree) Word(id int) *Word {
	if id < 1 || id > len(t.Words) {
		return nil
	}
	return &t.Words[id-1]
}

// Children are the children of id whose relation is one of rels (all of
// them when rels is empty); see Is for how relations match.
func (t *Tree) Children(id int, rels ...string) []int {
	if id < 0 || id >= len(t.kids) {
		return nil
	}
	if len(rels) == 0 {
		return t.kids[id]
	}
	var out []int
	for _, k := range t.kids[id] {
		if t.Is(k, rels...) {
			out = append(out, k)
		}
	}
	return out
}

// Is reports whether the relation of id is one of rels: a relation with a
// subtype ("nsubj:pass") matches itself, one without ("nsubj") matches
// itself and all its subtypes.
func (t *Tree) Is(id int, rels ...string) bool {
	w := t.Word(id)
	if w == nil {
		return false
	}
	for _, r := range rels {
		if w.Deprel == r || !strings.Contains(r, ":") && baseRel(w.Deprel) == r {
			return true
		}
	}
	return false
}

// Conjuncts is id and the words coordinated with it ("Canada and Mexico",
// "scrap quotas and lift tariffs"), in order.
func (t *Tree) Conjuncts(id int) []int {
	out := []int{id}
	for i := 0; i < len(out); i++ {
		out = append(out, t.Children(out[i], "conj")...)
	}
	slices.Sort(out)
	return out
}

// firstConjunct is the word a conjunct is coordinated with, followed to
// the first of the chain.
func (t *Tree) firstConjunct(id int) int {
	for t.Is(id, "conj") {
		id = t.Word(id).Head
	}
	return id
}

// Passive reports whether verb v is in the passive voice.
func (t *Tree) Passive(v int) bool {
	return len(t.Children(v, "nsubj:pass", "aux:pass", "csubj:pass")) > 0
}

// Actors are the words that name who does what verb v says: its subject
// (each conjunct of it), the agent of a passive ("lifted by Seoul"), for
// a verb controlled by another the controller's subject ("Chile agreed to
// scrap quotas") or object ("urged Tokyo to open"), for a verb of a noun's
// clause the noun's possessor ("Brazil's decision to raise duties"), and
// for a coordinated verb without a subject of its own the first verb's.
func (t *Tree) Actors(v int) []int {
	for seen := 0; seen <= len(t.Words); seen++ {
		if t.Passive(v) {
			if a := t.Children(v, "obl:agent"); len(a) > 0 {
				return t.withConjuncts(a)
			}
			return nil
		}
		if s := t.Children(v, "nsubj"); len(s) > 0 {
			return t.withConjuncts(s)
		}
		w := t.Word(v)
		if w == nil {
			return nil
		}
		switch {
		case t.Is(v, "conj"):
			v = t.firstConjunct(v)
		case t.Is(v, "xcomp"):
			if o := t.Children(w.Head, "obj", "iobj"); len(o) > 0 {
				return t.withConjuncts(o)
			}
			v = w.Head
		case t.Is(v, "acl") && !t.Is(v, "acl:relcl"):
			return t.withConjuncts(t.Children(w.Head, "nmod:poss"))
		default:
			return nil
		}
	}
	return nil
}

func (t *Tree) withConjuncts(ids []int) []int {
	var out []int
	for _, id := range ids {
		out = append(out, t.Conjuncts(id)...)
	}
	return out
}

// Negated reports whether word id is negated by a word of its own ("did
// not cut", "never lifted", "no tariffs").
func (t *Tree) Negated(id int) bool {
	for _, k := range t.Children(id, "advmod", "det", "aux") {
		switch strings.ToLower(t.Word(k).Lemma) {
		case "not", "never", "no":
			return true
		}
	}
	return false
}

// Path is the chain of words from id up to the root, id first.
func (t *Tree) Path(id int) []int {
	var out []int
	for w := t.Word(id); w != nil && len(out) <= len(t.Words); w = t.Word(w.Head) {
		out = append(out, w.ID)
	}
	return out
}

// Span is the first and last word of the subtree of id.
func (t *Tree) Span(id int) (first, last int) {
	first, last = id, id
	stack := []int{id}
	for len(stack) > 0 && len(stack) <= len(t.Words) {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		first, last = min(first, k), max(last, k)
		stack = append(stack, t.kids[k]...)
	}
	return first, last
}
