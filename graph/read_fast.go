package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// Reader reads a store's quads and nodes directly, by node id: on bolt
// its indexes and log in one read transaction (boltSource), on postgres
// cayley's tables in one snapshot (pgSource). A query that walks thousands
// of nodes pays at most one B-tree descent per index entry and per quad on
// bolt, where cayley's iterators open a transaction, look up buckets and
// decode a protobuf per step; on postgres it reads ahead in batches
// (Prefetch), where cayley pays a round trip per node.
//
// A Reader is not safe for concurrent use. Close it before closing the store.
type Reader struct {
	st     *Store
	src    source
	values map[uint64]quad.Value
	ids    map[quad.Value]uint64
	err    error // the first lookup by ID that failed
}

// source is where a Reader reads. Node ids are the source's own: a bolt
// store's, or on postgres a prefix of the node's hash.
type source interface {
	// lookup is the id of the stored node v, 0 when there is none.
	lookup(v quad.Value) (uint64, error)
	node(id uint64) (quad.Value, error)
	// nodes reads the values of ids not yet kept into kept.
	nodes(ids []uint64, kept map[uint64]quad.Value) error
	out(s uint64) ([]Link, error)
	props(s uint64) ([]Link, error)
	objects(s uint64, preds []uint64) ([]Link, error)
	subjects(o, pred uint64) ([]Link, error)
	prefetch(ids, follow []uint64, depth int) error
	prefetchObjects(ids, preds []uint64) error
	prefetchSubjects(objs []uint64, pred uint64) error
	keepPages()
	close() error
}

// ErrNoReader reports a store a Reader cannot read: a memory store, a
// view through cayley, or a bolt store without the subject-predicate and
// object-predicate-subject indexes.
var ErrNoReader = errors.New("no direct reader for this store")

// NewReader starts a read transaction on a bolt or postgres store; ctx
// bounds a postgres reader's statements.
func (s *Store) NewReader(ctx context.Context) (*Reader, error) {
	r := &Reader{st: s, values: map[uint64]quad.Value{}, ids: map[quad.Value]uint64{}}
	var err error
	switch {
	case s.backend == Bolt && s.boltTx != nil:
		r.src, err = newBoltSource(s)
	case s.backend == Postgres && s.pg != nil:
		r.src, err = s.newPGSource(ctx, r.values)
	default:
		return nil, ErrNoReader
	}
	if err != nil {
		return nil, err
	}
	s.readers.Add(1)
	return r, nil
}

// Sibling starts another Reader of the store, for another goroutine, that
// reads what r reads: on postgres the same snapshot, as other processes
// may write meanwhile; on bolt a read transaction of its own, as no other
// process writes while a reader holds the store.
func (r *Reader) Sibling(ctx context.Context) (*Reader, error) {
	p, ok := r.src.(*pgSource)
	if !ok {
		return r.st.NewReader(ctx)
	}
	snap, err := p.export()
	if err != nil {
		return nil, err
	}
	s := &Reader{st: r.st, values: map[uint64]quad.Value{}, ids: map[quad.Value]uint64{}}
	if s.src, err = r.st.newPGSourceAt(ctx, s.values, snap); err != nil {
		return nil, err
	}
	r.st.readers.Add(1)
	return s, nil
}

// Close ends the read transaction.
func (r *Reader) Close() error { return r.src.close() }

// Err is the first lookup by ID that failed: ID has no error of its own.
// The reads after it fail with it too.
func (r *Reader) Err() error { return r.err }

// ID is the id of a stored value, 0 when the store has no such node (or
// the lookup failed: see Err).
func (r *Reader) ID(v quad.Value) uint64 {
	if v == nil || r.err != nil {
		return 0
	}
	if id, ok := r.ids[v]; ok {
		return id
	}
	id, err := r.src.lookup(v)
	if err != nil {
		r.err = err
		return 0
	}
	r.ids[v] = id
	return id
}

// Value is the node with id; values are decoded once per Reader.
func (r *Reader) Value(id uint64) (quad.Value, error) {
	if v, ok := r.values[id]; ok {
		return v, nil
	}
	v, err := r.Peek(id)
	if err != nil {
		return nil, err
	}
	r.values[id] = v
	if _, ok := r.ids[v]; !ok {
		r.ids[v] = id
	}
	return v, nil
}

// Values are the nodes with ids, kept as Value keeps them; a postgres
// store reads those not yet kept in one statement.
func (r *Reader) Values(ids []uint64) ([]quad.Value, error) {
	if r.err != nil {
		return nil, r.err
	}
	if err := r.src.nodes(ids, r.values); err != nil {
		return nil, err
	}
	out := make([]quad.Value, len(ids))
	for i, id := range ids {
		v, ok := r.values[id]
		if !ok {
			return nil, fmt.Errorf("reading the store: node %d is missing", id)
		}
		out[i] = v
		if _, ok := r.ids[v]; !ok {
			r.ids[v] = id
		}
	}
	return out, nil
}

// Peek is the node with id, decoded but not kept unless it already is: a
// listing reads millions of values once each, and keeping them all would
// hold gigabytes.
func (r *Reader) Peek(id uint64) (quad.Value, error) {
	if v, ok := r.values[id]; ok {
		return v, nil
	}
	if r.err != nil {
		return nil, r.err
	}
	return r.src.node(id)
}

// Out returns the stored quads with subject s. On bolt they come in the
// order of their ids; on postgres in no set order, with ID 0.
func (r *Reader) Out(s uint64) ([]Link, error) {
	if r.err != nil {
		return nil, r.err
	}
	return r.src.out(s)
}

// Props returns one stored quad for each distinct predicate and object of
// the quads with subject s: the quads of one triple in several documents
// are one prop. On bolt it is the first by id, in the order of their ids;
// on postgres they come in no set order, with ID and Label 0.
func (r *Reader) Props(s uint64) ([]Link, error) {
	if r.err != nil {
		return nil, r.err
	}
	return r.src.props(s)
}

// Objects is Props along preds only.
func (r *Reader) Objects(s uint64, preds ...uint64) ([]Link, error) {
	if r.err != nil {
		return nil, r.err
	}
	return r.src.objects(s, preds)
}

// Subjects returns one stored quad for each distinct subject of the quads
// with object o and predicate pred, in no set order; on postgres with ID
// and Label 0.
func (r *Reader) Subjects(o, pred uint64) ([]Link, error) {
	if r.err != nil {
		return nil, r.err
	}
	return r.src.subjects(o, pred)
}

// Prefetch says which nodes' quads are read next: those of ids, and,
// depth steps on, of the nodes they point to along follow. Where each
// read is a round trip (postgres) they are read now, in a few statements,
// with the values they name, and the reads of them that follow are
// answered from memory; on bolt it does nothing. What it holds is
// bounded: past a limit it forgets what it read before.
func (r *Reader) Prefetch(ids []uint64, depth int, follow ...uint64) error {
	if r.err != nil {
		return r.err
	}
	return r.src.prefetch(ids, follow, depth)
}

// PrefetchObjects says that Objects of each of ids along preds are read
// next, and nothing else of them: on postgres they are read now, in one
// statement, with their objects' values in another; on bolt it does
// nothing.
func (r *Reader) PrefetchObjects(ids []uint64, preds ...uint64) error {
	if r.err != nil {
		return r.err
	}
	return r.src.prefetchObjects(ids, preds)
}

// PrefetchSubjects says that Subjects of each of objs along pred are read
// next: on postgres they are read now, in one statement; on bolt it does
// nothing.
func (r *Reader) PrefetchSubjects(objs []uint64, pred uint64) error {
	if r.err != nil {
		return r.err
	}
	return r.src.prefetchSubjects(objs, pred)
}

// ReadsAhead reports whether the Prefetch calls and Values pay: on
// postgres, where each read is a round trip, not on bolt.
func (r *Reader) ReadsAhead() bool {
	_, ok := r.src.(*pgSource)
	return ok
}

// KeepPages leaves a bolt file's pages mapped for the rest of the
// transaction. A reader that goes through the whole store would fault the
// inner pages of the trees straight back after each release: over 10
// million quads that is a quarter more time for a third of the memory.
func (r *Reader) KeepPages() { r.src.keepPages() }

// boltSource reads a bolt store's indexes and log in one read transaction.
type boltSource struct {
	tx    *bolt.Tx
	log   walker // node and quad primitives by id
	bySP  walker // subject, predicate → quad ids
	byOPS *bolt.Bucket
	key   [24]byte
	reads int  // since the mapped pages were last released
	keep  bool // the pages are not released
}

func newBoltSource(s *Store) (*boltSource, error) {
	hdb, ok := s.boltTx.KV.(*hbolt.DB)
	if !ok {
		return nil, ErrNoReader
	}
	tx, err := hdb.DB().Begin(false)
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	inds, err := readIndexes(tx)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	r := &boltSource{tx: tx}
	log := tx.Bucket(logBucket)
	var sp *bolt.Bucket
	for _, ind := range inds {
		switch string(indexBucket(ind)) {
		case "sp":
			sp = tx.Bucket(indexBucket(ind))
		case "ops":
			r.byOPS = tx.Bucket(indexBucket(ind))
		}
	}
	if log == nil || sp == nil || r.byOPS == nil {
		tx.Rollback()
		return nil, ErrNoReader
	}
	r.log, r.bySP = walker{r: r, c: log.Cursor()}, walker{r: r, c: sp.Cursor()}
	return r, nil
}

func (r *boltSource) close() error { return r.tx.Rollback() }

func (r *boltSource) keepPages() { r.keep = true }

// prefetch does nothing: a bolt read is a few page reads, already as
// cheap as reading ahead would make it.
func (r *boltSource) prefetch(ids, follow []uint64, depth int) error { return nil }

func (r *boltSource) prefetchObjects(ids, preds []uint64) error { return nil }

func (r *boltSource) prefetchSubjects(objs []uint64, pred uint64) error { return nil }

func (r *boltSource) lookup(v quad.Value) (uint64, error) {
	h := valueHash(v)
	var id uint64
	if b := r.tx.Bucket(valueBucket(h[:])); b != nil {
		if raw := r.get(b, h[:]); raw != nil {
			id, _ = binary.Uvarint(raw)
		}
	}
	return id, nil
}

func (r *boltSource) nodes(ids []uint64, kept map[uint64]quad.Value) error {
	for _, id := range ids {
		if _, ok := kept[id]; ok {
			continue
		}
		v, err := r.node(id)
		if err != nil {
			return err
		}
		kept[id] = v
	}
	return nil
}

func (r *boltSource) node(id uint64) (quad.Value, error) {
	raw := r.log.get(binary.BigEndian.AppendUint64(r.key[:0], id))
	if raw == nil {
		return nil, fmt.Errorf("reading the store: node %d is missing", id)
	}
	v, err := decodeNodeValue(raw)
	if err != nil {
		return nil, fmt.Errorf("reading the store: node %d: %w", id, err)
	}
	return v, nil
}

// quad reads the quad with id; ok is false when it is gone or deleted.
func (r *boltSource) quad(id uint64) (l Link, ok bool, err error) {
	raw := r.log.get(binary.BigEndian.AppendUint64(r.key[:0], id))
	if raw == nil {
		return l, false, nil
	}
	if l, ok, err = decodeLink(raw); err != nil {
		return l, false, fmt.Errorf("reading the store: quad %d: %w", id, err)
	}
	l.ID = id
	return l, ok, nil
}

// get reads a key. Each read maps the file's pages around the one it
// reads into the process; a query reading thousands of nodes would hold a
// gigabyte of the file as resident memory. Every so many reads the pages
// are given back if too many are held: they stay in the page cache, and
// come back at the cost of a minor fault when read again.
func (r *boltSource) get(b *bolt.Bucket, key []byte) []byte {
	r.count()
	return b.Get(key)
}

func (r *boltSource) count() {
	if r.reads++; r.reads == releaseEvery {
		r.reads = 0
		if !r.keep {
			releaseReadPages(r.tx)
		}
	}
}

const releaseEvery = 4096

// walker reads a bucket's keys in mostly rising order: a key a few
// entries past the last one read is reached by stepping the cursor on,
// not by a new descent from the root. The quads of one node, and the
// index entries of one subject, are stored side by side.
type walker struct {
	r    *boltSource
	c    *bolt.Cursor
	k, v []byte // where c is; k is nil when c is nowhere
}

// walkAhead is how many entries a walker steps over before it seeks: a
// step costs a few comparisons, a seek a search of each level of the tree.
const walkAhead = 16

func (w *walker) get(key []byte) []byte {
	w.r.count()
	if w.k != nil {
		switch c := bytes.Compare(key, w.k); {
		case c == 0:
			return w.v
		case c > 0:
			for range walkAhead {
				w.k, w.v = w.c.Next()
				if w.k == nil {
					return nil
				}
				if c := bytes.Compare(w.k, key); c >= 0 {
					if c > 0 {
						return nil
					}
					return w.v
				}
			}
		}
	}
	w.k, w.v = w.c.Seek(key)
	if w.k == nil || !bytes.Equal(w.k, key) {
		return nil
	}
	return w.v
}

// Link is a stored quad as node ids; Label is 0 for none. ID is the
// quad's place in a bolt store's log, by which reading in its order reads
// the file in order; a postgres read leaves it 0 (see pgSource).
type Link struct {
	ID, Subject, Predicate, Object, Label uint64
}

// out reads the quads with subject s by the subject-predicate index. An
// index may still list a quad cayley has marked deleted, so each is read
// from the log, as cayley's iterators do.
func (r *boltSource) out(s uint64) ([]Link, error) {
	prefix := binary.BigEndian.AppendUint64(r.key[:0], s)
	var ids []uint64
	c := r.bySP.c.Bucket().Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		var err error
		if ids, err = decodeIDs(v, ids); err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
	}
	slices.Sort(ids)
	var out []Link
	for _, id := range ids {
		l, ok, err := r.quad(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, l)
		}
	}
	return out, nil
}

func (r *boltSource) props(s uint64) ([]Link, error) {
	links, err := r.out(s)
	return firstOfEach(links[:0], links, nil), err // in place: out's links are the caller's
}

// firstOfEach appends to out the first of links, in their order, of each
// distinct predicate and object among those along preds (nil: all). out
// may be links[:0], to filter links in place.
func firstOfEach(out, links []Link, preds []uint64) []Link {
	start := len(out)
next:
	for _, l := range links {
		if preds != nil && !slices.Contains(preds, l.Predicate) {
			continue
		}
		for _, o := range out[start:] {
			if o.Predicate == l.Predicate && o.Object == l.Object {
				continue next
			}
		}
		out = append(out, l)
	}
	return out
}

// objects reads one quad for each distinct predicate and object of the
// quads with subject s and one of preds.
//
// A node's properties are restated by every document that names it, so
// an instrument's label may be thousands of quads with one object. Rather
// than read each from the log, one quad is read per object, and the
// object-predicate-subject entry of that triple strikes all its repeats.
// The quads are read in the order of their ids: a node's quads were
// stored side by side.
func (r *boltSource) objects(s uint64, preds []uint64) ([]Link, error) {
	var ids []uint64
	for _, p := range slices.Sorted(slices.Values(preds)) {
		key := binary.BigEndian.AppendUint64(r.key[:0], s)
		key = binary.BigEndian.AppendUint64(key, p)
		var err error
		if ids, err = decodeIDs(r.bySP.get(key), ids); err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
	}
	slices.Sort(ids)
	var (
		out  []Link
		same []uint64
	)
	for i, id := range ids {
		if id == 0 {
			continue // struck: no quad has id 0
		}
		l, ok, err := r.quad(id)
		if err != nil {
			return nil, err
		}
		if !ok || slices.ContainsFunc(out, func(o Link) bool { return o.Predicate == l.Predicate && o.Object == l.Object }) {
			continue
		}
		out = append(out, l)
		// strike the other quads of the same triple, all after i; a strike
		// costs about what reading a quad does, so a short rest is read
		rest := ids[i+1:]
		if len(rest) < strikeAbove {
			continue
		}
		t := binary.BigEndian.AppendUint64(r.key[:0], l.Object)
		t = binary.BigEndian.AppendUint64(t, l.Predicate)
		t = binary.BigEndian.AppendUint64(t, s)
		if same, err = decodeIDs(r.get(r.byOPS, t), same[:0]); err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		slices.Sort(same)
		for _, x := range same {
			if j, found := slices.BinarySearch(rest, x); found {
				rest[j] = 0
			}
		}
	}
	return out, nil
}

// strikeAbove is the number of unread quads past which Objects strikes
// the repeats of an object found rather than read them.
const strikeAbove = 4

// subjects reads one quad for each distinct subject of the quads with
// object o and predicate pred, in the order of the subjects' ids. The
// subject is part of the index key, so one live quad of each key is read:
// the first listed, and only if it is gone the others.
func (r *boltSource) subjects(o, pred uint64) ([]Link, error) {
	prefix := binary.BigEndian.AppendUint64(r.key[:0], o)
	prefix = binary.BigEndian.AppendUint64(prefix, pred)
	var (
		lists []uint64
		ends  []int
	)
	c := r.byOPS.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != 24 {
			continue
		}
		var err error
		if lists, err = decodeIDs(v, lists); err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		ends = append(ends, len(lists))
	}
	// the first quads in the order of their ids, which is the log's
	type first struct {
		id  uint64
		key int
	}
	firsts := make([]first, 0, len(ends))
	start := 0
	for i, end := range ends {
		if end > start {
			firsts = append(firsts, first{lists[start], i})
		}
		start = end
	}
	slices.SortFunc(firsts, func(a, b first) int { return cmp.Compare(a.id, b.id) })
	found := make([]Link, len(ends))
	for _, f := range firsts {
		l, ok, err := r.quad(f.id)
		if err != nil {
			return nil, err
		}
		if ok {
			found[f.key] = l
		}
	}
	out := found[:0]
	start = 0
	for i, end := range ends {
		l := found[i]
		for _, id := range lists[min(start+1, end):end] {
			if l.ID != 0 {
				break
			}
			var ok bool
			var err error
			if l, ok, err = r.quad(id); err != nil {
				return nil, err
			} else if !ok {
				l = Link{}
			}
		}
		if l.ID != 0 {
			out = append(out, l)
		}
		start = end
	}
	return out, nil
}

func hasPrefix(b, prefix []byte) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == string(prefix)
}
