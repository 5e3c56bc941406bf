package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/synth"
	"github.com/tradegraph/tradegraph/queries"
)

// A random history of writes to a bolt store, through every writer and
// with the store closed and opened again on the way, ends with the store
// the same history of Apply gives in memory: the same dump after every
// step, the same answer to every named query at the end.
func TestRandomHistoriesMatchMemory(t *testing.T) {
	sequences := 500
	if testing.Short() {
		sequences = 50
	}
	g := synthQuads(t)
	dir := memoryDir(t)
	for seq := range sequences {
		h := newHistoryRun(t, g, uint64(seq), filepath.Join(dir, fmt.Sprintf("%d.db", seq)))
		for step := range 3 + h.r.IntN(6) {
			h.step(step)
		}
		h.finish()
		if t.Failed() {
			t.Fatalf("sequence %d failed: %v", seq, h.ops)
		}
	}
}

// historyRun is one random history, written to bolt and to memory.
type historyRun struct {
	t        *testing.T
	g        *synth.Quads
	r        *rand.Rand
	path     string
	bolt     *graph.Store
	mem      *graph.Store
	ops      []string
	changes  []graph.Change // every change so far, for sameByLabel
	unsettle bool           // a writer was given up with batches in flight
}

func newHistoryRun(t *testing.T, g *synth.Quads, seed uint64, path string) *historyRun {
	h := &historyRun{t: t, g: g, r: rand.New(rand.NewPCG(seed, 77)), path: path}
	var err error
	if h.bolt, err = graph.Open(t.Context(), graph.Config{Address: h.path, Create: true}); err != nil {
		t.Fatal(err)
	}
	if h.mem, err = graph.Open(t.Context(), graph.Config{Backend: graph.Memory}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		h.bolt.Close()
		h.mem.Close()
		os.Remove(path)
	})
	return h
}

// memoryDir is a directory in memory (/dev/shm) where there is one, else a
// temporary one: a history commits often, and on a disk each commit waits
// for the disk.
func memoryDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "tradegraph-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// change is a random change of the kinds build and load make, over six
// documents with three versions each.
func (h *historyRun) change() graph.Change {
	doc := h.r.IntN(6)
	label := synth.DocIRI(doc)
	content := h.g.Document(doc + 1000*h.r.IntN(3))
	switch h.r.IntN(6) {
	case 0: // a document removed
		return graph.Change{Replace: []quad.Value{label}}
	case 1: // quads loaded without a replace: some new, some stored already
		other := h.g.Document(h.r.IntN(6) + 1000*h.r.IntN(3))
		add := slices.Concat(content[:len(content)/3], other[:len(other)/4])
		for i := range add {
			add[i].Label = label
		}
		return graph.Change{Add: add}
	case 2: // rebuilt smaller
		c := graph.DocumentChange(label, content)
		c.Add = c.Add[:len(c.Add)/2]
		return c
	default: // built or rebuilt
		return graph.DocumentChange(label, content)
	}
}

// record applies c to the memory store, the reference.
func (h *historyRun) record(c graph.Change) {
	h.t.Helper()
	if _, err := h.mem.Apply(h.t.Context(), c); err != nil {
		h.t.Fatal(err)
	}
	h.changes = append(h.changes, c)
}

func (h *historyRun) step(step int) {
	t := h.t
	t.Helper()
	ctx := t.Context()
	switch op := h.r.IntN(6); op {
	case 0, 1: // a bulk writer, flushed and closed
		batch := []int64{1, 16 << 10, 0}[h.r.IntN(3)]
		b, err := h.bolt.NewBulk(ctx, graph.BulkOptions{BatchBytes: batch})
		if err != nil {
			t.Fatal(err)
		}
		n := 1 + h.r.IntN(5)
		for range n {
			c := h.change()
			if err := b.Apply(c); err != nil {
				t.Fatal(err)
			}
			h.record(c)
		}
		if _, err := b.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		h.ops = append(h.ops, fmt.Sprintf("bulk(%d, batch %d)", n, batch))
	case 2: // a bulk writer given up, each change handed to the store at once
		b, err := h.bolt.NewBulk(ctx, graph.BulkOptions{BatchBytes: 1})
		if err != nil {
			t.Fatal(err)
		}
		n := 1 + h.r.IntN(4)
		for range n {
			c := h.change()
			if err := b.Apply(c); err != nil {
				t.Fatal(err)
			}
			h.record(c)
		}
		h.unsettle = true
		h.ops = append(h.ops, fmt.Sprintf("abandoned(%d)", n))
		return // its last batch may be in flight: the next step finds it
	case 3: // cayley's own write
		c := h.change()
		if _, err := h.bolt.Apply(ctx, c); err != nil {
			t.Fatal(err)
		}
		h.record(c)
		h.ops = append(h.ops, "apply")
	case 4: // a document replaced whole
		doc := h.r.IntN(6)
		quads := h.g.Document(doc + 1000*h.r.IntN(3))
		if _, err := h.bolt.ReplaceDocument(ctx, synth.DocIRI(doc), quads); err != nil {
			t.Fatal(err)
		}
		h.record(graph.DocumentChange(synth.DocIRI(doc), quads))
		h.ops = append(h.ops, "replace")
	case 5: // closed and opened again
		if err := h.bolt.Close(); err != nil {
			t.Fatal(err)
		}
		var err error
		if h.bolt, err = graph.Open(ctx, graph.Config{Address: h.path}); err != nil {
			t.Fatal(err)
		}
		h.ops = append(h.ops, "reopen")
	}
	h.unsettle = false
	if got, want := dump(t, h.bolt), dump(t, h.mem); got != want {
		t.Errorf("step %d (%v): dump differs:\n%s", step, h.ops, diffLines(got, want))
	}
}

// finish ends the history with the store closed and opened again, and
// compares everything.
func (h *historyRun) finish() {
	t := h.t
	t.Helper()
	if err := h.bolt.Close(); err != nil {
		t.Fatal(err)
	}
	var err error
	if h.bolt, err = graph.Open(t.Context(), graph.Config{Address: h.path, ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	sameStore(t, fmt.Sprint(h.ops), h.bolt, h.mem, h.changes)
	for name, run := range namedQueries(t) {
		if got, want := run(h.bolt), run(h.mem); got != want {
			t.Errorf("%v: query %s answers\n%s\nwant\n%s", h.ops, name, got, want)
		}
	}
}

// namedQueries runs the named queries that list the graph, each answer as
// JSON.
func namedQueries(t *testing.T) map[string]func(*graph.Store) string {
	ctx := context.Background()
	out := map[string]func(*graph.Store) string{}
	for _, q := range queries.Registry() {
		switch q.Name {
		case "entities", "concessions", "bundles", "claims", "sectors":
		default:
			continue
		}
		p := queries.Params{Flags: map[string]string{}}
		for _, f := range q.Flags {
			p.Flags[f.Name] = f.Default
			if f.Bool {
				p.Flags[f.Name] = "false"
			}
		}
		out[q.Name] = func(st *graph.Store) string {
			res, err := q.Run(ctx, st, p)
			if err != nil {
				t.Fatalf("%s: %v", q.Name, err)
			}
			b, err := json.Marshal(res.Value)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	return out
}
