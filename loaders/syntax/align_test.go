package syntax

import (
	"strings"
	"testing"
)

// treebank reads sentences written a word a line as "ID FORM LEMMA UPOS
// HEAD DEPREL" and a multiword token as "FIRST-LAST FORM", lines separated by
// "|"; each argument is a sentence.
func treebank(t *testing.T, sents ...string) []Sentence {
	t.Helper()
	var b strings.Builder
	for _, s := range sents {
		for _, line := range strings.Split(s, "|") {
			f := strings.Fields(line)
			switch {
			case len(f) == 2 && strings.Contains(f[0], "-"):
				b.WriteString(f[0] + "\t" + f[1] + "\t_\t_\t_\t_\t_\t_\t_\t_\n")
			case len(f) == 6:
				b.WriteString(strings.Join([]string{f[0], f[1], f[2], f[3], "_", "_", f[4], f[5], "_", "_"}, "\t") + "\n")
			default:
				t.Fatalf("bad line %q", line)
			}
		}
		b.WriteByte('\n')
	}
	out, err := ReadCoNLLU(strings.NewReader(b.String()), "test")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const (
	dontSwim = "1 I I PRON 4 nsubj|2-3 don't|2 do do AUX 4 aux|3 n't not PART 4 advmod|4 swim swim VERB 0 root|5 . . PUNCT 4 punct"
	newYork  = "1 New New PROPN 2 compound|2 York York PROPN 4 nsubj|3 is be AUX 4 cop|4 big big ADJ 0 root|5 . . PUNCT 4 punct"
	itRains  = "1 It it PRON 2 expl|2 rains rain VERB 0 root|3 . . PUNCT 2 punct"
	itSnows  = "1 It it PRON 2 expl|2 snows snow VERB 0 root|3 . . PUNCT 2 punct"
	itEnds   = "1 It it PRON 2 nsubj|2 ends end VERB 0 root|3 . . PUNCT 2 punct"
)

func TestAlign(t *testing.T) {
	for _, c := range []struct {
		name         string
		gold, system []string
		want         Scores
	}{
		{
			name: "identical",
			gold: []string{dontSwim, newYork}, system: []string{dontSwim, newYork},
			want: Scores{Gold: 10, System: 10, Aligned: 10, UPOS: 10, Lemma: 10, UAS: 10, LAS: 10},
		},
		{
			// "don't" one word: do and n't match nothing.
			name:   "don't one word",
			gold:   []string{dontSwim},
			system: []string{"1 I I PRON 3 nsubj|2 don't do AUX 3 aux|3 swim swim VERB 0 root|4 . . PUNCT 3 punct"},
			want:   Scores{Gold: 5, System: 4, Aligned: 3, UPOS: 3, Lemma: 3, UAS: 3, LAS: 3},
		},
		{
			// "don" and "'t" as two tokens: no form is do or n't.
			name:   "don 't",
			gold:   []string{dontSwim},
			system: []string{"1 I I PRON 4 nsubj|2 don do AUX 4 aux|3 't not PART 4 advmod|4 swim swim VERB 0 root|5 . . PUNCT 4 punct"},
			want:   Scores{Gold: 5, System: 5, Aligned: 3, UPOS: 3, Lemma: 3, UAS: 3, LAS: 3},
		},
		{
			// The same token, its words "Do" and "not": "Do" matches do
			// (forms compared in small letters), "not" matches nothing; n't's
			// relation differs.
			name:   "don't as do not",
			gold:   []string{dontSwim},
			system: []string{"1 I I PRON 4 nsubj|2-3 don't|2 Do do AUX 4 aux|3 not not PART 4 advmod|4 swim swim VERB 0 root|5 . . PUNCT 4 punct"},
			want:   Scores{Gold: 5, System: 5, Aligned: 4, UPOS: 4, Lemma: 4, UAS: 4, LAS: 4},
		},
		{
			// The system joins New and York, and hangs "is" on the joined
			// word, which matches no gold word: its head is wrong.
			name:   "two words joined",
			gold:   []string{newYork},
			system: []string{"1 NewYork NewYork PROPN 3 nsubj|2 is be AUX 1 cop|3 big big ADJ 0 root|4 . . PUNCT 3 punct"},
			want:   Scores{Gold: 5, System: 4, Aligned: 3, UPOS: 3, Lemma: 3, UAS: 2, LAS: 2},
		},
		{
			// One gold sentence the system splits in two: "stayed" is a root
			// there, its gold head is "left".
			name: "a sentence split",
			gold: []string{"1 He he PRON 2 nsubj|2 left leave VERB 0 root|3 . . PUNCT 2 punct|" +
				"4 She she PRON 5 nsubj|5 stayed stay VERB 2 parataxis|6 . . PUNCT 5 punct"},
			system: []string{
				"1 He he PRON 2 nsubj|2 left leave VERB 0 root|3 . . PUNCT 2 punct",
				"1 She she PRON 2 nsubj|2 stayed stay VERB 0 root|3 . . PUNCT 2 punct",
			},
			want: Scores{Gold: 6, System: 6, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 5, LAS: 5},
		},
		{
			// Two gold sentences the system joins, heads and all.
			name: "sentences joined",
			gold: []string{itRains, itEnds},
			system: []string{"1 It it PRON 2 expl|2 rains rain VERB 0 root|3 . . PUNCT 2 punct|" +
				"4 It it PRON 5 nsubj|5 ends end VERB 0 root|6 . . PUNCT 5 punct"},
			want: Scores{Gold: 6, System: 6, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 6, LAS: 6},
		},
		{
			// A lost sentence, which begins and ends as its neighbours do:
			// its words match nothing, the others all theirs.
			name:   "a sentence lost",
			gold:   []string{itRains, itSnows, itEnds},
			system: []string{itRains, itEnds},
			want:   Scores{Gold: 9, System: 6, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 6, LAS: 6},
		},
		{
			name:   "the first sentence lost",
			gold:   []string{itSnows, itRains, itEnds},
			system: []string{itRains, itEnds},
			want:   Scores{Gold: 9, System: 6, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 6, LAS: 6},
		},
		{
			name:   "the last sentence lost",
			gold:   []string{itRains, itEnds, itSnows},
			system: []string{itRains, itEnds},
			want:   Scores{Gold: 9, System: 6, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 6, LAS: 6},
		},
		{
			name:   "a sentence added",
			gold:   []string{itRains, itEnds},
			system: []string{itRains, itSnows, itEnds},
			want:   Scores{Gold: 6, System: 9, Aligned: 6, UPOS: 6, Lemma: 6, UAS: 6, LAS: 6},
		},
		{
			// A changed character: "i" matches nothing, and "agree", whose
			// head it is, has a wrong head.
			name:   "a character changed",
			gold:   []string{"1 I I PRON 2 nsubj|2 agree agree VERB 0 root|3 . . PUNCT 2 punct"},
			system: []string{"1 i I PRON 2 nsubj|2 agree agree VERB 0 root|3 . . PUNCT 2 punct"},
			want:   Scores{Gold: 3, System: 3, Aligned: 2, UPOS: 2, Lemma: 2, UAS: 2, LAS: 2},
		},
		{
			// Wrong labels: a part of speech, a lemma, a relation (a subtype
			// is not a difference), a head.
			name: "labels",
			gold: []string{newYork},
			system: []string{"1 New New PROPN 2 compound:nn|2 York york NOUN 4 nsubj|" +
				"3 is be AUX 2 cop|4 big big ADJ 0 root|5 . . PUNCT 4 dep"},
			want: Scores{Gold: 5, System: 5, Aligned: 5, UPOS: 4, Lemma: 4, UAS: 4, LAS: 3},
		},
		{
			// A gold lemma "_" is not annotated: any lemma is right.
			name:   "gold lemma unannotated",
			gold:   []string{"1 Hi _ INTJ 0 root|2 ! ! PUNCT 1 punct"},
			system: []string{"1 Hi hi INTJ 0 root|2 ! ! PUNCT 1 punct"},
			want:   Scores{Gold: 2, System: 2, Aligned: 2, UPOS: 2, Lemma: 2, UAS: 2, LAS: 2},
		},
		{
			name: "empty system", gold: []string{itRains}, system: nil,
			want: Scores{Gold: 3},
		},
		{
			name: "nothing", gold: nil, system: nil,
			want: Scores{},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Align(treebank(t, c.gold...), treebank(t, c.system...))
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestAlignIdenticalF1(t *testing.T) {
	g := treebank(t, dontSwim, newYork, itRains)
	sc := Align(g, g)
	for name, f := range map[string]float64{
		"words": sc.WordsF1(), "UPOS": sc.UPOSF1(), "lemma": sc.LemmaF1(), "UAS": sc.UASF1(), "LAS": sc.LASF1(),
	} {
		if f != 1 {
			t.Errorf("%s F1 %v, want 1", name, f)
		}
	}
	// Compare agrees where both apply.
	if c, err := Compare(g, g); err != nil || c != sc {
		t.Errorf("Compare %+v %v, Align %+v", c, err, sc)
	}
}

func TestAlignTokenized(t *testing.T) {
	// The tokenizer's words against gold words for the same text: "I'm"
	// and "can't" match, "e-mail" as one word matches, the gold "New York"
	// split differently does not.
	gold := treebank(t, "1-2 I'm|1 I I PRON 3 nsubj|2 'm be AUX 3 aux|3 sending send VERB 0 root|"+
		"4 e-mail e-mail NOUN 3 obj|5-6 can't|5 ca can AUX 3 aux|6 n't not PART 3 advmod|7 . . PUNCT 3 punct")
	sys := []Sentence{Tokenize("I'm sending e-mail can't.")}
	sc := Align(gold, sys)
	if sc.Gold != 7 || sc.System != 7 || sc.Aligned != 7 {
		t.Errorf("%+v, want 7 gold and system words, all aligned", sc)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add("I don't swim.", "I do n't swim .")
	f.Add("New York is big", "NewYork is big.")
	f.Add("a b c", "")
	f.Fuzz(func(t *testing.T, gtext, stext string) {
		g := []Sentence{Tokenize(gtext)}
		s := []Sentence{Tokenize(stext)}
		for i := range s[0].Words {
			s[0].Words[i].Head = i // each word hangs on the one before
		}
		sc := Align(g, s)
		if sc.Aligned > sc.Gold || sc.Aligned > sc.System || sc.UAS > sc.Aligned || sc.LAS > sc.UAS ||
			sc.UPOS > sc.Aligned || sc.Lemma > sc.Aligned {
			t.Fatalf("%q %q: %+v", gtext, stext, sc)
		}
		if gtext == stext && sc.Aligned != sc.Gold {
			t.Fatalf("%q: %+v", gtext, sc)
		}
	})
}
