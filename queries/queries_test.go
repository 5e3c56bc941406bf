package queries

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph/data"
	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// corpus builds a memory store from the shipped sample article and the two
// small articles of testdata/ (Vietnam with the EU, Vietnam with Japan).
func corpus(t testing.TB) *tg.Store {
	t.Helper()
	return corpusIn(t, tg.Config{Backend: tg.Memory}, t.TempDir())
}

// corpusIn builds the corpus in the store cfg names, as if read from dir.
func corpusIn(t testing.TB, cfg tg.Config, dir string) *tg.Store {
	t.Helper()
	ctx := context.Background()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	st, err := tg.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sample, err := fs.ReadFile(data.Articles, "articles/malaysia-rare-earths-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"malaysia-rare-earths-article.txt": sample}
	for _, name := range []string{"vietnam-eu.txt", "vietnam-japan.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	for name, b := range files {
		doc, err := article.Parse(filepath.Join(dir, name), b, lex)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(doc)
		r.ID = name
		if _, err := st.ReplaceDocument(ctx, article.DocIRI(name), r.Quads()); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestActorResolvesAliasesAndListsMeasures(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	tests := []struct {
		name, want, typ string
		grants          []string // instruments of asserted measures it grants
		keeps           []string
		denied          []string
	}{
		{name: "MITI", want: "Ministry of Investment, Trade and Industry", typ: "agency", grants: []string{"certificate of origin"}},
		{name: "u.s.", want: "United States", typ: "country", grants: []string{"export control"}},
		{name: "vietnam", want: "Vietnam", typ: "country", grants: []string{"tariff", "tariff"},
			keeps: []string{"state control of strategic sectors", "state control of strategic sectors"}},
		{name: "Japan", want: "Japan", typ: "country", grants: []string{"tariff-rate quota"}, keeps: []string{"import ban"}},
		{name: "Tengku Zafrul", want: "Tengku Zafrul Abdul Aziz", typ: "person"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Actor(ctx, st, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if r.Name != tt.want || r.Type != tt.typ {
				t.Fatalf("Actor(%q) = %q (%s), want %q (%s)", tt.name, r.Name, r.Type, tt.want, tt.typ)
			}
			check := func(kind string, rows []ConcessionRow, want []string) {
				var got []string
				for _, c := range rows {
					got = append(got, c.Instrument)
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s %s = %q, want %q", tt.want, kind, got, want)
				}
			}
			check("grants", r.Grants, tt.grants)
			check("keeps", r.Keeps, tt.keeps)
			check("denied", r.Denied, tt.denied)
		})
	}
}

func TestActorRoleAndReceives(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	p, err := Actor(ctx, st, "tengku zafrul abdul aziz")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Roles) != 1 || p.Roles[0].Role != "Investment, Trade and Industry Minister" ||
		p.Roles[0].Organization != "Ministry of Investment, Trade and Industry" {
		t.Errorf("roles = %+v", p.Roles)
	}
	us, err := Actor(ctx, st, "United States")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range us.Receives {
		got = append(got, c.Instrument+"/"+c.Polarity)
	}
	want := "certificate of origin/asserted|tariff/asserted|import licensing/denied"
	if strings.Join(got, "|") != want {
		t.Errorf("United States receives %q, want %q", got, want)
	}
	if len(us.Documents) != 1 || us.Documents[0] != "malaysia-rare-earths-article.txt" {
		t.Errorf("documents = %q", us.Documents)
	}
}

func TestActorUnknownNameListsClosest(t *testing.T) {
	st := corpus(t)
	_, err := Actor(context.Background(), st, "Malasia")
	var nf ErrNotFound
	if !errors.As(err, &nf) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if len(nf.Closest) == 0 || nf.Closest[0] != "Malaysia" {
		t.Errorf("closest = %q, want Malaysia first", nf.Closest)
	}
}

func TestBundlesAcrossCountsPairsOverDocuments(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	rows, err := BundlesAcross(ctx, st, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no pairs")
	}
	top := rows[0]
	want := [2]Signature{{Instrument: "state control of strategic sectors", Grantor: "Vietnam"}, {Instrument: "tariff", Grantor: "Vietnam"}}
	if top.Pair != want || top.Bundles != 2 || top.Documents != 2 ||
		strings.Join(top.Docs, ",") != "vietnam-eu.txt,vietnam-japan.txt" {
		t.Errorf("top pair = %+v, want %v in 2 bundles of 2 documents", top, want)
	}
	for _, r := range rows[1:] {
		if r.Documents > 1 {
			t.Errorf("only one pair spans documents; also %+v", r)
		}
	}
	// by instrument alone, the sample's agreement joins in: a tariff cut beside state control kept
	byInst, err := BundlesAcross(ctx, st, true)
	if err != nil {
		t.Fatal(err)
	}
	top = byInst[0]
	want = [2]Signature{{Instrument: "state control of strategic sectors"}, {Instrument: "tariff"}}
	if top.Pair != want || top.Bundles != 3 || top.Documents != 3 {
		t.Errorf("by instrument, top pair = %+v, want %v in 3 documents", top, want)
	}
	for _, r := range byInst[1:] {
		if r.Documents > 1 {
			t.Errorf("by instrument, only one pair spans documents; also %+v", r)
		}
	}
}

func TestPathNamesEachStep(t *testing.T) {
	st := corpus(t)
	rows, err := Paths(context.Background(), st, "Tengku Zafrul", "U.S.", 4, 10, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Hops != 3 {
		t.Fatalf("paths = %+v, want one of 3 hops", rows)
	}
	var steps []string
	for _, s := range rows[0].Steps {
		steps = append(steps, s.Predicate+"/"+s.Direction)
	}
	if got := strings.Join(steps, " "); got != "memberOf/out grantor/in beneficiary/out" {
		t.Errorf("steps = %s", got)
	}
	if last := rows[0].Steps[2]; last.ToLabel != "United States" {
		t.Errorf("path ends at %q", last.ToLabel)
	}
	// China is only mentioned: it connects through the document, with --via-evidence
	none, err := Paths(context.Background(), st, "MITI", "China", 4, 10, false)
	if err != nil || len(none) != 0 {
		t.Errorf("without evidence: %+v, %v", none, err)
	}
	via, err := Paths(context.Background(), st, "MITI", "China", 4, 10, true)
	if err != nil || len(via) == 0 || via[0].Hops != 2 {
		t.Errorf("via evidence: %+v, %v", via, err)
	}
}

func TestNeighborsCountsPerPredicate(t *testing.T) {
	st := corpus(t)
	r, err := Neighbors(context.Background(), st, "Vietnam", 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Counts["grantor (in)"] != 4 {
		t.Errorf("Vietnam grants or keeps %d measures, want 4 (counts %v)", r.Counts["grantor (in)"], r.Counts)
	}
	two, err := Neighbors(context.Background(), st, "Vietnam", 2, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(two.Neighbors) <= len(r.Neighbors) {
		t.Errorf("two hops (%d) should reach beyond one (%d)", len(two.Neighbors), len(r.Neighbors))
	}
}

func TestEvidenceOfABundle(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	bundles, err := Bundles(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, b := range bundles {
		if b.Basis == "explicit pairing" {
			id = b.ID
			break
		}
	}
	r, err := EvidenceOf(ctx, st, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Evidence) == 0 || r.Evidence[0].Doc != "malaysia-rare-earths-article.txt" || !strings.Contains(r.Evidence[0].Sentence, "accompany") {
		t.Errorf("evidence of %s = %+v", id, r.Evidence)
	}
}

func TestSectorsListPoliciesAndMeasures(t *testing.T) {
	st := corpus(t)
	rows, err := Sectors(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var telecom *SectorRow
	for i := range rows {
		if rows[i].Sector == "telecommunications" {
			telecom = &rows[i]
		}
	}
	if telecom == nil || telecom.Measures != 2 || telecom.ByPolarity["retained"] != 2 || len(telecom.Documents) != 2 {
		t.Errorf("telecommunications = %+v", telecom)
	}
}

func TestRawLanguages(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	gizmo, err := Raw(ctx, st, "gizmo", `g.V("<http://tradegraph.org/ns#Country>").In("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>").Unique().All()`, RawOptions{Timeout: 10 * time.Second})
	if err != nil || len(gizmo) != 5 {
		t.Errorf("gizmo countries = %d (%v), want 5", len(gizmo), err)
	}
	limited, err := Raw(ctx, st, "gizmo", `g.V().All()`, RawOptions{Limit: 3, Timeout: 10 * time.Second})
	if err != nil || len(limited) != 3 {
		t.Errorf("--limit 3 gave %d (%v)", len(limited), err)
	}
	gql, err := Raw(ctx, st, "graphql", `{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <http://tradegraph.org/ns#Bloc>) { id } }`, RawOptions{Timeout: 10 * time.Second})
	if err != nil || len(gql) != 1 {
		t.Errorf("graphql = %v (%v)", gql, err)
	}
	mql, err := Raw(ctx, st, "mql", `[{"id": null, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>": "<http://tradegraph.org/ns#Country>"}]`, RawOptions{Timeout: 10 * time.Second})
	if err != nil || len(mql) != 5 {
		t.Errorf("mql countries = %d (%v)", len(mql), err)
	}
	if _, err := Raw(ctx, st, "sparql", "SELECT", RawOptions{Timeout: time.Second}); !errors.As(err, new(ErrUsage)) {
		t.Errorf("unknown language: %v", err)
	}
}

func TestRawRunawayQueryStopsAtTimeout(t *testing.T) {
	st := corpus(t)
	start := time.Now()
	_, err := Raw(context.Background(), st, "gizmo", `while (true) {}`, RawOptions{Timeout: 500 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("stopped after %s", d)
	}
}
