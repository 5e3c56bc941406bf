package graph

import (
	"bytes"
	"math/rand/v2"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"google.golang.org/protobuf/proto"
)

// randomPrimitive is a node or a quad, live or deleted, with ids of every
// size the varint encoding distinguishes.
func randomPrimitive(r *rand.Rand) *cproto.Primitive {
	id := func() uint64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return r.Uint64N(128)
		case 2:
			return r.Uint64N(1 << 32)
		}
		return r.Uint64()
	}
	p := &cproto.Primitive{ID: id(), Replaces: id(), Timestamp: int64(id()), Deleted: r.IntN(3) == 0}
	if r.IntN(2) == 0 {
		p.Value = make([]byte, 1+r.IntN(300))
		for i := range p.Value {
			p.Value[i] = byte(r.Uint32())
		}
	} else {
		p.Subject, p.Predicate, p.Object, p.Label = id(), id(), id(), id()
	}
	return p
}

// samePrimitive compares the fields of two primitives; proto.Equal would
// compare the unknown fields protobuf keeps too, which readPrimitive skips.
func samePrimitive(a, b *cproto.Primitive) bool {
	return a.ID == b.ID && a.Subject == b.Subject && a.Predicate == b.Predicate && a.Object == b.Object &&
		a.Label == b.Label && a.Replaces == b.Replaces && a.Timestamp == b.Timestamp &&
		bytes.Equal(a.Value, b.Value) && a.Deleted == b.Deleted
}

// The hand codec must write the bytes cayley writes for its primitives,
// and each side must read what the other wrote.
func TestPrimitiveCodecAgainstProtobuf(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		p := randomPrimitive(r)
		want, err := proto.MarshalOptions{Deterministic: true}.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		got := appendPrimitive(nil, p)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendPrimitive(%v) = %x, protobuf writes %x", p, got, want)
		}
		var viaProto cproto.Primitive
		if err := proto.Unmarshal(got, &viaProto); err != nil || !samePrimitive(&viaProto, p) {
			t.Fatalf("protobuf reads %v as %v (%v)", p, &viaProto, err)
		}
		var back cproto.Primitive
		if err := readPrimitive(want, &back); err != nil || !samePrimitive(&back, p) {
			t.Fatalf("readPrimitive reads %v as %v (%v)", p, &back, err)
		}
		l, ok, err := decodeLink(want)
		if err != nil {
			t.Fatal(err)
		}
		if isQuad := !p.IsNode() && !p.Deleted; ok != isQuad ||
			ok && l != (Link{ID: p.ID, Subject: p.Subject, Predicate: p.Predicate, Object: p.Object, Label: p.Label}) {
			t.Fatalf("decodeLink(%v) = %+v, %v", p, l, ok)
		}
	}
}

// What protobuf would skip, readPrimitive skips: fields it does not know,
// and known fields of another wire type. A field given twice keeps the
// last value.
func TestReadPrimitiveSkipsAsProtobufDoes(t *testing.T) {
	base := appendPrimitive(nil, &cproto.Primitive{ID: 7, Subject: 1, Predicate: 2, Object: 3})
	for name, b := range map[string][]byte{
		"unknown varint field":   append(append([]byte{}, base...), 0x50, 0x05), // field 10
		"unknown bytes field":    append(append([]byte{}, base...), 0x5a, 0x02, 'h', 'i'),
		"id as fixed64":          append(append([]byte{}, base...), 0x09, 1, 2, 3, 4, 5, 6, 7, 8),
		"value as varint":        append(append([]byte{}, base...), 0x40, 0x01),
		"subject given twice":    append(append([]byte{}, base...), 0x10, 0x09),
		"a group of no interest": append(append([]byte{}, base...), 0x5b, 0x50, 0x01, 0x5c),
	} {
		var want cproto.Primitive
		if err := proto.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: protobuf: %v", name, err)
		}
		var got cproto.Primitive
		if err := readPrimitive(b, &got); err != nil || !samePrimitive(&got, &want) {
			t.Errorf("%s: readPrimitive = %v (%v), protobuf reads %v", name, &got, err, &want)
		}
	}
	for name, b := range map[string][]byte{
		"truncated varint": {0x08},
		"truncated bytes":  {0x42, 0x05, 'a'},
		"field zero":       {0x00, 0x01},
		"lone end group":   {0x0c},
	} {
		var p cproto.Primitive
		if err := proto.Unmarshal(b, &p); err == nil {
			t.Fatalf("%s: protobuf takes it", name)
		}
		if err := readPrimitive(b, &p); err == nil {
			t.Errorf("%s: readPrimitive takes it", name)
		}
	}
}

func TestDecodeNodeValue(t *testing.T) {
	v := quad.IRI("http://tradegraph.org/id/country/peru")
	enc, err := pquads.MarshalValue(v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeNodeValue(appendPrimitive(nil, &cproto.Primitive{ID: 3, Value: enc}))
	if err != nil || got != v {
		t.Errorf("decodeNodeValue = %v, %v; want %v", got, err, v)
	}
	if _, err := decodeNodeValue(appendPrimitive(nil, &cproto.Primitive{ID: 4, Subject: 3, Predicate: 3, Object: 3})); err == nil {
		t.Error("decodeNodeValue read a quad as a node")
	}
}

// A reader decodes a primitive per quad it steps over: decodeLink must not
// allocate.
func TestDecodeLinkDoesNotAllocate(t *testing.T) {
	b := appendPrimitive(nil, &cproto.Primitive{ID: 300, Subject: 1, Predicate: 2, Object: 3, Label: 4, Timestamp: 1700000000000000000})
	if n := testing.AllocsPerRun(100, func() { decodeLink(b) }); n != 0 {
		t.Errorf("decodeLink allocates %v times", n)
	}
}
