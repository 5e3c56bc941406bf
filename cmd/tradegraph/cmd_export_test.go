package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportStore builds the shipped sample article and testdata/injection's
// article, whose sentences carry <script> and onerror markup, into a fresh
// bolt store.
func exportStore(t *testing.T) string {
	t.Helper()
	dir := sampleDir(t)
	b, err := os.ReadFile(filepath.Join("testdata", "injection", "injected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "injected.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	db := newStore(t)
	mustRun(t, "--db", db, "build", dir)
	return db
}

// viewCounts is what 'stats --json' reports for a view and subgraph.
type viewCounts struct {
	View  string           `json:"view"`
	Nodes int              `json:"nodes"`
	Edges int              `json:"edges"`
	Types map[string]int64 `json:"types"`
}

func statsOf(t *testing.T, db string, selection ...string) viewCounts {
	t.Helper()
	var c viewCounts
	out := mustRun(t, append([]string{"--db", db, "--json", "stats"}, selection...)...).stdout
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("stats %v: %v\n%s", selection, err, out)
	}
	return c
}

func TestStatsOfAView(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	store := statsOf(t, db, "--view", "full")
	if store.Nodes != 19 || store.Edges != 18 {
		t.Errorf("stats --view full: %d nodes, %d edges; want the store's 19 nodes and one edge per quad (18)", store.Nodes, store.Edges)
	}
	text := mustRun(t, "--db", db, "stats", "--view", "network").stdout
	want := `view          network
nodes         4
edges         3
  bloc        1
  concession  1
  country     2
`
	if text != want {
		t.Errorf("stats --view network:\n%s\nwant:\n%s", text, want)
	}
}

func TestExportToFilesAndStdout(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	dir := t.TempDir()

	stdout := mustRun(t, "--db", db, "export", "--format", "graphml").stdout
	file := filepath.Join(dir, "sample.graphml")
	r := mustRun(t, "--db", db, "export", "--format", "graphml", "-o", file)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("export -o wrote to stdout or stderr: %q %q", r.stdout, r.stderr)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != stdout {
		t.Errorf("the file differs from stdout (%v)", err)
	}

	// csv: a directory, or a prefix.
	mustRun(t, "--db", db, "export", "--format", "csv", "-o", filepath.Join(dir, "gephi")+"/")
	mustRun(t, "--db", db, "export", "--format", "csv", "--neo4j", "-o", filepath.Join(dir, "neo"))
	for file, header := range map[string]string{
		"gephi/nodes.csv": "Id,Label,type,",
		"gephi/edges.csv": "Source,Target,Type,Id,Label,",
		"neo-nodes.csv":   "id:ID,:LABEL,type,label,",
		"neo-edges.csv":   ":START_ID,:END_ID,:TYPE,",
		"sample.graphml":  "<?xml",
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || !strings.HasPrefix(string(b), header) {
			t.Errorf("%s does not start with %q (%v):\n%.200s", file, header, err, b)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "neo-edges.csv")); !strings.Contains(string(b), ",GRANTS,") {
		t.Errorf("neo4j edges have no GRANTS relationship:\n%s", b)
	}
}

// The RDF formats write the store's quads as dump does.
func TestExportRDFIsTheDump(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	if got, want := mustRun(t, "--db", db, "export", "--format", "nquads").stdout, dumpOf(t, db); got != want {
		t.Errorf("export --format nquads:\n%s\nwant the dump:\n%s", got, want)
	}
	jsonld := mustRun(t, "--db", db, "dump", "--format", "jsonld").stdout
	if got := mustRun(t, "--db", db, "export", "--format", "jsonld", "--view", "full").stdout; got != jsonld {
		t.Errorf("export --format jsonld differs from dump --format jsonld")
	}
}

func TestExportIsDeterministic(t *testing.T) {
	db := exportStore(t)
	for _, format := range []string{"graphml", "gexf", "cyjs", "dot", "gml", "svg", "html"} {
		a := mustRun(t, "--db", db, "export", "--format", format).stdout
		b := mustRun(t, "--db", db, "export", "--format", format).stdout
		if a != b || a == "" {
			t.Errorf("%s: two exports differ (or are empty)", format)
		}
	}
	// The same articles built again into a new store export the same bytes.
	again := exportStore(t)
	for _, format := range []string{"graphml", "png"} {
		x := filepath.Join(t.TempDir(), "x."+format)
		y := filepath.Join(t.TempDir(), "y."+format)
		mustRun(t, "--db", db, "export", "--format", format, "-o", x)
		mustRun(t, "--db", again, "export", "--format", format, "-o", y)
		bx, _ := os.ReadFile(x)
		by, _ := os.ReadFile(y)
		if len(bx) == 0 || string(bx) != string(by) {
			t.Errorf("%s of a rebuilt store differs", format)
		}
	}
}

func TestExportErrors(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export"}, exitUsage, "--format is required"},
		{[]string{"export", "--format", "xlsx"}, exitUsage, `unknown export format "xlsx"`},
		{[]string{"export", "--format", "dot", "--neo4j"}, exitUsage, "--neo4j goes with --format csv"},
		{[]string{"export", "--format", "csv"}, exitUsage, "give -o DIR/ or -o PREFIX"},
		{[]string{"export", "--format", "dot", "--view", "pretty"}, exitUsage, `unknown view "pretty"`},
		{[]string{"export", "--format", "dot", "--query", "claims"}, exitUsage, `unknown query "claims"`},
		{[]string{"export", "--format", "dot", "--around", "USA", "--hops", "-1"}, exitUsage, "hops must be 0 or more"},
		{[]string{"export", "--format", "nquads", "--view", "network"}, exitUsage, "full view"},
		{[]string{"export", "--format", "dot", "extra"}, exitUsage, "unknown command"},
		{[]string{"export", "--format", "dot", "--around", "Atlantis"}, exitFailure, `no node named "Atlantis"`},
		{[]string{"export", "--format", "dot", "--doc", "missing.txt"}, exitFailure, `no document "missing.txt"`},
		{[]string{"stats", "--view", "pretty"}, exitUsage, `unknown view "pretty"`},
		{[]string{"export", "--format", "dot", "--hops", "2"}, exitUsage, "--hops goes with --around"},
		{[]string{"stats", "--hops", "2"}, exitUsage, "--hops goes with --around"},
	} {
		r := tradegraph(t, append([]string{"--db", db}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) || r.stdout != "" {
			t.Errorf("tradegraph %s: exit %d, stderr %q, stdout %.80q; want exit %d and %q",
				strings.Join(tc.args, " "), r.code, r.stderr, r.stdout, tc.code, tc.msg)
		}
	}
}

// export --around and stats --around find a name as the queries do: an
// alias spelled without its stops (R.O.K.), and for an unknown name the
// same message with the closest names.
func TestAroundResolvesNamesAsQueriesDo(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "build", filepath.Join("testdata", "names", "chile-korea.txt"))
	var actor struct{ ID string }
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "--json", "query", "actor", "r.o.k").stdout), &actor); err != nil {
		t.Fatal(err)
	}
	if actor.ID != "country/south-korea" {
		t.Fatalf("query actor r.o.k is %q, want country/south-korea", actor.ID)
	}
	var export struct {
		Elements struct {
			Nodes []struct{ Data struct{ ID string } }
		}
	}
	out := mustRun(t, "--db", db, "export", "--format", "cyjs", "--around", "r.o.k", "--hops", "0").stdout
	if err := json.Unmarshal([]byte(out), &export); err != nil {
		t.Fatal(err)
	}
	if n := export.Elements.Nodes; len(n) != 1 || n[0].Data.ID != actor.ID {
		t.Errorf("export --around r.o.k --hops 0 keeps %+v, want only %s", n, actor.ID)
	}
	if c := statsOf(t, db, "--around", "r.o.k", "--hops", "0"); c.Nodes != 1 || c.Types["country"] != 1 {
		t.Errorf("stats --around r.o.k --hops 0: %+v, want one country", c)
	}

	query := tradegraph(t, "--db", db, "query", "actor", "Sout Korea")
	if query.code != exitFailure || !strings.Contains(query.stderr, "closest: ") {
		t.Fatalf("query actor of an unknown name: exit %d, %q", query.code, query.stderr)
	}
	for _, verb := range [][]string{{"export", "--format", "dot"}, {"stats"}} {
		r := tradegraph(t, append(append([]string{"--db", db}, verb...), "--around", "Sout Korea")...)
		if r.code != exitFailure || r.stderr != query.stderr || r.stdout != "" {
			t.Errorf("%s --around of an unknown name: exit %d, %q; want exit 1 and, as query actor says, %q",
				verb[0], r.code, r.stderr, query.stderr)
		}
	}
}

func TestExportHelpListsFormats(t *testing.T) {
	help := mustRun(t, "export", "--help").stdout
	for _, want := range []string{"graphml", "gexf", "cyjs", "dot", "gml", "csv", "nquads", "jsonld", "svg", "png", "html", "--neo4j", "PREFIX-nodes.csv"} {
		if !strings.Contains(help, want) {
			t.Errorf("export --help does not mention %q", want)
		}
	}
}
