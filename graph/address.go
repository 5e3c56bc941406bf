package graph

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// isPostgresURL reports whether addr is a postgres address in URL form, as
// the driver tells one from a key=value string.
func isPostgresURL(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// postgresAddress checks that addr is a postgres address the driver can
// read, and returns it with what tradegraph adds: a bound on the wait for
// an unreachable server, and no TLS to a server on this machine when none
// is asked for. An address that does not parse is reported redacted: the
// URL package's own error quotes it.
func postgresAddress(addr string) (string, error) {
	if !isPostgresURL(addr) {
		// a key=value connection string ("host=db user=tg password=...")
		if !strings.Contains(addr, "connect_timeout=") {
			addr += " connect_timeout=5"
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
