package graph

import (
	"regexp"
	"strings"
)

// mask is what a password is shown as.
const mask = "xxxxx"

var (
	// addressStart is the scheme of an address that begins a word; a
	// "word://" inside a password does not begin a new address.
	addressStart = regexp.MustCompile(`(?:^|[\s"'(<=,;])([A-Za-z][A-Za-z0-9+.\-]*://)`)
	// passwordKey is a password given as key=value: a URL's ?password= or
	// &password=, or libpq's password = value (sslpassword too).
	passwordKey = regexp.MustCompile(`(?i)[A-Za-z0-9_]*password(\s*)=(\s*)`)
)

// Redact returns text with every password it holds shown as xxxxx, so that
// an address, or a message that quotes one, can be printed. It hides the
// password of a URL's user info, up to the last @ before the next address
// (a password may hold @, :, /, #, ?, %, quotes and spaces, percent-encoded
// or not), a ?password= or &password= parameter, and libpq's password=value,
// quoted ('se cret', 'it\'s') or not. Where a message leaves unclear where
// a password ends, more is hidden rather than less.
func Redact(text string) string {
	return redactParams(redactUserinfo(text))
}

// redactUserinfo hides the passwords of addresses in URL form.
func redactUserinfo(text string) string {
	starts := addressStart.FindAllStringSubmatchIndex(text, -1)
	if len(starts) == 0 {
		return text
	}
	var b strings.Builder
	done := 0 // text[:done] is written
	for i, m := range starts {
		authority := m[3] // just after "://"
		if authority < done {
			continue
		}
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][2]
		}
		user := strings.IndexAny(text[authority:end], ":@/")
		if user < 0 || text[authority+user] != ':' {
			continue
		}
		from := authority + user + 1
		at := strings.LastIndexByte(text[from:end], '@')
		if at <= 0 {
			continue
		}
		b.WriteString(text[done:from])
		b.WriteString(mask)
		done = from + at
	}
	b.WriteString(text[done:])
	return b.String()
}

// redactParams hides the passwords given as key=value.
func redactParams(text string) string {
	var b strings.Builder
	done := 0
	for _, m := range passwordKey.FindAllStringSubmatchIndex(text, -1) {
		key, from := m[0], m[1]
		if key < done {
			continue
		}
		inURL := key > 0 && (text[key-1] == '?' || text[key-1] == '&') && m[3] == m[2] && m[5] == m[4]
		var to int
		switch {
		case inURL:
			to = from + urlValueLen(text[from:])
		case from < len(text) && text[from] == '\'':
			to = from + quotedValueLen(text[from:])
		default:
			to = from + plainValueLen(text[from:])
		}
		if to == from {
			continue
		}
		b.WriteString(text[done:from])
		b.WriteString(mask)
		done = to
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// urlValueLen is the length of a URL parameter's value at the start of s:
// up to the next parameter, the fragment or a space. A colon or double
// quote before the space is the message's (`postgres ADDR: ...`): the
// address tradegraph prints has them percent-encoded in its values.
func urlValueLen(s string) int {
	n := strings.IndexAny(s, "&# \t\n\r")
	if n < 0 {
		return len(s)
	}
	if s[n] != '&' && s[n] != '#' {
		n = len(strings.TrimRight(s[:n], `:"`))
	}
	return n
}

// quotedValueLen is the length of libpq's quoted value at the start of s,
// quotes included; a backslash escapes the next character, and a value
// that is never closed runs to the end.
func quotedValueLen(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			return i + 1
		}
	}
	return len(s)
}

// plainValueLen is the length of libpq's unquoted value at the start of s:
// up to a space not escaped by a backslash.
func plainValueLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return keepMaskPunct(s, i)
		}
	}
	return keepMaskPunct(s, len(s))
}

// keepMaskPunct leaves out of a value s[:n] that is already the mask the
// colons and double quotes after it: the punctuation of the message that
// quotes the address (`postgres ADDR: ...`), kept when a redacted message
// is redacted again.
func keepMaskPunct(s string, n int) int {
	if strings.TrimRight(s[:n], `:"`) == mask {
		return len(mask)
	}
	return n
}
