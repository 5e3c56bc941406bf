package graph

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// The bolt store holds cayley's kv layout; the bulk writer (kvwrite.go)
// writes it directly, so these are the names cayley's graph/kv gives its
// buckets and keys:
//
//	meta/version, meta/size, meta/horizon   little-endian int64
//	meta/indexes                            the quad indexes, as JSON
//	meta/pending                            tradegraph's: see pendingNodes
//	log/<id, 8 bytes big-endian>            a node or quad primitive (protobuf)
//	v<h0><h1>/<value hash>                  node id, uvarint
//	n<h0><h1>/<value hash>                  node reference count, uvarint
//	<index dirs' prefixes>/<ids, 8 bytes each, big-endian>
//	                                        ids of the quads with those values, uvarints
var (
	metaBucket   = []byte("meta")
	logBucket    = []byte("log")
	keySize      = []byte("size")
	keyHorizon   = []byte("horizon")
	keyIndexes   = []byte("indexes")
	keyPending   = []byte("pending") // tradegraph's: see pendingNodes
	labelIndex   = kv.QuadIndex{Dirs: []quad.Direction{quad.Label}}
	valueBucket  = func(h []byte) []byte { return []byte{'v', h[0], h[1]} }
	countsBucket = func(h []byte) []byte { return []byte{'n', h[0], h[1]} }
)

// layoutVersion is the version of the kv layout that cayley's kv.New
// reads (its unexported latestDataVersion), and so the one tradegraph
// writes: kv.Init puts it in meta/version of every store it makes.
const layoutVersion = 2

var keyVersion = []byte("version")

// checkLayoutVersion refuses a store of another layout version before
// anything is written to it. Opening a store writes to it before cayley's
// kv.New reads the version (a label index added, pending nodes filed), in
// the layout of this version; in a store of another it would write
// something neither version reads. It refuses as well a store whose size
// or horizon is not a count: the bulk writer numbers new ids from the
// horizon, and would number them again from 1.
func checkLayoutVersion(db *bolt.DB) error {
	return db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(metaBucket)
		if meta == nil {
			return fmt.Errorf("%s: not a tradegraph store: no meta bucket", db.Path())
		}
		v := meta.Get(keyVersion)
		switch {
		case v == nil:
			return fmt.Errorf("%s: not a tradegraph store: no layout version", db.Path())
		case len(v) != 8:
			return fmt.Errorf("%s: not a tradegraph store: a layout version of %d bytes, not 8", db.Path(), len(v))
		}
		if n := int64(binary.LittleEndian.Uint64(v)); n != layoutVersion {
			return fmt.Errorf("%s: store layout version %d, this tradegraph reads %d", db.Path(), n, layoutVersion)
		}
		for _, key := range [][]byte{keySize, keyHorizon} {
			if err := checkMetaCount(meta.Get(key)); err != nil {
				return fmt.Errorf("%s: not a tradegraph store: meta/%s: %w", db.Path(), key, err)
			}
		}
		return nil
	})
}

// readIndexes returns the quad indexes the store keeps.
func readIndexes(tx *bolt.Tx) ([]kv.QuadIndex, error) {
	b := tx.Bucket(metaBucket)
	if b == nil {
		return nil, fmt.Errorf("not a tradegraph store: no meta bucket")
	}
	var out []kv.QuadIndex
	if err := json.Unmarshal(b.Get(keyIndexes), &out); err != nil {
		return nil, fmt.Errorf("reading the store's indexes: %w", err)
	}
	return out, nil
}

func indexBucket(ind kv.QuadIndex) []byte {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return name
}

func hasLabelIndex(inds []kv.QuadIndex) bool {
	for _, ind := range inds {
		if len(ind.Dirs) == 1 && ind.Dirs[0] == quad.Label {
			return true
		}
	}
	return false
}

// ensureLabelIndex makes cayley index quads by label as well, so the quads
// of one document are found without reading the whole store: rebuilding
// one article in a large store then touches only that document. A store
// made before this index existed gets it filled from its quads once.
func ensureLabelIndex(db *bolt.DB) error {
	var has bool
	err := db.View(func(tx *bolt.Tx) error {
		inds, err := readIndexes(tx)
		has = hasLabelIndex(inds)
		return err
	})
	if err != nil || has {
		return err
	}
	return db.Update(func(tx *bolt.Tx) error {
		inds, err := readIndexes(tx)
		if err != nil || hasLabelIndex(inds) {
			return err
		}
		ids := map[uint64][]uint64{}
		if log := tx.Bucket(logBucket); log != nil {
			err := log.ForEach(func(k, v []byte) error {
				p, err := decodePrimitive(v)
				if err != nil {
					return err
				}
				if !p.IsNode() && !p.Deleted {
					ids[p.Label] = append(ids[p.Label], p.ID)
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("indexing labels: %w", err)
			}
		}
		b, err := tx.CreateBucketIfNotExists(indexBucket(labelIndex))
		if err != nil {
			return err
		}
		for label, list := range ids {
			if err := b.Put(uint64Key(label), appendIDs(nil, list)); err != nil {
				return err
			}
		}
		data, err := json.Marshal(append(inds, labelIndex))
		if err != nil {
			return err
		}
		return tx.Bucket(metaBucket).Put(keyIndexes, data)
	})
}

// hasPending reports whether a bulk writer left nodes unfiled.
func hasPending(db *bolt.DB) (bool, error) {
	var has bool
	err := db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(metaBucket); meta != nil {
			has = meta.Get(keyPending) != nil
		}
		return nil
	})
	return has, err
}

// completeUnfinished opens the store at path for writing just long enough
// to file what an interrupted bulk writer left pending.
func completeUnfinished(path string, timeout time.Duration) error {
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: timeout})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return ErrStoreInUse
		}
		return err
	}
	if err := repairPending(db); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

// repairPending files the nodes a bulk writer made and did not file before
// it stopped (see pendingNodes): their ids are above meta/pending, their
// values are in the log, and their counts are those of the quads after it.
func repairPending(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(metaBucket)
		if meta == nil || meta.Get(keyPending) == nil {
			return nil
		}
		start, _ := binary.Uvarint(meta.Get(keyPending))
		log := tx.Bucket(logBucket)
		hashes := map[uint64]refs.ValueHash{}
		counts := map[uint64]int64{}
		c := log.Cursor()
		for k, v := c.Seek(uint64Key(start + 1)); k != nil; k, v = c.Next() {
			p, err := decodePrimitive(v)
			if err != nil {
				return err
			}
			switch {
			case p.IsNode():
				val, err := decodeValue(p.Value)
				if err != nil {
					return fmt.Errorf("log entry %d: %w", p.ID, err)
				}
				hashes[p.ID] = valueHash(val)
			case !p.Deleted:
				for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
					if id > start {
						counts[id]++
					}
				}
			}
		}
		pending := &pendingNodes{start: start, nodes: map[refs.ValueHash]pendingNode{}}
		for id, h := range hashes {
			if counts[id] == 0 {
				if err := log.Delete(uint64Key(id)); err != nil {
					return err
				}
				continue
			}
			pending.nodes[h] = pendingNode{id: id, count: counts[id]}
		}
		return filePending(tx, pending)
	})
}

func uint64Key(id uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), id)
}

// appendIDs appends ids to an index entry, as uvarints.
func appendIDs(b []byte, ids []uint64) []byte {
	for _, id := range ids {
		b = binary.AppendUvarint(b, id)
	}
	return b
}

// decodeIDs reads an index entry.
func decodeIDs(b []byte, out []uint64) ([]uint64, error) {
	for len(b) > 0 {
		id, n := binary.Uvarint(b)
		if n <= 0 {
			return out, fmt.Errorf("corrupt index entry")
		}
		out = append(out, id)
		b = b[n:]
	}
	return out, nil
}

// decodeMetaInt reads a meta integer as cayley's kv does: 8 bytes,
// little-endian, and no record for 0.
func decodeMetaInt(v []byte) (int64, error) {
	switch len(v) {
	case 0:
		return 0, nil
	case 8:
		return int64(binary.LittleEndian.Uint64(v)), nil
	}
	return 0, fmt.Errorf("%d bytes, not an 8-byte integer", len(v))
}

func appendMetaInt(b []byte, n int64) []byte { return binary.LittleEndian.AppendUint64(b, uint64(n)) }

// checkMetaCount checks that a meta integer that counts (the size, the
// horizon) is one, and not below 0.
func checkMetaCount(v []byte) error {
	n, err := decodeMetaInt(v)
	if err == nil && n < 0 {
		err = fmt.Errorf("%d, below 0", n)
	}
	return err
}

// metaInt is a meta integer, 0 if there is none; checkLayoutVersion has
// refused a store whose counts are not integers.
func metaInt(tx *bolt.Tx, key []byte) int64 {
	n, _ := decodeMetaInt(tx.Bucket(metaBucket).Get(key))
	return n
}

func putMetaInt(tx *bolt.Tx, key []byte, n int64) error {
	return tx.Bucket(metaBucket).Put(key, appendMetaInt(nil, n))
}
