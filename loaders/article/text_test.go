package article

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. tariffs", []string{"U.S.", "tariffs"}},
		{"the U.S.-bound exports", []string{"the", "U.S.", "-", "bound", "exports"}},
		{"e.g. quotas", []string{"e.g.", "quotas"}},
		{"Kenya's tea", []string{"Kenya", "'s", "tea"}},
		{"Kenya’s tea", []string{"Kenya", "'s", "tea"}},
		{"Japan hasn't", []string{"Japan", "has", "n't"}},
		{"Japan hasn’t", []string{"Japan", "has", "n't"}},
		{"O'Brien said", []string{"O'Brien", "said"}},
		{"98.4% of lines", []string{"98.4", "%", "of", "lines"}},
		{"99,000 tonnes", []string{"99,000", "tonnes"}},
		{"G7 and 5G", []string{"G7", "and", "5G"}},
		{"tariff-rate quota", []string{"tariff", "-", "rate", "quota"}},
		{"cut. Then", []string{"cut", ".", "Then"}},
		{"in 2027.", []string{"in", "2027", "."}},
		{"“not on the table”", []string{"“", "not", "on", "the", "table", "”"}},
		{"US$2 billion", []string{"US", "$", "2", "billion"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(tt.in) {
				got = append(got, tok.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTokenOffsets: a token's offsets point at its text in the input (the
// clitics "'s" and "n't" are normalised, their offsets still cover them).
func TestTokenOffsets(t *testing.T) {
	in := "Kenya’s 25% duty on U.S. tea isn't cut."
	for _, tok := range Tokenize(in) {
		span := in[tok.Start:tok.End]
		if span != tok.Text && strings.ReplaceAll(span, "’", "'") != tok.Text {
			t.Errorf("token %q covers %q", tok.Text, span)
		}
		if tok.Lower != strings.ToLower(tok.Text) {
			t.Errorf("token %q has Lower %q", tok.Text, tok.Lower)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "Canada cut tariffs. Japan did not.", []string{"Canada cut tariffs.", "Japan did not."}},
		{"abbreviation inside", "The U.S. agreed to it. Kenya did too.", []string{"The U.S. agreed to it.", "Kenya did too."}},
		{"abbreviation at the end", "Kenya signed with the U.S. The deal starts in May.",
			[]string{"Kenya signed with the U.S.", "The deal starts in May."}},
		{"abbreviation before a name", "Talks with the U.S. Trade Representative went well.",
			[]string{"Talks with the U.S. Trade Representative went well."}},
		{"titles", "Mr. Mensah and Dr. Otieno spoke. Both agreed.", []string{"Mr. Mensah and Dr. Otieno spoke.", "Both agreed."}},
		{"initials", "J. K. Mensah said so. Ghana agreed.", []string{"J. K. Mensah said so.", "Ghana agreed."}},
		{"decimals", "Tariffs fell to 4.5 percent. Exports rose 12.3%.", []string{"Tariffs fell to 4.5 percent.", "Exports rose 12.3%."}},
		{"quotes", "He said, “We will not cut tariffs.” The EU disagreed.",
			[]string{"He said, “We will not cut tariffs.”", "The EU disagreed."}},
		{"question and exclamation", "Is it fair? Many say no! Others disagree.", []string{"Is it fair?", "Many say no!", "Others disagree."}},
		{"lower case after a period", "The quota rose by 5,000 t. and stayed there.", []string{"The quota rose by 5,000 t. and stayed there."}},
		{"no final period", "Canada cut tariffs", []string{"Canada cut tariffs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &Document{Blocks: []Block{{Kind: Paragraph, Text: tt.in}}}
			var got []string
			for _, s := range Segment(doc, testExtractor.lex) {
				got = append(got, s.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Segment(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSegmentBlocks: headings and list items are one sentence each, and
// every sentence's offset points at its text in the cleaned article.
func TestSegmentBlocks(t *testing.T) {
	doc, err := Parse("a.md", []byte("# Kenya and the UK. A deal\n\nThe UK cut tariffs. Kenya did too.\n\n- One. Two.\n"), testExtractor.lex)
	if err != nil {
		t.Fatal(err)
	}
	sents := Segment(doc, testExtractor.lex)
	want := []struct {
		text string
		kind BlockKind
	}{
		{"Kenya and the UK. A deal", Heading},
		{"The UK cut tariffs.", Paragraph},
		{"Kenya did too.", Paragraph},
		{"One. Two.", ListItem},
	}
	if len(sents) != len(want) {
		t.Fatalf("got %d sentences, want %d: %+v", len(sents), len(want), sents)
	}
	text := doc.Text()
	for i, w := range want {
		s := sents[i]
		if s.Text != w.text || s.Kind != w.kind {
			t.Errorf("sentence %d = %q (kind %d), want %q (kind %d)", i, s.Text, s.Kind, w.text, w.kind)
		}
		if text[s.Offset:s.Offset+len(s.Text)] != s.Text {
			t.Errorf("sentence %d offset %d points at %q", i, s.Offset, text[s.Offset:])
		}
	}
}

// TestSegmentTokens: the tokens of segmented sentences, which share one
// array and slice their block's lower-cased text, are those Tokenize gives
// each sentence alone.
func TestSegmentTokens(t *testing.T) {
	blocks := []Block{
		{Kind: Paragraph, Text: "The U.S. Cut Tariffs. ÉTATS-UNIS and İstanbul agreed.  KENYA didn't! Ghana\u00a0said so."},
		{Kind: Heading, Text: "Kenya’s TEA Deal"},
		{Kind: Paragraph, Text: "all lower case here. and here"},
		{Kind: Paragraph, Text: strings.Repeat("Tariffs, quotas; ", 150)},
	}
	doc := &Document{Blocks: blocks}
	sents := Segment(doc, testExtractor.lex)
	if len(sents) < 6 {
		t.Fatalf("got %d sentences", len(sents))
	}
	for _, s := range sents {
		want := Tokenize(s.Text)
		if len(s.Tokens) != len(want) {
			t.Fatalf("sentence %q has %d tokens, Tokenize gives %d", s.Text, len(s.Tokens), len(want))
		}
		for i, tok := range s.Tokens {
			w := want[i]
			if tok.Text != w.Text || tok.Lower != w.Lower || tok.Start != w.Start || tok.End != w.End {
				t.Errorf("sentence %q token %d = %+v, want %+v", s.Text, i, tok, w)
			}
			if tok.Lower != strings.ToLower(tok.Text) {
				t.Errorf("token %q has Lower %q", tok.Text, tok.Lower)
			}
		}
	}
}

func TestVerbForms(t *testing.T) {
	tests := []struct {
		lemma string
		want  []string
	}{
		{"reduce", []string{"reduce", "reduces", "reducing", "reduced"}},
		{"cut", []string{"cut", "cuts", "cutting"}},
		{"ban", []string{"ban", "bans", "banning", "banned"}},
		{"drop", []string{"drop", "drops", "dropping", "dropped"}},
		{"open", []string{"open", "opens", "opening", "opened"}},
		{"curb", []string{"curb", "curbs", "curbing", "curbed"}},
		{"levy", []string{"levy", "levies", "levying", "levied"}},
		{"apply", []string{"apply", "applies", "applying", "applied"}},
		{"relax", []string{"relax", "relaxes", "relaxing", "relaxed"}},
		{"abolish", []string{"abolish", "abolishes", "abolishing", "abolished"}},
		{"agree", []string{"agree", "agrees", "agreeing", "agreed"}},
		{"veto", []string{"veto", "vetoes", "vetoing", "vetoed"}},
		{"keep", []string{"keep", "keeps", "keeping", "kept"}},
		{"give", []string{"give", "gives", "giving", "gave", "given"}},
		{"have", []string{"have", "has", "having", "had"}},
		{"walk back", []string{"walk back", "walks back", "walking back", "walked back"}},
		{"stand firm on", []string{"stand firm on", "stands firm on", "standing firm on", "stood firm on"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.lemma, func(t *testing.T) {
			if got := verbForms(tt.lemma); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("verbForms(%q) = %q, want %q", tt.lemma, got, tt.want)
			}
		})
	}
}

func TestLastWord(t *testing.T) {
	for _, s := range []string{"", "a", "the U.S.", "said “U.S.", "x (Inc.", "“a", "a“", "é“b. c", "q\"r", "a b c", "(", " "} {
		i := strings.LastIndexAny(s, " (\"“")
		if want := s[i+1:]; lastWord(s) != want {
			t.Errorf("lastWord(%q) = %q, want %q", s, lastWord(s), want)
		}
	}
}
