package graph

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Change is one atomic edit of the store: every quad under the Replace labels
// that is not in Add is removed, and the quads of Add are written (duplicates
// of stored quads are ignored).
type Change struct {
	Replace []quad.Value
	Add     []quad.Quad
}

// Result counts what a Change did.
type Result struct {
	Added, Removed int
}

// ReplaceDocument makes the quads labelled doc exactly quads, in one
// transaction: loading the same input twice leaves the same graph.
func (s *Store) ReplaceDocument(ctx context.Context, doc quad.Value, quads []quad.Quad) (Result, error) {
	return s.Apply(ctx, DocumentChange(doc, quads))
}

// DocumentChange is the change that makes the quads labelled doc exactly
// quads (relabelled with doc), for Apply or a Bulk writer.
func DocumentChange(doc quad.Value, quads []quad.Quad) Change {
	labelled := make([]quad.Quad, len(quads))
	for i, q := range quads {
		q.Label = doc
		labelled[i] = q
	}
	return Change{Replace: []quad.Value{doc}, Add: labelled}
}

// Apply runs a Change as one transaction: on bolt and postgres either all of
// it is stored or none of it.
func (s *Store) Apply(ctx context.Context, c Change) (res Result, err error) {
	if s.kvw == nil {
		return s.apply(ctx, c)
	}
	// cayley finds nodes by value: the bulk writer's must be filed first
	err = s.kvw.exclusive(func() error {
		res, err = s.apply(ctx, c)
		return err
	})
	return res, err
}

func (s *Store) apply(ctx context.Context, c Change) (Result, error) {
	unlock, err := s.lockDocuments(ctx, c.Replace)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	adds, dels, err := s.diff(ctx, c)
	if err != nil {
		return Result{}, err
	}
	res := Result{Removed: len(dels)}
	if len(adds) == 0 && len(dels) == 0 {
		return res, ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	labels := lockedLabels(adds, dels, c.Replace)
	before, err := s.countUnder(ctx, labels)
	if err != nil {
		return Result{}, err
	}
	if err := s.retryConflicts(ctx, func() error { return s.write(ctx, adds, dels) }); err != nil {
		return Result{}, fmt.Errorf("writing to the store: %w", err)
	}
	after, err := s.countUnder(ctx, labels)
	if err != nil {
		return Result{}, err
	}
	res.Added = int(after - before + int64(res.Removed))
	return res, nil
}

// diff works out what c does to the store (see replacedQuads): the quads
// of c.Add not stored under its replaced labels (quads stored elsewhere
// are left to cayley's IgnoreDup), and the stored quads under those labels
// that c.Add lacks.
func (s *Store) diff(ctx context.Context, c Change) (adds, dels []cgraph.Delta, err error) {
	seen := make(map[quadKey]struct{}, len(c.Add))
	var order []quad.Quad
	for _, q := range c.Add {
		if !q.IsValid() {
			return nil, nil, fmt.Errorf("invalid quad %v", q)
		}
		k := key(q)
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		order = append(order, q)
	}
	stored := newReplacedQuads[quadKey, quad.Quad]()
	for _, label := range c.Replace {
		err := s.eachQuad(ctx, quad.Label, label, func(q quad.Quad) error {
			stored.found(key(q), q)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	for _, q := range order {
		if !stored.keep(key(q)) {
			adds = append(adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	stored.removed(func(_ quadKey, q quad.Quad) {
		dels = append(dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	})
	return adds, dels, nil
}

// write stores adds and removes dels in one transaction. Cayley's kv backend
// (bolt) nets each node's reference count over a whole batch and then drops
// that node from the batch's added quads when the count went down, so a
// replace that removes more quads of a document than it adds would store the
// new quads without their label. On bolt the additions and the deletions are
// therefore two batches of one shared transaction.
func (s *Store) write(ctx context.Context, adds, dels []cgraph.Delta) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if s.boltTx == nil {
		return s.qs.ApplyDeltas(append(dels, adds...), opts)
	}
	return s.boltTx.inOneTx(ctx, func() error {
		for _, batch := range [][]cgraph.Delta{adds, dels} {
			if len(batch) == 0 {
				continue
			}
			if err := s.qs.ApplyDeltas(batch, opts); err != nil {
				return err
			}
		}
		return nil
	})
}

// lockedLabels are the labels of the quads of adds and dels when every
// one has a label among locked, the documents the writer holds (see
// lockDocuments); else nil. No other writer changes the quads under
// them, so what the write did is the change in their count.
func lockedLabels(adds, dels []cgraph.Delta, locked []quad.Value) []quad.Value {
	held := make(map[quad.Value]bool, len(locked))
	for _, l := range locked {
		held[l] = false
	}
	var labels []quad.Value
	for _, batch := range [][]cgraph.Delta{adds, dels} {
		for _, d := range batch {
			seen, ok := held[d.Quad.Label]
			if !ok {
				return nil // unlabelled, or not held
			}
			if !seen {
				held[d.Quad.Label] = true
				labels = append(labels, d.Quad.Label)
			}
		}
	}
	return labels
}

// countUnder counts the quads: on postgres, where other processes may
// write at once, those under labels when it names some.
func (s *Store) countUnder(ctx context.Context, labels []quad.Value) (int64, error) {
	if s.pg == nil || len(labels) == 0 {
		return s.count(ctx)
	}
	hs := make([][]byte, len(labels))
	for i, l := range labels {
		h := valueHash(l)
		hs[i] = h[:]
	}
	var n int64
	err := s.pg.QueryRowContext(ctx, `SELECT count(*) FROM quads WHERE label_hash = ANY($1::bytea[])`, pq.ByteaArray(hs)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("reading the store: %w", pgError(s.addr, err))
	}
	return n, nil
}

// quadKey is the comparable identity of a quad: its values in N-Quads form.
type quadKey [4]string

func key(q quad.Quad) quadKey {
	k := quadKey{q.Subject.String(), q.Predicate.String(), q.Object.String()}
	if q.Label != nil {
		k[3] = q.Label.String()
	}
	return k
}
