package graph

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// storedEntries are the log entries, index entries and meta records of a
// store written both ways: by the bulk writer, then through cayley, which
// leaves tombstones. They seed the fuzz targets with real encodings.
type storedEntries struct {
	log, index, meta [][]byte
}

func realEntries(f *testing.F) storedEntries {
	f.Helper()
	path := filepath.Join(f.TempDir(), "tradegraph.db")
	st, err := Open(f.Context(), Config{Address: path, Create: true})
	if err != nil {
		f.Fatal(err)
	}
	b, err := st.NewBulk(f.Context(), BulkOptions{})
	if err != nil {
		f.Fatal(err)
	}
	defer b.Close()
	quads := append(layoutQuads(), quad.Quad{Subject: quad.IRI("http://tradegraph.org/id/s1"),
		Predicate: quad.IRI("http://tradegraph.org/ns#offset"), Object: quad.Int(42), Label: quad.IRI("http://tradegraph.org/id/doc/c")},
		quad.Quad{Subject: quad.IRI("http://tradegraph.org/id/doc/c"), Predicate: quad.IRI("http://tradegraph.org/ns#date"),
			Object: quad.Time(time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC)), Label: quad.IRI("http://tradegraph.org/id/doc/c")},
		quad.Quad{Subject: quad.BNode("b1"), Predicate: quad.IRI("http://tradegraph.org/ns#alias"),
			Object: quad.LangString{Value: "Pérou", Lang: "fr"}, Label: quad.IRI("http://tradegraph.org/id/doc/c")})
	if err := b.Apply(Change{Add: quads}); err != nil {
		f.Fatal(err)
	}
	if _, err := b.Flush(); err != nil {
		f.Fatal(err)
	}
	if _, err := st.Apply(f.Context(), Change{Replace: []quad.Value{quad.IRI("http://tradegraph.org/id/doc/b")}}); err != nil {
		f.Fatal(err)
	}
	if err := st.Close(); err != nil {
		f.Fatal(err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	var e storedEntries
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(_, v []byte) error {
				switch {
				case string(name) == string(logBucket):
					e.log = append(e.log, bytes.Clone(v))
				case string(name) == string(metaBucket):
					e.meta = append(e.meta, bytes.Clone(v))
				case len(name) != 3 || name[0] != 'v' && name[0] != 'n':
					e.index = append(e.index, bytes.Clone(v))
				}
				return nil
			})
		})
	})
	if err != nil {
		f.Fatal(err)
	}
	return e
}

// FuzzReadPrimitive holds the log's decoder to protobuf's reading of
// cayley's Primitive, and its views (decodeLink, decodeNodeValue) to it.
func FuzzReadPrimitive(f *testing.F) {
	for _, b := range realEntries(f).log {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got cproto.Primitive
		err := readPrimitive(b, &got)
		var want cproto.Primitive
		werr := proto.Unmarshal(b, &want)
		if (err == nil) != (werr == nil) {
			t.Fatalf("readPrimitive: %v; protobuf: %v", err, werr)
		}
		l, ok, lerr := decodeLink(b)
		_, verr := decodeNodeValue(b)
		if err != nil {
			if lerr == nil || verr == nil {
				t.Fatalf("readPrimitive fails (%v), decodeLink (%v) or decodeNodeValue (%v) does not", err, lerr, verr)
			}
			return
		}
		if !samePrimitive(&got, &want) {
			t.Fatalf("readPrimitive = %v, protobuf reads %v", &got, &want)
		}
		if lerr != nil || ok != (!got.IsNode() && !got.Deleted) ||
			ok && l != (Link{ID: got.ID, Subject: got.Subject, Predicate: got.Predicate, Object: got.Object, Label: got.Label}) {
			t.Fatalf("decodeLink = %+v, %v, %v for %v", l, ok, lerr, &got)
		}
		if got.IsNode() != (verr == nil || verr.Error() != "not a node") {
			t.Fatalf("decodeNodeValue: %v for %v", verr, &got)
		}
		enc := appendPrimitive(nil, &got)
		var back cproto.Primitive
		if err := readPrimitive(enc, &back); err != nil || !samePrimitive(&back, &got) {
			t.Fatalf("%v encodes as %x, read back as %v (%v)", &got, enc, &back, err)
		}
		if want, err := (proto.MarshalOptions{Deterministic: true}).Marshal(&back); err != nil || !bytes.Equal(enc, want) {
			t.Fatalf("%v encodes as %x, protobuf as %x (%v)", &back, enc, want, err)
		}
	})
}

// FuzzDecodeIDs holds the index entries' decoder to its encoder, and to
// countIDs, which counts an entry's ids without decoding them.
func FuzzDecodeIDs(f *testing.F) {
	for _, b := range realEntries(f).index {
		f.Add(b)
	}
	f.Add(appendIDs(nil, []uint64{1, 300, 1 << 40, 1<<64 - 1}))
	f.Fuzz(func(t *testing.T, b []byte) {
		ids, err := decodeIDs(b, nil)
		if err != nil {
			return
		}
		if n := countIDs(b); n != int64(len(ids)) {
			t.Fatalf("decodeIDs reads %d ids, countIDs counts %d, in %x", len(ids), n, b)
		}
		back, err := decodeIDs(appendIDs(nil, ids), nil)
		if err != nil || !slices.Equal(back, ids) {
			t.Fatalf("%v encodes and reads back as %v (%v)", ids, back, err)
		}
	})
}

// FuzzDecodeValue holds the reader's decoding of a node's value, by hand
// for IRIs and strings, to pquads.UnmarshalValue, which cayley reads
// values with.
func FuzzDecodeValue(f *testing.F) {
	for _, b := range realEntries(f).log {
		var p cproto.Primitive
		if readPrimitive(b, &p) == nil && p.IsNode() {
			f.Add(p.Value)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeValue(b)
		want, werr := pquadsValue(b)
		if (err == nil) != (werr == nil) {
			t.Fatalf("decodeValue(%x) = %#v, %v; pquads reads %#v, %v", b, got, err, want, werr)
		}
		if err != nil {
			return
		}
		if got != want && !(isNaN(got) && isNaN(want)) {
			t.Fatalf("decodeValue(%x) = %#v; pquads reads %#v", b, got, want)
		}
		if got == nil {
			return
		}
		enc, err := pquads.MarshalValue(got)
		if err != nil {
			return // pquads reads values it does not write, e.g. a raw one
		}
		if back, err := decodeValue(enc); err != nil || back != got && !isNaN(got) {
			t.Fatalf("%#v encodes as %x, read back as %#v (%v)", got, enc, back, err)
		}
		if h := valueHash(got); h != refs.HashOf(got) {
			t.Fatalf("valueHash(%#v) = %x, cayley's %x", got, h, refs.HashOf(got))
		}
	})
}

// pquadsValue is pquads.UnmarshalValue, a panic of its made an error.
func pquadsValue(b []byte) (v quad.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pquads panics: %v", r)
		}
	}()
	return pquads.UnmarshalValue(b)
}

func isNaN(v quad.Value) bool {
	f, ok := v.(quad.Float)
	return ok && f != f
}

// FuzzMetaInt holds the meta integers' decoder to cayley's reading (an
// 8-byte little-endian integer, none for 0) and to its encoder, and the
// check of a count to the decoder.
func FuzzMetaInt(f *testing.F) {
	for _, b := range realEntries(f).meta {
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add(binary.LittleEndian.AppendUint64(nil, 1<<63))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := decodeMetaInt(b)
		switch len(b) {
		case 0:
			if n != 0 || err != nil {
				t.Fatalf("no record reads as %d, %v", n, err)
			}
		case 8:
			if err != nil || n != int64(binary.LittleEndian.Uint64(b)) {
				t.Fatalf("%x reads as %d, %v", b, n, err)
			}
			if back := appendMetaInt(nil, n); !bytes.Equal(back, b) {
				t.Fatalf("%d encodes as %x, was %x", n, back, b)
			}
		default:
			if err == nil {
				t.Fatalf("%d bytes read as %d", len(b), n)
			}
		}
		if cerr := checkMetaCount(b); (cerr == nil) != (err == nil && n >= 0) {
			t.Fatalf("checkMetaCount(%x) = %v; decoded %d, %v", b, cerr, n, err)
		}
	})
}

// FuzzValueHash holds valueHash to cayley's hash of IRIs and strings.
func FuzzValueHash(f *testing.F) {
	f.Add("http://tradegraph.org/id/country/malaysia", false)
	f.Add(`Tariffs "fall"`+"\n", true)
	f.Fuzz(func(t *testing.T, s string, str bool) {
		var v quad.Value = quad.IRI(s)
		if str {
			v = quad.String(s)
		}
		if got, want := valueHash(v), refs.HashOf(v); got != want {
			t.Fatalf("valueHash(%#v) = %x, cayley's %x", v, got, want)
		}
	})
}
