package syntax

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Tagger gives each word a part of speech: its UPOS and its treebank tag
// (XPOS), predicted together, left to right, by an averaged perceptron over
// the word, its affixes and shape, its neighbours and the tags before it
// (the features of Ratnaparkhi 1996 and Collins 2002).
type Tagger struct {
	upos, xpos []string // of each class
	// sure are the frequent words that the treebank tags one way almost
	// always: they get that class without scoring
	sure map[uint64]uint8
	// usual is the most frequent class of each known word, which the
	// features read of the words ahead, whose tags are not yet known
	usual map[uint64]uint8
	w     *weights
}

// Tagger feature templates.
const (
	tBias = iota + 1
	tWord
	tSuffix1
	tSuffix2
	tSuffix3
	tSuffix4
	tPrefix
	tShape
	tFlags
	tPrev
	tPrev2
	tPrevPrev2
	tPrevWord
	tWordPrev1
	tWordPrev2
	tWordNext1
	tWordNext2
	tSuffixPrev1
	tSuffixNext1
	tUsualNext1
	tUsualNext2
	tUsualNext12
	tPrevUsualNext1
	tWordPairPrev
	tWordPairNext
	tFirst
	tShapeNext1
	tPrefix3
	tUsual
	tUsualPrev1
	tPrevNext1
	tSuffix4Next1
	tWordUsualNext1
)

const noClass = 255 // the class of a word before the sentence or unknown

// tagContext is the per-sentence state of tagging.
type tagContext struct {
	lex    []lexeme // with two words of padding on each side
	usual  []uint64
	tags   []int
	feats  []feature
	forms  []string
	scores classScores
	buf    lexBuf
}

func (c *tagContext) reset(forms []string, t *Tagger) {
	c.lex = append(c.lex[:0], lexStart, lexStart)
	for _, f := range forms {
		c.lex = append(c.lex, lexemeOf(f, &c.buf))
	}
	c.lex = append(c.lex, lexEnd, lexEnd)
	c.usual = c.usual[:0]
	for _, x := range c.lex {
		u, ok := t.usual[x.norm]
		if !ok {
			u = noClass
		}
		c.usual = append(c.usual, uint64(u))
	}
	c.tags = c.tags[:0]
}

// prevTag is the class of word i-k, or noClass before the sentence.
func (c *tagContext) prevTag(i, k int) uint64 {
	if i-k < 0 {
		return noClass
	}
	return uint64(c.tags[i-k])
}

// features of word i (0-based), given the tags of the words before it.
func (c *tagContext) features(i int) []feature {
	p := i + 2 // in lex
	w := c.lex[p]
	p1, p2 := c.prevTag(i, 1), c.prevTag(i, 2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	c.feats = append(c.feats[:0],
		feat1(tBias, 0),
		feat1(tWord, w.norm),
		feat1(tSuffix1, w.suffix[0]),
		feat1(tSuffix2, w.suffix[1]),
		feat1(tSuffix3, w.suffix[2]),
		feat1(tSuffix4, w.suffix[3]),
		feat1(tPrefix, w.prefix),
		feat1(tShape, w.shape),
		feat2(tFlags, w.flags, first),
		feat1(tPrev, p1),
		feat1(tPrev2, p2),
		feat2(tPrevPrev2, p1, p2),
		feat2(tPrevWord, p1, w.norm),
		feat1(tWordPrev1, c.lex[p-1].norm),
		feat1(tWordPrev2, c.lex[p-2].norm),
		feat1(tWordNext1, c.lex[p+1].norm),
		feat1(tWordNext2, c.lex[p+2].norm),
		feat1(tSuffixPrev1, c.lex[p-1].suffix[2]),
		feat1(tSuffixNext1, c.lex[p+1].suffix[2]),
		feat1(tUsualNext1, c.usual[p+1]),
		feat1(tUsualNext2, c.usual[p+2]),
		feat2(tUsualNext12, c.usual[p+1], c.usual[p+2]),
		feat2(tPrevUsualNext1, p1, c.usual[p+1]),
		feat2(tWordPairPrev, c.lex[p-1].norm, w.norm),
		feat2(tWordPairNext, w.norm, c.lex[p+1].norm),
		feat2(tFirst, first, w.shape),
		feat2(tShapeNext1, w.shape, c.lex[p+1].shape),
		feat1(tPrefix3, w.prefix3),
		feat1(tUsual, c.usual[p]),
		feat2(tUsualPrev1, c.usual[p], p1),
		feat2(tPrevNext1, p1, c.lex[p+1].norm),
		feat1(tSuffix4Next1, c.lex[p+1].suffix[3]),
		feat2(tWordUsualNext1, w.norm, c.usual[p+1]),
	)
	return c.feats
}

// tag sets the UPOS and XPOS of words, by their forms.
func (t *Tagger) tag(c *tagContext, words []Word) {
	c.forms = c.forms[:0]
	for i := range words {
		c.forms = append(c.forms, words[i].Form)
	}
	c.reset(c.forms, t)
	scores := c.scores[:len(t.upos)]
	for i := range words {
		cl, ok := t.sure[c.lex[i+2].norm]
		if fixed := words[i].UPOS; fixed != "" && (!ok || t.upos[cl] != fixed) {
			// the caller knows the word's universal tag: the best of its tags
			clear(scores)
			t.w.score(c.features(i), &c.scores)
			if b := best(scores, func(k int) bool { return t.upos[k] == fixed }); b >= 0 {
				cl, ok = uint8(b), true
			}
		}
		if !ok {
			clear(scores)
			t.w.score(c.features(i), &c.scores)
			cl = uint8(best(scores, nil))
		}
		c.tags = append(c.tags, int(cl))
		words[i].UPOS, words[i].XPOS = t.upos[cl], t.xpos[cl]
	}
}

// TrainOptions sets how a model is trained.
type TrainOptions struct {
	Context      context.Context // training stops with its error once it is done, if not nil
	TaggerEpochs int
	ParserEpochs int
	Seed         uint64
	// MinUpdates drops from the parser the features that took part in
	// fewer updates: most features are seen once or twice and weigh little
	MinUpdates int
	// MinWeight drops the relation weights smaller than it, and the
	// tagger's smaller than half of it. On the treebank, 1.5 drops more
	// than half of them, which made labelling and tagging a fifth faster
	// and no worse on the dev file; a small training set needs 0.
	MinWeight float64
	Log       func(format string, args ...any) // progress, if not nil
}

// DefaultTrainOptions are the options the shipped model was trained with.
var DefaultTrainOptions = TrainOptions{TaggerEpochs: 8, ParserEpochs: 18, MinUpdates: 3, MinWeight: 1.5, Seed: 1}

// stopped is the context's error, if training should stop.
func (o *TrainOptions) stopped() error {
	if o.Context == nil {
		return nil
	}
	return o.Context.Err()
}

func (o *TrainOptions) minSeen() int32 { return int32(max(o.MinUpdates, 1)) }

func (o *TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		o.Log(format, args...)
	}
}

// TrainTagger trains a tagger on sentences with gold tags.
func TrainTagger(sents []Sentence, opt TrainOptions) (*Tagger, error) {
	t := &Tagger{sure: map[uint64]uint8{}, usual: map[uint64]uint8{}}
	classOf := map[string]uint8{}
	var pairs []string
	counts := map[uint64]map[uint8]int{}
	var buf lexBuf
	for _, s := range sents {
		for _, w := range s.Words {
			pairs = append(pairs, w.UPOS+"\t"+w.XPOS)
		}
	}
	slices.Sort(pairs)
	pairs = slices.Compact(pairs)
	if len(pairs) >= noClass {
		panic(fmt.Sprintf("syntax: %d tag pairs, at most %d", len(pairs), noClass-1))
	}
	for i, p := range pairs {
		u, x, _ := strings.Cut(p, "\t")
		t.upos, t.xpos = append(t.upos, u), append(t.xpos, x)
		classOf[p] = uint8(i)
	}
	gold := make([][]int, len(sents))
	for i, s := range sents {
		for _, w := range s.Words {
			cl := classOf[w.UPOS+"\t"+w.XPOS]
			gold[i] = append(gold[i], int(cl))
			n := lexemeOf(w.Form, &buf).norm
			if counts[n] == nil {
				counts[n] = map[uint8]int{}
			}
			counts[n][cl]++
		}
	}
	for n, byClass := range counts {
		total, top, topN := 0, uint8(0), -1
		for cl, k := range byClass {
			total += k
			if k > topN || k == topN && cl < top {
				top, topN = cl, k
			}
		}
		if total >= 3 {
			t.usual[n] = top
		}
		if total >= 20 && float64(topN) >= 0.99*float64(total) {
			t.sure[n] = top
		}
	}
	tr := newTrainer(len(pairs))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a67))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var c tagContext
	var sc classScores
	scores := sc[:len(pairs)]
	forms := []string{}
	for epoch := range opt.TaggerEpochs {
		if err := opt.stopped(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, all := 0, 0
		for _, si := range order {
			s := &sents[si]
			forms = forms[:0]
			for _, w := range s.Words {
				forms = append(forms, w.Form)
			}
			c.reset(forms, t)
			for i := range s.Words {
				g := gold[si][i]
				guess := g
				if cl, ok := t.sure[c.lex[i+2].norm]; !ok || int(cl) != g {
					feats := c.features(i)
					clear(scores)
					tr.score(feats, &sc)
					guess = best(scores, nil)
					tr.tick()
					tr.update(feats, g, guess)
				}
				if guess == g {
					right++
				}
				all++
				c.tags = append(c.tags, guess)
			}
		}
		opt.logf("tagger epoch %d: %.4f of training words right", epoch+1, float64(right)/float64(max(all, 1)))
	}
	// every feature is kept (pruning features costs a tenth of a point of
	// accuracy) and the weights of at least half MinWeight
	w, err := tr.average(1, max(opt.MinWeight/2, 1e-3))
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	t.w = w
	opt.logf("tagger: %d classes, %d features", len(pairs), t.w.features())
	return t, nil
}

func (t *Tagger) encode(e *encoder) {
	e.uvarint(uint64(len(t.upos)))
	for i := range t.upos {
		e.str(t.upos[i])
		e.str(t.xpos[i])
	}
	encodeClassMap(e, t.sure)
	encodeClassMap(e, t.usual)
	t.w.encode(e)
}

func decodeTagger(d *decoder) *Tagger {
	t := &Tagger{}
	n := d.count(noClass - 1)
	for range n {
		t.upos = append(t.upos, d.str())
		t.xpos = append(t.xpos, d.str())
	}
	t.sure = decodeClassMap(d, n)
	t.usual = decodeClassMap(d, n)
	t.w = decodeWeights(d)
	if d.err == nil && t.w.nclass != n {
		d.fail(fmt.Errorf("tagger weights for %d classes, %d tags", t.w.nclass, n))
	}
	return t
}

func encodeClassMap(e *encoder, m map[uint64]uint8) {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.uint64(k)
		e.w.WriteByte(m[k])
	}
}

func decodeClassMap(d *decoder, nclass int) map[uint64]uint8 {
	n := d.count(1 << 24)
	m := make(map[uint64]uint8, min(n, 1<<16))
	for range n {
		k := d.uint64()
		c, err := d.r.ReadByte()
		if err != nil {
			d.fail(err)
			break
		}
		if int(c) >= nclass {
			d.fail(fmt.Errorf("class %d of %d", c, nclass))
			break
		}
		m[k] = c
	}
	return m
}
