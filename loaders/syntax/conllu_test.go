package syntax

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func readTestdata(t testing.TB, name string) []Sentence {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadCoNLLU(bytes.NewReader(b), name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReadCoNLLU(t *testing.T) {
	sents := readTestdata(t, "trade.conllu")
	if len(sents) != 4 {
		t.Fatalf("%d sentences, want 4", len(sents))
	}
	s := sents[1]
	if got := s.Text(); got != "The ministry didn't lift the ban." {
		t.Errorf("text %q", got)
	}
	if len(s.Words) != 8 || len(s.MultiWords) != 1 {
		t.Fatalf("%d words and %d tokens, want 8 and 1", len(s.Words), len(s.MultiWords))
	}
	if mw := s.MultiWords[0]; mw.First != 3 || mw.Last != 4 || mw.Form != "didn't" {
		t.Errorf("token %+v", mw)
	}
	w := s.Words[3]
	if w.Form != "n't" || w.Lemma != "not" || w.UPOS != "PART" || w.Head != 5 || w.Deprel != "advmod" || w.Start != -1 {
		t.Errorf("word 4 %+v", w)
	}
}

func TestWriteCoNLLURoundTrip(t *testing.T) {
	b, err := os.ReadFile("testdata/trade.conllu")
	if err != nil {
		t.Fatal(err)
	}
	sents, err := ReadCoNLLU(bytes.NewReader(b), "trade.conllu")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCoNLLU(&out, sents); err != nil {
		t.Fatal(err)
	}
	if out.String() != string(b) {
		t.Errorf("written again, the file differs:\n%s", out.String())
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	row := func(cols ...string) string { return strings.Join(cols, "\t") + "\n" }
	good := row("1", "Trade", "trade", "NOUN", "NN", "_", "0", "root", "_", "_")
	for _, c := range []struct{ name, text, want string }{
		{"short line", good + "2\tgrew\tgrow\n", "x.conllu:2: 3 columns, CoNLL-U has 10"},
		{"head outside", row("1", "Trade", "trade", "NOUN", "NN", "_", "4", "root", "_", "_"), "x.conllu:1: word 1 has head 4, outside its sentence of 1 words"},
		{"skipped id", good + row("3", "grew", "grow", "VERB", "VBD", "_", "1", "dep", "_", "_"), `x.conllu:2: word ID "3" where 2 was due`},
		{"bad head", row("1", "Trade", "trade", "NOUN", "NN", "_", "x", "root", "_", "_"), `x.conllu:1: bad head "x"`},
		{"bad range", row("1-x", "Trade", "_", "_", "_", "_", "_", "_", "_", "_"), `x.conllu:1: bad token range "1-x"`},
		{"comments only", "# text = nothing\n\n", "x.conllu:1: a sentence with no words"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCoNLLU(strings.NewReader(c.text), "x.conllu")
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestReadCoNLLUSkipsEmptyNodes(t *testing.T) {
	text := "1\tTrade\ttrade\tNOUN\tNN\t_\t0\troot\t0:root\t_\n1.1\tgrew\tgrow\tVERB\tVBD\t_\t_\t_\t1:dep\t_\n"
	sents, err := ReadCoNLLU(strings.NewReader(text), "x.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || len(sents[0].Words) != 1 {
		t.Errorf("got %+v, want one sentence of one word", sents)
	}
}

func TestCompare(t *testing.T) {
	gold := readTestdata(t, "trade.conllu")
	sys := readTestdata(t, "trade.conllu")
	sc, err := Compare(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Gold != 27 || sc.UPOSF1() != 1 || sc.UASF1() != 1 || sc.LASF1() != 1 {
		t.Errorf("the same sentences score %v", sc)
	}
	// one head wrong, one relation wrong in its subtype only, one tag wrong
	sys[0].Words[4].Head = 2
	sys[2].Words[0].Deprel = "nmod"
	sys[3].Words[0].UPOS = "PROPN"
	sc, err = Compare(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	if sc.UPOS != 26 || sc.UAS != 26 || sc.LAS != 26 {
		t.Errorf("UPOS %d UAS %d LAS %d, want 26 each", sc.UPOS, sc.UAS, sc.LAS)
	}
	sys[1].Words = sys[1].Words[:3]
	if _, err := Compare(gold, sys); err == nil || err.Error() != "sentence 2: 8 gold words, 3 system words" {
		t.Errorf("error %v", err)
	}
}
