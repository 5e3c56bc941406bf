package graph

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// pgSource reads cayley's postgres tables in one read-only snapshot. A
// node's id is the first 8 bytes of its hash, so every Reader of a store
// gives a node the same id, as on bolt; the hashes met are kept to read
// by id, and two nodes whose hashes share a prefix are an error, never a
// wrong answer.
//
// Each read is a statement, a round trip to the server: the listings say
// ahead which nodes they read next (Prefetch), and those are read in one
// statement, with the values they name in a second.
type pgSource struct {
	ctx    context.Context
	tx     *sql.Tx
	addr   string                    // redacted, for errors
	hashes map[uint64]refs.ValueHash // every node met, by id
	kept   map[uint64]quad.Value     // the Reader's values, not read again
	near   map[uint64][]Link         // prefetched: every quad of each subject, by id
	nearN  int                       // links in near
	vals   map[uint64]quad.Value     // prefetched values
	stmts  map[string]*sql.Stmt
}

// nearLimit bounds what a pgSource holds prefetched: past this many quads
// (and as many values) it forgets them all before it reads ahead again.
const nearLimit = 1 << 18

func (s *Store) newPGSource(ctx context.Context, kept map[uint64]quad.Value) (*pgSource, error) {
	tx, err := s.pgSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	return &pgSource{ctx: ctx, tx: tx, addr: s.addr, hashes: map[uint64]refs.ValueHash{}, kept: kept,
		near: map[uint64][]Link{}, vals: map[uint64]quad.Value{}, stmts: map[string]*sql.Stmt{}}, nil
}

func (p *pgSource) close() error { return p.tx.Rollback() }

func (p *pgSource) keepPages() {}

// fail names the server a read failed on.
func (p *pgSource) fail(err error) error {
	return fmt.Errorf("reading the store: %w", pgError(p.addr, err))
}

// query runs one of the source's statements, prepared once per snapshot.
func (p *pgSource) query(q string, args ...any) (*sql.Rows, error) {
	st, ok := p.stmts[q]
	if !ok {
		var err error
		if st, err = p.tx.PrepareContext(p.ctx, q); err != nil {
			return nil, p.fail(err)
		}
		p.stmts[q] = st
	}
	rows, err := st.QueryContext(p.ctx, args...)
	if err != nil {
		return nil, p.fail(err)
	}
	return rows, nil
}

// intern is the id of the node with hash h, kept to read it by.
func (p *pgSource) intern(h []byte) (uint64, error) {
	if len(h) != quad.HashSize {
		return 0, fmt.Errorf("reading the store: a node hash of %d bytes", len(h))
	}
	id := binary.BigEndian.Uint64(h)
	old, ok := p.hashes[id]
	switch {
	case ok && bytes.Equal(old[:], h):
		return id, nil
	case ok || id == 0:
		return 0, fmt.Errorf("reading the store: two nodes' hashes begin with %016x, which the reader cannot tell apart", id)
	}
	p.hashes[id] = refs.ValueHash(h)
	return id, nil
}

func (p *pgSource) hash(id uint64) ([]byte, error) {
	h, ok := p.hashes[id]
	if !ok {
		return nil, fmt.Errorf("reading the store: node %d is missing", id)
	}
	return h[:], nil
}

func (p *pgSource) lookup(v quad.Value) (uint64, error) {
	h := valueHash(v)
	id := binary.BigEndian.Uint64(h[:])
	if old, ok := p.hashes[id]; ok && old == h {
		return id, nil // met in the quads: it is stored
	}
	rows, err := p.query(`SELECT EXISTS (SELECT 1 FROM nodes WHERE hash = $1)`, h[:])
	if err != nil {
		return 0, err
	}
	var found bool
	if err := scanOne(rows, &found); err != nil || !found {
		return 0, p.wrap(err)
	}
	return p.intern(h[:])
}

func (p *pgSource) node(id uint64) (quad.Value, error) {
	if v, ok := p.vals[id]; ok {
		return v, nil
	}
	h, err := p.hash(id)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT hash, `+nodeValueColumns+` FROM nodes WHERE hash = $1`, h)
	if err != nil {
		return nil, err
	}
	var v quad.Value
	err = p.scanNodes(rows, func(_ uint64, nv quad.Value) { v = nv })
	if err == nil && v == nil {
		err = fmt.Errorf("reading the store: node %d is missing", id)
	}
	return v, err
}

// out reads the quads with subject s, in the order of their horizons.
func (p *pgSource) out(s uint64) ([]Link, error) {
	if links, ok := p.near[s]; ok {
		return slices.Clone(links), nil
	}
	h, err := p.hash(s)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT horizon, subject_hash, predicate_hash, object_hash, label_hash FROM quads
		WHERE subject_hash = $1 ORDER BY horizon`, h)
	if err != nil {
		return nil, err
	}
	var out []Link
	err = p.scanLinks(rows, func(l Link) { out = append(out, l) })
	return out, err
}

func (p *pgSource) objects(s uint64, preds []uint64) ([]Link, error) {
	if links, ok := p.near[s]; ok {
		return firstOfEach(links, preds), nil
	}
	h, err := p.hash(s)
	if err != nil {
		return nil, err
	}
	var ph [][]byte
	for _, id := range preds {
		if h, ok := p.hashes[id]; ok {
			ph = append(ph, h[:])
		}
	}
	if len(ph) == 0 {
		return nil, nil
	}
	rows, err := p.query(`SELECT DISTINCT ON (predicate_hash, object_hash) horizon, subject_hash, predicate_hash, object_hash, label_hash
		FROM quads WHERE subject_hash = $1 AND predicate_hash = ANY($2::bytea[]) ORDER BY predicate_hash, object_hash, horizon`,
		h, pq.ByteaArray(ph))
	if err != nil {
		return nil, err
	}
	var out []Link
	if err := p.scanLinks(rows, func(l Link) { out = append(out, l) }); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// firstOfEach is the first of links, in their order, for each distinct
// predicate and object of those along preds.
func firstOfEach(links []Link, preds []uint64) []Link {
	var out []Link
	for _, l := range links {
		if slices.Contains(preds, l.Predicate) &&
			!slices.ContainsFunc(out, func(o Link) bool { return o.Predicate == l.Predicate && o.Object == l.Object }) {
			out = append(out, l)
		}
	}
	return out
}

func (p *pgSource) subjects(o, pred uint64) ([]Link, error) {
	oh, err := p.hash(o)
	if err != nil {
		return nil, err
	}
	ph, err := p.hash(pred)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT DISTINCT ON (subject_hash) horizon, subject_hash, predicate_hash, object_hash, label_hash
		FROM quads WHERE object_hash = $1 AND predicate_hash = $2 ORDER BY subject_hash, horizon`, oh, ph)
	if err != nil {
		return nil, err
	}
	var out []Link
	err = p.scanLinks(rows, func(l Link) { out = append(out, l) })
	return out, err
}

// prefetch reads in one statement every quad of the nodes of ids, and of
// those depth steps on along follow, then in a second the values they
// name that are not yet at hand.
func (p *pgSource) prefetch(ids, follow []uint64, depth int) error {
	if p.nearN > nearLimit {
		clear(p.near)
		p.nearN = 0
	}
	if len(p.vals) > nearLimit {
		clear(p.vals)
	}
	var start, along [][]byte
	for _, id := range ids {
		if _, ok := p.near[id]; ok {
			continue
		}
		h, err := p.hash(id)
		if err != nil {
			return err
		}
		start = append(start, h)
	}
	if len(start) == 0 {
		return nil
	}
	for _, id := range follow {
		if h, ok := p.hashes[id]; ok {
			along = append(along, h[:])
		}
	}
	if len(along) == 0 {
		depth = 0
	}
	rows, err := p.query(`WITH RECURSIVE walk (h, d) AS (
			SELECT h, 0 FROM unnest($1::bytea[]) AS h
		UNION
			SELECT q.object_hash, w.d + 1 FROM walk w JOIN quads q ON q.subject_hash = w.h
			WHERE w.d < $3 AND q.predicate_hash = ANY($2::bytea[])
		)
		SELECT w.h, q.horizon, q.predicate_hash, q.object_hash, q.label_hash
		FROM (SELECT DISTINCT h FROM walk) w LEFT JOIN quads q ON q.subject_hash = w.h`,
		pq.ByteaArray(start), pq.ByteaArray(along), depth)
	if err != nil {
		return err
	}
	got := map[uint64][]Link{}
	want := map[uint64]bool{}
	need := func(id uint64) {
		if _, ok := p.kept[id]; ok {
			return
		}
		if _, ok := p.vals[id]; !ok && id != 0 {
			want[id] = true
		}
	}
	err = eachRow(rows, func(sc func(...any) error) error {
		var (
			s, pr, o, lb []byte
			hz           sql.NullInt64
		)
		if err := sc(&s, &hz, &pr, &o, &lb); err != nil {
			return err
		}
		sid, err := p.intern(s)
		if err != nil {
			return err
		}
		need(sid)
		if !hz.Valid {
			got[sid] = []Link{} // no quads
			return nil
		}
		l, err := p.link(hz.Int64, s, pr, o, lb)
		if err != nil {
			return err
		}
		l.Subject = sid
		need(l.Predicate)
		need(l.Object)
		need(l.Label)
		got[sid] = append(got[sid], l)
		return nil
	})
	if err != nil {
		return p.wrap(err)
	}
	for s, links := range got {
		slices.SortFunc(links, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
		p.near[s] = links
		p.nearN += len(links)
	}
	if len(want) == 0 {
		return nil
	}
	hs := make([][]byte, 0, len(want))
	for id := range want {
		h := p.hashes[id]
		hs = append(hs, h[:])
	}
	if rows, err = p.query(`SELECT hash, `+nodeValueColumns+` FROM nodes WHERE hash = ANY($1::bytea[])`, pq.ByteaArray(hs)); err != nil {
		return err
	}
	return p.scanNodes(rows, func(id uint64, v quad.Value) { p.vals[id] = v })
}

// link is a quad's row as ids.
func (p *pgSource) link(horizon int64, s, pr, o, lb []byte) (l Link, err error) {
	l.ID = uint64(horizon)
	if l.Subject, err = p.intern(s); err != nil {
		return l, err
	}
	if l.Predicate, err = p.intern(pr); err != nil {
		return l, err
	}
	if l.Object, err = p.intern(o); err != nil {
		return l, err
	}
	if lb != nil {
		l.Label, err = p.intern(lb)
	}
	return l, err
}

// scanLinks reads rows of (horizon, subject, predicate, object, label).
func (p *pgSource) scanLinks(rows *sql.Rows, each func(Link)) error {
	return p.wrap(eachRow(rows, func(sc func(...any) error) error {
		var (
			hz           int64
			s, pr, o, lb []byte
		)
		if err := sc(&hz, &s, &pr, &o, &lb); err != nil {
			return err
		}
		l, err := p.link(hz, s, pr, o, lb)
		if err == nil {
			each(l)
		}
		return err
	}))
}

// nodeValueColumns lists nodeColumns for a SELECT.
var nodeValueColumns = strings.Join(nodeColumns, ", ")

// scanNodes reads rows of hash and nodeValueColumns, decoding each value as
// cayley's NameOf does.
func (p *pgSource) scanNodes(rows *sql.Rows, each func(uint64, quad.Value)) error {
	return p.wrap(eachRow(rows, func(sc func(...any) error) error {
		var (
			h, data      []byte
			str, typ, lg sql.NullString
			iri, bnode   sql.NullBool
			vint         sql.NullInt64
			vbool        sql.NullBool
			vfloat       sql.NullFloat64
			vtime        sql.NullTime
		)
		if err := sc(&h, &data, &str, &typ, &lg, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
			return err
		}
		id, err := p.intern(h)
		if err != nil {
			return err
		}
		var v quad.Value
		switch {
		case str.Valid && iri.Bool:
			v = quad.IRI(str.String)
		case str.Valid && bnode.Bool:
			v = quad.BNode(str.String)
		case str.Valid && lg.Valid:
			v = quad.LangString{Value: quad.String(unescapeNul(str.String)), Lang: lg.String}
		case str.Valid && typ.Valid:
			v = quad.TypedString{Value: quad.String(unescapeNul(str.String)), Type: quad.IRI(typ.String)}
		case str.Valid:
			v = quad.String(unescapeNul(str.String))
		case vint.Valid:
			v = quad.Int(vint.Int64)
		case vbool.Valid:
			v = quad.Bool(vbool.Bool)
		case vfloat.Valid:
			v = quad.Float(vfloat.Float64)
		case vtime.Valid:
			v = quad.Time(vtime.Time.UTC())
		default:
			if v, err = pquads.UnmarshalValue(data); err != nil {
				return fmt.Errorf("node %x: %w", h, err)
			}
		}
		if v == nil {
			return fmt.Errorf("node %x has no value", h)
		}
		each(id, v)
		return nil
	}))
}

// unescapeNul undoes cayley's escape of a NUL byte, which postgres text
// cannot hold.
func unescapeNul(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }

// wrap names a failed scan's server; a nil error stays nil, and an error
// that already says it is a read of the store is kept as it is.
func (p *pgSource) wrap(err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "reading the store") {
		return err
	}
	return p.fail(err)
}

// eachRow calls each for every row, then closes rows; the first error
// of a row, of the rows or of closing them is returned.
func eachRow(rows *sql.Rows, each func(scan func(...any) error) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := each(rows.Scan); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// scanOne reads the one row of rows into dst.
func scanOne(rows *sql.Rows, dst ...any) error {
	n := 0
	err := eachRow(rows, func(sc func(...any) error) error { n++; return sc(dst...) })
	if err == nil && n != 1 {
		err = fmt.Errorf("%d rows where one was expected", n)
	}
	return err
}
