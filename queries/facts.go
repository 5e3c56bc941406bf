package queries

import (
	"cmp"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// The listings visit every measure, bundle or claim once. Going through
// nav's caches, each would leave its values and props behind in maps that
// outgrow the rows themselves; here a fact's props are read in one pass
// of the subject-predicate index and dropped once its row is made, and
// only what many facts share is kept: the nodes they point to, sentences,
// documents and policies, each by id.

// facts reads facts by node id through a Reader.
type facts struct {
	n        *nav
	preds    map[uint64]string // predicate IRIs
	names    map[uint64]*string
	docs     map[uint64]string
	sents    map[uint64]Evidence
	policies map[uint64]*policyFacts
	classes  map[string]map[uint64]bool // the nodes of each class asked of ofClass
}

// policyFacts are what a measure's row takes from its policy.
type policyFacts struct {
	instrument, mast string
	sector           *string
}

func (n *nav) facts() *facts {
	if n.f == nil {
		n.f = &facts{n: n, preds: map[uint64]string{}, names: map[uint64]*string{}, docs: map[uint64]string{}, sents: map[uint64]Evidence{},
			policies: map[uint64]*policyFacts{}, classes: map[string]map[uint64]bool{}}
	}
	return n.f
}

// prop is one distinct (predicate, object) of a fact.
type prop struct {
	pred string
	obj  uint64
}

// props are the distinct outgoing props of a fact, in the order of their quads.
type props []prop

// read returns the outgoing props of the node with id.
func (f *facts) read(id uint64) props {
	links := f.n.propsOf(id)
	es := make(props, len(links))
	for i, l := range links {
		es[i] = prop{f.predName(l.Predicate), l.Object}
	}
	return es
}

// readAlong returns the outgoing props of the node with id along preds.
func (f *facts) readAlong(id uint64, preds ...string) props {
	pids := f.n.predIDs(preds)
	if len(pids) == 0 {
		return nil
	}
	var es props
	for _, l := range f.n.objects(id, pids...) {
		es = append(es, prop{f.predName(l.Predicate), l.Object})
	}
	return es
}

// predName is the IRI of the predicate with id, read once.
func (f *facts) predName(id uint64) string {
	p, ok := f.preds[id]
	if !ok {
		if v := f.n.value(id); v != nil {
			p = vocab.ValueText(v)
		}
		f.preds[id] = p
	}
	return p
}

// all lists the objects of pred in the order nav.out gives them: by
// their N-Quads form.
func (f *facts) all(es props, pred string) []uint64 {
	var ids []uint64
	for _, e := range es {
		if e.pred == pred {
			ids = append(ids, e.obj)
		}
	}
	if len(ids) < 2 {
		return ids
	}
	forms := make(map[uint64]string, len(ids))
	for _, id := range ids {
		forms[id] = nquads(f.n.peek(id))
	}
	sort.Slice(ids, func(i, j int) bool { return forms[ids[i]] < forms[ids[j]] })
	return ids
}

// first is the first object of pred, 0 when none.
func (f *facts) first(es props, pred string) uint64 {
	var id uint64
	form := ""
	for _, e := range es {
		if e.pred != pred {
			continue
		}
		if id == 0 {
			id = e.obj
			continue
		}
		// several objects: the least N-Quads form, as nav.one picks
		if form == "" {
			form = nquads(f.n.peek(id))
		}
		if s := nquads(f.n.peek(e.obj)); s < form {
			id, form = e.obj, s
		}
	}
	return id
}

// text is the first object of pred as text.
func (f *facts) text(es props, pred string) string {
	if id := f.first(es, pred); id != 0 {
		return vocab.ValueText(f.n.peek(id))
	}
	return ""
}

// word is like text for the values many facts share, such as a polarity:
// they are kept by the reader, read once.
func (f *facts) word(ps props, pred string) string {
	if id := f.first(ps, pred); id != 0 {
		return vocab.ValueText(f.n.value(id))
	}
	return ""
}

// nquads is a value's N-Quads form, "" for none: a failed read gives none.
func nquads(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}

// name is a node's label or short id, shared by every row naming it;
// nil for no node.
func (f *facts) name(id uint64) *string {
	if id == 0 {
		return nil
	}
	if s, ok := f.names[id]; ok {
		return s
	}
	var s *string
	if v := f.n.value(id); v != nil {
		l := f.n.label(v)
		s = &l
	}
	f.names[id] = s
	return s
}

// policy is what a measure's row shows of its policy.
func (f *facts) policy(id uint64) *policyFacts {
	if p, ok := f.policies[id]; ok {
		return p
	}
	p := &policyFacts{}
	if pol := f.n.value(id); pol != nil {
		inst := f.n.one(pol, vocab.Instrument)
		p.instrument, p.mast = f.n.text(inst, vocab.RDFSLabel), f.n.text(inst, vocab.MAST)
		if sec := f.n.one(pol, vocab.Sector); sec != nil {
			p.sector = f.name(f.n.r.ID(sec))
		}
	}
	f.policies[id] = p
	return p
}

// concession reads the measure with id as a row.
func (f *facts) concession(id uint64, es props) ConcessionRow {
	r := ConcessionRow{
		ID:          shortID(vocab.ValueText(f.n.peek(id))),
		Grantor:     f.name(f.first(es, vocab.Grantor)),
		Beneficiary: f.name(f.first(es, vocab.Beneficiary)),
		Policy:      f.text(es, vocab.Text),
		Polarity:    f.word(es, vocab.Polarity),
		Action:      f.word(es, vocab.Action),
		Hedged:      f.word(es, vocab.Hedged) == "true",
		Agreement:   f.name(f.first(es, vocab.PartOf)),
		Evidence:    f.evidence(es),
	}
	if pol := f.first(es, vocab.PolicyOf); pol != 0 {
		p := f.policy(pol)
		r.Instrument, r.MAST, r.Sector = p.instrument, p.mast, p.sector
	}
	return r
}

// evidence lists the sentences behind a fact, in document and text order.
func (f *facts) evidence(es props) []Evidence {
	out := []Evidence{}
	for _, s := range f.all(es, vocab.Evidence) {
		out = append(out, f.sentence(s))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].pos < out[j].pos
	})
	return out
}

// sentence is the sentence with id as evidence, read once.
func (f *facts) sentence(id uint64) Evidence {
	if e, ok := f.sents[id]; ok {
		return e
	}
	es := f.read(id)
	e := Evidence{Doc: f.doc(f.first(es, vocab.InDocument)), Sentence: f.text(es, vocab.Text),
		pos: sentenceIndex(vocab.ValueText(f.n.peek(id)))}
	f.sents[id] = e
	return e
}

// doc is the identifier of the document with id, made once per document.
func (f *facts) doc(id uint64) string {
	if id == 0 {
		return DocID("")
	}
	if d, ok := f.docs[id]; ok {
		return d
	}
	d := DocID(vocab.ValueText(f.n.value(id)))
	f.docs[id] = d
	return d
}

// subjects lists the ids of the nodes with an edge to node by pred, in
// the order of those edges' quads. A fact's quads were stored with the
// rest of its document, so the log is then read nearly in order; in the
// order of node ids, each fact would be a seek.
func (f *facts) subjects(node quad.Value, pred string) []uint64 {
	links := f.links(node, pred)
	out := make([]uint64, len(links))
	for i, l := range links {
		out[i] = l.Subject
	}
	return out
}

// ofClass is the set of the ids of the nodes of class, read once: one
// read of the class's members, where asking each node its types is a
// read per node.
func (f *facts) ofClass(class string) map[uint64]bool {
	if set, ok := f.classes[class]; ok {
		return set
	}
	set := map[uint64]bool{}
	for _, id := range f.subjects(quad.IRI(class), vocab.RDFType) {
		set[id] = true
	}
	f.classes[class] = set
	return set
}

// links are the quads of subjects' edges, one per subject, in the order
// of their ids.
func (f *facts) links(node quad.Value, pred string) []tg.Link {
	id, pids := f.n.ids(node, []string{pred})
	if id == 0 || len(pids) == 0 {
		return nil
	}
	links := f.n.subjects(id, pids[0])
	slices.SortFunc(links, func(a, b tg.Link) int { return cmp.Compare(a.ID, b.ID) })
	return links
}

// factLinks lead from a fact to the nodes its row reads whole: its
// sentences and its policy. Its actors and instrument are shared by many
// facts, and read once each.
var factLinks = []string{vocab.Evidence, vocab.PolicyOf}

// fields are the properties of one fact, read by either path: by id
// through the reader (factFields), or by value through nav's walks
// (nodeFields). A row read through fields is written once for both.
type fields interface {
	id() string                  // the fact's short id
	node(pred string) quad.Value // the first node pred points to, nil if none
	name(pred string) *string    // its label, nil if none
	text(pred string) string     // the first value of pred as text
	word(pred string) string     // the same, for a value many facts share
	policy() *policyFacts        // what the fact's policy says, empty if none
	evidence() []Evidence
}

// eachOfClass calls each with the fields of every node of class, in the
// order of the quads that type them on the direct path. Each fact's
// fields are read when it is reached and dropped after.
func (n *nav) eachOfClass(class string, each func(fields)) {
	if n.r != nil {
		f := n.facts()
		ids := f.subjects(quad.IRI(class), vocab.RDFType)
		ahead := n.readAhead(ids, 1, factLinks...)
		for i, id := range ids {
			if n.stopped() {
				return
			}
			ahead(i)
			each(factFields{f, id, f.read(id)})
		}
		return
	}
	for _, node := range n.in(quad.IRI(class), vocab.RDFType) {
		if n.stopped() {
			return
		}
		each(n.fieldsOf(node))
	}
}

// fieldsOf are the fields of the fact node, by the direct path when the
// store has one.
func (n *nav) fieldsOf(node quad.Value) fields {
	if n.r != nil {
		if id := n.r.ID(node); id != 0 {
			f := n.facts()
			return factFields{f, id, f.read(id)}
		}
	}
	n.outgoing(node)
	return nodeFields{n, node}
}

// factFields are the fields of the fact with id, of props ps.
type factFields struct {
	f      *facts
	factID uint64
	ps     props
}

func (x factFields) id() string                  { return shortID(vocab.ValueText(x.f.n.peek(x.factID))) }
func (x factFields) node(pred string) quad.Value { return x.f.n.value(x.f.first(x.ps, pred)) }
func (x factFields) name(pred string) *string    { return x.f.name(x.f.first(x.ps, pred)) }
func (x factFields) text(pred string) string     { return x.f.text(x.ps, pred) }
func (x factFields) word(pred string) string     { return x.f.word(x.ps, pred) }
func (x factFields) evidence() []Evidence        { return x.f.evidence(x.ps) }

func (x factFields) policy() *policyFacts {
	if pol := x.f.first(x.ps, vocab.PolicyOf); pol != 0 {
		return x.f.policy(pol)
	}
	return &policyFacts{}
}

// nodeFields are the fields of the fact node, read through nav.
type nodeFields struct {
	n    *nav
	fact quad.Value
}

func (x nodeFields) id() string                  { return shortID(vocab.ValueText(x.fact)) }
func (x nodeFields) node(pred string) quad.Value { return x.n.one(x.fact, pred) }
func (x nodeFields) text(pred string) string     { return x.n.text(x.fact, pred) }
func (x nodeFields) word(pred string) string     { return x.n.text(x.fact, pred) }
func (x nodeFields) evidence() []Evidence        { return x.n.evidence(x.fact) }

func (x nodeFields) name(pred string) *string {
	v := x.n.one(x.fact, pred)
	if v == nil {
		return nil
	}
	s := x.n.label(v)
	return &s
}

func (x nodeFields) policy() *policyFacts {
	p := &policyFacts{}
	pol := x.n.one(x.fact, vocab.PolicyOf)
	if pol == nil {
		return p
	}
	inst := x.n.one(pol, vocab.Instrument)
	p.instrument, p.mast = x.n.text(inst, vocab.RDFSLabel), x.n.text(inst, vocab.MAST)
	p.sector = nodeFields{x.n, pol}.name(vocab.Sector)
	return p
}
