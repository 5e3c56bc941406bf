package graph

import (
	"crypto/sha1"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// valueHash is cayley's hash of a value (refs.HashOf), by which the value
// and count buckets file its node: the SHA-1 of its N-Quads form, the
// zero hash for no value. An IRI's form, <iri>, is laid out in a buffer on
// the stack and not built as a string: the bulk writer hashes every IRI it
// has not met in its batch, and the string would be an allocation each,
// twice the time of the hash.
func valueHash(v quad.Value) refs.ValueHash {
	switch v := v.(type) {
	case nil:
		return refs.ValueHash{}
	case quad.IRI:
		if len(v)+2 <= shortIRI {
			var buf [shortIRI]byte
			buf[0] = '<'
			n := copy(buf[1:], v)
			buf[n+1] = '>'
			return sha1.Sum(buf[:n+2])
		}
	}
	return sha1.Sum([]byte(v.String()))
}

// shortIRI is the longest N-Quads form of an IRI hashed from the stack;
// the IRIs tradegraph makes are well within it.
const shortIRI = 256
