package syntax

import (
	"fmt"
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
		fmt.Fprintf(&b, "%s>%d:%s ", w.Form, w.Head, w.Deprel)
	}
	return strings.TrimSpace(b.String())
}

func TestRepairParallelVerbOutOfRelativeClause(t *testing.T) {
	// the parser's misreading: "Brazil will cut duties that protect farmers
	// and VERB quotas" with the second verb a conjunct of "protect"
	misread := func(verb string) *Sentence {
		return readOne(t, `1|Brazil|Brazil|PROPN|NNP|_|3|nsubj|_|_
2|will|will|AUX|MD|_|3|aux|_|_
3|cut|cut|VERB|VB|_|0|root|_|_
4|duties|duty|NOUN|NNS|_|3|obj|_|_
5|that|that|PRON|WDT|_|6|nsubj|_|_
6|protect|protect|VERB|VBP|_|4|acl:relcl|_|_
7|farmers|farmer|NOUN|NNS|_|6|obj|_|_
8|and|and|CCONJ|CC|_|9|cc|_|_
9|`+verb+`|`+verb+`|VERB|VB|_|6|conj|_|_
10|quotas|quota|NOUN|NNS|_|9|obj|_|_
`)
	}
	s := misread("cut")
	Repair(s)
	if got := s.Words[8]; got.Head != 3 || got.Deprel != "conj" {
		t.Errorf("the repeated verb hangs on %d as %s, want 3 as conj: %s", got.Head, got.Deprel, heads(s))
	}
	// a conjunct that says something else stays in the clause
	s = misread("raise")
	Repair(s)
	if got := s.Words[8]; got.Head != 6 {
		t.Errorf("a different verb left the relative clause for %d: %s", got.Head, heads(s))
	}
}

func TestRepairNounObjectIsTheClauseSubject(t *testing.T) {
	// "suggestions Brazil cut quotas" read with Brazil as the noun's object
	s := readOne(t, `1|Canada|Canada|PROPN|NNP|_|2|nsubj|_|_
2|rejected|reject|VERB|VBD|_|0|root|_|_
3|suggestions|suggestion|NOUN|NNS|_|2|obj|_|_
4|Brazil|Brazil|PROPN|NNP|_|3|obj|_|_
5|cut|cut|VERB|VB|_|2|xcomp|_|_
6|quotas|quota|NOUN|NNS|_|5|obj|_|_
`)
	Repair(s)
	if b, v := s.Words[3], s.Words[4]; b.Head != 5 || b.Deprel != "nsubj" || v.Head != 3 || v.Deprel != "acl" {
		t.Errorf("want Brazil the subject of cut, cut the clause of suggestions: %s", heads(s))
	}
}

func TestRepairSubjectOfACopularClause(t *testing.T) {
	// "said Brazil's demand, when talks open, would be the lifting of quotas":
	// the demand read as the object of "said", the clause of "lifting" beside it
	s := readOne(t, `1|Officials|official|NOUN|NNS|_|2|nsubj|_|_
2|said|say|VERB|VBD|_|0|root|_|_
3|the|the|DET|DT|_|4|det|_|_
4|demand|demand|NOUN|NN|_|2|obj|_|_
5|when|when|ADV|WRB|_|7|advmod|_|_
6|talks|talk|NOUN|NNS|_|7|nsubj|_|_
7|open|open|VERB|VBP|_|11|advcl|_|_
8|would|would|AUX|MD|_|11|aux|_|_
9|be|be|AUX|VB|_|11|cop|_|_
10|the|the|DET|DT|_|11|det|_|_
11|lifting|lifting|NOUN|NN|_|2|advcl|_|_
12|of|of|ADP|IN|_|13|case|_|_
13|quotas|quota|NOUN|NNS|_|11|nmod|_|_
`)
	Repair(s)
	if d, l := s.Words[3], s.Words[10]; d.Head != 11 || d.Deprel != "nsubj" || l.Head != 2 || l.Deprel != "ccomp" {
		t.Errorf("want the demand the subject of the lifting, the lifting said: %s", heads(s))
	}

	// "claims the ban has no basis and will rob it": a conjunct after "and"
	// keeps its place, and "basis" stays the object of "has"
	s = readOne(t, `1|It|it|PRON|PRP|_|2|nsubj|_|_
2|claims|claim|VERB|VBZ|_|0|root|_|_
3|the|the|DET|DT|_|4|det|_|_
4|ban|ban|NOUN|NN|_|5|nsubj|_|_
5|has|have|VERB|VBZ|_|2|ccomp|_|_
6|no|no|DET|DT|_|7|det|_|_
7|basis|basis|NOUN|NN|_|5|obj|_|_
8|and|and|CCONJ|CC|_|10|cc|_|_
9|will|will|AUX|MD|_|10|aux|_|_
10|rob|rob|VERB|VB|_|2|conj|_|_
11|it|it|PRON|PRP|_|10|obj|_|_
`)
	Repair(s)
	if b := s.Words[6]; b.Head != 5 || b.Deprel != "obj" {
		t.Errorf("the object before 'and will rob' moved: %s", heads(s))
	}
}
