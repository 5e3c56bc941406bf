package queries

import (
	"context"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// nav walks the graph through cayley's indexes: one prefix scan per
// (node, predicate) step, so a query touches only what it reads.
type nav struct {
	ctx   context.Context
	qs    cgraph.QuadStore
	texts map[string]string     // cache of first out-values as text, by node and predicate
	ones  map[string]quad.Value // cache of first out-values, by node and predicate
	props map[string]*nodeOut   // cache of each node's outgoing edges
}

// nodeOut is what one prefix scan of a subject gives: its values per
// predicate and the documents that state them.
type nodeOut struct {
	values map[string][]quad.Value
	docs   map[string]bool
}

func newNav(ctx context.Context, st *tg.Store) *nav {
	return &nav{ctx: ctx, qs: st.QuadStore(), texts: map[string]string{}, ones: map[string]quad.Value{}, props: map[string]*nodeOut{}}
}

// outgoing reads all of node's outgoing edges in one index scan.
func (n *nav) outgoing(node quad.Value) *nodeOut {
	k := node.String()
	if p, ok := n.props[k]; ok {
		return p
	}
	p := &nodeOut{values: map[string][]quad.Value{}, docs: map[string]bool{}}
	n.props[k] = p
	ref, err := n.qs.ValueOf(node)
	if err != nil || ref == nil {
		return p
	}
	it := n.qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	for it.Next(n.ctx) {
		q, err := n.qs.Quad(it.Result())
		if err != nil {
			continue
		}
		pred := tg.ValueText(q.Predicate)
		if !containsValue(p.values[pred], q.Object) {
			p.values[pred] = append(p.values[pred], q.Object)
		}
		if q.Label != nil {
			p.docs[tg.ValueText(q.Label)] = true
		}
	}
	for pred := range p.values {
		p.values[pred] = sortValues(p.values[pred])
	}
	return p
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
	if p, ok := n.props[node.String()]; ok {
		if len(preds) == 1 {
			return p.values[preds[0]]
		}
		var vs []quad.Value
		for _, pred := range preds {
			vs = append(vs, p.values[pred]...)
		}
		return sortValues(vs)
	}
	vs, _ := path.StartPath(n.qs, node).Out(iris(preds)...).Iterate(n.ctx).AllValues(n.qs)
	return sortValues(vs)
}

// in lists the nodes with an edge to node by one of the predicates.
func (n *nav) in(node quad.Value, preds ...string) []quad.Value {
	vs, _ := path.StartPath(n.qs, node).In(iris(preds)...).Iterate(n.ctx).AllValues(n.qs)
	return sortValues(vs)
}

func sortValues(vs []quad.Value) []quad.Value {
	seen := map[string]bool{}
	out := vs[:0]
	for _, v := range vs {
		if k := v.String(); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// text is the first value of node's predicate as text ("" when none).
func (n *nav) text(node quad.Value, pred string) string {
	if node == nil {
		return ""
	}
	k := node.String() + "\x00" + pred
	if t, ok := n.texts[k]; ok {
		return t
	}
	t := ""
	if vs := n.out(node, pred); len(vs) > 0 {
		t = tg.ValueText(vs[0])
	}
	n.texts[k] = t
	return t
}

// one is the first node node's predicate points to (nil when none).
func (n *nav) one(node quad.Value, pred string) quad.Value {
	if node == nil {
		return nil
	}
	k := node.String() + "\x00" + pred
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
	if l := n.text(node, tg.RDFSLabel); l != "" {
		return l
	}
	return shortID(tg.ValueText(node))
}

// typeName is the contract type of an actor node, or its class's local name.
func (n *nav) typeName(node quad.Value) string {
	for _, c := range n.out(node, tg.RDFType) {
		if t, ok := typeNames[tg.ValueText(c)]; ok {
			return t
		}
	}
	for _, c := range n.out(node, tg.RDFType) {
		return strings.ToLower(tg.LocalName(tg.ValueText(c)))
	}
	return ""
}

// concession reads one measure as a row.
func (n *nav) concession(m quad.Value) ConcessionRow {
	n.outgoing(m) // one scan reads every property of the measure
	pol := n.one(m, tg.PolicyOf)
	inst := n.one(pol, tg.Instrument)
	name := func(v quad.Value) *string {
		if v == nil {
			return nil
		}
		s := n.label(v)
		return &s
	}
	return ConcessionRow{
		ID:          shortID(tg.ValueText(m)),
		Grantor:     name(n.one(m, tg.Grantor)),
		Beneficiary: name(n.one(m, tg.Beneficiary)),
		Policy:      n.text(m, tg.Text),
		Instrument:  n.text(inst, tg.RDFSLabel),
		MAST:        n.text(inst, tg.MAST),
		Sector:      name(n.one(pol, tg.Sector)),
		Polarity:    n.text(m, tg.Polarity),
		Action:      n.text(m, tg.Action),
		Hedged:      n.text(m, tg.Hedged) == "true",
		Agreement:   name(n.one(m, tg.PartOf)),
		Evidence:    n.evidence(m),
	}
}

// evidence lists the sentences behind a fact, in document and text order.
func (n *nav) evidence(fact quad.Value) []Evidence {
	out := []Evidence{}
	for _, s := range n.out(fact, tg.Evidence) {
		n.outgoing(s)
		si := tg.ValueText(s)
		out = append(out, Evidence{Doc: DocID(n.text(s, tg.InDocument)), Sentence: n.text(s, tg.Text), pos: sentenceIndex(si)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].pos < out[j].pos
	})
	return out
}
