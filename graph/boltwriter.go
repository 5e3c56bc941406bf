package graph

import (
	"errors"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	bolt "go.etcd.io/bbolt"
)

// ErrClosed reports a write to a store that has been closed.
var ErrClosed = errors.New("the store is closed")

// boltWriter is the write side of a bolt store opened for writing. It
// writes the bulk writers' batches one at a time and owns the nodes they
// made and have not filed by value yet (see pendingNodes). The nodes
// belong to the store, not to a Bulk, as meta/pending is one key per
// store: a writer started after another stopped half-way goes on from
// what that one left, and files it first.
type boltWriter struct {
	db      *bolt.DB
	mu      sync.Mutex // held while a batch or a filing is written
	pending pendingNodes
	closed  bool
	// nodesRemoved is called when a batch removed nodes, whose ids cayley
	// may hold in its cache
	nodesRemoved func() error
}

// batchFault, set by tests, fails a batch's transaction after its writes.
var batchFault func() error

func newBoltWriter(db *bolt.DB, nodesRemoved func() error) *boltWriter {
	return &boltWriter{db: db, pending: pendingNodes{nodes: map[refs.ValueHash]pendingNode{}}, nodesRemoved: nodesRemoved}
}

// write writes a batch in one transaction, then, with fileAll or once the
// pending nodes take more than limit bytes, files them. A failed
// transaction leaves the store and the pending nodes as they were.
func (w *boltWriter) write(q *kvQueue, fileAll bool, limit int64) (res Result, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return Result{}, ErrClosed
	}
	if !q.empty() {
		undo := w.pending.begin()
		var nodesRemoved bool
		err = w.db.Update(func(tx *bolt.Tx) error {
			var err error
			if res, nodesRemoved, err = q.write(tx, &w.pending); err != nil {
				return err
			}
			if batchFault != nil {
				if err := batchFault(); err != nil {
					return err
				}
			}
			// a batch reads pages of every bucket; without this the
			// process's resident memory grows by the size of the file
			releasePages(tx)
			return nil
		})
		if err != nil {
			w.pending.rollback(undo)
			return Result{}, err
		}
		w.pending.commit()
		if nodesRemoved {
			if err := w.nodesRemoved(); err != nil {
				return Result{}, err
			}
		}
	}
	if fileAll || w.pending.bytes() > limit {
		if err := fileInParts(w.db, &w.pending); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// settle files the pending nodes, waiting for a batch being written: the
// store is then whole for cayley's writes and for reads by value.
func (w *boltWriter) settle() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	return w.fileLocked()
}

// fileLocked files the pending nodes; w.mu is held.
func (w *boltWriter) fileLocked() error {
	if len(w.pending.nodes) == 0 {
		return nil
	}
	return fileInParts(w.db, &w.pending)
}

// exclusive runs fn with the pending nodes filed and no batch written
// meanwhile: cayley's own writes look nodes up by value.
func (w *boltWriter) exclusive(fn func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if err := w.fileLocked(); err != nil {
		return err
	}
	return fn()
}

// close waits for a batch being written, files the pending nodes and
// refuses later writes. What it cannot file the next open files
// (repairPending).
func (w *boltWriter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	return w.fileLocked()
}

// writeKV writes a batch through the store's writer.
func (s *Store) writeKV(q *kvQueue, fileAll bool, limit int64) (Result, error) {
	if s.kvw == nil {
		return Result{}, errors.New("the store is open for reading only")
	}
	return s.kvw.write(q, fileAll, limit)
}

// renewCayley makes cayley's store anew over the same file: it caches the
// ids of IRIs, and a removed node's id is stale.
func (s *Store) renewCayley() error {
	qs, err := kv.New(s.boltTx, cgraph.Options{kv.OptNoBloom: true})
	if err != nil {
		return err
	}
	s.qs = qs
	return nil
}
