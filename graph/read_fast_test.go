package graph

import (
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

func TestDecodeValueAsPquads(t *testing.T) {
	for _, v := range []quad.Value{
		quad.IRI("http://tradegraph.org/id/country/malaysia"), quad.IRI(""), quad.String("tariffs on tea"),
		quad.String(""), quad.BNode("b1"), quad.TypedString{Value: "2024-01-02", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.LangString{Value: "thé", Lang: "fr"}, quad.Int(42), quad.Bool(true), quad.Time(time.Unix(1700000000, 0).UTC()),
	} {
		b, err := pquads.MarshalValue(v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pquads.UnmarshalValue(b)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeValue(b)
		if err != nil || got != want {
			t.Errorf("decodeValue(%v) = %#v, %v; want %#v", v, got, err, want)
		}
	}
}
