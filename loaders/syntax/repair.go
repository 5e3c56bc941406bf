package syntax

import "strings"

// objectAndClause are verbs that do take an object and a clause of their
// own ("told Japan it would act", "warned Seoul that ..."): their object
// is not a misread subject.
var objectAndClause = map[string]bool{
	"tell": true, "warn": true, "urge": true, "ask": true, "persuade": true, "inform": true, "assure": true,
	"remind": true, "notify": true, "advise": true, "convince": true, "order": true, "force": true,
	"allow": true, "let": true, "make": true, "help": true, "see": true, "hear": true, "show": true,
	"promise": true, "teach": true, "caution": true, "press": true, "pressure": true, "give": true,
}

// Repair mends in place a misreading the parser makes often in reported
// speech: with "that" left out ("said the United States would lift the
// sanctions", "hoped Japan could open"), it takes the reported clause's
// subject for the object of the verb of saying and hangs the clause's verb
// beside it without a subject. Repair makes the object the subject of the
// clause and the clause the complement of the verb.
//
// It also mends a conjunct taken into a relative clause: in "reduce the
// credits that do not involve aid and reduce the subsidies", the second
// "reduce" repeats the verb the clause's noun hangs on, so it is that
// verb's conjunct, not the clause's.
func Repair(s *Sentence) {
	t := NewTree(s)
	for i := range s.Words {
		if repairParallel(t, &s.Words[i]) {
			t = NewTree(s)
		}
	}
	for i := range s.Words {
		if repairNounObject(t, &s.Words[i]) {
			t = NewTree(s)
		}
	}
	for i := range s.Words {
		v := &s.Words[i]
		if !finiteClause(t, v.ID) || len(t.Children(v.ID, "nsubj", "nsubj:pass", "csubj", "expl")) > 0 {
			continue
		}
		h := t.Word(v.Head)
		if h == nil || !t.Is(v.ID, "ccomp", "parataxis", "conj", "advcl", "xcomp") {
			continue
		}
		// the verb of saying is v's head, or a verb beside v that took the
		// subject ("said he hoped the U.S. could", the clause hung on "said")
		speakers := []int{h.ID}
		for _, c := range t.Children(h.ID, "ccomp", "xcomp", "parataxis") {
			if c < v.ID {
				speakers = append(speakers, c)
			}
		}
		for _, sp := range speakers {
			if repairSubject(t, sp, v) {
				t = NewTree(s)
				break
			}
		}
	}
}

// repairParallel hangs conjunct verb v, of a relative clause, on the verb
// above the clause's noun when v repeats that verb and has no subject.
func repairParallel(t *Tree, v *Word) bool {
	if v.UPOS != "VERB" || !t.Is(v.ID, "conj") || len(t.Children(v.ID, "nsubj", "nsubj:pass")) > 0 {
		return false
	}
	rel := t.Word(v.Head)
	if rel == nil || !t.Is(rel.ID, "acl:relcl") {
		return false
	}
	noun := t.Word(rel.Head)
	if noun == nil {
		return false
	}
	above := t.Word(noun.Head)
	if above == nil || above.UPOS != "VERB" || !strings.EqualFold(above.Lemma, v.Lemma) {
		return false
	}
	v.Head = above.ID
	return true
}

// repairNounObject mends "rejected suggestions the U.S. and EC agree a
// freeze": a noun takes no object, so the object the parser gave noun n is
// the subject of the subjectless verb that starts right after it, and that
// verb's clause is what the noun says (its acl).
func repairNounObject(t *Tree, n *Word) bool {
	if n.UPOS != "NOUN" {
		return false
	}
	for _, o := range t.Children(n.ID, "obj") {
		ow := t.Word(o)
		if ow.UPOS != "NOUN" && ow.UPOS != "PROPN" && ow.UPOS != "PRON" {
			continue
		}
		_, last := t.Span(o)
		for _, v := range append(t.Children(n.ID), t.Children(n.Head)...) {
			vw := t.Word(v)
			if vw == nil || vw.UPOS != "VERB" || v <= last || clauseStart(t, v) != last+1 ||
				len(t.Children(v, "nsubj", "nsubj:pass", "csubj", "expl")) > 0 {
				continue
			}
			ow.Head, ow.Deprel = v, "nsubj"
			vw.Head, vw.Deprel = n.ID, "acl"
			return true
		}
	}
	return false
}

// repairSubject makes the object of verb sp that ends where clause v
// starts v's subject, and v sp's complement.
func repairSubject(t *Tree, sp int, v *Word) bool {
	h := t.Word(sp)
	if h.UPOS != "VERB" || objectAndClause[strings.ToLower(h.Lemma)] {
		return false
	}
	for _, o := range t.Children(sp, "obj") {
		ow := t.Word(o)
		if ow.UPOS != "NOUN" && ow.UPOS != "PROPN" && ow.UPOS != "PRON" {
			continue
		}
		if _, last := t.Span(o); last+1 != clauseStart(t, v.ID) {
			continue
		}
		ow.Head, ow.Deprel = v.ID, "nsubj"
		if len(t.Children(v.ID, "aux:pass")) > 0 {
			ow.Deprel = "nsubj:pass"
		}
		v.Head, v.Deprel = sp, "ccomp"
		return true
	}
	return false
}

// finiteClause: a verb that heads a finite clause, by its own tense or a
// finite auxiliary ("would lift", "lifted", "has lifted"), not an
// infinitive or a participle that modifies a noun.
func finiteClause(t *Tree, id int) bool {
	w := t.Word(id)
	if w == nil || w.UPOS != "VERB" && len(t.Children(id, "cop")) == 0 {
		return false // a verb, or a copular predicate ("would be the lifting")
	}
	for _, m := range t.Children(id, "mark") {
		if strings.EqualFold(t.Word(m).Form, "to") {
			return false
		}
	}
	switch w.XPOS {
	case "VBD", "VBZ", "VBP":
		return true
	}
	for _, a := range t.Children(id, "aux", "aux:pass", "cop") {
		switch t.Word(a).XPOS {
		case "MD", "VBD", "VBZ", "VBP":
			return true
		}
	}
	return false
}

// clauseStart is the first word of a clause before its verb: the first
// word of what the verb governs on its left (auxiliaries, negation,
// adverbs, a clause of time: "when he arrives ... would be"), or the verb
// itself. A conjunction before it is not the clause's.
func clauseStart(t *Tree, v int) int {
	first := v
	for _, k := range t.Children(v) {
		if k < first && !t.Is(k, "cc", "punct") { // "and will rob it": a conjunct, not a clause begun there
			first, _ = t.Span(k)
			first = min(first, k)
		}
	}
	return first
}
