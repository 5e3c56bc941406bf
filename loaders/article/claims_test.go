package article

import "testing"

// claimsOf extracts text and returns its claims.
func claimsOf(t *testing.T, text string) []Claim {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("t.txt", []byte(text), lex)
	if err != nil {
		t.Fatal(err)
	}
	return x.Extract(doc).Claims
}

// A rejected claim reads as subject, predicate, object, by each of the
// rules that find one.
func TestClaimParts(t *testing.T) {
	tests := []struct {
		rule, text                 string
		subject, predicate, object string
	}{
		{"negated clause", "Peru's new export terms are not an exclusive deal for Korean buyers.",
			"Peru's new export terms", "are", "an exclusive deal for Korean buyers"},
		{"negated clause", "Ghana receives no blanket exemptions for import licensing.",
			"Ghana", "receives", "blanket exemptions for import licensing"},
		{"negated clause", "Ghana did not surrender control over strategic sectors.",
			"Ghana", "surrender", "control over strategic sectors"},
		{"negated clause", "The accord gives foreign banks no access to the bond market.",
			"The accord", "gives", "foreign banks access to the bond market"},
		{"negated clause", "Nothing in the accord obliges Peru to open its rice market.",
			"Nothing in the accord", "obliges", "Peru to open its rice market"},
		{"negated clause", "The tariffs on Thai rice were not lifted.",
			"The tariffs on Thai rice", "were lifted", ""},
		{"negated clause", "Peru signed the pact. But it did not lift its quotas on dairy.",
			"Peru", "lift", "its quotas on dairy"},
		{"negated clause", "Chile did not rule out new duties on steel.",
			"Chile", "rule out", "new duties on steel"},
		{"negated clause", "Lima will not offer a package of export subsidies to its farmers.", // a pairing cue ends no statement
			"Lima", "offer", "a package of export subsidies to its farmers"},
		{"corrected", "The slowdown in exports was not caused by the strong currency but by weak demand.",
			"The slowdown in exports", "was caused", "by the strong currency"},
		{"denied statement", "The ministry denied that Korean steelmakers were dumping pipes in Europe.",
			"Korean steelmakers", "dumping", "pipes in Europe"},
		{"denied statement", "Ottawa rejected suggestions that its dairy quotas break the treaty.",
			"its dairy quotas", "break", "the treaty"},
		{"rejected measure", "Argentina rejected a Brazilian proposal to cut sugar tariffs.",
			"Argentina", "rejected", "a Brazilian proposal to cut sugar tariffs"},
		{"no such measure", "There is no secret deal on fishing rights, the minister said.",
			"", "There is", "secret deal on fishing rights"},
		{"false statement", "Those estimates are inaccurate, the embassy said.",
			"Those estimates", "are", "accurate"},
		{"false statement", "The levy was set with incorrect figures from the customs office.",
			"The levy", "was set with", "correct figures from the customs office"},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.text, func(t *testing.T) {
			cs := claimsOf(t, tt.text)
			if len(cs) != 1 {
				t.Fatalf("%d claims %+v, want 1", len(cs), cs)
			}
			c := cs[0]
			if c.Subject != tt.subject || c.Predicate != tt.predicate || c.Object != tt.object || c.Polarity != Denied {
				t.Errorf("claim %q / %q / %q (%s), want %q / %q / %q (denied)",
					c.Subject, c.Predicate, c.Object, c.Polarity, tt.subject, tt.predicate, tt.object)
			}
		})
	}
}

// A negation is no claim where it negates a phrase, tells of the news
// rather than of trade, or is about neither an actor nor a measure.
func TestNoClaim(t *testing.T) {
	tests := []struct{ why, text string }{
		{"a negated phrase", "Peru kept an open market without new quotas."},
		{"a negated phrase", "A pledge not to screen foreign takeovers is part of the text."},
		{"a negated phrase", "Exports grew not only in Asia but also in Europe."},
		{"no reaction", "There was no immediate reaction from Seoul."},
		{"no sign", "There was no sign of a breakthrough."},
		{"an idiom", "There is no doubt that quotas hurt consumers."},
		{"no details", "The officials gave no details."},
		{"speech", "The minister did not elaborate."},
		{"belief", "Yeo does not think Chile will retaliate."},
		{"a wish of the speaker", "Officials who asked not to be named said talks would resume."},
		{"neither actor nor measure", "No date has been set for the next round."},
		{"neither actor nor measure", "The weather was not good for the harvest."},
		{"an expletive it", "It is not clear when the talks will resume."},
		{"a relative clause", "Credits that do not involve aid will be cut."},
		{"a rejection foreseen", "Seoul would reject any tariff on its cars."},
		{"a rejection refused", "The minister refused to rule out new duties on steel."},
		{"a hope", "We hope the quota will not be cut, the growers said."},
	}
	for _, tt := range tests {
		t.Run(tt.why+"/"+tt.text, func(t *testing.T) {
			if cs := claimsOf(t, tt.text); len(cs) != 0 {
				t.Errorf("claims %+v, want none", cs)
			}
		})
	}
}
