package graph_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph"
)

// TestEachQuadPostgres: on postgres the store's quads are read in SQL, a
// cursor's chunk at a time; they must be the quads cayley reads, values
// of every kind alike, and check must report what it reports reading
// through cayley.
func TestEachQuadPostgres(t *testing.T) {
	st := open(t, freshPostgres(t, postgresServer(t)))
	for _, c := range history(t) {
		apply(t, st, c)
	}
	doc := quad.IRI("http://example.org/doc/values.txt")
	s := quad.IRI("http://example.org/thing")
	var values []quad.Quad
	for _, v := range []quad.Value{
		quad.IRI("http://example.org/other"), quad.BNode("b1"), quad.String("plain"), quad.String("nul \x00 and ünïcode"),
		quad.LangString{Value: "Zollabkommen", Lang: "de"}, quad.TypedString{Value: "2024-05", Type: "http://www.w3.org/2001/XMLSchema#gYearMonth"},
		quad.Int(-42), quad.Bool(true), quad.Float(2.5), quad.Time(time.Date(2024, 5, 6, 7, 8, 9, 123000, time.UTC)),
	} {
		values = append(values, quad.Quad{Subject: s, Predicate: quad.IRI("http://example.org/p"), Object: v, Label: doc})
	}
	values = append(values, quad.Quad{Subject: s, Predicate: quad.IRI("http://example.org/unlabelled"), Object: quad.Int(7)})
	apply(t, st, graph.Change{Add: values})
	graph.SmallReads(t, 500, 2000) // many chunks, and the values forgotten between some
	got, err := st.Quads(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.ThroughCayley().Quads(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 1000 || !reflect.DeepEqual(got, want) {
		t.Fatalf("read in SQL: %d quads; through cayley: %d (or they differ)", len(got), len(want))
	}
	for _, q := range values {
		found := false
		for _, g := range got {
			found = found || reflect.DeepEqual(g, q)
		}
		if !found {
			t.Errorf("%v is not read back", q)
		}
	}
	rep, err := st.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantRep, err := st.ThroughCayley().Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep, wantRep) || rep.Facts == 0 {
		t.Errorf("check reading in SQL: %+v\nthrough cayley: %+v", rep, wantRep)
	}
}
