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
// writes the bulk writers' batches one at a time, in the order they were
// handed to it, and owns the nodes they made and have not filed by value
// yet (see pendingNodes). The nodes belong to the store, not to a Bulk, as
// meta/pending is one key per store: a writer started after another
// stopped half-way goes on from what that one left, and files it first.
//
// Each write takes a ticket when it is handed over and waits for its
// turn: a batch in flight is written before whatever comes after it, a
// filing, a cayley write or the store's Close.
type boltWriter struct {
	db      *bolt.DB
	pending pendingNodes // read and changed only in a turn
	// nodesRemoved is called when a batch removed nodes, whose ids cayley
	// may hold in its cache
	nodesRemoved func() error

	mu            sync.Mutex // guards the tickets and closed
	turn          *sync.Cond
	next, serving uint64
	closed        bool
}

// batchFault, set by tests, fails a batch's transaction after its writes.
var batchFault func() error

func newBoltWriter(db *bolt.DB, nodesRemoved func() error) *boltWriter {
	w := &boltWriter{db: db, pending: pendingNodes{nodes: map[refs.ValueHash]pendingNode{}}, nodesRemoved: nodesRemoved}
	w.turn = sync.NewCond(&w.mu)
	return w
}

// ticket is a place in the writer's queue.
type ticket uint64

// take returns the next ticket; ErrClosed once the store is closing.
func (w *boltWriter) take() (ticket, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, ErrClosed
	}
	t := w.next
	w.next++
	return ticket(t), nil
}

// await waits for t's turn; release passes the turn on.
func (w *boltWriter) await(t ticket) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.serving != uint64(t) {
		w.turn.Wait()
	}
}

func (w *boltWriter) release() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.serving++
	w.turn.Broadcast()
}

// inTurn runs fn in a turn of its own, taken now.
func (w *boltWriter) inTurn(fn func() error) error {
	t, err := w.take()
	if err != nil {
		return err
	}
	w.await(t)
	defer w.release()
	return fn()
}

// write writes a batch in one transaction, in t's turn, then, with
// fileAll or once the pending nodes take more than limit bytes, files
// them. A failed transaction leaves the store and the pending nodes as
// they were.
func (w *boltWriter) write(t ticket, q *kvQueue, fileAll bool, limit int64) (res Result, err error) {
	w.await(t)
	defer w.release()
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
		if err := w.file(); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// settle files the pending nodes once the batches handed over before are
// written: the store is then whole for cayley's writes and for reads by
// value.
func (w *boltWriter) settle() error { return w.inTurn(w.file) }

// file files the pending nodes; it runs in a turn.
func (w *boltWriter) file() error {
	if len(w.pending.nodes) == 0 {
		return nil
	}
	return fileInParts(w.db, &w.pending)
}

// exclusive runs fn in a turn, with the pending nodes filed: cayley's own
// writes look nodes up by value.
func (w *boltWriter) exclusive(fn func() error) error {
	return w.inTurn(func() error {
		if err := w.file(); err != nil {
			return err
		}
		return fn()
	})
}

// close waits for the batches handed over, files the pending nodes and
// refuses later writes. What it cannot file the next open files
// (repairPending).
func (w *boltWriter) close() error {
	t, err := w.take()
	if err != nil {
		return nil // closed already
	}
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.await(t)
	defer w.release()
	return w.file()
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
