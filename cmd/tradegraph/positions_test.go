package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/article"
)

// positionsFile writes, as N-Quads in a new directory, the quads of an
// article's extraction made by hand, since the extractor finds no positions
// yet: China demands that the United States remove its steel tariffs, Japan
// warns it may retaliate, and the United States cuts tariffs on Korean
// cars, the one concession.
func positionsFile(t *testing.T) string {
	t.Helper()
	china := &article.Entity{Name: "China", Type: article.TypeCountry}
	us := &article.Entity{Name: "United States", Type: article.TypeCountry, Aliases: map[string]bool{"U.S.": true}}
	japan := &article.Entity{Name: "Japan", Type: article.TypeCountry}
	korea := &article.Entity{Name: "South Korea", Type: article.TypeCountry}
	tariff := &article.Instrument{ID: "tariff", Name: "tariff", MAST: "Tariff"}
	r := &article.Result{
		Doc: &article.Document{Path: "talks.txt", Title: "Talks"},
		ID:  "talks.txt",
		Sentences: []article.Sentence{
			{Text: "China called on the U.S. to remove its steel tariffs.", Offset: 0},
			{Text: "Japan warned it may retaliate against the United States.", Offset: 55},
			{Text: "The U.S. cut tariffs on Korean cars.", Offset: 113},
		},
		Entities: []*article.Entity{china, us, japan, korea},
		Measures: []*article.Measure{{Grantor: us, Beneficiary: korea, Instrument: tariff, Sector: "cars", Polarity: article.Asserted,
			Policy: "tariffs on Korean cars", Evidence: []int{2}}},
		Positions: []*article.Position{
			{Kind: article.Demand, Holder: china, Addressee: us, Instrument: tariff, Sector: "steel", Policy: "remove its steel tariffs",
				Evidence: []int{0}},
			{Kind: article.Threat, Holder: japan, Addressee: us, Policy: "retaliate", Hedged: true, Evidence: []int{1}},
		},
	}
	var b strings.Builder
	for _, q := range r.Quads() {
		b.WriteString(q.NQuad() + "\n")
	}
	path := filepath.Join(t.TempDir(), "talks.nq")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPositionsEndToEnd(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", positionsFile(t))

	var rows []struct {
		ID, Kind, Policy, Instrument string
		Holder, Addressee, Sector    *string
		Hedged                       bool
		Evidence                     []struct{ Doc, Sentence string }
	}
	out := mustRun(t, "--db", db, "--json", "query", "positions").stdout
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("query positions --json printed %q: %v", out, err)
	}
	if len(rows) != 2 || rows[0].Kind != "demand" || *rows[0].Holder != "China" || *rows[0].Addressee != "United States" ||
		rows[0].Instrument != "tariff" || *rows[0].Sector != "steel" || rows[0].Hedged ||
		len(rows[0].Evidence) != 1 || rows[0].Evidence[0].Doc != "talks.txt" ||
		rows[1].Kind != "threat" || *rows[1].Holder != "Japan" || !rows[1].Hedged || rows[1].Sector != nil {
		t.Errorf("query positions --json:\n%s", out)
	}

	table := mustRun(t, "--db", db, "query", "positions", "--kind", "threat", "--addressee", "u.s.").stdout
	if !strings.Contains(table, "Japan") || !strings.Contains(table, "threat (hedged)") || strings.Contains(table, "China") {
		t.Errorf("query positions --kind threat --addressee u.s.:\n%s", table)
	}
	if r := tradegraph(t, "--db", db, "query", "positions", "--kind", "promise"); r.code != exitUsage ||
		!strings.Contains(r.stderr, "demand, threat or offer") {
		t.Errorf("--kind promise: exit %d, %q; want a usage error", r.code, r.stderr)
	}

	out = mustRun(t, "--db", db, "--json", "query", "concessions").stdout
	if strings.Contains(out, "#p-") || strings.Count(out, `"id"`) != 1 {
		t.Errorf("query concessions lists more than the cut of tariffs on cars:\n%s", out)
	}

	if r := tradegraph(t, "--db", db, "check"); r.code != exitOK {
		t.Errorf("check of a store of positions: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var stats struct{ Classes map[string]int64 }
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "--json", "stats").stdout), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.Classes["Position"] != 2 || stats.Classes["Concession"] != 1 {
		t.Errorf("stats counts classes %v, want 2 Position and 1 Concession", stats.Classes)
	}

	dot := mustRun(t, "--db", db, "export", "--format", "dot").stdout
	for _, want := range []string{
		`type="position"`, `kind="threat"`,
		`"country/china" -> "doc/talks.txt#p-china-demand-tariff-steel" [label="holds"`,
		`"doc/talks.txt#p-china-demand-tariff-steel" -> "country/united-states" [label="addresses"`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("export --format dot lacks %s", want)
		}
	}
}

func TestPositionsCheckFindsOneWithoutHolder(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", positionsFile(t))
	nq := filepath.Join(t.TempDir(), "orphan.nq")
	orphan := `<http://tradegraph.org/id/file/orphan#p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://tradegraph.org/ns#Position> <http://tradegraph.org/id/file/orphan> .
<http://tradegraph.org/id/file/orphan#p1> <http://tradegraph.org/ns#kind> "demand" <http://tradegraph.org/id/file/orphan> .
<http://tradegraph.org/id/file/orphan#p1> <http://tradegraph.org/ns#evidence> <http://tradegraph.org/id/doc/talks.txt#s0> <http://tradegraph.org/id/file/orphan> .
`
	if err := os.WriteFile(nq, []byte(orphan), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "load", nq)
	r := tradegraph(t, "--db", db, "check")
	if r.code != exitFailure || !strings.Contains(r.stdout, "no-holder") || !strings.Contains(r.stdout, "orphan#p1 has no holder") {
		t.Errorf("check of a position without a holder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
