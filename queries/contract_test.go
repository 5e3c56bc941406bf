package queries

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// contractStore is a memory store holding testdata/canada-japan.txt.
func contractStore(t *testing.T) *tg.Store {
	t.Helper()
	return articleStore(t, tg.Config{Backend: tg.Memory}, "canada-japan.txt")
}

// articleStore is a store of cfg holding the article testdata/name, built
// as build does.
func articleStore(t *testing.T, cfg tg.Config, name string) *tg.Store {
	t.Helper()
	ctx := context.Background()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	st, err := tg.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := article.Parse(name, b, lex)
	if err != nil {
		t.Fatal(err)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	r := x.Extract(doc)
	r.ID = name
	if _, err := st.ReplaceDocument(ctx, article.DocIRI(name), r.Quads()); err != nil {
		t.Fatal(err)
	}
	return st
}

// orDash is the text of s, or "-" for null.
func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func TestContractEntities(t *testing.T) {
	rows, err := Entities(context.Background(), contractStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rows {
		got = append(got, fmt.Sprintf("%s %s %s %v %v", e.ID, e.Name, e.Type, e.Aliases, e.Documents))
	}
	want := []string{
		"country/canada Canada country [Canadian] [canada-japan.txt]",
		"country/japan Japan country [Japanese] [canada-japan.txt]",
		"person/ana-ruiz Ana Ruiz person [Ruiz] [canada-japan.txt]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entities:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestContractConcessions(t *testing.T) {
	st := contractStore(t)
	all := []string{
		"Canada retained tariff-rate quota [dairy] for - (tariff-rate quotas on dairy products) s2",
		"Canada asserted import quota [grains] for Japan (larger import quota for Japanese rice) s3",
		"Japan asserted tariff [beef] for Canada (tariffs on Canadian beef to 9%) s3",
		"Canada retained ban [pork] for - (ban on Japanese pork) s4",
	}
	sentences := map[string]string{
		"s2": "Trade Minister Ana Ruiz said Canada maintains its tariff-rate quotas on dairy products.",
		"s3": "Japan will reduce its tariffs on Canadian beef to 9%, paired with a larger import quota for Japanese rice.",
		"s4": "Canada has not agreed to lift its ban on Japanese pork.",
	}
	for _, tc := range []struct {
		name   string
		filter ConcessionFilter
		want   []string
	}{
		{"all", ConcessionFilter{}, all},
		{"grantor by name", ConcessionFilter{Grantor: "Canada"}, []string{all[0], all[1], all[3]}},
		{"grantor by alias, any case", ConcessionFilter{Grantor: "japanese"}, []string{all[2]}},
		{"beneficiary", ConcessionFilter{Beneficiary: "Japan"}, []string{all[1]}},
		{"polarity", ConcessionFilter{Polarity: "Retained"}, []string{all[0], all[3]}},
		{"sector", ConcessionFilter{Sector: "beef"}, []string{all[2]}},
		{"grantor and polarity", ConcessionFilter{Grantor: "Canada", Polarity: "asserted"}, []string{all[1]}},
		{"nothing matches", ConcessionFilter{Polarity: "denied"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := Concessions(context.Background(), st, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if rows == nil {
				t.Fatal("nil rows: JSON would print null, not []")
			}
			var got []string
			for _, r := range rows {
				if len(r.Evidence) != 1 || r.Evidence[0].Doc != "canada-japan.txt" {
					t.Fatalf("evidence of %s: %+v", r.ID, r.Evidence)
				}
				ref := ""
				for s, text := range sentences {
					if r.Evidence[0].Sentence == text {
						ref = s
					}
				}
				got = append(got, fmt.Sprintf("%s %s %s [%s] for %s (%s) %s", orDash(r.Grantor), r.Polarity, r.Instrument,
					orDash(r.Sector), orDash(r.Beneficiary), r.Policy, ref))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("concessions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestContractBundles(t *testing.T) {
	rows, err := Bundles(context.Background(), contractStore(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("bundles: %+v", rows)
	}
	b := rows[0]
	var members []string
	for _, m := range b.Members {
		members = append(members, fmt.Sprintf("%s %s %s [%s]", orDash(m.Grantor), m.Polarity, m.Instrument, orDash(m.Sector)))
	}
	want := []string{"Canada asserted import quota [grains]", "Japan asserted tariff [beef]"}
	if b.Basis != "explicit pairing" || strings.Join(members, "\n") != strings.Join(want, "\n") || len(b.Evidence) != 1 ||
		b.Evidence[0].Sentence != "Japan will reduce its tariffs on Canadian beef to 9%, paired with a larger import quota for Japanese rice." {
		t.Errorf("bundle %s: basis %q, members %q, evidence %+v", b.ID, b.Basis, members, b.Evidence)
	}
}

func TestContractClaims(t *testing.T) {
	st := contractStore(t)
	for _, polarity := range []string{"", "denied", "DENIED"} {
		rows, err := Claims(context.Background(), st, polarity)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Fatalf("claims (%q): %+v", polarity, rows)
		}
		c := rows[0]
		if c.Subject != "Canada" || c.Predicate != "agreed" || c.Object != "to lift its ban on Japanese pork" || c.Polarity != "denied" ||
			len(c.Evidence) != 1 || c.Evidence[0].Sentence != "Canada has not agreed to lift its ban on Japanese pork." {
			t.Errorf("claim (%q) = %+v", polarity, c)
		}
	}
	rows, err := Claims(context.Background(), st, "asserted")
	if err != nil || rows == nil || len(rows) != 0 {
		t.Errorf("asserted claims = %+v, %v; want none", rows, err)
	}
}
