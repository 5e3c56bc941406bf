package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
)

// eachQuadSQL is EachQuad on postgres, in one snapshot: the quads by a
// cursor, eachChunk at a time in the table's order, and the values they
// name that are not at hand in one statement per chunk. cayley reads a
// quad's four values with a statement each. The values are kept from
// chunk to chunk, as a document's quads lie side by side and predicates
// recur everywhere, until they pass nearLimit.
func (s *Store) eachQuadSQL(ctx context.Context, fn func(quad.Quad) error) error {
	p, err := s.newPGSource(ctx, map[uint64]quad.Value{})
	if err != nil {
		return err
	}
	defer p.close()
	vals := p.vals
	if _, err := p.tx.ExecContext(ctx, `DECLARE tg_each NO SCROLL CURSOR FOR
		SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads`); err != nil {
		return p.fail(err)
	}
	fetch := fmt.Sprintf("FETCH %d FROM tg_each", eachChunk)
	links := make([]Link, 0, eachChunk)
	for {
		if len(vals) > nearLimit {
			clear(vals)
			clear(p.hashes)
		}
		rows, err := p.tx.QueryContext(ctx, fetch)
		if err != nil {
			return p.fail(err)
		}
		links = links[:0]
		err = p.scanLinks(rows, func(sc func(...any) error, l *rowLink) error {
			return sc(&l.subj, &l.pred, &l.obj, &l.label)
		}, func(l Link) { links = append(links, l) })
		if err != nil {
			return err
		}
		if len(links) == 0 {
			return ctx.Err()
		}
		named := make([]uint64, 0, 4*len(links))
		for _, l := range links {
			named = append(named, l.Subject, l.Predicate, l.Object, l.Label)
		}
		if err := p.fetchValues(named); err != nil {
			return err
		}
		for _, l := range links {
			q := quad.Quad{Subject: vals[l.Subject], Predicate: vals[l.Predicate], Object: vals[l.Object], Label: vals[l.Label]}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil || l.Label != 0 && q.Label == nil {
				return errors.New("reading the store: a quad names a node the nodes table lacks")
			}
			if err := fn(q); err != nil {
				return err
			}
		}
	}
}

// eachChunk is how many quads eachQuadSQL fetches at a time.
var eachChunk = 8192
