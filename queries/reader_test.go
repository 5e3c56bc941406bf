package queries

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/pgtest"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// readerRuns are the queries the bolt reader answers, with arguments.
var readerRuns = []struct {
	query string
	args  []string
	flags map[string]string
}{
	{"entities", nil, nil},
	{"concessions", nil, nil},
	{"concessions", nil, map[string]string{"grantor": "Vietnam", "polarity": "asserted"}},
	{"bundles", nil, nil},
	{"bundles", nil, map[string]string{"across": "true", "by": "instrument-grantor"}},
	{"bundles", nil, map[string]string{"across": "true", "by": "instrument"}},
	{"claims", nil, nil},
	{"positions", nil, nil},
	{"positions", nil, map[string]string{"addressee": "U.S.", "kind": "demand"}},
	{"positions", nil, map[string]string{"sector": "chips"}},
	{"actor", []string{"China"}, nil},
	{"path", []string{"Japan", "South Korea"}, map[string]string{"hops": "4", "limit": "10"}},
	{"actor", []string{"Malaysia"}, nil},
	{"actor", []string{"Vietnam"}, nil},
	{"actor", []string{"u.s."}, nil},
	{"sectors", nil, nil},
	{"path", []string{"Tengku Zafrul", "U.S."}, map[string]string{"hops": "4", "limit": "10"}},
	{"path", []string{"Vietnam", "Malaysia"}, map[string]string{"hops": "4", "limit": "10", "via-evidence": "true"}},
	{"neighbors", []string{"Vietnam"}, map[string]string{"hops": "2"}},
	{"evidence", []string{"Malaysia"}, nil},
}

// corpusDocuments are the corpus's documents and their quads, read back
// from a memory store.
func corpusDocuments(t *testing.T, mem *tg.Store) map[quad.Value][]quad.Quad {
	t.Helper()
	quads, err := mem.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs := map[quad.Value][]quad.Quad{}
	for _, q := range quads {
		docs[q.Label] = append(docs[q.Label], q)
	}
	if len(docs) < 3 {
		t.Fatalf("the corpus has %d documents", len(docs))
	}
	return docs
}

// bulkCorpus writes the documents into an empty store as build does.
func bulkCorpus(t *testing.T, st *tg.Store, docs map[quad.Value][]quad.Quad) *tg.Store {
	t.Helper()
	b, err := st.NewBulk(context.Background(), tg.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, doc := range sortedDocs(docs) {
		if err := b.Apply(tg.DocumentChange(doc, docs[doc])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	return st
}

// rewrittenCorpus writes the documents into an empty store through
// cayley, each first with its quads in another order and every other one
// left out, along with one of another document's, then as they are; one
// is removed and written again. On bolt the quads cayley deleted stay in
// its log and indexes, marked deleted; the store ends holding the
// documents.
func rewrittenCorpus(t *testing.T, st *tg.Store, docs map[quad.Value][]quad.Quad) *tg.Store {
	t.Helper()
	ctx := context.Background()
	order := sortedDocs(docs)
	for i, doc := range order {
		var draft []quad.Quad
		for k, q := range docs[doc] {
			if k%2 == 1 {
				draft = append(draft, q)
			}
		}
		draft = append(draft, docs[order[(i+1)%len(order)]][0])
		if _, err := st.ReplaceDocument(ctx, doc, draft); err != nil {
			t.Fatal(err)
		}
	}
	for _, doc := range order {
		if _, err := st.ReplaceDocument(ctx, doc, docs[doc]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.ReplaceDocument(ctx, order[0], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReplaceDocument(ctx, order[0], docs[order[0]]); err != nil {
		t.Fatal(err)
	}
	return st
}

func openBolt(t *testing.T, path string) *tg.Store {
	t.Helper()
	return openStore(t, tg.Config{Backend: tg.Bolt, Address: path, Create: true})
}

// openPostgres opens an empty database of the test's own, or skips the
// test where no server is named (see pgtest).
func openPostgres(t *testing.T) *tg.Store {
	t.Helper()
	return openStore(t, tg.Config{Address: pgtest.Fresh(t)})
}

func openStore(t *testing.T, cfg tg.Config) *tg.Store {
	t.Helper()
	st, err := tg.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func sortedDocs(docs map[quad.Value][]quad.Quad) []quad.Value {
	var out []quad.Value
	for doc := range docs {
		out = append(out, doc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// On a bolt or postgres store the queries read its indexes and log, or
// its tables, directly; the same store read through cayley's own
// iterators (QuadIterator, ValueOf, NameOf) must give the same answers,
// and so must the memory store. The stores are written both ways: by the
// bulk writer, and through cayley with documents rewritten and removed,
// so that a bolt store's log and indexes keep the quads it deleted. A
// query that did not read the store directly (no Reader begun: it fell
// back to cayley's iterators) fails the test.
func TestDirectReaderAnswersAsCayley(t *testing.T) {
	dir := t.TempDir()
	mem := corpusIn(t, tg.Config{Backend: tg.Memory}, dir)
	ctx := context.Background()
	// and a document of positions, which the extractor does not find yet
	r := talks()
	if _, err := mem.ReplaceDocument(ctx, article.DocIRI(r.ID), r.Quads()); err != nil {
		t.Fatal(err)
	}
	docs := corpusDocuments(t, mem)
	for _, tc := range []struct {
		name       string
		st         func(t *testing.T) *tg.Store
		tombstones bool
	}{
		{"bolt/bulk", func(t *testing.T) *tg.Store { return bulkCorpus(t, openBolt(t, filepath.Join(dir, "bulk.db")), docs) }, false},
		{"bolt/apply", func(t *testing.T) *tg.Store {
			return rewrittenCorpus(t, openBolt(t, filepath.Join(dir, "apply.db")), docs)
		}, true},
		{"postgres/bulk", func(t *testing.T) *tg.Store { return bulkCorpus(t, openPostgres(t), docs) }, false},
		{"postgres/apply", func(t *testing.T) *tg.Store { return rewrittenCorpus(t, openPostgres(t), docs) }, false},
		// reading ahead three facts at a time, so that every listing
		// crosses chunks and meets nodes an earlier chunk read
		{"postgres/bulk/ahead-3", func(t *testing.T) *tg.Store {
			old := aheadBy
			aheadBy = 3
			t.Cleanup(func() { aheadBy = old })
			return bulkCorpus(t, openPostgres(t), docs)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.st(t)
			layout, err := st.CheckLayout(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(layout.Violations) != 0 || (layout.Tombstones > 0) != tc.tombstones {
				t.Fatalf("the store's layout: %d violations, %d deleted quads kept (want some: %v)",
					len(layout.Violations), layout.Tombstones, tc.tombstones)
			}
			cayley := st.ThroughCayley()
			if _, err := cayley.NewReader(context.Background()); !errors.Is(err, tg.ErrNoReader) {
				t.Fatalf("the view through cayley has a direct reader (%v)", err)
			}
			queries := map[string]Query{}
			for _, q := range Registry() {
				queries[q.Name] = q
			}
			for _, r := range readerRuns {
				q := queries[r.query]
				p := Params{Args: r.args, Flags: map[string]string{}}
				for _, f := range q.Flags {
					p.Flags[f.Name] = f.Default
					if f.Bool {
						p.Flags[f.Name] = "false"
					}
				}
				for k, v := range r.flags {
					p.Flags[k] = v
				}
				answer := func(st *tg.Store) string {
					res, err := q.Run(ctx, st, p)
					if err != nil {
						t.Fatalf("%s %v %v: %v", r.query, r.args, r.flags, err)
					}
					b, err := json.Marshal([]any{res.Value, res.Table()})
					if err != nil {
						t.Fatal(err)
					}
					return string(b)
				}
				begun := st.ReadersBegun()
				direct := answer(st)
				if st.ReadersBegun() == begun {
					t.Errorf("%s %v %v: no direct reader was begun: the query read the store through cayley", r.query, r.args, r.flags)
				}
				if got, want := direct, answer(cayley); got != want {
					t.Errorf("%s %v %v read directly:\n%s\nthrough cayley's iterators:\n%s", r.query, r.args, r.flags, got, want)
				}
				if got, want := direct, answer(mem); got != want {
					t.Errorf("%s %v %v read directly:\n%s\nin memory:\n%s", r.query, r.args, r.flags, got, want)
				}
			}
		})
	}
}

func TestBundlesAcrossMinDocsAndLimit(t *testing.T) {
	st := corpus(t)
	var bundles Query
	for _, q := range Registry() {
		if q.Name == "bundles" {
			bundles = q
		}
	}
	run := func(minDocs, limit string) ([]PairRow, error) {
		res, err := bundles.Run(context.Background(), st, Params{Flags: map[string]string{"across": "true",
			"by": "instrument-grantor", "min-docs": minDocs, "limit": limit}})
		if err != nil {
			return nil, err
		}
		return res.Value.([]PairRow), nil
	}
	all, err := run("1", "0")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("%d pairs; the test wants more than two", len(all))
	}
	if two, err := run("2", "0"); err != nil || len(two) != 1 || two[0].Pair != all[0].Pair {
		t.Errorf("--min-docs 2: %+v, %v; want only the pair of two documents", two, err)
	}
	if top, err := run("1", "2"); err != nil || len(top) != 2 || top[1].Pair != all[1].Pair {
		t.Errorf("--limit 2: %+v, %v; want the first two pairs", top, err)
	}
	if _, err := run("1", "-1"); err == nil {
		t.Error("--limit -1 is accepted")
	}
	_, err = bundles.Run(context.Background(), st, Params{Flags: map[string]string{"across": "false", "min-docs": "2", "limit": "0"}})
	if _, ok := err.(ErrUsage); !ok {
		t.Errorf("--min-docs without --across: %v, want a usage error", err)
	}
}
