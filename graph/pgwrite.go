package graph

import (
	"context"
	"database/sql"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// copySQL writes a batch of additions to postgres through COPY into
// cayley's tables, in one transaction: the rows go first into temporary
// tables by COPY, one stream each, and are then merged into nodes and
// quads by one statement each. cayley's own writes send one INSERT per
// node and per quad, a round trip each. The rows have the columns
// cayley's postgres backend writes (csql.NodeValues), and the merge does
// what its statements do: a node stored already gains the new references
// (ON CONFLICT ... refs = nodes.refs + EXCLUDED.refs), a quad stored
// already is left as it is (ON CONFLICT DO NOTHING). It returns how many
// quads were new.
func (s *Store) copySQL(ctx context.Context, adds []cgraph.Delta) (int, error) {
	d := graphlog.SplitDeltas(adds)
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return 0, pgError(s.addr, err)
	}
	defer tx.Rollback()

	// one staging table for the nodes of every value type: the columns
	// a type does not use stay NULL, as in cayley's own rows
	if _, err := tx.ExecContext(ctx, stageTables); err != nil {
		return 0, err
	}
	nodes := make([][]any, 0, len(d.IncNode))
	for _, n := range d.IncNode {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return 0, err
		}
		row := make([]any, 2+len(nodeColumns))
		row[0], row[1] = n.RefInc, vals[0]
		for i, col := range typ.Columns() {
			row[2+slices.Index(nodeColumns, col)] = vals[1+i]
		}
		nodes = append(nodes, row)
	}
	if err := copyRows(ctx, tx, "tg_stage_nodes", append([]string{"refs", "hash"}, nodeColumns...), nodes); err != nil {
		return 0, err
	}
	quads := make([][]any, len(d.QuadAdd))
	for i, q := range d.QuadAdd {
		row := make([]any, 0, 4)
		for _, h := range q.Quad.Dirs() {
			row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		quads[i] = row
	}
	if err := copyRows(ctx, tx, "tg_stage_quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}, quads); err != nil {
		return 0, err
	}
	cols := "hash, refs, " + strings.Join(nodeColumns, ", ")
	// in hash order, as two writers merging at once take the rows' locks
	// in the same order and cannot deadlock
	if _, err := tx.ExecContext(ctx, "INSERT INTO nodes ("+cols+") SELECT "+cols+" FROM tg_stage_nodes ORDER BY hash"+
		" ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs"); err != nil {
		return 0, err
	}
	// in the order of cayley's subject-first indexes, three of the eight
	// each row goes into: their inserts then walk the trees in order
	// rather than all over them (a third less time for the load)
	res, err := tx.ExecContext(ctx, "INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)"+
		" SELECT subject_hash, predicate_hash, object_hash, label_hash, now() FROM tg_stage_quads ORDER BY subject_hash, predicate_hash, object_hash ON CONFLICT DO NOTHING")
	if err != nil {
		return 0, err
	}
	added, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return int(added), tx.Commit()
}

// nodeColumns are the value columns of cayley's nodes table.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// stageTables makes the temporary tables a batch is copied into, dropped
// when its transaction ends.
const stageTables = `CREATE TEMPORARY TABLE tg_stage_nodes (LIKE nodes) ON COMMIT DROP;
CREATE TEMPORARY TABLE tg_stage_quads (subject_hash BYTEA, predicate_hash BYTEA, object_hash BYTEA, label_hash BYTEA) ON COMMIT DROP`

// copyRows streams rows into table's columns with COPY.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}

// retryConflicts runs write, a whole transaction, again when postgres
// ended it for a deadlock or a serialization failure, up to
// conflictTries times, each after a longer wait. Writers of different
// documents update the reference counts of the nodes they share: cayley
// takes the rows it adds to in one order and those it takes from in
// another, so two such writers can each wait for the other, and the
// server ends one of them. Nothing of it was written, and the change is
// still the same one (its documents are locked, see lockDocuments), so
// running it again is right. Elsewhere write runs once.
func (s *Store) retryConflicts(ctx context.Context, write func() error) error {
	if s.pg == nil {
		return write()
	}
	wait := 5 * time.Millisecond
	for try := 1; ; try++ {
		err := write()
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "40P01" && pqErr.Code != "40001" || try == conflictTries {
			return err
		}
		// the writers that met should not meet again at once
		t := time.NewTimer(wait + time.Duration(rand.Int64N(int64(wait))))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait *= 2
	}
}

// conflictTries bounds how often a write ended by a conflict is tried:
// the waits add up to about 10 seconds.
const conflictTries = 12

// lockDocuments serializes the writes to the documents labels name, on
// postgres, where several processes may write one database: it waits for
// any other writer of them to end, and holds them until unlock. A change
// reads a document's stored quads to work out what to remove, so two
// changes of one document at once would each remove only the quads the
// other had not yet written, and leave a mix of both versions. The locks
// are advisory locks of one transaction, ended by unlock or with the
// session, so a process that dies holds nothing. They are taken in one
// order, so two batches of several documents cannot deadlock.
func (s *Store) lockDocuments(ctx context.Context, labels []quad.Value) (unlock func(), err error) {
	if s.pg == nil || len(labels) == 0 {
		return func() {}, nil
	}
	keys := make([]int64, 0, len(labels))
	for _, l := range labels {
		h := fnv.New64a()
		h.Write([]byte(l.String()))
		keys = append(keys, int64(h.Sum64()))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return nil, pgError(s.addr, err)
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k", pq.Array(keys)); err != nil {
		tx.Rollback()
		return nil, pgError(s.addr, err)
	}
	// a rollback that fails ends with the session, and its locks with it
	return func() { tx.Rollback() }, nil
}
