package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"

	"github.com/tradegraph/tradegraph/graph/vocab"

	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// statsKV computes Stats on a bolt store from its kv layout, in one read
// transaction, with node ids instead of values: reading every quad
// through cayley decodes and hashes each of its values, minutes on a
// store of millions. ok is false when the store is not bolt or lacks the
// object-predicate-subject and label indexes it reads.
//
// The object-predicate-subject index has a key per distinct triple, so
// its keys alone give the nodes (subjects and objects) and the typed
// (subject, class) pairs; the label index has a key per document. The
// size in meta is the number of quads. Only when cayley has left deleted
// quads in the indexes is the log read as well, to tell the live ones.
func (s *Store) statsKV(ctx context.Context) (st Stats, ok bool, err error) {
	db := s.boltDB()
	if db == nil {
		return Stats{}, false, nil
	}
	err = db.View(func(tx *bolt.Tx) error {
		var clean bool
		st, clean, ok, err = readStats(ctx, tx, false)
		if ok && err == nil && !clean {
			st, _, _, err = readStats(ctx, tx, true)
		}
		return err
	})
	if err != nil {
		return Stats{}, true, fmt.Errorf("reading the store: %w", err)
	}
	st.Backend = s.backend
	return st, ok, nil
}

// boltDB is the bolt database of a bolt store, nil for other backends.
func (s *Store) boltDB() *bolt.DB {
	if s.backend != Bolt || s.boltTx == nil {
		return nil
	}
	if hdb, ok := s.boltTx.KV.(*hbolt.DB); ok {
		return hdb.DB()
	}
	return nil
}

// readStats reads the stats in tx. An index may still list quads cayley
// marked deleted, and nodes it removed with them; with verify, an index
// key counts only if one of its quads is live in the log. Without, every
// key counts, and clean reports whether that was right: each index lists
// exactly as many quads as the store holds, so none that it does not.
// When it was not, no stats are returned.
func readStats(ctx context.Context, tx *bolt.Tx, verify bool) (st Stats, clean, ok bool, err error) {
	inds, err := readIndexes(tx)
	if err != nil {
		return Stats{}, false, false, err
	}
	var hasOPS, hasLabel bool
	for _, ind := range inds {
		switch string(indexBucket(ind)) {
		case "ops":
			hasOPS = true
		case string(indexBucket(labelIndex)):
			hasLabel = true
		}
	}
	if !hasOPS || !hasLabel {
		return Stats{}, false, false, nil
	}
	r := statsReader{ctx: ctx, tx: tx, log: tx.Bucket(logBucket), preds: map[uint64]bool{}}
	if verify {
		if err := r.readLive(); err != nil {
			return Stats{}, false, true, err
		}
	}
	st.Classes = map[string]int64{}
	st.Quads = metaInt(tx, keySize)
	clean = true

	// a bucket not made yet is an empty index
	if b := tx.Bucket(indexBucket(labelIndex)); b != nil {
		var listed int64
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := r.step(); err != nil {
				return Stats{}, false, true, err
			}
			listed += countIDs(v)
			if len(k) != 8 || binary.BigEndian.Uint64(k) == 0 || len(v) == 0 {
				continue // 0 is no label
			}
			if live, err := r.anyLive(v); err != nil {
				return Stats{}, false, true, err
			} else if live {
				st.Documents++
			}
		}
		clean = clean && listed == st.Quads
	}
	if !clean && !verify {
		return Stats{}, false, true, ctx.Err() // no use reading the rest
	}

	var (
		nodes    = make(bitset, metaInt(tx, keyHorizon)/64+1) // ids are at most the horizon
		listed   int64
		class    uint64   // the object whose typed subjects are in subjects
		subjects []uint64 // subjects typed as class
		perClass = map[uint64]int64{}
	)
	// the same subject may be typed by two predicates whose text is
	// rdf:type, e.g. an IRI and a string
	flush := func() {
		if len(subjects) > 0 {
			slices.Sort(subjects)
			perClass[class] += int64(len(slices.Compact(subjects)))
			subjects = subjects[:0]
		}
	}
	if b := tx.Bucket([]byte("ops")); b != nil {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := r.step(); err != nil {
				return Stats{}, false, true, err
			}
			listed += countIDs(v)
			if len(k) != 24 || len(v) == 0 {
				continue
			}
			if live, err := r.anyLive(v); err != nil || !live {
				if err != nil {
					return Stats{}, false, true, err
				}
				continue
			}
			o := binary.BigEndian.Uint64(k)
			p := binary.BigEndian.Uint64(k[8:])
			s := binary.BigEndian.Uint64(k[16:])
			nodes.set(o)
			nodes.set(s)
			typed, err := r.isType(p)
			if err != nil {
				return Stats{}, false, true, err
			}
			if typed {
				if o != class {
					flush()
					class = o
				}
				subjects = append(subjects, s)
			}
		}
		flush()
		clean = clean && listed == st.Quads
	}
	if !clean && !verify {
		// a class counted may be a node cayley has removed
		return Stats{}, false, true, ctx.Err()
	}
	if verify {
		st.Quads = r.live.count() // as counted, rather than as recorded
	}
	st.Nodes = nodes.count()
	for id, n := range perClass {
		v, err := r.value(id)
		if err != nil {
			return Stats{}, false, true, err
		}
		st.Classes[vocab.LocalName(vocab.ValueText(v))] += n
	}
	return st, clean, true, ctx.Err()
}

// statsReader reads the log for readStats.
type statsReader struct {
	ctx   context.Context
	tx    *bolt.Tx
	log   *bolt.Bucket
	key   [8]byte
	steps int
	live  bitset          // when verifying: the quads the log holds and has not marked deleted
	preds map[uint64]bool // whether a predicate's text is rdf:type
	last  uint64          // the predicate last asked about, and its answer
	isLst bool
}

// step is called for each key read. Every so often it gives back the
// file's pages the scan mapped into the process (they stay in the page
// cache; a scan of the whole store would otherwise hold gigabytes of it
// as resident memory) and checks for cancellation.
func (r *statsReader) step() error {
	if r.steps++; r.steps&0xffff != 0 {
		return nil
	}
	releaseReadPages(r.tx)
	return r.ctx.Err()
}

// readLive reads which quads are live, in one pass over the log: a key
// by key check of the indexes would be a search of the log for each of
// millions of keys, when deleted quads are a handful.
func (r *statsReader) readLive() error {
	r.live = make(bitset, metaInt(r.tx, keyHorizon)/64+1)
	if r.log == nil {
		return nil
	}
	c := r.log.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := r.step(); err != nil {
			return err
		}
		if len(k) != 8 {
			continue
		}
		_, live, err := decodeLink(v)
		if err != nil {
			return fmt.Errorf("log entry %x: %w", k, err)
		}
		if live {
			r.live.set(binary.BigEndian.Uint64(k))
		}
	}
	return nil
}

// anyLive reports whether an index entry lists a live quad; without
// verifying, every entry does.
func (r *statsReader) anyLive(entry []byte) (bool, error) {
	if r.live == nil {
		return true, nil
	}
	for len(entry) > 0 {
		id, n := binary.Uvarint(entry)
		if n <= 0 {
			return false, fmt.Errorf("corrupt index entry")
		}
		if r.live.has(id) {
			return true, nil
		}
		entry = entry[n:]
	}
	return false, nil
}

// isType reports whether the predicate with id reads as rdf:type, as
// Stats compares predicates by their text.
func (r *statsReader) isType(id uint64) (bool, error) {
	if id == r.last && id != 0 {
		return r.isLst, nil
	}
	typed, seen := r.preds[id]
	if !seen {
		if raw := r.get(id); raw != nil { // a removed node types nothing
			v, err := decodeNodeValue(raw)
			if err != nil {
				return false, fmt.Errorf("node %d: %w", id, err)
			}
			typed = vocab.ValueText(v) == vocab.RDFType
		}
		r.preds[id] = typed
	}
	r.last, r.isLst = id, typed
	return typed, nil
}

func (r *statsReader) value(id uint64) (quad.Value, error) {
	raw := r.get(id)
	if raw == nil {
		return nil, fmt.Errorf("node %d is missing", id)
	}
	v, err := decodeNodeValue(raw)
	if err != nil {
		return nil, fmt.Errorf("node %d: %w", id, err)
	}
	return v, nil
}

func (r *statsReader) get(id uint64) []byte {
	if r.log == nil {
		return nil
	}
	return r.log.Get(binary.BigEndian.AppendUint64(r.key[:0], id))
}

// countIDs is the number of ids in an index entry: each uvarint ends with
// the one byte of it below 0x80.
func countIDs(entry []byte) int64 {
	n := int64(0)
	for _, b := range entry {
		if b < 0x80 {
			n++
		}
	}
	return n
}

// bitset is a set of node ids.
type bitset []uint64

func (b *bitset) set(id uint64) {
	w := id / 64
	if w >= uint64(len(*b)) {
		*b = append(*b, make([]uint64, w+1-uint64(len(*b)))...)
	}
	(*b)[w] |= 1 << (id % 64)
}

func (b bitset) has(id uint64) bool {
	w := id / 64
	return w < uint64(len(b)) && b[w]&(1<<(id%64)) != 0
}

func (b bitset) count() int64 {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return int64(n)
}
