package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readVerbs are command lines that read a store, which only build and load
// make.
var readVerbs = [][]string{
	{"query", "bundles"},
	{"query", "entities"},
	{"query", "--lang", "gizmo", "g.V().All()"},
	{"stats"},
	{"--json", "stats"},
	{"stats", "--view", "network"},
	{"export", "--format", "dot"},
	{"export", "--format", "graphml", "-o", "graph.graphml"},
	{"export", "--format", "csv", "-o", "csv/"},
	{"check"},
	{"check", "--repair"},
	{"dump"},
	{"dump", "-o", "dump.nq"},
}

// TestReadVerbsCreateNoStore: a verb that reads, given a path where no store
// is (no file, or an empty one), says so and creates nothing there.
func TestReadVerbsCreateNoStore(t *testing.T) {
	t.Setenv("TRADEGRAPH_DB", "")
	for _, tc := range []struct {
		name  string
		empty bool     // an empty file is at the path
		db    []string // the --db flag, or none for the default store
	}{
		{name: "no file", db: []string{"--db", "graph.db"}},
		{name: "an empty file", empty: true, db: []string{"--db", "graph.db"}},
		{name: "the default store", db: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			path := "tradegraph.db"
			if tc.db != nil {
				path = tc.db[1]
			}
			if tc.empty {
				if err := os.WriteFile(path, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := listDir(t, dir)
			for _, verb := range readVerbs {
				args := append(slices.Clone(tc.db), verb...)
				r := tradegraph(t, args...)
				want := "tradegraph: " + path + ": no store here (build or load one first)\n"
				if r.code != exitFailure || r.stderr != want || r.stdout != "" {
					t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", args, r.code, r.stdout, r.stderr, exitFailure, want)
				}
				if after := listDir(t, dir); !slices.Equal(after, before) {
					t.Fatalf("%q changed the directory: %v, was %v", args, after, before)
				}
			}
		})
	}
}

// TestBuildAndLoadCreateTheStore: build and load make the store a missing
// path names (the README's first command), and the verbs that read find it.
func TestBuildAndLoadCreateTheStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tradegraph-sample.db")
	mustRun(t, "--db", db, "build", "testdata/articles")
	for _, verb := range readVerbs {
		if !slices.Contains(verb, "-o") { // those write files of their own
			mustRun(t, append([]string{"--db", db}, verb...)...)
		}
	}
	if got := mustRun(t, "--db", db, "query", "bundles").stdout; got == "" {
		t.Error("query bundles of the built store printed nothing")
	}

	db = filepath.Join(t.TempDir(), "tradegraph.db")
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	if got := mustRun(t, "--db", db, "--json", "stats").stdout; !strings.Contains(got, `"quads": 18,`) {
		t.Errorf("stats of the loaded store:\n%s\nwant 18 quads", got)
	}
}

// listDir is every path under dir with its size, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, fmt.Sprintf("%s %d", rel, fi.Size()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
