package article

import (
	"strings"
	"testing"
	"unicode"
)

// referenceSlug is Slug written plainly.
func referenceSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case r == '.' || r == '\'' || r == '’':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func TestSlug(t *testing.T) {
	for _, s := range []string{
		"", "beef", "palm-oil", "palm oil", "Palm Oil", "-beef", "beef-", "palm--oil", "a-b-c", "2",
		"U.S.", "Côte d’Ivoire", "ÉTATS-UNIS", "İstanbul", "Ⱥ", "bad\xffutf8", "tree nuts & seeds", "--",
	} {
		if got, want := Slug(s), referenceSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"beef", "Palm Oil", "U.S.", "Côte d’Ivoire", "a--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), referenceSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	})
}
