package main

import (
	"strings"
	"testing"
	"time"
)

// A second writer waits with --wait until the first lets go, then loads.
func TestWaitForABusyStore(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	release := holdStoreInChild(t, db)
	go func() {
		time.Sleep(700 * time.Millisecond)
		release()
	}()
	start := time.Now()
	r := tradegraph(t, "--db", db, "--wait", "20s", "load", "testdata/sample-v2.nq")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if d := time.Since(start); d < 600*time.Millisecond {
		t.Errorf("loaded after %v: it cannot have waited for the other process", d)
	}
	if !strings.Contains(r.stderr, "loaded testdata/sample-v2.nq") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// --wait gives up too, with the same message, when its time runs out.
func TestWaitGivesUp(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	holdStoreInChild(t, db)
	r := tradegraph(t, "--db", db, "--wait", "300ms", "stats")
	if r.code != exitFailure || !strings.Contains(r.stderr, "store in use by another process") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
