package syntax

import (
	"unicode"
	"unicode/utf8"
)

// Feature hashes: FNV-1a for strings, and a mixer for combining a template's
// number with the values it reads. Both are fixed functions (no per-process
// seed), so a model's features mean the same in every run.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fmix is the finalizer of MurmurHash3: every input bit reaches every output bit.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// feat1, feat2 and feat3 are the features of a template t over one, two
// or three values: multiplying by an odd constant keeps every bit, so one
// finalizer at the end is enough to spread them.
func feat1(t, a uint64) feature { return fmix(t*0x9e3779b97f4a7c15 ^ a) }
func feat2(t, a, b uint64) feature {
	return fmix((t*0x9e3779b97f4a7c15^a)*0xbf58476d1ce4e5b9 ^ b)
}
func feat3(t, a, b, c uint64) feature {
	return fmix(((t*0x9e3779b97f4a7c15^a)*0xbf58476d1ce4e5b9^b)*0x94d049bb133111eb ^ c)
}

// lexeme is what the features read of a word, hashed once per word.
type lexeme struct {
	norm    uint64    // lower-cased, digits as 0
	suffix  [4]uint64 // the last 1 to 4 characters of norm
	prefix  uint64    // the first character as written, case kept
	prefix3 uint64    // the first three characters of norm
	shape   uint64    // "Xxxx", "dd.d", "x-xxx": case, digits and marks
	flags   uint64    // hyphen, digit, upper-case bits
}

const (
	flagUpper  = 1 << iota // starts with a capital
	flagAllCap             // all letters capitals, at least two
	flagDigit
	flagHyphen
	flagAlpha // letters only
)

// scratch for lexemes: the normalized form and shape of one word
type lexBuf struct {
	norm, shape []byte
	ends        []int // the byte end of each rune of norm
}

// lexemeOf hashes form's features, using buf for its bytes.
func lexemeOf(form string, buf *lexBuf) lexeme {
	buf.norm, buf.shape, buf.ends = buf.norm[:0], buf.shape[:0], buf.ends[:0]
	var x lexeme
	letters, uppers, alpha := 0, 0, true
	var last rune = -1
	run := 0
	for i, r := range form {
		if i == 0 {
			x.prefix = uint64(r)
			if unicode.IsUpper(r) {
				x.flags |= flagUpper
			}
		}
		var s rune
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			s, letters = 'x', letters+1
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			s, letters, uppers = 'X', letters+1, uppers+1
			r += 'a' - 'A'
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			s, alpha = 'd', false
			x.flags |= flagDigit
			r = '0'
		case unicode.IsUpper(r):
			s, letters, uppers = 'X', letters+1, uppers+1
			r = unicode.ToLower(r)
		case unicode.IsLetter(r):
			s, letters = 'x', letters+1
		case unicode.IsDigit(r):
			s, alpha = 'd', false
			x.flags |= flagDigit
			r = '0'
		default:
			s, alpha = r, false
			if r == '-' {
				x.flags |= flagHyphen
			}
		}
		buf.norm = utf8.AppendRune(buf.norm, r)
		buf.ends = append(buf.ends, len(buf.norm))
		if s == last {
			run++
		} else {
			last, run = s, 1
		}
		if run <= 3 {
			buf.shape = utf8.AppendRune(buf.shape, s)
		}
	}
	if uppers == letters && letters >= 2 {
		x.flags |= flagAllCap
	}
	if alpha && letters > 0 {
		x.flags |= flagAlpha
	}
	x.norm = hashBytes(buf.norm)
	x.shape = hashBytes(buf.shape)
	n := len(buf.ends)
	if n > 0 {
		x.prefix3 = hashBytes(buf.norm[:buf.ends[min(n, 3)-1]])
	}
	for k := 1; k <= 4; k++ {
		from := 0
		if n-k-1 >= 0 {
			from = buf.ends[n-k-1]
		}
		x.suffix[k-1] = hashBytes(buf.norm[from:])
	}
	return x
}

// Hashes of the words before the first and after the last of a sentence.
var (
	lexStart = lexeme{norm: hashString("<s>"), shape: hashString("<s>"), suffix: [4]uint64{1, 1, 1, 1}, prefix3: 1}
	lexEnd   = lexeme{norm: hashString("</s>"), shape: hashString("</s>"), suffix: [4]uint64{2, 2, 2, 2}, prefix3: 2}
)
