package syntax

import (
	"strings"
	"testing"
)

// readOne reads the one sentence of a CoNLL-U text written for a test.
func readOne(t *testing.T, text string) *Sentence {
	t.Helper()
	sents, err := ReadCoNLLU(strings.NewReader(strings.ReplaceAll(text, "|", "\t")), "test.conllu")
	if err != nil || len(sents) != 1 {
		t.Fatalf("reading the test tree: %v (%d sentences)", err, len(sents))
	}
	return &sents[0]
}

// heads is each word's form, head and relation, as the assertions read them.
func heads(s *Sentence) string {
	var b strings.Builder
	for _, w := range s.Words {
		b.WriteString(w.Form + ">" + string(rune('0'+w.Head)) + ":" + w.Deprel + " ")
	}
	return strings.TrimSpace(b.String())
}

func TestRepairParallelVerbOutOfRelativeClause(t *testing.T) {
	// the parser's misreading: the second "cut" is a conjunct of "protect"
	s := readOne(t, `1|Brazil|Brazil|PROPN|NNP|_|3|nsubj|_|_
2|will|will|AUX|MD|_|3|aux|_|_
3|cut|cut|VERB|VB|_|0|root|_|_
4|duties|duty|NOUN|NNS|_|3|obj|_|_
5|that|that|PRON|WDT|_|6|nsubj|_|_
6|protect|protect|VERB|VBP|_|4|acl:relcl|_|_
7|farmers|farmer|NOUN|NNS|_|6|obj|_|_
8|and|and|CCONJ|CC|_|9|cc|_|_
9|cut|cut|VERB|VB|_|6|conj|_|_
10|quotas|quota|NOUN|NNS|_|9|obj|_|_
`)
	Repair(s)
	if got := s.Words[8]; got.Head != 3 || got.Deprel != "conj" {
		t.Errorf("the repeated verb hangs on %d as %s, want 3 as conj: %s", got.Head, got.Deprel, heads(s))
	}

	// a conjunct that says something else stays in the clause: "duties that
	// protect farmers and raise prices"
	s = readOne(t, `1|Brazil|Brazil|PROPN|NNP|_|3|nsubj|_|_
2|will|will|AUX|MD|_|3|aux|_|_
3|cut|cut|VERB|VB|_|0|root|_|_
4|duties|duty|NOUN|NNS|_|3|obj|_|_
5|that|that|PRON|WDT|_|6|nsubj|_|_
6|protect|protect|VERB|VBP|_|4|acl:relcl|_|_
7|farmers|farmer|NOUN|NNS|_|6|obj|_|_
8|and|and|CCONJ|CC|_|9|cc|_|_
9|raise|raise|VERB|VB|_|6|conj|_|_
10|prices|price|NOUN|NNS|_|9|obj|_|_
`)
	Repair(s)
	if got := s.Words[8]; got.Head != 6 {
		t.Errorf("a different verb left the relative clause for %d: %s", got.Head, heads(s))
	}
}
