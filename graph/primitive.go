package graph

import (
	"errors"
	"fmt"
	"unicode/utf8"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Log entries are cayley's proto.Primitive, encoded and decoded by hand
// with protowire rather than through protobuf reflection: the bulk writer
// encodes one per node and quad, a reader decodes one per step, and
// reflection would be a tenth of a load's time. The field numbers are read
// from the descriptors of cayley's generated types, so that the hand codec
// cannot drift from the messages cayley itself writes and reads.
var (
	fieldID        = fieldOf(&cproto.Primitive{}, "ID", protoreflect.Uint64Kind)
	fieldSubject   = fieldOf(&cproto.Primitive{}, "Subject", protoreflect.Uint64Kind)
	fieldPredicate = fieldOf(&cproto.Primitive{}, "Predicate", protoreflect.Uint64Kind)
	fieldObject    = fieldOf(&cproto.Primitive{}, "Object", protoreflect.Uint64Kind)
	fieldLabel     = fieldOf(&cproto.Primitive{}, "Label", protoreflect.Uint64Kind)
	fieldReplaces  = fieldOf(&cproto.Primitive{}, "Replaces", protoreflect.Uint64Kind)
	fieldTimestamp = fieldOf(&cproto.Primitive{}, "Timestamp", protoreflect.Int64Kind)
	fieldValue     = fieldOf(&cproto.Primitive{}, "Value", protoreflect.BytesKind)
	fieldDeleted   = fieldOf(&cproto.Primitive{}, "Deleted", protoreflect.BoolKind)

	// the fields of pquads.Value that decodeValue reads by hand
	valueStr = fieldOf(&pquads.Value{}, "str", protoreflect.StringKind)
	valueIRI = fieldOf(&pquads.Value{}, "iri", protoreflect.StringKind)
)

// fieldOf is the number of a message's field, which must be of kind: the
// hand codec's wire types follow from the kinds.
func fieldOf(m protoreflect.ProtoMessage, name string, kind protoreflect.Kind) protowire.Number {
	desc := m.ProtoReflect().Descriptor()
	fd := desc.Fields().ByName(protoreflect.Name(name))
	if fd == nil || fd.Kind() != kind || fd.Cardinality() == protoreflect.Repeated {
		panic(fmt.Sprintf("%s has no single field %s of kind %v: the log's codec no longer matches cayley's", desc.FullName(), name, kind))
	}
	return fd.Number()
}

// appendPrimitive appends p as proto.Marshal would, fields in order and
// zero values left out.
func appendPrimitive(b []byte, p *cproto.Primitive) []byte {
	varint := func(num protowire.Number, v uint64) {
		if v != 0 {
			b = protowire.AppendTag(b, num, protowire.VarintType)
			b = protowire.AppendVarint(b, v)
		}
	}
	varint(fieldID, p.ID)
	varint(fieldSubject, p.Subject)
	varint(fieldPredicate, p.Predicate)
	varint(fieldObject, p.Object)
	varint(fieldLabel, p.Label)
	varint(fieldReplaces, p.Replaces)
	varint(fieldTimestamp, uint64(p.Timestamp))
	if len(p.Value) > 0 {
		b = protowire.AppendTag(b, fieldValue, protowire.BytesType)
		b = protowire.AppendBytes(b, p.Value)
	}
	if p.Deleted {
		varint(fieldDeleted, 1)
	}
	return b
}

// readPrimitive decodes a log entry into p, which it resets first, and
// reads it as proto.Unmarshal does: a field given twice keeps its last
// value, and unknown fields, or known ones of another wire type, are
// skipped. p.Value is part of b. This is the log's one decoder; the
// others are views of what it reads.
func readPrimitive(b []byte, p *cproto.Primitive) error {
	*p = cproto.Primitive{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("corrupt primitive: %w", protowire.ParseError(n))
		}
		if !num.IsValid() { // protowire takes numbers up to 2³¹-1, protobuf only to 2²⁹-1
			return fmt.Errorf("corrupt primitive: field number %d", num)
		}
		b = b[n:]
		switch {
		case typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return fmt.Errorf("corrupt primitive: %w", protowire.ParseError(n))
			}
			b = b[n:]
			switch num {
			case fieldID:
				p.ID = v
			case fieldSubject:
				p.Subject = v
			case fieldPredicate:
				p.Predicate = v
			case fieldObject:
				p.Object = v
			case fieldLabel:
				p.Label = v
			case fieldReplaces:
				p.Replaces = v
			case fieldTimestamp:
				p.Timestamp = int64(v)
			case fieldDeleted:
				p.Deleted = v != 0
			}
		case typ == protowire.BytesType && num == fieldValue:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return fmt.Errorf("corrupt primitive: %w", protowire.ParseError(n))
			}
			p.Value = v
			b = b[n:]
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return fmt.Errorf("corrupt primitive: %w", protowire.ParseError(n))
			}
			b = b[n:]
		}
	}
	return nil
}

// decodePrimitive is a log entry as a new primitive.
func decodePrimitive(b []byte) (*cproto.Primitive, error) {
	p := &cproto.Primitive{}
	if err := readPrimitive(b, p); err != nil {
		return nil, err
	}
	return p, nil
}

// decodeLink reads a quad primitive without allocating; ok is false for a
// deleted quad or a node.
func decodeLink(b []byte) (l Link, ok bool, err error) {
	var p cproto.Primitive
	if err := readPrimitive(b, &p); err != nil {
		return Link{}, false, err
	}
	if p.IsNode() || p.Deleted {
		return Link{}, false, nil
	}
	return Link{ID: p.ID, Subject: p.Subject, Predicate: p.Predicate, Object: p.Object, Label: p.Label}, true, nil
}

// decodeNodeValue reads the value of a node primitive.
func decodeNodeValue(b []byte) (quad.Value, error) {
	var p cproto.Primitive
	if err := readPrimitive(b, &p); err != nil {
		return nil, err
	}
	if !p.IsNode() {
		return nil, errors.New("not a node")
	}
	return decodeValue(p.Value)
}

// decodeValue reads a value as pquads encodes it. IRIs and plain strings,
// nearly every node, are read by hand: protobuf's reflection would be most
// of the cost of reading a node.
func decodeValue(b []byte) (quad.Value, error) {
	num, typ, n := protowire.ConsumeTag(b)
	if n > 0 && typ == protowire.BytesType && (num == valueStr || num == valueIRI) {
		v, m := protowire.ConsumeBytes(b[n:])
		// protobuf refuses a string that is not UTF-8: so must this
		if m > 0 && n+m == len(b) && utf8.Valid(v) {
			if num == valueIRI {
				return quad.IRI(v), nil
			}
			return quad.String(v), nil
		}
	}
	return unmarshalValue(b)
}

// unmarshalValue is pquads.UnmarshalValue, which cayley reads values
// with, but for a message that sets none of the kinds of value (no field,
// or only fields it does not know): pquads panics on it, and this is an
// error.
func unmarshalValue(b []byte) (quad.Value, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var v pquads.Value
	if err := proto.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	if v.Value == nil {
		return nil, errors.New("a value of no kind pquads knows")
	}
	return v.ToNative(), nil
}
