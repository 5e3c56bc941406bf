package graph

import (
	"context"
	"errors"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// StatsQuads is Stats computed from every quad, the reference for the
// kv layout's.
func StatsQuads(s *Store, ctx context.Context) (Stats, error) { return s.statsQuads(ctx) }

// StatsKV reads Stats from a bolt store's kv layout; with verify, every
// index key is checked against the log. clean reports whether the indexes
// list only live quads, so that the check is not needed.
func StatsKV(s *Store, ctx context.Context, verify bool) (st Stats, clean, ok bool, err error) {
	db := s.boltDB()
	if db == nil {
		return Stats{}, false, false, nil
	}
	err = db.View(func(tx *bolt.Tx) error {
		st, clean, ok, err = readStats(ctx, tx, verify)
		return err
	})
	st.Backend = s.backend
	return st, clean, ok, err
}

// SetIDsPerPart makes pending nodes filed in parts of n ids' worth of the
// store, until the returned function restores the default.
func SetIDsPerPart(n int64) func() {
	old := idsPerPart
	idsPerPart = n
	return func() { idsPerPart = old }
}

// HasPending reports whether a bolt store has nodes not filed by value.
func HasPending(s *Store) (bool, error) { return hasPending(s.boltDB()) }

// ErrBatchFault is the error of the batch FailBatch fails.
var ErrBatchFault = errors.New("batch failed on purpose")

// FailBatch makes the nth bolt batch from now fail at the end of its
// transaction, until the returned function restores the writer.
func FailBatch(n int) func() {
	var mu sync.Mutex
	batchFault = func() error {
		mu.Lock()
		defer mu.Unlock()
		if n--; n == 0 {
			return ErrBatchFault
		}
		return nil
	}
	return func() { batchFault = nil }
}

// AssertLayoutClean fails the test if a bolt store's layout breaks an
// invariant, listing what the check found. It returns the report, notes
// and all, for tests that expect some.
func AssertLayoutClean(t testing.TB, s *Store) LayoutReport {
	t.Helper()
	rep, err := s.CheckLayout(context.Background())
	if err != nil {
		t.Fatalf("CheckLayout: %v", err)
	}
	for _, f := range rep.Violations {
		t.Errorf("layout: %s %s: %s", f.Kind, f.Key, f.Detail)
	}
	if !rep.Clean() {
		t.Errorf("layout: %v", rep.Found)
	}
	return rep
}

// AssertLayoutExact fails the test unless a bolt store's layout is
// exactly what it should be, without even the notes cayley's own writes
// leave: what a store written by the bulk writer alone must be.
func AssertLayoutExact(t testing.TB, s *Store) {
	t.Helper()
	rep := AssertLayoutClean(t, s)
	for _, f := range rep.Notes {
		t.Errorf("layout: %s %s: %s", f.Kind, f.Key, f.Detail)
	}
}

// SmallReads makes the postgres reads fetch and keep little at a time
// (eachChunk, nearLimit) until the test ends, so that a test's small store
// crosses chunks and limits.
func SmallReads(t testing.TB, chunk, limit int) {
	oldChunk, oldLimit := eachChunk, nearLimit
	eachChunk, nearLimit = chunk, limit
	t.Cleanup(func() { eachChunk, nearLimit = oldChunk, oldLimit })
}
