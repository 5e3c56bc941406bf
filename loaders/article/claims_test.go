package article

import "testing"

// A rejected claim reads as subject, predicate, object.
func TestClaimParts(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text                       string
		subject, predicate, object string
	}{
		{"Peru's new export terms are not an exclusive deal for Korean buyers.", "", "are", "an exclusive deal for Korean buyers"},
		{"Ghana receives no blanket exemptions for import licensing.", "Ghana", "receives", "blanket exemptions for import licensing"},
		{"Peru kept an open market without new quotas.", "", "without", "new quotas"},
		{"Ghana did not surrender control over strategic sectors.", "Ghana", "surrender", "control over strategic sectors"},
	}
	for _, tt := range tests {
		doc, err := Parse("t.txt", []byte(tt.text), lex)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(doc)
		if len(r.Claims) != 1 {
			t.Errorf("%q: %d claims, want 1", tt.text, len(r.Claims))
			continue
		}
		c := r.Claims[0]
		if (tt.subject != "" && c.Subject != tt.subject) || c.Predicate != tt.predicate || c.Object != tt.object {
			t.Errorf("%q: claim %q / %q / %q, want %q / %q / %q", tt.text, c.Subject, c.Predicate, c.Object, tt.subject, tt.predicate, tt.object)
		}
	}
}
