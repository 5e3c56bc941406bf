package article

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The stages of the pipeline, run one at a time on texts written for the
// test: what each hands on to the next.

// segmented runs the read and segment stages over text, a story with a headline.
func segmented(t *testing.T, text string) sentences {
	t.Helper()
	doc := parse(t, "story.txt", "Trade news\n\n"+text)
	sents := sentences(segment(doc, testExtractor.abbr, &segmenter{}))
	for s := range sents {
		sents[s].tags = testExtractor.tag(sents[s].Tokens)
	}
	return sents
}

// mentionLines lists the mentions of each sentence after the headline as
// "sentence: surface=name (type, form)", the surface ending in "'s" where
// the mention is a possessive.
func mentionLines(sents sentences, a *actors) []string {
	var out []string
	for s := 1; s < len(sents); s++ {
		for _, m := range a.mentions[s] {
			surface := sents.text(s, m.Start, m.End)
			if m.Possessive {
				surface += "'s"
			}
			out = append(out, fmt.Sprintf("%d: %s=%s (%s, %s)", s, surface, m.Ent.Name, m.Ent.Type, m.Form))
		}
	}
	return out
}

func names(es []*Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

// TestMentionsStage checks what the mentions stage finds on its own: each
// place a sentence names an actor, by which form, the two main parties
// and the main agreement.
func TestMentionsStage(t *testing.T) {
	tests := []struct {
		name, text string
		mentions   []string
		parties    []string
		deal       string
	}{
		{"lexicon names, a demonym and a possessive",
			"Chile and Peru signed a copper accord. Chilean officials said Peru's tariffs would fall.",
			[]string{"1: Chile=Chile (country, name)", "1: Peru=Peru (country, name)", "1: a copper accord=Chile–Peru copper accord (agreement, reference)",
				"2: Chilean=Chile (country, demonym)", "2: Peru's=Peru (country, name)"},
			[]string{"Chile", "Peru"}, "Chile–Peru copper accord"},
		{"a title in apposition, then the surname alone",
			"Ana Ruiz, Chile's trade minister, met Brazilian officials. Ruiz said Brazil would cut duties.",
			[]string{"1: Ana Ruiz=Ana Ruiz (person, name)", "1: Chile's=Chile (country, name)", "1: Brazilian=Brazil (country, demonym)",
				"2: Ruiz=Ana Ruiz (person, name)", "2: Brazil=Brazil (country, name)"},
			[]string{"Brazil", "Chile"}, ""},
		{"an organisation by its acronym, then by its head word",
			"The Andean Trade Commission (ATC) said Peru would lift quotas. The Commission met in Lima.",
			[]string{"1: Andean Trade Commission=Andean Trade Commission (agency, name)", "1: ATC=Andean Trade Commission (agency, name)",
				"1: Peru=Peru (country, name)", "2: Commission=Andean Trade Commission (agency, reference)", "2: Lima=Peru (country, capital)"},
			[]string{"Peru"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := segmented(t, tt.text)
			a := findActors(testExtractor, sents, 1987, &actorBufs{})
			if got := mentionLines(sents, a); !slices.Equal(got, tt.mentions) {
				t.Errorf("mentions\ngot  %q\nwant %q", got, tt.mentions)
			}
			if got := names(a.parties); !slices.Equal(got, tt.parties) {
				t.Errorf("parties = %q, want %q", got, tt.parties)
			}
			deal := ""
			if a.deal != nil {
				deal = a.deal.Name
			}
			if deal != tt.deal {
				t.Errorf("deal = %q, want %q", deal, tt.deal)
			}
		})
	}
}

// TestMentionsStageReusesItsBuffers: a document run through the buffers
// an earlier one used finds what it finds alone, none of the earlier
// one's mentions left in a sentence that names no one.
func TestMentionsStageReusesItsBuffers(t *testing.T) {
	first := segmented(t, "Chile and Peru signed a copper accord. Brazil objected to it.")
	second := segmented(t, "Copper prices rose. Argentina protested.")
	alone := mentionLines(second, findActors(testExtractor, second, 1987, &actorBufs{}))
	if len(alone) != 1 {
		t.Fatalf("alone, the second document has mentions %q, want Argentina's", alone)
	}
	bufs := &actorBufs{}
	findActors(testExtractor, first, 1987, bufs)
	if got := mentionLines(second, findActors(testExtractor, second, 1987, bufs)); !slices.Equal(got, alone) {
		t.Errorf("with reused buffers\ngot  %q\nwant %q", got, alone)
	}
}

// TestSyntaxStage: the syntax stage reads the names the mentions stage
// found as proper nouns. Left to itself the tagger reads "Guinea" here as
// a common noun, and the sentence as a noun phrase with "raised" for a
// modifier of "duties".
func TestSyntaxStage(t *testing.T) {
	sents := segmented(t, "Guinea raised export duties on bauxite.")
	a := findActors(testExtractor, sents, 1987, &actorBufs{})
	parses := parseAll(testExtractor.syntax, sents, a.mentions)
	if len(parses) != len(sents) {
		t.Fatalf("%d parses of %d sentences", len(parses), len(sents))
	}
	var got []string
	for _, id := range []int{1, 2, 4} {
		w := parses[1].tree.Word(id)
		got = append(got, fmt.Sprintf("%s/%s/%s>%d", w.Form, w.UPOS, w.Deprel, w.Head))
	}
	want := []string{"Guinea/PROPN/nsubj>2", "raised/VERB/root>0", "duties/NOUN/obj>2"}
	if !slices.Equal(got, want) {
		t.Errorf("tree\ngot  %q\nwant %q", got, want)
	}
}

// TestFactsStage runs the facts stage on the actors and trees the stages
// before it handed on: it reads measures, positions and claims, and hands
// the cue phrases of every sentence to the bundles stage.
func TestFactsStage(t *testing.T) {
	sents := segmented(t, "Chile agreed to scrap quotas on Peruvian copper. "+
		"Peru urged Chile to cut its tariffs. "+
		"Chile's copper figures are inaccurate, the embassy said.")
	a := findActors(testExtractor, sents, 1987, &actorBufs{})
	parses := parseAll(testExtractor.syntax, sents, a.mentions)
	f := readFacts(testExtractor, sents, parses, a, &factBufs{})
	var got []string
	for _, m := range f.measures {
		got = append(got, fmt.Sprintf("%s %s %s for %s", nameOrDash(m.Grantor), m.Polarity, m.Instrument.ID, nameOrDash(m.Beneficiary)))
	}
	for _, p := range f.positions {
		got = append(got, fmt.Sprintf("%s %s %s %s", nameOrDash(p.Holder), p.Kind, nameOrDash(p.Addressee), p.Instrument.ID))
	}
	want := []string{"Chile asserted quota for Peru", "Peru demand Chile tariff"}
	if !slices.Equal(got, want) {
		t.Errorf("facts\ngot  %q\nwant %q", got, want)
	}
	if len(f.claims) != 1 || f.claims[0].Subject != "Chile's copper figures" {
		t.Errorf("claims = %+v, want one rejecting Chile's copper figures", f.claims)
	}
	if len(f.cues) != len(sents) {
		t.Errorf("cues of %d sentences, want %d", len(f.cues), len(sents))
	}
}

// TestFactsStageLeavesActors: the facts stage reads the actors the
// mentions stage handed on and changes none of them, so that the bundles
// stage and the Result see the same.
func TestFactsStageLeavesActors(t *testing.T) {
	sents := segmented(t, "Brazil's decision to raise duties on Argentine wheat angered Buenos Aires. "+
		"It said the duties were lifted by Brasilia in 1986, and Argentina would retaliate.")
	a := findActors(testExtractor, sents, 1987, &actorBufs{})
	before := snapshot(a)
	parses := parseAll(testExtractor.syntax, sents, a.mentions)
	readFacts(testExtractor, sents, parses, a, &factBufs{})
	if after := snapshot(a); !reflect.DeepEqual(before, after) {
		t.Errorf("the facts stage changed the actors\nbefore %v\nafter  %v", before, after)
	}
}

// snapshot copies what actors hold, down to each entity's fields.
func snapshot(a *actors) []string {
	var out []string
	for _, e := range a.order {
		out = append(out, fmt.Sprintf("%+v %v", *e, e.AliasList()))
	}
	for s, ms := range a.mentions {
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%d %d-%d %s %s %v", s, m.Start, m.End, m.Ent.Name, m.Form, m.Possessive))
		}
	}
	return append(out, fmt.Sprint(names(a.parties), a.deal))
}

// TestBundlesStage: the bundles stage pairs the measures of one sentence
// that a pairing cue joins, and leaves alone a sentence without one.
func TestBundlesStage(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a trade-off", "Chile will cut tariffs on Peruvian copper in exchange for Peru lifting its quotas on Chilean wine.",
			[]string{"Chile tariff + Peru quota"}},
		{"two measures, no cue", "Chile cut tariffs on copper. Peru lifted its quotas on wine.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := segmented(t, tt.text)
			a := findActors(testExtractor, sents, 1987, &actorBufs{})
			f := readFacts(testExtractor, sents, parseAll(testExtractor.syntax, sents, a.mentions), a, &factBufs{})
			if len(f.measures) != 2 {
				t.Fatalf("the facts stage read %d measures, want 2", len(f.measures))
			}
			b := &bundler{actors: a, x: testExtractor, sents: sents, cues: f.cues}
			var got []string
			for _, bd := range b.findBundles(f.measures) {
				var ms []string
				for _, m := range bd.Members {
					ms = append(ms, nameOrDash(m.Grantor)+" "+m.Instrument.ID)
				}
				slices.Sort(ms)
				got = append(got, strings.Join(ms, " + "))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("bundles = %q, want %q", got, tt.want)
			}
		})
	}
}
