package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// builtStore is a bolt store built from the test articles, and the
// number of quads it holds.
func builtStore(t *testing.T) (string, int64) {
	t.Helper()
	db := newStore(t)
	mustRun(t, "--db", db, "build", "testdata/articles")
	var st struct{ Quads int64 }
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "--json", "stats").stdout), &st); err != nil || st.Quads == 0 {
		t.Fatalf("stats of the built store: %+v, %v", st, err)
	}
	return db, st.Quads
}

func TestCheckDeepOfABuiltStore(t *testing.T) {
	db, quads := builtStore(t)
	r := mustRun(t, "--db", db, "check", "--deep")
	if r.stdout != "" {
		t.Errorf("stdout: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("checked the layout: %d quads, ", quads)) || !strings.Contains(r.stderr, " 0 deleted quads kept: 0 violations\n") {
		t.Errorf("stderr: %q", r.stderr)
	}
	r = mustRun(t, "--db", db, "--json", "check", "--deep")
	var res struct {
		Layout *graph.LayoutReport `json:"layout"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if l := res.Layout; l == nil || l.Quads != quads || l.Violations == nil || len(l.Violations) != 0 || len(l.Notes) != 0 {
		t.Errorf("--json layout: %+v", res.Layout)
	}
	r = mustRun(t, "--db", db, "--json", "check")
	if strings.Contains(r.stdout, `"layout"`) {
		t.Errorf("check without --deep printed a layout: %s", r.stdout)
	}
}

// A violation is printed on stdout with what was found, and check exits 1.
func TestCheckDeepFindsAViolation(t *testing.T) {
	db, quads := builtStore(t)
	b, err := bolt.Open(db, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("size"), binary.LittleEndian.AppendUint64(nil, uint64(quads+4)))
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	r := tradegraph(t, "--db", db, "check", "--deep")
	if r.code != exitFailure {
		t.Errorf("exit %d, want 1", r.code)
	}
	if want := fmt.Sprintf("size\tmeta/size\t%d, but the log holds %d live quads\n", quads+4, quads); r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "tradegraph: the store's layout has 1 violations\n") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if r := tradegraph(t, "--db", db, "check"); r.code != exitOK {
		t.Errorf("check without --deep: exit %d: %s", r.code, r.stderr)
	}
}

// Quads deleted through cayley stay in its indexes: notes, counted on
// stderr and listed with --json, and no failure.
func TestCheckDeepNotesWhatCayleyLeaves(t *testing.T) {
	db, _ := builtStore(t)
	st, err := graph.Open(context.Background(), graph.Config{Address: db})
	if err != nil {
		t.Fatal(err)
	}
	doc := article.DocIRI("kenya-uk.txt")
	if _, err := st.Apply(context.Background(), graph.Change{Replace: []quad.Value{doc}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, "--db", db, "check", "--deep")
	if !strings.Contains(r.stderr, " deleted quads kept: 0 violations; ") || !strings.Contains(r.stderr, "tombstone ") {
		t.Errorf("stderr: %q", r.stderr)
	}
	r = mustRun(t, "--db", db, "--json", "check", "--deep")
	var res struct {
		Layout graph.LayoutReport `json:"layout"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Layout.Tombstones == 0 || res.Layout.Found[graph.FindTombstone] == 0 || len(res.Layout.Notes) == 0 {
		t.Errorf("--json layout: %+v", res.Layout)
	}
}

func TestCheckDeepIsForBoltStores(t *testing.T) {
	r := tradegraph(t, "--db", "memory", "check", "--deep")
	if r.code != exitUsage || !strings.Contains(r.stderr, "tradegraph: --deep checks the layout of a bolt or postgres store, not of a memory store\n") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
