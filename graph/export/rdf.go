package export

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/jsonld" // registers the jsonld format
	_ "github.com/cayleygraph/quad/nquads" // registers the nquads format

	tg "github.com/tradegraph/tradegraph/graph"
)

func init() {
	for _, f := range []struct{ name, ext, doc string }{
		{"nquads", ".nq", "N-Quads: the quads themselves, labels kept, as 'tradegraph dump' writes them"},
		{"jsonld", ".jsonld", "JSON-LD: the quads themselves, labels kept as named graphs"},
	} {
		Register(Format{Name: f.name, Doc: f.doc, RDF: true, Files: []File{{Name: f.ext, Write: rdfWriter(f.name)}}})
	}
}

// rdfWriter writes the quads of a full view through cayley's format of that
// name, sorted and with standard literals, as the dump does.
func rdfWriter(format string) func(io.Writer, *Graph) error {
	return func(w io.Writer, g *Graph) error {
		if g.View != Full {
			return fmt.Errorf("%s writes quads, which only the full view keeps", format)
		}
		quads := g.Quads()
		tg.SortQuads(quads)
		qw := quad.FormatByName(format).Writer(w)
		if _, err := tg.StandardLiterals(qw).WriteQuads(quads); err != nil {
			qw.Close()
			return err
		}
		return qw.Close()
	}
}

// Quads are the quads a full view holds, one per edge; nil for the network
// view.
func (g *Graph) Quads() []quad.Quad {
	if g.View != Full {
		return nil
	}
	out := make([]quad.Quad, len(g.Edges))
	for i, e := range g.Edges {
		out[i] = quad.Quad{Subject: g.Nodes[e.Source].term, Predicate: e.pred, Object: g.Nodes[e.Target].term, Label: e.ctx}
	}
	return out
}
