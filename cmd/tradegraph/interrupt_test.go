package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Ctrl-C during build or load stops after the batch being written: the
// command says "interrupted" and exits 130, the store passes check, and
// writing everything again gives the store an uninterrupted run gives.
func TestInterruptStopsBuildAndLoadWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("interrupts a dozen builds and loads; skipped with -short")
	}
	articles := syntheticArticles(t, 7, 120)
	// a dump lists each document's quads together, with its completeness mark
	built := newStore(t)
	mustRun(t, "--db", built, "build", articles)
	quads := filepath.Join(t.TempDir(), "built.nq")
	if err := os.WriteFile(quads, []byte(dumpOf(t, built)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, verb := range []struct {
		name string
		args []string
	}{
		{"build", []string{"build", "--batch-mb", "1", articles}},
		{"load", []string{"load", "--batch-mb", "1", quads}},
	} {
		t.Run(verb.name, func(t *testing.T) {
			clean := newStore(t)
			start := time.Now()
			mustRun(t, append([]string{"--db", clean}, verb.args...)...)
			took := time.Since(start)
			want := dumpOf(t, clean)

			r := rand.New(rand.NewPCG(3, 4))
			interrupted, runs := 0, 0
			// until three runs were stopped by the interrupt: a run that
			// finished first makes the next ones interrupt sooner
			for run := 1; interrupted < 3 && run <= 12; run++ {
				runs++
				db := newStore(t)
				child := program(append([]string{"--db", db}, verb.args...)...)
				var stderr bytes.Buffer
				child.Stderr = &stderr
				if err := child.Start(); err != nil {
					t.Fatal(err)
				}
				// somewhere in the first three quarters of the run, once the
				// program has had time to start
				delay := 30*time.Millisecond + time.Duration(r.Int64N(int64(took)*3/4+1))
				time.Sleep(delay)
				if err := child.Process.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
				_ = child.Wait() // the exit code is read below
				switch code := child.ProcessState.ExitCode(); code {
				case exitOK:
					t.Logf("run %d: finished before the interrupt after %v", run, delay)
					took /= 2
				case exitInterrupted:
					interrupted++
					lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
					if last := lines[len(lines)-1]; last != "tradegraph: interrupted" {
						t.Errorf("run %d: the last message is %q, want %q", run, last, "tradegraph: interrupted")
					}
				default:
					t.Errorf("run %d (interrupted after %v): exit %d, want %d\n%s", run, delay, code, exitInterrupted, stderr.String())
					continue
				}
				if _, err := os.Stat(db); err != nil {
					t.Logf("run %d: interrupted after %v, before the store existed", run, delay)
					continue
				}
				if res := tradegraph(t, "--db", db, "check", "--deep"); res.code != exitOK {
					t.Errorf("run %d (interrupted after %v): check failed:\n%s%s", run, delay, res.stdout, res.stderr)
				}
				mustRun(t, append([]string{"--db", db}, verb.args...)...)
				if got := dumpOf(t, db); got != want {
					t.Errorf("run %d (interrupted after %v): writing again gives another store", run, delay)
				}
			}
			if interrupted < 3 {
				t.Errorf("only %d of %d runs were stopped by the interrupt", interrupted, runs)
			}
		})
	}
}
