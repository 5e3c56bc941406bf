package graph_test

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

	"github.com/tradegraph/tradegraph/graph"
)

// storeOfVersion is a bolt store whose meta/version says version, and in
// which an open that did not check it first would write: it lacks the
// label index and has nodes pending, both of which an open for writing
// completes, and a read-only open completes the pending nodes.
func storeOfVersion(t *testing.T, version uint64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st := open(t, graph.Config{Address: path, Create: true})
	apply(t, st, graph.Change{Add: nq(t, docA)})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if err := meta.Put([]byte("version"), binary.LittleEndian.AppendUint64(nil, version)); err != nil {
			return err
		}
		var inds []kv.QuadIndex
		if err := json.Unmarshal(meta.Get([]byte("indexes")), &inds); err != nil {
			return err
		}
		inds = slices.DeleteFunc(inds, func(ind kv.QuadIndex) bool { return slices.Equal(ind.Dirs, []quad.Direction{quad.Label}) })
		b, err := json.Marshal(inds)
		if err != nil {
			return err
		}
		if err := meta.Put([]byte("indexes"), b); err != nil {
			return err
		}
		return meta.Put([]byte("pending"), binary.AppendUvarint(nil, 3))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// cayleysVersion is the layout version of a store cayley's kv.Init made.
func cayleysVersion(t *testing.T) uint64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.db")
	open(t, graph.Config{Address: path, Create: true}).Close()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v []byte
	err = db.View(func(tx *bolt.Tx) error {
		v = bytes.Clone(tx.Bucket([]byte("meta")).Get([]byte("version")))
		return nil
	})
	if err != nil || len(v) != 8 {
		t.Fatalf("the version of a new store: %x (%v)", v, err)
	}
	return binary.LittleEndian.Uint64(v)
}

// A store of another layout version is refused, for reading and for
// writing, before anything is written to it.
func TestStoreOfAnotherLayoutVersionIsLeftAsItIs(t *testing.T) {
	version := cayleysVersion(t)
	path := storeOfVersion(t, version+1)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{false, true} {
		st, err := graph.Open(t.Context(), graph.Config{Address: path, ReadOnly: readOnly})
		if err == nil {
			st.Close()
			t.Fatalf("read-only %v: opened a store of layout version %d", readOnly, version+1)
		}
		if want := fmt.Sprintf("%s: store layout version %d, this tradegraph reads %d", path, version+1, version); err.Error() != want {
			t.Errorf("read-only %v: error %q, want %q", readOnly, err, want)
		}
		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Fatalf("read-only %v: the refused store was written to", readOnly)
		}
	}
}

// The same store with the version this tradegraph reads opens, and the
// open completes it: the test above would see a write if the version
// were not checked first.
func TestStoreOfThisLayoutVersionIsCompletedOnOpen(t *testing.T) {
	path := storeOfVersion(t, cayleysVersion(t))
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, graph.Config{Address: path, Create: true})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(after, before) {
		t.Error("opening the store wrote nothing: the store does not test what an open writes")
	}
}

func TestStoreWithoutLayoutVersionIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("meta"))
		return err
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(t.Context(), graph.Config{Address: path, Create: true})
	if err == nil {
		st.Close()
		t.Fatal("opened a store without a layout version")
	}
	if !strings.HasPrefix(err.Error(), path+": not a tradegraph store") {
		t.Errorf("error %q", err)
	}
}

// The bulk writer numbers new ids from meta/horizon: a store whose horizon
// is no count is refused before a write could number ids from 1 again.
func TestStoreWhoseHorizonIsNoCountIsRefused(t *testing.T) {
	for name, horizon := range map[string][]byte{
		"3 bytes": {1, 2, 3},
		"below 0": binary.LittleEndian.AppendUint64(nil, 1<<63),
	} {
		t.Run(name, func(t *testing.T) {
			path := storeOfVersion(t, cayleysVersion(t))
			db, err := bolt.Open(path, 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("horizon"), horizon) })
			if cerr := db.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			st, err := graph.Open(t.Context(), graph.Config{Address: path, Create: true})
			if err == nil {
				st.Close()
				t.Fatal("opened a store whose horizon is no count")
			}
			if !strings.HasPrefix(err.Error(), path+": not a tradegraph store: meta/horizon: ") {
				t.Errorf("error %q", err)
			}
			if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the refused store was written to (%v)", err)
			}
		})
	}
}
