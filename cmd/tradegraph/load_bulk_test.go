package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// synthFile writes n synthetic quads of seed into dir and returns the path.
func synthFile(t *testing.T, dir string, n int, seed uint64) string {
	t.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g, err := synth.NewQuads(lex, seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "synthetic.nq")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Write(f, n); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// A file larger than --batch-mb is checked, then written in several
// batches: the store ends the same as with one batch, a bad line leaves
// the store as it was, and --replace empties the file's labels first.
func TestLoadLargerThanABatch(t *testing.T) {
	dir := t.TempDir()
	file := synthFile(t, dir, 30_000, 1) // about 5 MB: many batches of 1 MB
	one, many := newStore(t), newStore(t)
	mustRun(t, "--db", one, "load", "--batch-mb", "100", file)
	r := mustRun(t, "--db", many, "load", "--batch-mb", "1", file)
	if !strings.HasPrefix(r.stderr, "loaded "+file+": 30000 quads, ") {
		t.Errorf("load said %q", r.stderr)
	}
	want := dumpOf(t, one)
	if got := dumpOf(t, many); got != want {
		t.Errorf("loaded in batches, the store differs from one loaded in one batch")
	}

	t.Run("a bad line near the end writes nothing", func(t *testing.T) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		bad := filepath.Join(dir, "bad.nq")
		if err := os.WriteFile(bad, append(b, "<a> <b> three .\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		db := newStore(t)
		mustRun(t, "--db", db, "load", "testdata/sample.nq")
		before := dumpOf(t, db)
		res := tradegraph(t, "--db", db, "load", "--batch-mb", "1", bad)
		if res.code != exitFailure || !strings.Contains(res.stderr, "bad.nq:30001: malformed N-Quads") {
			t.Errorf("exit %d, stderr %q; want exit 1 naming line 30001", res.code, res.stderr)
		}
		if after := dumpOf(t, db); after != before {
			t.Error("a file with a bad line changed the store")
		}
	})

	t.Run("--replace", func(t *testing.T) {
		other := synthFile(t, t.TempDir(), 30_000, 2) // the same documents, other content
		plain, bulk := newStore(t), newStore(t)
		for _, db := range []string{plain, bulk} {
			mustRun(t, "--db", db, "load", "--batch-mb", "100", file)
		}
		mustRun(t, "--db", plain, "load", "--replace", "--batch-mb", "100", other)
		mustRun(t, "--db", bulk, "load", "--replace", "--batch-mb", "1", other)
		if got, want := dumpOf(t, bulk), dumpOf(t, plain); got != want {
			t.Error("--replace in batches gives another store than in one batch")
		}
	})
}
