package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// runawayGraphQL asks, for every node of the store, for every node of each
// of its classes and their classes again: over 200,000 quads an answer of
// billions of objects, built whole before any of it prints.
const runawayGraphQL = `{ nodes { id <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> { id
  ~<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> { id <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> { id } } } } }`

// TestRunawayGraphQL: a GraphQL query over the whole of a store of 200,000
// quads stops at --timeout, or sooner at --max-memory-mb, with one line
// and exit 1, its memory bounded.
func TestRunawayGraphQL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two runaway queries over 200,000 quads; skipped with -short")
	}
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	gen, err := synth.NewQuads(lex, 1)
	if err != nil {
		t.Fatal(err)
	}
	nq := filepath.Join(t.TempDir(), "synthetic.nq")
	f, err := os.Create(nq)
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.Write(f, 200000); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	db := newStore(t)
	mustRun(t, "--db", db, "load", nq)
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	storeMB := fi.Size() >> 20

	t.Run("stops at --timeout", func(t *testing.T) {
		c := runChild(t, "--db", db, "query", "--lang", "graphql", "--timeout", "2s", runawayGraphQL)
		t.Logf("stopped after %v; peak resident memory %d MB (the store is %d MB)", c.took.Round(time.Millisecond), c.peakMB, storeMB)
		want := "tradegraph: query stopped at its time limit (2s); raise --timeout or narrow the query\n"
		if c.code != exitFailure || c.stderr != want || c.stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", c.code, c.stdout, c.stderr, exitFailure, want)
		}
		if c.took > 10*time.Second {
			t.Errorf("took %v to stop a query with a 2s limit", c.took)
		}
	})

	t.Run("stops at --max-memory-mb", func(t *testing.T) {
		const maxMB = 128
		c := runChild(t, "--db", db, "query", "--lang", "graphql", "--timeout", "5m", "--max-memory-mb", "128", runawayGraphQL)
		t.Logf("stopped after %v; peak resident memory %d MB (the store is %d MB)", c.took.Round(time.Millisecond), c.peakMB, storeMB)
		want := "tradegraph: query stopped at its memory limit (128 MB); raise --max-memory-mb or narrow the query\n"
		if c.code != exitFailure || c.stderr != want || c.stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", c.code, c.stdout, c.stderr, exitFailure, want)
		}
		// the heap is held to the limit; the rest is the store's mapped
		// pages and the garbage of the last moments
		if limit := 2*maxMB + storeMB + 64; c.peakMB > limit {
			t.Errorf("peak resident memory %d MB, want under %d MB", c.peakMB, limit)
		}
	})
}
