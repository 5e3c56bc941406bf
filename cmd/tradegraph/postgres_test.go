package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/graph/pgtest"
)

// TestPostgres runs a user's session on PostgreSQL and checks that it ends
// with the very dump the same session gives on the embedded store.
func TestPostgres(t *testing.T) {
	pg := freshPostgres(t)
	bolt := newStore(t)

	for _, db := range []string{pg, bolt} {
		mustRun(t, "--db", db, "load", "testdata/sample.nq")
	}
	again := mustRun(t, "--db", pg, "load", "testdata/sample.nq")
	if want := "loaded testdata/sample.nq: 18 quads, 0 new, 0 removed\n"; again.stderr != want {
		t.Errorf("second load said %q, want %q", again.stderr, want)
	}
	stats := mustRun(t, "--db", pg, "--json", "stats").stdout
	if !strings.Contains(stats, `"backend": "postgres"`) || !strings.Contains(stats, `"quads": 18,`) {
		t.Errorf("stats --json:\n%s\nwant the postgres backend and 18 quads", stats)
	}
	if got, want := dumpOf(t, pg), dumpOf(t, bolt); got != want {
		t.Errorf("dump on postgres:\n%s\non bolt:\n%s", got, want)
	}

	before := dumpOf(t, pg)
	bad := tradegraph(t, "--db", pg, "load", "testdata/malformed.nq")
	if bad.code != exitFailure || !strings.HasPrefix(bad.stderr, "tradegraph: testdata/malformed.nq:3: ") {
		t.Errorf("loading a malformed file: exit %d, stderr %q", bad.code, bad.stderr)
	}
	if after := dumpOf(t, pg); after != before {
		t.Errorf("a failed load changed the store:\n%s\nwas:\n%s", after, before)
	}

	for _, db := range []string{pg, bolt} {
		mustRun(t, "--db", db, "load", "--replace", "testdata/sample-v2.nq")
	}
	if got, want := dumpOf(t, pg), dumpOf(t, bolt); got != want {
		t.Errorf("dump on postgres after --replace:\n%s\non bolt:\n%s", got, want)
	}
}

// TestPostgresKeyValueAddress: a libpq key=value address, with a quoted
// password and no --backend, is the same store as the URL it spells out;
// nothing is made in the working directory, and the password never shows.
func TestPostgresKeyValueAddress(t *testing.T) {
	pg := freshPostgres(t)
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	// trust authentication takes any password; no sslmode: a server on
	// this machine is reached without TLS, as with a URL
	kv := fmt.Sprintf("host=%s port=%s user=%s password='Qz1 Kx2' dbname=%s",
		u.Hostname(), u.Port(), u.User.Username(), strings.TrimPrefix(u.Path, "/"))
	sample := filepath.Join(testdataDir(t), "sample.nq")
	t.Chdir(t.TempDir())
	for _, r := range []result{
		mustRun(t, "--db", kv, "load", sample),
		mustRun(t, "--db", kv, "--json", "stats"),
	} {
		if strings.Contains(r.stdout+r.stderr, "Qz1") || strings.Contains(r.stdout+r.stderr, "Kx2") {
			t.Errorf("the password shows:\n%s%s", r.stdout, r.stderr)
		}
	}
	stats := mustRun(t, "--db", kv, "--json", "stats").stdout
	if !strings.Contains(stats, `"backend": "postgres"`) || !strings.Contains(stats, `"quads": 18,`) {
		t.Errorf("stats --json:\n%s\nwant the postgres backend and 18 quads", stats)
	}
	if got, want := mustRun(t, "--db", kv, "dump").stdout, dumpOf(t, pg); got != want {
		t.Errorf("dump through key=value:\n%s\nthrough the URL:\n%s", got, want)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("files left in the working directory: %v", entries)
	}
}

// testdataDir is the absolute path of testdata, for tests that leave the
// package directory.
func testdataDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// freshPostgres is the address of an empty database, dropped when the test
// ends, on the server TRADEGRAPH_TEST_POSTGRES names (see pgtest).
func freshPostgres(t *testing.T) string { t.Helper(); return pgtest.Fresh(t) }

// freshDatabase is the address of an empty database on server, dropped
// when the test ends.
func freshDatabase(t *testing.T, server string) string { t.Helper(); return pgtest.Database(t, server) }
