package graph

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// layoutQuads are two documents sharing nodes, one quad without a label.
func layoutQuads() []quad.Quad {
	iri := func(s string) quad.IRI { return quad.IRI("http://tradegraph.org/id/" + s) }
	typ := quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	country := quad.IRI("http://tradegraph.org/ns#Country")
	a, b := iri("doc/a"), iri("doc/b")
	return []quad.Quad{
		{Subject: iri("peru"), Predicate: typ, Object: country, Label: a},
		{Subject: iri("korea"), Predicate: typ, Object: country, Label: a},
		{Subject: iri("peru"), Predicate: quad.IRI("http://tradegraph.org/ns#alias"), Object: quad.String("Peru"), Label: a},
		{Subject: iri("korea"), Predicate: typ, Object: country, Label: b},
		{Subject: iri("m1"), Predicate: quad.IRI("http://tradegraph.org/ns#grantor"), Object: iri("korea"), Label: b},
		{Subject: iri("m1"), Predicate: typ, Object: quad.IRI("http://tradegraph.org/ns#Concession")},
	}
}

// layoutStore is a bolt store the bulk writer built from layoutQuads,
// closed, and its path.
func layoutStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st, err := Open(t.Context(), Config{Address: path, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.NewBulk(t.Context(), BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Apply(Change{Add: layoutQuads()}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkFile runs the layout check on the bolt file at path.
func checkFile(t *testing.T, path string) LayoutReport {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rep LayoutReport
	err = db.View(func(tx *bolt.Tx) error {
		var err error
		rep, err = checkLayout(context.Background(), tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// corrupted is a copy of the store at path, changed by fn.
func corrupted(t *testing.T, path string, fn func(*testing.T, *bolt.Tx)) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "corrupted.db")
	if err := os.WriteFile(cp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(cp, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		fn(t, tx)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

// layoutIDs finds the ids the store gave to values and quads.
type layoutIDs struct {
	t  *testing.T
	tx *bolt.Tx
}

func (l layoutIDs) node(v quad.Value) uint64 {
	h := valueHash(v)
	id, _ := binary.Uvarint(l.tx.Bucket(valueBucket(h[:])).Get(h[:]))
	if id == 0 {
		l.t.Fatalf("no node for %v", v)
	}
	return id
}

// quad is the id and the ids of the first quad of layoutQuads with s and p.
func (l layoutIDs) quad(s, p string) (uint64, ids) {
	for _, q := range layoutQuads() {
		if strings.HasSuffix(string(q.Subject.(quad.IRI)), "/"+s) && strings.HasSuffix(string(q.Predicate.(quad.IRI)), p) {
			t := ids{l.node(q.Subject), l.node(q.Predicate), l.node(q.Object)}
			if q.Label != nil {
				t[3] = l.node(q.Label)
			}
			c := l.tx.Bucket(logBucket).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if lk, ok, _ := decodeLink(v); ok && (ids{lk.Subject, lk.Predicate, lk.Object, lk.Label}) == t {
					return binary.BigEndian.Uint64(k), t
				}
			}
		}
	}
	l.t.Fatalf("no quad %s %s", s, p)
	return 0, ids{}
}

func putCount(t *testing.T, tx *bolt.Tx, v quad.Value, delta int64) {
	h := valueHash(v)
	b := tx.Bucket(countsBucket(h[:]))
	n, _ := binary.Uvarint(b.Get(h[:]))
	if err := b.Put(h[:], binary.AppendUvarint(nil, uint64(int64(n)+delta))); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckLayoutFindsEachViolation breaks one invariant of a clean store
// at a time: the check must find that one and no other.
func TestCheckLayoutFindsEachViolation(t *testing.T) {
	path := layoutStore(t)
	rep := checkFile(t, path)
	if len(rep.Violations)+len(rep.Notes) != 0 || rep.Quads != int64(len(layoutQuads())) || rep.Nodes != 11 {
		t.Fatalf("the bulk-built store: %+v", rep)
	}
	peru := quad.IRI("http://tradegraph.org/id/peru")
	korea := quad.IRI("http://tradegraph.org/id/korea")
	for _, tc := range []struct {
		name  string
		want  map[string]int
		spoil func(*testing.T, *bolt.Tx)
	}{
		{"a count too low", map[string]int{FindCountLow: 1}, func(t *testing.T, tx *bolt.Tx) {
			putCount(t, tx, peru, -1)
		}},
		{"a count missing", map[string]int{FindCountLow: 1}, func(t *testing.T, tx *bolt.Tx) {
			h := valueHash(korea)
			must(t, tx.Bucket(countsBucket(h[:])).Delete(h[:]))
		}},
		{"a count too high", map[string]int{FindCountHigh: 1}, func(t *testing.T, tx *bolt.Tx) {
			putCount(t, tx, peru, 2)
		}},
		{"a count of a value no node has", map[string]int{FindStray: 1}, func(t *testing.T, tx *bolt.Tx) {
			h := valueHash(quad.IRI("http://tradegraph.org/id/nowhere"))
			b, err := tx.CreateBucketIfNotExists(countsBucket(h[:]))
			must(t, err)
			must(t, b.Put(h[:], []byte{1}))
		}},
		{"a node not filed by value", map[string]int{FindValue: 1}, func(t *testing.T, tx *bolt.Tx) {
			h := valueHash(korea)
			must(t, tx.Bucket(valueBucket(h[:])).Delete(h[:]))
		}},
		{"a value filing another node", map[string]int{FindValue: 2}, func(t *testing.T, tx *bolt.Tx) {
			h := valueHash(korea)
			must(t, tx.Bucket(valueBucket(h[:])).Put(h[:], binary.AppendUvarint(nil, layoutIDs{t, tx}.node(peru))))
		}},
		{"a second node of one value", map[string]int{FindDuplicate: 1, FindValue: 1, FindUnused: 1}, func(t *testing.T, tx *bolt.Tx) {
			raw := tx.Bucket(logBucket).Get(uint64Key(layoutIDs{t, tx}.node(peru)))
			p, err := decodePrimitive(raw)
			must(t, err)
			p.ID = uint64(metaInt(tx, keyHorizon)) + 1
			must(t, tx.Bucket(logBucket).Put(uint64Key(p.ID), appendPrimitive(nil, p)))
			must(t, putMetaInt(tx, keyHorizon, int64(p.ID)))
		}},
		{"a node removed from the log", map[string]int{FindDangling: 1, FindValue: 1, FindStray: 1}, func(t *testing.T, tx *bolt.Tx) {
			must(t, tx.Bucket(logBucket).Delete(uint64Key(layoutIDs{t, tx}.node(quad.String("Peru")))))
		}},
		{"a quad missing from an index", map[string]int{FindIndex: 1}, func(t *testing.T, tx *bolt.Tx) {
			id, q := layoutIDs{t, tx}.quad("m1", "grantor")
			ind := labelIndex
			list, err := decodeIDs(tx.Bucket(indexBucket(ind)).Get(indexKey(ind, q)), nil)
			must(t, err)
			var kept []uint64
			for _, x := range list {
				if x != id {
					kept = append(kept, x)
				}
			}
			must(t, tx.Bucket(indexBucket(ind)).Put(indexKey(ind, q), appendIDs(nil, kept)))
		}},
		{"an index listing a node, after the quads", map[string]int{FindIndex: 2}, func(t *testing.T, tx *bolt.Tx) {
			_, q := layoutIDs{t, tx}.quad("m1", "grantor")
			b := tx.Bucket([]byte("sp"))
			must(t, b.Put(indexKey(kvIndex("sp"), q), binary.AppendUvarint(b.Get(indexKey(kvIndex("sp"), q)), q[0])))
		}},
		{"an index listing an id the log lacks", map[string]int{FindIndex: 1}, func(t *testing.T, tx *bolt.Tx) {
			_, q := layoutIDs{t, tx}.quad("m1", "grantor")
			b := tx.Bucket([]byte("ops"))
			must(t, b.Put(indexKey(kvIndex("ops"), q), binary.AppendUvarint(b.Get(indexKey(kvIndex("ops"), q)), 1<<40)))
		}},
		{"an index entry out of order", map[string]int{FindIndex: 1}, func(t *testing.T, tx *bolt.Tx) {
			// korea's two type quads share their subject-predicate entry
			_, q := layoutIDs{t, tx}.quad("korea", "type")
			b := tx.Bucket([]byte("sp"))
			list, err := decodeIDs(b.Get(indexKey(kvIndex("sp"), q)), nil)
			must(t, err)
			if len(list) != 2 {
				t.Fatalf("korea's types: %v", list)
			}
			must(t, b.Put(indexKey(kvIndex("sp"), q), appendIDs(nil, []uint64{list[1], list[0]})))
		}},
		{"a quad filed under another key", map[string]int{FindIndex: 2}, func(t *testing.T, tx *bolt.Tx) {
			id, q := layoutIDs{t, tx}.quad("m1", "grantor")
			b := tx.Bucket([]byte("sp"))
			must(t, b.Delete(indexKey(kvIndex("sp"), q)))
			q[1]++
			must(t, b.Put(indexKey(kvIndex("sp"), q), appendIDs(nil, []uint64{id})))
		}},
		{"meta/size wrong", map[string]int{FindSize: 1}, func(t *testing.T, tx *bolt.Tx) {
			must(t, putMetaInt(tx, keySize, metaInt(tx, keySize)+1))
		}},
		{"meta/horizon below the log", map[string]int{FindHorizon: 1}, func(t *testing.T, tx *bolt.Tx) {
			must(t, putMetaInt(tx, keyHorizon, metaInt(tx, keyHorizon)-1))
		}},
		{"meta/pending left", map[string]int{FindPending: 1}, func(t *testing.T, tx *bolt.Tx) {
			must(t, tx.Bucket(metaBucket).Put(keyPending, binary.AppendUvarint(nil, 3)))
		}},
		{"another layout version", map[string]int{FindVersion: 1}, func(t *testing.T, tx *bolt.Tx) {
			must(t, putMetaInt(tx, keyVersion, layoutVersion+1))
		}},
		{"a log entry under another id", map[string]int{FindLog: 1}, func(t *testing.T, tx *bolt.Tx) {
			id, _ := layoutIDs{t, tx}.quad("m1", "grantor")
			p, err := decodePrimitive(tx.Bucket(logBucket).Get(uint64Key(id)))
			must(t, err)
			p.ID++
			must(t, tx.Bucket(logBucket).Put(uint64Key(id), appendPrimitive(nil, p)))
		}},
		{"a log entry that is not a primitive", map[string]int{FindLog: 1, FindIndex: 3, FindSize: 1, FindCountHigh: 3, FindUnused: 1}, func(t *testing.T, tx *bolt.Tx) {
			id, _ := layoutIDs{t, tx}.quad("m1", "grantor")
			must(t, tx.Bucket(logBucket).Put(uint64Key(id), []byte{0x08}))
		}},
		{"a bucket of no one's", map[string]int{FindStray: 1}, func(t *testing.T, tx *bolt.Tx) {
			_, err := tx.CreateBucket([]byte("notes"))
			must(t, err)
		}},
		{"a quad marked deleted the indexes still list", map[string]int{FindTombstone: 3, FindCountHigh: 3, FindUnused: 1}, func(t *testing.T, tx *bolt.Tx) {
			// as cayley deletes: the primitive marked, the size lowered, the
			// counts left as they were
			id, _ := layoutIDs{t, tx}.quad("m1", "grantor")
			p, err := decodePrimitive(tx.Bucket(logBucket).Get(uint64Key(id)))
			must(t, err)
			p.Deleted = true
			must(t, tx.Bucket(logBucket).Put(uint64Key(id), appendPrimitive(nil, &cproto.Primitive{
				ID: p.ID, Subject: p.Subject, Predicate: p.Predicate, Object: p.Object, Label: p.Label, Deleted: true})))
			must(t, putMetaInt(tx, keySize, metaInt(tx, keySize)-1))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := checkFile(t, corrupted(t, path, tc.spoil))
			if !sameFound(rep.Found, tc.want) {
				t.Errorf("found %v, want %v", rep.Found, tc.want)
				for _, f := range append(rep.Violations, rep.Notes...) {
					t.Logf("%s %s: %s", f.Kind, f.Key, f.Detail)
				}
			}
			if rep.Clean() != (len(rep.Violations) == 0) || len(rep.Violations)+len(rep.Notes) != total(tc.want) {
				t.Errorf("listed %d violations and %d notes for %v", len(rep.Violations), len(rep.Notes), rep.Found)
			}
		})
	}
}

func kvIndex(name string) kv.QuadIndex {
	dirs := map[byte]quad.Direction{'s': quad.Subject, 'p': quad.Predicate, 'o': quad.Object, 'c': quad.Label}
	var ind kv.QuadIndex
	for i := range len(name) {
		ind.Dirs = append(ind.Dirs, dirs[name[i]])
	}
	return ind
}

func sameFound(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, n := range want {
		if got[k] != n {
			return false
		}
	}
	return true
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// A report lists the first maxFindings of a kind and counts the rest.
func TestCheckLayoutListsAtMostMaxFindingsOfAKind(t *testing.T) {
	path := corrupted(t, layoutStore(t), func(t *testing.T, tx *bolt.Tx) {
		for i := range maxFindings + 5 {
			h := valueHash(quad.Int(i))
			b, err := tx.CreateBucketIfNotExists(countsBucket(h[:]))
			must(t, err)
			must(t, b.Put(h[:], []byte{1}))
		}
	})
	rep := checkFile(t, path)
	if rep.Found[FindStray] != maxFindings+5 || len(rep.Violations) != maxFindings {
		t.Errorf("found %v, listed %d", rep.Found, len(rep.Violations))
	}
}

func TestCheckLayoutOfAStoreWithoutKVLayout(t *testing.T) {
	st, err := Open(t.Context(), Config{Backend: Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CheckLayout(t.Context()); err != ErrNotBolt {
		t.Errorf("CheckLayout of a memory store: %v, want ErrNotBolt", err)
	}
}
