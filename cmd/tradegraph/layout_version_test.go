package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// laterLayout turns the bolt store at db into one of the next layout
// version, in which a verb that did not check the version first would
// write: it lacks the label index and has nodes pending, both of which
// opening the store completes. It returns the version the store had.
func laterLayout(t *testing.T, db string) uint64 {
	t.Helper()
	b, err := bolt.Open(db, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	var version uint64
	err = b.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		version = binary.LittleEndian.Uint64(meta.Get([]byte("version")))
		if err := meta.Put([]byte("version"), binary.LittleEndian.AppendUint64(nil, version+1)); err != nil {
			return err
		}
		var inds []kv.QuadIndex
		if err := json.Unmarshal(meta.Get([]byte("indexes")), &inds); err != nil {
			return err
		}
		inds = slices.DeleteFunc(inds, func(ind kv.QuadIndex) bool { return slices.Equal(ind.Dirs, []quad.Direction{quad.Label}) })
		data, err := json.Marshal(inds)
		if err != nil {
			return err
		}
		if err := meta.Put([]byte("indexes"), data); err != nil {
			return err
		}
		return meta.Put([]byte("pending"), binary.AppendUvarint(nil, 3))
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return version
}

// No verb writes to a store of a layout version it does not read: each
// says which version the store has, and leaves it byte for byte.
func TestVerbsLeaveAStoreOfAnotherLayoutAlone(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	version := laterLayout(t, db)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.graphml")
	want := fmt.Sprintf("tradegraph: %s: store layout version %d, this tradegraph reads %d\n", db, version+1, version)
	for _, args := range [][]string{
		{"load", "testdata/sample.nq"},
		{"build", "testdata/articles"},
		{"check"},
		{"check", "--repair"},
		{"check", "--deep"},
		{"stats"},
		{"dump"},
		{"export", "--format", "graphml", "-o", out},
		{"query", "entities"},
		{"query", "--lang", "gizmo", "g.V().all()"},
	} {
		verb := strings.Join(args, " ")
		r := tradegraph(t, append([]string{"--db", db}, args...)...)
		if r.code != exitFailure || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", verb, r.code, r.stderr, want)
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Fatalf("%s wrote to the store of another layout", verb)
		}
	}
}
