package article

import (
	"strings"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// A claim is a statement the text rejects, read from the dependency tree:
// what a party denies ("denied the government was pursuing the deal"), a
// clause negated about an actor or a measure ("Malaysia does not grant
// exclusive access", "the agreement gives Japanese vessels no access"), a
// measure said not to exist ("there is no side deal on rare earths"), a
// statement called false ("the figures are inaccurate"), and a statement
// corrected ("the measure was not aimed at retaliation but at ...").
//
// A negation is no claim where it negates a noun phrase ("a commitment not
// to screen investments", "not only for advanced nations"), where it tells
// of the news rather than of trade ("there was no immediate reaction",
// "did not elaborate", "does not think there will be a trade war"), or
// where its clause is about neither an actor nor a measure ("no date has
// been fixed").

// claimRules are the ways a clause rejects a statement, tried in order at
// each negation or rejection cue of the clause; each reads the claim off
// the cue's word or reports none. A statement called false has no cue:
// falseStatement reads it off the adjective that calls it so.
var claimRules = []func(r *claimReader, cue int) (Claim, bool){
	(*claimReader).deniedStatement,
	(*claimReader).rejectedMeasure,
	(*claimReader).noSuchMeasure,
	(*claimReader).negatedClause,
}

// Word classes of the claims rules, by lemma; general English of news.
var (
	// Predicates whose complement clause is what their subject rejects.
	denyPredicates = words("deny", "reject", "dismiss", "refute", "dispute", "contest")
	// Predicates by which a party rejects a measure put to it, or refuses
	// to take one.
	rejectMeasurePredicates = words("reject", "rule", "turn", "refuse", "decline")
	// Nouns that name what someone says or believes: denied or called
	// false, they are a rejected statement.
	statementNouns = words("remark", "comment", "statement", "report", "claim", "charge", "allegation", "accusation",
		"assertion", "suggestion", "speculation", "rumour", "rumor", "fear", "view", "argument", "notion", "idea",
		"impression", "criticism")
	// Nouns of the news of the day: that none was given ("gave no details")
	// is no claim.
	newsNouns = words("detail", "comment", "indication", "sign", "reply", "answer", "word", "timetable", "date",
		"information", "explanation", "reaction", "announcement", "confirmation", "figure", "estimate")
	// "no matter", "no doubt", "no choice but": phrases that negate nothing.
	noIdioms = words("matter", "doubt", "wonder", "way", "choice", "alternative")
	// "not only", "not just": what follows is added to, not denied.
	additiveAdverbs = words("only", "just", "merely", "solely", "simply")
	// Nouns that name a measure or the agreement that holds measures, beside
	// the lexicon's instruments and concession nouns.
	measureNouns = words("agreement", "accord", "deal", "pact", "treaty", "arrangement", "text", "draft", "package",
		"provision", "clause", "chapter", "annex", "bill", "law", "legislation", "measure", "plan", "proposal",
		"programme", "program", "policy", "action", "rule", "regulation", "offer", "request", "moratorium",
		"concession", "ban", "embargo", "tariff", "duty", "quota", "sanction", "curb", "restriction", "levy", "tax",
		"control", "limit", "barrier", "subsidy", "standard", "exemption", "waiver")
	// Negated, these predicates tell of what someone says, knows, thinks or
	// wants, not of what is so: "did not elaborate", "does not expect".
	reportingPredicates = words("say", "comment", "elaborate", "specify", "disclose", "reveal", "identify", "name",
		"detail", "explain", "confirm", "answer", "reply", "respond", "indicate", "think", "believe", "expect", "see",
		"know", "feel", "consider", "anticipate", "foresee", "envisage", "want", "wish", "like", "intend", "hope",
		"seem", "appear", "mention", "discuss", "clear", "sure", "certain", "aware", "happy", "satisfied", "pleased",
		"positive", "optimistic", "pessimistic", "anxious", "interested", "keen", "worried", "concerned", "confident")
	// Adjectives that call a statement false, with the word of the
	// statement they reject: "the figures are inaccurate" denies that the
	// figures are accurate.
	falseJudgements = map[string]string{"inaccurate": "accurate", "incorrect": "correct", "untrue": "true",
		"false": "true", "unfounded": "well-founded", "baseless": "well-founded", "groundless": "well-founded",
		"erroneous": "correct", "mistaken": "correct", "misleading": "accurate", "unjustified": "justified",
		"unwarranted": "warranted"}
	// Subject pronouns that may stand for the actor of the clause before.
	subjectPronouns = words("it", "they")
	// Relative pronouns: an argument of a relative clause that names no one.
	relativePronouns = words("which", "that", "who", "whom", "whose")
)

// subjectRels are the relations of a clause's subject.
var subjectRels = []string{"nsubj", "csubj", "expl"}

// claimReader reads the claims of one clause of a sentence from its tree.
type claimReader struct {
	fr    *factReader
	s     int
	p     parsed
	t     *syntax.Tree
	cl    clause
	insts []instAt // the instruments named in the sentence
	actor *Entity  // the actor of the clause or the one before, for "it"
}

// claim records what clause cl of sentence s rejects: its subject,
// predicate and object, by the first of claimRules that reads one at a
// negation or rejection cue of the clause, or a statement the clause
// calls false. insts are the instruments named in the sentence, subj the
// actor of the clause or of the one before.
func (fr *factReader) claim(s int, cl clause, cues []cueAt, insts []instAt, subj *Entity, hedged bool) (Claim, bool) {
	if fr.sents[s].Kind == Heading {
		return Claim{}, false // headlines drop the words a parse needs
	}
	p := fr.parses[s]
	r := &claimReader{fr: fr, s: s, p: p, t: p.tree, cl: cl, insts: insts, actor: subj}
	for _, c := range cues {
		if c.hit.kind != cueNegation && c.hit.kind != cueReject {
			continue
		}
		neg := r.cueWord(c)
		if neg == 0 {
			continue
		}
		for _, rule := range claimRules {
			if out, ok := rule(r, neg); ok {
				out.Polarity, out.Hedged, out.Evidence = Denied, hedged, s
				return out, true
			}
		}
	}
	for tok := cl.start; tok < cl.end && tok < len(p.word); tok++ {
		if out, ok := r.falseStatement(int(p.word[tok])); ok {
			out.Polarity, out.Hedged, out.Evidence = Denied, hedged, s
			return out, true
		}
	}
	return Claim{}, false
}

// negators are the lemmas of the words that negate what they attach to.
var negators = words("not", "never", "no", "nothing", "none", "nobody", "no-one", "nor", "neither")

// cueWord is the word of cue c that negates or rejects: the negator of a
// negation cue ("can" "not" of "cannot"), the verb of a rejection; 0 for a
// cue that only negates a phrase ("without", "rather than").
func (r *claimReader) cueWord(c cueAt) int {
	for id := 1; id <= len(r.t.Words); id++ {
		if pos := int(r.p.tok[id]); pos < c.pos || pos >= c.end {
			continue
		}
		if c.hit.kind == cueReject && upos(r.t, id) == "VERB" || c.hit.kind == cueNegation && negators[lemma(r.t, id)] {
			return id
		}
	}
	return 0
}

// deniedStatement: a party denies or rejects a clause ("denied that
// Japanese chipmakers were selling below cost"), or a statement with its
// content ("rejected suggestions the two sides freeze subsidies"): the
// claim is the clause.
func (r *claimReader) deniedStatement(v int) (Claim, bool) {
	if !denyPredicates[lemma(r.t, v)] || r.t.Negated(v) {
		return Claim{}, false
	}
	for _, c := range r.t.Children(v, "ccomp") {
		if out, ok := r.statedClause(c); ok {
			return out, true
		}
	}
	for _, o := range r.t.Children(v, "obj") {
		// "denied that ...", with "that" read as the object, as the parser may
		if !statementNouns[lemma(r.t, o)] && upos(r.t, o) != "SCONJ" {
			continue
		}
		for _, c := range r.t.Children(o, "acl", "ccomp") {
			if out, ok := r.statedClause(c); ok {
				return out, true
			}
		}
		if subj := r.actorWord(v); subj != "" {
			return Claim{Subject: subj, Predicate: r.form(v), Object: r.phrase(o)}, true
		}
	}
	return Claim{}, false
}

// statedClause is the claim clause c states, if it has a subject.
func (r *claimReader) statedClause(c int) (Claim, bool) {
	subj := r.subjectOf(c)
	if subj == 0 || !isPredicate(r.t, c) && upos(r.t, c) != "AUX" {
		return Claim{}, false
	}
	pred, obj := r.predicateObject(c, 0)
	return Claim{Subject: r.subjectText(subj, c), Predicate: pred, Object: obj}, obj != ""
}

// rejectedMeasure: an actor rejects or rules out a measure put to it
// ("Argentina rejected a proposal to reopen the annex", "rejected calls
// to remove its quotas"), or refuses to take one ("refused to lift its
// ban"; "declined to comment" is news, no claim).
func (r *claimReader) rejectedMeasure(v int) (Claim, bool) {
	if !rejectMeasurePredicates[lemma(r.t, v)] || r.t.Passive(v) || r.t.Negated(v) || hasAux(r.t, v, futureModals) {
		return Claim{}, false // "did not rule out", "would reject": nothing rejected
	}
	subj := r.actorWord(v)
	if subj == "" {
		return Claim{}, false
	}
	for _, o := range r.t.Children(v, "obj", "xcomp") {
		if rejectMeasurePredicates[lemma(r.t, o)] {
			return Claim{}, false // "refused to rule out retaliation" rejects nothing
		}
		if r.namesMeasure(o) || r.measureArgument(o) || r.measureClause(o) {
			pred, obj := r.predicateObject(v, 0)
			return Claim{Subject: subj, Predicate: pred, Object: obj}, obj != ""
		}
	}
	return Claim{}, false
}

// measureClause: noun n has a clause that takes a measure ("a demand to
// remove the quotas").
func (r *claimReader) measureClause(n int) bool {
	for _, c := range r.t.Children(n, "acl") {
		if r.measureArgument(c) {
			return true
		}
	}
	return false
}

// noSuchMeasure: the text says a measure or an agreement does not exist
// ("there is no side deal on autos"); that there is no reaction, sign or
// comment is news of the day, no claim.
func (r *claimReader) noSuchMeasure(neg int) (Claim, bool) {
	n := r.t.Word(neg).Head
	if lemma(r.t, neg) != "no" || !r.t.Is(neg, "det") || !r.t.Is(n, "nsubj") {
		return Claim{}, false
	}
	v := r.t.Word(n).Head
	expl := r.t.Children(v, "expl")
	if len(expl) == 0 || !r.namesMeasure(n) || idiom(r.t, neg) {
		return Claim{}, false
	}
	pred := r.form(expl[0])
	for _, a := range r.t.Children(v, "aux") {
		pred += " " + r.form(a) // "there would be"
	}
	return Claim{Predicate: pred + " " + r.form(v), Object: r.phraseFrom(n, neg)}, true
}

// negatedClause: a negated clause about an actor or a measure ("Ghana did
// not surrender control", "the ban has no scientific basis", "nothing in
// the agreement commits India to ..."), or one the text corrects, whatever
// its subject ("the drop was not due to X, but to Y").
func (r *claimReader) negatedClause(neg int) (Claim, bool) {
	host, negArg := r.negatedPredicate(neg)
	if host == 0 {
		return Claim{}, false
	}
	subj := r.subjectOf(host)
	if subj == 0 || conditional(r.t, host) || r.inRelativeClause(host, subj) || reportingPredicates[lemma(r.t, host)] ||
		r.hoped(host) {
		return Claim{}, false
	}
	if !r.aboutActorOrMeasure(host, subj) && !(r.corrected() && !personalPronoun(r.t, subj)) {
		return Claim{}, false
	}
	subject := r.subjectText(subj, host)
	if subject == "" {
		return Claim{}, false
	}
	pred, obj := r.predicateObject(host, negArg)
	return Claim{Subject: subject, Predicate: pred, Object: obj}, true
}

// negatedPredicate is the predicate negator neg negates, and the argument
// it negates if it negates one ("receives no exemptions", "nothing ...
// moves them"); 0 if neg negates a phrase, not a clause.
func (r *claimReader) negatedPredicate(neg int) (host, arg int) {
	t := r.t
	head := t.Word(neg).Head
	switch lemma(t, neg) {
	case "not", "never":
		if next := t.Word(neg + 1); next == nil || !additiveAdverbs[strings.ToLower(next.Lemma)] {
			host = head
		}
	case "nor", "neither":
		if t.Is(neg, "cc") {
			host = head
		}
	case "no":
		if t.Is(neg, "det") && t.Is(head, "nsubj", "obj", "iobj") && !idiom(t, neg) && !newsNouns[lemma(t, head)] {
			host, arg = t.Word(head).Head, head
			if t.Is(host, "obj", "iobj") && !isPredicate(t, host) {
				host = t.Word(host).Head // "gives foreign banks no access", the second object read as the first's
			}
		}
	default: // "nothing", "none", "nobody"
		switch {
		case t.Is(neg, "nsubj", "obj", "iobj"):
			host, arg = head, neg
		case len(t.Children(neg, "acl")) > 0:
			// "nothing in this text moves them", as the parser may read it
			host, arg = t.Children(neg, "acl")[0], neg
		}
	}
	if host == 0 || len(t.Children(host, "expl")) > 0 {
		return 0, 0 // an existential is about what does not exist: noSuchMeasure's
	}
	if len(t.Children(host, subjectRels...)) == 0 {
		// "nor has Malaysia closed off supply", read with "has" above the clause
		for _, c := range t.Children(host, "xcomp", "ccomp") {
			if len(t.Children(c, subjectRels...)) > 0 {
				host = c
			}
		}
	}
	if !isPredicate(t, host) && upos(t, host) != "AUX" {
		return 0, 0 // "not only", "not a commitment"
	}
	return host, arg
}

// idiom: "no" opens a phrase that negates nothing ("no doubt").
func idiom(t *syntax.Tree, no int) bool {
	next := t.Word(no + 1)
	return next != nil && noIdioms[strings.ToLower(next.Lemma)]
}

// subjectOf is the subject of predicate v: its own, the one it shares as
// a conjunct ("agreed to X and did not Y"), or, when the parser took the
// subject of a reported clause for the object of its verb ("said his
// remarks did not mean"), that object; 0 if none.
func (r *claimReader) subjectOf(v int) int {
	t := r.t
	for range t.Words {
		if s := t.Children(v, subjectRels...); len(s) > 0 {
			return nearestBefore(s, v)
		}
		w := t.Word(v)
		if w == nil {
			return 0
		}
		switch {
		case t.Is(v, "acl") && negators[lemma(t, w.Head)]:
			return w.Head // "nothing in this text moves them", as the parser may read it
		case t.Is(v, "ccomp"):
			for _, o := range t.Children(w.Head, "obj") {
				if o > w.Head && o < v {
					return o
				}
			}
			return 0
		case t.Is(v, "conj"):
			v = w.Head
		default:
			return 0
		}
	}
	return 0
}

// hoped: predicate v is what someone hopes, fears or predicts ("we hope
// this will not be affected"), not what is so.
func (r *claimReader) hoped(v int) bool {
	return r.t.Is(v, "ccomp") && hopePredicates[lemma(r.t, r.t.Word(v).Head)]
}

// nearestBefore is the last of ids before word v, else the first: of
// two subjects the parser gave one clause, the one next to its verb.
func nearestBefore(ids []int, v int) int {
	best := ids[0]
	for _, id := range ids {
		if id < v {
			best = id
		}
	}
	return best
}

// inRelativeClause: predicate v heads a relative clause, with a relative
// pronoun for an argument ("credits that do not involve aid"): it
// describes a noun, it states nothing. A clause the parser hung on a noun
// that has a subject of its own is a clause.
func (r *claimReader) inRelativeClause(v, subj int) bool {
	if !r.t.Is(v, "acl") {
		return false
	}
	for _, k := range append(r.t.Children(v, "nsubj", "obj", "obl"), subj) {
		if relativePronouns[lemma(r.t, k)] && upos(r.t, k) == "PRON" {
			return true // "which they did not offer"
		}
	}
	return subj == 0
}

// aboutActorOrMeasure: the subject of predicate v names an actor, a
// measure or a statement, or stands for the actor named before it ("it
// did not surrender control"), or, a noun, is said to be set against a
// measure ("the situation does not run counter to the pact").
func (r *claimReader) aboutActorOrMeasure(v, subj int) bool {
	if upos(r.t, subj) == "PRON" {
		switch {
		case subjectPronouns[lemma(r.t, subj)]:
			// "it did not surrender control": the actor's measure; "it will
			// not take much time" names neither, and its "it" no one
			return r.actor != nil && upos(r.t, v) == "VERB" && !r.t.Passive(v) && r.measureArgument(v)
		case lemma(r.t, subj) == "nothing" || lemma(r.t, subj) == "none":
			for _, k := range r.t.Children(subj, "nmod") {
				if r.namesMeasure(k) {
					return true // "nothing in the agreement"
				}
			}
		}
		return false
	}
	return r.fr.actorOf(r.s, subj) != nil || r.namesMeasure(subj) || statementNouns[lemma(r.t, subj)] ||
		r.measureArgument(v)
}

// measureArgument: an object or oblique of predicate v names a measure.
func (r *claimReader) measureArgument(v int) bool {
	for _, a := range r.t.Children(v, "obj", "obl") {
		if r.namesMeasure(a) {
			return true
		}
	}
	return false
}

// namesMeasure: word id, or a noun coordinated with it, compounded to it
// or owning it ("the agreement's provisions"), names a measure or an
// agreement: an instrument of the lexicon ("tariffs", "export quotas"), a
// concession noun, a measure noun ("the pact", "a proposal") or an
// agreement named in the text.
func (r *claimReader) namesMeasure(id int) bool {
	ids := append([]int{id}, r.t.Children(id, "conj", "compound", "nmod:poss")...)
	for _, k := range ids {
		tok := int(r.p.tok[k])
		if measureNouns[lemma(r.t, k)] || r.fr.x.isConcessionNoun(r.fr.sents[r.s].Tokens[tok]) || r.instrumentAt(tok) {
			return true
		}
		if m := r.fr.mentionCovering(r.s, tok); m != nil && m.Ent.Type == TypeAgreement {
			return true
		}
	}
	return false
}

// instrumentAt reports an instrument named at token tok.
func (r *claimReader) instrumentAt(tok int) bool {
	for _, in := range r.insts {
		if tok >= in.start && tok < in.end {
			return true
		}
	}
	return false
}

// corrected: the clause is followed by its correction, "but" and what is
// so instead, with no subject of its own ("is not a ceiling but a
// guarantee", "will not set back reform but help it").
func (r *claimReader) corrected() bool {
	toks := r.fr.sents[r.s].Tokens
	if r.cl.end >= len(toks) || toks[r.cl.end].Lower != "but" {
		return false
	}
	but := int(r.p.word[r.cl.end])
	w := r.t.Word(but)
	if w == nil || !r.t.Is(but, "cc") {
		return false
	}
	// "but an investment rule open to any company": a phrase without a verb
	// of its own, however the parser hung its words
	return len(r.t.Children(w.Head, subjectRels...)) == 0 ||
		upos(r.t, w.Head) != "VERB" && len(r.t.Children(w.Head, "cop", "aux")) == 0
}

// falseStatement: a statement called false ("those fears are unfounded",
// "the decision was based on inaccurate data"): the claim is the statement
// with the word it is said to lack ("based on accurate data"). Calling a
// statement false rejects it, whatever it is about.
func (r *claimReader) falseStatement(adj int) (Claim, bool) {
	right, ok := falseJudgements[lemma(r.t, adj)]
	if !ok || upos(r.t, adj) != "ADJ" {
		return Claim{}, false
	}
	t := r.t
	if cop := t.Children(adj, "cop"); len(cop) > 0 {
		// "the figures are inaccurate"
		subj := r.subjectOf(adj)
		if subj == 0 || upos(r.t, subj) == "PRON" {
			return Claim{}, false
		}
		return Claim{Subject: r.subjectText(subj, adj), Predicate: r.form(cop[0]), Object: right}, true
	}
	// "was based on inaccurate data": the adjective of an argument
	n := t.Word(adj).Head
	if !t.Is(adj, "amod") || !t.Is(n, "obj", "obl") {
		return Claim{}, false
	}
	v := t.Word(n).Head
	subj := r.subjectOf(v)
	if subj == 0 || !isPredicate(t, v) || upos(t, subj) == "PRON" {
		return Claim{}, false
	}
	pred, _ := r.predicateObject(v, 0)
	if len(t.Children(v, "cop")) > 0 {
		pred += " " + r.form(v) // "was set with"
	}
	first, last := r.spanWithout(n, "conj", "cc", "punct", "acl:relcl")
	obj := r.wordsText(first, adj-1)
	if obj != "" {
		obj += " "
	}
	obj += right
	if tail := r.wordsText(adj+1, last); tail != "" {
		obj += " " + tail
	}
	if c := t.Children(n, "case"); len(c) > 0 && c[0] < adj {
		obj = strings.TrimPrefix(obj, r.form(c[0])+" ")
		pred += " " + r.form(c[0]) // "was based on"
	}
	return Claim{Subject: r.subjectText(subj, v), Predicate: pred, Object: obj}, true
}

// predicateObject is how the claim of predicate v reads: its verb (the
// copula of a nominal predicate, with a verb's particle) and what follows
// it in its clause, without the negation and the negated argument's "no".
func (r *claimReader) predicateObject(v, negArg int) (string, string) {
	t := r.t
	pred, from := r.form(v), v+1
	if cop := t.Children(v, "cop"); len(cop) > 0 {
		pred, from = r.form(cop[0]), cop[0]+1
	} else if pass := t.Children(v, "aux:pass"); len(pass) == 1 && len(t.Children(v, "aux")) == 1 {
		pred = r.form(pass[0]) + " " + pred // "were touched"
	}
	for _, k := range t.Children(v, "compound:prt") {
		if k == v+1 {
			pred, from = pred+" "+r.form(k), k+1
		}
	}
	first, last := 0, 0
	add := func(a, b int) {
		if first == 0 || a < first {
			first = a
		}
		last = max(last, b)
	}
	if len(t.Children(v, "cop")) > 0 {
		add(v, v)
	}
	for _, k := range t.Children(v) {
		if k < from || t.Is(k, "nsubj", "csubj", "expl", "aux", "cop", "punct", "cc", "conj", "parataxis", "mark",
			"discourse", "vocative", "compound:prt") || negators[lemma(t, k)] || subordinate(t, k) {
			continue
		}
		a, b := t.Span(k)
		add(a, b)
	}
	for end := r.clauseEnd(); last >= first && int(r.p.tok[last]) >= end; {
		last-- // "is not a ceiling but a guarantee": the correction is the next clause
	}
	if first == 0 || last < first {
		return pred, ""
	}
	for first <= last && negators[lemma(t, first)] {
		first++
	}
	for _, k := range t.Children(negArg, "det") {
		if k > first && k <= last && negators[lemma(t, k)] {
			// "gives foreign banks no access": the claim is that it gives access
			return pred, strings.TrimSpace(r.wordsText(first, k-1) + " " + r.wordsText(k+1, last))
		}
	}
	return pred, r.wordsText(first, last)
}

// clauseEnd is the token where the clause's statement ends: the clause's
// end where a conjunction or a punctuation mark opens the next ("but",
// ", and", ";"), the sentence's where only a pairing cue does ("a package
// of measures" goes on with the same statement).
func (r *claimReader) clauseEnd() int {
	toks := r.fr.sents[r.s].Tokens
	end := r.cl.end
	if end >= len(toks) || r.fr.x.is(listClauseOpener, toks[end]) || end > 0 && strings.ContainsAny(toks[end-1].Text, ";:—–?") {
		return end
	}
	return len(toks)
}

// subordinate: an adverbial clause with a subordinator of its own
// ("because ...", "if ...", "while ..."), which is no part of what its
// predicate claims; one with none or with "to" is read as its argument.
func subordinate(t *syntax.Tree, k int) bool {
	if !t.Is(k, "advcl") {
		return false
	}
	for _, m := range t.Children(k, "mark") {
		if lemma(t, m) != "to" {
			return true
		}
	}
	return false
}

// subjectText is how the claim names subject word subj of predicate v:
// the actor a pronoun stands for, else the subject's phrase without its
// relative clauses and appositions.
func (r *claimReader) subjectText(subj, v int) string {
	if upos(r.t, subj) == "PRON" && subjectPronouns[lemma(r.t, subj)] && r.actor != nil {
		return r.actor.Name
	}
	first, last := r.spanWithout(subj, "acl:relcl", "appos", "punct", "parataxis", "cc", "mark")
	if upos(r.t, first) == "AUX" && wh[lemma(r.t, first-1)] {
		first-- // "what's new", of which the parser took "'s new" for the subject
	}
	return r.wordsText(first, min(last, v-1))
}

// wh are the pronouns that open a clause standing as a noun.
var wh = words("what", "whatever")

// actorWord is the phrase of the actor who does verb v, "" if its subject
// names none.
func (r *claimReader) actorWord(v int) string {
	for _, a := range r.t.Actors(v) {
		if e := r.fr.actorOf(r.s, a); e != nil {
			if upos(r.t, a) == "PRON" {
				return e.Name
			}
			return r.subjectText(a, v)
		}
	}
	return ""
}

// spanWithout is the first and last word of the subtree of id without the
// subtrees of its children of relations rels.
func (r *claimReader) spanWithout(id int, rels ...string) (first, last int) {
	first, last = id, id
	for _, k := range r.t.Children(id) {
		if r.t.Is(k, rels...) {
			continue
		}
		a, b := r.t.Span(k)
		first, last = min(first, a), max(last, b)
	}
	return first, last
}

// phrase is the text of the subtree of word id.
func (r *claimReader) phrase(id int) string {
	first, last := r.t.Span(id)
	return r.wordsText(first, last)
}

// phraseFrom is the text of the subtree of word id after word skip.
func (r *claimReader) phraseFrom(id, skip int) string {
	first, last := r.t.Span(id)
	if first == skip {
		first++
	}
	return r.wordsText(first, last)
}

// wordsText is the text of words first to last without the punctuation
// at either end.
func (r *claimReader) wordsText(first, last int) string {
	if first < 1 || last > len(r.t.Words) {
		return ""
	}
	for first <= last && upos(r.t, first) == "PUNCT" {
		first++
	}
	for last >= first && upos(r.t, last) == "PUNCT" {
		last--
	}
	if last < first {
		return ""
	}
	return r.fr.sents.text(r.s, int(r.p.tok[first]), int(r.p.tok[last])+1)
}

// form is the text of word id.
func (r *claimReader) form(id int) string { return r.t.Word(id).Form }

// personalPronoun: "he", "we", "I" ... name a speaker, not what is claimed.
func personalPronoun(t *syntax.Tree, id int) bool {
	return upos(t, id) == "PRON" && !demonstratives[lemma(t, id)]
}

// demonstratives stand for what was said before: "this is not a ceiling".
var demonstratives = words("this", "that", "what", "these", "those")
