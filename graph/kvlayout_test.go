package graph

import (
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// The bulk writer finds and files values by cayley's hash of them: it must
// be the very hash cayley computes, or cayley would not find them.
func TestInternHashIsCayleys(t *testing.T) {
	q := newKVQueue()
	for _, v := range []quad.Value{
		quad.IRI("http://tradegraph.org/id/country/malaysia"),
		quad.String(`a "quoted" string`),
		quad.LangString{Value: "texte", Lang: "fr"},
		quad.TypedString{Value: "x", Type: "http://example.org/t"},
		quad.Int(42),
		quad.Bool(true),
		quad.BNode("b1"),
		quad.Time(time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC)),
	} {
		i := q.intern(v)
		if got, want := q.vals[i].hash, refs.HashOf(v); got != want {
			t.Errorf("hash of %#v = %x, cayley's %x", v, got, want)
		}
	}
}
