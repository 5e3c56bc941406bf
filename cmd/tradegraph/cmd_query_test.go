package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleStore builds the shipped sample article into a fresh bolt store.
func sampleStore(t *testing.T) string {
	t.Helper()
	db := newStore(t)
	mustRun(t, "--db", db, "build", sampleDir(t))
	return db
}

func TestQueryListNamesEveryQuery(t *testing.T) {
	r := mustRun(t, "--db", newStore(t), "query", "list")
	for _, name := range []string{"entities", "concessions", "bundles", "claims", "actor NAME", "sectors", "path A B", "neighbors NAME", "evidence ID"} {
		if !strings.Contains(r.stdout, name) {
			t.Errorf("query list lacks %q:\n%s", name, r.stdout)
		}
	}
}

func TestQueryActorByAliasAsJSON(t *testing.T) {
	db := sampleStore(t)
	r := mustRun(t, "--db", db, "--json", "query", "actor", "miti")
	var got struct {
		Name   string
		Type   string
		Grants []struct{ Instrument, Polarity string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if got.Name != "Ministry of Investment, Trade and Industry" || got.Type != "agency" ||
		len(got.Grants) != 1 || got.Grants[0].Instrument != "certificate of origin" {
		t.Errorf("actor miti = %+v", got)
	}
}

func TestQueryUnknownNameSuggestsClosest(t *testing.T) {
	db := sampleStore(t)
	r := tradegraph(t, "--db", db, "query", "actor", "Malasia")
	if r.code != exitFailure || !strings.Contains(r.stderr, `no node named "Malasia"; closest: Malaysia`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("want one line, got %q", r.stderr)
	}
}

func TestQueryPathTable(t *testing.T) {
	db := sampleStore(t)
	r := mustRun(t, "--db", db, "query", "path", "Tengku Zafrul", "United States")
	want := "-memberOf-> Ministry of Investment, Trade and Industry <-grantor-"
	if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "-beneficiary-> United States") {
		t.Errorf("path table:\n%s", r.stdout)
	}
}

func TestQueryCSVNeutralisesFormulas(t *testing.T) {
	got := neutralise([]string{"=1+2", "+x", "-y", "@z", "plain", ""})
	want := []string{"'=1+2", "'+x", "'-y", "'@z", "plain", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("neutralise = %q", got)
	}
}

func TestRawQueries(t *testing.T) {
	db := sampleStore(t)
	r := mustRun(t, "--db", db, "query", "--lang", "gizmo", "--limit", "2", "g.V().All()")
	var rows []any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 2 {
		t.Errorf("gizmo --limit 2 printed %q (%v)", r.stdout, err)
	}
	qf := filepath.Join(t.TempDir(), "q.graphql")
	os.WriteFile(qf, []byte(`{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <http://tradegraph.org/ns#Country>) { id } }`), 0o644)
	r = mustRun(t, "--db", db, "query", "--lang", "graphql", "-f", qf)
	if !strings.Contains(r.stdout, "country/malaysia") {
		t.Errorf("graphql from a file printed %q", r.stdout)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"runaway", []string{"query", "--lang", "gizmo", "--timeout", "300ms", "while (true) {}"}, exitFailure, "query stopped at its time limit (300ms)"},
		{"unknown language", []string{"query", "--lang", "sparql", "SELECT *"}, exitUsage, `unknown query language "sparql"`},
		{"no query", []string{"query", "--lang", "gizmo"}, exitUsage, "no query given"},
		{"no name", []string{"query"}, exitUsage, "name a query"},
		{"syntax error", []string{"query", "--lang", "gizmo", "g.V(("}, exitFailure, "gizmo:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tradegraph(t, append([]string{"--db", db}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	db := sampleStore(t)
	r := mustRun(t, "completion", "bash")
	if !strings.Contains(r.stdout, "__start_tradegraph") {
		t.Errorf("bash completion script missing its entry point")
	}
	r = mustRun(t, "--db", db, "__complete", "query", "")
	if !strings.Contains(r.stdout, "actor") || !strings.Contains(r.stdout, "concessions") {
		t.Errorf("query names not completed:\n%s", r.stdout)
	}
	r = mustRun(t, "--db", db, "__complete", "query", "actor", "Mal")
	if !strings.Contains(r.stdout, "Malaysia") {
		t.Errorf("entity names not completed:\n%s", r.stdout)
	}
}

// A distance in edges is --hops in every verb's help; query path still
// takes its old --max-hops, unlisted, and says on stderr what it is now.
func TestHopsIsOneSpelling(t *testing.T) {
	for _, verb := range [][]string{{"query", "path"}, {"query", "neighbors"}, {"export"}, {"stats"}} {
		help := mustRun(t, append(verb, "--help")...).stdout
		if !strings.Contains(help, "--hops") || strings.Contains(help, "max-hops") {
			t.Errorf("%s --help does not offer --hops alone:\n%s", strings.Join(verb, " "), help)
		}
	}
	db := newStore(t)
	mustRun(t, "--db", db, "build", filepath.Join("testdata", "names", "chile-korea.txt"))
	path := []string{"--db", db, "--json", "query", "path", "Chile", "r.o.k", "--limit", "1"}
	hops := mustRun(t, append(path, "--hops", "2")...)
	var rows []struct{ Hops int }
	if err := json.Unmarshal([]byte(hops.stdout), &rows); err != nil || len(rows) != 1 || rows[0].Hops != 2 {
		t.Fatalf("query path --hops 2: %v %s", err, hops.stdout)
	}
	if short := mustRun(t, append(path, "--hops", "1")...).stdout; short != "[]\n" {
		t.Errorf("query path --hops 1 found %s; Chile and South Korea are two edges apart", short)
	}
	old := mustRun(t, append(path, "--max-hops", "2")...)
	if old.stdout != hops.stdout || old.stderr != "tradegraph: --max-hops is now --hops\n" {
		t.Errorf("query path --max-hops 2: stdout %q, stderr %q; want the answer of --hops 2, and a note", old.stdout, old.stderr)
	}
	if r := tradegraph(t, append(path, "--max-hops", "2", "--hops", "3")...); r.code != exitUsage || r.stdout != "" {
		t.Errorf("both --max-hops and --hops: exit %d, stdout %q; want a usage error", r.code, r.stdout)
	}
}

// The root help says what each exit code means, and what a partial
// failure stores.
func TestHelpDocumentsExitCodes(t *testing.T) {
	help := strings.Join(strings.Fields(mustRun(t, "--help").stdout), " ")
	for _, want := range []string{"0 success", "1 failure", "2 usage error", "130 interrupted", "A partial failure is a build or load",
		"each that succeeds is stored whole", "nothing of it is stored", "the exit code is 1"} {
		if !strings.Contains(help, want) {
			t.Errorf("tradegraph --help does not say %q:\n%s", want, help)
		}
	}
}
