package graph

import "context"

// checkTablesSQL is CheckLayout on postgres: it checks, in one snapshot,
// that every node's reference count in cayley's nodes table is the number
// of quads that refer to it (once for each of the quad's subject,
// predicate, object and label), and that every quad's nodes are in the
// table. The database keeps its own indexes, one row a hash and the
// foreign keys; cayley's count kept too high (see CheckLayout) and a node
// that outlives its quads are notes, as on bolt.
func (s *Store) checkTablesSQL(ctx context.Context) (LayoutReport, error) {
	rep := LayoutReport{Violations: []LayoutFinding{}, Notes: []LayoutFinding{}, Found: map[string]int{}}
	tx, err := s.pgSnapshot(ctx)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes)`).Scan(&rep.Quads, &rep.Nodes); err != nil {
		return rep, pgError(s.addr, err)
	}
	rows, err := tx.QueryContext(ctx, `WITH u(h, n) AS (SELECT h, count(*) FROM (
			SELECT subject_hash FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x(h)
			GROUP BY h)
		SELECT encode(coalesce(n.hash, u.h), 'hex'), n.hash IS NULL, coalesce(n.refs, 0), coalesce(u.n, 0)
		FROM nodes n FULL JOIN u ON u.h = n.hash
		WHERE n.hash IS NULL OR u.h IS NULL OR n.refs <> u.n ORDER BY 1`)
	if err != nil {
		return rep, pgError(s.addr, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash       string
			missing    bool
			refs, uses int64
		)
		if err := rows.Scan(&hash, &missing, &refs, &uses); err != nil {
			return rep, pgError(s.addr, err)
		}
		key := "nodes/" + hash
		switch {
		case missing:
			rep.add(FindDangling, key, "%d quads refer to a node the table does not hold", uses)
		case uses == 0:
			rep.add(FindUnused, key, "counts %d references, and no quad refers to it", refs)
		case refs < uses:
			rep.add(FindCountLow, key, "counts %d references, %d quads refer to it", refs, uses)
		default:
			rep.add(FindCountHigh, key, "counts %d references, %d quads refer to it", refs, uses)
		}
	}
	if err := rows.Err(); err != nil {
		return rep, pgError(s.addr, err)
	}
	return rep, nil
}
