// Package pgtest gives a test an empty postgres database of its own, on
// the server TRADEGRAPH_TEST_POSTGRES names.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/lib/pq"
)

// Server is the address TRADEGRAPH_TEST_POSTGRES holds. Without one the
// test skips, except in CI, where a missing server is a failure.
func Server(t testing.TB) string {
	t.Helper()
	if addr := os.Getenv("TRADEGRAPH_TEST_POSTGRES"); addr != "" {
		return addr
	}
	const how = "set TRADEGRAPH_TEST_POSTGRES=postgres://USER@HOST:PORT/DB?sslmode=disable " +
		"to a server where USER may create databases (bash .ci/run starts one)"
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but TRADEGRAPH_TEST_POSTGRES is unset: " + how)
	}
	t.Skip("postgres backend not tested: " + how)
	return ""
}

var databases atomic.Int64

// Database is the address of an empty database on server, dropped when
// the test ends. It is dropped over a connection of its own, as the
// server may have restarted since.
func Database(t testing.TB, server string) string {
	t.Helper()
	name := fmt.Sprintf("tradegraph_test_%d_%d", os.Getpid(), databases.Add(1))
	exec := func(ctx context.Context, stmt string) error {
		db, err := sql.Open("postgres", server)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, stmt)
		return err
	}
	if err := exec(context.Background(), "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		if err := exec(context.Background(), "DROP DATABASE "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("TRADEGRAPH_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Fresh is Database on Server.
func Fresh(t testing.TB) string {
	t.Helper()
	return Database(t, Server(t))
}
