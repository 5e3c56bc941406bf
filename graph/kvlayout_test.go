package graph

import (
	"testing"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"google.golang.org/protobuf/proto"
)

// The bulk writer finds and files values by cayley's hash of them: it must
// be the very hash cayley computes, or cayley would not find them.
func TestInternHashIsCayleys(t *testing.T) {
	q := newKVQueue()
	for _, v := range []quad.Value{
		quad.IRI("http://tradegraph.org/id/country/malaysia"),
		quad.String(`a "quoted" string`),
		quad.LangString{Value: "texte", Lang: "fr"},
		quad.TypedString{Value: "x", Type: "http://example.org/t"},
		quad.Int(42),
		quad.Bool(true),
		quad.BNode("b1"),
		quad.Time(time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC)),
	} {
		i := q.intern(v)
		if got, want := q.vals[i].hash, refs.HashOf(v); got != want {
			t.Errorf("hash of %#v = %x, cayley's %x", v, got, want)
		}
	}
}

// Primitives are encoded by hand: protobuf must read them as written, and
// what protobuf writes must read back the same.
func TestPrimitiveCodec(t *testing.T) {
	for _, p := range []*cproto.Primitive{
		{ID: 1, Value: []byte("\x0a\x03abc"), Timestamp: 1700000000000000000},
		{ID: 300, Subject: 1, Predicate: 2, Object: 3, Label: 4, Timestamp: -5},
		{ID: 1 << 40, Subject: 1 << 33, Object: 7, Deleted: true, Replaces: 9},
	} {
		var viaProto cproto.Primitive
		if err := proto.Unmarshal(appendPrimitive(nil, p), &viaProto); err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(&viaProto, p) {
			t.Errorf("protobuf reads %v as %v", p, &viaProto)
		}
		b, err := proto.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		back, err := decodePrimitive(b)
		if err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(back, p) {
			t.Errorf("decodePrimitive reads %v as %v", p, back)
		}
	}
	if _, err := decodePrimitive([]byte{0x08}); err == nil {
		t.Error("decodePrimitive took a truncated primitive")
	}
}
