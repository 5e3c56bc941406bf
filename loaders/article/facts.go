package article

import (
	"slices"
	"sort"
	"strings"
)

// Measure is a concession, restriction or retained policy: a party takes,
// keeps or is said not to take a policy instrument.
type Measure struct {
	Grantor     *Entity
	Beneficiary *Entity
	Instrument  *Instrument
	Sector      string
	Polarity    string // asserted, denied, retained
	Hedged      bool
	Action      string // the cue's lemma ("reduce", "maintain")
	Policy      string // the phrase of the text that names the policy
	Evidence    []int  // sentences
	PartOf      *Entity
	sides       []span   // where it was named in each evidence sentence
	words       []string // distinctWords of its sides, once computed (nil before)
}

// newMeasure returns a measure named at side of sentence s. Its first
// evidence and side share its allocation: most measures have no other.
func newMeasure(s int, side span) *Measure {
	c := &struct {
		m     Measure
		ev    [1]int
		sides [1]span
	}{ev: [1]int{s}, sides: [1]span{side}}
	c.m.Evidence, c.m.sides = c.ev[:], c.sides[:]
	return &c.m
}

type span struct {
	sent, start, end int
	phrase           string
}

// Claim is a statement the text makes or rejects.
type Claim struct {
	Subject, Predicate, Object string
	Polarity                   string
	Hedged                     bool
	Evidence                   int
}

// Polarities.
const (
	Asserted = "asserted"
	Denied   = "denied"
	Retained = "retained"
)

type cueAt struct {
	pos, end int
	hit      cueHit
}

// notAMeasure is what the lexicon's non_measures name: phrases that hold
// an instrument's word but no measure ("standards of living", "tariff
// schedule"), matched so that the shorter term inside them is not.
var notAMeasure = &Instrument{ID: "not-a-measure", Name: "not a measure"}

type instAt struct {
	start, end int
	in         *Instrument
}

// clause is a stretch of a sentence with its own verb: sentences split at
// semicolons, colons, dashes, contrast conjunctions, pairing cues and
// ", and" + subject.
type clause struct {
	start, end int
	contrast   bool // opens with "but", "while", "although" ...
	exchange   bool // opens with "in exchange for", "in return for" ...
	pairing    bool // opens with any pairing cue ("paired with", "offset by" ...)
	pairedNext bool // the next clause opens with a pairing cue
}

func (fr *factReader) clauses(s int, cues []cueAt) []clause {
	toks := fr.sents[s].Tokens
	// opener is the contrast or pairing cue at token i
	opener := func(i int) (cueAt, bool) {
		for _, c := range cues {
			if c.pos == i && (c.hit.kind == cueContrast || c.hit.kind == cuePairing) {
				return c, true
			}
		}
		return cueAt{}, false
	}
	out := fr.clauseBuf[:0]
	start := 0
	cut := func(i int) {
		if i > start {
			out = append(out, clause{start: start, end: i})
		}
		start = i
	}
	depth := 0
	for i, t := range toks {
		switch t.Text {
		case "(":
			depth++
		case ")":
			if depth > 0 {
				depth--
			}
		}
		if depth > 0 {
			continue
		}
		_, opensClause := opener(i)
		switch {
		case t.Text == ";" || t.Text == ":" || t.Text == "—" || t.Text == "?" || (t.Text == "–" && i > 0 && toks[i-1].End < t.Start):
			cut(i + 1)
		case opensClause && i > 0:
			cut(i)
		case t.Lower == "nor" && i > 0:
			cut(i)
		case t.Text == "," && i+2 < len(toks) && toks[i+1].Lower == "and" && fr.startsClause(s, i+2):
			cut(i + 1)
		case fr.x.is(listSubordinator, t) && i > 0 && i+1 < len(toks) && !fr.x.is(listAsPhrase, toks[i-1]) && fr.startsClause(s, i+1):
			cut(i)
		}
	}
	if start < len(toks) {
		out = append(out, clause{start: start, end: len(toks)})
	}
	for k := range out {
		if c, ok := opener(out[k].start); ok {
			out[k].contrast = c.hit.kind == cueContrast
			out[k].exchange = c.hit.kind == cuePairing && fr.x.isWord(listExchange, c.hit.lemma)
			out[k].pairing = c.hit.kind == cuePairing
			if k > 0 {
				out[k-1].pairedNext = out[k].pairing
			}
		}
	}
	fr.clauseBuf = out
	return out
}

// subordinators open a clause of their own when a subject follows ("as
// South Korea opens its market").
var subordinators = map[string]bool{"as": true, "after": true, "when": true, "because": true, "since": true, "once": true, "unless": true}

// asPhrase: words before "as" that make it no conjunction ("such as Japan").
var asPhrase = map[string]bool{"such": true, "well": true, "same": true, "so": true, "just": true}

// startsClause: a subject follows ("and it maintains", "and the U.S. receives").
func (fr *factReader) startsClause(s, i int) bool {
	toks := fr.sents[s].Tokens
	switch toks[i].Lower {
	case "it", "they", "there", "he", "she", "we", "nothing":
		return true
	case "the":
		i++
	}
	if m := fr.mentionAt(s, i); m != nil && m.Start == i && m.Ent.isActor() && m.Form != "demonym" {
		return true
	}
	return false
}

// appendMask appends to out the mask of toks, true for the tokens inside
// parentheses: asides carry no facts of their own.
func appendMask(out []bool, toks []Token) []bool {
	out = slices.Grow(out, len(toks))[:len(out)+len(toks)]
	mask := out[len(out)-len(toks):]
	depth := 0
	for i, t := range toks {
		if t.Text == "(" {
			depth++
		}
		mask[i] = depth > 0
		if t.Text == ")" && depth > 0 {
			depth--
		}
	}
	return out
}

// facts is what the facts stage finds in a document.
type facts struct {
	measures  []*Measure // merged: one per fact, with all its evidence
	claims    []Claim
	positions []*Position
	cues      [][]Match[cueHit] // the cue phrases of each sentence, for the bundles stage
}

// factReader is the facts stage: from each sentence's tree and the
// actors it mentions it reads the measures a party grants, keeps or is
// said not to grant (facts.go, frames.go), the positions parties take
// (positions.go) and the claims the text rejects (claims.go).
type factReader struct {
	*actors
	x         *Extractor
	sents     sentences
	parses    []parsed // of each sentence
	positions []*Position
	// authors is who the tree found taking the last measure of each
	// instrument: a later "the sanctions" with no actor of its own is theirs
	authors map[string]*Entity
	// reachedBy is the international organisation whose members reached
	// an agreement ("an agreement has been reached by members of the OECD")
	reachedBy map[*Entity]*Entity

	lastClause   clauseKey
	lastMentions []Mention // of lastClause
	maskSent     int       // the sentence of mask
	*factBufs
}

// factBufs are the facts stage's buffers, kept for the next document.
type factBufs struct {
	cues    [][]Match[cueHit]  // the cue phrases of each sentence, as sentenceFacts found them
	sectors [][]Match[*Sector] // and its sector phrases
	mask    []bool             // masked tokens of sentence maskSent
	// arrays the sentences' matches share, and a buffer for those not kept
	matches struct {
		cues        []Match[cueHit]
		sectors     []Match[*Sector]
		instruments []Match[*Instrument]
	}
	mentionBuf   []Mention  // the arrays of clauseMentions
	measureBuf   []*Measure // the measures of all sentences, before mergeMeasures
	claimBuf     []Claim
	sentMeasures []*Measure // reused by each sentence
	sentClaims   []Claim
	cueBuf       []cueAt  // reused by each sentence
	clauseBuf    []clause // reused by each sentence
	instBuf      []instAt // reused by each sentence
	tokBuf       []Token  // reused by each phrase tokenized again
}

// readFacts runs the facts stage over the sentences of a document, their
// parses and the actors the mentions stage found in them.
func readFacts(x *Extractor, sents sentences, parses []parsed, a *actors, bufs *factBufs) facts {
	bufs.cues = resize(bufs.cues, len(sents))
	bufs.sectors = resize(bufs.sectors, len(sents))
	bufs.mask, bufs.mentionBuf = bufs.mask[:0], bufs.mentionBuf[:0]
	bufs.matches.cues, bufs.matches.sectors = bufs.matches.cues[:0], bufs.matches.sectors[:0]
	ntoks := 0
	for s := range sents {
		ntoks += len(sents[s].Tokens)
	}
	// news names a cue every six tokens or so, a sector every ten
	bufs.matches.cues = slices.Grow(bufs.matches.cues, ntoks/6)
	bufs.matches.sectors = slices.Grow(bufs.matches.sectors, ntoks/10)
	fr := &factReader{actors: a, x: x, sents: sents, parses: parses, maskSent: -1, factBufs: bufs}
	fr.findReachers()
	measures, claims := fr.extractFacts()
	return facts{measures: fr.mergeMeasures(measures), claims: claims, positions: fr.positions, cues: bufs.cues}
}

// extractFacts finds the measures and claims of every sentence.
// The measures are in a buffer of d, for mergeMeasures to copy.
func (fr *factReader) extractFacts() ([]*Measure, []Claim) {
	all, claims := fr.measureBuf[:0], fr.claimBuf[:0]
	var last *Entity
	for s := range fr.sents {
		ms, cl, subj := fr.sentenceFacts(s, last)
		all = append(all, ms...)
		claims = append(claims, cl...)
		if subj != nil {
			last = subj
		}
	}
	fr.measureBuf, fr.claimBuf = all, claims
	if len(claims) == 0 {
		return all, nil
	}
	return all, slices.Clone(claims)
}

// clauseContext carries what earlier clauses of a sentence established.
type clauseContext struct {
	subject *Entity // grantor of the last clause
	prev    *Entity // discourse subject of earlier sentences, for pronouns
	cue     cueAt   // the last clause's governing cue ...
	hasCue  bool
	negated bool // ... and whether a negation reached its measure
}

func (fr *factReader) sentenceFacts(s int, prevSubject *Entity) ([]*Measure, []Claim, *Entity) {
	toks := fr.sents[s].Tokens
	mask := fr.maskOf(s)
	insts := fr.instBuf[:0]
	fr.matches.instruments = fr.x.instruments.appendFind(fr.matches.instruments[:0], toks)
	for _, m := range fr.matches.instruments {
		if !mask[m.Start] && !fr.insideName(s, m.Start, m.End) && m.Vals[0].ID != talksID && m.Vals[0] != notAMeasure {
			insts = append(insts, instAt{m.Start, m.End, m.Vals[0]})
		}
	}
	fr.instBuf = insts
	sectors := findShared(fr.x.sectors, &fr.matches.sectors, toks)
	fr.sectors[s] = sectors
	// a cue word inside an instrument's or a sector's phrase ("ban on imports",
	// "cut flowers") is part of its name
	cues := fr.cueBuf[:0]
	fr.cues[s] = findShared(fr.x.cues, &fr.matches.cues, toks)
	for _, m := range fr.cues[s] {
		if mask[m.Start] {
			continue
		}
		inside := false
		for _, in := range insts {
			if m.Start >= in.start && m.Start < in.end {
				inside = true
			}
		}
		for _, sec := range sectors {
			if m.Start >= sec.Start && m.Start < sec.End {
				inside = true
			}
		}
		hit := pickCue(m.Vals)
		if !inside && !restrictionNoun(toks, m, hit) {
			cues = append(cues, cueAt{m.Start, m.End, hit})
		}
	}
	// in buffers of d, as the caller copies them at once
	measures, claims := fr.sentMeasures[:0], fr.sentClaims[:0]
	ctx := clauseContext{prev: prevSubject}
	fr.cueBuf = cues
	for _, cl := range fr.clauses(s, cues) {
		// the cues of the clause: cues are in text order
		a := 0
		for a < len(cues) && cues[a].pos < cl.start {
			a++
		}
		b := a
		for b < len(cues) && cues[b].pos < cl.end {
			b++
		}
		ccues := cues[a:b:b]
		hedged := false
		for _, c := range ccues {
			if c.hit.kind == cueHedge && (c.pos == 0 || !toks[c.pos].IsCapitalized()) && !reportedFuture(toks, cues, c) {
				hedged = true
			}
		}
		groups := fr.restrictedFlows(s, fr.reducedObjects(s, groupInstruments(insts, cl, ccues), ccues), cl)
		nouns := len(groups)
		groups = fr.violations(s, fr.verbInstruments(s, groups, ccues), cl)
		verbs := len(groups)
		if len(groups) == 0 {
			if g, ok := fr.implicitGroup(s, cl, ccues, sectors); ok {
				groups = append(groups, g)
			}
		}
		named := groups[:nouns] // the groups a noun names, which bound each other's cues
		if verbs == 0 {
			named = groups
		}
		found := false
		negatedPhraseEnd := -1
		for k, g := range groups {
			cue, ok := governingCue(toks, ccues, g, named)
			if k >= nouns && k < verbs {
				cue, ok = cueAt{g.start, g.end, cueHit{cueConcede, ""}}, true
				for _, c := range ccues {
					if c.pos == g.start {
						cue = c
					}
				}
				if l := fr.lemmaAt(s, g.start); fr.x.violating[l] {
					cue.hit = cueHit{cueReject, l} // "broke the pact": compliance denied
				}
			}
			verbNeg, phraseNeg := fr.negation(s, cl, ccues, g, cue, ok)
			if ok && negatedPhraseEnd >= 0 && cue.pos > negatedPhraseEnd-1 && cue.pos-negatedPhraseEnd <= 1 {
				verbNeg = true // "no side deal exempting X from Y": the verb belongs to a negated phrase
			}
			inherited := false
			if !ok && !phraseNeg && !verbNeg {
				switch {
				case cl.contrast && ctx.hasCue && ctx.negated:
					// "not an exemption ... but a review clause": the verb carries over, unnegated
					cue, ok, inherited = ctx.cue, true, true
				case cl.exchange && ctx.subject != nil:
					// "in exchange for export caps": the counterpart's measure
					cue, ok, inherited = cueAt{g.start, g.start, cueHit{cueConcede, ""}}, true, true
				case (cl.pairing && !(ctx.hasCue && ctx.negated) || cl.pairedNext) && !question(toks):
					// "tariff cuts are paired with a larger quota", "subsidies tied to an export
					// cap": what the text packages together is policy, both sides of the cue;
					// a question ("why is X paired with Y?") asks about measures named elsewhere
					cue, ok, inherited = cueAt{g.start, g.start, cueHit{cueConcede, ""}}, true, true
				case fr.frameOf(s, g).refused:
					// "opposed parts of the plan proposing curbs": what the rejected
					// proposal names is refused, whatever its verb
					cue, ok, inherited = cueAt{g.start, g.start, cueHit{cueConcede, ""}}, true, true
				default:
					continue
				}
			}
			pol := polarity(cue, ok, verbNeg)
			if ok && verbNeg && fr.x.isWord(listRemoval, cue.hit.lemma) {
				pol = Retained // "has not lifted its ban": the ban stays
			}
			if phraseNeg {
				pol = Denied
				negatedPhraseEnd = g.end
			}
			if !phraseNeg && !inherited && rejectedBefore(ccues, g, cue) {
				pol = Denied
			}
			m := newMeasure(s, span{sent: s, start: g.start, end: g.end})
			m.Instrument, m.Polarity, m.Hedged = g.in, pol, hedged
			if ok {
				m.Action = cue.hit.lemma
			}
			if inherited && cl.exchange {
				m.Grantor = fr.counterpart(countryOf(ctx.subject))
			}
			if inherited && cl.pairing && !cl.exchange && fr.owner(s, g, fr.clauseMentions(s, cl), &ctx) == nil {
				var prev *Measure
				if len(measures) > 0 {
					prev = measures[len(measures)-1]
				}
				m.Grantor = fr.pairedGrantor(s, cl, g, prev)
			}
			if m.Grantor == nil {
				m.Grantor, m.Beneficiary = fr.parties4(s, cl, g, cue, ok && !inherited, &ctx)
			} else {
				m.Beneficiary = fr.beneficiaryOf(s, cl, fr.clauseMentions(s, cl), m.Grantor, g)
			}
			if pol == Retained {
				m.Beneficiary = nil // a policy kept gives nobody anything
			}
			m.Sector = fr.sectorOf(s, cl, g, sectors, ccues)
			m.Policy = fr.policyPhrase(s, cl, g)
			m.sides[0].phrase = m.Policy
			if fr.deal != nil && (m.Grantor == fr.deal || fr.sentenceMentions(s, fr.deal)) {
				m.PartOf = fr.deal
			}
			pos, drop, also := fr.readMeasure(s, cl, m, g, cue, ok && !inherited)
			if drop {
				continue
			} else if pos != nil {
				fr.positions = append(fr.positions, pos)
				continue
			}
			measures = append(measures, also...)
			measures = append(measures, m)
			found = true
			if m.Grantor != nil && m.Grantor.Type != TypeFirmGroup {
				ctx.subject = m.Grantor
			}
			ctx.cue, ctx.hasCue, ctx.negated = cue, ok, verbNeg || phraseNeg
		}
		if !found {
			ctx.hasCue = false
		}
		if subj := fr.clauseSubject(s, cl); subj != nil {
			ctx.subject = subj
		}
		if c, ok := fr.claim(s, cl, ccues, insts, ctx.subject, hedged); ok {
			claims = append(claims, c)
		}
	}
	measures = append(measures, fr.talks(s, fr.matches.instruments, mask)...)
	subject := prevSubject
	if ctx.subject != nil {
		subject = ctx.subject
	}
	fr.sentMeasures, fr.sentClaims = measures, claims
	return measures, claims, subject
}

// pairedGrantor is who grants the measure a pairing cue ties to the one
// before it, when no owner is named: the counterpart of a party named as
// beneficiary ("paired with a larger quota for Australian cattle"), or the
// firms that benefit from the first measure when they invest or buy in
// return ("discounted lithium for battery makers, tied to local plants").
func (fr *factReader) pairedGrantor(s int, cl clause, g instAt, prev *Measure) *Entity {
	if b := fr.beneficiaryOf(s, cl, fr.clauseMentions(s, cl), nil, g); b != nil {
		return fr.counterpart(countryOf(b))
	}
	if prev != nil && prev.Beneficiary != nil && firmsMayGrant(g.in) &&
		(prev.Beneficiary.Type == TypeFirmGroup || prev.Beneficiary.Type == TypeCompany) {
		return prev.Beneficiary
	}
	return nil
}

// firmsMayGrant: instruments that firms, not only states, take on.
func firmsMayGrant(in *Instrument) bool {
	return in.MAST == "Investment" || in.ID == "purchase-commitment"
}

// question: a sentence that asks rather than states.
func question(toks []Token) bool { return len(toks) > 0 && toks[len(toks)-1].Text == "?" }

// reportedFuture: "said Peru would drop" is reported speech, not a hedge.
func reportedFuture(toks []Token, cues []cueAt, hedge cueAt) bool {
	if toks[hedge.pos].Lower != "would" {
		return false
	}
	for _, c := range cues {
		if c.hit.kind == cueReport && c.pos < hedge.pos {
			return true
		}
	}
	return false
}

// countryOf is the state behind an actor: itself, or the state of a group of firms.
func countryOf(e *Entity) *Entity {
	if e != nil && e.Type == TypeFirmGroup && e.state != nil {
		return e.state
	}
	return e
}

// restrictionNoun: "limits on foreign ownership", "curbs on exports" name a
// restriction as a noun; the verb of the clause is elsewhere.
func restrictionNoun(toks []Token, m Match[cueHit], hit cueHit) bool {
	if hit.kind != cueRestrict || m.End-m.Start != 1 || m.End >= len(toks) {
		return false
	}
	w := toks[m.Start].Lower
	return w != hit.lemma && w == thirdPerson(hit.lemma) && (toks[m.End].Lower == "on" || toks[m.End].Lower == "against")
}

// verbInstruments adds to groups the verbs that name an instrument by
// themselves ("will invest $2 billion", "is not terminating the pact"),
// each unless a noun of the clause already names its instrument.
func (fr *factReader) verbInstruments(s int, groups []instAt, cues []cueAt) []instAt {
	nouns := len(groups)
	for _, c := range cues {
		if c.hit.kind != cueConcede || fr.taggedNominal(s, c.pos) || fr.mentionCovering(s, c.pos) != nil {
			continue // "the Senate Finance Committee": a name, not an act
		}
		id, ok := fr.x.lex.VerbInstr[c.hit.lemma]
		in := fr.x.instByID[id]
		if !ok || in == nil || slices.ContainsFunc(groups[:nouns], func(g instAt) bool { return g.in == in }) {
			continue
		}
		groups = append(groups, instAt{c.pos, c.end, in})
	}
	return groups
}

// violations adds to groups the verbs of clause cl that break an
// agreement ("for breaking its semiconductor agreement"): each names the
// party's compliance with it, which the verb denies.
func (fr *factReader) violations(s int, groups []instAt, cl clause) []instAt {
	p := fr.parses[s]
	in := fr.x.instByID[complianceID]
	if p.tree == nil || in == nil {
		return groups
	}
	for id := 1; id < len(p.tok); id++ {
		i := int(p.tok[id])
		if i < cl.start || i >= cl.end || !fr.x.violating[lemma(p.tree, id)] || upos(p.tree, id) != "VERB" {
			continue
		}
		for _, o := range p.tree.Children(id, "obj") {
			m := fr.mentionCovering(s, int(p.tok[o]))
			if fr.x.isWord(listAgreementHead, p.tree.Word(o).Form) || m != nil && m.Ent.Type == TypeAgreement {
				groups = append(groups, instAt{i, i + 1, in})
				break
			}
		}
	}
	return groups
}

// complianceID is the instrument of keeping to an agreement.
const complianceID = "agreement-compliance"

// lemmaAt is the lemma the parse gives token i of sentence s, "" if none.
func (fr *factReader) lemmaAt(s, i int) string {
	p := fr.parses[s]
	if p.tree == nil || i >= len(p.word) || p.word[i] == 0 {
		return ""
	}
	return lemma(p.tree, int(p.word[i]))
}

// genericRestrictions are nouns of restriction that take their instrument
// from the trade flow they are on ("curbs on U.S. technology exports").
var genericRestrictions = words("curb", "restriction", "control", "limit", "limitation", "barrier", "restraint")

// restrictedFlows adds to groups a generic restriction on a trade flow
// that the lexicon's phrases miss for the words between them ("curbs on
// U.S. technology exports" is an export control).
func (fr *factReader) restrictedFlows(s int, groups []instAt, cl clause) []instAt {
	p := fr.parses[s]
	t := p.tree
	for id := 1; id < len(p.tok); id++ {
		i := int(p.tok[id])
		if i < cl.start || i >= cl.end || !genericRestrictions[lemma(t, id)] || upos(t, id) != "NOUN" {
			continue
		}
		for _, n := range t.Children(id, "nmod") {
			f, ok := fr.x.lex.Flows[strings.ToLower(t.Word(n).Form)]
			in := fr.x.instByID[f.Restrict]
			if !ok || in == nil || !slices.ContainsFunc(t.Children(n, "case"), func(c int) bool { return lemma(t, c) == "on" }) {
				continue
			}
			end := int(p.tok[n]) + 1
			if slices.ContainsFunc(groups, func(g instAt) bool { return g.start < end && i < g.end }) {
				continue
			}
			groups = append(groups, instAt{i, end, in})
		}
	}
	return groups
}

// reducedObjects adds to groups what a verb of reducing names by its
// object ("cut back semiconductor production", "output was curbed").
func (fr *factReader) reducedObjects(s int, groups []instAt, cues []cueAt) []instAt {
	p := fr.parses[s]
	for _, c := range cues {
		if !fr.x.reducing[c.hit.lemma] || c.pos >= len(p.word) || p.word[c.pos] == 0 {
			continue
		}
		for _, o := range p.tree.Children(int(p.word[c.pos]), "obj", "nsubj:pass") {
			in := fr.x.instByID[fr.x.lex.ReducedObj[lemma(p.tree, o)]]
			if in == nil || slices.ContainsFunc(groups, func(g instAt) bool { return g.in == in }) {
				continue
			}
			start, end := int(p.tok[o]), int(p.tok[o])+1
			for _, k := range p.tree.Children(o, "compound", "amod") {
				start = min(start, int(p.tok[k])) // "semiconductor production"
			}
			groups = append(groups, instAt{start, end, in})
		}
	}
	return groups
}

// rejectedBefore: "rejected a request to cut its tariff" denies the cut.
func rejectedBefore(cues []cueAt, g instAt, cue cueAt) bool {
	for _, c := range cues {
		if c.hit.kind == cueReject && c.pos < g.start && c.pos < cue.pos {
			return true
		}
	}
	return false
}

// pickCue prefers the cue kinds that decide polarity when a phrase is in several lists.
func pickCue(hits []cueHit) cueHit {
	best := hits[0]
	rank := func(k cueKind) int {
		switch k {
		case cueNegation:
			return 0
		case cueSurrender, cueReject, cueRetainedState:
			return 1
		case cueRetain:
			return 2
		case cueReceive:
			return 3
		case cuePairing, cueReciprocity, cueContrast:
			return 4
		}
		return 5
	}
	for _, h := range hits[1:] {
		if rank(h.kind) < rank(best.kind) {
			best = h
		}
	}
	return best
}

// insideName reports an instrument phrase that is part of an actor's name
// ("Secretariat of Economy" is no tax; "EU Deforestation Regulation" is).
func (fr *factReader) insideName(s, start, end int) bool {
	for _, m := range fr.mentions[s] {
		if start >= m.Start && end <= m.End && m.Ent.Type != TypeFund {
			return true
		}
	}
	return false
}

// insideFirmGroup reports a sector word inside a group of firms' name ("cocoa farmers").
func (fr *factReader) insideFirmGroup(s, start, end int) bool {
	for _, m := range fr.mentions[s] {
		if start >= m.Start && end <= m.End && m.Ent.Type == TypeFirmGroup {
			return true
		}
	}
	return false
}

// groupInstruments merges the instrument phrases of one noun phrase
// ("blanket exemptions for import licensing") into one group.
func groupInstruments(insts []instAt, cl clause, cues []cueAt) []instAt {
	var out []instAt
	for _, in := range insts {
		if in.start < cl.start || in.start >= cl.end {
			continue
		}
		if n := len(out); n > 0 {
			prev := &out[n-1]
			gap := in.start - prev.end
			cueBetween := false
			for _, c := range cues {
				if c.pos >= prev.end && c.pos < in.start && c.hit.kind.governs() {
					cueBetween = true
				}
			}
			for _, c := range cues {
				if c.pos >= prev.end && c.pos < in.start && c.hit.kind == cueNegation {
					cueBetween = true
				}
			}
			if gap <= 4 && !cueBetween && (prev.in == in.in || prev.in.Generic || in.in.Generic || gap == 0) {
				if prev.in.Generic && !in.in.Generic {
					prev.in = in.in
				}
				prev.end = in.end
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

// implicitGroup: a clause with no instrument phrase may still name a policy
// through a trade flow ("exports face scrutiny", "exports are unrestricted")
// or a sector kept out of the deal ("Dairy remains off the table").
func (fr *factReader) implicitGroup(s int, cl clause, cues []cueAt, sectors []Match[*Sector]) (instAt, bool) {
	toks := fr.sents[s].Tokens
	var restrict, retain bool
	for _, c := range cues {
		switch c.hit.kind {
		case cueRestrict:
			restrict = true
		case cueRetainedState, cueRetain:
			retain = true
		}
	}
	if !restrict && !retain {
		return instAt{}, false
	}
	for i := cl.start; i < cl.end; i++ {
		f, ok := fr.x.lex.Flows[toks[i].Lower]
		if !ok {
			continue
		}
		id := f.Restrict
		if retain {
			id = f.Retain
		}
		if in := fr.x.instByID[id]; in != nil {
			return instAt{i, i + 1, in}, true
		}
	}
	if !retain {
		return instAt{}, false
	}
	for _, m := range sectors {
		if m.Start >= cl.start && m.Start < cl.end {
			for _, c := range cues {
				if c.hit.kind == cueRetainedState && c.pos > m.Start {
					if in := fr.x.instByID["sector-exclusion"]; in != nil {
						return instAt{m.Start, m.End, in}, true
					}
				}
			}
		}
	}
	return instAt{}, false
}

// governingCue is the cue that decides what happens to a group: the nearest
// on its left, else (passives, retained states, "tariff cuts") on its right,
// unless that is an active verb with an object of its own ("digital tax as
// Korea opens procurement").
func governingCue(toks []Token, cues []cueAt, g instAt, groups []instAt) (cueAt, bool) {
	var best cueAt
	found := false
	for _, c := range cues {
		if !c.hit.kind.governs() || c.pos >= g.start {
			continue
		}
		if !found || c.pos > best.pos {
			best, found = c, true
		}
	}
	if found {
		return best, true
	}
	for _, c := range cues {
		if !c.hit.kind.governs() || c.pos < g.end {
			continue
		}
		if c.hit.kind != cueRetainedState && c.hit.kind != cueConcedeNoun && !isPassive(toks, c) {
			for _, o := range groups {
				if o.start >= c.end && o.start-c.end <= 3 && !commaBetween(toks, c.end, o.start) {
					return cueAt{}, false
				}
			}
		}
		return c, true
	}
	return cueAt{}, false
}

// negation finds what a negation in the clause reaches: the governing verb
// ("has never imposed", "did not agree to exempt", "nor did it promise to
// limit") or the group's own phrase ("not preferential access", "without
// exclusive access", "no exemptions").
func (fr *factReader) negation(s int, cl clause, cues []cueAt, g instAt, cue cueAt, hasCue bool) (verb, phrase bool) {
	toks := fr.sents[s].Tokens
	for _, c := range cues {
		if c.hit.kind != cueNegation || c.pos >= g.start {
			continue
		}
		w := toks[c.pos].Lower
		if hasCue && fr.x.isWord(listVerbNegation, c.hit.lemma) && c.pos < cue.pos && (cue.pos-c.end <= 5 || c.pos == cl.start) && !commaBetween(toks, c.end, cue.pos) && fr.negates(s, c.pos, cue.pos, g) {
			verb = true
			continue
		}
		if w == "no" || w == "not" || w == "without" || w == "never" || w == "none" {
			gap := toks[c.end:g.start]
			near := len(gap) <= 2
			for _, t := range gap {
				if !t.IsWord() || fr.isCue(t) {
					near = false
				}
			}
			if near {
				phrase = true
			}
		}
	}
	return verb, phrase
}

// negates: the negation at token i reaches group g in the parse, the word
// it hangs on being the cue at token cue ("rather than face duties") or one
// g's phrase depends on ("did not agree to exempt steel"), not a verb of a
// clause beside it ("credits that do not involve aid and reduce
// subsidies"). Without a parse of either, it reaches.
func (fr *factReader) negates(s, i, cue int, g instAt) bool {
	p := fr.parses[s]
	if p.tree == nil || i >= len(p.word) || p.word[i] == 0 {
		return true
	}
	h := p.head(g.start, g.end)
	neg := p.tree.Word(int(p.word[i]))
	if h == 0 || neg.Head == 0 {
		return true
	}
	return cue < len(p.word) && neg.Head == int(p.word[cue]) || slices.Contains(p.tree.Path(h), neg.Head)
}

func commaBetween(toks []Token, i, j int) bool {
	for k := i; k < j && k < len(toks); k++ {
		if toks[k].Text == "," {
			return true
		}
	}
	return false
}

func polarity(cue cueAt, hasCue, negated bool) string {
	if !hasCue {
		if negated {
			return Denied
		}
		return Asserted
	}
	switch cue.hit.kind {
	case cueRetain, cueRetainedState:
		if negated {
			return Asserted
		}
		return Retained
	case cueSurrender:
		if negated {
			return Retained
		}
		return Asserted
	case cueReject:
		if negated {
			return Asserted
		}
		return Denied
	}
	if negated {
		return Denied
	}
	return Asserted
}

// prepositions that put an actor in a role other than subject.
var prepositions = map[string]bool{
	"for": true, "to": true, "from": true, "with": true, "of": true, "on": true, "against": true, "into": true,
	"including": true, "over": true, "at": true, "in": true, "toward": true, "towards": true, "than": true,
	"between": true, "among": true, "like": true, "about": true, "despite": true,
}

// governedByPreposition: "for the U.S.", "with its partners".
func governedByPreposition(toks []Token, i int) bool {
	for i > 0 && isDeterminer(toks[i-1].Lower) {
		i--
	}
	return i > 0 && prepositions[toks[i-1].Lower]
}

// maskOf is masked(tokens of sentence s), kept for the sentence at hand.
func (fr *factReader) maskOf(s int) []bool {
	if fr.maskSent != s {
		fr.mask, fr.maskSent = appendMask(fr.mask[:0], fr.sents[s].Tokens), s
	}
	return fr.mask
}

// clauseMentions are the mentions of clause cl of sentence s outside
// parentheses. The rules ask for those of one clause again and again, so
// the last answer is kept; callers must not modify it.
func (fr *factReader) clauseMentions(s int, cl clause) []Mention {
	if k := (clauseKey{s, cl.start, cl.end}); fr.lastClause == k && fr.lastMentions != nil {
		return fr.lastMentions
	}
	mask := fr.maskOf(s)
	n := len(fr.mentionBuf)
	for _, m := range fr.mentions[s] {
		if m.Start >= cl.start && m.Start < cl.end && !mask[m.Start] {
			fr.mentionBuf = append(fr.mentionBuf, m)
		}
	}
	var out []Mention // nil when there are none, as callers may ask
	if len(fr.mentionBuf) > n {
		out = fr.mentionBuf[n:len(fr.mentionBuf):len(fr.mentionBuf)]
	}
	fr.lastClause, fr.lastMentions = clauseKey{s, cl.start, cl.end}, out
	return fr.lastMentions
}

type clauseKey struct{ sent, start, end int }

// asGrantor maps a mention to the actor that can grant: people act for
// their organisation; outlets, funds and groups of firms grant nothing.
func asGrantor(m Mention, firms bool) *Entity {
	e := m.Ent
	if firms && (e.Type == TypeFirmGroup || e.Type == TypeCompany) {
		return e
	}
	if m.Form == "demonym" {
		return nil
	}
	if e.Type == TypePerson {
		return e.Org
	}
	if e.isActor() {
		return e
	}
	return nil
}

// clauseSubject is the actor in subject position before the clause's first verb cue.
func (fr *factReader) clauseSubject(s int, cl clause) *Entity {
	toks := fr.sents[s].Tokens
	for _, m := range fr.clauseMentions(s, cl) {
		if governedByPreposition(toks, m.Start) {
			continue
		}
		if g := asGrantor(m, false); g != nil {
			return g
		}
	}
	return nil
}

// isPassive: a form of "be" before the cue ("will be reduced", "were not
// touched", "it's lifted"; not the possessive of "Japan's cut").
func isPassive(toks []Token, cue cueAt) bool {
	for i := cue.pos - 1; i >= 0 && cue.pos-i <= 3; i-- {
		switch toks[i].Lower {
		case "be", "is", "are", "was", "were", "been", "being":
			return true
		case "'s":
			return i > 0 && contracts(toks[i-1].Lower)
		case "not", "n't", "also", "fully", "still", "never", "now", "then":
			continue
		}
		return false
	}
	return false
}

// owner is the actor whose name or possessive modifies the group's phrase
// ("India's 150% duty", "Swiss dairy and wine tariffs", "Mexican steel exports").
func (fr *factReader) owner(s int, g instAt, ms []Mention, ctx *clauseContext) *Entity {
	toks := fr.sents[s].Tokens
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.End > g.start || g.start-m.End > 4 {
			continue
		}
		between := toks[m.End:g.start]
		ok := true
		for _, t := range between {
			if !(t.Text == "'s" || t.Text == "%" || t.Text == "-" || (t.IsWord() && !t.IsCapitalized() && !fr.isCue(t) && !prepositions[t.Lower] && !isDeterminer(t.Lower))) {
				ok = false
			}
		}
		// "from Egypt's licensing rules": the preposition governs the rules, Egypt owns them
		if !ok || governedByPreposition(toks, m.Start) && !(m.End < len(toks) && toks[m.End].Text == "'s") {
			continue
		}
		if e := countryOf(m.Ent); e.isActor() {
			return e
		}
	}
	for i := g.start - 1; i >= 0 && g.start-i <= 3; i-- {
		if l := toks[i].Lower; l == "its" || l == "their" {
			if ctx.subject != nil {
				return ctx.subject
			}
			// "Instead of lifting its quotas, Egypt raised ...": the subject after a fronted phrase
			for _, m := range fr.mentions[s] {
				if m.Start > g.end && (toks[m.Start-1].Text == "," || toks[m.Start-1].Lower == "the" && toks[m.Start-2].Text == ",") {
					if e := asGrantor(m, false); e != nil {
						return e
					}
				}
			}
			return ctx.prev
		}
	}
	return nil
}

// parties4 finds who grants a measure and who benefits from it.
func (fr *factReader) parties4(s int, cl clause, g instAt, cue cueAt, hasCue bool, ctx *clauseContext) (grantor, beneficiary *Entity) {
	toks := fr.sents[s].Tokens
	ms := fr.clauseMentions(s, cl)
	verb := g.start
	if hasCue && cue.pos < g.start {
		verb = cue.pos
	}
	firms := firmsMayGrant(g.in)
	passive := hasCue && isPassive(toks, cue)
	// the subject: the nearest actor before the verb that no preposition governs
	// ("pledges by Swiss companies to invest" counts its agent as the subject)
	var subject *Entity
	var subjectMention *Mention
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.End > verb {
			continue
		}
		agent := m.Start > 0 && toks[m.Start-1].Lower == "by" && m.End < len(toks) && toks[m.End].Lower == "to"
		if governedByPreposition(toks, m.Start) && !agent {
			continue
		}
		if e := asGrantor(m, firms); e != nil {
			subject, subjectMention = e, &ms[k]
			break
		}
	}
	if subject == nil {
		for i := cl.start; i < verb; i++ {
			switch toks[i].Lower {
			case "it", "they":
				subject = ctx.prev
				if ctx.subject != nil {
					subject = ctx.subject
				}
			}
		}
	}
	// a passive's agent: "... will be reduced by Japan"
	var agent *Entity
	if passive {
		for _, m := range ms {
			if m.Start > cue.pos && toks[m.Start-1].Lower == "by" {
				agent = asGrantor(m, firms)
			}
		}
	}
	switch {
	case hasCue && fr.x.isWord(listTarget, cue.hit.lemma) && cue.pos < g.start && !passive && subject != nil:
		// "Türkiye faces new duties": the counterpart imposes them
		grantor = fr.counterpart(countryOf(subject))
	case hasCue && cue.hit.kind == cueReceive && cue.pos < g.start && !passive:
		// "the U.S. receives no exemptions": the subject benefits, its counterpart grants
		for k := len(ms) - 1; k >= 0; k-- {
			if ms[k].End <= cue.pos && ms[k].Ent.Type != TypeMedia && ms[k].Ent.Type != TypePerson {
				beneficiary = ms[k].Ent
				break
			}
		}
		grantor = fr.counterpart(countryOf(beneficiary))
	case agent != nil:
		grantor = agent
	case passive || (hasCue && cue.pos >= g.end) || !hasCue:
		// the phrase is the subject: its owner grants ("India's duty will be halved");
		// otherwise whoever benefits is named and the counterpart grants
		grantor = fr.owner(s, g, ms, ctx)
		if grantor == nil && passive && subject != nil && subjectMention != nil && subjectMention.Start < g.start {
			beneficiary = subject
			grantor = fr.counterpart(countryOf(subject))
		}
		if grantor == nil && !passive && hasCue && cue.pos > g.end {
			// "the tariff on rice, which Japan cut": the verb's own subject, after the phrase
			for _, m := range ms {
				if m.Start >= g.end && m.End <= cue.pos && !governedByPreposition(toks, m.Start) {
					if e := asGrantor(m, firms); e != nil {
						grantor = e
					}
				}
			}
		}
		if grantor == nil && !passive {
			grantor = subject
		}
	default:
		grantor = subject
		if grantor == nil {
			grantor = fr.owner(s, g, ms, ctx)
		}
	}
	if beneficiary == nil {
		beneficiary = fr.beneficiaryOf(s, cl, ms, grantor, g)
	}
	if grantor == nil && passive && beneficiary != nil {
		grantor = fr.counterpart(countryOf(beneficiary))
	}
	if grantor == nil && cl.exchange && ctx.subject != nil {
		grantor = fr.counterpart(countryOf(ctx.subject))
	}
	if grantor == nil {
		grantor = ctx.subject
	}
	if grantor == nil && len(fr.parties) > 0 {
		grantor = fr.parties[0]
	}
	if beneficiary == grantor {
		beneficiary = nil
	}
	return grantor, beneficiary
}

// beneficiaryOf: a group of firms named in the clause, an actor after
// "for"/"to", an "X-bound" destination, or a demonym ("American products").
func (fr *factReader) beneficiaryOf(s int, cl clause, ms []Mention, grantor *Entity, g instAt) *Entity {
	toks := fr.sents[s].Tokens
	ok := func(e *Entity) bool {
		if e == nil || e == grantor || countryOf(e) == grantor || e.Type == TypeMedia || e.Type == TypeFund || e.Type == TypePerson {
			return false
		}
		// a state does not benefit from what its own agency grants
		return !(e.Type == TypeCountry && grantor != nil && grantor.Type == TypeAgency && e.Country != "" && e.Country == grantor.Country)
	}
	for _, m := range ms {
		if m.Ent.Type == TypeFirmGroup && ok(m.Ent) {
			return m.Ent
		}
	}
	for _, m := range ms {
		if m.Start > 0 && (toks[m.Start-1].Lower == "for" || toks[m.Start-1].Lower == "to") && ok(m.Ent) {
			return m.Ent
		}
		if m.End+1 < len(toks) && isDash(toks[m.End].Text) && toks[m.End+1].Lower == "bound" && ok(m.Ent) {
			return m.Ent
		}
	}
	for _, m := range ms {
		if m.Form == "demonym" && ok(m.Ent) && (m.Start > g.start || fr.modifies(s, m, g)) {
			return m.Ent
		}
	}
	return nil
}

// modifies: a demonym in front of the group's phrase ("Norwegian
// phytosanitary certificates", "Kenyan tea tariffs").
func (fr *factReader) modifies(s int, m Mention, g instAt) bool {
	if m.End > g.start || g.start-m.End > 3 {
		return false
	}
	for _, t := range fr.sents[s].Tokens[m.End:g.start] {
		if !t.IsWord() || t.IsCapitalized() || fr.isCue(t) || stopWord(t.Lower) {
			return false
		}
	}
	return true
}

// sectorOf: the sector named nearest the group in its clause, not across a
// pairing cue ("rare earth access paired with digital tax relief").
func (fr *factReader) sectorOf(s int, cl clause, g instAt, sectors []Match[*Sector], cues []cueAt) string {
	best, bestDist := "", 1<<30
	for _, m := range sectors {
		if fr.insideName(s, m.Start, m.End) && !fr.insideFirmGroup(s, m.Start, m.End) || m.Start < cl.start || m.Start >= cl.end {
			continue
		}
		lo, hi := min(m.Start, g.start), max(m.End, g.end)
		split := false
		for _, c := range cues {
			if c.pos >= lo && c.pos < hi && (c.hit.kind == cuePairing || c.hit.kind == cueContrast) {
				split = true
			}
		}
		if split {
			continue
		}
		dist := m.Start - g.end
		if m.End <= g.start {
			dist = g.start - m.End
		}
		if m.Start >= g.start && m.End <= g.end {
			// part of the instrument's own name ("deforestation rules", "sanitary
			// rules"): a sector named beside it is the one the measure is about
			dist = 1 << 20
		}
		if fr.insideFirmGroup(s, m.Start, m.End) {
			// what the firms make ("subsidies to cocoa farmers"), when nothing else is named
			dist = 1 << 21
		}
		if dist < bestDist {
			best, bestDist = m.Vals[0].Name, dist
		}
	}
	return best
}

// digitSeparators drops the separators of a number ("1,000.5").
var digitSeparators = strings.NewReplacer(".", "", ",", "")

// policyPhrase is the text naming the policy: the instrument phrase with
// its modifiers and the prepositional phrase that completes it.
// inCue: token i of sentence s is part of a cue ("back" of "cut back").
func (fr *factReader) inCue(s, i int) bool {
	for _, m := range fr.cues[s] {
		if m.Start <= i && i < m.End {
			return true
		}
	}
	return false
}

func (fr *factReader) policyPhrase(s int, cl clause, g instAt) string {
	toks := fr.sents[s].Tokens
	// a cue word inside a sector's name ("cut flowers") does not end the phrase
	inSector := func(i int) bool {
		for _, m := range fr.sectors[s] {
			if i >= m.Start && i < m.End {
				return true
			}
		}
		return false
	}
	start := g.start
	for start > cl.start && g.start-start < 4 {
		t := toks[start-1]
		if (t.IsWord() && !t.IsCapitalized() && !stopWord(t.Lower) && !fr.x.is(listNegation, t) && !fr.isCue(t) && !fr.inCue(s, start-1)) ||
			isDigitWord(digitSeparators.Replace(t.Text)) || t.Text == "%" || t.Text == "-" {
			start--
			continue
		}
		break
	}
	end := g.end
	// "tariff cut on rice", "duty reductions for cars": the concession noun belongs to the phrase
	for end < cl.end && fr.x.isConcessionNoun(toks[end]) {
		end++
	}
	if end < cl.end && !fr.cueStartsAt(toks, end) && !(toks[end].Lower == "to" && fr.tagged(s, end+1, "VERB")) {
		switch toks[end].Lower {
		case "on", "for", "of", "over", "to", "from", "in", "at":
			k := end + 1
			for k < cl.end && k-end < 9 {
				t := toks[k]
				if t.Text == "," || t.Text == ";" || t.Text == "." || t.Text == "(" || t.Text == "—" || t.Text == "?" ||
					t.Lower == "that" || t.Lower == "which" || t.Lower == "who" || t.Lower == "starting" || t.Lower == "but" ||
					t.Lower == "if" || t.Lower == "unless" || t.Lower == "once" || t.Lower == "as" && k+1 < cl.end && toks[k+1].Lower == "soon" ||
					fr.cueStartsAt(toks, k) && !inSector(k) {
					break
				}
				k++
			}
			if k > end+1 {
				end = k
			}
		}
	}
	for end > g.end && (toks[end-1].Text == "“" || toks[end-1].Text == "\"" || stopWord(toks[end-1].Lower)) {
		end--
	}
	return strings.TrimSpace(fr.sents.text(s, start, end))
}

// isConcessionNoun: "cut", "relief", "waiver".
func (x *Extractor) isConcessionNoun(t Token) bool { return x.has(&t, tagConcessionNoun) }

// cueStartsAt reports a cue phrase ("in place", "in exchange for") at token k.
func (fr *factReader) cueStartsAt(toks []Token, k int) bool {
	end, _ := fr.x.cues.longest(toks, k)
	return end > k
}

// isCue reports a cue phrase of one word.
func (fr *factReader) isCue(t Token) bool { return fr.x.has(&t, tagCue) }

// clauseOpeners are conjunctions that open a clause without being its subject.
var clauseOpeners = map[string]bool{"but": true, "and": true, "nor": true, "while": true, "though": true, "although": true,
	"yet": true, "whereas": true, "so": true, "that": true}

// contracts: words whose "'s" is "is" ("it's", "that's"), not a possessive.
func contracts(w string) bool {
	switch w {
	case "it", "that", "what", "there", "here", "who", "he", "she":
		return true
	}
	return false
}

// mergeMeasures folds measures that state the same fact in several
// sentences into one, with all their evidence: the same grantor,
// instrument, polarity and sector, and phrases that do not name different
// things (their words beyond the instrument's own overlap, or one has none).
func (fr *factReader) mergeMeasures(ms []*Measure) []*Measure {
	if len(ms) == 0 {
		return nil
	}
	out := make([]*Measure, 0, len(ms)) // most are not merged
	for _, m := range ms {
		merged := false
		for _, o := range out {
			if o.Grantor != m.Grantor || o.Instrument != m.Instrument || o.Polarity != m.Polarity || !fr.samePolicy(o, m) {
				continue
			}
			if o.Action != "" && m.Action != "" && fr.x.tightening[o.Action] != fr.x.tightening[m.Action] {
				continue // sanctions imposed and, later, lifted are two measures
			}
			if fr.anotherAct(o, m) {
				continue // "would ban tied aid credit" ... "would also reduce export credits"
			}
			// a sector on one side only: merge a bare mention ("digital tax") into the full one
			if o.Sector != m.Sector && !(o.Sector == "" && !fr.distinctive(o) || m.Sector == "" && !fr.distinctive(m)) {
				continue
			}
			if o.Sector == "" {
				o.Sector = m.Sector
			}
			// measures come in text order, so a sentence already cited is the last one
			for _, e := range m.Evidence {
				if n := len(o.Evidence); n == 0 || o.Evidence[n-1] != e {
					o.Evidence = append(o.Evidence, e)
				}
			}
			o.sides = append(o.sides, m.sides...)
			for _, w := range fr.distinctWords(m) {
				if !slices.Contains(fr.distinctWords(o), w) {
					o.words = append(o.words, w)
				}
			}
			if o.Beneficiary == nil {
				o.Beneficiary = m.Beneficiary
			}
			if o.PartOf == nil {
				o.PartOf = m.PartOf
			}
			o.Hedged = o.Hedged && m.Hedged
			merged = true
			break
		}
		if !merged {
			out = append(out, m)
		}
	}
	for _, m := range out {
		sort.Ints(m.Evidence)
	}
	return out
}

// anotherAct: m, named after o with a verb of its own that is not o's
// ("ban" then "reduce"), is a second act, not o told again, unless m
// refers back to o by o's own noun ("tariffs" ... "the tariffs", "its
// tariffs").
func (fr *factReader) anotherAct(o, m *Measure) bool {
	if o.Action == "" || m.Action == "" || strings.HasPrefix(m.Action, o.Action) || strings.HasPrefix(o.Action, m.Action) {
		return false
	}
	sp := m.sides[0]
	p := fr.parses[sp.sent]
	if p.tree == nil || question(fr.sents[sp.sent].Tokens) {
		return false // "why is rare earth access paired with digital tax relief?" asks of one told
	}
	if fr.sents[o.sides[0].sent].Kind != Paragraph || fr.sents[sp.sent].Kind != Paragraph {
		return false // a headline or a highlight tells in its own words what the story tells
	}
	h := p.head(sp.start, sp.end)
	if h == 0 {
		return false
	}
	back := definite(p.tree, h) || len(p.tree.Children(h, "nmod:poss")) > 0
	return !back || fr.headLemma(o.sides[0]) != lemma(p.tree, h) // "the excess supply" is not "production"
}

// headLemma is the lemma of the word phrase sp hangs on, "" without a parse.
func (fr *factReader) headLemma(sp span) string {
	p := fr.parses[sp.sent]
	if p.tree == nil {
		return ""
	}
	return lemma(p.tree, p.head(sp.start, sp.end))
}

// distinctWords are the words of a measure's phrases beyond its instrument's
// own and the nouns of conceding it ("tariff cut" says no more than "tariff").
func (fr *factReader) distinctWords(m *Measure) []string {
	if m.words != nil {
		return m.words
	}
	generic := fr.x.termWords[m.Instrument]
	if generic == nil {
		generic = termWords(m.Instrument)
	}
	var out []string
	for _, sp := range m.sides {
		fr.tokBuf = appendTokens(fr.tokBuf[:0], sp.phrase, nil)
		for _, t := range fr.tokBuf {
			if t.IsWord() && !stopWord(t.Lower) && !generic[t.Lower] && !slices.Contains(out, t.Lower) && !fr.x.isConcessionNoun(t) {
				out = append(out, t.Lower)
			}
		}
	}
	if out == nil {
		out = []string{} // computed, and none
	}
	m.words = out
	return out
}

// termWords are the words of an instrument's terms, lower-cased.
func termWords(in *Instrument) map[string]bool {
	words := map[string]bool{}
	for _, t := range in.Terms {
		for _, tok := range Tokenize(t) {
			words[tok.Lower] = true
		}
	}
	return words
}

// distinctive reports a phrase that says more than the instrument's name.
func (fr *factReader) distinctive(m *Measure) bool { return len(fr.distinctWords(m)) > 0 }

// samePolicy compares the distinctive words of two measures' phrases.
func (fr *factReader) samePolicy(a, b *Measure) bool {
	wa, wb := fr.distinctWords(a), fr.distinctWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	for _, w := range wa {
		if slices.Contains(wb, w) {
			return true
		}
	}
	return false
}
