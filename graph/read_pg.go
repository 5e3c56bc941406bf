package graph

import (
	"bytes"
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
// Each read is a statement, a round trip to the server: the queries say
// ahead which nodes they read next (Prefetch, PrefetchObjects,
// PrefetchSubjects), and those are read in a statement or two, with the
// values they name, and kept until nearLimit.
type pgSource struct {
	ctx    context.Context
	tx     *sql.Tx
	addr   string                    // redacted, for errors
	hashes map[uint64]refs.ValueHash // every node met, by id
	kept   map[uint64]quad.Value     // the Reader's values, not read again
	near   map[uint64][]Link         // prefetched: the props of each subject
	along  map[uint64]alongLinks     // prefetched: some of the props of each subject
	into   map[[2]uint64][]Link      // prefetched: the subjects of each object and predicate
	nearN  int                       // links in near
	vals   map[uint64]quad.Value     // prefetched values
	stmts  map[string]*sql.Stmt
	snap   string // the snapshot's name, once exported
}

// alongLinks are the props of a subject along preds.
type alongLinks struct {
	preds []uint64
	links []Link
}

// has reports whether a holds the props along every one of preds.
func (a alongLinks) has(preds []uint64) bool {
	return a.preds != nil && !slices.ContainsFunc(preds, func(p uint64) bool { return !slices.Contains(a.preds, p) })
}

// nearLimit bounds what a pgSource holds prefetched: past this many quads
// (and as many values) it forgets them all before it reads ahead again.
var nearLimit = 1 << 18

func (s *Store) newPGSource(ctx context.Context, kept map[uint64]quad.Value) (*pgSource, error) {
	return s.newPGSourceAt(ctx, kept, "")
}

// newPGSourceAt reads the snapshot another transaction exported (see
// export), or a snapshot of its own when snap is "".
func (s *Store) newPGSourceAt(ctx context.Context, kept map[uint64]quad.Value, snap string) (*pgSource, error) {
	tx, err := s.pgSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	if snap != "" {
		if _, err := tx.ExecContext(ctx, "SET TRANSACTION SNAPSHOT "+pq.QuoteLiteral(snap)); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("reading the store: %w", pgError(s.addr, err))
		}
	}
	return &pgSource{ctx: ctx, tx: tx, addr: s.addr, hashes: map[uint64]refs.ValueHash{}, kept: kept,
		near: map[uint64][]Link{}, along: map[uint64]alongLinks{}, into: map[[2]uint64][]Link{}, vals: map[uint64]quad.Value{}, stmts: map[string]*sql.Stmt{}}, nil
}

func (p *pgSource) close() error { return p.tx.Rollback() }

// export names the source's snapshot for other transactions to read, as
// long as this one lasts.
func (p *pgSource) export() (string, error) {
	if p.snap == "" {
		rows, err := p.query(`SELECT pg_export_snapshot()`)
		if err != nil {
			return "", err
		}
		if err := scanOne(rows, &p.snap); err != nil {
			return "", p.wrap(err)
		}
	}
	return p.snap, nil
}

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
	case ok:
		return 0, fmt.Errorf("reading the store: two nodes' hashes begin with %016x, which the reader cannot tell apart", id)
	case id == 0:
		return 0, fmt.Errorf("reading the store: a node's hash begins with 8 zero bytes, which the reader takes for no node")
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

func (p *pgSource) nodes(ids []uint64, kept map[uint64]quad.Value) error {
	var missing []uint64
	for _, id := range ids {
		if _, ok := kept[id]; ok {
			continue
		}
		if v, ok := p.vals[id]; ok {
			kept[id] = v
			continue
		}
		missing = append(missing, id)
	}
	return p.readValues(missing, kept)
}

// The statements below read only columns that cayley's indexes hold, so
// that postgres answers them from the index alone (an index-only scan,
// once the table has been vacuumed, which autovacuum does after a load):
// not the horizon, a quad's id. The links they give have ID 0, and come
// in the order of the index.

// out reads the quads with subject s; cayley indexes the labelled and the
// unlabelled apart.
func (p *pgSource) out(s uint64) ([]Link, error) {
	h, err := p.hash(s)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT predicate_hash, object_hash, label_hash FROM quads WHERE subject_hash = $1 AND label_hash IS NOT NULL
		UNION ALL SELECT predicate_hash, object_hash, NULL FROM quads WHERE subject_hash = $1 AND label_hash IS NULL`, h)
	if err != nil {
		return nil, err
	}
	var out []Link
	err = p.scanLinks(rows, func(sc func(...any) error, l *rowLink) error {
		l.Subject = s
		return sc(&l.pred, &l.obj, &l.label)
	}, func(l Link) { out = append(out, l) })
	return out, err
}

func (p *pgSource) props(s uint64) ([]Link, error) {
	if links, ok := p.near[s]; ok {
		return slices.Clone(links), nil
	}
	h, err := p.hash(s)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT DISTINCT predicate_hash, object_hash FROM quads WHERE subject_hash = $1`, h)
	if err != nil {
		return nil, err
	}
	return p.triples(rows, s, 0, 0)
}

func (p *pgSource) objects(s uint64, preds []uint64) ([]Link, error) {
	if links, ok := p.near[s]; ok {
		return firstOfEach(nil, links, preds), nil
	}
	if a := p.along[s]; a.has(preds) {
		return firstOfEach(nil, a.links, preds), nil
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
	rows, err := p.query(`SELECT DISTINCT predicate_hash, object_hash FROM quads WHERE subject_hash = $1 AND predicate_hash = ANY($2::bytea[])`,
		h, pq.ByteaArray(ph))
	if err != nil {
		return nil, err
	}
	return p.triples(rows, s, 0, 0)
}

func (p *pgSource) subjects(o, pred uint64) ([]Link, error) {
	if links, ok := p.into[[2]uint64{o, pred}]; ok {
		return slices.Clone(links), nil
	}
	oh, err := p.hash(o)
	if err != nil {
		return nil, err
	}
	ph, err := p.hash(pred)
	if err != nil {
		return nil, err
	}
	rows, err := p.query(`SELECT DISTINCT subject_hash FROM quads WHERE object_hash = $1 AND predicate_hash = $2`, oh, ph)
	if err != nil {
		return nil, err
	}
	return p.triples(rows, 0, pred, o)
}

// triples reads rows of the columns of a triple that s, pred and o do not
// fix (those that are 0).
func (p *pgSource) triples(rows *sql.Rows, s, pred, o uint64) ([]Link, error) {
	var out []Link
	err := p.scanLinks(rows, func(sc func(...any) error, l *rowLink) error {
		var dst []any
		if s == 0 {
			dst = append(dst, &l.subj)
		}
		if pred == 0 {
			dst = append(dst, &l.pred)
		}
		if o == 0 {
			dst = append(dst, &l.obj)
		}
		l.Subject, l.Predicate, l.Object = s, pred, o
		return sc(dst...)
	}, func(l Link) { out = append(out, l) })
	return out, err
}

// prefetch reads in one statement each distinct predicate and object of
// the nodes of ids, then for each step up to depth, in one statement
// each, those of the nodes the last step's point to along follow,
// skipping those already read; then, in one more, the values they name
// that are not yet at hand.
func (p *pgSource) prefetch(ids, follow []uint64, depth int) error {
	p.bound()
	var named []uint64 // every node the quads read name
	level := ids
	for d := 0; d <= depth && len(level) > 0; d++ {
		pending, hs, err := p.unread(level, func(id uint64) bool { _, ok := p.near[id]; return ok })
		if err != nil {
			return err
		}
		if len(hs) == 0 {
			break
		}
		// in the order of the subject, so each subject's props are a run
		rows, err := p.query(`SELECT DISTINCT subject_hash, predicate_hash, object_hash FROM quads WHERE subject_hash = ANY($1::bytea[])
			ORDER BY subject_hash`, pq.ByteaArray(hs))
		if err != nil {
			return err
		}
		all := make([]Link, 0, 8*len(pending))
		if err := p.scanLinks(rows, func(sc func(...any) error, l *rowLink) error {
			return sc(&l.subj, &l.pred, &l.obj)
		}, func(l Link) { all = append(all, l) }); err != nil {
			return err
		}
		for _, s := range pending {
			p.near[s] = nil // none, unless it has a run below
		}
		level = level[:0:0]
		for start := 0; start < len(all); {
			s, end := all[start].Subject, start
			for end < len(all) && all[end].Subject == s {
				l := all[end]
				named = append(named, l.Predicate, l.Object)
				if d < depth && slices.Contains(follow, l.Predicate) {
					level = append(level, l.Object)
				}
				end++
			}
			p.near[s] = all[start:end:end]
			start = end
		}
		p.nearN += len(all)
		named = append(named, pending...)
	}
	return p.fetchValues(named)
}

// fetchValues reads ahead the values of ids not yet at hand (0 is none).
func (p *pgSource) fetchValues(ids []uint64) error {
	slices.Sort(ids)
	var want []uint64
	for _, id := range slices.Compact(ids) {
		_, kept := p.kept[id]
		if _, near := p.vals[id]; !kept && !near && id != 0 {
			want = append(want, id)
		}
	}
	return p.readValues(want, p.vals)
}

// readValues reads the values of ids into into, in one statement.
func (p *pgSource) readValues(ids []uint64, into map[uint64]quad.Value) error {
	if len(ids) == 0 {
		return nil
	}
	hs := make([][]byte, len(ids))
	for i, id := range ids {
		h, err := p.hash(id)
		if err != nil {
			return err
		}
		hs[i] = h
	}
	rows, err := p.query(`SELECT hash, `+nodeValueColumns+` FROM nodes WHERE hash = ANY($1::bytea[])`, pq.ByteaArray(hs))
	if err != nil {
		return err
	}
	return p.scanNodes(rows, func(id uint64, v quad.Value) { into[id] = v })
}

func (p *pgSource) prefetchObjects(ids, preds []uint64) error {
	p.bound()
	var hs, ph [][]byte
	for _, id := range preds {
		h, err := p.hash(id)
		if err != nil {
			return err
		}
		ph = append(ph, h)
	}
	pending, hs, err := p.unread(ids, func(id uint64) bool { _, ok := p.near[id]; return ok || p.along[id].has(preds) })
	if err != nil || len(hs) == 0 || len(ph) == 0 {
		return err
	}
	rows, err := p.query(`SELECT DISTINCT subject_hash, predicate_hash, object_hash FROM quads
		WHERE subject_hash = ANY($1::bytea[]) AND predicate_hash = ANY($2::bytea[])`, pq.ByteaArray(hs), pq.ByteaArray(ph))
	if err != nil {
		return err
	}
	links, err := p.triples(rows, 0, 0, 0)
	if err != nil {
		return err
	}
	got := make(map[uint64][]Link, len(pending))
	var named []uint64
	for _, l := range links {
		got[l.Subject] = append(got[l.Subject], l)
		named = append(named, l.Object)
	}
	for _, s := range pending {
		p.along[s] = alongLinks{preds: slices.Clone(preds), links: got[s]}
		p.nearN += 1 + len(got[s])
	}
	return p.fetchValues(named)
}

func (p *pgSource) prefetchSubjects(objs []uint64, pred uint64) error {
	p.bound()
	ph, err := p.hash(pred)
	if err != nil {
		return err
	}
	pending, hs, err := p.unread(objs, func(id uint64) bool { _, ok := p.into[[2]uint64{id, pred}]; return ok })
	if err != nil || len(hs) == 0 {
		return err
	}
	rows, err := p.query(`SELECT DISTINCT object_hash, subject_hash FROM quads WHERE object_hash = ANY($1::bytea[]) AND predicate_hash = $2`,
		pq.ByteaArray(hs), ph)
	if err != nil {
		return err
	}
	var links []Link
	err = p.scanLinks(rows, func(sc func(...any) error, l *rowLink) error {
		l.Predicate = pred
		return sc(&l.obj, &l.subj)
	}, func(l Link) { links = append(links, l) })
	if err != nil {
		return err
	}
	for _, o := range pending {
		p.into[[2]uint64{o, pred}] = nil
	}
	for _, l := range links {
		k := [2]uint64{l.Object, pred}
		p.into[k] = append(p.into[k], l)
	}
	p.nearN += len(pending) + len(links)
	return nil
}

// unread are the distinct ids, not 0 and not read (by read), to read
// ahead, with their hashes.
func (p *pgSource) unread(ids []uint64, read func(uint64) bool) (pending []uint64, hashes [][]byte, err error) {
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		if id == 0 || read(id) {
			continue
		}
		h, err := p.hash(id)
		if err != nil {
			return nil, nil, err
		}
		pending, hashes = append(pending, id), append(hashes, h)
	}
	return pending, hashes, nil
}

// bound forgets what was read ahead once it holds more than nearLimit
// quads or values.
func (p *pgSource) bound() {
	if p.nearN > nearLimit {
		clear(p.near)
		clear(p.along)
		clear(p.into)
		p.nearN = 0
	}
	if len(p.vals) > nearLimit {
		clear(p.vals)
	}
}

// row is a quad's row as read: its hashes, valid until the next row.
type row struct {
	subj, pred, obj, label sql.RawBytes
}

// scanLinks reads rows into links: scan fills a row's hashes and the ids
// the statement fixes, and each gets the link once its hashes are ids.
func (p *pgSource) scanLinks(rows *sql.Rows, scan func(sc func(...any) error, l *rowLink) error, each func(Link)) error {
	var (
		r rowLink
		l = &r.Link
	)
	return p.wrap(eachRow(rows, func(sc func(...any) error) error {
		r = rowLink{}
		if err := scan(sc, &r); err != nil {
			return err
		}
		for _, f := range []struct {
			h  sql.RawBytes
			id *uint64
		}{{r.subj, &l.Subject}, {r.pred, &l.Predicate}, {r.obj, &l.Object}, {r.label, &l.Label}} {
			if f.h == nil {
				continue
			}
			id, err := p.intern(f.h)
			if err != nil {
				return err
			}
			*f.id = id
		}
		each(*l)
		return nil
	}))
}

// rowLink is a link being read, with its row.
type rowLink struct {
	Link
	row
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
