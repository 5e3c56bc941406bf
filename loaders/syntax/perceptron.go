package syntax

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// A feature is a 64-bit hash of a template and the values it reads. A
// model stores weights for the features it saw in training; the chance that
// two of a model's million features share a hash is about 10^-7.
type feature = uint64

// weights are the averaged weights of a trained perceptron: for each known
// feature, a short row of (class, weight) pairs, the classes it speaks for.
// The rows are found through an open-addressing table of one word a
// feature, so that a lookup costs one cache line and a row another: the
// parser reads some ninety features a move from a table of megabytes.
type weights struct {
	nclass int
	keys   []feature // sorted, for encoding
	mask   uint64
	table  []uint64 // 0 if empty, else fingerprint<<32 | row length<<24 | row offset
	rows   []entry
	// small holds the rows themselves when there are at most three
	// classes (the parser's moves), so that a lookup costs one cache line
	small []smallRow
}

// smallRow is a feature's weights for up to three classes, with the
// fingerprint of the feature; 16 bytes, four to a cache line.
type smallRow struct {
	fp uint32
	w  [smallClasses]float32
}

const smallClasses = 3

type entry struct {
	w     float32
	class uint32
}

const (
	maxRows   = 1 << 24 // entries the 24-bit offsets can address
	rowLength = 1<<8 - 1
)

// fingerprint is the high half of f, never 0 so that 0 marks an empty slot.
func fingerprint(f feature) uint64 { return f>>32 | 1 }

// slot is the table entry of feature f, 0 if the model does not know it.
func (m *weights) slot(f feature) uint64 {
	fp := fingerprint(f)
	for i := f & m.mask; ; i = (i + 1) & m.mask {
		v := m.table[i]
		if v == 0 || v>>32 == fp {
			return v
		}
	}
}

// rowAt is the row of a table entry.
func (m *weights) rowAt(v uint64) []entry {
	off := v & (1<<24 - 1)
	return m.rows[off : off+(v>>24)&rowLength]
}

// row is the row of feature f, nil if the model does not know it.
func (m *weights) row(f feature) []entry {
	if m.small != nil {
		fp := uint32(fingerprint(f))
		for i := f & m.mask; m.small[i].fp != 0; i = (i + 1) & m.mask {
			if r := &m.small[i]; r.fp == fp {
				var out []entry
				for c, w := range r.w[:m.nclass] {
					if w != 0 {
						out = append(out, entry{w: w, class: uint32(c)})
					}
				}
				return out
			}
		}
		return nil
	}
	if v := m.slot(f); v != 0 {
		return m.rowAt(v)
	}
	return nil
}

// score adds the weights of feats to scores, one per class. It finds all
// the rows before it reads any: the lookups do not wait on each other, so
// the processor fetches their cache lines side by side.
func (m *weights) score(feats []feature, scores *classScores) {
	if m.small != nil {
		m.scoreSmall(feats, scores)
		return
	}
	var buf [128]uint64
	slots := buf[:0]
	if len(feats) > len(buf) {
		slots = make([]uint64, 0, len(feats))
	}
	for _, f := range feats {
		if v := m.slot(f); v != 0 {
			slots = append(slots, v)
		}
	}
	for _, v := range slots {
		for _, e := range m.rowAt(v) {
			scores[uint8(e.class)] += e.w
		}
	}
}

func (m *weights) scoreSmall(feats []feature, scores *classScores) {
	var sum [smallClasses]float32
	for _, f := range feats {
		fp := uint32(fingerprint(f))
		for i := f & m.mask; ; i = (i + 1) & m.mask {
			r := &m.small[i]
			if r.fp == fp {
				sum[0] += r.w[0]
				sum[1] += r.w[1]
				sum[2] += r.w[2]
				break
			}
			if r.fp == 0 {
				break
			}
		}
	}
	for c := range m.nclass {
		scores[c] += sum[c]
	}
}

// classScores holds a score for each class; as long as a byte can count,
// so that adding to it needs no bounds check.
type classScores [256]float32

// features is the number of features the weights know.
func (m *weights) features() int { return len(m.keys) }

// newWeights builds the table of rows: keys sorted and distinct, row k the
// entries rows[ends[k-1]:ends[k]].
func newWeights(nclass int, keys []feature, rows []entry, ends []int) (*weights, error) {
	if len(rows) > maxRows {
		return nil, fmt.Errorf("%d weights, at most %d", len(rows), maxRows)
	}
	size := 1
	for size < 2*len(keys) {
		size *= 2
	}
	m := &weights{nclass: nclass, keys: keys, mask: uint64(size - 1), table: make([]uint64, size), rows: rows}
	lo := 0
	for k, f := range keys {
		n := ends[k] - lo
		if n > rowLength {
			return nil, fmt.Errorf("a row of %d weights, at most %d", n, rowLength)
		}
		fp := fingerprint(f)
		i := f & m.mask
		for m.table[i] != 0 {
			if m.table[i]>>32 == fp {
				return nil, fmt.Errorf("two features share the fingerprint %#x", fp)
			}
			i = (i + 1) & m.mask
		}
		m.table[i] = fp<<32 | uint64(n)<<24 | uint64(lo)
		lo = ends[k]
	}
	if nclass <= smallClasses {
		m.small = make([]smallRow, size)
		for i, v := range m.table {
			if v == 0 {
				continue
			}
			r := &m.small[i]
			r.fp = uint32(v >> 32)
			for _, e := range m.rowAt(v) {
				r.w[e.class] = e.w
			}
		}
		m.table, m.rows = nil, nil
	}
	return m, nil
}

func (m *weights) encode(e *encoder) {
	e.uvarint(uint64(m.nclass))
	e.uvarint(uint64(len(m.keys)))
	var prev feature
	for _, f := range m.keys {
		e.uvarint(f - prev)
		prev = f
		r := m.row(f)
		e.uvarint(uint64(len(r)))
		for _, x := range r {
			e.w.WriteByte(byte(x.class))
			e.float32(x.w)
		}
	}
}

func decodeWeights(d *decoder) *weights {
	nclass := d.count(256)
	n := d.count(1 << 26)
	// the counts are the file's word: grow to them, rather than allocate
	// what a damaged count asks for
	hint := min(n, 1<<16)
	keys := make([]feature, 0, hint)
	ends := make([]int, 0, hint)
	var rows []entry
	var f feature
	for range n {
		if d.err != nil {
			return nil
		}
		delta := d.uvarint()
		if delta == 0 && len(keys) > 0 {
			d.fail(errors.New("features out of order"))
			return nil
		}
		f += delta
		keys = append(keys, f)
		k := d.count(nclass)
		for range k {
			c, err := d.r.ReadByte()
			if err != nil {
				d.fail(err)
				return nil
			}
			if int(c) >= nclass {
				d.fail(fmt.Errorf("class %d of %d", c, nclass))
				return nil
			}
			rows = append(rows, entry{class: uint32(c), w: d.float32()})
		}
		ends = append(ends, len(rows))
	}
	if d.err != nil {
		return nil
	}
	m, err := newWeights(nclass, keys, rows, ends)
	if err != nil {
		d.fail(err)
	}
	return m
}

// trainer is an averaged perceptron being trained (Collins 2002; the lazy
// averaging of Daumé III): each weight keeps the sum of its values over
// every update so far, brought up to date only when it changes.
type trainer struct {
	nclass int
	index  map[feature]int32
	rows   [][]tweight
	seen   []int32 // how many updates each feature took part in
	time   int32   // updates so far
}

type tweight struct {
	class uint8
	w     float32
	total float64 // sum of w over time, up to stamp
	stamp int32
}

func newTrainer(nclass int) *trainer {
	if nclass > 256 {
		panic("syntax: more than 256 classes")
	}
	return &trainer{nclass: nclass, index: map[feature]int32{}}
}

// score adds the current weights of feats to scores.
func (t *trainer) score(feats []feature, scores *classScores) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, x := range t.rows[r] {
			scores[x.class] += x.w
		}
	}
}

// tick counts one training example, updated or not: the averages weigh
// each weight by the examples it stood for.
func (t *trainer) tick() { t.time++ }

// update moves the weights of feats toward gold and away from guess.
func (t *trainer) update(feats []feature, gold, guess int) {
	if gold == guess {
		return
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, nil)
			t.seen = append(t.seen, 0)
		}
		t.seen[r]++
		t.bump(r, gold, 1)
		t.bump(r, guess, -1)
	}
}

func (t *trainer) bump(r int32, class int, by float32) {
	row := t.rows[r]
	for i := range row {
		if int(row[i].class) == class {
			x := &row[i]
			x.total += float64(t.time-x.stamp) * float64(x.w)
			x.stamp = t.time
			x.w += by
			return
		}
	}
	t.rows[r] = append(row, tweight{class: uint8(class), w: by, stamp: t.time})
}

// average is the trained model: each weight its average over the examples
// seen, keeping the features that took part in at least minSeen updates and
// the weights whose magnitude is at least minWeight.
func (t *trainer) average(minSeen int32, minWeight float64) (*weights, error) {
	keys := make([]feature, 0, len(t.index))
	for f, r := range t.index {
		if t.seen[r] >= minSeen {
			keys = append(keys, f)
		}
	}
	slices.Sort(keys)
	var rows []entry
	var kept []feature
	var ends []int
	var row []tweight
	for _, f := range keys {
		row = row[:0]
		for _, x := range t.rows[t.index[f]] {
			total := x.total + float64(t.time-x.stamp)*float64(x.w)
			avg := total / float64(max(t.time, 1))
			if math.Abs(avg) >= minWeight {
				row = append(row, tweight{class: x.class, w: float32(avg)})
			}
		}
		if len(row) == 0 {
			continue
		}
		slices.SortFunc(row, func(a, b tweight) int { return cmp.Compare(a.class, b.class) })
		for _, x := range row {
			rows = append(rows, entry{class: uint32(x.class), w: x.w})
		}
		kept = append(kept, f)
		ends = append(ends, len(rows))
	}
	return newWeights(t.nclass, kept, rows, ends)
}

// best is the class with the highest score among those allowed (all when
// allowed is nil); ties go to the lower class, so decisions are stable.
func best(scores []float32, allowed func(int) bool) int {
	b, bs := -1, float32(0)
	for c, s := range scores {
		if allowed != nil && !allowed(c) {
			continue
		}
		if b < 0 || s > bs {
			b, bs = c, s
		}
	}
	return b
}
