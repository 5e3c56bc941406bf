// Package utf8check finds where a loader's input stops being UTF-8, so
// that its error can point at the place.
package utf8check

import "unicode/utf8"

// FirstInvalid is the offset of the first byte of b that does not begin a
// valid UTF-8 sequence, -1 when b is all valid. Valid input, nearly all of
// it, is told by utf8.Valid, which reads words at a time; only invalid
// input is read rune by rune.
func FirstInvalid(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1 // not reached: utf8.Valid and DecodeRune agree
}
