package queries

import (
	"context"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Signature groups measures across documents: an instrument, and unless
// grouping by instrument alone, the actor that grants it.
type Signature struct {
	Instrument string `json:"instrument"`
	Grantor    string `json:"grantor,omitempty"`
}

// PairRow is two kinds of measure bundled together, and how often.
type PairRow struct {
	Pair      [2]Signature `json:"pair"`
	Bundles   int          `json:"bundles"`
	Documents int          `json:"documents"`
	Docs      []string     `json:"docs"`
}

// BundlesAcross counts, over all documents, which kinds of measures are
// bundled together: each pair of member signatures of a bundle counts
// once per bundle. Rows are sorted by documents, then bundles.
func BundlesAcross(ctx context.Context, st *tg.Store, byInstrumentOnly bool) ([]PairRow, error) {
	n := newNav(ctx, st)
	defer n.close()
	c := newPairCounter()
	var err error
	if n.r != nil {
		err = n.bundlesByID(byInstrumentOnly, c)
	} else {
		err = n.bundles(byInstrumentOnly, c)
	}
	if err != nil {
		return nil, err
	}
	return c.rows(), nil
}

// pairCounter counts pairs of signatures by small integers: a store of
// thousands of documents has hundreds of thousands of pairs, and strings
// as keys would be most of the query's time and memory.
type pairCounter struct {
	sigs   []Signature
	sigIDs map[Signature]int32
	docs   []string
	docIDs map[string]int32
	pairs  map[uint64]*pairCount // by the two signatures' ids
	keys   []uint64              // of the pairs of the bundle being counted
}

type pairCount struct {
	bundles int
	docs    []int32 // ids, one per bundle
}

func newPairCounter() *pairCounter {
	return &pairCounter{sigIDs: map[Signature]int32{}, docIDs: map[string]int32{}, pairs: map[uint64]*pairCount{}}
}

func (c *pairCounter) sig(s Signature) int32 {
	id, ok := c.sigIDs[s]
	if !ok {
		id = int32(len(c.sigs))
		c.sigs = append(c.sigs, s)
		c.sigIDs[s] = id
	}
	return id
}

// bundle counts each pair of distinct signatures of a bundle's members once.
func (c *pairCounter) bundle(doc string, members []int32) {
	d, ok := c.docIDs[doc]
	if !ok {
		d = int32(len(c.docs))
		c.docs = append(c.docs, doc)
		c.docIDs[doc] = d
	}
	c.keys = c.keys[:0]
	for i := range members {
		for j := i + 1; j < len(members); j++ {
			a, b := members[i], members[j]
			if a == b {
				continue
			}
			if sa, sb := c.sigs[a], c.sigs[b]; sb.Instrument < sa.Instrument || sb.Instrument == sa.Instrument && sb.Grantor < sa.Grantor {
				a, b = b, a
			}
			key := uint64(a)<<32 | uint64(b)
			if slices.Contains(c.keys, key) {
				continue
			}
			c.keys = append(c.keys, key)
			p := c.pairs[key]
			if p == nil {
				p = &pairCount{}
				c.pairs[key] = p
			}
			p.bundles++
			p.docs = append(p.docs, d)
		}
	}
}

// rows lists the pairs by documents, then bundles, then signatures.
func (c *pairCounter) rows() []PairRow {
	// documents and signatures ranked by name once, compared as numbers
	docOrder := make([]int32, len(c.docs))
	for i := range docOrder {
		docOrder[i] = int32(i)
	}
	sort.Slice(docOrder, func(i, j int) bool { return c.docs[docOrder[i]] < c.docs[docOrder[j]] })
	docRank := make([]int32, len(c.docs))
	for r, d := range docOrder {
		docRank[d] = int32(r)
	}
	sigOrder := make([]int32, len(c.sigs))
	for i := range sigOrder {
		sigOrder[i] = int32(i)
	}
	name := func(s int32) string { return c.sigs[s].Instrument + c.sigs[s].Grantor }
	sort.Slice(sigOrder, func(i, j int) bool { return name(sigOrder[i]) < name(sigOrder[j]) })
	sigRank := make([]int32, len(c.sigs))
	for r, s := range sigOrder {
		sigRank[s] = int32(r)
	}

	type counted struct {
		a, b          int32
		bundles, docs int
		ranks         []int32
	}
	all := make([]counted, 0, len(c.pairs))
	for key, p := range c.pairs {
		ranks := p.docs
		for i, d := range ranks {
			ranks[i] = docRank[d]
		}
		slices.Sort(ranks)
		ranks = slices.Compact(ranks)
		all = append(all, counted{a: int32(key >> 32), b: int32(key), bundles: p.bundles, docs: len(ranks), ranks: ranks})
	}
	sort.Slice(all, func(i, j int) bool {
		x, y := &all[i], &all[j]
		if x.docs != y.docs {
			return x.docs > y.docs
		}
		if x.bundles != y.bundles {
			return x.bundles > y.bundles
		}
		if x.a != y.a {
			return sigRank[x.a] < sigRank[y.a]
		}
		return sigRank[x.b] < sigRank[y.b]
	})
	rows := make([]PairRow, len(all))
	for i, p := range all {
		docs := make([]string, len(p.ranks))
		for k, r := range p.ranks {
			docs[k] = c.docs[docOrder[r]]
		}
		rows[i] = PairRow{Pair: [2]Signature{c.sigs[p.a], c.sigs[p.b]}, Bundles: p.bundles, Documents: p.docs, Docs: docs}
	}
	return rows
}

// bundles reads each bundle's members and their signatures through nav.
func (n *nav) bundles(byInstrumentOnly bool, c *pairCounter) error {
	sig := map[quad.Value]int32{}
	var members []int32
	for _, b := range n.in(quad.IRI(tg.ClassBundle), tg.RDFType) {
		if err := n.ctx.Err(); err != nil {
			return err
		}
		members = members[:0]
		for _, m := range n.out(b, tg.Member) {
			s, ok := sig[m]
			if !ok {
				var g quad.Value
				if !byInstrumentOnly {
					g = n.one(m, tg.Grantor)
				}
				s = c.sig(n.signature(n.one(n.one(m, tg.PolicyOf), tg.Instrument), g))
				sig[m] = s
			}
			members = append(members, s)
		}
		c.bundle(bundleDoc(tg.ValueText(b)), members)
	}
	return nil
}

// signature names an instrument and a grantor; either may be nil.
func (n *nav) signature(inst, grantor quad.Value) Signature {
	s := Signature{Instrument: n.label(inst)}
	if grantor != nil {
		s.Grantor = n.label(grantor)
	}
	return s
}

// bundlesByID does what bundles does by node ids, on a bolt store: a
// bundle's members are measures of its own document, so visiting the
// bundles in the order they were stored reads the log and the indexes
// in order, where going by name would jump about the file.
func (n *nav) bundlesByID(byInstrumentOnly bool, c *pairCounter) error {
	r := n.r
	id := func(iri string) uint64 { return r.ID(quad.IRI(iri)) }
	typ, bundle, member, policyOf, instrument, grantor := id(tg.RDFType), id(tg.ClassBundle), id(tg.Member),
		id(tg.PolicyOf), id(tg.Instrument), id(tg.Grantor)
	if typ == 0 || bundle == 0 || member == 0 {
		return nil
	}
	// first is the object of s's pred first by N-Quads form, as nav.one
	// gives it; 0 when none
	var objs []uint64
	first := func(s, pred uint64) uint64 {
		if s == 0 || pred == 0 {
			return 0
		}
		objs = objs[:0]
		r.Objects(s, pred, func(o uint64) error {
			objs = append(objs, o)
			return nil
		})
		if len(objs) < 2 {
			if len(objs) == 0 {
				return 0
			}
			return objs[0]
		}
		var best uint64
		bestForm := ""
		for _, o := range objs {
			if v := n.value(o); v != nil && (best == 0 || v.String() < bestForm) {
				best, bestForm = o, v.String()
			}
		}
		return best
	}
	instOf := map[uint64]uint64{} // a policy's instrument
	sig := map[uint64]int32{}     // a measure's signature
	var bundles []uint64
	if err := r.Subjects(bundle, typ, func(b uint64) error {
		bundles = append(bundles, b)
		return nil
	}); err != nil {
		return err
	}
	var members []int32
	for i, b := range bundles {
		if i%1024 == 0 {
			if err := n.ctx.Err(); err != nil {
				return err
			}
		}
		members = members[:0]
		err := r.Objects(b, member, func(m uint64) error {
			s, ok := sig[m]
			if !ok {
				pol := first(m, policyOf)
				inst, ok := instOf[pol]
				if !ok {
					inst = first(pol, instrument)
					instOf[pol] = inst
				}
				var g uint64
				if !byInstrumentOnly {
					g = first(m, grantor)
				}
				s = c.sig(n.signature(n.node(inst), n.node(g)))
				sig[m] = s
			}
			members = append(members, s)
			return nil
		})
		if err != nil {
			return err
		}
		v, err := r.Value(b)
		if err != nil {
			return err
		}
		c.bundle(bundleDoc(tg.ValueText(v)), members)
	}
	return nil
}

// node is the value of id, nil for 0.
func (n *nav) node(id uint64) quad.Value {
	if id == 0 {
		return nil
	}
	return n.value(id)
}

// bundleDoc is the document of a bundle from its IRI ("doc/x.txt#b1").
func bundleDoc(iri string) string {
	for i := len(iri) - 1; i >= 0; i-- {
		if iri[i] == '#' {
			return DocID(iri[:i])
		}
	}
	return DocID(iri)
}
