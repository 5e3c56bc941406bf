package syntax

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// lemmaTreebank builds CoNLL-U sentences from lines of "form lemma UPOS"
// triples, a sentence a line.
func lemmaTreebank(t *testing.T, lines ...string) []Sentence {
	t.Helper()
	var b strings.Builder
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f)%3 != 0 {
			t.Fatalf("line %q: not triples", line)
		}
		for i := 0; i < len(f); i += 3 {
			b.WriteString(strings.Join([]string{
				itoa(i/3 + 1), f[i], f[i+1], f[i+2], "_", "_", "0", "dep", "_", "_",
			}, "\t"))
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	sents, err := ReadCoNLLU(strings.NewReader(b.String()), "test")
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

var lemmaLines = []string{
	"The the DET cats cat NOUN walked walk VERB home home ADV",
	"Dogs dog NOUN played play VERB with with ADP boxes box NOUN",
	"I I PRON talked talk VERB to to ADP the the DET birds bird NOUN",
	"We we PRON went go VERB to to ADP the the DET shops shop NOUN",
	"She she PRON wanted want VERB hats hat NOUN and and CCONJ cups cup NOUN",
	"They they PRON asked ask VERB for for ADP maps map NOUN",
	"The the DET United United PROPN States State PROPN signed sign VERB",
	"ENRON Enron PROPN and and CCONJ Enron Enron PROPN jumped jump VERB",
	"i I PRON saw see VERB the the DET men man NOUN",
	"The the DET children child NOUN studied study VERB cities city NOUN",
	"He he PRON carried carry VERB berries berry NOUN ; ; PUNCT",
}

func TestLemma(t *testing.T) {
	l := TrainLemmatizer(lemmaTreebank(t, lemmaLines...))
	for _, c := range []struct{ form, upos, want string }{
		// Seen words.
		{"cats", "NOUN", "cat"},
		{"went", "VERB", "go"},
		{"men", "NOUN", "man"},
		{"States", "PROPN", "State"},
		{"ENRON", "PROPN", "Enron"},
		{"i", "PRON", "I"},
		{"I", "PRON", "I"},
		{";", "PUNCT", ";"},
		// A capitalised form of a seen word falls back on its entry.
		{"Went", "VERB", "go"},
		{"MEN", "NOUN", "man"},
		{"The", "DET", "the"},
		// Unseen words, by the rules of their endings.
		{"pots", "NOUN", "pot"},
		{"Pots", "NOUN", "pot"},
		{"kicked", "VERB", "kick"},
		{"KICKED", "VERB", "kick"},
		{"worried", "VERB", "worry"},
		{"cherries", "NOUN", "cherry"},
		// One proper noun in -s is no rule.
		{"Jones", "PROPN", "Jones"},
		{"Oslo", "PROPN", "Oslo"},
		// ENRON is Enron: a proper noun in capitals has its lemma with
		// one.
		{"OSLO", "PROPN", "Oslo"},
		{"quickly", "ADV", "quickly"},
		// A part of speech it has not seen: the form in small letters.
		{"Hello", "INTJ", "hello"},
		{"", "NOUN", ""},
	} {
		if got := l.Lemma(c.form, c.upos); got != c.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.form, c.upos, got, c.want)
		}
	}
}

func TestLemmaCaseModes(t *testing.T) {
	// Proper nouns keep the case of their form; other words' lemmas are
	// in small letters.
	l := TrainLemmatizer(lemmaTreebank(t,
		"Apple Apple PROPN IBM IBM PROPN Ford Ford PROPN",
		"Big big ADJ Red red ADJ Old old ADJ",
	))
	for _, c := range []struct{ form, upos, want string }{
		{"Sony", "PROPN", "Sony"},
		{"NASA", "PROPN", "NASA"},
		{"Tall", "ADJ", "tall"},
		{"TALL", "ADJ", "tall"},
	} {
		if got := l.Lemma(c.form, c.upos); got != c.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.form, c.upos, got, c.want)
		}
	}
}

func TestLemmatizerSmall(t *testing.T) {
	// Regular words need no exceptions: the rules cover them.
	l := TrainLemmatizer(lemmaTreebank(t,
		"cats cat NOUN dogs dog NOUN hats hat NOUN cups cup NOUN",
		"walked walk VERB talked talk VERB asked ask VERB",
	))
	if len(l.exceptions) != 0 {
		t.Errorf("exceptions %v", l.exceptions)
	}
	l = TrainLemmatizer(lemmaTreebank(t, lemmaLines...))
	for k := range l.exceptions {
		if k.form == "cats" || k.form == "walked" {
			t.Errorf("an exception for the regular %q", k.form)
		}
	}
	if _, ok := l.exceptions[lemmaKey{"went", "VERB"}]; !ok {
		t.Errorf("no exception for went")
	}
}

func TestLemmatizerTies(t *testing.T) {
	// "saw" is as often "see" as "saw": the least lemma wins, whatever the
	// order of the sentences.
	a := lemmaTreebank(t, "saw see VERB", "saw saw VERB")
	b := lemmaTreebank(t, "saw saw VERB", "saw see VERB")
	for _, sents := range [][]Sentence{a, b} {
		if got := TrainLemmatizer(sents).Lemma("saw", "VERB"); got != "saw" {
			t.Errorf("Lemma(saw) = %q, want saw", got)
		}
	}
}

func encodeLemmatizer(t *testing.T, l *Lemmatizer) []byte {
	t.Helper()
	var b bytes.Buffer
	e := newEncoder(&b)
	l.encode(e)
	if err := e.flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLemmatizerCodec(t *testing.T) {
	sents := lemmaTreebank(t, lemmaLines...)
	l := TrainLemmatizer(sents)
	enc := encodeLemmatizer(t, l)
	// Deterministic: the same sentences, in another order, give the same
	// bytes.
	rev := make([]Sentence, len(sents))
	for i := range sents {
		rev[len(sents)-1-i] = sents[i]
	}
	for range 3 {
		if again := encodeLemmatizer(t, TrainLemmatizer(rev)); !bytes.Equal(enc, again) {
			t.Fatalf("two encodings differ")
		}
	}
	d := newDecoder(bytes.NewReader(enc))
	l2, err := decodeLemmatizer(d)
	if err != nil {
		t.Fatal(err)
	}
	if again := encodeLemmatizer(t, l2); !bytes.Equal(enc, again) {
		t.Fatalf("re-encoding a decoded lemmatizer differs")
	}
	for _, s := range sents {
		for _, w := range s.Words {
			for _, form := range []string{w.Form, strings.ToUpper(w.Form), w.Form + "s", "un" + w.Form} {
				if a, b := l.Lemma(form, w.UPOS), l2.Lemma(form, w.UPOS); a != b {
					t.Errorf("Lemma(%q, %s): %q before encoding, %q after", form, w.UPOS, a, b)
				}
			}
		}
	}
	// Every truncation is an error, not a panic.
	for n := range len(enc) {
		if _, err := decodeLemmatizer(newDecoder(bytes.NewReader(enc[:n]))); !errors.Is(err, errCorrupt) {
			t.Fatalf("%d of %d bytes: error %v", n, len(enc), err)
		}
	}
}

func FuzzDecodeLemmatizer(f *testing.F) {
	var b bytes.Buffer
	e := newEncoder(&b)
	TrainLemmatizer([]Sentence{{Words: []Word{
		{Form: "cats", Lemma: "cat", UPOS: "NOUN"}, {Form: "Went", Lemma: "go", UPOS: "VERB"},
	}}}).encode(e)
	e.flush()
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := decodeLemmatizer(newDecoder(bytes.NewReader(data)))
		if err != nil {
			return
		}
		for _, form := range []string{"", "a", "cats", "WENT", "é", "\xff"} {
			l.Lemma(form, "NOUN")
			l.Lemma(form, "VERB")
		}
	})
}
