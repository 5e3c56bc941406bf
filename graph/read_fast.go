package graph

import (
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"
)

// Reader reads a bolt store's indexes and log directly, in one read
// transaction. A query that walks thousands of nodes pays one B-tree
// descent per index entry and per quad, where cayley's iterators open a
// transaction, look up buckets and decode a protobuf per step.
//
// A Reader is not safe for concurrent use. Close it before closing the store.
type Reader struct {
	tx       *bolt.Tx
	log      *bolt.Bucket
	bySP     *bolt.Bucket // subject, predicate → quad ids
	byOPS    *bolt.Bucket // object, predicate, subject → quad ids
	values   map[uint64]quad.Value
	ids      map[quad.Value]uint64
	key      [16]byte
	valueKey []byte
}

// ErrNoReader reports a store a Reader cannot read: not bolt, or without
// the subject-predicate and object-predicate-subject indexes.
var ErrNoReader = errors.New("no direct reader for this store")

// NewReader starts a read transaction on a bolt store.
func (s *Store) NewReader() (*Reader, error) {
	if s.backend != Bolt || s.boltTx == nil {
		return nil, ErrNoReader
	}
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
	r := &Reader{tx: tx, log: tx.Bucket(logBucket), values: map[uint64]quad.Value{}, ids: map[quad.Value]uint64{}}
	for _, ind := range inds {
		switch string(indexBucket(ind)) {
		case "sp":
			r.bySP = tx.Bucket(indexBucket(ind))
		case "ops":
			r.byOPS = tx.Bucket(indexBucket(ind))
		}
	}
	if r.log == nil || r.bySP == nil || r.byOPS == nil {
		tx.Rollback()
		return nil, ErrNoReader
	}
	return r, nil
}

// Close ends the read transaction.
func (r *Reader) Close() error { return r.tx.Rollback() }

// ID is the id of a stored value, 0 when the store has no such node.
func (r *Reader) ID(v quad.Value) uint64 {
	if v == nil {
		return 0
	}
	if id, ok := r.ids[v]; ok {
		return id
	}
	h := sha1.Sum([]byte(v.String()))
	var id uint64
	if b := r.tx.Bucket(valueBucket(h[:])); b != nil {
		if raw := b.Get(h[:]); raw != nil {
			id, _ = binary.Uvarint(raw)
		}
	}
	r.ids[v] = id
	return id
}

// Value is the node with id; values are decoded once per Reader.
func (r *Reader) Value(id uint64) (quad.Value, error) {
	if v, ok := r.values[id]; ok {
		return v, nil
	}
	r.valueKey = binary.BigEndian.AppendUint64(r.valueKey[:0], id)
	raw := r.log.Get(r.valueKey)
	if raw == nil {
		return nil, fmt.Errorf("reading the store: node %d is missing", id)
	}
	v, err := decodeNodeValue(raw)
	if err != nil {
		return nil, fmt.Errorf("reading the store: node %d: %w", id, err)
	}
	r.values[id] = v
	if _, ok := r.ids[v]; !ok {
		r.ids[v] = id
	}
	return v, nil
}

// Link is a stored quad as node ids; Label is 0 for none.
type Link struct {
	ID, Subject, Predicate, Object, Label uint64
}

// Out calls fn for each stored quad with subject s and, unless pred is 0,
// predicate pred, by the subject-predicate index.
func (r *Reader) Out(s, pred uint64, fn func(Link) error) error {
	prefix := binary.BigEndian.AppendUint64(r.key[:0], s)
	if pred != 0 {
		prefix = binary.BigEndian.AppendUint64(prefix, pred)
	}
	return r.scan(r.bySP, prefix, fn)
}

// Objects calls fn once for each distinct object of the stored quads with
// subject s and predicate pred.
//
// A node's properties are restated by every document that names it, so
// an instrument's label may be thousands of quads with one object. Rather
// than read each from the log, one quad is read per object, and the
// object-predicate-subject entry of that triple strikes all its repeats.
func (r *Reader) Objects(s, pred uint64, fn func(o uint64) error) error {
	key := binary.BigEndian.AppendUint64(r.key[:0], s)
	key = binary.BigEndian.AppendUint64(key, pred)
	ids, err := decodeIDs(r.bySP.Get(key), nil)
	if err != nil {
		return fmt.Errorf("reading the store: %w", err)
	}
	slices.Sort(ids)
	var (
		lk    [8]byte
		tk    [24]byte
		same  []uint64
		given []uint64 // objects given to fn, while not striking
	)
	for i, id := range ids {
		if id == 0 {
			continue // struck: no quad has id 0
		}
		raw := r.log.Get(binary.BigEndian.AppendUint64(lk[:0], id))
		if raw == nil {
			continue
		}
		l, ok, err := decodeLink(raw)
		if err != nil {
			return fmt.Errorf("reading the store: quad %d: %w", id, err)
		}
		if !ok || slices.Contains(given, l.Object) {
			continue
		}
		given = append(given, l.Object)
		if err := fn(l.Object); err != nil {
			return err
		}
		// strike the other quads of the same triple, all after i; a strike
		// costs about what reading a quad does, so a short rest is read
		rest := ids[i+1:]
		if len(rest) < strikeAbove {
			continue
		}
		t := binary.BigEndian.AppendUint64(tk[:0], l.Object)
		t = binary.BigEndian.AppendUint64(t, pred)
		t = binary.BigEndian.AppendUint64(t, s)
		if same, err = decodeIDs(r.byOPS.Get(t), same[:0]); err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		slices.Sort(same)
		for _, x := range same {
			if j, found := slices.BinarySearch(rest, x); found {
				rest[j] = 0
			}
		}
	}
	return nil
}

// strikeAbove is the number of unread quads past which Objects strikes
// the repeats of an object found rather than read them.
const strikeAbove = 4

// Subjects calls fn once for each distinct subject of the stored quads
// with object o and predicate pred: the subject is part of the index key,
// so only one live quad of each key is read.
func (r *Reader) Subjects(o, pred uint64, fn func(s uint64) error) error {
	prefix := binary.BigEndian.AppendUint64(r.key[:0], o)
	prefix = binary.BigEndian.AppendUint64(prefix, pred)
	var subjects, lists []uint64
	var ends []int
	c := r.byOPS.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != 24 {
			continue
		}
		var err error
		if lists, err = decodeIDs(v, lists); err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		subjects = append(subjects, binary.BigEndian.Uint64(k[16:]))
		ends = append(ends, len(lists))
	}
	var lk [8]byte
	start := 0
	for i, s := range subjects {
		for _, id := range lists[start:ends[i]] {
			raw := r.log.Get(binary.BigEndian.AppendUint64(lk[:0], id))
			if raw == nil {
				continue
			}
			if _, ok, err := decodeLink(raw); err != nil {
				return fmt.Errorf("reading the store: quad %d: %w", id, err)
			} else if ok {
				if err := fn(s); err != nil {
					return err
				}
				break
			}
		}
		start = ends[i]
	}
	return nil
}

// scan reads the quads of the index entries under prefix. An index may
// still list a quad cayley has marked deleted or removed from the log, so
// each is read from the log, as cayley's iterators do.
func (r *Reader) scan(b *bolt.Bucket, prefix []byte, fn func(Link) error) error {
	// the entries are decoded before fn runs, as fn may scan again
	var ids []uint64
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		var err error
		if ids, err = decodeIDs(v, ids); err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
	}
	var key [8]byte
	for _, id := range ids {
		raw := r.log.Get(binary.BigEndian.AppendUint64(key[:0], id))
		if raw == nil {
			continue
		}
		l, ok, err := decodeLink(raw)
		if err != nil {
			return fmt.Errorf("reading the store: quad %d: %w", id, err)
		}
		if !ok {
			continue
		}
		l.ID = id
		if err := fn(l); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(b, prefix []byte) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == string(prefix)
}

// decodeLink reads a quad primitive without allocating; ok is false for a
// deleted quad or a node.
func decodeLink(b []byte) (l Link, ok bool, err error) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return l, false, protowire.ParseError(n)
		}
		b = b[n:]
		if typ != protowire.VarintType {
			if num == fieldValue {
				return l, false, nil // a node
			}
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return l, false, protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		v, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return l, false, protowire.ParseError(n)
		}
		b = b[n:]
		switch num {
		case fieldSubject:
			l.Subject = v
		case fieldPredicate:
			l.Predicate = v
		case fieldObject:
			l.Object = v
		case fieldLabel:
			l.Label = v
		case fieldDeleted:
			if v != 0 {
				return l, false, nil
			}
		}
	}
	return l, true, nil
}

// decodeNodeValue reads the value of a node primitive.
func decodeNodeValue(b []byte) (quad.Value, error) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		if num == fieldValue && typ == protowire.BytesType {
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return nil, protowire.ParseError(n)
			}
			return pquads.UnmarshalValue(v)
		}
		if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
	}
	return nil, errors.New("not a node")
}
