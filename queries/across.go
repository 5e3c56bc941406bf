package queries

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
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
	return navigate(ctx, st, func(n *nav) ([]PairRow, error) {
		c := newPairCounter()
		if n.r != nil {
			if err := n.bundlesByID(byInstrumentOnly, c); err != nil {
				return nil, err
			}
		} else {
			n.bundles(byInstrumentOnly, c)
		}
		return c.rows(), nil
	})
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
func (n *nav) bundles(byInstrumentOnly bool, c *pairCounter) {
	sig := map[quad.Value]int32{}
	var members []int32
	for _, b := range n.in(quad.IRI(vocab.ClassBundle), vocab.RDFType) {
		if n.stopped() {
			return
		}
		members = members[:0]
		for _, m := range n.out(b, vocab.Member) {
			s, ok := sig[m]
			if !ok {
				var g quad.Value
				if !byInstrumentOnly {
					g = n.one(m, vocab.Grantor)
				}
				s = c.sig(n.signature(n.one(n.one(m, vocab.PolicyOf), vocab.Instrument), g))
				sig[m] = s
			}
			members = append(members, s)
		}
		c.bundle(bundleDoc(vocab.ValueText(b)), members)
	}
}

// signature names an instrument and a grantor; either may be nil.
func (n *nav) signature(inst, grantor quad.Value) Signature {
	s := Signature{Instrument: n.label(inst)}
	if grantor != nil {
		s.Grantor = n.label(grantor)
	}
	return s
}

// bundlesByID does what bundles does by node ids, on a bolt store. The
// bundles are visited in the order they were stored: a bundle's members
// are measures of its own document, so the log is then read in order
// rather than all over the file. They are read in parts, each in its own
// read transaction on its own core, then named in turn.
func (n *nav) bundlesByID(byInstrumentOnly bool, c *pairCounter) error {
	r := n.r
	r.KeepPages() // it reads all over the store: see KeepPages
	id := func(iri string) uint64 { return r.ID(quad.IRI(iri)) }
	v := vocabIDs{typ: id(vocab.RDFType), bundle: id(vocab.ClassBundle), member: id(vocab.Member), policyOf: id(vocab.PolicyOf),
		instrument: id(vocab.Instrument)}
	if !byInstrumentOnly {
		v.grantor = id(vocab.Grantor)
	}
	if v.typ == 0 || v.bundle == 0 || v.member == 0 {
		return nil
	}
	// in the order of their type quads, which were stored with the rest
	// of their documents: node ids follow another order
	typed, err := r.Subjects(v.bundle, v.typ)
	if err != nil {
		return err
	}
	slices.SortFunc(typed, func(a, b tg.Link) int { return cmp.Compare(a.ID, b.ID) })
	bundles := make([]uint64, len(typed))
	for i, l := range typed {
		bundles[i] = l.Subject
	}
	refs := make([]bundleRef, len(bundles))
	parts := max(1, min(runtime.GOMAXPROCS(0), 4, len(bundles)/4096))
	// the readers of the other parts read what r reads; each is begun
	// here, as r is not to be read by two goroutines at once
	readers := []*tg.Reader{r}
	for len(readers) < parts {
		pr, err := r.Sibling(n.ctx)
		if err != nil {
			for _, pr := range readers[1:] {
				pr.Close()
			}
			return err
		}
		pr.KeepPages()
		readers = append(readers, pr)
	}
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p, pr := range readers {
		lo, hi := len(bundles)*p/parts, len(bundles)*(p+1)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p > 0 {
				defer pr.Close()
			}
			errs[p] = readBundles(n.ctx, pr, v, bundles[lo:hi], refs[lo:hi])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if n.readsAhead() { // the instruments' and grantors' names, told to the reader at once
		var named []uint64
		for _, b := range refs {
			for _, m := range b.members {
				named = append(named, m.instrument, m.grantor)
			}
		}
		n.prefetchObjects(named, n.predIDs([]string{vocab.RDFSLabel}))
	}
	sig := map[measureRef]int32{}
	var members []int32
	for _, b := range refs {
		members = members[:0]
		for _, m := range b.members {
			s, ok := sig[m]
			if !ok {
				s = c.sig(n.signature(n.node(m.instrument), n.node(m.grantor)))
				sig[m] = s
			}
			members = append(members, s)
		}
		c.bundle(b.doc, members)
	}
	return nil
}

// vocabIDs holds the ids of the IRIs bundlesByID reads by; grantor is 0 when
// grouping by instrument alone.
type vocabIDs struct {
	typ, bundle, member, policyOf, instrument, grantor uint64
}

// bundleRef is a bundle as ids: its document, and its members by what
// their signatures are made of.
type bundleRef struct {
	doc     string
	members []measureRef
}

type measureRef struct {
	instrument, grantor uint64
}

// readBundles reads the document and members of each of bundles into refs.
// The bundles are read aheadBy at a time: their members, then the members'
// policies and grantors, then the policies' instruments, each step told
// to the reader first (Reader.PrefetchObjects).
func readBundles(ctx context.Context, r *tg.Reader, v vocabIDs, bundles []uint64, refs []bundleRef) error {
	type partial struct{ policy, grantor uint64 }
	measures := map[uint64]partial{}
	instruments := map[uint64]uint64{} // of each policy
	preds := []uint64{v.policyOf}
	if v.grantor != 0 {
		preds = append(preds, v.grantor)
	}
	for lo := 0; lo < len(bundles); lo += aheadBy {
		if err := ctx.Err(); err != nil {
			return err
		}
		chunk := bundles[lo:min(lo+aheadBy, len(bundles))]
		if err := r.PrefetchObjects(chunk, v.member); err != nil {
			return err
		}
		members := make([][]tg.Link, len(chunk))
		var newMeasures, newPolicies []uint64
		for i, b := range chunk {
			links, err := r.Objects(b, v.member)
			if err != nil {
				return err
			}
			members[i] = links
			for _, l := range links {
				if _, ok := measures[l.Object]; !ok {
					measures[l.Object] = partial{} // read below
					newMeasures = append(newMeasures, l.Object)
				}
			}
		}
		if err := r.PrefetchObjects(newMeasures, preds...); err != nil {
			return err
		}
		for _, m := range newMeasures {
			firsts, err := firstObjects(r, m, preds...)
			if err != nil {
				return err
			}
			ref := partial{policy: firsts[0]}
			if v.grantor != 0 {
				ref.grantor = firsts[1]
			}
			measures[m] = ref
			if _, ok := instruments[ref.policy]; !ok && ref.policy != 0 {
				instruments[ref.policy] = 0 // read below
				newPolicies = append(newPolicies, ref.policy)
			}
		}
		if err := r.PrefetchObjects(newPolicies, v.instrument); err != nil {
			return err
		}
		for _, pol := range newPolicies {
			insts, err := firstObjects(r, pol, v.instrument)
			if err != nil {
				return err
			}
			instruments[pol] = insts[0]
		}
		for i, links := range members {
			ms := make([]measureRef, 0, len(links))
			for _, l := range links {
				m := measures[l.Object]
				ms = append(ms, measureRef{instrument: instruments[m.policy], grantor: m.grantor})
			}
			refs[lo+i].members = ms
		}
	}
	// the bundles' own nodes were stored apart from their quads: they are
	// read in a pass of their own, in the order of their ids
	if _, err := r.Values(slices.Sorted(slices.Values(bundles))); err != nil {
		return err
	}
	for i, b := range bundles {
		bv, err := r.Value(b)
		if err != nil {
			return err
		}
		refs[i].doc = bundleDoc(vocab.ValueText(bv))
	}
	return nil
}

// firstObjects gives for each of preds the object of s's quads along it
// that comes first by N-Quads form, as nav.one does; 0 when none.
func firstObjects(r *tg.Reader, s uint64, preds ...uint64) ([]uint64, error) {
	firsts := make([]uint64, len(preds))
	if s == 0 {
		return firsts, nil
	}
	links, err := r.Objects(s, preds...)
	if err != nil {
		return nil, err
	}
	for i, p := range preds {
		var bestForm string
		for _, l := range links {
			if l.Predicate != p {
				continue
			}
			if firsts[i] == 0 {
				firsts[i] = l.Object
				continue
			}
			// more than one: compare by form, as nav does
			if bestForm == "" {
				v, err := r.Value(firsts[i])
				if err != nil {
					return nil, err
				}
				bestForm = v.String()
			}
			v, err := r.Value(l.Object)
			if err != nil {
				return nil, err
			}
			if f := v.String(); f < bestForm {
				firsts[i], bestForm = l.Object, f
			}
		}
	}
	return firsts, nil
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
