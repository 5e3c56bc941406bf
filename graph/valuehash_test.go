package graph

import (
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// The store files and finds values by cayley's hash of them: valueHash
// must be the very hash cayley computes, or cayley would not find the
// nodes tradegraph writes, nor tradegraph those cayley writes.
func TestValueHashIsCayleys(t *testing.T) {
	long := quad.IRI("http://tradegraph.org/id/" + strings.Repeat("x", shortIRI))
	for _, v := range []quad.Value{
		nil,
		quad.IRI(""),
		quad.IRI("http://tradegraph.org/id/country/malaysia"),
		quad.IRI("http://tradegraph.org/id/" + strings.Repeat("y", shortIRI-2-len("http://tradegraph.org/id/"))), // fills the buffer
		long[:len(long)-1], // one past it
		long,
		quad.IRI("http://example.org/ü/<>"),
		quad.String(""),
		quad.String(`a "quoted" string` + "\n"),
		quad.LangString{Value: "texte", Lang: "fr"},
		quad.TypedString{Value: "x", Type: "http://example.org/t"},
		quad.Int(42),
		quad.Bool(true),
		quad.BNode("b1"),
		quad.Time(time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC)),
	} {
		if got, want := valueHash(v), refs.HashOf(v); got != want {
			t.Errorf("valueHash(%#v) = %x, cayley's %x", v, got, want)
		}
	}
}

func TestValueHashOfAnIRIDoesNotAllocate(t *testing.T) {
	v := quad.Value(quad.IRI("http://tradegraph.org/id/measure/doc-000123-m4"))
	if n := testing.AllocsPerRun(100, func() { valueHash(v) }); n != 0 {
		t.Errorf("valueHash of an IRI allocates %v times", n)
	}
}

func BenchmarkValueHash(b *testing.B) {
	for name, v := range map[string]quad.Value{
		"iri":    quad.IRI("http://tradegraph.org/id/measure/doc-000123-m4-tariff-cut"),
		"string": quad.String("tariffs on tea fall to zero"),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				valueHash(v)
			}
		})
	}
}
