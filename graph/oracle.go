package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// LayoutReport is what CheckLayout found in a bolt store's kv layout.
type LayoutReport struct {
	Quads      int64 `json:"quads"`      // live quads in the log
	Nodes      int64 `json:"nodes"`      // nodes in the log
	Tombstones int64 `json:"tombstones"` // quads cayley marked deleted and left in the log
	// Violations break an invariant of the layout that cayley's readers,
	// its writer or tradegraph's rely on. Notes are what cayley's own
	// writes leave in a store, which change no answer of tradegraph's (see
	// the comment on CheckLayout).
	Violations []LayoutFinding `json:"violations"`
	Notes      []LayoutFinding `json:"notes"`
	// Found counts the findings of each kind, the listed ones and those
	// past the first maxFindings of a kind, which are not listed.
	Found map[string]int `json:"found"`
}

// LayoutFinding is one thing CheckLayout found.
type LayoutFinding struct {
	Kind   string `json:"kind"`
	Key    string `json:"key"`    // where: bucket/key, with ids in decimal and hashes in hex
	Detail string `json:"detail"` // what was found, and what the layout wants
}

// The kinds of findings. Violations:
const (
	FindVersion   = "version"         // meta/version is not the layout's
	FindMeta      = "meta"            // a meta record that cannot be read
	FindPending   = "pending"         // meta/pending: a bulk writer stopped before filing its nodes
	FindSize      = "size"            // meta/size is not the number of live quads
	FindHorizon   = "horizon"         // an id in the log above meta/horizon
	FindLog       = "log"             // a log entry that cannot be read, or is not what its key says
	FindDangling  = "dangling-id"     // a live quad refers to an id that is no node
	FindCountLow  = "count-low"       // fewer references counted than live quads refer to a node
	FindValue     = "value-index"     // the value index does not file a node, or files what is no node
	FindDuplicate = "duplicate-value" // two nodes of one value
	FindIndex     = "index"           // a quad index does not hold exactly the live quads
	FindStray     = "stray-key"       // a key of the layout's buckets that no reader expects
)

// Notes:
const (
	FindCountHigh = "count-high"  // more references counted than live quads refer to a node
	FindUnused    = "unused-node" // a node no live quad refers to
	FindTombstone = "tombstone"   // an index lists a quad cayley marked deleted
)

// maxFindings is how many findings of one kind a report lists.
const maxFindings = 100

// notes are the kinds of findings that are not violations.
var notes = map[string]bool{FindCountHigh: true, FindUnused: true, FindTombstone: true}

// Clean reports whether the layout has no violations.
func (r LayoutReport) Clean() bool { return len(r.Violations) == 0 }

// ViolationCount is the number of violations found, listed or not.
func (r LayoutReport) ViolationCount() int {
	n := 0
	for kind, count := range r.Found {
		if !notes[kind] {
			n += count
		}
	}
	return n
}

// IsNote reports whether findings of kind are notes, not violations.
func IsNote(kind string) bool { return notes[kind] }

// ErrNotBolt reports a layout check of a store that has neither a kv
// layout nor cayley's SQL tables.
var ErrNotBolt = errors.New("the layout check reads bolt and postgres stores only")

// CheckLayout reads the whole of a bolt store's kv layout in one read
// transaction and checks its invariants: every node's reference count is
// the number of live quads that refer to it; there is one node per value,
// filed by its hash in the value index; meta/size is the number of live
// quads, meta/horizon at least every id in the log, meta/version the
// layout's, and no meta/pending is left; every index of meta/indexes
// holds exactly the live quads, each under its key, its lists in rising
// order. The log is read as cayley reads it (protobuf, pquads, cayley's
// hash), so that tradegraph's writer is held to cayley's reading.
//
// Three departures are what cayley's own writer, ApplyDeltas, leaves in
// a store (Store.Apply writes through it), and are notes, not violations:
//
// Counts too high. ApplyDeltas counts the references of the quads it is
// given before it drops those already stored (IgnoreDup), so adding a
// stored quad again raises its nodes' counts; a change that deletes
// counts exactly. A count is read only by the writers, cayley's and
// tradegraph's, which remove a node when its count reaches zero: none of
// cayley's readers (its iterators, ValueOf, NameOf) nor tradegraph's
// reads it, so while the node has quads no answer changes.
//
// Unused nodes. What a count too high does change comes when the node's
// last quad goes, whichever writer removes it (the bulk writer trusts the
// count as cayley does): the node stays, filed by value and in the log.
// Every answer of tradegraph's own (its queries, Stats, dump, export,
// Check) is read from quads, and stays right. Cayley's NodesAllIterator
// and ValueOf still give the node, so a raw gizmo query's g.V() lists it
// and g.V(x) starts from it, where the memory store has removed it: that
// is cayley's bolt store as cayley writes it, not a store tradegraph
// misreads. A count too low is a violation: the node is removed while
// quads still refer to it, and those quads lose a value.
//
// Tombstones. ApplyDeltas deletes a quad by marking its primitive
// deleted, and leaves it in the log and in every index; all of cayley's
// readers skip deleted primitives, and so do tradegraph's. The size of an
// index entry counts them, which only cayley's query optimiser reads, as
// a cost: its query languages count nodes, through a HasA, whose size is
// never exact and so is counted by iterating. An index that lists a
// tombstone under the tombstone's own key is a note; a tombstone anywhere
// else, an id the log does not hold, or a node in an index, is a
// violation.
func (s *Store) CheckLayout(ctx context.Context) (LayoutReport, error) {
	if s.pg != nil { // postgres, not a ThroughCayley view
		return s.checkTablesSQL(ctx)
	}
	db := s.boltDB()
	if db == nil {
		return LayoutReport{}, ErrNotBolt
	}
	var rep LayoutReport
	err := db.View(func(tx *bolt.Tx) error {
		var err error
		rep, err = checkLayout(ctx, tx)
		return err
	})
	return rep, err
}

// layoutCheck is the state of one CheckLayout.
type layoutCheck struct {
	ctx   context.Context
	tx    *bolt.Tx
	rep   LayoutReport
	steps int

	nodes   []checkedNode          // by id, in the log's order
	quads   []checkedQuad          // live quads by id, in the log's order
	dead    []checkedQuad          // tombstones by id
	unread  []uint64               // ids of log entries that cannot be read
	byHash  map[refs.ValueHash]int // the first node of each value, by position in nodes
	maxID   uint64
	inds    []kv.QuadIndex
	pending bool
}

type checkedNode struct {
	id      uint64
	hash    refs.ValueHash
	refs    int64 // live quads referring to it, once per direction
	filed   bool  // the value index files it
	counted bool  // the count bucket has a count for its value
}

type checkedQuad struct {
	id  uint64
	ids ids
}

func checkLayout(ctx context.Context, tx *bolt.Tx) (LayoutReport, error) {
	c := &layoutCheck{ctx: ctx, tx: tx, byHash: map[refs.ValueHash]int{}}
	c.rep.Violations, c.rep.Notes, c.rep.Found = []LayoutFinding{}, []LayoutFinding{}, map[string]int{}
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		c.find(FindMeta, "meta", "no meta bucket: not a tradegraph store")
		return c.rep, nil
	}
	steps := []func() error{c.checkMeta, c.readLog, c.checkRefs, c.checkValues, c.checkCounts, c.checkIndexes, c.checkBuckets, c.checkSizes}
	for _, step := range steps {
		if err := step(); err != nil {
			return c.rep, err
		}
	}
	return c.rep, ctx.Err()
}

// find adds a finding; past maxFindings of its kind it is only counted.
func (c *layoutCheck) find(kind, key, detail string, args ...any) {
	c.rep.add(kind, key, detail, args...)
}

func (r *LayoutReport) add(kind, key, detail string, args ...any) {
	r.Found[kind]++
	if r.Found[kind] > maxFindings {
		return
	}
	f := LayoutFinding{Kind: kind, Key: key, Detail: fmt.Sprintf(detail, args...)}
	if notes[kind] {
		r.Notes = append(r.Notes, f)
	} else {
		r.Violations = append(r.Violations, f)
	}
}

// step is called for each key read; now and then it checks for
// cancellation and gives back the file's pages the check mapped in.
func (c *layoutCheck) step() error {
	if c.steps++; c.steps&0xffff != 0 {
		return nil
	}
	releaseReadPages(c.tx)
	return c.ctx.Err()
}

func (c *layoutCheck) checkMeta() error {
	meta := c.tx.Bucket(metaBucket)
	switch v := meta.Get(keyVersion); {
	case v == nil:
		c.find(FindVersion, "meta/version", "missing; cayley's kv reads only stores of version %d", layoutVersion)
	case len(v) != 8:
		c.find(FindVersion, "meta/version", "%d bytes, not an 8-byte integer", len(v))
	case int64(binary.LittleEndian.Uint64(v)) != layoutVersion:
		c.find(FindVersion, "meta/version", "version %d; cayley's kv reads only %d", int64(binary.LittleEndian.Uint64(v)), layoutVersion)
	}
	for _, key := range [][]byte{keySize, keyHorizon} {
		if err := checkMetaCount(meta.Get(key)); err != nil {
			c.find(FindMeta, "meta/"+string(key), "%v", err)
		}
	}
	if v := meta.Get(keyIndexes); v == nil {
		c.find(FindMeta, "meta/indexes", "missing; cayley would read the store by its legacy indexes")
	} else if err := json.Unmarshal(v, &c.inds); err != nil {
		c.find(FindMeta, "meta/indexes", "not a list of indexes: %v", err)
	} else if len(c.inds) == 0 {
		c.find(FindMeta, "meta/indexes", "no indexes; cayley would read the store by its legacy indexes")
	}
	for i, ind := range c.inds {
		if len(ind.Dirs) == 0 || slices.ContainsFunc(ind.Dirs, func(d quad.Direction) bool { return d.Prefix() == 0 || d == quad.Any }) {
			c.find(FindMeta, "meta/indexes", "index %d has directions %v", i, ind.Dirs)
			c.inds = nil
			break
		}
	}
	if v := meta.Get(keyPending); v != nil {
		c.pending = true
		start, n := binary.Uvarint(v)
		c.find(FindPending, "meta/pending", "nodes made after id %d (%d bytes) were not filed by value: a bulk writer stopped before it finished", start, n)
	}
	return meta.ForEach(func(k, _ []byte) error {
		switch string(k) {
		case string(keyVersion), string(keySize), string(keyHorizon), string(keyIndexes), string(keyPending):
			return nil
		}
		c.find(FindStray, "meta/"+printable(k), "a meta record no reader knows")
		return nil
	})
}

// readLog reads every primitive as cayley does, with protobuf and pquads.
func (c *layoutCheck) readLog() error {
	log := c.tx.Bucket(logBucket)
	if log == nil {
		c.find(FindLog, "log", "no log bucket")
		return nil
	}
	horizon := uint64(metaInt(c.tx, keyHorizon))
	var p cproto.Primitive
	cur := log.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if err := c.step(); err != nil {
			return err
		}
		if len(k) != 8 {
			c.find(FindLog, "log/"+printable(k), "a key of %d bytes, not an 8-byte id", len(k))
			continue
		}
		id := binary.BigEndian.Uint64(k)
		key := "log/" + strconv.FormatUint(id, 10)
		c.maxID = id
		if id > horizon {
			c.find(FindHorizon, key, "id %d is above meta/horizon %d: cayley would give it to a new primitive", id, horizon)
		}
		if err := readPrimitive(v, &p); err != nil {
			c.find(FindLog, key, "%v", err)
			c.unread = append(c.unread, id)
			continue
		}
		if p.ID != id {
			c.find(FindLog, key, "the primitive's own id is %d", p.ID)
		}
		switch {
		case p.IsNode():
			if p.Deleted {
				c.find(FindLog, key, "a node marked deleted: cayley removes nodes, it does not mark them")
			}
			val, err := unmarshalValue(p.Value)
			if err != nil || val == nil {
				c.find(FindLog, key, "the node's value cannot be read: %v", err)
				c.unread = append(c.unread, id)
				continue
			}
			// cayley's own hash, not valueHash: the check holds tradegraph's
			// writer to cayley's reading
			h := refs.HashOf(val)
			c.nodes = append(c.nodes, checkedNode{id: id, hash: h})
			if first, dup := c.byHash[h]; dup {
				c.find(FindDuplicate, key, "node %d has the value %v of node %d", id, val, c.nodes[first].id)
			} else {
				c.byHash[h] = len(c.nodes) - 1
			}
		case p.Deleted:
			c.dead = append(c.dead, checkedQuad{id, ids{p.Subject, p.Predicate, p.Object, p.Label}})
		default:
			if p.Subject == 0 || p.Predicate == 0 || p.Object == 0 {
				c.find(FindLog, key, "a quad without a subject, predicate or object: %d %d %d", p.Subject, p.Predicate, p.Object)
			}
			c.quads = append(c.quads, checkedQuad{id, ids{p.Subject, p.Predicate, p.Object, p.Label}})
		}
	}
	c.rep.Quads, c.rep.Nodes, c.rep.Tombstones = int64(len(c.quads)), int64(len(c.nodes)), int64(len(c.dead))
	return nil
}

// node is the position of the node with id, -1 if the log has none.
func (c *layoutCheck) node(id uint64) int {
	i, ok := slices.BinarySearchFunc(c.nodes, id, func(n checkedNode, id uint64) int { return cmpUint(n.id, id) })
	if !ok {
		return -1
	}
	return i
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkRefs counts each node's references and finds quads referring to
// what is no node.
func (c *layoutCheck) checkRefs() error {
	for _, q := range c.quads {
		for d, id := range q.ids {
			if id == 0 {
				continue
			}
			if i := c.node(id); i >= 0 {
				c.nodes[i].refs++
				continue
			}
			c.find(FindDangling, "log/"+strconv.FormatUint(q.id, 10), "its %s is %d, %s", quad.Directions[d], id, c.whatIs(id))
		}
	}
	return nil
}

// whatIs says what the log holds at an id that is no node.
func (c *layoutCheck) whatIs(id uint64) string {
	if c.quadAt(c.quads, id) >= 0 {
		return "a quad"
	}
	if c.quadAt(c.dead, id) >= 0 {
		return "a deleted quad"
	}
	return c.notInLog(id)
}

// notInLog says why an id is none of the primitives the log holds.
func (c *layoutCheck) notInLog(id uint64) string {
	if _, found := slices.BinarySearch(c.unread, id); found {
		return "whose log entry cannot be read"
	}
	return "which the log does not hold"
}

func (c *layoutCheck) quadAt(list []checkedQuad, id uint64) int {
	i, ok := slices.BinarySearchFunc(list, id, func(q checkedQuad, id uint64) int { return cmpUint(q.id, id) })
	if !ok {
		return -1
	}
	return i
}

// hashKey is where a hash is filed in the value or count buckets.
func hashKey(prefix func([]byte) []byte, h []byte) string {
	return string(prefix(h)[:1]) + hex.EncodeToString(h[:2]) + "/" + hex.EncodeToString(h)
}

// eachHashBucket calls fn for each key of the value or count buckets.
func (c *layoutCheck) eachHashBucket(kind byte, fn func(bucket, k, v []byte) error) error {
	root := c.tx.Cursor()
	for name, _ := root.Seek([]byte{kind}); name != nil && name[0] == kind; name, _ = root.Next() {
		if len(name) != 3 {
			continue // not a hash bucket: checkBuckets reports it
		}
		b := c.tx.Bucket(name)
		if b == nil {
			continue
		}
		cur := b.Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if err := c.step(); err != nil {
				return err
			}
			if len(k) != len(refs.ValueHash{}) || !bytes.Equal(k[:2], name[1:]) {
				c.find(FindStray, string(name[:1])+hex.EncodeToString(name[1:])+"/"+hex.EncodeToString(k), "not a value hash of the bucket")
				continue
			}
			if err := fn(name, k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkValues checks the value index: each hash files the node of that
// value, and each node is filed.
func (c *layoutCheck) checkValues() error {
	err := c.eachHashBucket('v', func(_, k, v []byte) error {
		key := hashKey(valueBucket, k)
		id, n := binary.Uvarint(v)
		if n <= 0 || n != len(v) {
			c.find(FindValue, key, "not a node id: %x", v)
			return nil
		}
		i := c.node(id)
		switch {
		case i < 0:
			c.find(FindValue, key, "files id %d, %s", id, c.whatIs(id))
		case c.nodes[i].hash != refs.ValueHash(k):
			c.find(FindValue, key, "files node %d, whose value hashes to %x", id, c.nodes[i].hash)
		default:
			c.nodes[i].filed = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, n := range c.nodes {
		if !n.filed && !c.pending {
			c.find(FindValue, hashKey(valueBucket, n.hash[:]), "does not file node %d: its value is not found", n.id)
		}
	}
	return nil
}

// checkCounts compares each count with the node's live references.
func (c *layoutCheck) checkCounts() error {
	err := c.eachHashBucket('n', func(_, k, v []byte) error {
		key := hashKey(countsBucket, k)
		count, n := binary.Uvarint(v)
		if n <= 0 || n != len(v) {
			c.find(FindCountLow, key, "not a count: %x", v)
			return nil
		}
		i, ok := c.byHash[refs.ValueHash(k)]
		if !ok {
			c.find(FindStray, key, "counts %d references of a value no node has", count)
			return nil
		}
		node := &c.nodes[i]
		node.counted = true
		c.compareCount(key, node, int64(count))
		return nil
	})
	if err != nil {
		return err
	}
	for i := range c.nodes {
		if n := &c.nodes[i]; !n.counted && !c.pending {
			c.compareCount(hashKey(countsBucket, n.hash[:]), n, 0)
		}
	}
	return nil
}

func (c *layoutCheck) compareCount(key string, n *checkedNode, count int64) {
	switch {
	case count < n.refs:
		c.find(FindCountLow, key, "node %d: %d references counted, %d live quads refer to it: it would be removed while they do", n.id, count, n.refs)
	case n.refs == 0:
		c.find(FindUnused, key, "node %d: no live quad refers to it, %d references counted", n.id, count)
	case count > n.refs:
		c.find(FindCountHigh, key, "node %d: %d references counted, %d live quads refer to it", n.id, count, n.refs)
	}
}

// checkIndexes checks that each index lists every live quad once, under
// its key, and nothing else but tombstones under theirs.
func (c *layoutCheck) checkIndexes() error {
	for _, ind := range c.inds {
		if err := c.checkIndex(ind); err != nil {
			return err
		}
	}
	return nil
}

func (c *layoutCheck) checkIndex(ind kv.QuadIndex) error {
	name := indexBucket(ind)
	listed := make([]bool, len(c.quads))
	if b := c.tx.Bucket(name); b != nil {
		var list []uint64
		cur := b.Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if err := c.step(); err != nil {
				return err
			}
			key := string(name) + "/" + keyIDs(k)
			if len(k) != 8*len(ind.Dirs) {
				c.find(FindIndex, key, "a key of %d bytes, not %d ids", len(k), len(ind.Dirs))
				continue
			}
			var err error
			if list, err = decodeIDs(v, list[:0]); err != nil {
				c.find(FindIndex, key, "%v", err)
				continue
			}
			if len(list) == 0 {
				c.find(FindIndex, key, "an empty entry")
			}
			for j, id := range list {
				if j > 0 && id <= list[j-1] {
					c.find(FindIndex, key, "ids out of order (%d after %d): cayley intersects index entries as sorted lists", id, list[j-1])
				}
				if i := c.quadAt(c.quads, id); i >= 0 {
					switch {
					case !bytes.Equal(indexKey(ind, c.quads[i].ids), k):
						c.find(FindIndex, key, "lists quad %d, whose key is %s", id, keyIDs(indexKey(ind, c.quads[i].ids)))
					case listed[i]:
						c.find(FindIndex, key, "lists quad %d twice", id)
					default:
						listed[i] = true
					}
					continue
				}
				if i := c.quadAt(c.dead, id); i >= 0 && bytes.Equal(indexKey(ind, c.dead[i].ids), k) {
					c.find(FindTombstone, key, "lists quad %d, which cayley marked deleted", id)
					continue
				}
				c.find(FindIndex, key, "lists id %d, %s", id, c.notAQuad(ind, id))
			}
		}
	}
	for i, ok := range listed {
		if !ok {
			q := c.quads[i]
			c.find(FindIndex, string(name)+"/"+keyIDs(indexKey(ind, q.ids)), "does not list quad %d", q.id)
		}
	}
	return nil
}

// notAQuad says what an index lists that is no live quad.
func (c *layoutCheck) notAQuad(ind kv.QuadIndex, id uint64) string {
	if i := c.quadAt(c.dead, id); i >= 0 {
		return "a deleted quad of key " + keyIDs(indexKey(ind, c.dead[i].ids))
	}
	if c.node(id) >= 0 {
		return "a node"
	}
	return c.notInLog(id)
}

// keyIDs shows an index key as its ids.
func keyIDs(k []byte) string {
	if len(k)%8 != 0 {
		return hex.EncodeToString(k)
	}
	parts := make([]string, 0, len(k)/8)
	for ; len(k) > 0; k = k[8:] {
		parts = append(parts, strconv.FormatUint(binary.BigEndian.Uint64(k), 10))
	}
	return strings.Join(parts, ",")
}

// checkBuckets reports buckets that are none of the layout's.
func (c *layoutCheck) checkBuckets() error {
	known := map[string]bool{string(metaBucket): true, string(logBucket): true}
	for _, ind := range c.inds {
		known[string(indexBucket(ind))] = true
	}
	return c.tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if known[string(name)] || len(name) == 3 && (name[0] == 'v' || name[0] == 'n') {
			return nil
		}
		c.find(FindStray, printable(name), "a bucket that is none of the layout's")
		return nil
	})
}

// checkSizes compares meta/size and meta/horizon with the log.
func (c *layoutCheck) checkSizes() error {
	meta := c.tx.Bucket(metaBucket)
	if size := metaInt(c.tx, keySize); size != int64(len(c.quads)) && (meta.Get(keySize) != nil || len(c.quads) > 0) {
		c.find(FindSize, "meta/size", "%d, but the log holds %d live quads", size, len(c.quads))
	}
	if meta.Get(keyHorizon) == nil && c.maxID > 0 {
		c.find(FindHorizon, "meta/horizon", "missing, and the log holds ids up to %d", c.maxID)
	}
	return nil
}

// printable shows a key as text if it is, else in hex.
func printable(k []byte) string {
	for _, b := range k {
		if b < 0x20 || b >= 0x7f {
			return hex.EncodeToString(k)
		}
	}
	return string(k)
}
