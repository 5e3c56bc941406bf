package graph

import (
	"strconv"

	"github.com/cayleygraph/quad"
)

// StandardLiterals writes the native values cayley keeps typed literals as
// (quad.Int, Float, Bool, Time) with full datatype IRIs: their own form says
// <xsd:integer>, which other RDF tools read as an unknown IRI, and "True",
// which is not an xsd:boolean. Loading the output gives the same values back.
func StandardLiterals(w quad.Writer) quad.Writer {
	return quad.ValuesWriter(w, func(_ quad.Direction, v quad.Value) (quad.Value, error) {
		native, ok := v.(quad.TypedStringer)
		if !ok {
			return v, nil
		}
		ts := native.TypedString()
		ts.Type = ts.Type.Full()
		if b, ok := v.(quad.Bool); ok {
			ts.Value = quad.String(strconv.FormatBool(bool(b)))
		}
		return ts, nil
	})
}
