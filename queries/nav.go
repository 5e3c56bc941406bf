package queries

import (
	"context"
	"errors"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// nav walks the graph through its indexes: one prefix scan per (node,
// predicate) step, so a query touches only what it reads. On a bolt store
// it reads the indexes directly in one transaction; elsewhere it goes
// through cayley's iterators.
type nav struct {
	ctx     context.Context
	qs      cgraph.QuadStore
	st      *tg.Store
	r       *tg.Reader               // nil when the store has no direct reader
	texts   map[valuePred]string     // cache of first out-values as text
	ones    map[valuePred]quad.Value // cache of first out-values
	props   map[quad.Value]*nodeOut  // cache of each node's outgoing edges
	matches map[valuePred]bool       // cache of matchesActor, by node and name
	f       *facts                   // the listings' reads by id, when r is set
	err     error                    // the first read that failed, or found the context ended
	reads   int                      // reads so far, to look at the context every so many
}

// valuePred keys the caches: quad values are comparable, and a key made
// of them costs no string building.
type valuePred struct {
	node quad.Value
	pred string
}

// nodeOut is what one prefix scan of a subject gives: its values per
// predicate and the documents that state them.
type nodeOut struct {
	values map[string][]quad.Value
	docs   map[string]bool
}

// navigate runs a query's reads on a navigator over st. The first read
// that fails, or finds the context ended, is kept, and the reads after it
// give nothing; navigate returns that error, never the shorter answer the
// reads made. It is the only way to a navigator, so no query can forget
// to look.
func navigate[T any](ctx context.Context, st *tg.Store, query func(*nav) (T, error)) (T, error) {
	n := &nav{ctx: ctx, qs: st.QuadStore(), st: st, texts: map[valuePred]string{}, ones: map[valuePred]quad.Value{},
		props: map[quad.Value]*nodeOut{}, matches: map[valuePred]bool{}}
	r, err := st.NewReader(ctx)
	switch {
	case err == nil:
		n.r = r
	case !errors.Is(err, tg.ErrNoReader):
		n.fail(err)
	}
	defer n.close()
	v, err := query(n)
	if n.r != nil {
		n.fail(n.r.Err()) // a lookup by ID that failed, which has no error of its own
	}
	n.fail(ctx.Err()) // ended after the last read looked
	if n.err != nil {
		var none T
		return none, n.err
	}
	return v, err
}

// fail keeps err if it is the first.
func (n *nav) fail(err error) {
	if n.err == nil {
		n.err = err
	}
}

// stopped reports a read that failed: a query's loop ends early, knowing
// navigate returns the error.
func (n *nav) stopped() bool { return n.err != nil }

// lookEvery is how many reads go by between two looks at the context.
const lookEvery = 1024

// reading reports whether a read may go on: none has failed and, looked
// at every lookEvery reads from the first, the context has not ended.
func (n *nav) reading() bool {
	if n.err != nil {
		return false
	}
	if n.reads%lookEvery == 0 {
		n.fail(n.ctx.Err())
	}
	n.reads++
	return n.err == nil
}

// close ends the read transaction; a bolt store cannot close while one is open.
func (n *nav) close() {
	if n.r != nil {
		n.r.Close()
		n.r = nil
	}
}

// The reads below are the only ones of the direct reader: each keeps its
// error in n.err and gives nothing once there is one.

// value is the node with id, nil for 0 or after a failed read.
func (n *nav) value(id uint64) quad.Value {
	if id == 0 || !n.reading() {
		return nil // no node: not worth a read
	}
	v, err := n.r.Value(id)
	n.fail(err)
	return v
}

// values are the nodes with ids, read at once and kept as value keeps
// them; nil after a failed read.
func (n *nav) values(ids []uint64) []quad.Value {
	if !n.reading() {
		return nil
	}
	vs, err := n.r.Values(ids)
	n.fail(err)
	if err != nil {
		return nil
	}
	return vs
}

// peek is the node with id as value reads it, not kept by the reader.
func (n *nav) peek(id uint64) quad.Value {
	if id == 0 || !n.reading() {
		return nil
	}
	v, err := n.r.Peek(id)
	n.fail(err)
	return v
}

// quadsOut are the quads with subject s.
func (n *nav) quadsOut(s uint64) []tg.Link {
	if !n.reading() {
		return nil
	}
	links, err := n.r.Out(s)
	n.fail(err)
	return links
}

// propsOf are one quad per distinct predicate and object of s.
func (n *nav) propsOf(s uint64) []tg.Link {
	if !n.reading() {
		return nil
	}
	links, err := n.r.Props(s)
	n.fail(err)
	return links
}

// objects are one quad per distinct predicate and object of s along preds.
func (n *nav) objects(s uint64, preds ...uint64) []tg.Link {
	if !n.reading() {
		return nil
	}
	links, err := n.r.Objects(s, preds...)
	n.fail(err)
	return links
}

// subjects are one quad per distinct subject with an edge to o along pred.
func (n *nav) subjects(o, pred uint64) []tg.Link {
	if !n.reading() {
		return nil
	}
	links, err := n.r.Subjects(o, pred)
	n.fail(err)
	return links
}

// aheadBy is how many of a list's nodes a reader reads ahead at a time.
var aheadBy = 256

// readsAhead reports whether the reader pays for being told what comes
// next (postgres); elsewhere the lists are not even made.
func (n *nav) readsAhead() bool { return n.r != nil && n.r.ReadsAhead() }

// readAhead is to be called before the reads of the ith of ids: every
// aheadBy nodes it has the reader read the quads of the next aheadBy, and
// of the nodes depth steps on from them along follow (Reader.Prefetch).
// On bolt, and through cayley, it does nothing.
func (n *nav) readAhead(ids []uint64, depth int, follow ...string) func(i int) {
	if !n.readsAhead() {
		return func(int) {}
	}
	along := n.predIDs(follow)
	return func(i int) {
		if i%aheadBy != 0 || !n.reading() {
			return
		}
		n.fail(n.r.Prefetch(ids[i:min(i+aheadBy, len(ids))], depth, along...))
	}
}

// prefetchObjects tells the reader that the objects of ids along preds
// are read next (Reader.PrefetchObjects).
func (n *nav) prefetchObjects(ids, preds []uint64) {
	if n.readsAhead() && len(preds) > 0 && n.reading() {
		n.fail(n.r.PrefetchObjects(ids, preds...))
	}
}

// prefetchSubjects tells the reader that the subjects of each of nodes
// along pred are read next (Reader.PrefetchSubjects).
func (n *nav) prefetchSubjects(nodes []quad.Value, pred string) {
	if !n.readsAhead() || !n.reading() {
		return
	}
	pid := n.r.ID(quad.IRI(pred))
	if pid == 0 {
		return
	}
	ids := make([]uint64, len(nodes))
	for i, v := range nodes {
		ids[i] = n.r.ID(v)
	}
	n.fail(n.r.PrefetchSubjects(ids, pid))
}

// readAheadOf is readAhead for a list of nodes by value.
func (n *nav) readAheadOf(nodes []quad.Value, depth int, follow ...string) func(i int) {
	if !n.readsAhead() {
		return func(int) {}
	}
	ids := make([]uint64, len(nodes))
	for i, v := range nodes {
		ids[i] = n.r.ID(v) // 0 for none, which is not read
	}
	return n.readAhead(ids, depth, follow...)
}

// walk is where p leads through cayley's iterators, sorted.
func (n *nav) walk(p *path.Path) []quad.Value {
	if !n.reading() {
		return nil
	}
	vs, err := p.Iterate(n.ctx).AllValues(n.qs)
	n.fail(err)
	n.fail(n.ctx.Err()) // the iterators stop at an ended context without an error
	return sortValues(vs)
}

// outgoing reads all of node's outgoing edges in one index scan.
func (n *nav) outgoing(node quad.Value) *nodeOut {
	if p, ok := n.props[node]; ok {
		return p
	}
	p := &nodeOut{values: map[string][]quad.Value{}, docs: map[string]bool{}}
	n.props[node] = p
	if n.r != nil {
		id := n.r.ID(node)
		if id == 0 {
			return p
		}
		links := n.quadsOut(id)
		if n.readsAhead() { // at once: each alone is a round trip to the server
			named := make([]uint64, 0, 3*len(links))
			for _, l := range links {
				named = append(named, l.Predicate, l.Object)
				if l.Label != 0 {
					named = append(named, l.Label)
				}
			}
			n.values(named)
		}
		seen := map[[2]uint64]bool{}
		for _, l := range links {
			if l.Label != 0 {
				if doc := n.value(l.Label); doc != nil {
					p.docs[vocab.ValueText(doc)] = true
				}
			}
			if seen[[2]uint64{l.Predicate, l.Object}] {
				continue
			}
			seen[[2]uint64{l.Predicate, l.Object}] = true
			pred, obj := n.value(l.Predicate), n.value(l.Object)
			if pred != nil && obj != nil {
				k := vocab.ValueText(pred)
				p.values[k] = append(p.values[k], obj)
			}
		}
	} else {
		n.scanOutgoing(node, p)
	}
	for pred := range p.values {
		p.values[pred] = sortValues(p.values[pred])
	}
	return p
}

// scanOutgoing reads node's outgoing edges through cayley's iterators.
func (n *nav) scanOutgoing(node quad.Value, p *nodeOut) {
	if !n.reading() {
		return
	}
	ref, err := n.qs.ValueOf(node)
	if err != nil || ref == nil {
		n.fail(err)
		return
	}
	it := n.qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	for it.Next(n.ctx) {
		q, err := n.qs.Quad(it.Result())
		if err != nil {
			n.fail(err)
			return
		}
		pred := vocab.ValueText(q.Predicate)
		if !containsValue(p.values[pred], q.Object) {
			p.values[pred] = append(p.values[pred], q.Object)
		}
		if q.Label != nil {
			p.docs[vocab.ValueText(q.Label)] = true
		}
	}
	n.fail(it.Err())
	n.fail(n.ctx.Err())
}

func iris(preds []string) []any {
	out := make([]any, len(preds))
	for i, p := range preds {
		out[i] = quad.IRI(p)
	}
	return out
}

// out lists the values of node's outgoing edges with the given predicates:
// from the node's scanned edges when they are at hand, else by a prefix
// scan of the (subject, predicate) index that decodes only what it returns.
func (n *nav) out(node quad.Value, preds ...string) []quad.Value {
	if p, ok := n.props[node]; ok {
		if len(preds) == 1 {
			return p.values[preds[0]]
		}
		var vs []quad.Value
		for _, pred := range preds {
			vs = append(vs, p.values[pred]...)
		}
		return sortValues(vs)
	}
	if n.r != nil {
		id, pids := n.ids(node, preds)
		if id == 0 || len(pids) == 0 {
			return nil
		}
		return n.ends(n.objects(id, pids...), func(l tg.Link) uint64 { return l.Object })
	}
	return n.walk(path.StartPath(n.qs, node).Out(iris(preds)...))
}

// in lists the nodes with an edge to node by one of the predicates.
func (n *nav) in(node quad.Value, preds ...string) []quad.Value {
	if n.r != nil {
		id, pids := n.ids(node, preds)
		var links []tg.Link
		for _, p := range pids {
			links = append(links, n.subjects(id, p)...)
		}
		return n.ends(links, func(l tg.Link) uint64 { return l.Subject })
	}
	return n.walk(path.StartPath(n.qs, node).In(iris(preds)...))
}

// ids are the ids of node and of those of preds the store has; 0 and
// none when it has no such node.
func (n *nav) ids(node quad.Value, preds []string) (uint64, []uint64) {
	id := n.r.ID(node)
	if id == 0 {
		return 0, nil
	}
	return id, n.predIDs(preds)
}

// predIDs are the ids of those of preds the store has.
func (n *nav) predIDs(preds []string) []uint64 {
	var pids []uint64
	for _, p := range preds {
		if pid := n.r.ID(quad.IRI(p)); pid != 0 {
			pids = append(pids, pid)
		}
	}
	return pids
}

// ends are the nodes at one end of links, sorted and without repeats.
func (n *nav) ends(links []tg.Link, end func(tg.Link) uint64) []quad.Value {
	if len(links) == 0 || !n.reading() {
		return nil
	}
	ids := make([]uint64, len(links))
	for i, l := range links {
		ids[i] = end(l)
	}
	return sortValues(n.values(ids))
}

// sortValues drops repeated values and sorts the rest by their N-Quads
// form, each form made once.
func sortValues(vs []quad.Value) []quad.Value {
	if len(vs) < 2 {
		return vs
	}
	type keyed struct {
		form string
		v    quad.Value
	}
	ks := make([]keyed, 0, len(vs))
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		if f := v.String(); !seen[f] {
			seen[f] = true
			ks = append(ks, keyed{f, v})
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].form < ks[j].form })
	out := vs[:len(ks)]
	for i, k := range ks {
		out[i] = k.v
	}
	return out
}

// text is the first value of node's predicate as text ("" when none).
func (n *nav) text(node quad.Value, pred string) string {
	if node == nil {
		return ""
	}
	k := valuePred{node, pred}
	if t, ok := n.texts[k]; ok {
		return t
	}
	t := ""
	if vs := n.out(node, pred); len(vs) > 0 {
		t = vocab.ValueText(vs[0])
	}
	n.texts[k] = t
	return t
}

// one is the first node node's predicate points to (nil when none).
func (n *nav) one(node quad.Value, pred string) quad.Value {
	if node == nil {
		return nil
	}
	k := valuePred{node, pred}
	if v, ok := n.ones[k]; ok {
		return v
	}
	var v quad.Value
	if vs := n.out(node, pred); len(vs) > 0 {
		v = vs[0]
	}
	n.ones[k] = v
	return v
}

// label is a node's rdfs:label, or its short id.
func (n *nav) label(node quad.Value) string {
	if l := n.text(node, vocab.RDFSLabel); l != "" {
		return l
	}
	return shortID(vocab.ValueText(node))
}

// typeName is the contract type of an actor node, or its class's local name.
func (n *nav) typeName(node quad.Value) string {
	for _, c := range n.out(node, vocab.RDFType) {
		if t, ok := typeNames[vocab.ValueText(c)]; ok {
			return t
		}
	}
	for _, c := range n.out(node, vocab.RDFType) {
		return strings.ToLower(vocab.LocalName(vocab.ValueText(c)))
	}
	return ""
}

// concession reads one measure as a row.
func (n *nav) concession(m quad.Value) ConcessionRow {
	if n.r != nil {
		if id := n.r.ID(m); id != 0 {
			f := n.facts()
			return f.concession(id, f.read(id))
		}
	}
	n.outgoing(m) // one scan reads every property of the measure
	pol := n.one(m, vocab.PolicyOf)
	inst := n.one(pol, vocab.Instrument)
	name := func(v quad.Value) *string {
		if v == nil {
			return nil
		}
		s := n.label(v)
		return &s
	}
	return ConcessionRow{
		ID:          shortID(vocab.ValueText(m)),
		Grantor:     name(n.one(m, vocab.Grantor)),
		Beneficiary: name(n.one(m, vocab.Beneficiary)),
		Policy:      n.text(m, vocab.Text),
		Instrument:  n.text(inst, vocab.RDFSLabel),
		MAST:        n.text(inst, vocab.MAST),
		Sector:      name(n.one(pol, vocab.Sector)),
		Polarity:    n.text(m, vocab.Polarity),
		Action:      n.text(m, vocab.Action),
		Hedged:      n.text(m, vocab.Hedged) == "true",
		Agreement:   name(n.one(m, vocab.PartOf)),
		Evidence:    n.evidence(m),
	}
}

// evidence lists the sentences behind a fact, in document and text order.
func (n *nav) evidence(fact quad.Value) []Evidence {
	out := []Evidence{}
	for _, s := range n.out(fact, vocab.Evidence) {
		n.outgoing(s)
		si := vocab.ValueText(s)
		out = append(out, Evidence{Doc: DocID(n.text(s, vocab.InDocument)), Sentence: n.text(s, vocab.Text), pos: sentenceIndex(si)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].pos < out[j].pos
	})
	return out
}

// measure is a measure to read: by id when the store has a reader, else
// by value.
type measure struct {
	id   uint64
	quad uint64 // the id of the quad naming it, the order to read it in
	v    quad.Value
}

// measures lists the measures of a policy, in no set order: the
// concessions among the facts that name it, not the positions.
func (n *nav) measures(pol quad.Value) []measure {
	var out []measure
	if n.r != nil {
		f := n.facts()
		concessions := f.ofClass(vocab.ClassConcession)
		for _, l := range f.links(pol, vocab.PolicyOf) {
			if concessions[l.Subject] {
				out = append(out, measure{id: l.Subject, quad: l.ID})
			}
		}
		return out
	}
	for _, m := range n.in(pol, vocab.PolicyOf) {
		if containsValue(n.out(m, vocab.RDFType), quad.IRI(vocab.ClassConcession)) {
			out = append(out, measure{v: m})
		}
	}
	return out
}

// row reads a measure as a row.
func (n *nav) row(m measure) ConcessionRow {
	if m.v != nil {
		return n.concession(m.v)
	}
	f := n.facts()
	return f.concession(m.id, f.read(m.id))
}
