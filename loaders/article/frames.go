package article

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// A frame is what the dependency tree says of a measure named in a
// sentence: which predicate governs it, who acts, and whether the text
// reports it as done, refused, asked for, threatened, offered on a
// condition or only hoped for.
type frame struct {
	verb      int    // the predicate that governs the measure, 0 if none
	actors    []int  // the words of who takes the measure
	owner     int    // an actor that modifies the measure's noun ("Japan's tariffs", "U.S. curbs") or acts in its relative clause
	relative  int    // the predicate of a clause that modifies the measure's noun ("the tariffs he imposed")
	kind      string // "" for a measure taken, else Demand, Threat or Offer
	holder    []int  // of a position: who asks, threatens or offers ...
	addressee []int  // ... and of whom
	hoped     bool   // wished for, predicted or speculated about: neither taken nor a position
	denied    bool   // refused, failed, opposed or negated
	refused   bool   // what another asked or offered, rejected by actors
	hedged    bool   // the position is reported as possible ("may retaliate")
}

// Predicate classes, by lemma. They are general English of news about
// trade and policy.
var (
	// A party asks another to act: the measure is the other's, not yet taken.
	demandPredicates = words("urge", "call", "ask", "press", "pressure", "demand", "request", "push", "seek",
		"want", "insist", "persuade", "convince", "force", "appeal", "lobby", "prod", "pressing", "exhort", "implore",
		"demand", "petition", "recommend", "advise", "encourage", "challenge")
	// Of those, the ones whose noun object is what they ask for ("wants an
	// end to subsidies"), and those that with an infinitive say what their
	// subject means to do ("wants to open").
	objectDemands    = words("want", "demand", "seek", "request")
	intentPredicates = words("want", "wish", "seek", "aim", "like", "intend", "mean")
	demandNouns      = words("demand", "call", "request", "pressure", "appeal", "plea", "recommendation", "push", "bid")
	// A party warns of a measure it may take.
	threatPredicates = words("threaten", "warn")
	threatNouns      = words("threat", "warning", "ultimatum")
	// A party offers a measure, not yet taken.
	offerPredicates = words("offer", "propose", "suggest")
	offerNouns      = words("offer", "proposal", "plan", "proposition", "suggestion")
	// The measure is wished for, foreseen or guessed at.
	hopePredicates = words("hope", "wish", "speculate", "predict", "forecast", "guess", "doubt", "fear", "dream",
		"rumour", "rumor", "wonder", "envisage", "consider", "weigh", "mull", "contemplate", "study", "explore",
		"examine", "eye", "ponder")
	// A party is accused of a measure: the accuser's word.
	accusePredicates = words("accuse", "allege", "suspect")
	hopeNouns        = words("hope", "speculation", "rumour", "rumor", "expectation", "prediction", "fear", "possibility",
		"allegation", "accusation", "prospect", "chance", "likelihood", "opportunity")
	// What a speaker calls needed is asked, not done ("it is vital that X open").
	demandAdjectives = words("important", "essential", "necessary", "vital", "imperative", "crucial", "urgent")
	hedgeAdverbs     = words("likely", "possibly", "probably", "perhaps", "maybe", "conceivably")
	hopeAdjectives   = words("likely", "unlikely", "possible", "hopeful", "optimistic", "confident", "probable", "sure", "certain")
	// "what he called X": X in the speaker's words, not the text's.
	namingPredicates = words("call", "term", "describe", "label", "dub", "brand")
	// A party refuses, fails or opposes: the measure is not taken.
	negativePredicates = words("refuse", "reject", "oppose", "veto", "decline", "fail", "resist", "deny", "block",
		"rebuff", "spurn", "dismiss", "balk", "shun")
	// Of those, the words of trying and failing: what was asked of another
	// stays undone by the other ("failed to persuade Tokyo to open").
	failureWords  = words("fail", "failure", "inability", "unable")
	negativeNouns = words("failure", "refusal", "rejection", "opposition", "veto", "inability", "reluctance")
	// A party takes what was asked or offered.
	acceptPredicates = words("accept", "approve", "adopt", "endorse", "heed", "grant", "meet", "implement", "sign", "announce", "unveil")
	// Modals of possibility and obligation.
	possibleModals   = words("may", "might", "could", "can")
	futureModals     = words("will", "would", "shall", "may", "might", "could", "can")
	readyAdjectives  = words("ready", "prepared", "willing")
	obligationModals = words("should", "must", "ought")
	// Conditions.
	conditionMarks = words("if", "unless", "provided", "providing", "once")
)

func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// lemma is the lower-cased lemma of word id.
func lemma(t *syntax.Tree, id int) string {
	w := t.Word(id)
	if w == nil {
		return ""
	}
	return strings.ToLower(w.Lemma)
}

func upos(t *syntax.Tree, id int) string {
	if w := t.Word(id); w != nil {
		return w.UPOS
	}
	return ""
}

// readFrame reads the frame of the measure headed by word h, climbing
// from it to the root: the first predicate met governs the measure and
// names who takes it; the words above say whether it is refused, asked
// for, threatened, offered or hoped for. The parser errs most on the
// long sentences of news, so each rule asks for the relation it expects
// between the measure's clause and the word above it.
func readFrame(t *syntax.Tree, h int, isActor func(int) bool) frame {
	var f frame
	// the noun's own modifiers: "Japan's tariffs", "U.S. curbs"
	for _, k := range t.Children(h, "nmod:poss", "compound", "amod") {
		if isActor(k) {
			f.owner = k
		}
	}
	// the clause it is named by: "the tariffs he imposed", "sanctions imposed by Seoul"
	for _, c := range t.Children(h, "acl") {
		if isPredicate(t, c) {
			f.relative = c
			if a := clauseActors(t, c); len(a) > 0 && isActor(a[0]) && !t.Is(a[0], "nmod:poss") {
				f.owner = a[0]
			}
		}
	}
	if t.Negated(h) && upos(t, h) != "VERB" {
		f.denied = true // "no tariffs"
	}
	if guessed(t, h) {
		f.hoped = true // "possible sanctions"
		return f
	}
	contrast := false // the measure was reached through "but": negations above are not its
	for id, from, steps := h, 0, 0; id != 0 && steps <= len(t.Words); steps++ {
		l := lemma(t, id)
		pred := isPredicate(t, id)
		// how the clause below hangs on this word
		control := from == 0 || t.Is(from, "xcomp")                  // "agreed to cut", "failed to open"
		complement := control || t.Is(from, "ccomp", "csubj")        // "said it would cut", "denied that"
		ofNoun := from != 0 && t.Is(from, "acl", "nmod", "compound") // "failure to open", "calls for cuts"
		own := from != 0 && t.Is(from, "conj") && len(t.Children(from, "nsubj")) > 0
		if !pred && ofNoun {
			switch {
			case negativeNouns[l]:
				f.denied = !f.denied
				if f.actors == nil {
					f.actors = possessors(t, id)
				}
			case demandNouns[l] || threatNouns[l] || offerNouns[l] && f.verb != 0:
				switch head := governor(t, id); {
				case negativePredicates[lemma(t, head)]:
					// "rejected calls to open its market": refused, by who rejects
					f.denied, f.refused, f.actors, f.kind = true, true, t.Actors(head), ""
					return f
				case acceptPredicates[lemma(t, head)]:
					// "accepted a proposal to cut duties": taken, by who accepts
					f.actors, f.kind = t.Actors(head), ""
					return f
				}
				kind := Demand
				if threatNouns[l] {
					kind = Threat
				} else if offerNouns[l] {
					kind = Offer
				}
				return f.position(t, id, kind, possessors(t, id), nil)
			case hopeNouns[l]:
				f.hoped = true
				return f
			}
		}
		if pred && !own {
			first := f.verb == 0
			if first {
				control, complement = true, true // the measure's own clause
				f.verb = id
				for _, sb := range t.Children(id, "nsubj") {
					if guessed(t, sb) {
						f.hoped = true // "the likely move would involve duties"
						return f
					}
					if len(t.Children(id, "cop")) > 0 {
						// "Tokyo's main demand is the lifting of the tariffs"
						switch sl := lemma(t, sb); {
						case demandNouns[sl]:
							return f.position(t, id, Demand, possessors(t, sb), nil)
						case offerNouns[sl]:
							return f.position(t, id, Offer, possessors(t, sb), nil)
						case threatNouns[sl]:
							return f.position(t, id, Threat, possessors(t, sb), nil)
						}
					}
				}
				if f.actors == nil {
					f.actors = t.Actors(id)
				}
			}
			for _, a := range t.Children(id, "advmod") {
				if hedgeAdverbs[lemma(t, a)] {
					f.hedged = true
				}
			}
			if control && !contrast && t.Negated(id) {
				f.denied = !f.denied
			}
			if control || complement {
				for _, a := range t.Children(id, "aux") {
					switch m := lemma(t, a); {
					case possibleModals[m]:
						f.hedged = true
					case obligationModals[m] && f.kind == "":
						// "the U.S. should cut tariffs": asked of the subject by who says so
						f.kind, f.addressee = Demand, t.Actors(id)
					}
				}
			}
			if f.kind == "" && control && (readyAdjectives[l] || hasAux(t, id, futureModals)) {
				// "would lift tariffs if Seoul opened its market": offered, or threatened, on a condition
				for _, c := range clausesOf(t, id) {
					if conditional(t, c) {
						f.kind, f.holder, f.addressee = Offer, t.Actors(id), t.Actors(c)
					}
				}
			}
			if !first && accusePredicates[l] && t.Is(from, "obj", "ccomp", "xcomp") {
				f.hedged = true // "accused Japanese chip makers of violating the pact": said of them, not shown
				return f
			}
			if !first && namingPredicates[l] && t.Is(id, "acl:relcl") && lemma(t, t.Word(id).Head) == "what" {
				f.hedged = true // "in retaliation for what he called Japan's failure to open": his word for it
				return f
			}
			if !first && (complement || t.Is(from, "advcl", "parataxis")) {
				switch {
				case demandPredicates[l] && (!t.Is(from, "xcomp") || len(addressee(t, id)) > 0):
					// "urged Tokyo to open", not "wanted to keep": a demand is of another
					return f.position(t, id, Demand, t.Actors(id), addressee(t, id))
				case intentPredicates[l] && t.Is(from, "xcomp") && !t.Negated(id):
					f.hoped = true // "wants to live up to it": meant, not yet done; "does not want to" refuses
					return f
				case threatPredicates[l]:
					return f.position(t, id, Threat, t.Actors(id), addressee(t, id))
				case offerPredicates[l]:
					return f.position(t, id, Offer, t.Actors(id), addressee(t, id))
				case demandAdjectives[l] && complement:
					// "it is important that the U.S. reduce its curbs": asked of the clause's subject
					return f.position(t, id, Demand, nil, addressee(t, id))
				case hopePredicates[l], hopeAdjectives[l]:
					f.hoped = true
					return f
				case negativePredicates[l] && complement && !contrast:
					f.denied = !f.denied
				}
			} else if first && hopePredicates[l] {
				f.hoped = true // "is considering a cut in tariffs"
				return f
			} else if first && objectDemands[l] && t.Is(from, "obj") {
				return f.position(t, id, Demand, t.Actors(id), nil) // "wants an end to subsidies"
			} else if first && threatPredicates[l] {
				return f.position(t, id, Threat, t.Actors(id), addressee(t, id)) // "threatened sanctions"
			} else if first && offerPredicates[l] && l != "offer" {
				// "proposed tariffs": offered or threatened; "offered a quota" grants it
				return f.position(t, id, Offer, t.Actors(id), addressee(t, id))
			}
			if f.kind == Demand && f.holder == nil && !first {
				f.holder = t.Actors(id)
			}
			if conditional(t, id) && !hasAux(t, id, words("will")) {
				// a measure inside a condition is asked of the other side, not
				// taken ("if X will" is rarely a condition: the parser erred)
				f.hoped = true
				return f
			}
		}
		w := t.Word(id)
		if w == nil {
			break
		}
		if t.Is(id, "conj") && contrasted(t, id) {
			// "did not offer a tariff cut but a larger quota": the negation stops at "but"
			f.denied, contrast = false, true
		}
		from, id = id, w.Head
	}
	return f
}

// governor is the word a noun phrase hangs on, through the nouns it is
// part of ("opposed parts of the plan": "opposed").
func governor(t *syntax.Tree, id int) int {
	for w := t.Word(id); w != nil; w = t.Word(id) {
		if !t.Is(id, "nmod") || upos(t, w.Head) != "NOUN" {
			return w.Head
		}
		id = w.Head
	}
	return 0
}

// guessed: noun id is qualified as only possible ("possible sanctions",
// "the most likely move").
func guessed(t *syntax.Tree, id int) bool {
	for _, a := range t.Children(id, "amod") {
		if guessAdjectives[lemma(t, a)] {
			return true
		}
	}
	return false
}

var guessAdjectives = words("likely", "possible", "potential", "probable", "eventual", "hypothetical", "alleged", "suspected", "purported")

const marketAccessID = "market-access"

// marketOwner is the state whose market a measure of access names ("access
// to the Japanese market", "access in Japan for U.S. chips", "its home
// market"), nil if none: who opens a market is who has it.
func (fr *factReader) marketOwner(s, h int) *Entity {
	t := fr.parses[s].tree
	for _, n := range append([]int{h}, t.Children(h, "nmod", "obl")...) {
		if lemma(t, n) == "market" {
			for _, k := range t.Children(n, "amod", "compound", "nmod:poss") {
				if e := fr.actorOf(s, k); e != nil && upos(t, k) != "PRON" {
					return countryOf(e) // "its market" is its opener's, as the clause says
				}
			}
		}
		if n == h {
			continue
		}
		for _, c := range t.Children(n, "case") {
			if lemma(t, c) == "in" {
				if e := fr.actorOf(s, n); e != nil && e.Type != TypeFirmGroup && e.Type != TypeCompany {
					return countryOf(e)
				}
			}
		}
	}
	return nil
}

// reachVerbs are what parties do to conclude an agreement.
var reachVerbs = words("reach", "conclude", "sign", "negotiate", "strike", "adopt", "approve", "agree")

// findReachers finds the agreements the members of an international
// organisation are said to have reached ("an agreement has been reached by
// members of the OECD", "OECD members signed the accord").
func (fr *factReader) findReachers() {
	for s, ms := range fr.mentions {
		p := fr.parses[s]
		t := p.tree
		for _, m := range ms {
			if m.Ent.Type != TypeAgreement {
				continue
			}
			h := p.head(m.Start, m.End)
			w := t.Word(h)
			if w == nil || !reachVerbs[lemma(t, w.Head)] || !t.Is(h, "nsubj:pass", "obj") {
				continue
			}
			for _, a := range t.Actors(w.Head) {
				if org := fr.organisationOf(s, a); org != nil {
					if fr.reachedBy == nil {
						fr.reachedBy = map[*Entity]*Entity{}
					}
					fr.reachedBy[m.Ent] = org
				}
			}
		}
	}
}

// organisationOf is the international organisation word id names, itself
// or by its members ("members of the OECD", "OECD members").
func (fr *factReader) organisationOf(s, id int) *Entity {
	t := fr.parses[s].tree
	ids := []int{id}
	if l := lemma(t, id); l == "member" || l == "country" || l == "state" || l == "government" {
		ids = append(ids, t.Children(id, "nmod", "compound")...)
	}
	for _, k := range ids {
		if m := fr.mentionCovering(s, int(fr.parses[s].tok[k])); m != nil && m.Ent.Type == TypeIntlOrg {
			return m.Ent
		}
	}
	return nil
}

// clauseActors are who acts in a clause that modifies a noun: the agent
// of a reduced passive ("talks launched by Ottawa"), else its subject.
func clauseActors(t *syntax.Tree, c int) []int {
	if a := t.Children(c, "obl:agent"); len(a) > 0 {
		return a
	}
	return t.Actors(c)
}

// conditional: a clause introduced by "if", "unless", "provided", "once"
// or "as soon as".
func conditional(t *syntax.Tree, id int) bool {
	for _, mk := range t.Children(id, "mark") {
		if conditionMarks[lemma(t, mk)] {
			return true
		}
		if w := t.Word(id); lemma(t, mk) == "as" && t.Is(id, "advcl") && w != nil && lemma(t, w.Head) == "soon" {
			return true // "as soon as", read as "[as soon] [as Japan complies]"
		}
		for _, f := range t.Children(mk, "fixed") {
			if lemma(t, mk) == "as" && lemma(t, f) == "soon" {
				return true
			}
		}
	}
	return false
}

// clausesOf are the adverbial clauses of predicate v, with those of its
// adverbs ("ended as soon as Japan complies").
func clausesOf(t *syntax.Tree, v int) []int {
	out := t.Children(v, "advcl")
	for _, a := range t.Children(v, "advmod") {
		out = append(out, t.Children(a, "advcl")...)
	}
	return out
}

// isPredicate: a verb, or an adjective or noun with a copula ("was willing").
func isPredicate(t *syntax.Tree, id int) bool {
	switch upos(t, id) {
	case "VERB":
		return true
	case "ADJ", "NOUN":
		return len(t.Children(id, "cop")) > 0
	}
	return false
}

// position makes f a position of kind taken at word id, unless a party
// is said to reject it ("opposed parts of the plan proposing curbs"):
// then the measure is refused, by that party.
func (f frame) position(t *syntax.Tree, id int, kind string, holder, addressee []int) frame {
	if r := rejecter(t, id); r != 0 {
		f.denied, f.refused, f.actors = true, true, t.Actors(r)
		return f
	}
	if w := t.Word(id); kind == Demand && len(addressee) > 0 && w != nil && t.Is(id, "acl", "xcomp") && failureWords[lemma(t, w.Head)] {
		// "its failure to convince America to call off the tariffs": America did not
		f.denied, f.refused, f.actors = true, true, addressee
		return f
	}
	f.kind, f.holder, f.addressee = kind, holder, addressee
	return f
}

// rejecter is the predicate that rejects what word id asks, offers or
// threatens, reached through its object or complement and the nouns that
// hold it ("rejected calls to", "opposed parts of the plan seeking"); 0
// if none.
func rejecter(t *syntax.Tree, id int) int {
	for w := t.Word(id); w != nil; w = t.Word(id) {
		h := w.Head
		switch {
		case t.Is(id, "obj", "ccomp", "xcomp") && negativePredicates[lemma(t, h)]:
			return h
		case t.Is(id, "acl", "nmod", "conj", "obj") && t.Word(h) != nil:
			id = h // up the phrase that holds it
		default:
			return 0
		}
	}
	return 0
}

// possessors are the possessors of a noun ("Japan's failure", "China's demand").
func possessors(t *syntax.Tree, id int) []int { return t.Children(id, "nmod:poss") }

// addressee is of whom a predicate asks or whom it warns: its object
// ("urged Tokyo"), the party it calls on ("called on Ottawa"), or the
// subject of what it asks ("demanded that Seoul open").
func addressee(t *syntax.Tree, v int) []int {
	if o := t.Children(v, "obj", "iobj"); len(o) > 0 {
		return o
	}
	for _, o := range t.Children(v, "obl") {
		for _, c := range t.Children(o, "case") {
			if l := lemma(t, c); l == "on" || l == "upon" || l == "to" {
				return []int{o}
			}
		}
	}
	for _, c := range t.Children(v, "ccomp", "xcomp") {
		if s := t.Children(c, "nsubj"); len(s) > 0 {
			return s
		}
	}
	return nil
}

// governmentNouns are heads whose nationality adjective names the state
// that acts ("the Japanese government", "U.S. officials").
var governmentNouns = words("government", "administration", "official", "officials", "authority", "authorities",
	"delegation", "delegate", "negotiator", "side", "cabinet", "ministry", "state", "leader", "regulator")

// actorOf is the actor word id names in sentence s: a mention that covers
// it, or one that modifies it ("the Japanese government", "officials of
// MITI"); nil for a pronoun or a word that names nobody.
func (fr *factReader) actorOf(s, id int) *Entity {
	p := fr.parses[s]
	t := p.tree
	if id <= 0 || id >= len(p.tok) {
		return nil
	}
	if m := fr.mentionCovering(s, int(p.tok[id])); m != nil {
		return fr.grantorOf(*m, true)
	}
	if upos(t, id) == "PRON" {
		return fr.antecedent(s, int(p.tok[id]), lemma(t, id))
	}
	gov := governmentNouns[lemma(t, id)]
	mods := t.Children(id, "compound", "amod", "nmod:poss", "nmod", "flat", "appos")
	if gov {
		// "Mulroney's Progressive Conservative government": the possessor
		// may hang on the party's name; the government is Canada's, not the party's
		for _, k := range mods {
			mods = append(mods, t.Children(k, "nmod:poss")...)
		}
	}
	for _, k := range mods {
		if m := fr.mentionCovering(s, int(p.tok[k])); m != nil && (gov || m.Form != "demonym") {
			if e := fr.grantorOf(*m, gov); e != nil && (!gov || e.Type != TypeParty) {
				return e
			}
		}
	}
	return nil
}

// Pronouns that stand for an actor: a person, or a state, body or firm.
var (
	personPronouns = words("he", "she", "him", "his", "her")
	actorPronouns  = words("it", "its", "they", "their", "them")
)

// antecedent is the actor a pronoun at token tok of sentence s stands
// for: the nearest actor before it of the pronoun's kind, a subject before
// any other ("Canadian negotiators told Brazilian officials they would"),
// in its own sentence or else the one before; "he" may also be a titled
// subject that names only its state ("Canada's trade minister said he").
// Nil for "it" of no actor ("it is likely").
func (fr *factReader) antecedent(s, tok int, pron string) *Entity {
	person := personPronouns[pron]
	if !person && !actorPronouns[pron] {
		return nil
	}
	for k := s; k >= 0 && k >= s-1; k-- {
		p := fr.parses[k]
		var near, subject *Mention
		for i := range fr.mentions[k] {
			m := &fr.mentions[k][i]
			if k == s && m.End > tok {
				break
			}
			if (m.Ent.Type == TypePerson) != person || m.Ent.Type == TypeMedia || m.Ent.Type == TypeAgreement && pron != "it" && pron != "its" {
				continue
			}
			near = m
			if p.tree.Is(phraseHead(p.tree, p.head(m.Start, m.End)), "nsubj") {
				subject = m
			}
		}
		switch {
		case subject != nil:
			return fr.grantorOf(*subject, true)
		case near != nil:
			return fr.grantorOf(*near, true)
		case person && k == s:
			for id := 1; id < len(p.tok) && int(p.tok[id]) < tok; id++ {
				if p.tree.Is(id, "nsubj") && upos(p.tree, id) == "NOUN" {
					if e := fr.actorOf(s, id); e != nil {
						return e
					}
				}
			}
		}
	}
	return nil
}

// phraseHead is the noun a modifier belongs to ("Canadian" of "Canadian
// negotiators"), or id itself.
func phraseHead(t *syntax.Tree, id int) int {
	for w := t.Word(id); w != nil && t.Is(id, "amod", "compound", "nmod:poss", "flat"); w = t.Word(id) {
		id = w.Head
	}
	return id
}

func (fr *factReader) mentionCovering(s, tok int) *Mention {
	for i := range fr.mentions[s] {
		if m := &fr.mentions[s][i]; m.Start <= tok && tok < m.End {
			return m
		}
	}
	return nil
}

// grantorOf is the actor that acts for mention m: people for their
// organisation, a nationality for its state when it names a government.
func (fr *factReader) grantorOf(m Mention, demonym bool) *Entity {
	if m.Form == "demonym" && demonym {
		return countryOf(m.Ent)
	}
	return asGrantor(m, true)
}

// firstActor is the first of ids that names an actor.
func (fr *factReader) firstActor(s int, ids []int) *Entity {
	for _, id := range ids {
		if e := fr.actorOf(s, id); e != nil {
			return e
		}
	}
	return nil
}

// listIntro reads the introduction of list item s, the sentence before
// its list when it ends in a colon: whether it presents the items as what
// should, could or would be done, or as asked, offered or hoped for ("the
// pact should include:"), and who it says takes them ("Canada agreed to
// the following:"). ok is false for an item with no such introduction.
func (fr *factReader) listIntro(s int) (untaken bool, taker *Entity, ok bool) {
	k := s - 1
	for k >= 0 && fr.sents[k].Kind == ListItem {
		k--
	}
	if k < 0 || fr.sents[s].Kind != ListItem {
		return false, nil, false
	}
	toks := fr.sents[k].Tokens
	if len(toks) == 0 || toks[len(toks)-1].Text != ":" {
		return false, nil, false
	}
	t := fr.parses[k].tree
	for id := rootOf(t); id != 0; {
		l := lemma(t, id)
		if hasAux(t, id, untakenModals) || demandPredicates[l] || offerPredicates[l] || hopePredicates[l] || threatPredicates[l] {
			return true, nil, true
		}
		if e := fr.firstActor(k, t.Actors(id)); e != nil && !fr.x.reporting[l] {
			taker = e
		}
		c := t.Children(id, "ccomp", "xcomp")
		if len(c) == 0 {
			break
		}
		id = c[0]
	}
	return false, taker, true
}

// untakenModals make a clause about what is not (yet) done.
var untakenModals = words("may", "might", "could", "should", "must", "would", "ought")

func rootOf(t *syntax.Tree) int {
	if c := t.Children(0); len(c) > 0 {
		return c[0]
	}
	return 0
}

// frameOf is the frame of the instrument phrase g of sentence s.
func (fr *factReader) frameOf(s int, g instAt) frame {
	p := fr.parses[s]
	h := p.head(g.start, g.end)
	if h == 0 {
		return frame{}
	}
	return readFrame(p.tree, h, func(id int) bool { return fr.actorOf(s, id) != nil })
}

// readMeasure reads the frame of measure m, named by g in sentence s, from
// the tree: it corrects who grants it and whether it is denied, and tells
// whether the text only hopes for it (drop) or takes a position on it.
//
// When several actors take it ("Peru and Chile will cut tariffs"), m is
// the first's, and also are the measures returned.
func (fr *factReader) readMeasure(s int, cl clause, m *Measure, g instAt, cue cueAt, hasCue bool) (pos *Position, drop bool, also []*Measure) {
	if fr.sents[s].Kind == Heading {
		return nil, false, nil // headlines drop the words a parse needs ("Egypt raises duties as Turkey weighs cuts")
	}
	untaken, taker, listed := fr.listIntro(s)
	if untaken {
		return nil, true, nil // "an agreement should include: - elimination of tariffs"
	}
	p := fr.parses[s]
	h := p.head(g.start, g.end)
	if h == 0 {
		return nil, false, nil
	}
	f := fr.frameOf(s, g)
	if hasCue && !fr.cueReaches(s, cue, h) {
		return nil, true, nil // "as output is cut, prices will rise": the cut is not of prices
	}
	if m.Instrument.ID == priceControlID && marketPrices[lemma(p.tree, h)] && !fr.actedOn(s, cue, hasCue, h) {
		return nil, true, nil // "prices will rise", "their cheaper prices": the market's, no one's measure
	}
	if f.hoped || f.hedged && f.kind == "" {
		return nil, true, nil // "hoped the U.S. could lift sanctions", "may lift": neither taken nor asked
	}
	if f.kind != "" {
		kind := f.kind
		if kind == Offer && fr.tightens(cue, hasCue) {
			kind = Threat
		}
		pos := &Position{Kind: kind, Holder: fr.firstActor(s, f.holder), Addressee: fr.firstActor(s, f.addressee),
			Instrument: m.Instrument, Sector: m.Sector, Policy: m.Policy, Hedged: f.hedged, Evidence: m.Evidence}
		if pos.Holder == nil && m.Grantor != pos.Addressee {
			pos.Holder = m.Grantor
		}
		if o := fr.actorOf(s, f.owner); pos.Addressee == nil && o != pos.Holder {
			pos.Addressee = o // "demands the lifting of the Canadian ban": of Canada
		}
		if pos.Holder != nil && pos.Holder.Type == TypeAgreement {
			pos.Holder = nil // a text asks, threatens or offers; an agreement does not
		}
		if pos.Holder == nil || pos.Holder == pos.Addressee {
			// who takes the position is not named: not a concession either
			return nil, true, nil
		}
		return pos, false, nil
	}
	// what the other side receives or is hit by ("Turkish steel faces duties"),
	// and what a pairing or an exchange gave to its counterpart, keep the
	// grantor the clause rules found
	receives := !hasCue || cue.hit.kind == cueReceive || fr.x.isWord(listTarget, cue.hit.lemma)
	// the actor of the measure's own verb ("Chile will recognise Chinese
	// standards") before the one its noun names ("protested U.S. curbs")
	byVerb := hasCue && f.verb != 0 && int(p.word[cue.pos]) == f.verb
	actor, owner := fr.firstActor(s, f.actors), fr.actorOf(s, f.owner)
	before := m.Grantor
	switch v := lemma(p.tree, f.verb); {
	case f.refused && actor != nil:
		m.Grantor = actor // "opposed the plan proposing curbs": refused by the opponent
	case receives || v == "be" || v == "have":
		// "there is no side deal", "X has tariffs": the verb names no act
	case byVerb && actor != nil:
		m.Grantor = actor
	case owner != nil:
		m.Grantor = owner
	case actor != nil && (!cl.exchange && !cl.pairing || m.Grantor == nil || m.Grantor.Type == TypeAgreement):
		// who acts in the measure's clause, or the clause it hangs on ("announced
		// the sanctions", "Japan's failure to open"); what is given in exchange or
		// paired with a measure is the counterpart's, as the clause rules found
		m.Grantor = actor
	case actor == nil && listed && taker != nil:
		m.Grantor = taker // "Canada agreed to the following: - elimination of tariffs"
	case actor == nil && (definite(p.tree, h) || ownSubject(p.tree, h)) && fr.authors[m.Instrument.ID] != nil:
		// "the new tariffs take effect on Friday", "dumping has stopped": a
		// measure named before, by whoever took it then
		m.Grantor = fr.authors[m.Instrument.ID]
	}
	if fr.x.violating[lemma(p.tree, h)] {
		// "action against Japan for breaking its agreement": who breaks it is whose it is
		for _, o := range p.tree.Children(h, "obj") {
			for _, k := range possessors(p.tree, o) {
				e := fr.actorOf(s, k)
				if upos(p.tree, k) == "PRON" {
					e = fr.antecedent(s, int(p.tok[k]), lemma(p.tree, k)) // not the agreement its name holds
				}
				if e != nil && e.Type != TypeAgreement {
					m.Grantor = e
				}
			}
		}
	}
	if m.Instrument.ID == marketAccessID && !f.refused {
		if o := fr.marketOwner(s, h); o != nil {
			m.Grantor = o // "U.S. firms' access to the Japanese market": Japan opens it
		}
	}
	if !fr.tightens(cue, hasCue) || !restrictions[m.Instrument.ID] || !restrictionHeads[lemma(p.tree, h)] {
		// "a side deal on the UK carbon levy": the deal is about the levy, hits no one
	} else if t := fr.targetOf(s, h, f.verb, f.relative); t != nil && m.Grantor != nil && countryOf(m.Grantor) == t {
		// "tariffs on Japanese goods": Japan is hit by them, not their author, who
		// in a story of two parties is the other
		m.Grantor = fr.counterpart(t)
	}
	if org := fr.reachedBy[m.Grantor]; org != nil {
		m.Grantor = org // what an organisation's agreement does, its members do
	}
	fr.authored(m)
	if m.Grantor != before && m.Polarity != Retained {
		m.Beneficiary = fr.beneficiaryOf(s, cl, fr.clauseMentions(s, cl), m.Grantor, g)
	}
	switch {
	case fr.x.violating[lemma(p.tree, h)]:
		// "broke the pact" denies compliance; "has not violated the pact", as the tree reads it, keeps to it
		m.Polarity = Denied
		if f.denied {
			m.Polarity = Asserted
		}
	case f.denied && m.Polarity == Asserted:
		m.Polarity = Denied
	}
	if m.Polarity == Denied && hasCue && fr.x.isWord(listRemoval, cue.hit.lemma) {
		m.Polarity = Retained // "refused to lift its ban": the ban stays
	}
	if !receives && m.Grantor == actor && actor != nil {
		for _, id := range f.actors[1:] {
			if e := fr.actorOf(s, id); e != nil && e != m.Grantor && !containsGrantor(also, e) {
				o := sibling(s, m)
				o.Grantor = e
				also = append(also, o)
			}
		}
	}
	return nil, false, append(also, fr.conjunctFacts(s, m, h)...)
}

// sibling is a copy of measure m, named in sentence s, with evidence and
// phrases of its own, for a second grantor or polarity of the same words.
func sibling(s int, m *Measure) *Measure {
	o := newMeasure(s, m.sides[0])
	ev, sides := o.Evidence, o.sides
	*o = *m
	o.Evidence, o.sides, o.words = ev, sides, nil
	return o
}

// conjunctFacts are what the verbs coordinated with the one measure h is
// the subject of say of it, when that differs from what m says: "dumping
// has stopped in the U.S. market but has continued in third countries"
// is dumping stopped, and dumping kept.
func (fr *factReader) conjunctFacts(s int, m *Measure, h int) []*Measure {
	t := fr.parses[s].tree
	w := t.Word(h)
	if w == nil || !t.Is(h, "nsubj") || upos(t, w.Head) != "VERB" {
		return nil
	}
	var out []*Measure
	for _, c := range t.Children(w.Head, "conj") {
		if upos(t, c) != "VERB" || len(t.Children(c, "nsubj", "nsubj:pass", "expl")) > 0 {
			continue
		}
		for _, cm := range fr.cues[s] {
			if cm.Start != int(fr.parses[s].tok[c]) {
				continue
			}
			hit := pickCue(cm.Vals)
			if !hit.kind.governs() {
				continue
			}
			pol := polarity(cueAt{cm.Start, cm.End, hit}, true, t.Negated(c))
			if pol == m.Polarity || m.Polarity != Asserted && pol != Asserted {
				continue
			}
			o := sibling(s, m)
			o.Polarity, o.Action = pol, hit.lemma
			out = append(out, o)
		}
	}
	return out
}

const priceControlID = "price-control"

// marketPrices are the bare nouns of price that name a measure only when a
// party acts on them ("did not agree to raise the prices insurers pay").
var marketPrices = words("price", "prices", "pricing")

// actedOn: noun h is the object of the verb of its cue.
func (fr *factReader) actedOn(s int, cue cueAt, hasCue bool, h int) bool {
	p := fr.parses[s]
	if !hasCue || cue.pos >= len(p.word) || p.word[cue.pos] == 0 {
		return false
	}
	w := p.tree.Word(h)
	return w.Head == int(p.word[cue.pos]) && p.tree.Is(h, "obj", "nsubj:pass")
}

// cueReaches: the verb the word rules took for the cue of measure h is
// one the tree links h to, above it ("lifted the ban on beef", "agreed to
// cut tariffs") or in a clause it heads ("a quota system that caps
// shipments"). A cue the tagger does not read as a verb, or that has no
// word in the parse, is trusted as the word rules found it.
func (fr *factReader) cueReaches(s int, cue cueAt, h int) bool {
	p := fr.parses[s]
	if cue.pos >= len(p.word) || p.word[cue.pos] == 0 {
		return true
	}
	cw := int(p.word[cue.pos])
	if upos(p.tree, cw) != "VERB" {
		return true
	}
	phrase := h // "a quota system that caps": the cue's clause names the whole compound
	for p.tree.Is(phrase, "compound") {
		phrase = p.tree.Word(phrase).Head
	}
	path := p.tree.Path(h)
	for i, id := range path {
		if id == cw {
			return true
		}
		for _, sb := range p.tree.Children(id, "nsubj", "nsubj:pass") {
			if !slices.Contains(path[:i], sb) || id != h && p.tree.Is(id, "conj") {
				// a clause with a subject of its own lies between ("output is cut,
				// analysts say prices rise"), or a clause coordinated with the
				// cue's ("would cut red tape, and prices rose")
				return slices.Contains(p.tree.Path(cw), phrase)
			}
		}
	}
	return slices.Contains(p.tree.Path(cw), phrase)
}

// authored records who takes measure m, for the later mentions of its instrument.
func (fr *factReader) authored(m *Measure) {
	if m.Grantor == nil || m.Grantor.Type == TypeAgreement {
		return
	}
	if fr.authors == nil {
		fr.authors = map[string]*Entity{}
	}
	fr.authors[m.Instrument.ID] = m.Grantor
}

// ownSubject: the measure h is the active subject of a verb, which
// names no one else ("dumping has stopped").
func ownSubject(t *syntax.Tree, h int) bool {
	w := t.Word(h)
	return w != nil && w.Deprel == "nsubj" && upos(t, w.Head) == "VERB"
}

// definite: the noun h refers back to something named before ("the
// tariffs", "these curbs").
func definite(t *syntax.Tree, h int) bool {
	for _, k := range t.Children(h, "det") {
		switch lemma(t, k) {
		case "the", "these", "those", "this", "that", "such":
			return true
		}
	}
	return false
}

func containsGrantor(ms []*Measure, e *Entity) bool {
	for _, m := range ms {
		if m.Grantor == e {
			return true
		}
	}
	return false
}

// tightens: a measure that restricts or punishes rather than opens
// ("impose tariffs", "raise duties", bare "retaliatory duties"), as a
// conditional threat names.
func (fr *factReader) tightens(cue cueAt, hasCue bool) bool {
	return !hasCue || cue.hit.lemma == "" || fr.x.tightening[cue.hit.lemma]
}

// restrictions are the instruments that hit someone: what they are "on"
// or "against" is their target.
var restrictions = words("tariff", "quota", "import-restriction", "export-quota", "export-ban", "import-ban", "ban",
	"export-control", "export-tax", "tax", "digital-services-tax", "carbon-border", "safeguard", "anti-dumping", "sanctions",
	"import-licensing", "sps", "tbt")

// restrictionHeads are the nouns that name a restriction by itself.
var restrictionHeads = words("tariff", "duty", "quota", "sanction", "ban", "embargo", "curb", "restriction", "levy",
	"tax", "control", "limit", "barrier", "penalty", "surcharge", "requirement", "retaliation", "measure", "action",
	"cap", "licensing", "licence", "license", "rule", "standard")

// targetPrepositions introduce whom or what a measure hits.
var targetPrepositions = words("on", "against", "upon")

// targetOf is the actor a measure headed by h hits ("tariffs on Japanese
// goods", "sanctions against South Africa", "imposed duties on Brazil"),
// named by its or its verb's arguments; nil if none.
func (fr *factReader) targetOf(s, h, verb, relative int) *Entity {
	t := fr.parses[s].tree
	for _, head := range []int{h, verb, relative} {
		if head == 0 {
			continue
		}
		for _, o := range t.Children(head, "nmod", "obl") {
			prep := false
			for _, c := range t.Children(o, "case") {
				prep = prep || targetPrepositions[lemma(t, c)]
			}
			if !prep {
				continue
			}
			if e := fr.actorOf(s, o); e != nil {
				return countryOf(e)
			}
			// "on a range of Japanese goods": the goods' nationality
			for _, k := range t.Children(o, "amod", "compound", "nmod") {
				if m := fr.mentionCovering(s, int(fr.parses[s].tok[k])); m != nil {
					return countryOf(m.Ent)
				}
				for _, kk := range t.Children(k, "amod", "compound") {
					if m := fr.mentionCovering(s, int(fr.parses[s].tok[kk])); m != nil {
						return countryOf(m.Ent)
					}
				}
			}
		}
	}
	return nil
}

// contrasted: a conjunct joined by "but" or "rather than" to the one before.
func contrasted(t *syntax.Tree, id int) bool {
	for _, c := range t.Children(id, "cc") {
		if l := lemma(t, c); l == "but" || l == "rather" || l == "instead" || l == "yet" {
			return true
		}
	}
	return false
}

// hasAux: a predicate with one of the auxiliaries of set.
func hasAux(t *syntax.Tree, id int, set map[string]bool) bool {
	for _, a := range t.Children(id, "aux") {
		if set[lemma(t, a)] {
			return true
		}
	}
	return false
}

// talksID is the instrument of negotiations, which the parties open,
// hold or carry on together rather than grant one another.
const talksID = "negotiations"

// talkVerbs are what parties do with talks that commits them to them.
var talkVerbs = words("open", "launch", "hold", "begin", "start", "resume", "continue", "conduct", "enter", "join",
	"reopen", "pursue", "agree")

// talks are the negotiations sentence s says its parties open or carry on
// ("Canada and the United States opened free trade talks"), each party's
// its own measure.
func (fr *factReader) talks(s int, insts []Match[*Instrument], mask []bool) []*Measure {
	if fr.sents[s].Kind == Heading {
		return nil
	}
	var out []*Measure
	p := fr.parses[s]
	for _, m := range insts {
		in := m.Vals[0]
		if in.ID != talksID || mask[m.Start] {
			continue
		}
		h := p.head(m.Start, m.End)
		v := p.tree.Word(h)
		if v == nil {
			continue
		}
		f := readFrame(p.tree, h, func(id int) bool { return fr.actorOf(s, id) != nil })
		verb, actors := v.Head, f.actors
		if !talkVerbs[lemma(p.tree, verb)] || !p.tree.Is(h, "obj", "nsubj:pass", "obl") {
			// "the talks, launched by Mulroney's government, ..."
			verb, actors = 0, nil
			for _, c := range p.tree.Children(h, "acl") {
				if talkVerbs[lemma(p.tree, c)] {
					verb, actors = c, clauseActors(p.tree, c)
				}
			}
		}
		if verb == 0 || f.hoped || f.hedged || f.kind != "" {
			continue
		}
		g := instAt{m.Start, m.End, in}
		pol := Asserted
		if f.denied {
			pol = Denied
		}
		seen := map[*Entity]bool{}
		for _, id := range actors {
			e := fr.actorOf(s, id)
			if e == nil || seen[e] {
				continue
			}
			seen[e] = true
			me := newMeasure(s, span{sent: s, start: g.start, end: g.end})
			me.Instrument, me.Polarity, me.Grantor, me.Action = in, pol, e, lemma(p.tree, verb)
			me.Policy = fr.policyPhrase(s, clause{start: 0, end: len(fr.sents[s].Tokens)}, g)
			me.sides[0].phrase = me.Policy
			me.Beneficiary = fr.counterpart(countryOf(e))
			out = append(out, me)
		}
	}
	return out
}
