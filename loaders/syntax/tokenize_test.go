package syntax

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// tokens shows a sentence's words separated by spaces, the words of a
// multiword token joined by "·".
func tokens(s Sentence) string {
	var b strings.Builder
	mw := 0
	for i := 0; i < len(s.Words); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		if mw < len(s.MultiWords) && s.MultiWords[mw].First == s.Words[i].ID {
			m := s.MultiWords[mw]
			for k := m.First; k <= m.Last; k++ {
				if k > m.First {
					b.WriteString("·")
				}
				b.WriteString(s.Words[k-1].Form)
			}
			i = m.Last - 1
			mw++
			continue
		}
		b.WriteString(s.Words[i].Form)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", ""},
		{"Hello, world!", "Hello , world !"},
		{"  spaces\tand\ttabs  ", "spaces and tabs"},
		// Wire tickers after a company's name are words; other angle brackets are not.
		{"Lynas Corp <LYC.AX> rose.", "Lynas Corp <LYC.AX> rose ."},
		{"(Kobe Steel <KSTL.T>, 5401)", "( Kobe Steel <KSTL.T> , 5401 )"},
		{"a <b> tag and x<y>z", "a < b > tag and x < y > z"},
		// Clitics, with either apostrophe.
		{"I don't swim.", "I do·n't swim ."},
		{"We can't, they won't.", "We ca·n't , they wo·n't ."},
		{"You cannot go.", "You can·not go ."},
		{"I'm sure you're right and they've said we'll see; he'd agree.",
			"I·'m sure you·'re right and they·'ve said we·'ll see ; he·'d agree ."},
		{"She DIDN'T say WE'LL stay.", "She DID·N'T say WE·'LL stay ."},
		{"I don’t think it’s late.", "I do·n’t think it·’s late ."},
		{"Japan's exports and Japan’s ports.", "Japan·'s exports and Japan·’s ports ."},
		{"The states' budgets.", "The states·' budgets ."},
		{"The states’ budgets.", "The states·’ budgets ."},
		{"I'm gonna stay but you wanna go, we gotta eat.",
			"I·'m gon·na stay but you wan·na go , we got·ta eat ."},
		{"I dunno why they dont care, its not fair.",
			"I du·n·no why they do·nt care , it·s not fair ."},
		{"The dog wagged its tail.", "The dog wagged its tail ."},
		{"Let's go, shouldn't've.", "Let·'s go , should·n't·'ve ."},
		{"He'd've come in the '90s, rock'n'roll.", "He·'d·'ve come in the '90s , rock'n'roll ."},
		{"the 1990's and the 80's", "the 1990's and the 80's"},
		{"'s", "'s"},
		// Hyphens: compounds split, prefixes and number groups kept.
		{"a long-term, well-known plan", "a long - term , well - known plan"},
		{"an e-mail about non-violent re-election", "an e-mail about non-violent re-election"},
		{"Call 713-555-0123 or 555-0199 or 1-800-555-0100.", "Call 713-555-0123 or 555-0199 or 1-800-555-0100 ."},
		{"pages 3-4 and 1969-1970 and 200-300", "pages 3 - 4 and 1969 - 1970 and 200 - 300"},
		{"a 3-year-old", "a 3 - year - old"},
		// Abbreviations and the full stop.
		{"Mr. Smith met Dr. Jones in the U.S. yesterday.", "Mr. Smith met Dr. Jones in the U.S. yesterday ."},
		{"He works for Acme Inc.", "He works for Acme Inc ."},
		{"Acme Inc. said no.", "Acme Inc. said no ."},
		{"We left at 5 p.m. and J. Doe stayed, e.g. late.", "We left at 5 p.m. and J. Doe stayed , e.g. late ."},
		{"apples, pears etc. are fruit", "apples , pears etc. are fruit"},
		{"It is in the U.S.", "It is in the U.S ."},
		{"apples, pears etc...", "apples , pears etc ..."},
		{"They sold Acme Inc..", "They sold Acme Inc. ."},
		{"Dr.Smith", "Dr. Smith"},
		// Numbers and symbols.
		{"It costs $5, or 5% of 1,000 at 3.5 each.", "It costs $ 5 , or 5 % of 1,000 at 3.5 each ."},
		{"Meet at 10:30 on 11/28/2000 or 9/11.", "Meet at 10:30 on 11/28/2000 or 9/11 ."},
		{"Mix 1/2 cup with 3/4 cup.", "Mix 1 / 2 cup with 3 / 4 cup ."},
		{"at 7:30PM for 35mm on the 3rd floor in the 1990s", "at 7:30 PM for 35 mm on the 3rd floor in the 1990s"},
		{"Call +44 20 or #news", "Call +44 20 or #news"},
		{"He's 5'11 tall", "He·'s 5 ' 11 tall"},
		{"about $$$ and ### here", "about $$$ and ### here"},
		// Punctuation.
		{"Really?! No... Wait -- stop!!!", "Really ?! No ... Wait -- stop !!!"},
		{"He said \"yes\" (twice) [once].", "He said \" yes \" ( twice ) [ once ] ."},
		{"“Quoted” and ‘single’ and ''double''", "“ Quoted ” and ‘ single ’ and '' double ''"},
		{"'Hello friends' she said", "' Hello friends ' she said"},
		{"and/or b/c w/o", "and / or b/c w/o"},
		{"PG&E and AT&T and R&D and Tom&Jerry", "PG&E and AT&T and R&D and Tom & Jerry"},
		{"=====> here", "=====> here"},
		// Web text.
		{"See http://www.example.com/a-b?c=d. Or www.example.org.", "See http://www.example.com/a-b?c=d . Or www.example.org ."},
		{"Mail jane.doe@example.com, or (bob@example.org).", "Mail jane.doe@example.com , or ( bob@example.org ) ."},
		{"\"Ann Lee\"<ann.lee@example.com>", "\" Ann Lee \" < ann.lee@example.com >"},
		{"Open report-v2.doc and example.com now", "Open report-v2.doc and example.com now"},
		{"Great :) but sad :( ;-) ok", "Great :) but sad :( ;-) ok"},
		{"Unicode: naïve café — fine…", "Unicode : naïve café — fine …"},
	} {
		s := Tokenize(c.text)
		if got := tokens(s); got != c.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
		checkTokenized(t, c.text, s)
	}
}

// checkTokenized checks what every tokenized sentence must be: its comment,
// its IDs, its words' offsets in order and their forms the text's bytes
// between them, its multiword tokens' forms the concatenation of their
// words', SpaceAfter=No exactly where no space follows.
func checkTokenized(t *testing.T, text string, s Sentence) {
	t.Helper()
	if len(s.Comments) != 1 || s.Comments[0] != "text = "+text {
		t.Fatalf("%q: comments %q", text, s.Comments)
	}
	if s.Text() != text {
		t.Fatalf("%q: Text() %q", text, s.Text())
	}
	inMW := map[int]int{} // word ID → index of its multiword token
	for x, m := range s.MultiWords {
		if m.First < 1 || m.Last <= m.First || m.Last > len(s.Words) {
			t.Fatalf("%q: multiword %d-%d of %d words", text, m.First, m.Last, len(s.Words))
		}
		if x > 0 && m.First <= s.MultiWords[x-1].Last {
			t.Fatalf("%q: multiwords overlap", text)
		}
		var cat strings.Builder
		for k := m.First; k <= m.Last; k++ {
			cat.WriteString(s.Words[k-1].Form)
			inMW[k] = x
		}
		if cat.String() != m.Form {
			t.Fatalf("%q: multiword %q of words %q", text, m.Form, cat.String())
		}
	}
	prev := 0
	for i, w := range s.Words {
		if w.ID != i+1 {
			t.Fatalf("%q: word %d has ID %d", text, i+1, w.ID)
		}
		if w.Start < prev || w.End <= w.Start || w.End > len(text) {
			t.Fatalf("%q: word %d at %d-%d after %d", text, w.ID, w.Start, w.End, prev)
		}
		if text[w.Start:w.End] != w.Form {
			t.Fatalf("%q: word %d %q at %d-%d", text, w.ID, w.Form, w.Start, w.End)
		}
		prev = w.End
		noSpace := w.End < len(text)
		if noSpace {
			r, _ := utf8.DecodeRuneInString(text[w.End:])
			noSpace = !isSpace(r)
		}
		misc := w.Misc
		if x, ok := inMW[w.ID]; ok {
			if w.Misc != "" {
				t.Fatalf("%q: word %d inside a multiword token has Misc %q", text, w.ID, w.Misc)
			}
			if s.MultiWords[x].Last != w.ID {
				continue
			}
			misc = s.MultiWords[x].Misc
		}
		if (misc == "SpaceAfter=No") != noSpace || misc != "" && misc != "SpaceAfter=No" {
			t.Fatalf("%q: word %d %q has Misc %q", text, w.ID, w.Form, misc)
		}
	}
}

func TestTokenizeSpaceAfter(t *testing.T) {
	s := Tokenize("I don't, ok.")
	var got []string
	for _, w := range s.Words {
		got = append(got, w.Form+"/"+w.Misc)
	}
	want := "I/ do/ n't/ ,/ ok/SpaceAfter=No ./"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got %s, want %s", g, want)
	}
	if len(s.MultiWords) != 1 || s.MultiWords[0] != (MultiWord{First: 2, Last: 3, Form: "don't", Misc: "SpaceAfter=No"}) {
		t.Errorf("multiwords %+v", s.MultiWords)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"I don't swim.", "Japan’s states' U.S. e-mail 713-555-0123", "http://x.y/z?a=b.",
		"\"a\"<b@c.d>", "'90s 5'11 #tag +44", "\xff\xfe don\xe2\x80\x99t", "...?!--==>", ":) (: XD",
		"a.b.c. Inc.. etc...", "its a b/c 1/2 3-4 10:30PM", "’’’ ‘’ ''",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkTokenized(t, text, Tokenize(text))
	})
}

// benchText is a paragraph of web English with the things the tokenizer
// looks at: clitics, abbreviations, numbers, URLs, quotes.
const benchText = `Mr. O'Neil said the U.S. office won't reopen until 9:30 a.m. on 11/28/2000, ` +
	`and that's "not great" for the company's 1,200 customers -- who'd paid $5.50 each (about 5% more). ` +
	`I can't believe it's 2024 and we're still e-mailing spreadsheets to jane.doe@example.com; ` +
	`see http://www.example.com/faq?id=12 or call 713-555-0123!! The long-term plan? ` +
	`They're gonna re-open the non-profit's branch in St. Louis :) but its staff haven't been told... `

func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Tokenize(benchText)
	}
}
