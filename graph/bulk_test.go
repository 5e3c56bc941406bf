package graph_test

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// history is a run of changes like those build and load make: documents
// added, rebuilt with fewer, other and the same quads, removed and added
// again, and quads loaded without a replace over documents already stored.
func history(t *testing.T) []graph.Change {
	t.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g, err := synth.NewQuads(lex, 11)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(i, content int) graph.Change {
		quads := g.Document(content)
		for k := range quads {
			quads[k].Label = synth.DocIRI(i)
		}
		return graph.Change{Replace: []quad.Value{synth.DocIRI(i)}, Add: quads}
	}
	var out []graph.Change
	for i := range 40 {
		out = append(out, doc(i, i))
	}
	for i := 10; i < 20; i++ {
		c := doc(i, i)
		c.Add = c.Add[:len(c.Add)/2] // rebuilt smaller: nodes lose references
		out = append(out, c)
	}
	for i := 15; i < 25; i++ {
		c := doc(i, i+500) // rebuilt with other content, sharing actors
		c.Add = append(c.Add, doc(i, i).Add[:5]...)
		out = append(out, c)
	}
	out = append(out, graph.Change{Replace: []quad.Value{synth.DocIRI(30)}}) // removed
	out = append(out, doc(30, 30))                                           // and back
	loaded := slices.Concat(doc(1, 1).Add, doc(2, 2).Add[:7], doc(41, 41).Add)
	out = append(out, graph.Change{Add: loaded}) // a load without replace: mostly duplicates
	out = append(out, doc(3, 3), doc(3, 3))      // the same document twice
	out = append(out, graph.Change{Replace: []quad.Value{synth.DocIRI(4), synth.DocIRI(5)}, Add: doc(5, 6).Add})
	return out
}

// TestBulkMatchesApply writes the same history change by change with Apply
// and in batches with Bulk: the stores must hold the same quads, and the
// counts of quads added and removed must agree.
func TestBulkMatchesApply(t *testing.T) {
	backends := map[string]func(*testing.T) graph.Config{
		"memory": func(*testing.T) graph.Config { return graph.Config{Backend: graph.Memory} },
		"bolt": func(t *testing.T) graph.Config {
			return graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true}
		},
		"postgres": func(t *testing.T) graph.Config { return freshPostgres(t, postgresServer(t)) },
	}
	changes := history(t)
	for _, name := range []string{"memory", "bolt", "postgres"} {
		fresh := backends[name]
		t.Run(name, func(t *testing.T) {
			plain := open(t, fresh(t))
			var want graph.Result
			for _, c := range changes {
				r := apply(t, plain, c)
				want.Added += r.Added
				want.Removed += r.Removed
			}
			wantDump := dump(t, plain)
			layoutClean(t, plain)
			batches := []int64{1, 64 << 10, 0} // one change a batch, some, all
			if name == "postgres" {
				batches = batches[1:] // each batch costs round trips there
			}
			for _, batch := range batches {
				st := open(t, fresh(t))
				got := writeBulk(t, st, batch, changes)
				if got != want {
					t.Errorf("batch %d: bulk wrote %+v, Apply one by one %+v", batch, got, want)
				}
				if d := dump(t, st); d != wantDump {
					t.Errorf("batch %d: bulk dump differs from the plain one:\n%s", batch, diffLines(d, wantDump))
				}
				if s, w := stats(t, st), stats(t, plain); s.Quads != w.Quads || s.Nodes != w.Nodes || s.Documents != w.Documents {
					t.Errorf("batch %d: stats %+v, want %+v", batch, s, w)
				}
				sameByLabel(t, st, plain, changes)
				layoutExact(t, st)
			}
		})
	}
}

// TestBulkFilesNodesInParts files the bulk writer's new nodes in many
// transactions, as in a store of millions of quads: the store must be the
// one Apply gives, with nothing left pending.
func TestBulkFilesNodesInParts(t *testing.T) {
	defer graph.SetIDsPerPart(100)()
	changes := history(t)
	plain := open(t, graph.Config{Backend: graph.Memory})
	for _, c := range changes {
		apply(t, plain, c)
	}
	want := dump(t, plain)
	for _, batch := range []int64{64 << 10, 0} {
		st := open(t, graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true})
		writeBulk(t, st, batch, changes)
		if d := dump(t, st); d != want {
			t.Errorf("batch %d: dump differs from Apply's:\n%s", batch, diffLines(d, want))
		}
		sameByLabel(t, st, plain, changes)
		if pending, err := graph.HasPending(st); err != nil || pending {
			t.Errorf("batch %d: nodes left pending after Flush (%v)", batch, err)
		}
		layoutExact(t, st)
	}
}

// TestBulkThenApply checks that cayley's own writes and reads work on what
// the bulk writer stored: a document rebuilt with Apply after a bulk load,
// and one rebuilt with Bulk after that, give the store Apply alone gives.
func TestBulkThenApply(t *testing.T) {
	changes := history(t)
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st := open(t, graph.Config{Address: path, Create: true})
	b := newBulk(t, st, graph.BulkOptions{})
	for _, c := range changes[:40] {
		if err := b.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	layoutExact(t, st)
	for _, c := range changes[40:50] {
		apply(t, st, c)
	}
	layoutClean(t, st)
	b = newBulk(t, st, graph.BulkOptions{})
	for _, c := range changes[50:] {
		if err := b.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	got := dump(t, st)
	layoutClean(t, st)
	st.Close()

	plain := open(t, graph.Config{Backend: graph.Memory})
	for _, c := range changes {
		apply(t, plain, c)
	}
	if want := dump(t, plain); got != want {
		t.Errorf("dump differs:\n%s", diffLines(got, want))
	}
	reopened := open(t, graph.Config{Address: path})
	if again := dump(t, reopened); again != got {
		t.Errorf("the store reads back differently after reopening:\n%s", diffLines(again, got))
	}
}

func TestBulkRefusesInvalidQuads(t *testing.T) {
	st := open(t, graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true})
	b := newBulk(t, st, graph.BulkOptions{})
	good := nq(t, docA)
	bad := append(nq(t, docB), quad.Quad{Subject: quad.IRI(vocab.IDBase + "x"), Object: quad.String("no predicate")})
	if err := b.Apply(graph.Change{Add: good}); err != nil {
		t.Fatal(err)
	}
	if err := b.Apply(graph.Change{Add: bad}); err == nil {
		t.Error("Apply of a change with an invalid quad succeeded")
	}
	res, err := b.Flush()
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(good) {
		t.Errorf("Flush = %+v, want the %d quads of the good change", res, len(good))
	}
	if got, want := dump(t, st), canonical(t, docA); got != want {
		t.Errorf("dump:\n%s\nwant:\n%s", got, want)
	}
	layoutExact(t, st)
}

// newBulk starts a bulk writer on st, closed when the test ends.
func newBulk(t testing.TB, st *graph.Store, opts graph.BulkOptions) *graph.Bulk {
	t.Helper()
	b, err := st.NewBulk(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

// sameByLabel checks that the documents' quads are found by their label in
// got as in want: the values the bulk writer made are found by value.
func sameByLabel(t *testing.T, got, want *graph.Store, changes []graph.Change) {
	t.Helper()
	for i := range 45 {
		label := synth.DocIRI(i)
		g, err := got.QuadsWith(t.Context(), quad.Label, label)
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.QuadsWith(t.Context(), quad.Label, label)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := format(t, g), format(t, w); a != b {
			t.Errorf("quads labelled %s:\n%s", label, diffLines(a, b))
		}
	}
}

// TestInterruptedBulkIsCompleted stops a bulk writer without Flush, as a
// killed build would: the next open, even a reader's, files the nodes it
// left pending, so that every document is found by its label; writing
// everything again then gives the store Apply gives.
func TestInterruptedBulkIsCompleted(t *testing.T) {
	changes := history(t)
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	st, err := graph.Open(t.Context(), graph.Config{Address: path, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	b := newBulk(t, st, graph.BulkOptions{BatchBytes: 2 << 20})
	for _, c := range changes[:40] {
		if err := b.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	st.Close() // no Flush

	reader := open(t, graph.Config{Address: path, ReadOnly: true})
	for _, d := range []int{0, 5} { // in the first batches, which were written
		got, err := reader.QuadsWith(t.Context(), quad.Label, synth.DocIRI(d))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Errorf("document %d of the interrupted write is not found by its label", d)
		}
	}
	layoutExact(t, reader)
	reader.Close()
	st = open(t, graph.Config{Address: path})
	b = newBulk(t, st, graph.BulkOptions{})
	for _, c := range changes {
		if err := b.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	plain := open(t, graph.Config{Backend: graph.Memory})
	for _, c := range changes {
		apply(t, plain, c)
	}
	if got, want := dump(t, st), dump(t, plain); got != want {
		t.Errorf("dump differs:\n%s", diffLines(got, want))
	}
	sameByLabel(t, st, plain, changes)
	layoutExact(t, st)
}

// layoutClean checks the layout of a bolt store written through cayley's
// ApplyDeltas: no violations, and the notes it leaves allowed.
func layoutClean(t *testing.T, st *graph.Store) {
	t.Helper()
	if st.Backend() == graph.Bolt {
		graph.AssertLayoutClean(t, st)
	}
}

// layoutExact checks the layout of a bolt store the bulk writer wrote:
// not even a note.
func layoutExact(t *testing.T, st *graph.Store) {
	t.Helper()
	if st.Backend() == graph.Bolt {
		graph.AssertLayoutExact(t, st)
	}
}

// diffLines shows the first lines that differ between two dumps.
func diffLines(got, want string) string {
	g, w := splitLines(got), splitLines(want)
	out := ""
	shown := 0
	for i := 0; i < max(len(g), len(w)) && shown < 10; i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			out += "got:  " + a + "\nwant: " + b + "\n"
			shown++
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// TestBulkPostgresRowsMatchCayley: on postgres the bulk writer copies its
// rows into cayley's tables itself, so the tables must hold exactly what
// cayley's own writes leave there: every node with its columns and
// reference count, every quad once.
func TestBulkPostgresRowsMatchCayley(t *testing.T) {
	server := postgresServer(t)
	changes := history(t)
	plainCfg := freshPostgres(t, server)
	plain := open(t, plainCfg)
	for _, c := range changes {
		apply(t, plain, c)
	}
	want := pgRows(t, plainCfg.Address)
	for _, batch := range []int64{64 << 10, 0} {
		cfg := freshPostgres(t, server)
		st := open(t, cfg)
		writeBulk(t, st, batch, changes)
		if got := pgRows(t, cfg.Address); got != want {
			t.Errorf("batch %d: the tables differ from cayley's writes:\n%s", batch, diffLines(got, want))
		}
	}
}

// pgRows is what cayley's tables hold, a line a row, sorted: each node's
// hash, reference count and value columns, and each quad's hashes.
func pgRows(t *testing.T, addr string) string {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, q := range []string{
		`SELECT 'node ' || encode(hash, 'hex') || ' ' || refs || ' ' || concat_ws('|', encode(value, 'hex'), value_string,
			datatype, language, iri, bnode, value_int, value_bool, value_float, value_time) FROM nodes ORDER BY 1`,
		`SELECT 'quad ' || concat_ws(' ', encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			encode(label_hash, 'hex')) FROM quads ORDER BY 1`,
	} {
		rows, err := db.QueryContext(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			b.WriteString(line + "\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

// writeBulk writes changes through a Bulk writer of batch bytes (0: the
// default) and flushes it.
func writeBulk(t *testing.T, st *graph.Store, batch int64, changes []graph.Change) graph.Result {
	t.Helper()
	b := newBulk(t, st, graph.BulkOptions{BatchBytes: batch})
	for _, c := range changes {
		if err := b.Apply(c); err != nil {
			t.Fatalf("batch %d: Apply: %v", batch, err)
		}
	}
	res, err := b.Flush()
	if err != nil {
		t.Fatalf("batch %d: Flush: %v", batch, err)
	}
	return res
}
