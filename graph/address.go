package graph

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// libpqKeywords are libpq's connection parameters: an address whose first
// word is one of them followed by = is a key=value connection string
// ("host=db user=tg password='...' dbname=tg").
var libpqKeywords = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true,
	"password": true, "passfile": true, "channel_binding": true, "connect_timeout": true,
	"client_encoding": true, "options": true, "application_name": true,
	"fallback_application_name": true, "keepalives": true, "keepalives_idle": true,
	"keepalives_interval": true, "keepalives_count": true, "tcp_user_timeout": true,
	"replication": true, "gssencmode": true, "sslmode": true, "requiressl": true,
	"sslcompression": true, "sslcert": true, "sslkey": true, "sslpassword": true,
	"sslrootcert": true, "sslcrl": true, "sslcrldir": true, "sslsni": true,
	"requirepeer": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"krbsrvname": true, "gsslib": true, "service": true, "target_session_attrs": true,
	"load_balance_hosts": true,
}

// isPostgresURL reports whether addr is a postgres address in URL form, as
// the driver tells one from a key=value string.
func isPostgresURL(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// isKeyValue reports whether addr starts as a libpq key=value connection
// string: a libpq keyword, then =.
func isKeyValue(addr string) bool {
	s := strings.TrimLeftFunc(addr, unicode.IsSpace)
	end := strings.IndexFunc(s, func(r rune) bool { return r == '=' || unicode.IsSpace(r) })
	if end <= 0 || !libpqKeywords[s[:end]] {
		return false
	}
	return strings.HasPrefix(strings.TrimLeftFunc(s[end:], unicode.IsSpace), "=")
}

// looksLikeAddress reports whether a bolt path reads as a server address
// that tradegraph did not recognise (a URL of another scheme, a key=value
// string with a mistyped first key): a store is never created under a
// name that may hold a password.
func looksLikeAddress(path string) bool {
	if strings.Contains(path, "://") {
		return true
	}
	for _, word := range strings.Fields(path) {
		if k, _, ok := strings.Cut(word, "="); ok && libpqKeywords[strings.ToLower(k)] {
			return true
		}
	}
	return false
}

type keyValue struct{ key, value string }

// parseKeyValue reads a key=value connection string the way the driver
// does: values may be quoted ('se cret'), and a backslash escapes the
// next character, quoted or not. When it fails, at is where the pair it
// could not read begins.
func parseKeyValue(s string) (pairs []keyValue, at int, err error) {
	i := 0
	next := func() (rune, bool) {
		if i >= len(s) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		return r, true
	}
	skipSpaces := func() (rune, bool) {
		for {
			r, ok := next()
			if !ok || !unicode.IsSpace(r) {
				return r, ok
			}
		}
	}
	for {
		r, ok := skipSpaces()
		if !ok {
			return pairs, 0, nil
		}
		at = i - utf8.RuneLen(r)
		var key, value strings.Builder
		for ok && !unicode.IsSpace(r) && r != '=' {
			key.WriteRune(r)
			r, ok = next()
		}
		if ok && r != '=' {
			r, ok = skipSpaces()
		}
		if !ok || r != '=' {
			return nil, at, errors.New(`a word with no "=" after it (put a value that holds spaces in quotes: key='a value')`)
		}
		r, ok = skipSpaces()
		switch {
		case !ok:
		case r != '\'':
			for ok && !unicode.IsSpace(r) {
				if r == '\\' {
					if r, ok = next(); !ok {
						return nil, at, errors.New("a backslash with nothing after it")
					}
				}
				value.WriteRune(r)
				r, ok = next()
			}
		default:
		quoted:
			for {
				if r, ok = next(); !ok {
					return nil, at, errors.New("a quoted value with no closing quote")
				}
				switch r {
				case '\'':
					break quoted
				case '\\':
					r, _ = next()
				}
				value.WriteRune(r)
			}
		}
		pairs = append(pairs, keyValue{key.String(), value.String()})
	}
}

// postgresAddress checks that addr is a postgres address the driver can
// read, in URL or key=value form, and returns it with what tradegraph
// adds: a bound on the wait for an unreachable server, and no TLS to a
// server on this machine when none is asked for. An address that does
// not parse is reported redacted: the URL package's own error quotes it.
func postgresAddress(addr string) (string, error) {
	if !isPostgresURL(addr) {
		pairs, at, err := parseKeyValue(addr)
		if err != nil {
			read := strings.TrimSpace(addr[:at])
			if read != "" {
				read = " " + Redact(read) + " ..."
			}
			return "", fmt.Errorf("postgres address%s does not parse: %w", read, err)
		}
		given := map[string]string{}
		for _, p := range pairs {
			given[p.key] = p.value
		}
		if _, ok := given["connect_timeout"]; !ok {
			addr += " connect_timeout=5"
		}
		if _, ok := given["sslmode"]; !ok && isLocalHost(given["host"]) {
			addr += " sslmode=disable"
		}
		return addr, nil
	}
	u, err := url.Parse(addr)
	if err != nil {
		return "", fmt.Errorf("postgres address %s does not parse: %s", Redact(addr), urlParseReason(err))
	}
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "5")
	}
	if q.Get("sslmode") == "" && isLocalHost(u.Hostname()) {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// isLocalHost reports whether host is this machine ("" is the driver's
// default, localhost).
func isLocalHost(host string) bool {
	return host == "" || host == "localhost" || host == "127.0.0.1"
}

// quoted is a piece of the address that a URL parse error quotes.
var quoted = regexp.MustCompile(`\s*"[^"]*"`)

// urlParseReason is why url.Parse refused an address, without the pieces
// of it the error quotes: a URL cut at a # or ? in its password leaves a
// piece of the password where the URL package looks for a port or a host.
func urlParseReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return quoted.ReplaceAllString(strings.TrimPrefix(err.Error(), "net/url: "), "")
}

// Server is the host and port of the postgres server addr names, in URL
// or key=value form, or "" when it names none.
func Server(addr string) string {
	if isPostgresURL(addr) {
		if u, err := url.Parse(addr); err == nil {
			return u.Host
		}
		return ""
	}
	pairs, _, err := parseKeyValue(addr)
	if err != nil {
		return ""
	}
	var host, port string
	for _, p := range pairs {
		switch p.key {
		case "host":
			host = p.value
		case "port":
			port = p.value
		}
	}
	if host == "" || port == "" {
		return host
	}
	return net.JoinHostPort(host, port)
}
