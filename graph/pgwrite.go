package graph

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
)

// insertSQL writes a batch of additions to postgres with multi-row
// statements into cayley's tables, in one transaction. cayley's own
// writes send one INSERT per node and per quad, a round trip each; rows go
// here in the columns cayley's postgres backend uses (csql.NodeValues), and
// the reference counts add up as its ON CONFLICT clause adds them. It
// returns how many quads were new.
func (s *Store) insertSQL(ctx context.Context, adds []cgraph.Delta) (int, error) {
	if s.pg == nil {
		db, err := sql.Open("postgres", s.pgAddr)
		if err != nil {
			return 0, pgError(s.addr, err)
		}
		s.pg = db
	}
	d := graphlog.SplitDeltas(adds)
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return 0, pgError(s.addr, err)
	}
	defer tx.Rollback()

	nodes := map[csql.ValueType][][]any{}
	for _, n := range d.IncNode {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return 0, err
		}
		nodes[typ] = append(nodes[typ], append([]any{n.RefInc}, vals...))
	}
	types := make([]csql.ValueType, 0, len(nodes))
	for typ := range nodes {
		types = append(types, typ)
	}
	slices.Sort(types)
	for _, typ := range types {
		cols := append([]string{"refs", "hash"}, typ.Columns()...)
		if _, err := insertRows(ctx, tx, "INSERT INTO nodes("+strings.Join(cols, ", ")+") VALUES %s"+
			" ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs", len(cols), "", nodes[typ]); err != nil {
			return 0, err
		}
	}
	quads := make([][]any, len(d.QuadAdd))
	for i, q := range d.QuadAdd {
		row := make([]any, 0, 4)
		for _, h := range q.Quad.Dirs() {
			row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		quads[i] = row
	}
	added, err := insertRows(ctx, tx, "INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES %s"+
		" ON CONFLICT DO NOTHING", 4, ", now()", quads)
	if err != nil {
		return 0, err
	}
	return int(added), tx.Commit()
}

// insertRows runs stmt with as many rows of width values per statement as
// postgres takes parameters; extra is appended to each row's values. It
// returns the rows the statements inserted or updated.
func insertRows(ctx context.Context, tx *sql.Tx, stmt string, width int, extra string, rows [][]any) (int64, error) {
	per := 65535 / width
	var affected int64
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		var (
			b    strings.Builder
			args = make([]any, 0, len(chunk)*width)
		)
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(args)+j+1)
			}
			b.WriteString(extra)
			b.WriteByte(')')
			args = append(args, r...)
		}
		res, err := tx.ExecContext(ctx, fmt.Sprintf(stmt, b.String()), args...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		affected += n
	}
	return affected, nil
}
