package graph

import (
	"context"
	"database/sql"
	"fmt"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
)

// pgSnapshot begins a read-only transaction on the store's own
// connections to postgres (opened with cayley's, see openPostgres) that
// reads one snapshot throughout.
func (s *Store) pgSnapshot(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.pg.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, pgError(s.addr, err)
	}
	return tx, nil
}

// pgLabelIndex indexes the quads by document, made by Open where it is
// missing (see initPostgres). cayley's indexes all lead with the subject, the predicate or
// the object, so without it finding a document's quads, to replace them
// or to count the documents, reads the whole table.
const pgLabelIndex = "tg_label_index"

// ensureLabelIndexPG creates pgLabelIndex when the database lacks it. It looks
// first: CREATE INDEX IF NOT EXISTS takes a lock that waits for every
// writer, even when the index is there.
func ensureLabelIndexPG(ctx context.Context, db *sql.Tx) error {
	var exists bool
	err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema()
		AND tablename = 'quads' AND indexname = $1)`, pgLabelIndex).Scan(&exists)
	if err != nil || exists {
		return err
	}
	_, err = db.ExecContext(ctx, "CREATE INDEX IF NOT EXISTS "+pgLabelIndex+" ON quads (label_hash)")
	return err
}

// statsSQL computes Stats on postgres in a few statements over cayley's
// tables, in one snapshot.
func (s *Store) statsSQL(ctx context.Context) (Stats, error) {
	st := Stats{Backend: s.backend, Classes: map[string]int64{}}
	tx, err := s.pgSnapshot(ctx)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	// the quads without a label are few, and cayley indexes them apart
	var all, refs, unlabelled int64
	err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM quads WHERE label_hash IS NULL),
		n.n, n.refs FROM (SELECT count(*) n, coalesce(sum(refs), 0) refs FROM nodes) n`).Scan(&st.Quads, &unlabelled, &all, &refs)
	if err == nil {
		err = tx.QueryRowContext(ctx, `WITH RECURSIVE `+distinct("d", "label_hash")+` SELECT count(h) FROM d`).Scan(&st.Documents)
	}
	if err != nil {
		return st, pgError(s.addr, err)
	}
	if st.Nodes, err = countNodes(ctx, tx, all, refs == 4*st.Quads-unlabelled); err != nil {
		return st, pgError(s.addr, err)
	}
	// the typed pairs come in order from the index on (predicate, object,
	// subject), so DISTINCT needs no sort, where count(DISTINCT) sorts
	rows, err := tx.QueryContext(ctx, `SELECT object_hash, count(*) FROM (SELECT DISTINCT object_hash, subject_hash
		FROM quads WHERE predicate_hash = $1) t GROUP BY object_hash`, csql.HashOf(quad.IRI(vocab.RDFType)).SQLValue())
	if err != nil {
		return st, pgError(s.addr, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h csql.NodeHash
			n int64
		)
		if err := rows.Scan(&h, &n); err != nil {
			return st, pgError(s.addr, err)
		}
		v, err := s.qs.NameOf(h)
		if err != nil {
			return st, pgError(s.addr, err)
		}
		if v == nil {
			return st, fmt.Errorf("reading the store: class node %x is missing", h.ValueHash[:])
		}
		st.Classes[vocab.LocalName(vocab.ValueText(v))] += n
	}
	if err := rows.Err(); err != nil {
		return st, pgError(s.addr, err)
	}
	return st, nil
}

// countNodes counts the nodes that are a subject or an object of a quad,
// of all rows of nodes. cayley deletes a node when its count of
// references reaches zero, so when the counts are exact (exact: they add
// up to one a quad for each of its subject, predicate and object, and one
// for a label), every row is in some quad, and the rows that are no
// subject and no object can only be predicates or labels: a store has
// few, found by skipping through the indexes that lead with them. cayley
// counts too high when it is given a quad stored already (see
// CheckLayout), and a node can then outlive its quads; the nodes are then
// each looked up in the quads.
func countNodes(ctx context.Context, tx *sql.Tx, all int64, exact bool) (int64, error) {
	var n int64
	if !exact {
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM nodes n WHERE EXISTS (SELECT 1 FROM quads WHERE subject_hash = n.hash)
			OR EXISTS (SELECT 1 FROM quads WHERE object_hash = n.hash)`).Scan(&n)
		return n, err
	}
	err := tx.QueryRowContext(ctx, `WITH RECURSIVE `+distinct("d", "label_hash")+`, `+distinct("p", "predicate_hash")+`
		SELECT count(*) FROM (SELECT h FROM d UNION SELECT h FROM p) c
		WHERE h IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quads WHERE subject_hash = c.h)
		AND NOT EXISTS (SELECT 1 FROM quads WHERE object_hash = c.h)`).Scan(&n)
	return all - n, err
}

// distinct is a recursive common table expression naming name(h) the
// distinct values of column, and a NULL last, read by skipping through an
// index that leads with column: one descent per value, where DISTINCT
// would read every quad.
func distinct(name, column string) string {
	return name + `(h) AS ((SELECT ` + column + ` FROM quads WHERE ` + column + ` IS NOT NULL ORDER BY ` + column + ` LIMIT 1)
		UNION ALL
		SELECT (SELECT ` + column + ` FROM quads WHERE ` + column + ` > ` + name + `.h ORDER BY ` + column + ` LIMIT 1)
		FROM ` + name + ` WHERE ` + name + `.h IS NOT NULL)`
}
