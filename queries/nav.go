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
	texts map[string]string // cache of first out-values, by node and predicate
}

func newNav(ctx context.Context, st *tg.Store) *nav {
	return &nav{ctx: ctx, qs: st.QuadStore(), texts: map[string]string{}}
}

func iris(preds []string) []any {
	out := make([]any, len(preds))
	for i, p := range preds {
		out[i] = quad.IRI(p)
	}
	return out
}

// out lists the values of node's outgoing edges with the given predicates.
func (n *nav) out(node quad.Value, preds ...string) []quad.Value {
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
	if vs := n.out(node, pred); len(vs) > 0 {
		return vs[0]
	}
	return nil
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
