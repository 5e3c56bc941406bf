package syntax

import "testing"

// TestTheShippedModelParsesPlainSentences checks the model in the binary
// on sentences whose analysis no reader would dispute.
func TestTheShippedModelParsesPlainSentences(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type arc struct{ word, upos, lemma, head, rel string }
	for _, c := range []struct {
		text string
		want []arc
	}{
		{"The minister signed the agreement.", []arc{
			{"minister", "NOUN", "minister", "signed", "nsubj"},
			{"signed", "VERB", "sign", "", "root"},
			{"agreement", "NOUN", "agreement", "signed", "obj"},
			{".", "PUNCT", ".", "signed", "punct"},
		}},
		{"Korea agreed to open its rice market.", []arc{
			{"Korea", "PROPN", "Korea", "agreed", "nsubj"},
			{"agreed", "VERB", "agree", "", "root"},
			{"to", "PART", "to", "open", "mark"},
			{"open", "VERB", "open", "agreed", "xcomp"},
			{"its", "PRON", "its", "market", "nmod:poss"},
			{"rice", "NOUN", "rice", "market", "compound"},
			{"market", "NOUN", "market", "open", "obj"},
		}},
		{"Japan didn't lift the ban on U.S. beef.", []arc{
			{"Japan", "PROPN", "Japan", "lift", "nsubj"},
			{"did", "AUX", "do", "lift", "aux"},
			{"n't", "PART", "not", "lift", "advmod"},
			{"lift", "VERB", "lift", "", "root"},
			{"ban", "NOUN", "ban", "lift", "obj"},
			{"U.S.", "PROPN", "U.S.", "beef", "compound"},
			{"beef", "NOUN", "beef", "ban", "nmod"},
		}},
		{"Tariffs were raised by the government.", []arc{
			{"Tariffs", "NOUN", "tariff", "raised", "nsubj:pass"},
			{"were", "AUX", "be", "raised", "aux:pass"},
			{"raised", "VERB", "raise", "", "root"},
			{"government", "NOUN", "government", "raised", "obl:agent"},
		}},
	} {
		t.Run(c.text, func(t *testing.T) {
			s := m.Parse(c.text)
			by := map[string]Word{}
			for _, w := range s.Words {
				by[w.Form] = w
			}
			for _, a := range c.want {
				w, ok := by[a.word]
				if !ok {
					t.Errorf("no word %q in %v", a.word, s.Words)
					continue
				}
				head := ""
				if w.Head > 0 {
					head = s.Words[w.Head-1].Form
				}
				if w.UPOS != a.upos || w.Lemma != a.lemma || head != a.head || w.Deprel != a.rel {
					t.Errorf("%s: %s %s, head %q, %s; want %s %s, head %q, %s", a.word, w.UPOS, w.Lemma, head, w.Deprel, a.upos, a.lemma, a.head, a.rel)
				}
			}
		})
	}
}

// TestTheShippedModelOnSentencesWrittenHere scores the shipped model on the
// four hand-annotated sentences of testdata/trade.conllu, none of them from
// the treebank: a model that parses news at all gets most heads right.
func TestTheShippedModelOnSentencesWrittenHere(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := m.Score(readTestdata(t, "trade.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.UPOSF1() < 0.85 || sc.UASF1() < 0.8 || sc.LASF1() < 0.75 {
		t.Errorf("UPOS %.2f UAS %.2f LAS %.2f on 27 plain words", sc.UPOSF1(), sc.UASF1(), sc.LASF1())
	}
}
