package main

import (
	"math/rand/v2"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A build killed at any moment leaves a store that check accepts, its
// layout too, and building again gives the same graph as a build that was
// never killed.
func TestBuildSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills ten builds of 200 articles; skipped with -short")
	}
	dir := syntheticArticles(t, 7, 200)
	clean := newStore(t)
	start := time.Now()
	mustRun(t, "--db", clean, "build", dir)
	buildTime := time.Since(start)
	want := dumpOf(t, clean)

	r := rand.New(rand.NewPCG(1, 2))
	for run := 1; run <= 10; run++ {
		db := newStore(t)
		child := program("--db", db, "build", "--batch-mb", "1", dir) // small batches: many commits to land between
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		// kill somewhere between the store's creation and the end of the build
		delay := time.Duration(r.Int64N(int64(buildTime)+1)) + 20*time.Millisecond
		time.Sleep(delay)
		child.Process.Signal(syscall.SIGKILL)
		state, _ := child.Process.Wait()
		killed := !state.Success()
		if _, err := os.Stat(db); err != nil {
			t.Logf("run %d: killed after %v, before the store existed", run, delay)
			continue
		}
		res := tradegraph(t, "--db", db, "check", "--deep")
		if res.code != exitOK {
			t.Errorf("run %d (killed after %v): check failed:\n%s%s", run, delay, res.stdout, res.stderr)
			continue
		}
		mustRun(t, "--db", db, "build", dir)
		mustRun(t, "--db", db, "check", "--deep")
		if got := dumpOf(t, db); got != want {
			t.Errorf("run %d (killed after %v): the rebuilt store differs from a clean build", run, delay)
		}
		t.Logf("run %d: killed=%v after %v; %s; rebuild identical", run, killed, delay, strings.TrimSpace(res.stderr))
	}
}
