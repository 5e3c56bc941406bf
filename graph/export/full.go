package export

import (
	"context"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
)

// fullNodeAttrs are the attributes of the full view's nodes: kind is iri,
// literal or blank; value is the IRI or the literal's text.
var fullNodeAttrs = []Attr{
	{typeAttrName, String}, {labelAttrName, String}, {"kind", String}, {"value", String},
	{"datatype", String}, {"language", String},
}

// fullEdgeAttrs are the attributes of the full view's edges: the quad's
// predicate IRI and its label (the document, for articles).
var fullEdgeAttrs = []Attr{{"predicate", String}, {"quad_label", String}}

// Prefixes that shorten predicates in edge labels.
var prefixes = []struct{ prefix, iri string }{
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"rdfs:", "http://www.w3.org/2000/01/rdf-schema#"},
	{"tg:", vocab.NS},
}

func compactIRI(iri string) string {
	for _, p := range prefixes {
		if local, ok := strings.CutPrefix(iri, p.iri); ok && local != "" {
			return p.prefix + local
		}
	}
	return iri
}

// fullNode gathers what the full view says of one RDF term.
type fullNode struct {
	term    quad.Value
	classes []string
	labels  []string
	class   bool // the object of an rdf:type quad
}

func buildFull(ctx context.Context, each eachFunc) (*Graph, error) {
	g := &Graph{View: Full, NodeAttrs: fullNodeAttrs, EdgeAttrs: fullEdgeAttrs}
	index := map[string]int{}
	var nodes []fullNode
	nodeOf := func(v quad.Value) int {
		k := v.String()
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(nodes)
		nodes = append(nodes, fullNode{term: v})
		return len(nodes) - 1
	}
	err := each(ctx, func(q quad.Quad) error {
		s, o := nodeOf(q.Subject), nodeOf(q.Object)
		p := vocab.ValueText(q.Predicate)
		switch p {
		case vocab.RDFType:
			nodes[s].classes = append(nodes[s].classes, vocab.LocalName(vocab.ValueText(q.Object)))
			nodes[o].class = true
		case vocab.RDFSLabel:
			nodes[s].labels = append(nodes[s].labels, vocab.ValueText(q.Object))
		}
		label := ""
		if q.Label != nil {
			label = vocab.ValueText(q.Label)
		}
		g.Edges = append(g.Edges, Edge{Source: s, Target: o, Label: compactIRI(p), Values: []string{p, label},
			pred: q.Predicate, ctx: q.Label})
		return nil
	})
	if err != nil {
		return nil, err
	}
	index = nil
	g.Nodes = make([]Node, len(nodes))
	for i := range nodes {
		g.Nodes[i] = nodes[i].node()
		nodes[i] = fullNode{}
	}
	g.sortGraph()
	return g, nil
}

func (f *fullNode) node() Node {
	v := make([]string, len(fullNodeAttrs))
	sort.Strings(f.classes)
	sort.Strings(f.labels)
	v[typeIndex] = strings.Join(dedupe(f.classes), ";")
	v[3] = valueText(f.term)
	switch t := f.term.(type) {
	case quad.IRI:
		v[2] = "iri"
	case quad.BNode:
		v[2] = "blank"
	case quad.LangString:
		v[2], v[5] = "literal", t.Lang
	case quad.TypedString:
		v[2], v[4] = "literal", string(t.Type.Full())
	case quad.TypedStringer:
		v[2], v[4] = "literal", string(t.TypedString().Type.Full())
	default:
		v[2] = "literal"
	}
	switch {
	case len(f.labels) > 0:
		v[labelIndex] = f.labels[0]
	case v[2] == "literal":
		v[labelIndex] = v[3]
	default:
		v[labelIndex] = vocab.LocalName(v[3])
	}
	return Node{ID: f.term.String(), Values: v, term: f.term, expand: v[2] != "literal" && !f.class}
}
