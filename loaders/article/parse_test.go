package article

import (
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// TestDropAsides: a pair of spaced dashes sets off an aside the parser
// does not see; the hyphens of compounds and a lone dash stay.
func TestDropAsides(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Canada and Brazil - the two biggest producers - opened talks.", "Canada and Brazil opened talks ."},
		{"Canada and Brazil — the two biggest producers — opened talks.", "Canada and Brazil opened talks ."},
		{"A long-term deal with a short-term review was signed.", "A long - term deal with a short - term review was signed ."},
		{"Canada said - and Brazil agreed.", "Canada said - and Brazil agreed ."},
	}
	for _, tc := range tests {
		ws := syntax.Tokenize(tc.text)
		dropAsides(&ws)
		var got []string
		for i, w := range ws.Words {
			if w.ID != i+1 {
				t.Errorf("%q: word %q has ID %d, want %d", tc.text, w.Form, w.ID, i+1)
			}
			got = append(got, w.Form)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q\ngot  %q\nwant %q", tc.text, strings.Join(got, " "), tc.want)
		}
	}
}
