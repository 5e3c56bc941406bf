package graph_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
)

// TestBoltCreatesOnlyWhenAsked: a path that holds no store (no file, or an
// empty one) is ErrNoStore and stays as it was, unless Create asks for a
// store, read-only or not.
func TestBoltCreatesOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{missing, empty} {
		for _, readOnly := range []bool{true, false} {
			st, err := graph.Open(t.Context(), graph.Config{Address: path, ReadOnly: readOnly})
			if err == nil {
				st.Close()
				t.Fatalf("Open(%s, read-only %v) opened a store that is not there", path, readOnly)
			}
			if !errors.Is(err, graph.ErrNoStore) || err.Error() != path+": no store here" {
				t.Errorf("Open(%s, read-only %v): %v, want %s: no store here", path, readOnly, err, path)
			}
		}
	}
	if names := fileNames(t, dir); !slices.Equal(names, []string{"empty.db"}) {
		t.Errorf("files after opening without Create: %v, want only empty.db", names)
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file changed: %v, %v", fi, err)
	}

	for _, cfg := range []graph.Config{{Address: missing, Create: true}, {Address: empty, Create: true, ReadOnly: true}} {
		st := open(t, cfg)
		if s := stats(t, st); s.Quads != 0 {
			t.Errorf("a new store at %s holds %d quads", cfg.Address, s.Quads)
		}
		st.Close()
		open(t, graph.Config{Address: cfg.Address, ReadOnly: true}).Close()
	}
}

func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A path that reads as a server address tradegraph did not recognise (a
// mistyped first key, another scheme) is not made into a store: its name
// may hold a password.
func TestNoStoreNamedAfterAnAddress(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, addr := range []string{
		"hots=db.example user=tg password=s3cret dbname=tg",
		"mysql://tg:s3cret@db.example/tg",
	} {
		_, err := graph.Open(t.Context(), graph.Config{Backend: graph.Bolt, Address: addr, Create: true})
		if err == nil {
			t.Errorf("Open(%q) created a store", addr)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "looks like a server address") {
			t.Errorf("Open(%q): %v", addr, err)
		}
	}
	if names := fileNames(t, dir); len(names) != 0 {
		t.Errorf("files made: %v", names)
	}
}
