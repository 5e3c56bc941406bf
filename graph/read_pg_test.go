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

// TestReaderSiblingSharesTheSnapshot: on postgres, where other processes
// write meanwhile, a Reader's sibling reads what the Reader reads, not
// what was written since it began; a new Reader reads what was.
func TestReaderSiblingSharesTheSnapshot(t *testing.T) {
	cfg := freshPostgres(t, postgresServer(t))
	st, other := open(t, cfg), open(t, cfg)
	doc := quad.IRI("http://example.org/doc/a.txt")
	s, p := quad.IRI("http://example.org/s"), quad.IRI("http://example.org/p")
	apply(t, st, graph.Change{Replace: []quad.Value{doc}, Add: []quad.Quad{{Subject: s, Predicate: p, Object: quad.String("one"), Label: doc}}})
	r, err := st.NewReader(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	objects := func(r *graph.Reader) []string {
		t.Helper()
		links, err := r.Objects(r.ID(s), r.ID(p))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range links {
			v, err := r.Value(l.Object)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v.String())
		}
		return out
	}
	if got := objects(r); !reflect.DeepEqual(got, []string{`"one"`}) {
		t.Fatalf("the reader reads %v", got)
	}
	apply(t, other, graph.Change{Replace: []quad.Value{doc}, Add: []quad.Quad{{Subject: s, Predicate: p, Object: quad.String("two"), Label: doc}}})
	sib, err := r.Sibling(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer sib.Close()
	if got := objects(sib); !reflect.DeepEqual(got, []string{`"one"`}) {
		t.Errorf("the sibling begun after a write reads %v, not its reader's %v", got, `"one"`)
	}
	fresh, err := st.NewReader(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if got := objects(fresh); !reflect.DeepEqual(got, []string{`"two"`}) {
		t.Errorf("a new reader reads %v, want the write's", got)
	}
}
