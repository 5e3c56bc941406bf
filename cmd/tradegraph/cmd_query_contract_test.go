package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// articlesDB is a fresh store built from testdata/articles.
func articlesDB(t *testing.T) string {
	t.Helper()
	db := newStore(t)
	mustRun(t, "--db", db, "build", "testdata/articles")
	return db
}

type evidenceJSON struct {
	Doc, Sentence string
}

type concessionJSON struct {
	Grantor, Beneficiary, Sector *string
	Policy, Instrument, Polarity string
	Hedged                       bool
	Evidence                     []evidenceJSON
}

// row is a concession as "grantor polarity instrument [sector]".
func (c concessionJSON) row() string {
	return fmt.Sprintf("%s %s %s [%s]", str(c.Grantor), c.Polarity, c.Instrument, str(c.Sector))
}

func str(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func concessions(t *testing.T, db string, args ...string) []concessionJSON {
	t.Helper()
	r := mustRun(t, append([]string{"--db", db, "--json", "query", "concessions"}, args...)...)
	var rows []concessionJSON
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("concessions %v printed %q: %v", args, r.stdout, err)
	}
	return rows
}

func rowsOf(cs []concessionJSON) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.row())
	}
	return out
}

// allConcessions are the facts of testdata/articles in document and text order.
var allConcessions = []string{
	"United Kingdom asserted tariff [tea]",
	"United Kingdom asserted import quota [cut flowers]",
	"Kenya asserted import licensing [pharmaceuticals]",
	"Kenya retained export ban [-]",
	"Kenya retained tariff [sugar]",
	"European Union denied tariff [grains]",
	"European Union asserted tariff-rate quota [grains]",
	"Vietnam denied export ban [coffee]",
}

func TestQueryConcessionsJSON(t *testing.T) {
	rows := concessions(t, articlesDB(t))
	if got := rowsOf(rows); strings.Join(got, "\n") != strings.Join(allConcessions, "\n") {
		t.Fatalf("concessions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(allConcessions, "\n"))
	}
	byRow := map[string]concessionJSON{}
	for _, c := range rows {
		byRow[c.row()] = c
		if len(c.Evidence) == 0 || c.Policy == "" {
			t.Errorf("%s has no policy text or no evidence", c.row())
		}
	}
	tea := byRow["United Kingdom asserted tariff [tea]"]
	if str(tea.Beneficiary) != "Kenya" || tea.Policy != "tariffs on Kenyan tea from January" ||
		tea.Evidence[0] != (evidenceJSON{"kenya-uk.txt", "The United Kingdom will cut tariffs on Kenyan tea from January."}) {
		t.Errorf("the tea tariff cut = %+v", tea)
	}
	rice := byRow["European Union denied tariff [grains]"]
	if rice.Policy != "tariff cut on rice" || rice.Evidence[0].Doc != "vietnam-eu.md" {
		t.Errorf("the denied rice tariff cut = %+v", rice)
	}
	// "Vietnam may ease licensing requirements": a possibility, not a concession
	for _, c := range rows {
		if c.Instrument == "import licensing" && str(c.Grantor) == "Vietnam" {
			t.Errorf("the licensing Vietnam may ease is listed: %+v", c)
		}
	}
}

func TestQueryConcessionsFilters(t *testing.T) {
	db := articlesDB(t)
	for _, tc := range []struct {
		args []string
		want []string // indexes into allConcessions
	}{
		{[]string{"--grantor", "Kenya"}, pick(2, 3, 4)},
		{[]string{"--grantor", "UK"}, pick(0, 1)},
		{[]string{"--grantor", "european union"}, pick(5, 6)},
		{[]string{"--beneficiary", "Vietnam"}, pick(6)},
		{[]string{"--polarity", "denied"}, pick(5, 7)},
		{[]string{"--polarity", "RETAINED"}, pick(3, 4)},
		{[]string{"--polarity", "asserted", "--grantor", "Vietnam"}, pick()},
		{[]string{"--sector", "grains"}, pick(5, 6)},
		{[]string{"--sector", "Tea", "--polarity", "asserted"}, pick(0)},
		{[]string{"--grantor", "Atlantis"}, pick()},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if got := rowsOf(concessions(t, db, tc.args...)); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func pick(is ...int) []string {
	out := []string{}
	for _, i := range is {
		out = append(out, allConcessions[i])
	}
	return out
}

func TestQueryConcessionsCSVAndTable(t *testing.T) {
	db := articlesDB(t)
	r := mustRun(t, "--db", db, "query", "concessions", "--csv", "--grantor", "Kenya")
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("--csv printed %q: %v", r.stdout, err)
	}
	header := []string{"GRANTOR", "POLARITY", "INSTRUMENT", "SECTOR", "POLICY", "BENEFICIARY", "EVIDENCE"}
	if len(records) != 4 || strings.Join(records[0], ",") != strings.Join(header, ",") {
		t.Fatalf("--csv rows:\n%s", r.stdout)
	}
	want := []string{"Kenya", "asserted", "import licensing", "pharmaceuticals", "import licensing for UK pharmaceuticals", "United Kingdom"}
	if got := records[1][:6]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("first CSV row %q, want %q", got, want)
	}

	r = mustRun(t, "--db", db, "query", "concessions", "--polarity", "denied")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "GRANTOR") || !strings.HasPrefix(lines[1], "European Union  denied") {
		t.Errorf("table:\n%s", r.stdout)
	}
	if !strings.HasSuffix(lines[1], "...") {
		t.Errorf("a long evidence sentence is not shortened in the table: %q", lines[1])
	}
}

func TestQueryBadPolarity(t *testing.T) {
	db := articlesDB(t)
	for _, q := range []string{"concessions", "claims"} {
		r := tradegraph(t, "--db", db, "query", q, "--polarity", "maybe")
		want := "tradegraph: unknown polarity \"maybe\" (want asserted, denied or retained)\nRun 'tradegraph --help' for usage.\n"
		if r.code != exitUsage || r.stderr != want || r.stdout != "" {
			t.Errorf("query %s --polarity maybe: exit %d, stderr %q, stdout %q; want exit %d, %q", q, r.code, r.stderr, r.stdout, exitUsage, want)
		}
	}
}

func TestQueryEntitiesJSON(t *testing.T) {
	r := mustRun(t, "--db", articlesDB(t), "--json", "query", "entities")
	var rows []struct {
		Name, Type string
		Aliases    []string
		Documents  []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range rows {
		got[e.Name] = fmt.Sprintf("%s %v %v", e.Type, e.Aliases, e.Documents)
	}
	for name, want := range map[string]string{
		"Kenya":          "country [Kenyan] [kenya-uk.txt]",
		"United Kingdom": "country [Britain British UK] [kenya-uk.txt]",
		"Vietnam":        "country [Vietnamese] [vietnam-eu.md]",
		"European Union": "bloc [EU European] [vietnam-eu.md]",
	} {
		if got[name] != want {
			t.Errorf("entity %s = %q, want %q", name, got[name], want)
		}
	}
}

func TestQueryBundlesJSON(t *testing.T) {
	r := mustRun(t, "--db", articlesDB(t), "--json", "query", "bundles")
	var rows []struct {
		Basis   string
		Members []struct {
			Grantor, Policy string
		}
		Evidence []evidenceJSON
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("bundles:\n%s", r.stdout)
	}
	b := rows[0]
	var members []string
	for _, m := range b.Members {
		members = append(members, m.Grantor+": "+m.Policy)
	}
	want := []string{"Kenya: import licensing for UK pharmaceuticals", "United Kingdom: import quotas on Kenyan cut flowers",
		"United Kingdom: tariffs on Kenyan tea from January"}
	if b.Basis != "reciprocity" || strings.Join(members, "\n") != strings.Join(want, "\n") ||
		len(b.Evidence) != 1 || b.Evidence[0].Sentence != "In return, Kenya will simplify import licensing for UK pharmaceuticals." {
		t.Errorf("bundle = %+v", b)
	}
}

func TestQueryClaimsJSON(t *testing.T) {
	db := articlesDB(t)
	r := mustRun(t, "--db", db, "--json", "query", "claims", "--polarity", "denied")
	var rows []struct {
		Subject, Predicate, Object, Polarity string
		Evidence                             []evidenceJSON
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rows {
		got = append(got, fmt.Sprintf("%s | %s | %s | %s | %s", c.Polarity, c.Subject, c.Predicate, c.Object, c.Evidence[0].Doc))
	}
	want := []string{
		"denied | Kenya | agreed | to lift its export ban on raw hides | kenya-uk.txt",
		"denied | The EU | offer | a tariff cut on rice | vietnam-eu.md",
		"denied | Vietnam | imposed | an export ban on coffee | vietnam-eu.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r = mustRun(t, "--db", db, "--json", "query", "claims", "--polarity", "asserted")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("asserted claims: %s, want []", r.stdout)
	}
}
