package graph_test

import (
	"context"
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

func synthQuads(t testing.TB) *synth.Quads {
	t.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g, err := synth.NewQuads(lex, 1)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// bulkLoad writes documents 0..n-1 into st as build does.
func bulkLoad(t testing.TB, st *graph.Store, g *synth.Quads, n int) {
	t.Helper()
	b := newBulk(t, st, graph.BulkOptions{})
	for i := range n {
		if err := b.Apply(graph.DocumentChange(synth.DocIRI(i), g.Document(i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
}

// version is document i rewritten: the content of another document under
// its own label, so it shares actors and policies and differs in the rest.
func version(g *synth.Quads, i, v int) graph.Change {
	return graph.DocumentChange(synth.DocIRI(i), g.Document(i+v*1_000_000))
}

// keys maps every key of the bolt file to a hash of its value.
func keys(t *testing.T, path string) map[string][20]byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][20]byte{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				out[string(name)+"/"+string(k)] = sha1.Sum(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRebuildTouchesOnlyThatDocument rebuilds one document of a store of
// many and counts the keys of the bolt file that changed: they must be
// about as many as the document has quads, not as many as the store has.
func TestRebuildTouchesOnlyThatDocument(t *testing.T) {
	g := synthQuads(t)
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st := open(t, graph.Config{Address: path, Create: true})
	bulkLoad(t, st, g, 400)
	layoutExact(t, st)
	st.Close()
	before := keys(t, path)

	st = open(t, graph.Config{Address: path})
	c := version(g, 7, 1)
	b := newBulk(t, st, graph.BulkOptions{})
	if err := b.Apply(c); err != nil {
		t.Fatal(err)
	}
	res, err := b.Flush()
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.QuadsWith(t.Context(), quad.Label, synth.DocIRI(7))
	if err != nil {
		t.Fatal(err)
	}
	want := append([]quad.Quad{}, c.Add...)
	graph.SortQuads(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("document 7 after the rebuild:\n%v\nwant:\n%v", got, want)
	}
	layoutExact(t, st)
	st.Close()
	after := keys(t, path)

	changed := 0
	for k, v := range after {
		if w, ok := before[k]; !ok || w != v {
			changed++
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			changed++
		}
	}
	touched := res.Added + res.Removed
	if touched == 0 {
		t.Fatal("the rebuild changed nothing: the test document did not differ")
	}
	// each quad added or removed changes its log entry, three index
	// entries and the counts of up to four nodes, and a new node two keys
	if limit := 12 * touched; changed > limit {
		t.Errorf("rebuilding one document (%d quads added, %d removed) changed %d keys of %d; want at most %d",
			res.Added, res.Removed, changed, len(after), limit)
	}
}

// benchStore is a bolt store of 10,000 synthetic documents (about a million
// quads), built once per run of the benchmarks.
func benchStore(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "tradegraph-bench-rebuild-10k-seed1.db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".part"
	os.Remove(tmp)
	st, err := graph.Open(context.Background(), graph.Config{Address: tmp, Create: true})
	if err != nil {
		b.Fatal(err)
	}
	bulkLoad(b, st, synthQuads(b), 10_000)
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkRebuildOneDocument rebuilds one document of 10,000, switching it
// between two versions, through the bulk path (as build does) and through
// Apply.
func BenchmarkRebuildOneDocument(b *testing.B) {
	path := benchStore(b)
	g := synthQuads(b)
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Address: path})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	versions := [2]graph.Change{version(g, 4242, 1), version(g, 4242, 2)}
	b.Run("bulk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			bk, err := st.NewBulk(ctx, graph.BulkOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if err := bk.Apply(versions[i%2]); err != nil {
				b.Fatal(err)
			}
			if _, err := bk.Flush(); err != nil {
				b.Fatal(err)
			}
			if err := bk.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("apply", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := st.Apply(ctx, versions[i%2]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
