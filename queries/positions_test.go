package queries

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// talks is an article's extraction written by hand, as the extractor will
// find positions: China demands that the United States remove its steel
// tariffs, Japan warns it may retaliate against the United States, which
// offers Korea lower tariffs if Korea opens its market, and cuts tariffs on
// Korean cars: the one concession.
func talks() *article.Result {
	china := &article.Entity{Name: "China", Type: article.TypeCountry}
	us := &article.Entity{Name: "United States", Type: article.TypeCountry, Aliases: map[string]bool{"U.S.": true}}
	japan := &article.Entity{Name: "Japan", Type: article.TypeCountry}
	korea := &article.Entity{Name: "South Korea", Type: article.TypeCountry, Aliases: map[string]bool{"Korea": true}}
	tariff := &article.Instrument{ID: "tariff", Name: "tariff", MAST: "Tariff"}
	return &article.Result{
		Doc: &article.Document{Path: "talks.txt", Title: "Talks"},
		ID:  "talks.txt",
		Sentences: []article.Sentence{
			{Text: "China called on the U.S. to remove its steel tariffs.", Offset: 0},
			{Text: "Japan warned it may retaliate against the United States.", Offset: 55},
			{Text: "The U.S. may drop tariffs on chips if Korea opens its market.", Offset: 113},
			{Text: "The U.S. cut tariffs on Korean cars.", Offset: 176},
		},
		Entities: []*article.Entity{china, us, japan, korea},
		Measures: []*article.Measure{{Grantor: us, Beneficiary: korea, Instrument: tariff, Sector: "cars", Polarity: article.Asserted,
			Action: "cut", Policy: "tariffs on Korean cars", Evidence: []int{3}}},
		Positions: []*article.Position{
			{Kind: article.Demand, Holder: china, Addressee: us, Instrument: tariff, Sector: "steel", Policy: "remove its steel tariffs",
				Evidence: []int{0}},
			{Kind: article.Threat, Holder: japan, Addressee: us, Policy: "retaliate", Hedged: true, Evidence: []int{1}},
			{Kind: article.Offer, Holder: us, Addressee: korea, Instrument: tariff, Sector: "chips", Policy: "drop tariffs on chips",
				Hedged: true, Evidence: []int{2}},
		},
	}
}

// talksStore is a memory store holding talks.
func talksStore(t *testing.T) *tg.Store {
	t.Helper()
	st, err := tg.Open(context.Background(), tg.Config{Backend: tg.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := talks()
	if _, err := st.ReplaceDocument(context.Background(), article.DocIRI(r.ID), r.Quads()); err != nil {
		t.Fatal(err)
	}
	return st
}

// run runs the named query with flags, the others at their defaults.
func run(t *testing.T, st *tg.Store, name string, args []string, flags map[string]string) (Result, error) {
	t.Helper()
	for _, q := range Registry() {
		if q.Name != name {
			continue
		}
		p := Params{Args: args, Flags: map[string]string{}}
		for _, f := range q.Flags {
			p.Flags[f.Name] = f.Default
		}
		for k, v := range flags {
			p.Flags[k] = v
		}
		return q.Run(context.Background(), st, p)
	}
	t.Fatalf("no query %s", name)
	return Result{}, nil
}

func TestPositionsListsEachWithItsParties(t *testing.T) {
	res, err := run(t, talksStore(t), "positions", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Value)
	if err != nil {
		t.Fatal(err)
	}
	want := `[` +
		`{"id":"doc/talks.txt#p-china-demand-tariff-steel","kind":"demand","holder":"China","addressee":"United States",` +
		`"policy":"remove its steel tariffs","instrument":"tariff","sector":"steel","hedged":false,` +
		`"evidence":[{"doc":"talks.txt","sentence":"China called on the U.S. to remove its steel tariffs."}]},` +
		`{"id":"doc/talks.txt#p-japan-threat","kind":"threat","holder":"Japan","addressee":"United States",` +
		`"policy":"retaliate","instrument":"","sector":null,"hedged":true,` +
		`"evidence":[{"doc":"talks.txt","sentence":"Japan warned it may retaliate against the United States."}]},` +
		`{"id":"doc/talks.txt#p-united-states-offer-tariff-chips","kind":"offer","holder":"United States","addressee":"South Korea",` +
		`"policy":"drop tariffs on chips","instrument":"tariff","sector":"chips","hedged":true,` +
		`"evidence":[{"doc":"talks.txt","sentence":"The U.S. may drop tariffs on chips if Korea opens its market."}]}]`
	if string(b) != want {
		t.Errorf("positions:\n%s\nwant\n%s", b, want)
	}
	table := res.Table()
	if len(table.Rows) != 3 || strings.Join(table.Rows[1], "|") !=
		"Japan|threat (hedged)|United States|||retaliate|Japan warned it may retaliate against the United States." {
		t.Errorf("table %q", table.Rows)
	}
}

func TestPositionsFilters(t *testing.T) {
	st := talksStore(t)
	for _, tc := range []struct {
		flags map[string]string
		want  string // the holders, in order
	}{
		{map[string]string{"kind": "threat"}, "Japan"},
		{map[string]string{"kind": "DEMAND"}, "China"},
		{map[string]string{"holder": "u.s."}, "United States"},
		{map[string]string{"addressee": "united states"}, "China Japan"},
		{map[string]string{"addressee": "Korea"}, "United States"},
		{map[string]string{"addressee": "U.S.", "kind": "offer"}, ""},
		{map[string]string{"sector": "Steel"}, "China"},
		{map[string]string{"holder": "Atlantis"}, ""},
	} {
		res, err := run(t, st, "positions", nil, tc.flags)
		if err != nil {
			t.Fatalf("%v: %v", tc.flags, err)
		}
		var got []string
		for _, r := range res.Value.([]PositionRow) {
			got = append(got, orDash(r.Holder))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%v: holders %q, want %q", tc.flags, got, tc.want)
		}
	}
	if _, err := run(t, st, "positions", nil, map[string]string{"kind": "concession"}); err == nil {
		t.Error("--kind concession is accepted")
	} else if _, ok := err.(ErrUsage); !ok {
		t.Errorf("--kind concession: %v, want a usage error", err)
	}
}

func TestConcessionsNeverListPositions(t *testing.T) {
	res, err := run(t, talksStore(t), "concessions", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Value.([]ConcessionRow)
	if len(rows) != 1 || rows[0].ID != "doc/talks.txt#m-united-states-tariff-asserted-cars" {
		t.Errorf("concessions %+v, want only the cut of tariffs on cars", rows)
	}
	// nor does a beneficiary filter find the addressee of an offer
	res, err = run(t, talksStore(t), "concessions", nil, map[string]string{"grantor": "China"})
	if err != nil || len(res.Value.([]ConcessionRow)) != 0 {
		t.Errorf("China's concessions: %+v, %v; want none", res.Value, err)
	}
}

func TestActorListsThePositionsItHoldsAndIsAddressed(t *testing.T) {
	res, err := run(t, talksStore(t), "actor", []string{"u.s."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Value.(ActorRow)
	var holds, addressed []string
	for _, p := range r.Holds {
		holds = append(holds, p.Kind+" to "+orDash(p.Addressee))
	}
	for _, p := range r.Addressed {
		addressed = append(addressed, p.Kind+" from "+orDash(p.Holder))
	}
	if strings.Join(holds, ", ") != "offer to South Korea" || strings.Join(addressed, ", ") != "demand from China, threat from Japan" {
		t.Errorf("the U.S. holds %q and is addressed %q", holds, addressed)
	}
	if len(r.Grants) != 1 || len(r.Receives) != 0 {
		t.Errorf("the U.S. grants %d and receives %d measures, want 1 and 0", len(r.Grants), len(r.Receives))
	}
	var sections []string
	for _, row := range res.Table().Rows {
		if row[0] == "holds" || row[0] == "addressed" {
			sections = append(sections, row[0]+": "+row[4])
		}
	}
	if got := strings.Join(sections, "; "); got !=
		"holds: drop tariffs on chips (to South Korea); addressed: remove its steel tariffs (from China); addressed: retaliate (from Japan)" {
		t.Errorf("the actor table's positions: %s", got)
	}
}

// A position links its holder and addressee: China and the United States
// share no concession, only China's demand.
func TestPathGoesThroughAPosition(t *testing.T) {
	res, err := run(t, talksStore(t), "path", []string{"China", "United States"}, map[string]string{"hops": "4", "limit": "10"})
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Value.([]PathRow)
	if len(rows) != 1 || rows[0].Hops != 2 {
		t.Fatalf("paths %+v, want one of 2 hops", rows)
	}
	var steps []string
	for _, s := range rows[0].Steps {
		steps = append(steps, s.Predicate+" "+s.Direction+" "+s.To)
	}
	if got := strings.Join(steps, ", "); got != "holder in doc/talks.txt#p-china-demand-tariff-steel, addressee out country/united-states" {
		t.Errorf("steps: %s", got)
	}
}

// A position names a policy as a concession does, but it is no measure of
// its sector: steel has China's demand and no measure, chips the offer of
// the United States and no measure, cars the one cut of tariffs.
func TestSectorsCountNoPositions(t *testing.T) {
	res, err := run(t, talksStore(t), "sectors", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Value.([]SectorRow) {
		var ms []string
		for _, p := range r.Policies {
			ms = append(ms, p.Measures...)
		}
		got = append(got, fmt.Sprintf("%s %d [%s] %q", r.Sector, r.Measures, strings.Join(ms, "; "), r.Documents))
	}
	want := `cars 1 [United States: tariffs on Korean cars (asserted)] ["talks.txt"], chips 0 [] [], steel 0 [] []`
	if strings.Join(got, ", ") != want {
		t.Errorf("sectors: %s\nwant %s", strings.Join(got, ", "), want)
	}
}
