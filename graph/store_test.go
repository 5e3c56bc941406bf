package graph_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/pgtest"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// TestStore runs one suite against every backend, so a behaviour that holds
// on the embedded store holds on PostgreSQL too.
func TestStore(t *testing.T) {
	t.Run("memory", func(t *testing.T) {
		storeSuite(t, false, func(*testing.T) graph.Config {
			return graph.Config{Backend: graph.Memory}
		})
	})
	t.Run("bolt", func(t *testing.T) {
		storeSuite(t, true, func(t *testing.T) graph.Config {
			return graph.Config{Address: filepath.Join(t.TempDir(), "tradegraph.db"), Create: true}
		})
	})
	t.Run("postgres", func(t *testing.T) {
		server := postgresServer(t)
		storeSuite(t, true, func(t *testing.T) graph.Config {
			return freshPostgres(t, server)
		})
	})
}

// Two documents sharing a node (usa), with plain, language-tagged and typed
// literals, in the short forms that nq expands.
const (
	docA = `
<id:malaysia> <a> <tg:Country> <id:doc/a> .
<id:malaysia> <tg:alias> "Malaysia"@en <id:doc/a> .
<id:usa> <a> <tg:Country> <id:doc/a> .
<id:m1> <a> <tg:Concession> <id:doc/a> .
<id:m1> <tg:grantor> <id:malaysia> <id:doc/a> .
<id:m1> <tg:beneficiary> <id:usa> <id:doc/a> .
`
	docB = `
<id:usa> <a> <tg:Country> <id:doc/b> .
<id:doc/b> <tg:date> "2025-10-26"^^<xsd:date> <id:doc/b> .
<id:s1> <tg:offset> "42"^^<xsd:integer> <id:doc/b> .
<id:s1> <tg:text> "Tariffs fall to 0%." <id:doc/b> .
`
)

var (
	labelA = quad.IRI(vocab.IDBase + "doc/a")
	labelB = quad.IRI(vocab.IDBase + "doc/b")
)

func storeSuite(t *testing.T, persistent bool, fresh func(*testing.T) graph.Config) {
	t.Run("a new store is empty", func(t *testing.T) {
		st := open(t, fresh(t))
		if got := dump(t, st); got != "" {
			t.Errorf("dump of a new store:\n%s", got)
		}
		s := stats(t, st)
		if s.Quads != 0 || s.Nodes != 0 || s.Documents != 0 || len(s.Classes) != 0 {
			t.Errorf("stats of a new store = %+v, want all zero", s)
		}
		layoutClean(t, st)
	})

	t.Run("Apply adds quads and ignores duplicates", func(t *testing.T) {
		st := open(t, fresh(t))
		quads := nq(t, docA+docB)
		withDup := append(slices.Clone(quads), quads[0])
		res := apply(t, st, graph.Change{Add: withDup})
		if res != (graph.Result{Added: len(quads)}) {
			t.Errorf("first Apply = %+v, want %d added", res, len(quads))
		}
		want := canonical(t, docA+docB)
		if got := dump(t, st); got != want {
			t.Fatalf("dump after Apply:\n%s\nwant:\n%s", got, want)
		}

		res = apply(t, st, graph.Change{Add: quads})
		if res != (graph.Result{}) {
			t.Errorf("second Apply of the same quads = %+v, want nothing added", res)
		}
		if got := stats(t, st).Quads; got != int64(len(quads)) {
			t.Errorf("quad count after the second Apply = %d, want %d", got, len(quads))
		}
		if got := dump(t, st); got != want {
			t.Errorf("dump after the second Apply:\n%s\nwant:\n%s", got, want)
		}
		layoutClean(t, st)
	})

	t.Run("Apply with an invalid quad stores nothing", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA)})
		before := dump(t, st)
		invalid := quad.Quad{Subject: quad.IRI(vocab.IDBase + "x"), Object: quad.String("no predicate")}
		changes := map[string]graph.Change{
			"add":     {Add: append(nq(t, docB), invalid)},
			"replace": {Replace: []quad.Value{labelA}, Add: []quad.Quad{invalid}},
		}
		for name, c := range changes {
			if _, err := st.Apply(t.Context(), c); err == nil {
				t.Errorf("%s: Apply with an invalid quad succeeded", name)
			}
			if got := dump(t, st); got != before {
				t.Errorf("%s: a failed Apply changed the store:\n%s\nwant:\n%s", name, got, before)
			}
		}
		layoutClean(t, st)
	})

	t.Run("ReplaceDocument replaces only that document's quads", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA+docB)})
		// m1 loses its beneficiary and gains a polarity; the rest of doc a stays.
		newA := strings.Replace(docA,
			`<id:m1> <tg:beneficiary> <id:usa> <id:doc/a> .`,
			`<id:m1> <tg:polarity> "denied" <id:doc/a> .`, 1)
		res, err := st.ReplaceDocument(t.Context(), labelA, nq(t, newA))
		if err != nil {
			t.Fatal(err)
		}
		if res != (graph.Result{Added: 1, Removed: 1}) {
			t.Errorf("ReplaceDocument = %+v, want 1 added and 1 removed", res)
		}
		if got, want := dump(t, st), canonical(t, newA+docB); got != want {
			t.Errorf("dump after ReplaceDocument:\n%s\nwant:\n%s", got, want)
		}
		layoutClean(t, st)
	})

	t.Run("ReplaceDocument with fewer quads than before", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA+docB)})
		// Two quads of m1 go and one comes: the new quad's subject and
		// label lose more references than they gain in this one change.
		newA := `
<id:malaysia> <a> <tg:Country> <id:doc/a> .
<id:malaysia> <tg:alias> "Malaysia"@en <id:doc/a> .
<id:usa> <a> <tg:Country> <id:doc/a> .
<id:m1> <a> <tg:Concession> <id:doc/a> .
<id:m1> <tg:polarity> "denied" <id:doc/a> .
`
		res, err := st.ReplaceDocument(t.Context(), labelA, nq(t, newA))
		if err != nil {
			t.Fatal(err)
		}
		if res != (graph.Result{Added: 1, Removed: 2}) {
			t.Errorf("ReplaceDocument = %+v, want 1 added and 2 removed", res)
		}
		if got, want := dump(t, st), canonical(t, newA+docB); got != want {
			t.Errorf("dump after ReplaceDocument:\n%s\nwant:\n%s", got, want)
		}
		layoutClean(t, st)
	})

	t.Run("ReplaceDocument labels the quads it writes with the document", func(t *testing.T) {
		st := open(t, fresh(t))
		unlabelled := strings.ReplaceAll(docB, " <id:doc/b> .", " .")
		if _, err := st.ReplaceDocument(t.Context(), labelB, nq(t, unlabelled)); err != nil {
			t.Fatal(err)
		}
		if got, want := dump(t, st), canonical(t, docB); got != want {
			t.Errorf("dump:\n%s\nwant:\n%s", got, want)
		}
		layoutClean(t, st)
	})

	t.Run("replacing a document twice with the same quads changes nothing", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docB)})
		if _, err := st.ReplaceDocument(t.Context(), labelA, nq(t, docA)); err != nil {
			t.Fatal(err)
		}
		first := dump(t, st)
		res, err := st.ReplaceDocument(t.Context(), labelA, nq(t, docA))
		if err != nil {
			t.Fatal(err)
		}
		if res != (graph.Result{}) {
			t.Errorf("second ReplaceDocument = %+v, want no change", res)
		}
		if second := dump(t, st); second != first {
			t.Errorf("dump after the second replace:\n%s\nafter the first:\n%s", second, first)
		}
		layoutClean(t, st)
	})

	t.Run("ReplaceDocument with no quads removes the document", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA+docB)})
		res, err := st.ReplaceDocument(t.Context(), labelA, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res != (graph.Result{Removed: 6}) {
			t.Errorf("ReplaceDocument(doc a, nil) = %+v, want 6 removed", res)
		}
		if got, want := dump(t, st), canonical(t, docB); got != want {
			t.Errorf("dump:\n%s\nwant:\n%s", got, want)
		}
		left, err := st.QuadsWith(t.Context(), quad.Label, labelA)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 0 {
			t.Errorf("quads still labelled doc a: %v", left)
		}
		if got := stats(t, st).Documents; got != 1 {
			t.Errorf("documents = %d, want 1", got)
		}
		layoutClean(t, st)
	})

	t.Run("Stats counts quads, nodes, documents and classes", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA+docB)})
		got := stats(t, st)
		// Nodes are the distinct subjects and objects: malaysia, usa, m1,
		// Country, Concession, doc/b, s1 and the four literals. usa is typed
		// Country in both documents and counts once.
		want := graph.Stats{
			Backend:   st.Backend(),
			Quads:     10,
			Nodes:     11,
			Documents: 2,
			Classes:   map[string]int64{"Country": 2, "Concession": 1},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Stats = %+v\nwant    %+v", got, want)
		}
		layoutClean(t, st)
	})

	t.Run("QuadsWith finds the quads of one node, sorted", func(t *testing.T) {
		st := open(t, fresh(t))
		apply(t, st, graph.Change{Add: nq(t, docA+docB)})
		got, err := st.QuadsWith(t.Context(), quad.Subject, quad.IRI(vocab.IDBase+"usa"))
		if err != nil {
			t.Fatal(err)
		}
		want := canonical(t, `
<id:usa> <a> <tg:Country> <id:doc/a> .
<id:usa> <a> <tg:Country> <id:doc/b> .
`)
		if format(t, got) != want {
			t.Errorf("QuadsWith(subject usa):\n%s\nwant:\n%s", format(t, got), want)
		}
		none, err := st.QuadsWith(t.Context(), quad.Subject, quad.IRI(vocab.IDBase+"nowhere"))
		if err != nil || len(none) != 0 {
			t.Errorf("QuadsWith(an unknown node) = %v, %v; want nothing", none, err)
		}
		layoutClean(t, st)
	})

	t.Run("Quads are sorted by label, subject, predicate and object", func(t *testing.T) {
		st := open(t, fresh(t))
		quads := nq(t, docA+docB)
		slices.Reverse(quads)
		for _, q := range quads {
			apply(t, st, graph.Change{Add: []quad.Quad{q}})
		}
		// Values compare in their N-Quads form: m1 before malaysia, and
		// http://tradegraph.org/ns#... before http://www.w3.org/...#type.
		want := format(t, nq(t, `<id:m1> <tg:beneficiary> <id:usa> <id:doc/a> .
<id:m1> <tg:grantor> <id:malaysia> <id:doc/a> .
<id:m1> <a> <tg:Concession> <id:doc/a> .
<id:malaysia> <tg:alias> "Malaysia"@en <id:doc/a> .
<id:malaysia> <a> <tg:Country> <id:doc/a> .
<id:usa> <a> <tg:Country> <id:doc/a> .
<id:doc/b> <tg:date> "2025-10-26"^^<xsd:date> <id:doc/b> .
<id:s1> <tg:offset> "42"^^<xsd:integer> <id:doc/b> .
<id:s1> <tg:text> "Tariffs fall to 0%." <id:doc/b> .
<id:usa> <a> <tg:Country> <id:doc/b> .
`))
		for i := range 2 {
			if got := dump(t, st); got != want {
				t.Errorf("dump %d:\n%s\nwant:\n%s", i+1, got, want)
			}
		}
		layoutClean(t, st)
	})

	if persistent {
		t.Run("quads survive closing and reopening the store", func(t *testing.T) {
			cfg := fresh(t)
			st := open(t, cfg)
			apply(t, st, graph.Change{Add: nq(t, docA+docB)})
			before := dump(t, st)
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			if got := dump(t, open(t, cfg)); got != before {
				t.Errorf("dump after reopening:\n%s\nbefore closing:\n%s", got, before)
			}
		})
	}
}

func TestBoltLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tradegraph.db")
	writer := open(t, graph.Config{Address: path, Create: true})

	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("a second open (read-only %v) fails fast", readOnly), func(t *testing.T) {
			start := time.Now()
			st, err := graph.Open(t.Context(), graph.Config{Address: path, ReadOnly: readOnly})
			elapsed := time.Since(start)
			if err == nil {
				st.Close()
				t.Fatal("opened a store another writer holds")
			}
			if !errors.Is(err, graph.ErrStoreInUse) {
				t.Errorf("error %q does not wrap ErrStoreInUse", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the store %s", err, path)
			}
			if elapsed > 2*time.Second {
				t.Errorf("took %v to fail, want under 2s", elapsed)
			}
		})
	}

	t.Run("readers share the store once the writer closes", func(t *testing.T) {
		if err := writer.Close(); err != nil {
			t.Fatal(err)
		}
		open(t, graph.Config{Address: path, ReadOnly: true})
		open(t, graph.Config{Address: path, ReadOnly: true})
	})
}

func TestBoltRefusesWhatIsNotAStore(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	content := []byte("these are my notes, not a graph\n")
	if err := os.WriteFile(text, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, text} {
		st, err := graph.Open(t.Context(), graph.Config{Address: path, Create: true})
		if err == nil {
			st.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		if !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("Open(%s) error %q does not start with the path", path, err)
		}
	}
	if got, err := os.ReadFile(text); err != nil || !bytes.Equal(got, content) {
		t.Errorf("the refused file now holds %q (%v)", got, err)
	}
}

func TestPostgresUnreachable(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	addr := "postgres://u:secretpw@127.0.0.1:1/x"
	start := time.Now()
	st, err := graph.Open(t.Context(), graph.Config{Address: addr})
	if logged.Len() > 0 {
		t.Errorf("Open logged to stderr: %s", logged.String())
	}
	if err == nil {
		st.Close()
		t.Fatal("opened a store on a port nothing listens on")
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("took %v to fail", elapsed)
	}
	msg := err.Error()
	if strings.Contains(msg, "secretpw") {
		t.Errorf("error shows the password: %s", msg)
	}
	if !strings.Contains(msg, "127.0.0.1:1") {
		t.Errorf("error %q does not name the server", msg)
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
}

func TestInferBackend(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"", graph.Bolt},
		{"tradegraph.db", graph.Bolt},
		{"/var/lib/postgres.db", graph.Bolt},
		{"memory", graph.Memory},
		{"postgres://u@h/tg", graph.Postgres},
		{"postgresql://u@h/tg", graph.Postgres},
		{"host=127.0.0.1 port=5432 user=tg password='se cret' dbname=tg", graph.Postgres},
		{"  dbname = tg", graph.Postgres},
		{"user=tg password=s3cret", graph.Postgres},
		{"host=db password=unquoted value", graph.Postgres},
		{"hosts=db.bolt", graph.Bolt},
		{"./host=db", graph.Bolt},
		{"data/run=3.db", graph.Bolt},
		{"host", graph.Bolt},
	} {
		if got := graph.InferBackend(tc.addr); got != tc.want {
			t.Errorf("InferBackend(%q) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// postgresServer is the server TRADEGRAPH_TEST_POSTGRES names (see pgtest.Server).
func postgresServer(t *testing.T) string { t.Helper(); return pgtest.Server(t) }

// freshPostgres is an empty database on server for one test, dropped when
// the test ends.
func freshPostgres(t *testing.T, server string) graph.Config {
	t.Helper()
	return graph.Config{Address: pgtest.Database(t, server)}
}

func open(t *testing.T, cfg graph.Config) *graph.Store {
	t.Helper()
	st, err := graph.Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", graph.Redact(cfg.Address), err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func apply(t *testing.T, st *graph.Store, c graph.Change) graph.Result {
	t.Helper()
	res, err := st.Apply(t.Context(), c)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return res
}

func stats(t *testing.T, st *graph.Store) graph.Stats {
	t.Helper()
	s, err := st.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return s
}

// dump is the store as N-Quads, in the order Quads returns.
func dump(t *testing.T, st *graph.Store) string {
	t.Helper()
	quads, err := st.Quads(t.Context())
	if err != nil {
		t.Fatalf("Quads: %v", err)
	}
	return format(t, quads)
}

var shortForms = strings.NewReplacer(
	"<id:", "<"+vocab.IDBase,
	"<tg:", "<"+vocab.NS,
	"<xsd:", "<http://www.w3.org/2001/XMLSchema#",
	"<a>", "<"+vocab.RDFType+">",
)

// expand writes out the short forms of IRIs the tests use.
func expand(text string) string { return shortForms.Replace(text) }

// nq parses N-Quads written with short forms.
func nq(t *testing.T, text string) []quad.Quad {
	t.Helper()
	quads, err := quad.ReadAll(nquads.NewReader(strings.NewReader(expand(text)), false))
	if err != nil {
		t.Fatalf("test data: %v", err)
	}
	return quads
}

// canonical is how a dump of exactly these quads reads.
func canonical(t *testing.T, text string) string {
	t.Helper()
	quads := nq(t, text)
	graph.SortQuads(quads)
	return format(t, quads)
}

func format(t *testing.T, quads []quad.Quad) string {
	t.Helper()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(quads); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
