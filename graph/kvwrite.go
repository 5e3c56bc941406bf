package graph

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
)

// What one queued quad and one queued value cost while queued and while
// written (index records, primitives, bolt's dirty pages), so that a batch
// of BatchBytes takes about that much memory.
const (
	quadCost  = 320
	valueCost = 256
)

// kvQueue is a batch of changes for the bolt store, with every value
// interned once: a quad is four indices into vals.
type kvQueue struct {
	nodes   map[refs.ValueHash]int32
	known   map[quad.Value]int32 // IRIs and strings queued, found without hashing
	vals    []kvValue
	seen    map[[4]int32]struct{} // quads queued, over all changes
	changes []kvChange
	bytes   int64
}

type kvValue struct {
	hash refs.ValueHash
	val  quad.Value
}

type kvChange struct {
	replace []int32
	adds    [][4]int32 // -1 where a direction has no value
}

func newKVQueue() *kvQueue {
	return &kvQueue{nodes: map[refs.ValueHash]int32{}, known: map[quad.Value]int32{}, seen: map[[4]int32]struct{}{}}
}

func (q *kvQueue) size() int64 { return q.bytes }

func (q *kvQueue) empty() bool { return len(q.changes) == 0 }

// intern returns v's index in vals; -1 for no value.
func (q *kvQueue) intern(v quad.Value) int32 {
	if v == nil {
		return -1
	}
	// a document's label and the model's predicates come with every quad:
	// a map lookup is far cheaper than their SHA-1
	cacheable := false
	switch v.(type) {
	case quad.IRI, quad.String:
		if i, ok := q.known[v]; ok {
			return i
		}
		cacheable = true
	}
	h := valueHash(v)
	if i, ok := q.nodes[h]; ok {
		if cacheable {
			q.known[v] = i
		}
		return i
	}
	i := int32(len(q.vals))
	q.nodes[h] = i
	if cacheable {
		q.known[v] = i
	}
	q.vals = append(q.vals, kvValue{hash: h, val: v})
	q.bytes += valueCost + formBytes(v)
	return i
}

// formBytes is about the length of v's N-Quads form, held while v is
// queued and written: the string is not built again for IRIs and plain
// strings, the most numerous, and a string's escapes are not counted.
func formBytes(v quad.Value) int64 {
	switch v := v.(type) {
	case quad.IRI:
		return int64(len(v)) + 2
	case quad.String:
		return int64(len(v)) + 2
	}
	return int64(len(v.String()))
}

func (q *kvQueue) add(c Change) {
	kc := kvChange{replace: make([]int32, len(c.Replace))}
	for i, l := range c.Replace {
		kc.replace[i] = q.intern(l)
	}
	kc.adds = make([][4]int32, 0, len(c.Add))
	for _, qd := range c.Add {
		var t [4]int32
		for d, dir := range quad.Directions {
			t[d] = q.intern(qd.Get(dir))
		}
		if _, dup := q.seen[t]; dup {
			continue
		}
		q.seen[t] = struct{}{}
		kc.adds = append(kc.adds, t)
	}
	q.bytes += quadCost * int64(len(kc.adds))
	q.changes = append(q.changes, kc)
}

// ids is a quad's node ids, subject, predicate, object and label.
type ids [4]uint64

// nodeChange is what a batch does to one node.
type nodeChange struct {
	id    uint64
	hash  refs.ValueHash
	known bool       // hash is set
	local int32      // index in the queue's values; new nodes only
	val   quad.Value // set for new nodes
	delta int64      // references added minus references removed
	held  bool       // a node made by this writer, not yet filed
}

// pendingNodes are the nodes a bulk writer made and has not filed by value
// yet. The value and count buckets are keyed by hash, so every batch that
// filed its new nodes would rewrite pages all over them, and a large build
// would rewrite them once per batch; instead they are filed once, when the
// writer is flushed or the nodes pass their share of the memory bound.
// Until then meta/pending holds the first of their ids, so a store whose
// writer died files them when next opened (repairPending).
type pendingNodes struct {
	start uint64                         // the horizon before the first of them
	nodes map[refs.ValueHash]pendingNode // values, not pointers: a map the collector need not scan
	// what a batch changed, to undo when its transaction fails
	undo []pendingUndo
}

// pendingUndo is a node's entry before a batch changed it.
type pendingUndo struct {
	hash refs.ValueHash
	node pendingNode
	had  bool
}

// begin starts recording changes for a batch; rollback undoes them, commit
// forgets them.
func (p *pendingNodes) begin() uint64 {
	p.undo = p.undo[:0]
	return p.start
}

func (p *pendingNodes) rollback(start uint64) {
	for i := len(p.undo) - 1; i >= 0; i-- {
		u := p.undo[i]
		if u.had {
			p.nodes[u.hash] = u.node
		} else {
			delete(p.nodes, u.hash)
		}
	}
	p.undo = p.undo[:0]
	p.start = start
}

func (p *pendingNodes) commit() { p.undo = p.undo[:0] }

// set and del change a node's entry, recording what it was.
func (p *pendingNodes) set(h refs.ValueHash, n pendingNode) {
	old, had := p.nodes[h]
	p.undo = append(p.undo, pendingUndo{hash: h, node: old, had: had})
	p.nodes[h] = n
}

func (p *pendingNodes) del(h refs.ValueHash) {
	old, had := p.nodes[h]
	p.undo = append(p.undo, pendingUndo{hash: h, node: old, had: had})
	delete(p.nodes, h)
}

type pendingNode struct {
	id    uint64
	count int64
}

// pendingNodeCost is what a pending node takes in memory, in a map of
// 36-byte slots kept at most 7/8 full, counting the map's growth.
const pendingNodeCost = 64

func (p *pendingNodes) bytes() int64 { return pendingNodeCost * int64(len(p.nodes)) }

// kvWrite writes the batch in tx: cayley's kv layout, each bucket's keys
// in order, the log appended at its end.
type kvWrite struct {
	tx      *bolt.Tx
	q       *kvQueue
	pending *pendingNodes
	inds    []kv.QuadIndex
	log     *bolt.Bucket
	ids     []uint64 // node id per queued value; 0 while new
	nodes   map[uint64]*nodeChange
	newOf   []*nodeChange // by queued value, for values the store lacks
	fresh   []*nodeChange // new nodes, by hash
	added   [][4]int32
	removed []removedQuad
	arena   []byte
	// the id of the batch's first new node: an index key holding it or
	// a later id is not in the store yet
	firstNew uint64
	// labels whose stored quads are read for a replace or for a check
	labelQuads map[uint64]map[ids]uint64
}

type removedQuad struct {
	id  uint64
	ids ids
}

// write writes the batch in tx. The nodes it makes join pending.
func (q *kvQueue) write(tx *bolt.Tx, pending *pendingNodes) (res Result, nodesRemoved bool, err error) {
	inds, err := readIndexes(tx)
	if err != nil {
		return Result{}, false, err
	}
	if !hasLabelIndex(inds) {
		return Result{}, false, fmt.Errorf("the store has no label index (open it for writing once to add it)")
	}
	w := &kvWrite{tx: tx, q: q, pending: pending, inds: inds, log: tx.Bucket(logBucket), nodes: map[uint64]*nodeChange{},
		newOf: make([]*nodeChange, len(q.vals)), labelQuads: map[uint64]map[ids]uint64{}}
	if w.log == nil {
		return Result{}, false, fmt.Errorf("not a tradegraph store: no log bucket")
	}
	w.resolve()
	for _, c := range q.changes {
		if err := w.change(c); err != nil {
			return Result{}, false, err
		}
	}
	horizon := uint64(metaInt(tx, keyHorizon))
	now := time.Now().UnixNano()
	for _, n := range w.newOf {
		if n != nil {
			w.fresh = append(w.fresh, n)
		}
	}
	slices.SortFunc(w.fresh, func(a, b *nodeChange) int { return cmpHash(a.hash, b.hash) })
	if len(w.fresh) > 0 && len(pending.nodes) == 0 {
		pending.start = horizon
	}
	w.firstNew = horizon + 1
	for _, n := range w.fresh {
		horizon++
		n.id = horizon
		w.ids[n.local] = n.id
	}
	// The count buckets (n..) sort before the value buckets (v..): made
	// first, each new bucket goes at the end of the root, not before 65,536
	// others.
	removedNodes, err := w.writeCounts()
	if err != nil {
		return Result{}, false, err
	}
	if err := w.writeNodes(now); err != nil {
		return Result{}, false, err
	}
	first := horizon + 1
	horizon += uint64(len(w.added))
	if err := w.writeQuads(first, now); err != nil {
		return Result{}, false, err
	}
	size := metaInt(tx, keySize) + int64(len(w.added)) - int64(len(w.removed))
	if err := putMetaInt(tx, keySize, size); err != nil {
		return Result{}, false, err
	}
	if err := putMetaInt(tx, keyHorizon, int64(horizon)); err != nil {
		return Result{}, false, err
	}
	meta := tx.Bucket(metaBucket)
	if len(pending.nodes) > 0 {
		err = meta.Put(keyPending, binary.AppendUvarint(nil, pending.start))
	} else {
		err = meta.Delete(keyPending) // its nodes are all gone again
	}
	if err != nil {
		return Result{}, false, err
	}
	return Result{Added: len(w.added), Removed: len(w.removed)}, removedNodes > 0, nil
}

// filePending writes the pending nodes' counts and ids, in hash order, and
// clears meta/pending, in one transaction.
func filePending(tx *bolt.Tx, pending *pendingNodes) error {
	if err := fileNodes(tx, pending, pendingHashes(pending)); err != nil {
		return err
	}
	clear(pending.nodes)
	return tx.Bucket(metaBucket).Delete(keyPending)
}

// fileInParts files the pending nodes in several transactions, each for a
// range of hashes. The value and count buckets are keyed by hash, so filing
// touches pages all over them, and one transaction would hold all of them
// in memory: a gigabyte in a store of ten million quads. A part holds about
// a million ids' worth of the store. Until the last part is written,
// meta/pending stays, so a writer stopped on the way leaves nodes that the
// next open files again (repairPending).
func fileInParts(db *bolt.DB, pending *pendingNodes) error {
	var horizon int64
	if err := db.View(func(tx *bolt.Tx) error {
		horizon = metaInt(tx, keyHorizon)
		return nil
	}); err != nil {
		return err
	}
	parts := int(min(max(horizon/idsPerPart, 1), 64))
	hashes := pendingHashes(pending)
	for i := range parts {
		// the hashes whose bucket (their first two bytes) is in the part
		end := len(hashes)
		if i < parts-1 {
			limit := (i + 1) * 65536 / parts
			end, _ = slices.BinarySearchFunc(hashes, limit, func(h refs.ValueHash, limit int) int {
				return cmp.Compare(int(h[0])<<8|int(h[1]), limit)
			})
		}
		part := hashes[:end]
		hashes = hashes[end:]
		last := i == parts-1
		err := db.Update(func(tx *bolt.Tx) error {
			if err := fileNodes(tx, pending, part); err != nil {
				return err
			}
			if last {
				if err := tx.Bucket(metaBucket).Delete(keyPending); err != nil {
					return err
				}
			}
			releasePages(tx)
			return nil
		})
		if err != nil {
			return err
		}
		for _, h := range part {
			delete(pending.nodes, h)
		}
	}
	return nil
}

// idsPerPart is how many ids of the store a part of a filing stands for.
var idsPerPart int64 = 1 << 20

// pendingHashes returns the hashes of the pending nodes, sorted.
func pendingHashes(pending *pendingNodes) []refs.ValueHash {
	hashes := make([]refs.ValueHash, 0, len(pending.nodes))
	for h := range pending.nodes {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, cmpHash)
	return hashes
}

// fileNodes writes the counts and ids of the pending nodes with the sorted
// hashes.
func fileNodes(tx *bolt.Tx, pending *pendingNodes, hashes []refs.ValueHash) error {
	// counts (n..) first: they sort before values (v..), so each new
	// bucket goes at the end of the root, not before 65,536 others
	for _, prefix := range []func([]byte) []byte{countsBucket, valueBucket} {
		var (
			b    *bolt.Bucket
			name [3]byte
		)
		for _, h := range hashes {
			if nm := [3]byte(prefix(h[:])); nm != name || b == nil {
				var err error
				name = nm
				if b, err = tx.CreateBucketIfNotExists(nm[:]); err != nil {
					return err
				}
			}
			n := pending.nodes[h]
			v := uint64(n.count)
			if name[0] == 'v' {
				v = n.id
			}
			if err := b.Put(h[:], binary.AppendUvarint(nil, v)); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve finds the ids of the queued values the store already holds,
// looking them up in hash order, which is the buckets' order.
func (w *kvWrite) resolve() {
	q := w.q
	w.ids = make([]uint64, len(q.vals))
	order := make([]int32, len(q.vals))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmpHash(q.vals[a].hash, q.vals[b].hash) })
	var (
		b    *bolt.Bucket
		name [3]byte
	)
	for _, i := range order {
		h := q.vals[i].hash
		if p, ok := w.pending.nodes[h]; ok {
			w.ids[i] = p.id
			n := w.node(p.id)
			n.hash, n.known, n.held = h, true, true
			continue
		}
		if n := [3]byte(valueBucket(h[:])); n != name || b == nil {
			name, b = n, w.tx.Bucket(n[:])
		}
		if b == nil {
			continue
		}
		if v := b.Get(h[:]); v != nil {
			w.ids[i], _ = binary.Uvarint(v)
		}
	}
}

func cmpHash(a, b refs.ValueHash) int {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// node returns the change record of an existing node.
func (w *kvWrite) node(id uint64) *nodeChange {
	n := w.nodes[id]
	if n == nil {
		n = &nodeChange{id: id}
		w.nodes[id] = n
	}
	return n
}

// change works out what one change adds and removes (see replacedQuads):
// its quads not stored yet, and the stored quads under its replaced labels
// that it lacks.
func (w *kvWrite) change(c kvChange) error {
	stored := newReplacedQuads[ids, uint64]()
	replaced := map[uint64]bool{}
	for _, l := range c.replace {
		id := w.ids[l]
		if id == 0 {
			continue
		}
		replaced[id] = true
		quads, err := w.quadsOfLabel(id)
		if err != nil {
			return err
		}
		for t, qid := range quads {
			stored.found(t, qid)
		}
	}
	for _, a := range c.adds {
		var t ids
		known := true
		for d, v := range a {
			if v < 0 {
				continue
			}
			t[d] = w.ids[v]
			known = known && t[d] != 0
		}
		if known {
			if stored.keep(t) {
				continue
			}
			if !replaced[t[3]] {
				exists, err := w.exists(t)
				if err != nil {
					return err
				}
				if exists {
					continue
				}
			}
		}
		w.added = append(w.added, a)
		for _, v := range a {
			if v < 0 {
				continue
			}
			if id := w.ids[v]; id != 0 {
				w.node(id).delta++
			} else {
				w.newNode(v).delta++
			}
		}
	}
	start := len(w.removed)
	stored.removed(func(t ids, qid uint64) {
		w.removed = append(w.removed, removedQuad{id: qid, ids: t})
		for _, id := range t {
			if id != 0 {
				w.node(id).delta--
			}
		}
	})
	slices.SortFunc(w.removed[start:], func(a, b removedQuad) int { return cmp.Compare(a.id, b.id) })
	return nil
}

// newNode returns the record of a value the store does not hold yet.
func (w *kvWrite) newNode(v int32) *nodeChange {
	n := w.newOf[v]
	if n == nil {
		n = &nodeChange{hash: w.q.vals[v].hash, known: true, local: v, val: w.q.vals[v].val}
		w.newOf[v] = n
	}
	return n
}

// primitive reads the node or quad with id from the log; nil when gone.
func (w *kvWrite) primitive(id uint64) (*cproto.Primitive, error) {
	v := w.log.Get(uint64Key(id))
	if v == nil {
		return nil, nil
	}
	p, err := decodePrimitive(v)
	if err != nil {
		return nil, fmt.Errorf("log entry %d: %w", id, err)
	}
	return p, nil
}

// liveQuad returns the node ids of the quad with id, if it is stored.
func (w *kvWrite) liveQuad(id uint64) (ids, bool, error) {
	p, err := w.primitive(id)
	if err != nil || p == nil || p.Deleted || p.IsNode() {
		return ids{}, false, err
	}
	return ids{p.Subject, p.Predicate, p.Object, p.Label}, true, nil
}

// quadsOfLabel returns the stored quads under a label, by the label index.
func (w *kvWrite) quadsOfLabel(label uint64) (map[ids]uint64, error) {
	if quads, ok := w.labelQuads[label]; ok {
		return quads, nil
	}
	quads := map[ids]uint64{}
	if b := w.tx.Bucket(indexBucket(labelIndex)); b != nil {
		list, err := decodeIDs(b.Get(uint64Key(label)), nil)
		if err != nil {
			return nil, err
		}
		for _, id := range list {
			t, ok, err := w.liveQuad(id)
			if err != nil {
				return nil, err
			}
			if ok {
				quads[t] = id
			}
		}
	}
	w.labelQuads[label] = quads
	return quads, nil
}

// longLabelEntry is the size of a label's index entry (about 40 quads)
// past which checking a quad against all of the label's quads, read once,
// is cheaper than reading the quads of another index's entry.
const longLabelEntry = 128

// exists reports whether a quad whose values are all stored is stored
// itself. Every stored quad is in every index, so the shortest of its
// index entries is read.
func (w *kvWrite) exists(t ids) (bool, error) {
	var (
		best    []byte
		byLabel bool
	)
	for i, ind := range w.inds {
		b := w.tx.Bucket(indexBucket(ind))
		if b == nil {
			return false, nil
		}
		v := b.Get(indexKey(ind, t))
		if v == nil {
			return false, nil
		}
		if i == 0 || len(v) < len(best) {
			best, byLabel = v, len(ind.Dirs) == 1 && ind.Dirs[0] == quad.Label
		}
	}
	if byLabel && len(best) > longLabelEntry {
		quads, err := w.quadsOfLabel(t[3])
		if err != nil {
			return false, err
		}
		_, ok := quads[t]
		return ok, nil
	}
	list, err := decodeIDs(best, nil)
	if err != nil {
		return false, err
	}
	for _, id := range list {
		got, ok, err := w.liveQuad(id)
		if err != nil {
			return false, err
		}
		if ok && got == t {
			return true, nil
		}
	}
	return false, nil
}

func dirIndex(d quad.Direction) int {
	switch d {
	case quad.Subject:
		return 0
	case quad.Predicate:
		return 1
	case quad.Object:
		return 2
	}
	return 3
}

// indexKey is a quad's key in an index: its ids in the index's directions.
func indexKey(ind kv.QuadIndex, t ids) []byte {
	key := make([]byte, 0, 8*len(ind.Dirs))
	for _, d := range ind.Dirs {
		key = binary.BigEndian.AppendUint64(key, t[dirIndex(d)])
	}
	return key
}

// keep copies b into the batch's arena: bolt holds on to the values it is
// given until the transaction commits.
func (w *kvWrite) keep(b []byte) []byte {
	if len(w.arena)+len(b) > cap(w.arena) {
		w.arena = make([]byte, 0, max(1<<20, len(b)))
	}
	start := len(w.arena)
	w.arena = append(w.arena, b...)
	return w.arena[start:len(w.arena):len(w.arena)]
}

// writeNodes appends the new nodes to the log; they are pending until
// filed by value.
func (w *kvWrite) writeNodes(now int64) error {
	var buf []byte
	w.log.FillPercent = 1 // ids only grow: pages need no room for later inserts
	for _, n := range w.fresh {
		value, err := pquads.MarshalValue(n.val)
		if err != nil {
			return fmt.Errorf("encoding %v: %w", n.val, err)
		}
		buf = appendPrimitive(buf[:0], &cproto.Primitive{ID: n.id, Value: value, Timestamp: now})
		if err := w.log.Put(uint64Key(n.id), w.keep(buf)); err != nil {
			return err
		}
		w.pending.set(n.hash, pendingNode{id: n.id, count: n.delta})
	}
	return nil
}

// indexRecord is one quad id to add to or remove from an index entry.
type indexRecord struct {
	key ids // the quad's ids in the index's directions, then zeros
	id  uint64
	del bool
}

func cmpRecord(a, b indexRecord) int {
	for i := range a.key {
		if c := cmp.Compare(a.key[i], b.key[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.id, b.id)
}

// writeQuads removes the removed quads from the log and appends the added
// ones, numbered from first, then updates each index, key by key in order.
// The index records are made and sorted on other cores meanwhile.
func (w *kvWrite) writeQuads(first uint64, now int64) error {
	quadIDs := func(a [4]int32) ids {
		var t ids
		for d, v := range a {
			if v >= 0 {
				t[d] = w.ids[v]
			}
		}
		return t
	}
	sorted := make([]chan []indexRecord, len(w.inds))
	for i, ind := range w.inds {
		sorted[i] = make(chan []indexRecord, 1)
		go func() {
			keyOf := func(t ids) ids {
				var key ids
				for k, d := range ind.Dirs {
					key[k] = t[dirIndex(d)]
				}
				return key
			}
			recs := make([]indexRecord, 0, len(w.added)+len(w.removed))
			for k, a := range w.added {
				recs = append(recs, indexRecord{key: keyOf(quadIDs(a)), id: first + uint64(k)})
			}
			for _, r := range w.removed {
				recs = append(recs, indexRecord{key: keyOf(r.ids), id: r.id, del: true})
			}
			slices.SortFunc(recs, cmpRecord)
			sorted[i] <- recs
		}()
	}
	for _, r := range w.removed {
		if err := w.log.Delete(uint64Key(r.id)); err != nil {
			return err
		}
	}
	var buf []byte
	for k, a := range w.added {
		t := quadIDs(a)
		p := cproto.Primitive{ID: first + uint64(k), Subject: t[0], Predicate: t[1], Object: t[2], Label: t[3], Timestamp: now}
		buf = appendPrimitive(buf[:0], &p)
		if err := w.log.Put(uint64Key(p.ID), w.keep(buf)); err != nil {
			return err
		}
	}
	var err error
	for i, ind := range w.inds {
		recs := <-sorted[i] // every goroutine is waited for, even after an error
		if err != nil {
			continue
		}
		var b *bolt.Bucket
		if b, err = w.tx.CreateBucketIfNotExists(indexBucket(ind)); err == nil {
			b.FillPercent = indexFill
			err = w.writeIndex(b, len(ind.Dirs), recs)
		}
	}
	return err
}

// indexFill is how full the index pages a batch splits are left. A
// batch's keys mostly hold its new nodes, the highest ids, so they go after
// every stored key: a page left half empty for later inserts, bolt's
// default, would mostly stay half empty.
const indexFill = 0.9

// writeIndex applies sorted records to an index bucket, one entry per key.
func (w *kvWrite) writeIndex(b *bolt.Bucket, dirs int, recs []indexRecord) error {
	var (
		key  []byte
		list []uint64
		buf  []byte
	)
	for start := 0; start < len(recs); {
		end := start + 1
		for end < len(recs) && recs[end].key == recs[start].key {
			end++
		}
		group := recs[start:end]
		start = end
		key = key[:0]
		for _, id := range group[0].key[:dirs] {
			key = binary.BigEndian.AppendUint64(key, id)
		}
		var old []byte
		if !w.isNewKey(group[0].key[:dirs]) {
			old = b.Get(key)
		}
		buf = buf[:0]
		hasDel := false
		for _, r := range group {
			hasDel = hasDel || r.del
		}
		if hasDel {
			var err error
			if list, err = decodeIDs(old, list[:0]); err != nil {
				return err
			}
			list = slices.DeleteFunc(list, func(id uint64) bool {
				_, found := slices.BinarySearchFunc(group, id, func(r indexRecord, id uint64) int { return cmp.Compare(r.id, id) })
				return found
			})
			buf = appendIDs(buf, list)
		} else {
			buf = append(buf, old...)
		}
		for _, r := range group {
			if !r.del {
				buf = binary.AppendUvarint(buf, r.id)
			}
		}
		if len(buf) == 0 {
			if err := b.Delete(key); err != nil {
				return err
			}
			continue
		}
		if err := b.Put(key, w.keep(buf)); err != nil {
			return err
		}
	}
	return nil
}

// isNewKey reports whether an index key holds a node made by this batch,
// and so cannot be in the store: most of a batch's keys, whose lookups
// would each cost a search of the index.
func (w *kvWrite) isNewKey(key []uint64) bool {
	for _, id := range key {
		if id >= w.firstNew {
			return true
		}
	}
	return false
}

// writeCounts updates the reference counts of the nodes the batch touched,
// in hash order, and removes the nodes no quad refers to any more, as
// cayley does. It returns how many it removed.
func (w *kvWrite) writeCounts() (int, error) {
	var all []*nodeChange
	removed := 0
	for i, id := range w.ids {
		if n := w.nodes[id]; id != 0 && n != nil && !n.known {
			n.hash, n.known = w.q.vals[i].hash, true
		}
	}
	for _, n := range w.nodes {
		if n.delta == 0 {
			continue
		}
		if !n.known {
			p, err := w.primitive(n.id)
			if err != nil {
				return 0, err
			}
			if p == nil || !p.IsNode() {
				continue // a node cayley already removed
			}
			v, err := decodeValue(p.Value)
			if err != nil {
				return 0, fmt.Errorf("log entry %d: %w", n.id, err)
			}
			n.hash, n.known = valueHash(v), true
			_, n.held = w.pending.nodes[n.hash]
		}
		if n.held {
			// a node this writer made: counted in memory until filed
			p := w.pending.nodes[n.hash]
			p.count += n.delta
			if p.count > 0 {
				w.pending.set(n.hash, p)
			} else {
				w.pending.del(n.hash)
				removed++
				if err := w.log.Delete(uint64Key(n.id)); err != nil {
					return 0, err
				}
			}
			continue
		}
		all = append(all, n)
	}
	slices.SortFunc(all, func(a, b *nodeChange) int { return cmpHash(a.hash, b.hash) })
	var (
		counts, values *bolt.Bucket
		name           [3]byte
		buf            []byte
	)
	for _, n := range all {
		if nm := [3]byte(countsBucket(n.hash[:])); nm != name || counts == nil {
			var err error
			name = nm
			if counts, err = w.tx.CreateBucketIfNotExists(nm[:]); err != nil {
				return 0, err
			}
			values = w.tx.Bucket(valueBucket(n.hash[:]))
		}
		c, _ := binary.Uvarint(counts.Get(n.hash[:]))
		count := int64(c) + n.delta
		if count > 0 {
			if err := counts.Put(n.hash[:], w.keep(binary.AppendUvarint(buf[:0], uint64(count)))); err != nil {
				return 0, err
			}
			continue
		}
		removed++
		if err := counts.Delete(n.hash[:]); err != nil {
			return 0, err
		}
		if values != nil {
			if err := values.Delete(n.hash[:]); err != nil {
				return 0, err
			}
		}
		if err := w.log.Delete(uint64Key(n.id)); err != nil {
			return 0, err
		}
	}
	return removed, nil
}
