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
			[]wantEntity{{"GATT", TypeIntlOrg, nil}}},
		{"full name is not an agreement", "Peru filed a complaint under the General Agreement on Tariffs and Trade on Monday.",
			[]wantEntity{{"GATT", TypeIntlOrg, []string{"General Agreement on Tariffs and Trade"}}}},
		{"spelling of a full name", "The Organization for Economic Cooperation and Development said trade would slow.",
			[]wantEntity{{"OECD", TypeIntlOrg, []string{"Organization for Economic Cooperation and Development"}}}},
		{"lender", "The IMF and the World Bank urged Kenya to cut its tariffs.",
			[]wantEntity{{"IMF", TypeIntlOrg, nil}, {"World Bank", TypeIntlOrg, nil}}},
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
		{"legal form without its period", "Demand is weak, said analyst Joan Pike of Harwood Bellamy Co.",
			[]wantEntity{{"Harwood Bellamy Co", TypeCompany, []string{"Harwood Bellamy"}}}},
		{"employer of an analyst", `"Prices are up," analyst Joan Pike of Harwood Bellamy and Stone said.`,
			[]wantEntity{{"Harwood Bellamy and Stone", TypeCompany, nil}, {"Joan Pike", TypePerson, nil}}},
		{"industry word ends the name", "Tokyo objected to the sale of Norwood Semiconductor to a Japanese buyer.",
			[]wantEntity{{"Norwood Semiconductor", TypeCompany, nil}}},
		{"person of a firm", "Later Joan Pike of Harwood Trust Co noted that exports had fallen.",
			[]wantEntity{{"Harwood Trust Co", TypeCompany, nil}}},
		{"firm of a state", `"Rates will fall," said Harwood Bellamy of Canada Ltd economist Joan Pike.`,
			[]wantEntity{{"Harwood Bellamy of Canada Ltd", TypeCompany, nil}, {"Joan Pike", TypePerson, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, tt.want) })
	}
}

// TestLeaders: heads of state and of government are world knowledge: a
// title and a surname name the one in office when the story was written,
// under the full name, and the person acts for the state.
func TestLeaders(t *testing.T) {
	tests := []struct {
		name, date, text string
		form, want, org  string // a form in the text, the person it names, the state it acts for ("" none)
		aliases          []string
	}{
		{"president and surname", "1986-03-02", "President Reagan said steel duties would rise. Reagan gave no date.",
			"President Reagan", "Ronald Reagan", "United States", []string{"Reagan"}},
		{"prime minister", "1985-06-01", "Prime Minister Nakasone promised to open the market to foreign tobacco.",
			"Prime Minister Nakasone", "Yasuhiro Nakasone", "Japan", nil},
		{"chancellor", "1990-01-10", "Chancellor Kohl said Bonn would not touch its coal subsidies.",
			"Chancellor Kohl", "Helmut Kohl", "Germany", nil},
		{"family name first", "1985-02-02", "President Chun Doo Hwan said Seoul would cut tariffs on cigarettes.",
			"President Chun Doo Hwan", "Chun Doo-hwan", "South Korea", nil},
		{"the one in office then", "1991-05-05", "President Bush said rice quotas must go.",
			"President Bush", "George H. W. Bush", "United States", nil},
		{"the one in office later", "2003-05-05", "President Bush said steel duties would stay.",
			"President Bush", "George W. Bush", "United States", nil},
		{"full name, later the surname", "2016-09-01", "Theresa May said Britain would seek a new customs deal. May gave no date.",
			"Theresa May", "Theresa May", "United Kingdom", nil},
		{"out of office acts for no state", "1987-04-01", "Jimmy Carter urged both sides to lower their tariffs.",
			"Jimmy Carter", "Jimmy Carter", "", nil},
		{"honorific and surname", "1985-03-03", "Mrs Thatcher said Britain would keep its quotas.",
			"Mrs Thatcher", "Margaret Thatcher", "United Kingdom", nil},
		{"honorific and the surname of a leader not yet in office", "1987-03-03", "Mr Abe said Japan would keep its quotas.",
			"Mr Abe", "Abe", "", nil},
		{"a leader in another office", "1987-04-01", "Japanese Finance Minister Kiichi Miyazawa said Japan would cut its rates.",
			"Kiichi Miyazawa", "Kiichi Miyazawa", "Ministry of Finance (Japan)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testExtractor.Extract(parse(t, "story.md", "---\ndate: "+tt.date+"\n---\n\n"+tt.text))
			e := findEntity(r, tt.form)
			if e == nil || e.Name != tt.want || e.Type != TypePerson {
				t.Fatalf("%q is %v, want the person %s", tt.form, e, tt.want)
			}
			org := ""
			if e.Org != nil {
				org = e.Org.Name
			}
			if org != tt.org {
				t.Errorf("%s acts for %q, want %q", e.Name, org, tt.org)
			}
			for _, a := range tt.aliases {
				if !e.Aliases[a] {
					t.Errorf("%s lacks the alias %q; has %q", e.Name, a, e.AliasList())
				}
			}
		})
	}
}

// TestRoleOfAState: a title that a state, its people or an agency's name
// qualifies is held for that state or agency.
func TestRoleOfAState(t *testing.T) {
	tests := []struct {
		name, text, person, org string
	}{
		{"possessive state", "Brazil's Finance Minister Ana Prado said Brazil would cut tariffs.", "Ana Prado", "Ministry of Finance (Brazil)"},
		{"possessive state without a known ministry", "Chile's Mining Minister Rosa Vidal said copper quotas would stay.", "Rosa Vidal", "Chile"},
		{"demonym", "Peruvian Trade Minister Luis Soto said quotas would stay.", "Luis Soto", "Peru"},
		{"bloc", "EC Farm Commissioner Piet Smit said the levy would stay.", "Piet Smit", "European Union"},
		{"the role names an agency", "U.S. Trade Representative Jo Marsh said talks would resume.", "Jo Marsh", "Office of the United States Trade Representative"},
		{"an agency in the role", "Federal Reserve Board Chairman Jo Marsh said the dollar had fallen enough.", "Jo Marsh", "Federal Reserve"},
		{"a secretary's department", "Commerce Secretary Jo Marsh said the United States would impose duties.", "Jo Marsh", "United States Department of Commerce"},
		{"a minister's ministry of affairs", "Foreign Minister Ana Prado said Brazil would cut tariffs.", "Ana Prado", "Ministry of Foreign Affairs (Brazil)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testExtractor.Extract(parse(t, "story.txt", tt.text))
			e := findEntity(r, tt.person)
			if e == nil || e.Type != TypePerson {
				t.Fatalf("no person %q", tt.person)
			}
			if e.Org == nil || e.Org.Name != tt.org {
				t.Errorf("%s acts for %v, want %s", e.Name, e.Org, tt.org)
			}
		})
	}
}

// TestLeaderGrantsForTheState: what a head of government does, the state does.
func TestLeaderGrantsForTheState(t *testing.T) {
	r := testExtractor.Extract(parse(t, "story.md", "---\ndate: 1987-03-30\n---\n\nPresident Reagan imposed tariffs on Japanese chips."))
	if len(r.Measures) == 0 {
		t.Fatal("no measure")
	}
	if g := r.Measures[0].Grantor; g == nil || g.Name != "United States" {
		t.Errorf("grantor %v, want United States", g)
	}
}

// TestBodies: a body is named by its head word, with the state or the body
// named in front of it; associations and chambers are bodies of firms.
func TestBodies(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantEntity
		country    string
	}{
		{"state in front", "The U.S. Embassy in Lima said the quota would stay.",
			wantEntity{"U.S. Embassy", TypeAgency, nil}, "US"},
		{"body in front", "Senate Commerce Committee chairman Dana Reyes said tariffs would rise.",
			wantEntity{"Senate Commerce Committee", TypeAgency, nil}, "US"},
		{"one of its officials", "A Fisheries Ministry official said the ban would be lifted.",
			wantEntity{"Fisheries Ministry", TypeAgency, nil}, ""},
		{"chamber of commerce", "Speaking to the U.S. Chamber of Commerce, she said duties would fall.",
			wantEntity{"U.S. Chamber of Commerce", TypeFirmGroup, nil}, "US"},
		{"news agency", "The Mbale News Agency said exports had doubled.",
			wantEntity{"Mbale News Agency", TypeMedia, nil}, ""},
		{"no clause before a comma", "Nevertheless, Peruvian National Bank officials said rates would stay.",
			wantEntity{"National Bank", TypeAgency, nil}, "PE"},
		{"no person before its of", "Prices will fall, said Aiko Mori of Kansai Bank.",
			wantEntity{"Kansai Bank", TypeAgency, nil}, ""},
		{"body of a bloc", "The deal needs the approval of the executive committee of Mercosur.",
			wantEntity{"Mercosur executive committee", TypeAgency, []string{"executive committee of Mercosur"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, []wantEntity{tt.want})
			r := testExtractor.Extract(parse(t, "story.txt", tt.text))
			if e := findEntity(r, tt.want.name); e != nil && e.Country != tt.country {
				t.Errorf("%s is of %q, want %q", e.Name, e.Country, tt.country)
			}
		})
	}
}

func TestParties(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantEntity
	}{
		{"head word", "The Social Democratic Party opposed the tariff cuts.",
			wantEntity{"Social Democratic Party", TypeParty, nil}},
		{"by its politics", "The Liberal government said it would keep the quotas.",
			wantEntity{"Liberal Party", TypeParty, []string{"Liberal"}}},
		{"by its members", "House Republicans pledged to block the trade bill.",
			wantEntity{"House Republicans", TypeParty, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, []wantEntity{tt.want}) })
	}
}

// TestNotPeople: names beside a title or a verb of saying that are no
// person's: outlets, employers and bodies.
func TestNotPeople(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantEntity
		notPerson  string
	}{
		{"outlet told", "The minister told Lagos Broadcasting Network that duties would rise.",
			wantEntity{"Lagos Broadcasting Network", TypeMedia, nil}, "Lagos Broadcasting Network"},
		{"outlet the lexicon knows by its full name", "The minister told Cable News Network that quotas would stay.",
			wantEntity{"CNN", TypeMedia, []string{"Cable News Network"}}, "Cable News Network"},
		{"newspaper after the name", "The official Harbour Business newspaper said exports fell.",
			wantEntity{"Harbour Business", TypeMedia, nil}, "Harbour Business"},
		{"employer before a job", `"Rates will rise," said Keller Hale Securities economist Ann Vogt.`,
			wantEntity{"Keller Hale Securities", TypeCompany, nil}, "Keller Hale"},
		{"employer's possessive", `"Rates will rise," said Keller Hale's Vogt.`,
			wantEntity{"Keller Hale", TypeCompany, nil}, "Keller Hale"},
		{"body after a portfolio", "Rep. Ann Vogt, chairman of the International Trade Policy subcommittee, said duties would rise.",
			wantEntity{"Ann Vogt", TypePerson, nil}, "Trade Policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEntities(t, tt.text, []wantEntity{tt.want})
			r := testExtractor.Extract(parse(t, "story.txt", tt.text))
			for _, e := range r.Entities {
				if e.Type == TypePerson && e.Name == tt.notPerson {
					t.Errorf("%q is a person", e.Name)
				}
			}
		})
	}
}

// TestFirmGroups: groups of firms named by their state, with the wire's
// capital after an abbreviation and with the state's possessive.
func TestFirmGroups(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantEntity
	}{
		{"capital after an abbreviation", "Tokyo agreed to widen U.S. Chipmakers' share of its market.",
			wantEntity{"U.S. chipmakers", TypeFirmGroup, []string{"U.S. Chipmakers"}}},
		{"capital modifier after an abbreviation", "The deal helps U.S. Software firms sell in Seoul.",
			wantEntity{"U.S. software firms", TypeFirmGroup, nil}},
		{"possessive state", "The duties would hit Korea's largest steel mills.",
			wantEntity{"Korea's largest steel mills", TypeFirmGroup, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkEntities(t, tt.text, []wantEntity{tt.want}) })
	}
}

// TestCapitals: a capital stands for its state, but not a quarter of it.
func TestCapitals(t *testing.T) {
	r := testExtractor.Extract(parse(t, "story.txt", "Bonn said it would cut coal aid. Exports from West Berlin rose."))
	e := findEntity(r, "Bonn")
	if e == nil || e.Name != "Germany" {
		t.Fatalf("Bonn is %v, want Germany", e)
	}
	if e.Aliases["Berlin"] {
		t.Errorf("West Berlin's Berlin is an alias of Germany: %q", e.AliasList())
	}
}
