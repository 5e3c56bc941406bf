package syntax

import "fmt"

// Scores counts what a system got right of a gold standard's words.
type Scores struct {
	Gold, System int // words in each
	Aligned      int // system words matched to gold words
	UPOS         int // matched words with the gold part of speech
	Lemma        int // matched words with the gold lemma
	UAS          int // matched words whose head is the gold head's match
	LAS          int // ... and with the gold relation
}

// ratio is a count over the gold and system words, as an F1 score: with the
// same words it is the plain accuracy.
func (s Scores) ratio(n int) float64 {
	if s.Gold+s.System == 0 {
		return 0
	}
	return 2 * float64(n) / float64(s.Gold+s.System)
}

// WordsF1, UPOSF1, ... are F1 scores over gold and system words, as the
// CoNLL 2018 shared task reports them.
func (s Scores) WordsF1() float64 { return s.ratio(s.Aligned) }
func (s Scores) UPOSF1() float64  { return s.ratio(s.UPOS) }
func (s Scores) LemmaF1() float64 { return s.ratio(s.Lemma) }
func (s Scores) UASF1() float64   { return s.ratio(s.UAS) }
func (s Scores) LASF1() float64   { return s.ratio(s.LAS) }

// Compare scores system against gold sentence by sentence, word by word: the
// two must have the same words, as when the system was given the gold
// tokenization.
func Compare(gold, system []Sentence) (Scores, error) {
	var sc Scores
	if len(gold) != len(system) {
		return sc, fmt.Errorf("%d gold sentences, %d system sentences", len(gold), len(system))
	}
	for i := range gold {
		g, s := gold[i].Words, system[i].Words
		if len(g) != len(s) {
			return sc, fmt.Errorf("sentence %d: %d gold words, %d system words", i+1, len(g), len(s))
		}
		sc.Gold += len(g)
		sc.System += len(s)
		for j := range g {
			if g[j].Form != s[j].Form {
				return sc, fmt.Errorf("sentence %d word %d: gold %q, system %q", i+1, j+1, g[j].Form, s[j].Form)
			}
			sc.add(g[j], s[j], s[j].Head == g[j].Head)
		}
	}
	return sc, nil
}

// add counts a matched pair of words, whose heads match if sameHead.
func (sc *Scores) add(g, s Word, sameHead bool) {
	sc.Aligned++
	if g.UPOS == s.UPOS {
		sc.UPOS++
	}
	if g.Lemma == s.Lemma {
		sc.Lemma++
	}
	if sameHead {
		sc.UAS++
		if baseRel(g.Deprel) == baseRel(s.Deprel) {
			sc.LAS++
		}
	}
}

// baseRel is a relation without its subtype ("nsubj" of "nsubj:pass"): the
// CoNLL 2018 scores compare universal relations only.
func baseRel(r string) string {
	for i := 0; i < len(r); i++ {
		if r[i] == ':' {
			return r[:i]
		}
	}
	return r
}
