package main

import (
	"bytes"
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// restartablePostgres is a server the test may restart, from
// TRADEGRAPH_TEST_PG_RESTART, and the words of a pg_ctl command line for
// it, from TRADEGRAPH_TEST_PG_CTL. Without them the test skips, except in
// CI, where they are missing only when .ci/run is broken.
func restartablePostgres(t *testing.T) (server string, pgCtl []string) {
	t.Helper()
	server, ctl := os.Getenv("TRADEGRAPH_TEST_PG_RESTART"), os.Getenv("TRADEGRAPH_TEST_PG_CTL")
	if server == "" || ctl == "" {
		const how = "set TRADEGRAPH_TEST_PG_RESTART=postgres://USER:PASSWORD@HOST:PORT/DB?sslmode=disable to a server " +
			"no other test uses, where USER may create databases, and TRADEGRAPH_TEST_PG_CTL to a pg_ctl command " +
			"line for it ('pg_ctl -D DATA -l LOG', as its owner; bash .ci/run starts one)"
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TRADEGRAPH_TEST_PG_RESTART or TRADEGRAPH_TEST_PG_CTL is unset: " + how)
		}
		t.Skip("postgres restart not tested: " + how)
	}
	return server, strings.Fields(ctl)
}

// lostServer is the message of a command whose postgres server went away.
var lostServer = regexp.MustCompile(`^tradegraph: lost the connection to the postgres server at 127\.0\.0\.1:\d+ \([^\n]+\); ` +
	`what was not committed was rolled back: run the command again when the server is back\n$`)

// TestPostgresRestartedMidBuild: a build whose server restarts under it
// fails with one line that names the server and not its password, leaves
// only whole documents (check passes), and building again gives the graph
// a build never interrupted gives.
func TestPostgresRestartedMidBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 200 articles into PostgreSQL twice; skipped with -short")
	}
	server, pgCtl := restartablePostgres(t)
	dir := syntheticArticles(t, 3, 200)
	clean := newStore(t)
	mustRun(t, "--db", clean, "build", dir)
	want := dumpOf(t, clean)

	pg := freshDatabase(t, server)
	var stderr bytes.Buffer
	build := program("--db", pg, "--batch-mb", "1", "build", dir)
	build.Stderr = &stderr
	if err := build.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		build.Wait()
		close(exited)
	}()
	stored := waitForQuads(t, pg, 5000, exited)
	restart := exec.Command(pgCtl[0], append(pgCtl[1:], "-m", "immediate", "-w", "restart")...)
	if out, err := restart.CombinedOutput(); err != nil {
		t.Fatalf("restarting the server: %v\n%s", err, out)
	}
	select {
	case <-exited:
	case <-time.After(2 * time.Minute):
		build.Process.Kill()
		t.Fatal("the build went on for two minutes after the server restarted")
	}
	t.Logf("server restarted once %d quads were stored; the build said: %s", stored, strings.TrimSpace(stderr.String()))
	if code := build.ProcessState.ExitCode(); code != exitFailure {
		t.Errorf("the build exited %d, want %d", code, exitFailure)
	}
	if !lostServer.MatchString(stderr.String()) {
		t.Errorf("the build said %q, want one line matching %s", stderr.String(), lostServer)
	}
	if u, _ := url.Parse(server); u != nil {
		if pw, ok := u.User.Password(); ok && strings.Contains(stderr.String(), pw) {
			t.Errorf("the build's message shows the password: %q", stderr.String())
		}
	}

	check := tradegraph(t, "--db", pg, "check")
	t.Logf("check after the restart: %s", strings.TrimSpace(check.stderr))
	if check.code != exitOK {
		t.Errorf("check after the restart: exit %d\n%s%s", check.code, check.stdout, check.stderr)
	}
	mustRun(t, "--db", pg, "build", dir)
	if got := dumpOf(t, pg); got != want {
		t.Errorf("building again after the restart gave another graph than a clean build (%d and %d bytes)", len(got), len(want))
	}
}

// waitForQuads waits until the database at addr holds at least n committed
// quads and returns how many it holds, failing if the build exits first.
func waitForQuads(t *testing.T, addr string, n int, exited <-chan struct{}) int {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.After(time.Minute)
	for {
		var count int
		// the table appears with the store: errors before then are expected
		if err := db.QueryRow("SELECT count(*) FROM quads").Scan(&count); err == nil && count >= n {
			return count
		}
		select {
		case <-exited:
			t.Fatalf("the build ended before %d quads were stored: the server was not restarted in the middle of it", n)
		case <-deadline:
			t.Fatalf("no %d quads stored after a minute of building", n)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
