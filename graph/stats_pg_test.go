package graph_test

import (
	"database/sql"
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

// TestCheckLayoutPostgres: on postgres the deep check holds every node's
// reference count to the quads that refer to it. A store written by a
// history of builds and loads has no violation; loading stored quads
// again and then removing their document leaves what cayley's writes
// leave on bolt too (counts too high, nodes without quads), as notes; a
// count made too low by hand is a violation.
func TestCheckLayoutPostgres(t *testing.T) {
	cfg := freshPostgres(t, postgresServer(t))
	st := open(t, cfg)
	changes := history(t)
	for _, c := range changes {
		apply(t, st, c)
	}
	layout := func() graph.LayoutReport {
		t.Helper()
		rep, err := st.CheckLayout(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	// the history loads stored quads again, so counts run high already
	if rep := layout(); len(rep.Violations) != 0 || rep.Quads == 0 || rep.Nodes == 0 {
		t.Fatalf("after the history: %d quads, %d nodes, found %v; want quads, nodes and no violation", rep.Quads, rep.Nodes, rep.Found)
	}
	last := changes[len(changes)-1]
	apply(t, st, graph.Change{Add: last.Add})
	apply(t, st, graph.Change{Replace: last.Replace})
	rep := layout()
	if len(rep.Violations) != 0 || rep.Found[graph.FindCountHigh] == 0 || rep.Found[graph.FindUnused] == 0 {
		t.Errorf("after stored quads added again and removed: found %v, want count-high and unused-node notes only", rep.Found)
	}
	db, err := sql.Open("postgres", cfg.Address)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(t.Context(), `UPDATE nodes SET refs = refs - 1
		WHERE hash = (SELECT subject_hash FROM quads ORDER BY horizon LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	if rep := layout(); rep.Found[graph.FindCountLow] != 1 || rep.ViolationCount() != 1 {
		t.Errorf("with one count lowered: found %v, want one count-low violation", rep.Found)
	}
}
