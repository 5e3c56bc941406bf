package graph_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// boltStore is a new bolt store in a temporary directory, and its path.
func boltStore(t *testing.T) (*graph.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	return open(t, graph.Config{Address: path, Create: true}), path
}

// sameStats checks that every way of counting st gives what counting its
// quads one by one gives, and returns whether the indexes were clean.
func sameStats(t *testing.T, st *graph.Store) (clean bool) {
	t.Helper()
	want, err := graph.StatsQuads(st, t.Context())
	if err != nil {
		t.Fatalf("StatsQuads: %v", err)
	}
	if got := stats(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
	got, clean, ok, err := graph.StatsKV(st, t.Context(), true)
	if err != nil || !ok {
		t.Fatalf("StatsKV: ok %v, %v", ok, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StatsKV, each key checked:\n got %+v\nwant %+v", got, want)
	}
	return clean
}

func TestStatsKVSample(t *testing.T) {
	f, err := os.Open("../data/sample.nq")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	quads, err := quad.ReadAll(nquads.NewReader(f, false))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("apply", func(t *testing.T) {
		st, _ := boltStore(t)
		apply(t, st, graph.Change{Add: quads})
		if !sameStats(t, st) {
			t.Error("a store only added to has index entries of deleted quads")
		}
		if s := stats(t, st); s.Quads != int64(len(quads)) || s.Documents == 0 || len(s.Classes) == 0 {
			t.Errorf("Stats of the sample = %+v, want %d quads, documents and classes", s, len(quads))
		}
	})
	t.Run("bulk", func(t *testing.T) {
		st, _ := boltStore(t)
		b := newBulk(t, st, graph.BulkOptions{})
		if err := b.Apply(graph.Change{Add: quads}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Flush(); err != nil {
			t.Fatal(err)
		}
		sameStats(t, st)
	})
}

// TestStatsKVBulk counts a store the bulk writer built and then rebuilt
// in part: documents rewritten and removed, their quads taken out of the
// log and the indexes, and nodes no quad refers to any more removed.
func TestStatsKVBulk(t *testing.T) {
	g := synthQuads(t)
	st, path := boltStore(t)
	bulkLoad(t, st, g, 60)
	if !sameStats(t, st) {
		t.Error("a bulk-built store has index entries of deleted quads")
	}
	before := stats(t, st)

	b := newBulk(t, st, graph.BulkOptions{})
	for i := 0; i < 20; i++ {
		if err := b.Apply(version(g, i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 40; i < 50; i++ {
		if err := b.Apply(graph.Change{Replace: []quad.Value{synth.DocIRI(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if !sameStats(t, st) {
		t.Error("the bulk writer left index entries of quads it removed")
	}
	layoutExact(t, st)
	after := stats(t, st)
	if after.Documents != before.Documents-10 || after.Nodes == before.Nodes {
		t.Errorf("after removing 10 documents and rewriting 20: %+v, before %+v", after, before)
	}

	// as the stats command opens it
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ro := open(t, graph.Config{Address: path, ReadOnly: true})
	if got := stats(t, ro); !reflect.DeepEqual(got, after) {
		t.Errorf("Stats read-only:\n got %+v\nwant %+v", got, after)
	}
}

// TestStatsKVApply counts a store written through cayley, which marks the
// quads it deletes in the log and leaves them in the indexes, and removes
// their nodes from the log: index keys that name no live quad, and nodes
// that are gone.
func TestStatsKVApply(t *testing.T) {
	st, _ := boltStore(t)
	for _, c := range history(t) {
		apply(t, st, c)
	}
	if sameStats(t, st) {
		t.Fatal("indexes clean after cayley deleted quads: the test no longer covers stale entries")
	}

	// and the bulk writer on top of it
	g := synthQuads(t)
	bulkLoad(t, st, g, 5)
	sameStats(t, st)
	layoutClean(t, st)
}

// TestStatsKVEdges covers what Stats counts by text rather than by node:
// unlabelled quads, predicates that read as rdf:type without being its
// IRI, classes of one local name in two namespaces; and a class whose
// only quads cayley deleted, and its node with them.
func TestStatsKVEdges(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		st, _ := boltStore(t)
		sameStats(t, st)
		if s := stats(t, st); s.Classes == nil {
			t.Error("Classes of an empty store is nil, want empty")
		}
	})
	t.Run("text", func(t *testing.T) {
		st, _ := boltStore(t)
		apply(t, st, graph.Change{Add: nq(t, `
<id:a> <a> <tg:Country> <id:doc1> .
<id:a> <a> <tg:Country> <id:doc2> .
<id:a> "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" <tg:Country> <id:doc2> .
<id:b> "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" <http://example.org/other#Country> .
<id:b> <a> "Bloc" .
<id:c> <a> <tg:Country> .
<id:c> <tg:name> "c" <id:doc3> .
<id:d> <tg:type> <tg:Country> <id:doc3> .
<id:d> <a> <tg:Gone> <id:doc3> .
`)})
		apply(t, st, graph.Change{Replace: []quad.Value{quad.IRI(vocab.IDBase + "doc3")}})
		sameStats(t, st)
		want := graph.Stats{Backend: graph.Bolt, Quads: 6, Nodes: 6, Documents: 2,
			Classes: map[string]int64{"Country": 3, "Bloc": 1}}
		if got := stats(t, st); !reflect.DeepEqual(got, want) {
			t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
		}
	})
}
