package syntax

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// Parser finds each word's head and relation with the arc-hybrid
// transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011): a stack, a
// buffer, and three moves, SHIFT, LEFT (the top of the stack takes the
// front of the buffer as its head) and RIGHT (it takes the word below it),
// each labelled with a relation. An averaged perceptron picks the move,
// greedily, over the rich non-local features of Zhang and Nivre (2011);
// it is trained with the dynamic oracle of Goldberg and Nivre (2013), which
// teaches it to recover from its own mistakes. A second perceptron names
// the relation of each arc as it is made, from the two words and the
// children the dependent has gathered.
type Parser struct {
	labels []string // of each relation
	root   int      // the relation of the root
	moves  *weights // of shift, left and right
	rels   *weights // of the relations
}

// The moves.
const (
	shift = iota
	left
	right
	moveCount
)

const none = -1 // no word: an empty stack place, a missing child

// parseState is a configuration of the transition system over words
// 1..n, with 0 the root.
type parseState struct {
	n      int
	stack  []int
	b      int // the front of the buffer; n+1 when it is empty
	head   []int
	label  []int
	lc, rc [][2]int // leftmost and second leftmost children; rightmost likewise
	nl, nr []int    // how many left and right children
	ls, rs []uint64 // the set of the relations of the left and right children
}

func (s *parseState) reset(n int) {
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	grow := func(x []int) []int { return slices.Grow(x[:0], n+1)[:n+1] }
	s.head, s.label, s.nl, s.nr = grow(s.head), grow(s.label), grow(s.nl), grow(s.nr)
	s.lc = slices.Grow(s.lc[:0], n+1)[:n+1]
	s.rc = slices.Grow(s.rc[:0], n+1)[:n+1]
	s.ls = slices.Grow(s.ls[:0], n+1)[:n+1]
	s.rs = slices.Grow(s.rs[:0], n+1)[:n+1]
	for i := 0; i <= n; i++ {
		s.head[i], s.label[i], s.nl[i], s.nr[i] = none, none, 0, 0
		s.lc[i], s.rc[i] = [2]int{none, none}, [2]int{none, none}
		s.ls[i], s.rs[i] = 0, 0
	}
}

func (s *parseState) done() bool { return s.b > s.n && len(s.stack) == 1 }

// st is the k-th word from the top of the stack, or none.
func (s *parseState) st(k int) int {
	if k < len(s.stack) {
		return s.stack[len(s.stack)-1-k]
	}
	return none
}

// buf is the k-th word of the buffer, or none.
func (s *parseState) buf(k int) int {
	if s.b+k <= s.n {
		return s.b + k
	}
	return none
}

// valid reports whether move m can be made; RIGHT onto the root is kept for
// the last word, so that every sentence has one root.
func (s *parseState) valid(m int) bool {
	switch m {
	case shift:
		return s.b <= s.n
	case left:
		return s.b <= s.n && len(s.stack) >= 2
	}
	return len(s.stack) >= 2 && (s.st(1) != 0 || s.b > s.n)
}

// arc is the head and dependent of move m, which is left or right.
func (s *parseState) arc(m int) (h, d int) {
	d = s.st(0)
	if m == left {
		return s.b, d
	}
	return s.st(1), d
}

// apply makes move m, with relation l for an arc.
func (s *parseState) apply(m, l int) {
	if m == shift {
		s.stack = append(s.stack, s.b)
		s.b++
		return
	}
	h, d := s.arc(m)
	s.stack = s.stack[:len(s.stack)-1]
	s.head[d], s.label[d] = h, l
	if d < h {
		// d is left of h and, being attached later than h's other left
		// children (which lie right of it), the leftmost so far
		s.lc[h] = [2]int{d, s.lc[h][0]}
		s.nl[h]++
		s.ls[h] |= 1 << (l & 63)
	} else {
		s.rc[h] = [2]int{d, s.rc[h][0]}
		s.nr[h]++
		s.rs[h] |= 1 << (l & 63)
	}
}

// costs sets the number of gold arcs each move makes unreachable, for the
// gold heads (Goldberg and Nivre 2013, arc-hybrid).
func (s *parseState) costs(gh []int, cost []int) {
	s0, s1, b0 := s.st(0), s.st(1), s.buf(0)
	depsInBuffer := func(h int) int {
		k := 0
		for d := s.b; d <= s.n; d++ {
			if gh[d] == h {
				k++
			}
		}
		return k
	}
	inStack := func(x int) bool {
		for _, y := range s.stack {
			if y == x {
				return true
			}
		}
		return false
	}
	var lc, rc, sh int
	if s0 > 0 {
		deps := depsInBuffer(s0)
		lc = deps
		if gh[s0] == s1 || gh[s0] > s.b {
			lc++
		}
		rc = deps
		if gh[s0] >= s.b {
			rc++
		}
	}
	if b0 != none {
		for _, d := range s.stack {
			if d > 0 && gh[d] == b0 {
				sh++
			}
		}
		if gh[b0] != s0 && inStack(gh[b0]) {
			sh++
		}
	}
	cost[shift], cost[left], cost[right] = sh, lc, rc
}

// Parser feature templates.
const (
	pS0wp = iota + 1
	pS0w
	pS0p
	pB0wp
	pB0w
	pB0p
	pB1wp
	pB1w
	pB1p
	pB2wp
	pB2w
	pB2p
	pS1wp
	pS1w
	pS1p
	pS2p
	pS0wpB0wp
	pS0wpB0w
	pS0wB0wp
	pS0wpB0p
	pS0pB0wp
	pS0wB0w
	pS0pB0p
	pB0pB1p
	pS1wpS0wp
	pS1wS0w
	pS1pS0p
	pS1pS0wp
	pS1wpS0p
	pB0pB1pB2p
	pS0pB0pB1p
	pS1pS0pB0p
	pS0pS0l1pB0p
	pS0pS0r1pB0p
	pS0pB0pB0l1p
	pS1pS0pS0l1p
	pS1pS0pS0r1p
	pS1pS1r1pS0p
	pS1pS1l1pS0p
	pS2pS1pS0p
	pS0wD
	pS0pD
	pB0wD
	pB0pD
	pS0wB0wD
	pS0pB0pD
	pS1pS0pD
	pS1wS0wD
	pS0wVr
	pS0pVr
	pS0wVl
	pS0pVl
	pB0wVl
	pB0pVl
	pS1pVr
	pS1pVl
	pS0l1w
	pS0l1p
	pS0l1l
	pS0r1w
	pS0r1p
	pS0r1l
	pB0l1w
	pB0l1p
	pB0l1l
	pS1r1w
	pS1r1p
	pS1r1l
	pS1l1p
	pS1l1l
	pS0l2w
	pS0l2p
	pS0l2l
	pS0r2w
	pS0r2p
	pS0r2l
	pB0l2w
	pB0l2p
	pB0l2l
	pS0pS0l1pS0l2p
	pS0pS0r1pS0r2p
	pB0pB0l1pB0l2p
	pS1pS1r1pS1r2p
	pS0pS0ls
	pS0pS0rs
	pB0pB0ls
	pS1pS1rs
	pB0wB1w
	pS0wS1w
	pS0pPunct
	pB0pPunct
	pS0u
	pB0u
	pS1u
	pS0uB0u
	pS1uS0u
	pS1uS0uB0u
	pS0uB0uB1u
	pS0suffix
	pB0suffix
	pS0suffixB0p
	pS0pB0suffix
	pB1u
	pS2u
	pS0lemmaB0lemma
	pS0lemmaB0u
	pS0uB0lemma
	pS1lemmaS0lemma
)

// parseContext holds what the features read of a sentence's words, with
// index 0 the root, and the buffers of one parse.
type parseContext struct {
	word, tag []uint64
	upos      []uint64 // the universal part of speech alone
	lemma     []uint64
	suffix    []uint64 // the last three characters of each word
	punct     []int    // separating marks (, : ; - --) before each word, a running count
	state     parseState
	feats     []feature
	scores    classScores
	lex       lexBuf
}

var (
	noneWord, noneTag = hashString("<none>"), hashString("<none>/tag")
	rootWord, rootTag = hashString("<root>"), hashString("<root>/tag")
)

func tagHash(w *Word) uint64 { return hashString(w.UPOS) ^ fmix(hashString(w.XPOS)) }

func (c *parseContext) reset(words []Word) {
	c.word = append(c.word[:0], rootWord)
	c.tag = append(c.tag[:0], rootTag)
	c.upos = append(c.upos[:0], rootTag)
	c.lemma = append(c.lemma[:0], rootWord)
	c.punct = append(c.punct[:0], 0)
	c.suffix = append(c.suffix[:0], rootWord)
	k := 0
	for i := range words {
		x := lexemeOf(words[i].Form, &c.lex)
		c.word = append(c.word, x.norm)
		c.suffix = append(c.suffix, x.suffix[2])
		c.tag = append(c.tag, tagHash(&words[i]))
		c.upos = append(c.upos, hashString(words[i].UPOS))
		c.lemma = append(c.lemma, hashString(words[i].Lemma))
		if f := words[i].Form; f == "," || f == ":" || f == ";" || f == "-" || f == "--" {
			k++
		}
		c.punct = append(c.punct, k)
	}
	c.state.reset(len(words))
}

func (c *parseContext) w(i int) uint64 {
	if i == none {
		return noneWord
	}
	return c.word[i]
}

func (c *parseContext) p(i int) uint64 {
	if i == none {
		return noneTag
	}
	return c.tag[i]
}

func (c *parseContext) u(i int) uint64 {
	if i == none {
		return noneTag
	}
	return c.upos[i]
}

func (c *parseContext) lem(i int) uint64 {
	if i == none {
		return noneWord
	}
	return c.lemma[i]
}

func (c *parseContext) sfx(i int) uint64 {
	if i == none {
		return noneWord
	}
	return c.suffix[i]
}

func (c *parseContext) l(s *parseState, i int) uint64 {
	if i == none {
		return 1 << 32
	}
	return uint64(s.label[i] + 1)
}

// child is a child of i, or none when i is none.
func child(cs [][2]int, i, k int) int {
	if i == none {
		return none
	}
	return cs[i][k]
}

func count(xs []int, i int) uint64 {
	if i == none {
		return 1 << 32
	}
	return uint64(min(xs[i], 4))
}

func set(xs []uint64, i int) uint64 {
	if i == none {
		return 1 << 63
	}
	return xs[i]
}

// distance is b-a, capped, or a mark for a missing word.
func distance(a, b int) uint64 {
	if a == none || b == none {
		return 1 << 32
	}
	d := b - a
	switch {
	case d > 10:
		return 11
	case d > 5:
		return 6
	}
	return uint64(d)
}

func (c *parseContext) features() []feature {
	s := &c.state
	s0, s1, s2 := s.st(0), s.st(1), s.st(2)
	b0, b1, b2 := s.buf(0), s.buf(1), s.buf(2)
	s0w, s0p, b0w, b0p := c.w(s0), c.p(s0), c.w(b0), c.p(b0)
	b1w, b1p, b2w, b2p := c.w(b1), c.p(b1), c.w(b2), c.p(b2)
	s1w, s1p, s2p := c.w(s1), c.p(s1), c.p(s2)
	s0u, b0u, s1u := c.u(s0), c.u(b0), c.u(s1)
	s0wp, b0wp, b1wp, b2wp, s1wp := s0w^fmix(s0p), b0w^fmix(b0p), b1w^fmix(b1p), b2w^fmix(b2p), s1w^fmix(s1p)
	s0l1, s0l2 := child(s.lc, s0, 0), child(s.lc, s0, 1)
	s0r1, s0r2 := child(s.rc, s0, 0), child(s.rc, s0, 1)
	b0l1, b0l2 := child(s.lc, b0, 0), child(s.lc, b0, 1)
	s1l1 := child(s.lc, s1, 0)
	s1r1, s1r2 := child(s.rc, s1, 0), child(s.rc, s1, 1)
	d, d1 := distance(s0, b0), distance(s1, s0)
	if s0 == 0 {
		d = 1 << 33
	}
	var punctS0B0, punctS1S0 uint64 = 1 << 32, 1 << 32
	if s0 > 0 && b0 != none {
		punctS0B0 = uint64(min(c.punct[b0-1]-c.punct[s0], 3))
	}
	if s1 > 0 {
		punctS1S0 = uint64(min(c.punct[s0-1]-c.punct[s1], 3))
	}
	c.feats = append(c.feats[:0],
		feat1(pS0wp, s0wp), feat1(pS0w, s0w), feat1(pS0p, s0p),
		feat1(pB0wp, b0wp), feat1(pB0w, b0w), feat1(pB0p, b0p),
		feat1(pB1wp, b1wp), feat1(pB1w, b1w), feat1(pB1p, b1p),
		feat1(pB2wp, b2wp), feat1(pB2w, b2w), feat1(pB2p, b2p),
		feat1(pS1wp, s1wp), feat1(pS1w, s1w), feat1(pS1p, s1p), feat1(pS2p, s2p),
		feat2(pS0wpB0wp, s0wp, b0wp), feat2(pS0wpB0w, s0wp, b0w), feat2(pS0wB0wp, s0w, b0wp),
		feat2(pS0wpB0p, s0wp, b0p), feat2(pS0pB0wp, s0p, b0wp), feat2(pS0wB0w, s0w, b0w),
		feat2(pS0pB0p, s0p, b0p), feat2(pB0pB1p, b0p, b1p),
		feat2(pS1wpS0wp, s1wp, s0wp), feat2(pS1wS0w, s1w, s0w), feat2(pS1pS0p, s1p, s0p),
		feat2(pS1pS0wp, s1p, s0wp), feat2(pS1wpS0p, s1wp, s0p),
		feat3(pB0pB1pB2p, b0p, b1p, b2p), feat3(pS0pB0pB1p, s0p, b0p, b1p),
		feat3(pS1pS0pB0p, s1p, s0p, b0p),
		feat3(pS0pS0l1pB0p, s0p, c.p(s0l1), b0p), feat3(pS0pS0r1pB0p, s0p, c.p(s0r1), b0p),
		feat3(pS0pB0pB0l1p, s0p, b0p, c.p(b0l1)),
		feat3(pS1pS0pS0l1p, s1p, s0p, c.p(s0l1)), feat3(pS1pS0pS0r1p, s1p, s0p, c.p(s0r1)),
		feat3(pS1pS1r1pS0p, s1p, c.p(s1r1), s0p), feat3(pS1pS1l1pS0p, s1p, c.p(s1l1), s0p),
		feat3(pS2pS1pS0p, s2p, s1p, s0p),
		feat2(pS0wD, s0w, d), feat2(pS0pD, s0p, d), feat2(pB0wD, b0w, d), feat2(pB0pD, b0p, d),
		feat3(pS0wB0wD, s0w, b0w, d), feat3(pS0pB0pD, s0p, b0p, d),
		feat3(pS1pS0pD, s1p, s0p, d1), feat3(pS1wS0wD, s1w, s0w, d1),
		feat2(pS0wVr, s0w, count(s.nr, s0)), feat2(pS0pVr, s0p, count(s.nr, s0)),
		feat2(pS0wVl, s0w, count(s.nl, s0)), feat2(pS0pVl, s0p, count(s.nl, s0)),
		feat2(pB0wVl, b0w, count(s.nl, b0)), feat2(pB0pVl, b0p, count(s.nl, b0)),
		feat2(pS1pVr, s1p, count(s.nr, s1)), feat2(pS1pVl, s1p, count(s.nl, s1)),
		feat1(pS0l1w, c.w(s0l1)), feat1(pS0l1p, c.p(s0l1)), feat1(pS0l1l, c.l(s, s0l1)),
		feat1(pS0r1w, c.w(s0r1)), feat1(pS0r1p, c.p(s0r1)), feat1(pS0r1l, c.l(s, s0r1)),
		feat1(pB0l1w, c.w(b0l1)), feat1(pB0l1p, c.p(b0l1)), feat1(pB0l1l, c.l(s, b0l1)),
		feat1(pS1r1w, c.w(s1r1)), feat1(pS1r1p, c.p(s1r1)), feat1(pS1r1l, c.l(s, s1r1)),
		feat1(pS1l1p, c.p(s1l1)), feat1(pS1l1l, c.l(s, s1l1)),
		feat1(pS0l2w, c.w(s0l2)), feat1(pS0l2p, c.p(s0l2)), feat1(pS0l2l, c.l(s, s0l2)),
		feat1(pS0r2w, c.w(s0r2)), feat1(pS0r2p, c.p(s0r2)), feat1(pS0r2l, c.l(s, s0r2)),
		feat1(pB0l2w, c.w(b0l2)), feat1(pB0l2p, c.p(b0l2)), feat1(pB0l2l, c.l(s, b0l2)),
		feat3(pS0pS0l1pS0l2p, s0p, c.p(s0l1), c.p(s0l2)),
		feat3(pS0pS0r1pS0r2p, s0p, c.p(s0r1), c.p(s0r2)),
		feat3(pB0pB0l1pB0l2p, b0p, c.p(b0l1), c.p(b0l2)),
		feat3(pS1pS1r1pS1r2p, s1p, c.p(s1r1), c.p(s1r2)),
		feat2(pS0pS0ls, s0p, set(s.ls, s0)), feat2(pS0pS0rs, s0p, set(s.rs, s0)),
		feat2(pB0pB0ls, b0p, set(s.ls, b0)), feat2(pS1pS1rs, s1p, set(s.rs, s1)),
		feat2(pB0wB1w, b0w, b1w), feat2(pS0wS1w, s0w, s1w),
		feat3(pS0pPunct, s0p, b0p, punctS0B0), feat3(pB0pPunct, s1p, s0p, punctS1S0),
		feat1(pS0u, s0u), feat1(pB0u, b0u), feat1(pS1u, s1u), feat2(pS0uB0u, s0u, b0u),
		feat2(pS1uS0u, s1u, s0u), feat3(pS1uS0uB0u, s1u, s0u, b0u), feat3(pS0uB0uB1u, s0u, b0u, c.u(b1)),
		feat1(pS0suffix, c.sfx(s0)), feat1(pB0suffix, c.sfx(b0)),
		feat2(pS0suffixB0p, c.sfx(s0), b0p), feat2(pS0pB0suffix, s0p, c.sfx(b0)),
		feat1(pB1u, c.u(b1)), feat1(pS2u, c.u(s2)),
		feat2(pS0lemmaB0lemma, c.lem(s0), c.lem(b0)), feat2(pS0lemmaB0u, c.lem(s0), b0u),
		feat2(pS0uB0lemma, s0u, c.lem(b0)), feat2(pS1lemmaS0lemma, c.lem(s1), c.lem(s0)),
	)
	return c.feats
}

// Relation feature templates.
const (
	rBias = iota + 200
	rDw
	rDp
	rDwp
	rHw
	rHp
	rHwp
	rDir
	rDpDir
	rHpDir
	rHpDp
	rHpDpDir
	rHwDp
	rHpDw
	rHwDw
	rDpDist
	rDsuffix
	rDl1l
	rDr1l
	rDl1p
	rDr1p
	rDls
	rDrs
	rHls
	rHrs
	rDpDlsDrs
	rHpDpHls
	rDnextP
	rDprevP
	rDpDnextP
	rHpDpPunct
	rDwDir
	rHwDir
	rDpDl1wl
	rHpDpRoot
	rDuHu
	rDuHuDir
	rHsuffixDp
	rDsuffixHp
	rHwDw2
	rDl1lDr1l
	rHl1lDir
	rHr1lDir
	rDnum
	rDwHp
	rDlemma
	rHlemma
	rHlemmaDlemma
	rHlemmaDpDir
	rDlemmaHpDir
)

// relFeatures are the features of the relation of the arc from h to d.
func (c *parseContext) relFeatures(h, d int) []feature {
	s := &c.state
	dir := uint64(0)
	if d > h {
		dir = 1
	}
	dw, dp, hw, hp := c.w(d), c.p(d), c.w(h), c.p(h)
	dist := distance(min(h, d), max(h, d))
	if h == 0 {
		dist = 1 << 33
	}
	next, prev := none, none
	if d < s.n {
		next = d + 1
	}
	if d > 1 {
		prev = d - 1
	}
	punct := uint64(0)
	if h > 0 {
		lo, hi := min(h, d), max(h, d)
		punct = uint64(min(c.punct[hi-1]-c.punct[lo], 3))
	}
	dl1, dr1 := s.lc[d][0], s.rc[d][0]
	c.feats = append(c.feats[:0],
		feat1(rBias, 0), feat1(rDw, dw), feat1(rDp, dp), feat1(rDwp, dw^fmix(dp)),
		feat1(rHw, hw), feat1(rHp, hp), feat1(rHwp, hw^fmix(hp)),
		feat1(rDir, dir), feat2(rDpDir, dp, dir), feat2(rHpDir, hp, dir),
		feat2(rHpDp, hp, dp), feat3(rHpDpDir, hp, dp, dir),
		feat3(rHwDp, hw, dp, dir), feat3(rHpDw, hp, dw, dir), feat2(rHwDw, hw, dw),
		feat3(rDpDist, dp, dist, dir), feat2(rDsuffix, c.suffix[d], dp),
		feat1(rDl1l, c.l(s, dl1)), feat1(rDr1l, c.l(s, dr1)),
		feat2(rDl1p, c.p(dl1), dp), feat2(rDr1p, c.p(dr1), dp),
		feat2(rDls, s.ls[d], dp), feat2(rDrs, s.rs[d], dp),
		feat2(rHls, s.ls[h], hp), feat2(rHrs, s.rs[h], hp),
		feat3(rDpDlsDrs, dp, s.ls[d], s.rs[d]), feat3(rHpDpHls, hp, dp, s.ls[h]),
		feat2(rDnextP, c.p(next), dir), feat2(rDprevP, c.p(prev), dir),
		feat3(rDpDnextP, dp, c.p(next), dir), feat3(rHpDpPunct, hp, dp, punct),
		feat2(rDwDir, dw, dir), feat2(rHwDir, hw, dir),
		feat3(rDpDl1wl, dp, c.w(dl1), c.l(s, dl1)),
		feat3(rHpDpRoot, hp, dp, uint64(min(h, 1))),
		feat2(rDuHu, c.u(d), c.u(h)), feat3(rDuHuDir, c.u(d), c.u(h), dir),
		feat3(rHsuffixDp, c.sfx(h), dp, dir), feat3(rDsuffixHp, c.sfx(d), hp, dir),
		feat3(rHwDw2, hw, dw, dir), feat3(rDl1lDr1l, c.l(s, dl1), c.l(s, dr1), dp),
		feat2(rHl1lDir, c.l(s, s.lc[h][0]), dir), feat2(rHr1lDir, c.l(s, s.rc[h][0]), dir),
		feat2(rDnum, count(s.nl, d)<<8|count(s.nr, d), dp),
		feat3(rDwHp, dw, hp, dir),
		feat2(rDlemma, c.lem(d), dp), feat2(rHlemma, c.lem(h), hp), feat3(rHlemmaDlemma, c.lem(h), c.lem(d), dir),
		feat3(rHlemmaDpDir, c.lem(h), dp, dir), feat3(rDlemmaHpDir, c.lem(d), hp, dir),
	)
	return c.feats
}

// parse sets the Head and Deprel of words, which must have their tags.
func (p *Parser) parse(c *parseContext, words []Word) {
	c.reset(words)
	s := &c.state
	scores := c.scores[:moveCount]
	for !s.done() {
		clear(scores)
		p.moves.score(c.features(), &c.scores)
		m := -1
		for k := range moveCount {
			if s.valid(k) && (m < 0 || scores[k] > scores[m]) {
				m = k
			}
		}
		l := none
		if m != shift {
			h, d := s.arc(m)
			l = p.relation(c, h, d)
		}
		s.apply(m, l)
	}
	for i := range words {
		words[i].Head = s.head[i+1]
		words[i].Deprel = p.labels[s.label[i+1]]
	}
}

// relation is the best relation for the arc from h to d: root for the
// root's dependent, any other for another's.
func (p *Parser) relation(c *parseContext, h, d int) int {
	if h == 0 {
		return p.root
	}
	scores := c.scores[:len(p.labels)]
	clear(scores)
	p.rels.score(c.relFeatures(h, d), &c.scores)
	return best(scores, func(l int) bool { return l != p.root })
}

// TrainParser trains a parser on sentences whose words carry the tags the
// parser will see (predicted ones, for a parser used after a tagger) and
// gold heads and relations.
func TrainParser(sents []Sentence, opt TrainOptions) (*Parser, error) {
	p := &Parser{root: -1}
	var labels []string
	for _, s := range sents {
		for _, w := range s.Words {
			labels = append(labels, w.Deprel)
		}
	}
	slices.Sort(labels)
	labels = slices.Compact(labels)
	if len(labels) > 64 {
		return nil, fmt.Errorf("%d relations, at most 64", len(labels))
	}
	p.labels = labels
	for i, l := range labels {
		if l == "root" {
			p.root = i
		}
	}
	if p.root < 0 {
		return nil, fmt.Errorf("no word has the relation root")
	}
	moves, rels := newTrainer(moveCount), newTrainer(len(labels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a75))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var c parseContext
	var msc, lsc classScores
	scores, lscores := msc[:moveCount], lsc[:len(labels)]
	var icost [moveCount]int
	gh, gl := []int{}, []int{}
	for epoch := range opt.ParserEpochs {
		if err := opt.stopped(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, labelled, all := 0, 0, 0
		for _, si := range order {
			words := sents[si].Words
			gh, gl = append(gh[:0], none), append(gl[:0], none)
			for _, w := range words {
				l, _ := slices.BinarySearch(labels, w.Deprel)
				gh, gl = append(gh, w.Head), append(gl, l)
			}
			c.reset(words)
			s := &c.state
			for !s.done() {
				feats := c.features()
				clear(scores)
				moves.score(feats, &msc)
				s.costs(gh, icost[:])
				guess, gold := -1, -1
				for m := range moveCount {
					if !s.valid(m) {
						continue
					}
					if guess < 0 || scores[m] > scores[guess] {
						guess = m
					}
					if gold < 0 || icost[m] < icost[gold] || icost[m] == icost[gold] && scores[m] > scores[gold] {
						gold = m
					}
				}
				moves.tick()
				if icost[guess] > icost[gold] {
					moves.update(feats, gold, guess)
				}
				next := gold
				// after the first epoch, follow the model's own choice most
				// of the time, so that it learns from the states its
				// mistakes lead to
				explore := epoch > 0 && rng.Float64() < 0.9
				if explore {
					next = guess
				}
				l := none
				if next != shift {
					h, d := s.arc(next)
					switch {
					case h == 0:
						l = p.root
					default:
						rf := c.relFeatures(h, d)
						clear(lscores)
						rels.score(rf, &lsc)
						lg := best(lscores, func(l int) bool { return l != p.root })
						l = lg
						if gh[d] == h {
							rels.tick()
							rels.update(rf, gl[d], lg)
							if !explore {
								l = gl[d]
							}
						}
					}
				}
				s.apply(next, l)
			}
			for i := 1; i <= s.n; i++ {
				if s.head[i] == gh[i] {
					right++
					if s.label[i] == gl[i] {
						labelled++
					}
				}
				all++
			}
		}
		opt.logf("parser epoch %d: %.4f of training heads right, %.4f with their relations", epoch+1,
			float64(right)/float64(max(all, 1)), float64(labelled)/float64(max(all, 1)))
	}
	var err error
	if p.moves, err = moves.average(opt.minSeen(), 1e-3); err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	if p.rels, err = rels.average(opt.minSeen(), max(opt.MinWeight, 1e-3)); err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	opt.logf("parser: %d move features, %d relation features", p.moves.features(), p.rels.features())
	return p, nil
}

func (p *Parser) encode(e *encoder) {
	e.uvarint(uint64(len(p.labels)))
	for _, l := range p.labels {
		e.str(l)
	}
	e.uvarint(uint64(p.root))
	p.moves.encode(e)
	p.rels.encode(e)
}

func decodeParser(d *decoder) *Parser {
	p := &Parser{}
	n := d.count(64)
	for range n {
		p.labels = append(p.labels, d.str())
	}
	p.root = d.count(n)
	p.moves = decodeWeights(d)
	p.rels = decodeWeights(d)
	if d.err == nil && (p.moves.nclass != moveCount || p.rels.nclass != n || p.root >= n) {
		d.fail(fmt.Errorf("parser weights for %d moves and %d relations, %d relations named", p.moves.nclass, p.rels.nclass, n))
	}
	return p
}
