package graph_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
)

// TestStatsPostgres: on postgres Stats counts in SQL over cayley's tables;
// it must give what counting every quad through cayley gives, on an empty
// store and after a history of builds, rebuilds and removals, in which
// nodes lose their last quad and documents go.
func TestStatsPostgres(t *testing.T) {
	st := open(t, freshPostgres(t, postgresServer(t)))
	check := func(when string) {
		t.Helper()
		got, want := stats(t, st), stats(t, st.ThroughCayley())
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: SQL stats %+v, counted through cayley %+v", when, got, want)
		}
	}
	check("empty")
	if s := stats(t, st); s.Quads != 0 || s.Nodes != 0 || s.Documents != 0 || len(s.Classes) != 0 {
		t.Errorf("empty store: stats %+v", s)
	}
	changes := history(t)
	for i, c := range changes {
		apply(t, st, c)
		if i%10 == 9 {
			check(fmt.Sprintf("after change %d", i+1))
		}
	}
	check("after the history")
	// cayley counts a quad added again as a second reference, so a node
	// outlives the document that was its last: stats count it no more
	last := changes[len(changes)-1]
	apply(t, st, graph.Change{Add: last.Add})
	check("after adding stored quads again")
	apply(t, st, graph.Change{Replace: last.Replace})
	check("after removing their document")
	if s := stats(t, st); s.Quads == 0 || s.Documents == 0 || s.Classes["Concession"] == 0 {
		t.Errorf("after the history: stats %+v, want quads, documents and concessions", s)
	}
}
