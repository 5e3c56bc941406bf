package article

import "strings"

// claim records what a negated clause rejects: subject, verb and object.
func (d *docState) claim(s int, cl clause, cues []cueAt, subj *Entity, hedged bool) (Claim, bool) {
	toks := d.sents[s].Tokens
	var neg cueAt
	found := false
	for _, c := range cues {
		if c.hit.kind == cueNegation || c.hit.kind == cueReject {
			neg, found = c, true
			break
		}
	}
	if !found {
		return Claim{}, false
	}
	// the subject: the words before the negation, after any conjunction or
	// report frame ("the Commission said there would be"), without auxiliaries
	a := cl.start
	for a < neg.pos && (toks[a].Text == "," || d.x.is(listClauseOpener, toks[a])) {
		a++
	}
	for _, c := range cues {
		if c.hit.kind == cueReport && c.pos >= a && c.end <= neg.pos {
			a = c.end
			if a < neg.pos && toks[a].Lower == "that" {
				a++
			}
		}
	}
	b := neg.pos
	nounNeg := toks[neg.pos].Lower == "no" || toks[neg.pos].Lower == "without" || toks[neg.pos].Lower == "nothing"
	predicate, object := "is", ""
	if nounNeg {
		// "receives no exemptions", "there is no side deal"; a noun before the
		// negation ("a policy without exclusive access") is no predicate
		predicate = "has"
		if toks[neg.pos].Lower == "without" {
			predicate = "without"
		}
		if b > a && (isAux(toks[b-1].Lower) || toks[b-1].Lower == "has" || toks[b-1].Lower == "have" || toks[b-1].Lower == "had" || d.isCue(toks[b-1])) {
			predicate = toks[b-1].Text
			b--
		}
		object = d.text(s, neg.end, cl.end)
	}
	for b > a && (isAux(toks[b-1].Lower) || toks[b-1].Lower == "has" || toks[b-1].Lower == "have" || toks[b-1].Lower == "had" || d.isHedge(toks[b-1])) {
		b--
	}
	// of a subject with a fronted phrase ("Contrary to reports, Chile"; "Mexico,
	// for its part"), the part that names an actor
	for k := b - 1; k > a; k-- {
		if toks[k].Text != "," {
			continue
		}
		if d.namesActor(s, k+1, b) || !d.namesActor(s, a, k) {
			a = k + 1
		} else {
			b = k
		}
		break
	}
	for a < b && d.x.is(listClauseOpener, toks[a]) {
		a++
	}
	subject := strings.Trim(d.text(s, a, b), " ,;:—–")
	if strings.EqualFold(subject, "it") || subject == "" || len(subject) > 60 {
		subject = ""
		if subj != nil {
			subject = subj.Name
		}
	}
	if !nounNeg {
		// the predicate: the first word after the negation that is not an
		// auxiliary or an inverted subject ("nor did it promise")
		p := neg.end
		for p < cl.end {
			if m := d.mentionAt(s, p); m != nil && m.Start == p {
				if subject == "" {
					subject = m.Ent.Name
				}
				p = m.End
				continue
			}
			if !(isAux(toks[p].Lower) || toks[p].Lower == "has" || toks[p].Lower == "have" || toks[p].Text == "'s" || pronoun(toks[p].Lower)) {
				break
			}
			p++
		}
		switch {
		case neg.pos > cl.start && isBe(toks[neg.pos-1].Lower) && p < cl.end && !d.isCue(toks[p]):
			// "are not an exclusive corridor": the claim is what it is said to be
			predicate = toks[neg.pos-1].Text
			object = d.text(s, neg.end, cl.end)
		case p < cl.end:
			predicate = toks[p].Text
			object = d.text(s, p+1, cl.end)
		}
	}
	if neg.hit.kind == cueReject {
		predicate = neg.hit.lemma
		object = d.text(s, neg.end, cl.end)
	}
	if predicate == "be" {
		predicate = "is"
	}
	object = strings.Trim(object, " ,.;:?!—–")
	if object == "" && subject == "" {
		return Claim{}, false
	}
	return Claim{Subject: subject, Predicate: predicate, Object: object, Polarity: Denied, Hedged: hedged, Evidence: s}, true
}

func isBe(w string) bool {
	switch w {
	case "is", "are", "was", "were", "'s":
		return true
	}
	return false
}

// namesActor reports an actor named in tokens [i, j) of sentence s.
func (d *docState) namesActor(s, i, j int) bool {
	for _, m := range d.mentions[s] {
		if m.Start >= i && m.End <= j && m.Ent.isActor() {
			return true
		}
	}
	return false
}

func pronoun(w string) bool {
	switch strings.ToLower(w) {
	case "it", "they", "he", "she", "we", "its", "their":
		return true
	}
	return false
}

func (d *docState) isHedge(t Token) bool { return d.x.has(&t, tagHedge) }

func isAux(w string) bool {
	switch w {
	case "be", "is", "are", "was", "were", "been", "do", "does", "did", "will", "would", "can", "could",
		"should", "shall", "may", "might", "must", "n't", "not", "never", "yet", "an", "a", "the", "any":
		return true
	}
	return false
}
