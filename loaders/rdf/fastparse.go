package rdf

import (
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// parseSimple parses the N-Quads lines that writers produce almost always:
// terms separated by blanks, IRIs and blank nodes without escapes, literals
// without escapes, with a language tag or a datatype, and no comment. It
// gives the values nquads.Parse gives. For any other line ok is false and
// cayley's parsers read it: the grammar's corners, and its errors, stay
// theirs. cayley's parsers convert each line to runes and back; this one
// reads bytes, which makes loading N-Quads several times faster.
func parseSimple(s string) (q quad.Quad, ok bool) {
	if !utf8.ValidString(s) {
		return q, false
	}
	var v quad.Value
	if q.Subject, s, ok = node(s); !ok {
		return q, false
	}
	if s, ok = blanks(s); !ok {
		return q, false
	}
	if v, s, ok = iri(s); !ok {
		return q, false
	}
	q.Predicate = v
	if s, ok = blanks(s); !ok {
		return q, false
	}
	if q.Object, s, ok = object(s); !ok {
		return q, false
	}
	if s, ok = blanks(s); !ok {
		return q, false
	}
	if s != "." {
		if q.Label, s, ok = node(s); !ok {
			return q, false
		}
		s = strings.TrimLeft(s, " \t")
	}
	return q, s == "."
}

// blanks skips one or more spaces or tabs.
func blanks(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t")
	return t, len(t) < len(s)
}

// node reads an IRI or a blank node.
func node(s string) (quad.Value, string, bool) {
	if strings.HasPrefix(s, "_:") {
		return bnode(s)
	}
	return iri(s)
}

// iri reads <...> with the characters IRIREF allows, less escapes.
func iri(s string) (quad.Value, string, bool) {
	if len(s) < 3 || s[0] != '<' {
		return nil, s, false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '>':
			if i == 1 {
				return nil, s, false
			}
			return quad.IRI(s[1:i]), s[i+1:], true
		case c <= ' ', c == 0x7f, c == '<', c == '"', c == '{', c == '}', c == '|', c == '^', c == '`', c == '\\':
			return nil, s, false
		}
	}
	return nil, s, false
}

// bnode reads _:name where name is ASCII letters, digits, '_' and '-'.
func bnode(s string) (quad.Value, string, bool) {
	i := 2
	for i < len(s) && (isAlnum(s[i]) || s[i] == '_' || (s[i] == '-' && i > 2)) {
		i++
	}
	if i == 2 {
		return nil, s, false
	}
	return quad.BNode(s[2:i]), s[i:], true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// object reads an IRI, a blank node or a literal.
func object(s string) (quad.Value, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return node(s)
	}
	end := -1
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '\\' || c == '\n' || c == '\r' {
			return nil, s, false
		}
		if c == '"' {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, s, false
	}
	text := quad.String(s[1:end])
	s = s[end+1:]
	switch {
	case strings.HasPrefix(s, "@"):
		i := 1
		for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
			i++
		}
		lang := s[1:i]
		if !validLang(lang) {
			return nil, s, false
		}
		return quad.LangString{Value: text, Lang: lang}, s[i:], true
	case strings.HasPrefix(s, "^^"):
		dt, rest, ok := iri(s[2:])
		if !ok {
			return nil, s, false
		}
		v := quad.TypedString{Value: text, Type: dt.(quad.IRI)}
		if nquads.AutoConvertTypedString {
			if nv, err := v.ParseValue(); err == nil {
				return nv, rest, true
			}
		}
		return v, rest, true
	}
	return text, s, true
}

// validLang checks LANGTAG: letters, then '-'-separated letters and digits.
func validLang(lang string) bool {
	for i, part := range strings.Split(lang, "-") {
		if part == "" {
			return false
		}
		for j := 0; j < len(part); j++ {
			if i == 0 && !('a' <= part[j] && part[j] <= 'z' || 'A' <= part[j] && part[j] <= 'Z') {
				return false
			}
		}
	}
	return true
}
