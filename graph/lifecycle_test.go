package graph_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// memoryOf is the store Apply makes of changes in memory, the reference
// the bolt writers are compared with.
func memoryOf(t *testing.T, changes []graph.Change) *graph.Store {
	t.Helper()
	plain := open(t, graph.Config{Backend: graph.Memory})
	for _, c := range changes {
		apply(t, plain, c)
	}
	return plain
}

// sameStore checks that got holds what want holds: the same dump, the
// same quads by each document's label, the same counts of nodes.
func sameStore(t *testing.T, what string, got, want *graph.Store, changes []graph.Change) {
	t.Helper()
	if g, w := dump(t, got), dump(t, want); g != w {
		t.Errorf("%s: dump differs:\n%s", what, diffLines(g, w))
	}
	sameByLabel(t, got, want, changes)
	if g, w := stats(t, got), stats(t, want); g.Quads != w.Quads || g.Nodes != w.Nodes || g.Documents != w.Documents {
		t.Errorf("%s: stats %+v, want %+v", what, g, w)
	}
	if pending, err := graph.HasPending(got); err != nil || pending {
		t.Errorf("%s: nodes left pending (%v)", what, err)
	}
	layoutClean(t, got)
}

// A bulk writer given up after some batches, without Flush or Close, and
// a second one on the same open store: every document of both is found by
// its label, before and after reopening.
func TestAbandonedBulkThenAnother(t *testing.T) {
	changes := history(t)[:40] // forty documents, each new
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st := open(t, graph.Config{Address: path, Create: true})
	first, err := st.NewBulk(t.Context(), graph.BulkOptions{BatchBytes: 1}) // a batch per change
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes[:20] {
		if err := first.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	// first is dropped here, its last batch perhaps still being written
	second := newBulk(t, st, graph.BulkOptions{})
	for _, c := range changes[20:] {
		if err := second.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := second.Flush(); err != nil {
		t.Fatal(err)
	}
	want := memoryOf(t, changes)
	sameStore(t, "after the second writer", st, want, changes)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	reopened := open(t, graph.Config{Address: path, ReadOnly: true})
	sameStore(t, "reopened", reopened, want, changes)
	layoutExact(t, reopened)
}

// A batch whose transaction fails leaves the store and the writer's
// pending nodes as they were: a writer after it stores every document.
func TestFailedBatchLeavesTheStoreAsItWas(t *testing.T) {
	changes := history(t)[:30]
	st := open(t, graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true})
	defer graph.FailBatch(3)() // the third batch fails
	first := newBulk(t, st, graph.BulkOptions{BatchBytes: 1})
	var failed error
	for _, c := range changes {
		if failed = first.Apply(c); failed != nil {
			break
		}
	}
	if failed == nil {
		_, failed = first.Flush()
	}
	if !errors.Is(failed, graph.ErrBatchFault) {
		t.Fatalf("the failed batch gave %v", failed)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := newBulk(t, st, graph.BulkOptions{})
	for _, c := range changes {
		if err := second.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := second.Flush(); err != nil {
		t.Fatal(err)
	}
	sameStore(t, "after the failed batch", st, memoryOf(t, changes), changes)
	layoutExact(t, st)
}

// Closing the store while a bulk writer is writing, as Ctrl-C in a build
// does, waits for the batch being written: no panic, and every document
// is in the store whole or not at all. Run it under -race, many times.
func TestCloseDuringBulkWrite(t *testing.T) {
	changes := history(t)[:40]
	want := memoryOf(t, changes)
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "tradegraph.db")
		st, err := graph.Open(t.Context(), graph.Config{Address: path, Create: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := st.NewBulk(t.Context(), graph.BulkOptions{BatchBytes: 16 << 10})
		if err != nil {
			t.Fatal(err)
		}
		stopped := make(chan error, 1)
		go func() {
			for _, c := range changes {
				if err := b.Apply(c); err != nil {
					stopped <- err
					return
				}
			}
			_, err := b.Flush()
			stopped <- err
		}()
		time.Sleep(time.Duration(round) * time.Millisecond)
		if err := st.Close(); err != nil {
			t.Fatalf("round %d: Close: %v", round, err)
		}
		if err := <-stopped; err != nil && !errors.Is(err, graph.ErrClosed) {
			t.Errorf("round %d: the writer stopped with %v", round, err)
		}
		if err := b.Close(); err != nil {
			t.Errorf("round %d: Bulk.Close after the store's: %v", round, err)
		}
		reopened := open(t, graph.Config{Address: path, ReadOnly: true})
		for i := range changes {
			label := synth.DocIRI(i)
			got, err := reopened.QuadsWith(t.Context(), quad.Label, label)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				continue // not written: absent
			}
			whole, err := want.QuadsWith(t.Context(), quad.Label, label)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := format(t, got), format(t, whole); g != w {
				t.Errorf("round %d: document %d is in part:\n%s", round, i, diffLines(g, w))
			}
		}
		if pending, err := graph.HasPending(reopened); err != nil || pending {
			t.Errorf("round %d: nodes left pending (%v)", round, err)
		}
		layoutExact(t, reopened)
	}
}

// After Close a bulk writer refuses to write, and the store stays usable.
func TestBulkAfterClose(t *testing.T) {
	changes := history(t)[:2]
	st := open(t, graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true})
	b := newBulk(t, st, graph.BulkOptions{})
	if err := b.Apply(changes[0]); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Apply(changes[1]); err == nil {
		t.Error("Apply after Close succeeded")
	}
	if _, err := b.Flush(); err == nil {
		t.Error("Flush after Close succeeded")
	}
	// the queued change was given up with the writer
	if got := dump(t, st); got != "" {
		t.Errorf("the store holds what a closed writer queued:\n%s", got)
	}
	apply(t, st, changes[1])
	sameStore(t, "Apply after a closed writer", st, memoryOf(t, changes[1:]), changes[1:])
}
