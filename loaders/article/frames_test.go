package article

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// factLines lists what a text yields, one line a fact: measures as "grantor
// polarity instrument", positions as "holder kind addressee instrument".
func factLines(r *Result) []string {
	var out []string
	for _, m := range r.Measures {
		out = append(out, fmt.Sprintf("%s %s %s", nameOrDash(m.Grantor), m.Polarity, m.Instrument.ID))
	}
	for _, p := range r.Positions {
		out = append(out, fmt.Sprintf("%s %s %s %s", nameOrDash(p.Holder), p.Kind, nameOrDash(p.Addressee), p.Instrument.ID))
	}
	return out
}

// TestFramesFromTheTree checks who grants a measure and what the text
// says of it on sentences whose structure varies: the same measure as
// done, refused, asked for, threatened, offered on a condition or hoped
// for.
func TestFramesFromTheTree(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"subject", "Canada cut its tariffs on Brazilian beef.", []string{"Canada asserted tariff"}},
		{"passive agent", "The tariffs on Brazilian beef were lifted by Canada last week.", []string{"Canada asserted tariff"}},
		{"control", "Canada agreed to eliminate its quotas on Brazilian cheese.", []string{"Canada asserted quota"}},
		{"possessor of a nominal event", "Canada's decision to raise duties on Brazilian steel surprised traders.", []string{"Canada asserted tariff"}},
		{"refusal", "Canada refused to lift its ban on Brazilian poultry.", []string{"Canada retained ban"}},
		{"failure", "Brazil criticised Canada's failure to open its market to Brazilian sugar.", []string{"Canada denied market-access"}},
		{"negation through control", "Canada did not agree to cut its tariffs on Brazilian shoes.", []string{"Canada denied tariff"}},
		{"not this but that", "Canada did not offer a tariff cut but a larger quota for Brazilian beef.", []string{"Canada denied tariff", "Canada asserted quota"}},
		{"coordinated subject", "Canada and Chile will eliminate their tariffs on Brazilian textiles.", []string{"Canada asserted tariff", "Chile asserted tariff"}},
		{"reported clause", "Officials in Ottawa said Canada would remove its quotas on Brazilian chicken.", []string{"Canada asserted quota"}},
		{"target is not the author", "Canada and Brazil met in March. Canada imposed duties on Brazilian steel.", []string{"Canada asserted tariff"}},
		{"demand", "Brazil urged Canada to lift its ban on Brazilian poultry.", []string{"Brazil demand Canada ban"}},
		{"call on", "Brazil called on Canada to remove its quotas on Brazilian cheese.", []string{"Brazil demand Canada quota"}},
		{"obligation", "Brazil said Canada should scrap its tariffs on Brazilian beef.", []string{"Brazil demand Canada tariff"}},
		{"threat", "Brazil threatened to impose duties on Canadian wheat.", []string{"Brazil threat - tariff"}},
		{"conditional offer", "Canada would scrap its tariffs on Brazilian beef if Brazil opened its market to Canadian wheat.", []string{"Canada offer Brazil tariff"}},
		{"refused demand", "Canada rejected Brazil's demand to remove its quotas on cheese.", []string{"Canada retained quota"}},
		{"hope", "Brazil hoped Canada could lift its ban on Brazilian poultry soon.", nil},
		{"possibility", "Canada may cut its tariffs on Brazilian shoes next year.", nil},
		{"likely", "Officials said that Canada was likely to lift the ban on Brazilian poultry.", nil},
		{"consideration", "Canada is considering a cut in its tariffs on Brazilian shoes.", nil},
		{"who acts, not the nearest name", "Canada announced the sanctions in retaliation for Brazil's failure to open its market to Canadian wheat.",
			[]string{"Canada asserted sanctions", "Brazil denied market-access"}},
		{"pronoun for the subject", "Canadian negotiators told Brazilian officials last week that they were honouring the agreement.",
			[]string{"Canada asserted agreement-compliance"}},
		{"pronoun for a titled subject", "Canada's trade minister told Brazil on Monday that he would lift the ban on Brazilian poultry.",
			[]string{"Canada asserted ban"}},
		{"a verb that names its instrument beside a noun that names another", "Canada said it would not terminate the agreement and would lift its ban on Brazilian beef once Brazil began to comply.",
			[]string{"Canada denied agreement-termination", "Canada offer Brazil ban"}},
		{"intention", "Canada wants to lift its ban on Brazilian poultry.", nil},
		{"refused intention", "Canada does not want to lift its ban on Brazilian poultry.", []string{"Canada retained ban"}},
		{"what one wants of another", "Brazil wants an end to Canadian subsidies on wheat.", []string{"Brazil demand Canada subsidy"}},
		{"opposed proposal", "Canada opposed parts of the plan proposing quotas on Brazilian cheese.", []string{"Canada denied quota"}},
		{"as soon as", "Canada will lift the ban on Brazilian poultry as soon as Brazil opens its market to Canadian wheat.",
			[]string{"Canada offer Brazil ban"}},
		{"what a verb of reducing cuts", "Brazil cut back coffee production this year.", []string{"Brazil asserted production-restraint"}},
		{"a possible measure", "Officials said possible sanctions against Brazil were discussed on Monday.", nil},
		{"the likely move", "Officials said the most likely move against Brazil would involve duties on Brazilian shoes.", nil},
		{"a demand as predicate", "Brazil's main demand at the talks will be the lifting of the Canadian ban on poultry.", []string{"Brazil demand Canada ban"}},
		{"the clause that names a measure", "Canada and Brazil met in May. The duties imposed by Brazil on Canadian steel took effect.", []string{"Brazil asserted tariff"}},
		{"talks a reduced passive names", "The talks, launched by Canada's government last year, are aimed at a wider market for Brazilian beef.",
			[]string{"Canada asserted negotiations"}},
		{"whose market", "The pact will increase Canadian firms' access to the Brazilian market.", []string{"Brazil asserted market-access"}},
		{"a restriction on a flow", "Canada imposed curbs on Brazilian steel exports in March.", []string{"Canada asserted export-control"}},
		{"what a speaker calls needed", "It is extremely important that Canada reduce its restrictions on Brazilian imports, officials said.", nil},
		{"a failed demand", "Brazil said it would continue talks despite its failure to convince Canada to lift the ban on Brazilian poultry.",
			[]string{"Brazil asserted negotiations", "Canada retained ban"}},
		{"a dash-set aside", "Canada and Brazil - the two biggest beef producers of the region with shipments of about 10 billion dlrs a year - opened free trade talks last June.",
			[]string{"Brazil asserted negotiations", "Canada asserted negotiations"}},
		{"an organisation's agreement", "Canada and Japan welcomed the news on Monday. An agreement has been reached by members of the OECD to control tied aid, officials said. The agreement would cut export credit subsidies for richer countries.",
			[]string{"OECD asserted export-finance"}},
		{"announced plans", "On Friday, Canada announced plans to put as much as 300 mln dlrs in duties on Brazilian steel from April 17.",
			[]string{"Canada asserted tariff"}},
		{"a name's plans", "Brazil plans to take further steps to reduce the excess supply of coffee.", []string{"Brazil asserted production-restraint"}},
		{"a wire capital after an abbreviation", "Officials said the U.S. May lift its ban on Brazilian poultry soon.", nil},
		{"a negation in a relative clause", "The pact would also reduce export subsidies that do not involve aid and reduce credit subsidies permitted for Canadian farmers, Brazil said.",
			[]string{"Canada–Brazil trade pact asserted subsidy", "Canada–Brazil trade pact asserted export-finance"}},
		{"rather than", "Canada is expected to scrap its subsidies for farmers rather than face new duties on Brazilian beef.",
			[]string{"Canada asserted subsidy", "Canada denied tariff"}},
		{"a rejected suggestion", "Brazil also rejected suggestions Canada and Chile agree a freeze in export subsidies to get the talks started.",
			[]string{"Brazil denied subsidy"}},
		{"a demand said when", "Officials have said Brazil's main demand when he arrives for talks with Canada on Wednesday would be the immediate lifting of the tariffs.",
			[]string{"Brazil demand - tariff"}},
		{"a cue in another clause", "As output in Canada is cut, analysts say prices will rise in Brazil.", nil},
		{"a cue in a coordinated clause", "Canada and Brazil said they would cut red tape, and prices for Brazilian steel rose.", nil},
		{"market prices", "Brazilian exporters are expanding market share because of their cheaper prices, Canada said.", nil},
		{"prices a party acts on", "Canada did not agree to raise the prices its hospitals pay for Brazilian medicines.", []string{"Canada denied price-control"}},
		{"words that hold an instrument's name", "Canada said the new tariff schedule would raise standards of living in Brazil.", nil},
		{"what a speaker calls it", "Last week Canada announced the duties in retaliation for what it called Brazil's failure to honour a May 1990 agreement to stop dumping steel.",
			[]string{"Canada asserted tariff"}},
		{"an opportunity", "Canada could delay the duties for a week, giving Brazil a final opportunity to end the dumping of steel.", nil},
		{"what a speaker is sure of", "Officials said they were sure that Canada would impose curbs on Brazilian steel imports today.", nil},
		{"a party's government", "Chilean Prime Minister Ana Ruiz said she would press on. The talks, launched by Ruiz's Progressive Conservative government after concerns about protectionist sentiment in Brazil, are aimed reducing the remaining barriers.",
			[]string{"Chile asserted negotiations"}},
		{"breaking an agreement", "Prime Minister Ana Ruiz was ready to impose retaliatory action against Brazil for breaking its steel agreement with Chile, officials said.",
			[]string{"Brazil denied agreement-compliance"}},
		{"not violating an agreement", "Brazil has not violated the steel pact with Canada, officials said.",
			[]string{"Brazil asserted agreement-compliance"}},
		{"an accusation", "Canadian officials have repeatedly accused Brazilian steel makers of violating the pact with Canada.", nil},
		{"a verb inside a name is no act", "Brazil's Senate Finance Committee met on Tuesday.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := testExtractor.Extract(parse(t, "story.txt", "Trade news\n\n"+tc.text))
			got := factLines(r)
			slices.Sort(got)
			slices.Sort(tc.want)
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("%s\ngot  %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// citedMeasures lists a text's measures as "grantor polarity instrument
// sentences-cited".
func citedMeasures(r *Result) []string {
	var out []string
	for _, m := range r.Measures {
		out = append(out, fmt.Sprintf("%s %s %s %d", nameOrDash(m.Grantor), m.Polarity, m.Instrument.ID, len(m.Evidence)))
	}
	return out
}

// TestLaterMentionKeepsItsAuthor: "the duties" of a later sentence, with
// no actor of its own, are the duties named before, whoever the sentence
// names near them.
func TestLaterMentionKeepsItsAuthor(t *testing.T) {
	text := "Trade news\n\nCanada imposed duties on Brazilian steel in May. " +
		"The duties remain in force despite protests by Brazil's steel makers, traders said."
	got := citedMeasures(testExtractor.Extract(parse(t, "story.txt", text)))
	if want := []string{"Canada asserted tariff 1", "Canada retained tariff 1"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// a measure that is the subject of its own verb names no one either
	text = "Trade news\n\nUnder the pact, Brazil agreed to stop dumping steel in Canada.\n\n" +
		"Canadian officials said on Friday that dumping had stopped."
	got = citedMeasures(testExtractor.Extract(parse(t, "story.txt", text)))
	if want := []string{"Brazil asserted dumping 2"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestListsTakeTheirIntroductionsFrame: the items of a list read as done
// when its introduction says so, and as nothing taken when it says what a
// pact should include.
func TestListsTakeTheirIntroductionsFrame(t *testing.T) {
	items := "\n\n- Elimination of tariffs on Brazilian beef;\n\n- Removal of quotas on Brazilian cheese.\n"
	for _, tc := range []struct {
		intro string
		want  []string
	}{
		{"Economists said the pact between Canada and Brazil should include:", nil},
		{"Under the pact between Canada and Brazil, Canada agreed to the following:", []string{"Canada asserted quota", "Canada asserted tariff"}},
	} {
		r := testExtractor.Extract(parse(t, "story.txt", "Trade news\n\n"+tc.intro+items))
		got := factLines(r)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tc.intro, got, tc.want)
		}
	}
}

// TestAnotherActIsAnotherMeasure: a measure named again with a verb of its
// own is a second act, unless a noun of the first refers back to it.
func TestAnotherActIsAnotherMeasure(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Brazil said Canada cut tied aid credit. Canada also eliminated export credits, officials said.",
			[]string{"Canada asserted export-finance 1", "Canada asserted export-finance 1"}},
		{"Canada agreed to cut its tariffs on Brazilian beef in May. The tariffs were reduced again in June, officials said.",
			[]string{"Canada asserted tariff 2"}},
	} {
		got := citedMeasures(testExtractor.Extract(parse(t, "story.txt", "Trade news\n\n"+tc.text)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestConjunctsSayTheirOwn: verbs coordinated under one measure as subject
// each say their own fact of it.
func TestConjunctsSayTheirOwn(t *testing.T) {
	text := "Trade news\n\nUnder the pact, Brazil agreed to stop dumping steel in world markets.\n\n" +
		"Canada said that dumping has stopped in the Canadian market but has continued in third countries."
	got := citedMeasures(testExtractor.Extract(parse(t, "story.txt", text)))
	slices.Sort(got)
	if want := []string{"Brazil asserted dumping 2", "Brazil retained dumping 1"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
