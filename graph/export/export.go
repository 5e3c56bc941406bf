// Package export turns a tradegraph store into a property graph (nodes and
// edges with typed attributes) and writes it in the formats of visualization
// and graph tools: GraphML, GEXF, Cytoscape.js JSON, DOT, GML, CSV (Gephi or
// neo4j-admin), N-Quads and JSON-LD, SVG and PNG pictures, and a
// self-contained HTML viewer.
//
// Two views of the store exist. The network view (the default) keeps what a
// researcher looks at: actors, policies, sectors, measures, positions and
// bundles as nodes, joined by grants, benefits, holds, addresses, concerns,
// in-sector, member-of and part-of edges, with polarity, kind, instrument,
// sector and evidence as attributes. The full view keeps every quad: each subject and object is a
// node and each quad an edge, its label kept as an edge attribute.
//
// Formats register by name, one file each, like cayley's quad formats.
package export

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// View names.
const (
	Network = "network" // actors, policies, sectors, measures, positions and bundles
	Full    = "full"    // every quad
)

// Views lists the view names, the default first.
func Views() []string { return []string{Network, Full} }

// Query names a canned subgraph.
const QueryBundles = "bundles" // only the bundles and their member measures

// Selection says which part of the store to export.
type Selection struct {
	// View is Network or Full; empty means Network.
	View string
	// Doc keeps only the quads of one document: its id (as queries print
	// it) or its IRI.
	Doc string
	// Query keeps a canned subgraph: QueryBundles.
	Query string
	// Around keeps the nodes within Hops edges (either direction) of this
	// node; nil keeps them all. A name becomes a node through the resolver
	// every verb that takes a name uses (queries.Resolve).
	Around quad.Value
	Hops   int
}

// AttrType is the type of an attribute's values.
type AttrType string

// Attribute types. Values are always held as text, "true" or "false" for
// booleans.
const (
	String  AttrType = "string"
	Boolean AttrType = "boolean"
)

// Attr declares an attribute nodes or edges carry.
type Attr struct {
	Name string
	Type AttrType
}

// Every view's first two node attributes are "type" and "label".
const (
	typeIndex     = 0
	labelIndex    = 1
	typeAttrName  = "type"
	labelAttrName = "label"
)

// Graph is a property graph: nodes and edges with attribute values laid out
// as NodeAttrs and EdgeAttrs declare. Nodes are sorted by ID and edges by
// source, label and target, so every writer's output is stable.
type Graph struct {
	View      string
	NodeAttrs []Attr
	EdgeAttrs []Attr
	Nodes     []Node
	Edges     []Edge
}

// Node is a vertex of the graph.
type Node struct {
	ID string
	// Values holds one value per Graph.NodeAttrs entry; "" means none.
	Values []string
	// term is the node's RDF term in the full view.
	term quad.Value
	// expand is false for the nodes a --around walk must not pass through:
	// literals and classes, which would join every node to every other.
	expand bool
}

// Type is the node's type: "country", "concession", ... in the network
// view, class names in the full view.
func (n *Node) Type() string { return n.Values[typeIndex] }

// Label is the node's display name.
func (n *Node) Label() string { return n.Values[labelIndex] }

// Edge is a directed edge between two nodes of the graph.
type Edge struct {
	Source, Target int // indices into Graph.Nodes
	// Label names the relation for display: "grants", or a compact
	// predicate such as "tg:grantor" in the full view.
	Label string
	// Values holds one value per Graph.EdgeAttrs entry; "" means none.
	Values []string
	// pred and ctx are the quad's predicate and label in the full view.
	pred, ctx quad.Value
}

// NodeAttr is the value of the named attribute of n, or "".
func (g *Graph) NodeAttr(n *Node, name string) string {
	for i, a := range g.NodeAttrs {
		if a.Name == name {
			return n.Values[i]
		}
	}
	return ""
}

// Counts are the sizes of a graph, per node type.
type Counts struct {
	View  string           `json:"view"`
	Nodes int              `json:"nodes"`
	Edges int              `json:"edges"`
	Types map[string]int64 `json:"types"`
}

// Counts counts the graph's nodes, edges and nodes per type.
func (g *Graph) Counts() Counts {
	c := Counts{View: g.View, Nodes: len(g.Nodes), Edges: len(g.Edges), Types: map[string]int64{}}
	for i := range g.Nodes {
		t := g.Nodes[i].Type()
		if t == "" {
			t = "(none)"
		}
		c.Types[t]++
	}
	return c
}

// Validate reports a selection that names no view or query, or a negative
// number of hops.
func (sel Selection) Validate() error {
	if sel.View != "" && sel.View != Network && sel.View != Full {
		return fmt.Errorf("unknown view %q (want %s)", sel.View, strings.Join(Views(), " or "))
	}
	if sel.Query != "" && sel.Query != QueryBundles {
		return fmt.Errorf("unknown query %q (want %s)", sel.Query, QueryBundles)
	}
	if sel.Hops < 0 {
		return fmt.Errorf("hops must be 0 or more, not %d", sel.Hops)
	}
	return nil
}

// ErrNotFound reports a document or a node name that the store lacks.
var ErrNotFound = errors.New("not found")

// notFound is an ErrNotFound with its own message.
type notFound string

func (e notFound) Error() string        { return string(e) }
func (e notFound) Is(target error) bool { return target == ErrNotFound }

// Build reads the part of st that sel names and returns it as a graph.
func Build(ctx context.Context, st *tg.Store, sel Selection) (*Graph, error) {
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	view := sel.View
	if view == "" {
		view = Network
	}
	each := st.EachQuad
	if sel.Doc != "" {
		var err error
		if each, err = documentQuads(ctx, st, sel.Doc); err != nil {
			return nil, err
		}
	}
	var (
		g   *Graph
		err error
	)
	if view == Network {
		g, err = buildNetwork(ctx, each)
	} else {
		g, err = buildFull(ctx, each)
	}
	if err != nil {
		return nil, err
	}
	if sel.Query == QueryBundles {
		g = g.bundles()
	}
	if sel.Around != nil {
		if g, err = g.around(sel.Around, sel.Hops); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// eachFunc calls fn for every quad of some part of the store.
type eachFunc func(ctx context.Context, fn func(quad.Quad) error) error

// documentQuads reads the quads of the document id names: the label is the
// document IRI the article loader gives it, or id itself (an IRI or the
// label a loaded RDF file carries).
func documentQuads(ctx context.Context, st *tg.Store, id string) (eachFunc, error) {
	docIRI := vocab.IDBase + "doc/" + url.PathEscape(filepath.ToSlash(id))
	candidates := []quad.Value{quad.IRI(docIRI), quad.IRI(id), quad.String(id)}
	for _, label := range candidates {
		qs, err := st.QuadsWith(ctx, quad.Label, label)
		if err != nil {
			return nil, err
		}
		if len(qs) > 0 {
			return func(ctx context.Context, fn func(quad.Quad) error) error {
				for _, q := range qs {
					if err := fn(q); err != nil {
						return err
					}
				}
				return ctx.Err()
			}, nil
		}
	}
	return nil, notFound(fmt.Sprintf("no document %q in the store", id))
}

// sortGraph orders nodes by ID and edges by source, label, target and
// values, renumbering the edges' node indices.
func (g *Graph) sortGraph() {
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return g.Nodes[order[a]].ID < g.Nodes[order[b]].ID })
	newIndex := make([]int, len(g.Nodes))
	nodes := make([]Node, len(g.Nodes))
	for to, from := range order {
		nodes[to] = g.Nodes[from]
		newIndex[from] = to
	}
	g.Nodes = nodes
	for i := range g.Edges {
		g.Edges[i].Source = newIndex[g.Edges[i].Source]
		g.Edges[i].Target = newIndex[g.Edges[i].Target]
	}
	sort.Slice(g.Edges, func(a, b int) bool {
		x, y := &g.Edges[a], &g.Edges[b]
		if x.Source != y.Source {
			return x.Source < y.Source
		}
		if x.Label != y.Label {
			return x.Label < y.Label
		}
		if x.Target != y.Target {
			return x.Target < y.Target
		}
		for i := range x.Values {
			if x.Values[i] != y.Values[i] {
				return x.Values[i] < y.Values[i]
			}
		}
		return false
	})
}

// subgraph keeps the nodes keep marks and the edges between them, in order.
func (g *Graph) subgraph(keepNode []bool, keepEdge func(*Edge) bool) *Graph {
	out := &Graph{View: g.View, NodeAttrs: g.NodeAttrs, EdgeAttrs: g.EdgeAttrs}
	newIndex := make([]int, len(g.Nodes))
	for i := range g.Nodes {
		if keepNode[i] {
			newIndex[i] = len(out.Nodes)
			out.Nodes = append(out.Nodes, g.Nodes[i])
		}
	}
	for _, e := range g.Edges {
		if keepNode[e.Source] && keepNode[e.Target] && (keepEdge == nil || keepEdge(&e)) {
			e.Source, e.Target = newIndex[e.Source], newIndex[e.Target]
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}

// around keeps the nodes within hops edges of center.
func (g *Graph) around(center quad.Value, hops int) (*Graph, error) {
	dist := make([]int, len(g.Nodes))
	for i := range dist {
		dist[i] = -1
	}
	var frontier []int
	for i := range g.Nodes {
		if g.is(&g.Nodes[i], center) {
			dist[i] = 0
			frontier = append(frontier, i)
		}
	}
	if len(frontier) == 0 {
		msg := fmt.Sprintf("--around %s: not a node of the %s view", ShortID(vocab.ValueText(center)), g.View)
		if g.View == Network {
			msg += " (--view full has every node)"
		}
		return nil, notFound(msg)
	}
	adj := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	for d := 1; d <= hops && len(frontier) > 0; d++ {
		var next []int
		for _, i := range frontier {
			if d > 1 && !g.Nodes[i].expand {
				continue
			}
			for _, j := range adj[i] {
				if dist[j] < 0 {
					dist[j] = d
					next = append(next, j)
				}
			}
		}
		frontier = next
	}
	keep := make([]bool, len(g.Nodes))
	for i, d := range dist {
		keep[i] = d >= 0
	}
	return g.subgraph(keep, nil), nil
}

// is reports whether n is the node v: the full view keeps each node's
// term, the network view its IRI.
func (g *Graph) is(n *Node, v quad.Value) bool {
	if g.View == Full {
		return n.term.String() == v.String()
	}
	iri, ok := v.(quad.IRI)
	return ok && g.NodeAttr(n, "iri") == string(iri)
}

// bundles keeps the bundles and their member measures, joined by their
// membership edges.
func (g *Graph) bundles() *Graph {
	isBundle := func(n *Node) bool {
		if g.View == Network {
			return n.Type() == "bundle"
		}
		for _, t := range strings.Split(n.Type(), ";") {
			if t == vocab.LocalName(vocab.ClassBundle) {
				return true
			}
		}
		return false
	}
	membership := func(e *Edge) bool {
		if g.View == Network {
			return e.Label == relMemberOf && isBundle(&g.Nodes[e.Target])
		}
		return e.pred == quad.IRI(vocab.Member) && isBundle(&g.Nodes[e.Source])
	}
	keep := make([]bool, len(g.Nodes))
	for i := range g.Nodes {
		keep[i] = keep[i] || isBundle(&g.Nodes[i])
	}
	for _, e := range g.Edges {
		if membership(&e) {
			keep[e.Source], keep[e.Target] = true, true
		}
	}
	return g.subgraph(keep, membership)
}
