package main

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/lib/pq"

	"github.com/tradegraph/tradegraph/graph"
)

// lostServerError is a postgres connection that broke during a command:
// the server stopped, restarted or went away.
type lostServerError struct {
	host, reason string
	err          error
}

func (e lostServerError) Error() string {
	return fmt.Sprintf("lost the connection to the postgres server at %s (%s); "+
		"what was not committed was rolled back: run the command again when the server is back", e.host, e.reason)
}

func (e lostServerError) Unwrap() error { return e.err }

// explainStoreError says in one line that a postgres server went away, when
// err comes from a broken connection to the store at addr; the driver's
// own words for it ("read tcp 127.0.0.1:52114->127.0.0.1:5432: read:
// connection reset by peer") do not say which server or what to do.
func explainStoreError(err error, backend, addr string) error {
	if backend == "" {
		backend = graph.InferBackend(addr)
	}
	if backend != graph.Postgres {
		return err
	}
	reason, ok := lostConnection(err)
	if !ok {
		return err
	}
	host := graph.Server(addr)
	if host == "" {
		host = "the address given"
	}
	return lostServerError{host: host, reason: reason, err: err}
}

// lostConnection reports whether err says the connection to the server
// broke or could not be made again, and how.
func lostConnection(err error) (reason string, ok bool) {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch {
		case pqErr.Code.Class() == "08", // connection exception
			pqErr.Code == "57P01", pqErr.Code == "57P02", pqErr.Code == "57P03": // shut down, crashed, starting
			return pqErr.Message, true
		}
		return "", false
	}
	var opErr *net.OpError
	switch {
	case errors.As(err, &opErr):
		return opErr.Err.Error(), true
	case errors.Is(err, driver.ErrBadConn):
		return "the connection broke", true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection", true
	}
	// cayley's SQL layer reports driver errors as text ("sql query failed:
	// pq: the database system is shutting down"): recognise the words
	for _, words := range brokenConnectionWords {
		if strings.Contains(err.Error(), words) {
			return words, true
		}
	}
	return "", false
}

// brokenConnectionWords are what the driver and server say when a working
// connection breaks (not when it cannot be made: that is said as it is).
var brokenConnectionWords = []string{
	"the database system is shutting down",
	"the database system is starting up",
	"terminating connection due to administrator command",
	"connection reset by peer",
	"broken pipe",
	"driver: bad connection",
	"unexpected EOF",
}
