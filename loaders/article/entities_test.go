package article

import (
	"strings"
	"testing"
)

// wantEntity is an actor a reader finds in a text: its name, its type and
// surface forms the text uses for it.
type wantEntity struct {
	name, typ string
	aliases   []string
}

// findEntity returns the entity of r with the name or alias (case folded).
func findEntity(r *Result, form string) *Entity {
	for _, e := range r.Entities {
		if strings.EqualFold(e.Name, form) {
			return e
		}
	}
	for _, e := range r.Entities {
		for a := range e.Aliases {
			if strings.EqualFold(a, form) {
				return e
			}
		}
	}
	return nil
}

func checkEntities(t *testing.T, text string, want []wantEntity) {
	t.Helper()
	r := testExtractor.Extract(parse(t, "story.txt", text))
	for _, w := range want {
		e := findEntity(r, w.name)
		if e == nil {
			var got []string
			for _, e := range r.Entities {
				got = append(got, e.Type+":"+e.Name)
			}
			t.Errorf("no entity %q; got %q", w.name, got)
			continue
		}
		for _, o := range r.Entities {
			if o != e && strings.EqualFold(o.Name, e.Name) {
				t.Errorf("%q is both a %s and a %s", e.Name, e.Type, o.Type)
			}
		}
		if e.Type != w.typ {
			t.Errorf("%q is a %s, want %s", w.name, e.Type, w.typ)
		}
		for _, a := range w.aliases {
			if !strings.EqualFold(e.Name, a) && !e.Aliases[a] {
				t.Errorf("%q (%s) lacks the alias %q; has %q", w.name, e.Name, a, e.AliasList())
			}
		}
	}
}

func TestInternationalOrganisations(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"short form", "Brazil said it would take the dispute to GATT. GATT rules allow such duties, it said.",
			[]wantEntity{{"General Agreement on Tariffs and Trade", TypeIntlOrg, []string{"GATT"}}}},
		{"full name is not an agreement", "Peru filed a complaint under the General Agreement on Tariffs and Trade on Monday.",
			[]wantEntity{{"General Agreement on Tariffs and Trade", TypeIntlOrg, nil}}},
		{"lender", "The IMF and the World Bank urged Kenya to cut its tariffs.",
			[]wantEntity{{"International Monetary Fund", TypeIntlOrg, []string{"IMF"}}, {"World Bank", TypeIntlOrg, nil}}},
		{"older bloc", "Comecon and the EC resumed talks in Geneva.",
			[]wantEntity{{"Council for Mutual Economic Assistance", TypeBloc, []string{"Comecon"}}, {"European Union", TypeBloc, []string{"EC"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, tt.want) })
	}
}

// TestSharedAcronym: MITI is the trade ministry of Japan and of Malaysia;
// each article means the one of the state it is about.
func TestSharedAcronym(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantEntity
	}{
		{"japan", "Japan's MITI asked chip makers in Japan to cut output. Tokyo said MITI would watch prices.",
			wantEntity{"Ministry of International Trade and Industry", TypeAgency, []string{"MITI"}}},
		{"malaysia", "Malaysia's MITI said Malaysia would cut duties on palm oil. MITI gave no date.",
			wantEntity{"Ministry of Investment, Trade and Industry", TypeAgency, []string{"MITI"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testExtractor.Extract(parse(t, "story.txt", tt.text))
			e := findEntity(r, "MITI")
			if e == nil || e.Name != tt.want.name {
				t.Fatalf("MITI is %v, want %s", e, tt.want.name)
			}
		})
	}
}

func TestPeople(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"title and surname, later the surname", "Chancellor Brandt met the Dutch delegation. Brandt said tariffs would stay.",
			[]wantEntity{{"Brandt", TypePerson, []string{"Chancellor Brandt"}}}},
		{"titled surname of a person named in full", "Premier Lena Okafor opened the talks. Later Premier Okafor said Ghana would cut duties.",
			[]wantEntity{{"Lena Okafor", TypePerson, []string{"Premier Okafor", "Okafor"}}}},
		{"title with a portfolio", "Secretary of Agriculture Tomas Berg said the quota would stay.",
			[]wantEntity{{"Tomas Berg", TypePerson, []string{"Berg"}}}},
		{"role after the name", "Ines Calvo, deputy director of the trade bureau, told reporters the talks had stalled.",
			[]wantEntity{{"Ines Calvo", TypePerson, []string{"Calvo"}}}},
		{"role after the name with its organisation", "Hiro Tanaka, vice minister of Japan's Ministry of International Trade and Industry, flew to Ottawa.",
			[]wantEntity{{"Hiro Tanaka", TypePerson, nil}, {"Ministry of International Trade and Industry", TypeAgency, nil}}},
		{"role before the name", "Kenya's chief negotiator, Amos Waweru, said the offer was final.",
			[]wantEntity{{"Amos Waweru", TypePerson, []string{"Waweru"}}}},
		{"name with a particle", "Trade Commissioner Karel van Dijk said Brussels would reply. Van Dijk gave no date.",
			[]wantEntity{{"Karel van Dijk", TypePerson, []string{"van Dijk"}}}},
		{"employer of an analyst", `"Prices will fall," said Harlow Webb analyst Dana Cole.`,
			[]wantEntity{{"Harlow Webb", TypeCompany, nil}, {"Dana Cole", TypePerson, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, tt.want) })
	}
}

func TestAgreementPhrases(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"parties, subject and date, later the pact", "Brazil said Argentina broke the March 1991 Brazil-Argentina steel pact. Argentina denies it broke the pact.",
			[]wantEntity{{"Brazil-Argentina steel pact", TypeAgreement, []string{"the pact", "the March 1991 Brazil-Argentina steel pact"}}}},
		{"two agreements of different parties", "Canada wants a Canada-Chile fisheries accord like its Canada-Peru fisheries accord.",
			[]wantEntity{{"Canada-Chile fisheries accord", TypeAgreement, nil}, {"Canada-Peru fisheries accord", TypeAgreement, nil}}},
		{"generic phrase of the two parties", "Chile and Peru signed a fisheries accord on Friday. Peru said the accord would cut tariffs.",
			[]wantEntity{{"the accord", TypeAgreement, []string{"a fisheries accord"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, tt.want) })
	}
}

// TestAgreementNotAnEntity: "agreement" as an act, with no determiner,
// date or parties, names no agreement.
func TestAgreementNotAnEntity(t *testing.T) {
	r := testExtractor.Extract(parse(t, "story.txt", "Chile and Peru reached agreement on fish quotas after talks in Lima."))
	for _, e := range r.Entities {
		if e.Type == TypeAgreement {
			t.Errorf("agreement %q (aliases %q)", e.Name, e.AliasList())
		}
	}
}

func TestCompaniesAndTreaties(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"known company with its legal form", "Japan said firms including Hitachi Ltd would cut chip output.",
			[]wantEntity{{"Hitachi", TypeCompany, []string{"Hitachi Ltd"}}}},
		{"treaty named after its place", "Spain said the 1986 Treaty of Lisbon bars such duties.",
			[]wantEntity{{"Treaty of Lisbon", TypeAgreement, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, tt.want) })
	}
}
