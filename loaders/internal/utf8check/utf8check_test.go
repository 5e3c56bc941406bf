package utf8check

import "testing"

func TestFirstInvalid(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", -1},
		{"Tariffs fall to 0%.", -1},
		{"thé à Genève, “quoted”", -1},
		{"\xffabc", 0},
		{"ab\xc3", 2},                    // a sequence cut short at the end
		{"é\x80", 2},                     // a continuation byte alone, after a two-byte rune
		{"ok \xc0\x80", 3},               // an overlong NUL
		{"ok \xed\xa0\x80", 3},           // a surrogate
		{"日本\xe8\xaa", 6},                // a three-byte rune cut short
		{"\U0001F600 then \xf5\x80", 10}, // beyond U+10FFFF
	} {
		if got := FirstInvalid([]byte(tc.in)); got != tc.want {
			t.Errorf("FirstInvalid(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
