package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// DefaultBatchBytes is how much memory a bulk batch takes by default: large
// enough that a batch holds hundreds of thousands of quads, small enough
// that a load stays far below what cayley's own loader takes.
const DefaultBatchBytes = 128 << 20

// BulkOptions tune a Bulk writer.
type BulkOptions struct {
	// BatchBytes bounds the memory of the batches, the one queued and the
	// one being written (0: DefaultBatchBytes); on bolt the nodes made and
	// not filed by value yet take up to half as much again.
	BatchBytes int64
	// Ready, when set, is called before a batch is written, and nothing is
	// written unless it returns nil: a load checks its whole file while the
	// first batch is queued.
	Ready func() error
}

// Bulk writes many changes in few large transactions. Changes apply in
// the order given, with the same effect as Apply would have one by one;
// each is written whole within one transaction, together with the changes
// queued beside it. On bolt the batch goes straight into cayley's key
// space, each bucket's keys in order; on memory and postgres it is one
// cayley write of all the batch's quads. A batch is written in the
// background while the next one is queued.
//
// A Bulk ends with Close, on every path: after Flush, or instead of it to
// give up what is queued. Close waits for the batch being written and
// files the nodes the batches made (see pendingNodes), so the store is
// whole; until then a node a batch made is not found by its value.
type Bulk struct {
	s     *Store
	ctx   context.Context
	limit int64 // bytes at which a batch is written
	ready func() error
	kvq   *kvQueue   // bolt
	dq    deltaQueue // memory and postgres
	// labels the queued changes replace, and labels of their quads: a
	// change that touches either is written after them, not beside them
	replaced map[quad.Value]struct{}
	labels   map[quad.Value]struct{}
	writing  chan written // the batch being written, if any
	err      error        // the first failed write
	closed   bool
	done     Result
}

type written struct {
	res Result
	err error
}

// errBulkClosed reports the use of a Bulk after Close.
var errBulkClosed = errors.New("bulk writer used after Close")

// NewBulk starts a bulk writer, first filing what an earlier one left
// pending. Call Flush to write what is queued, and Close in any case.
func (s *Store) NewBulk(ctx context.Context, opts BulkOptions) (*Bulk, error) {
	if s.kvw != nil {
		if err := s.kvw.settle(); err != nil {
			return nil, fmt.Errorf("writing to the store: %w", err)
		}
	} else if s.backend == Bolt {
		return nil, errors.New("the store is open for reading only")
	}
	limit := opts.BatchBytes
	if limit <= 0 {
		limit = DefaultBatchBytes
	}
	// one batch is queued while the one before it is written
	b := &Bulk{s: s, ctx: ctx, limit: limit / 2, ready: opts.Ready}
	b.reset()
	return b, nil
}

func (b *Bulk) reset() {
	if b.s.kvw != nil {
		b.kvq = newKVQueue()
	} else {
		b.dq = deltaQueue{}
	}
	b.replaced = map[quad.Value]struct{}{}
	b.labels = map[quad.Value]struct{}{}
}

func (b *Bulk) queued() int64 {
	if b.kvq != nil {
		return b.kvq.size()
	}
	return b.dq.bytes
}

func (b *Bulk) empty() bool {
	if b.kvq != nil {
		return b.kvq.empty()
	}
	return len(b.dq.changes) == 0
}

// Apply queues c, writing the queue first when c depends on it and after
// when the queue is full. A change with an invalid quad is refused whole.
func (b *Bulk) Apply(c Change) error {
	if b.closed {
		return errBulkClosed
	}
	if b.err != nil {
		return b.err
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	labels := map[quad.Value]struct{}{}
	var last quad.Value
	for _, q := range c.Add {
		if !q.IsValid() {
			return fmt.Errorf("invalid quad %v", q)
		}
		if q.Label != last || last == nil {
			labels[q.Label] = struct{}{}
			last = q.Label
		}
	}
	if b.conflicts(c.Replace, labels) {
		if err := b.write(); err != nil {
			return err
		}
	}
	for _, l := range c.Replace {
		b.replaced[l] = struct{}{}
	}
	for l := range labels {
		b.labels[l] = struct{}{}
	}
	if b.kvq != nil {
		b.kvq.add(c)
	} else {
		b.dq.add(c)
	}
	if b.queued() >= b.limit {
		return b.write()
	}
	return nil
}

// conflicts reports whether a change replacing replace and adding quads
// under labels must see the queue written first: it replaces a label the
// queue writes to, or writes to a label the queue replaces.
func (b *Bulk) conflicts(replace []quad.Value, labels map[quad.Value]struct{}) bool {
	for _, l := range replace {
		if _, ok := b.labels[l]; ok {
			return true
		}
		if _, ok := b.replaced[l]; ok {
			return true
		}
	}
	for l := range labels {
		if _, ok := b.replaced[l]; ok {
			return true
		}
	}
	return false
}

// Flush writes what is queued and returns what was written since the last
// Flush, counting the batches Apply wrote on its own.
func (b *Bulk) Flush() (Result, error) {
	if b.closed {
		return Result{}, errBulkClosed
	}
	err := b.writeFiling(true)
	if werr := b.wait(); err == nil {
		err = werr
	}
	res := b.done
	b.done = Result{}
	return res, err
}

// Close ends the writer: it waits for the batch being written, drops what
// is queued and not written, and files the nodes the batches made. Its
// error is that of the filing; a failed write was returned by Apply or
// Flush. Close again does nothing.
func (b *Bulk) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	_ = b.wait() // b.err: returned by Apply or Flush already
	b.reset()
	if b.s.kvw == nil {
		return nil
	}
	if err := b.s.kvw.settle(); err != nil && !errors.Is(err, ErrClosed) {
		return fmt.Errorf("writing to the store: %w", err)
	}
	return nil
}

// write starts writing the queue, once the batch before it is written.
func (b *Bulk) write() error { return b.writeFiling(false) }

// writeFiling writes the queue; with fileAll, or when the pending nodes
// pass their share of the bound, it files them too.
func (b *Bulk) writeFiling(fileAll bool) error {
	if err := b.wait(); err != nil {
		return err
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if b.empty() && (!fileAll || b.kvq == nil) {
		return nil
	}
	if b.ready != nil && !b.empty() {
		if err := b.ready(); err != nil {
			b.err = err
			return err
		}
	}
	kvq, dq := b.kvq, b.dq
	var t ticket
	if kvq != nil {
		// the batch's place among the store's writes, taken now
		var err error
		if t, err = b.s.kvw.take(); err != nil {
			b.err = err
			return err
		}
	}
	b.reset()
	ch := make(chan written, 1)
	b.writing = ch
	go func() {
		var w written
		if kvq != nil {
			w.res, w.err = b.s.kvw.write(t, kvq, fileAll, b.limit)
		} else {
			w.res, w.err = b.s.writeDeltas(b.ctx, &dq)
		}
		ch <- w
	}()
	return nil
}

// wait waits for the batch being written and counts what it wrote.
func (b *Bulk) wait() error {
	if b.writing != nil {
		w := <-b.writing
		b.writing = nil
		if w.err != nil && b.err == nil {
			b.err = fmt.Errorf("writing to the store: %w", w.err)
		}
		b.done.Added += w.res.Added
		b.done.Removed += w.res.Removed
	}
	return b.err
}

// deltaQueue is a batch for the memory and postgres stores.
type deltaQueue struct {
	changes []Change
	bytes   int64
}

// deltaQuadCost is what a queued quad costs, with its values, on the way
// to cayley.
const deltaQuadCost = 400

func (q *deltaQueue) add(c Change) {
	q.changes = append(q.changes, c)
	q.bytes += deltaQuadCost * int64(len(c.Add))
}

// writeDeltas writes a batch as one cayley write: each change's quads not
// stored yet and the stored quads under its replaced labels that it lacks.
func (s *Store) writeDeltas(ctx context.Context, q *deltaQueue) (Result, error) {
	var replaced []quad.Value
	for _, c := range q.changes {
		replaced = append(replaced, c.Replace...)
	}
	unlock, err := s.lockDocuments(ctx, replaced)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	var adds, dels []cgraph.Delta
	for _, c := range q.changes {
		a, d, err := s.diff(ctx, c)
		if err != nil {
			return Result{}, err
		}
		adds = append(adds, a...)
		dels = append(dels, d...)
	}
	res := Result{Removed: len(dels)}
	if len(adds) == 0 && len(dels) == 0 {
		return res, nil
	}
	if s.backend == Postgres && len(dels) == 0 {
		var n int
		err := s.retryConflicts(ctx, func() (err error) {
			n, err = s.copySQL(ctx, adds)
			return err
		})
		if err != nil {
			return Result{}, err
		}
		// cayley caches the store's counts and forgets them on a write of
		// its own: an empty one, a round trip, makes it count again
		return Result{Added: n}, s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{})
	}
	labels := lockedLabels(adds, dels, replaced)
	before, err := s.countUnder(ctx, labels)
	if err != nil {
		return Result{}, err
	}
	if err := s.retryConflicts(ctx, func() error { return s.write(ctx, adds, dels) }); err != nil {
		return Result{}, err
	}
	after, err := s.countUnder(ctx, labels)
	if err != nil {
		return Result{}, err
	}
	res.Added = int(after - before + int64(res.Removed))
	return res, nil
}
