package article

import (
	"sort"
	"strings"
	"unicode"
)

// Entity is an actor of a document: a country, bloc, agency, person, company,
// group of firms, outlet, fund or agreement.
type Entity struct {
	Name    string
	Type    string
	Country string // ISO code of the state an agency or company belongs to
	Aliases map[string]bool
	Role    string    // a person's role ("Trade Minister")
	Org     *Entity   // the agency or state a person serves
	state   *Entity   // the state of a group of firms ("American buyers"), the bloc of a body ("the executive committee of Comecon")
	parties []*Entity // the parties an agreement is named after ("U.S.-Japan pact")
	count   int       // mentions
	first   int       // sentence of the first mention
}

// Mention is an entity named by tokens [Start, End) of a sentence.
type Mention struct {
	Start, End int
	Ent        *Entity
	Form       string // name, alias, demonym, capital, acronym, surname, reference
	Possessive bool   // followed by "'s"
}

// AliasList returns the entity's aliases, sorted.
func (e *Entity) AliasList() []string {
	out := make([]string, 0, len(e.Aliases))
	for a := range e.Aliases {
		if a != e.Name {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

func (e *Entity) isActor() bool {
	switch e.Type {
	case TypeCountry, TypeBloc, TypeAgency, TypeIntlOrg, TypeAgreement, TypeCompany:
		return true
	}
	return false
}

// stopCaps are capitalized words that begin sentences but never names.
var stopCaps = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "it": true,
	"its": true, "in": true, "on": true, "at": true, "for": true, "but": true, "and": true, "or": true, "if": true,
	"as": true, "by": true, "with": true, "from": true, "to": true, "of": true, "after": true, "before": true,
	"despite": true, "while": true, "when": true, "what": true, "why": true, "how": true, "meanwhile": true,
	"however": true, "under": true, "according": true, "contrary": true, "analysts": true, "officials": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "our": true, "their": true, "his": true, "her": true,
	"there": true, "here": true, "although": true, "though": true, "since": true, "until": true, "also": true,
	"yet": true, "so": true, "still": true, "now": true, "then": true, "both": true, "each": true, "all": true,
	"some": true, "many": true, "most": true, "no": true, "not": true, "nor": true, "neither": true, "nothing": true,
	"tariffs": true, "dairy": true, "exports": true, "imports": true, "local": true, "final": true, "fact": true,
	"check": true, "highlights": true, "reading": true, "buried": true, "strategic": true, "digital": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "may": true, "might": true,
	"said": true, "says": true, "added": true, "told": true, "new": true, "one": true, "two": true, "first": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "mr": true, "ms": true,
}

// connectors may join the capitalized words of a name.
var connectors = map[string]bool{"of": true, "and": true, "for": true, "the": true, "on": true, "&": true, "de": true, "du": true, "la": true, "del": true}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" || s == "/" }

// resize returns s with length n and zero elements, reusing its array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (af *actorFinder) entity(name, typ string) *Entity {
	name = strings.TrimSpace(name)
	key := entityKey{typ, strings.ToLower(name)}
	if e := af.ents[key]; e != nil {
		return e
	}
	e := &Entity{Name: name, Type: typ, Aliases: map[string]bool{}, first: -1}
	af.ents[key] = e
	af.order = append(af.order, e)
	return e
}

// fromDef returns the document entity of a lexicon actor.
func (af *actorFinder) fromDef(def *entityDef) *Entity {
	e := af.byDef[def]
	if e == nil {
		e = af.entity(def.name, def.typ)
		af.byDef[def] = e
	}
	e.Country = def.country
	if def.org != nil && e.Org == nil {
		// a head of state or of government acts for the state while in office
		if t := def.termAt(af.year); t != nil {
			e.Org = af.fromDef(def.org)
			if e.Role == "" {
				e.Role = t.office
			}
		}
	}
	return e
}

// learn registers a surface form of e for the mention pass.
func (af *actorFinder) learn(surface string, e *Entity) {
	surface = strings.TrimSpace(surface)
	if surface == "" {
		return
	}
	af.dyn.Add(surface, e)
	if surface != e.Name {
		e.Aliases[surface] = true
	}
}

// covered reports whether token i of sentence s is inside a lexicon name.
func (af *actorFinder) covered(s, i int) bool {
	for _, m := range af.static[s] {
		if i >= m.Start && i < m.End {
			return true
		}
	}
	return false
}

func (af *actorFinder) staticAt(s, i int) *Match[nameHit] {
	for k := range af.static[s] {
		if af.static[s][k].Start == i {
			return &af.static[s][k]
		}
	}
	return nil
}

// entityKey is an entity's type and lower-cased name.
type entityKey struct{ typ, name string }

// mayHave reports whether a token of sentence s may be in the word list:
// the rules that need one skip the sentences that have none.
func (af *actorFinder) mayHave(s int, list tags) bool {
	tg := af.sents[s].tags
	return tg == 0 || tg&list != 0
}

// text joins tokens [i, j) of sentence s as written.
// capRun extends from i over capitalized words, joined by connectors or
// dashes when a capitalized word follows; it returns the end (exclusive).
func capRun(toks []Token, i int) int {
	j := i
	end := i
	for j < len(toks) {
		t := toks[j]
		switch {
		case t.IsWord() && (t.IsCapitalized() || isDigitWord(t.Text)):
			j++
			end = j
		case (connectors[t.Lower] || isDash(t.Text) || t.Text == ",") && j+1 < len(toks) && toks[j+1].IsCapitalized() && j > i:
			if t.Text == "," && !(j+2 < len(toks) && (toks[j+2].IsCapitalized() || toks[j+2].Lower == "and")) {
				return end
			}
			j++
		default:
			return end
		}
	}
	return end
}

func isDigitWord(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// isAcronymToken: "MITI", "USTR", "CBAM", "G7".
func isAcronymToken(s string) bool {
	upper := 0
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r), r == '&':
		case unicode.IsLower(r) && i > 0:
		default:
			return false
		}
	}
	return upper >= 2 && len(s) <= 10
}

// discover finds the actors the lexicon does not list: acronym definitions,
// titled people, organisations, companies, named agreements, groups of
// firms, funds and cited outlets.
func (af *actorFinder) discover() {
	for s := range af.sents {
		af.discoverAcronyms(s)
	}
	af.learnLeaders()
	var titled []titledSurname
	for s := range af.sents {
		titled = af.discoverPeople(s, titled)
		af.discoverAppositions(s)
	}
	af.resolveTitledSurnames(titled)
	for s := range af.sents {
		af.discoverAgreements(s)
		af.discoverOrgs(s)
		af.discoverCompanies(s)
		af.discoverFirmGroups(s)
		af.discoverFunds(s)
		af.discoverMedia(s)
	}
}

func (af *actorFinder) discoverAcronyms(s int) {
	toks := af.sents[s].Tokens
	for p := 1; p+2 < len(toks); p++ {
		if toks[p].Text != "(" || toks[p+2].Text != ")" || !isAcronymToken(toks[p+1].Text) {
			continue
		}
		acr := toks[p+1].Text
		start := p
		for start > 0 {
			t := toks[start-1]
			if t.IsWord() && t.IsCapitalized() {
				start--
				continue
			}
			if (af.x.is(listConnector, t) || t.Text == "," || isDash(t.Text)) && start-1 > 0 && start < p {
				start--
				continue
			}
			break
		}
		for start < p && (af.x.is(listConnector, toks[start]) || toks[start].Text == "," || isDash(toks[start].Text) || af.x.is(listStopCap, toks[start])) {
			start++
		}
		if p-start < 2 {
			// "the EU (EU)" or a one-word name: an alias only when the word is known
			continue
		}
		name := af.sents.text(s, start, p)
		if m := af.staticAt(s, start); m != nil && m.End == p {
			e := af.fromDef(m.Vals[0].def)
			af.learn(acr, e)
			continue
		}
		last := toks[p-1]
		var typ string
		switch {
		case af.x.is(listAgreementHead, last):
			typ = TypeAgreement
		case last.Lower == "association" || last.Lower == "federation" || last.Lower == "chamber" || last.Lower == "council" && strings.Contains(strings.ToLower(name), "industr"):
			typ = TypeFirmGroup
		case last.Lower == "party":
			typ = TypeParty
		case af.x.is(listCompanySuffix, last):
			typ = TypeCompany
		case af.x.is(listOrgHead, last) || strings.HasPrefix(name, "Ministry") || strings.HasPrefix(name, "Department") || strings.HasPrefix(name, "Office"):
			typ = TypeAgency
		default:
			// "EU Deforestation Regulation (EUDR)", "Comprehensive and Progressive ... (CPTPP)": a policy or
			// programme name, not an actor; remembered only as a surface form of nothing.
			continue
		}
		e := af.entity(name, typ)
		af.learn(name, e)
		af.learn(acr, e)
	}
}

// discoverAgreements finds named agreements: capitalized names ending in an
// agreement head, with the parties' names in front ("Chile–China Free Trade
// Agreement", "Double Contribution Convention").
func (af *actorFinder) discoverAgreements(s int) {
	if !af.mayHave(s, listAgreementHead) {
		return
	}
	toks := af.sents[s].Tokens
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.IsCapitalized() || (af.x.is(listStopCap, t) && !af.covered(s, i)) {
			continue
		}
		end := i
		for j := i; j < len(toks); {
			if m := af.staticAt(s, j); m != nil && (m.Vals[0].def.typ == TypeCountry || m.Vals[0].def.typ == TypeBloc) {
				j = m.End
			} else if toks[j].IsWord() && toks[j].IsCapitalized() {
				j++
			} else if (isDash(toks[j].Text) || af.x.is(listConnector, toks[j])) && j+1 < len(toks) && toks[j+1].IsCapitalized() && j > i {
				j++
			} else {
				break
			}
			if af.x.is(listAgreementHead, toks[j-1]) && toks[j-1].IsCapitalized() {
				end = j
			}
		}
		// "Treaty of Rome": a head, then "of" and the place it was signed
		if end == i+1 && af.x.is(listAgreementHead, t) && i+2 < len(toks) && toks[i+1].Lower == "of" && toks[i+2].IsCapitalized() &&
			af.staticAt(s, i+2) != nil && af.staticAt(s, i+2).Vals[0].form == "capital" {
			end = af.staticAt(s, i+2).End
		}
		if end-i < 2 {
			continue
		}
		name := af.sents.text(s, i, end)
		if _, known := af.dynLookup(name); !known {
			e := af.entity(name, TypeAgreement)
			af.learn(name, e)
		}
		i = end - 1
	}
}

// titleAt returns the end of a person title starting at i (0 if none).
func (af *actorFinder) titleAt(toks []Token, i int) int {
	if i < len(toks) && af.x.is(listTitle, toks[i]) {
		return i + 1
	}
	return 0
}

func (af *actorFinder) nameRun(s, i int) int {
	toks := af.sents[s].Tokens
	j, words := i, 0
	for j < len(toks) && words < 4 {
		t := toks[j]
		if words > 0 && nameParticles[t.Lower] && j+1 < len(toks) && toks[j+1].IsWord() && toks[j+1].IsCapitalized() && !af.covered(s, j+1) {
			j++
			continue
		}
		if !t.IsWord() || !t.IsCapitalized() || af.x.is(listTitle, t) || af.x.is(listStopCap, t) || af.covered(s, j) ||
			af.x.is(listOrgHead, t) || af.x.is(listCompanySuffix, t) || notNames[t.Lower] {
			break
		}
		j++
		words++
		// "Park Min-jun", "Jean-Pierre": a hyphen with no spaces joins one name
		for j+1 < len(toks) && toks[j].Text == "-" && toks[j-1].End == toks[j].Start && toks[j].End == toks[j+1].Start && toks[j+1].IsWord() {
			j += 2
		}
	}
	return j
}

// discoverPeople finds the people of sentence s and returns those named by
// a title and a surname alone, which resolveTitledSurnames resolves once
// every full name is known.
func (af *actorFinder) discoverPeople(s int, titled []titledSurname) []titledSurname {
	toks := af.sents[s].Tokens
	// "Trade Minister Jane Doe", in the sentences that have a title
	for i := 0; i < len(toks) && af.mayHave(s, listTitle); i++ {
		te := af.titleAt(toks, i)
		if te == 0 {
			continue
		}
		te = af.titleOf(toks, te)
		ne := af.nameRun(s, te)
		// "Secretary of State George Shultz"
		if te+1 < len(toks) && toks[te].Lower == "of" {
			ps := te + 1
			if toks[ps].Lower == "the" {
				ps++
			}
			// not "chairman of the International Economic Policy subcommittee"
			if pe := af.nameRun(s, ps); pe-ps >= 3 && !af.bodyAfter(toks, pe) {
				te, ne = pe-2, pe
			}
		}
		if ne-te == 1 && toks[i].IsCapitalized() && !isAcronymToken(toks[te].Text) && !af.employs(toks, ne) &&
			(ne >= len(toks) || !toks[ne].IsCapitalized()) {
			titled = append(titled, titledSurname{s: s, roleStart: af.roleStart(s, i), title: i, name: te, end: ne})
		}
		// "Finance Minister Kiichi Miyazawa": a leader the lexicon knows, in another office
		var known *Entity
		if m := af.staticAt(s, te); m != nil && m.Vals[0].def.typ == TypePerson {
			known, ne = af.fromDef(m.Vals[0].def), m.End
		}
		if known == nil && ne-te >= 2 && af.outletName(toks, te, ne) {
			af.learnOutlet(af.sents.text(s, te, ne))
			continue
		}
		if known == nil && (ne-te < 2 || af.employs(toks, ne)) {
			continue
		}
		person := known
		if person == nil {
			person = af.entity(af.sents.text(s, te, ne), TypePerson)
			af.learnPerson(person)
		}
		if person.Role == "" || known != nil {
			af.roleBefore(s, i, te, person)
		}
		// "analyst Jane Doe of Acme Lufkin and Brandco": a job in lower case is held at a firm
		if firmJobs[toks[i].Lower] && !toks[i].IsCapitalized() {
			af.employerAfter(s, ne)
		}
		i = ne - 1
	}
	// "said Jane Doe" and "Jane Doe said"; an appositive role may follow ("said Jane Doe, Trade Minister").
	if !af.mayHave(s, listSaid) {
		return titled
	}
	for i := 0; i < len(toks); i++ {
		var ns, ne int
		switch {
		case i+1 < len(toks) && af.x.is(listSaid, toks[i]):
			ns = i + 1
			ne = af.nameRun(s, ns)
		case toks[i].IsCapitalized() && (i == 0 || !toks[i-1].IsCapitalized()):
			ns = i
			ne = af.nameRun(s, ns)
			if ne >= len(toks) || !af.x.is(listSaid, toks[ne]) {
				continue
			}
		default:
			continue
		}
		if ne-ns < 2 || ne-ns > 3 || (ns == 0 && af.x.is(listStopCap, toks[0])) || afterNonName(toks, ns) {
			continue
		}
		// "said Acme Partners analyst Jane Doe", "said Acme Securities economist
		// Jane Doe", "said Acme Partners' Doe": the name is the employer's
		employer := af.employerEnd(toks, ne)
		if employer == 0 && ne+1 < len(toks) && toks[ne].Text == "'s" && toks[ne+1].IsCapitalized() && toks[ns].Lower != toks[ne-1].Lower {
			employer = ne
		}
		if employer > 0 {
			if name := af.sents.text(s, ns, employer); !af.known(name) {
				af.learn(name, af.entity(name, TypeCompany))
			}
			continue
		}
		if af.outletName(toks, ns, ne) {
			af.learnOutlet(af.sents.text(s, ns, ne))
			continue
		}
		person := af.entity(af.sents.text(s, ns, ne), TypePerson)
		af.learnPerson(person)
		if person.Role == "" && ne+1 < len(toks) && toks[ne].Text == "," {
			j := ne + 1
			if m := af.staticAt(s, j); m != nil {
				person.Org = af.fromDef(m.Vals[0].def)
				j = m.End
				if j < len(toks) && toks[j].Text == "'s" {
					j++
				}
			}
			k := j
			for k < len(toks) && (toks[k].IsCapitalized() || toks[k].Lower == "and" || toks[k].Lower == "of") {
				k++
			}
			if k > j && af.x.is(listTitle, toks[k-1]) {
				person.Role = af.sents.text(s, j, k)
			}
		}
	}
	return titled
}

// roleBefore gives person the role of the title at tokens [title, name)
// of sentence s, with the words before it that belong to the role
// ("Investment, Trade and Industry Minister"), and the organisation or
// state it is held for.
func (af *actorFinder) roleBefore(s, title, name int, person *Entity) {
	toks := af.sents[s].Tokens
	rs := af.roleStart(s, title)
	// "Korean Trade Minister Park", "Brazil's Finance Minister": the role is held for the state named in front
	var state *Entity
	if rs >= 2 && toks[rs-1].Text == "'s" {
		if m := af.staticEndingAt(s, rs-1); m != nil && isState(m.Vals[0].def) {
			state = af.fromDef(m.Vals[0].def)
		}
	}
	if m := af.staticAt(s, rs); m != nil && m.End <= title && isState(m.Vals[0].def) {
		state = af.fromDef(m.Vals[0].def)
		rs = m.End
		if toks[rs].Text == "'s" {
			rs++
		}
	}
	role := af.sents.text(s, rs, name)
	if role == "" || strings.HasPrefix(role, "Mr") || strings.HasPrefix(role, "Ms") || strings.HasPrefix(role, "Dr") {
		return
	}
	org := af.ministryOf(role)
	// "U.S. Trade Representative Jane Doe": the role is the name of an agency;
	// "Federal Reserve Board Chairman Jane Doe", "White House spokesman Jane Doe": it names one
	for _, m := range af.static[s] {
		if def := m.Vals[0].def; m.Start >= rs && m.End <= name && (def.typ == TypeAgency || def.typ == TypeIntlOrg) {
			org = af.fromDef(def)
		}
	}
	if org == nil || state != nil && org.Country != state.Country {
		org = state
	}
	person.Role = role
	if org != nil {
		person.Org = org
	}
}

// isState reports whether def is a state or a bloc.
func isState(def *entityDef) bool { return def.typ == TypeCountry || def.typ == TypeBloc }

// saidWords report what a person named beside them says.
var saidWords = map[string]bool{"said": true, "says": true, "told": true, "added": true}

// learnPerson registers a person's name, surname ("Min-jun" of "Park
// Min-jun") and, of three names, the first two ("Ana Lucia").
func (af *actorFinder) learnPerson(e *Entity) {
	af.learn(e.Name, e)
	f := strings.Fields(e.Name)
	af.learn(f[len(f)-1], e)
	// "de Clercq" of "Willy de Clercq"
	if n := len(f); n >= 3 && nameParticles[strings.ToLower(f[n-2])] {
		af.learn(f[n-2]+" "+f[n-1], e)
	}
	if len(f) >= 3 {
		af.learn(f[0]+" "+f[1], e)
	}
}

// ministryOf finds the ministry a minister's role names: "Investment, Trade
// and Industry Minister" serves the "Ministry of Investment, Trade and Industry".
// A secretary's role serves the department of the portfolio: "Commerce
// Secretary" the "Commerce Department", "Foreign Minister" the "Ministry of
// Foreign Affairs".
func (af *actorFinder) ministryOf(role string) *Entity {
	var names []string
	if portfolio, ok := strings.CutSuffix(role, " Minister"); ok && portfolio != "" {
		names = []string{"Ministry of " + portfolio, portfolio + " Ministry", "Ministry of " + portfolio + " Affairs"}
	} else if portfolio, ok := strings.CutSuffix(role, " Secretary"); ok && portfolio != "" {
		names = []string{portfolio + " Department", "Department of " + portfolio, "Department of the " + portfolio}
	}
	for _, name := range names {
		if e, known := af.dynLookup(name); known {
			return e
		}
		toks := Tokenize(name)
		for _, m := range af.x.names.Find(toks) {
			if m.Start == 0 && m.End == len(toks) {
				// "Ministry of Trade" is a ministry of many states: only one the article names
				for _, v := range m.Vals {
					if af.namesState(v.def.country) {
						return af.fromDef(v.def)
					}
				}
			}
		}
	}
	return nil
}

// namesState reports whether the article names the state with ISO code.
func (af *actorFinder) namesState(code string) bool {
	if code == "" {
		return false
	}
	for _, ms := range af.static {
		for _, m := range ms {
			for _, v := range m.Vals {
				if v.def.typ == TypeCountry && v.def.country == code {
					return true
				}
			}
		}
	}
	return false
}

// roleStart walks left from a title over the words of a role ("Investment,
// Trade and Industry Minister", "Commission trade spokesperson").
func (af *actorFinder) roleStart(s, title int) int {
	toks := af.sents[s].Tokens
	start := title
	lowerOK := !toks[title].IsCapitalized()
	for start > 0 {
		t := toks[start-1]
		switch {
		case t.IsWord() && t.IsCapitalized() && !af.x.is(listStopCap, t):
			start--
		case (t.Lower == "and" || t.Lower == "of" || t.Text == ",") && start-1 > 0 && toks[start-2].IsCapitalized() && start < title:
			start--
		case lowerOK && t.IsWord() && !t.IsCapitalized() && start == title:
			start--
			lowerOK = false
		default:
			return start
		}
	}
	return start
}

// discoverOrgs finds the bodies named by a head word ("Agriculture
// Ministry", "Senate Finance Committee", "U.S. Embassy", "Liberal
// Democratic Party"), with the state they belong to when one is named in
// front, and the parties named by their members ("Congressional Democrats")
// or by their politics ("the Progressive Conservative government").
func (af *actorFinder) discoverOrgs(s int) {
	toks := af.sents[s].Tokens
	if af.mayHave(s, listPartyWord|listPartyMembers) {
		af.discoverParties(s)
	}
	if !af.mayHave(s, listOrgHead) {
		return
	}
	af.discoverOrgansOf(s)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// "New York Chamber of Commerce": "New" opens a name, not a sentence
		newName := t.Lower == "new" && i+1 < len(toks) && toks[i+1].IsCapitalized()
		if !t.IsCapitalized() || af.covered(s, i) || af.x.is(listStopCap, t) && !newName {
			continue
		}
		end := capRun(toks, i)
		head, of := af.orgHead(toks, i, end)
		if head < 0 {
			i = end - 1
			if of >= 0 {
				// "Jane Doe of Acme Bank": the name starts after the "of"
				i = of
			}
			continue
		}
		// "Nevertheless, Polish National Bank": a comma joins the words of
		// a name only after its "of" ("Ministry of Investment, Trade and Industry")
		if c := commaBefore(toks, i, head); c >= 0 {
			i = c
			continue
		}
		hasTitle := false
		for k := i; k < end; k++ {
			hasTitle = hasTitle || af.x.is(listTitle, toks[k])
		}
		// "Trade Cabinet Secretary Jane Doe" is a role and a person, not an
		// organisation; so is a run that continues into a title ("Finance
		// Committee Chairman"), but not into a job in lower case ("an
		// Agriculture Ministry official")
		if hasTitle || end < len(toks) && af.x.is(listTitle, toks[end]) && toks[end].IsCapitalized() {
			i = end - 1
			continue
		}
		start, country := i, ""
		var owner *Match[nameHit]
		if m := af.staticEndingAt(s, i); m != nil {
			switch def := m.Vals[0].def; {
			case isState(def) && m.Vals[0].form != "demonym" && m.Vals[0].form != "capital", def.typ == TypeAgency:
				// "U.S. Embassy", "Senate Finance Committee": the state or the
				// body in front belongs to the name
				start, country = m.Start, def.country
			case def.typ == TypeCountry:
				country = def.country
			}
		} else if i >= 2 && toks[i-1].Text == "'s" {
			// "the Community's Council of Ministers"
			if m := af.staticEndingAt(s, i-1); m != nil && isState(m.Vals[0].def) && m.Vals[0].form != "demonym" {
				owner, country = m, m.Vals[0].def.country
			}
		}
		if toks[start].Lower == "the" {
			start++
		}
		if end-start < 2 {
			continue
		}
		name := af.sents.text(s, start, end)
		typ := orgType(toks, head)
		e, known := af.dynLookup(name)
		if !known {
			e = af.entity(name, typ)
			if e.Country == "" {
				e.Country = country
			}
			af.learn(name, e)
		}
		if owner != nil {
			e.Aliases[af.sents.text(s, owner.Start, end)] = true
		}
		i = end - 1
	}
}

// discoverOrgansOf finds a body of a bloc or an organisation named in lower
// case before it ("the executive committee of Comecon", "the board of the
// Fund"): named after it ("Comecon executive committee"), of its state.
func (af *actorFinder) discoverOrgansOf(s int) {
	toks := af.sents[s].Tokens
	for i, t := range toks {
		if t.IsCapitalized() || !af.x.is(listOrgHead, t) || i+2 >= len(toks) || toks[i+1].Lower != "of" {
			continue
		}
		j := i + 2
		if toks[j].Lower == "the" {
			j++
		}
		m := af.staticAt(s, j)
		if m == nil {
			continue
		}
		def := m.Vals[0].def
		if def.typ != TypeBloc && def.typ != TypeIntlOrg && def.typ != TypeAgency || m.End < len(toks) && toks[m.End].Text == "'s" {
			continue
		}
		start := i
		for start > 0 && toks[start-1].IsWord() && !toks[start-1].IsCapitalized() && !stopWord(toks[start-1].Lower) && !af.x.is(listTitle, toks[start-1]) {
			start--
		}
		if start == 0 || !isDeterminer(toks[start-1].Lower) {
			continue
		}
		name := af.sents.text(s, m.Start, m.End) + " " + af.sents.text(s, start, i+1)
		e, known := af.dynLookup(name)
		if !known {
			e = af.entity(name, TypeAgency)
			e.Country = def.country
			if isState(def) {
				e.state = af.fromDef(def)
			}
			af.learn(name, e)
		}
		af.learn(af.sents.text(s, start, m.End), e)
	}
}

// orgType is the type of an organisation by its head word: a body of firms
// ("Chamber of Commerce"), a party, an outlet ("New China News Agency"), or
// an agency of government.
func orgType(toks []Token, head int) string {
	switch toks[head].Lower {
	case "association", "federation", "chamber":
		return TypeFirmGroup
	case "party":
		return TypeParty
	case "agency":
		if head > 0 && (toks[head-1].Lower == "news" || toks[head-1].Lower == "press") {
			return TypeMedia
		}
	}
	return TypeAgency
}

// commaBefore returns the last comma among tokens [i, head) that no "of"
// precedes, -1 if none.
func commaBefore(toks []Token, i, head int) int {
	c := -1
	for k := i; k < head; k++ {
		switch toks[k].Lower {
		case "of":
			return c
		case ",":
			c = k
		}
	}
	return c
}

// orgHead returns the head word of an organisation's name among tokens
// [i, end): the last one before its "of" ("Chamber of Commerce", "Council
// of Ministers"), else the last one. It is -1 if the run has none, or none
// before its "of", which is then returned too.
func (af *actorFinder) orgHead(toks []Token, i, end int) (head, of int) {
	head = -1
	for k := i; k < end; k++ {
		if toks[k].Lower == "of" {
			if head < 0 {
				return -1, k
			}
			break
		}
		if af.x.is(listOrgHead, toks[k]) && toks[k].IsCapitalized() {
			head = k
		}
	}
	return head, -1
}

// discoverParties finds the parties named by their members ("Congressional
// Democrats", "House Republicans") or by their politics before a word for
// what a party has ("the Progressive Conservative government": the
// Progressive Conservative Party).
func (af *actorFinder) discoverParties(s int) {
	toks := af.sents[s].Tokens
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.IsCapitalized() || !t.IsWord() || af.covered(s, i) || af.x.is(listStopCap, t) ||
			i > 0 && toks[i-1].IsCapitalized() && toks[i-1].IsWord() && !af.x.is(listStopCap, toks[i-1]) {
			continue
		}
		end := i
		for end < len(toks) && toks[end].IsWord() && toks[end].IsCapitalized() && !af.covered(s, end) {
			end++
		}
		last := toks[end-1]
		switch {
		case af.x.is(listPartyMembers, last):
			name := af.sents.text(s, i, end)
			if _, known := af.dynLookup(name); !known {
				af.learn(name, af.entity(name, TypeParty))
			}
		case end < len(toks) && partyHas[toks[end].Lower] && af.allPartyWords(toks, i, end):
			run := af.sents.text(s, i, end)
			e := af.entity(run+" Party", TypeParty)
			af.learn(e.Name, e)
			af.learn(run, e)
		}
		i = end - 1
	}
}

// allPartyWords reports whether tokens [i, end) are all words of the names of parties.
func (af *actorFinder) allPartyWords(toks []Token, i, end int) bool {
	for k := i; k < end; k++ {
		if !af.x.is(listPartyWord, toks[k]) {
			return false
		}
	}
	return end > i
}

// partyHas are what a party has or is, after its name ("the Liberal government").
var partyHas = map[string]bool{
	"government": true, "party": true, "lawmakers": true, "legislators": true, "mps": true, "deputies": true,
	"members": true, "leader": true, "leadership": true, "majority": true, "opposition": true, "senators": true,
	"congressmen": true, "caucus": true, "coalition": true, "administration": true,
}

func (af *actorFinder) dynLookup(name string) (*Entity, bool) {
	toks := Tokenize(name)
	for _, m := range af.dyn.Find(toks) {
		if m.Start == 0 && m.End == len(toks) {
			return m.Vals[0], true
		}
	}
	return nil, false
}

func (af *actorFinder) discoverCompanies(s int) {
	toks := af.sents[s].Tokens
	// "Hitachi Ltd": a company the lexicon knows, written with its legal form
	for _, m := range af.static[s] {
		if def := m.Vals[0].def; def.typ == TypeCompany && m.End < len(toks) && af.x.is(listCompanySuffix, toks[m.End]) {
			af.learn(af.sents.text(s, m.Start, m.End+1), af.fromDef(def))
		}
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// "Acme Corp", "Acme Holdings"
		if t.IsCapitalized() && !af.x.is(listStopCap, t) && !af.covered(s, i) && i > 0 {
			end := capRun(toks, i)
			// "Jane Doe of Acme Trust Co": the firm's name starts after the person's "of"
			if of := af.nameOf(s, i, end); of > 0 {
				i = of
				continue
			}
			if end-i >= 2 && af.x.is(listCompanySuffix, toks[end-1]) {
				name := af.sents.text(s, i, end)
				e := af.entity(name, TypeCompany)
				af.learn(name, e)
				af.learn(af.sents.text(s, i, end-1), e)
				i = end - 1
				continue
			}
		}
		// "Lynas Malaysia": an unknown name followed by the country it trades in.
		if t.IsWord() && t.IsCapitalized() && i > 0 && !af.x.is(listStopCap, t) && !af.covered(s, i) && !isAcronymToken(t.Text) &&
			toks[i-1].Text != "." && !af.x.is(listTitle, t) && !af.x.is(listOrgHead, t) {
			if m := af.staticAt(s, i+1); m != nil && m.Vals[0].def.typ == TypeCountry && m.Vals[0].form == "name" &&
				(m.End >= len(toks) || !toks[m.End].IsCapitalized()) && (i == 0 || !toks[i-1].IsCapitalized()) {
				name := af.sents.text(s, i, m.End)
				e := af.entity(name, TypeCompany)
				af.learn(name, e)
				af.learn(t.Text, e)
			}
		}
		// "carmakers such as Acme and Brandco", "firms including Acme"
		if (t.Lower == "such" && i+1 < len(toks) && toks[i+1].Lower == "as") || t.Lower == "including" {
			j := i + 1
			if t.Lower == "such" {
				j = i + 2
			}
			head := false
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if af.x.is(listFirmHead, toks[k]) {
					head = true
				}
			}
			if !head {
				continue
			}
			for j < len(toks) {
				if toks[j].IsCapitalized() && !af.covered(s, j) {
					end := j
					for end < len(toks) && toks[end].IsWord() && toks[end].IsCapitalized() {
						end++
					}
					name := af.sents.text(s, j, end)
					e := af.entity(name, TypeCompany)
					af.learn(name, e)
					j = end
				} else if m := af.staticAt(s, j); m != nil {
					j = m.End
				} else {
					break
				}
				if j < len(toks) && (toks[j].Text == "," || toks[j].Lower == "and" || toks[j].Lower == "or") {
					j++
					continue
				}
				break
			}
		}
	}
}

// nameOf returns the "of" among tokens [i, end) of sentence s that joins a
// person to the firm ("Jane Doe of Acme Trust Co"), not a firm to its
// state ("Acme Bank of Canada Ltd"); 0 if none.
func (af *actorFinder) nameOf(s, i, end int) int {
	toks := af.sents[s].Tokens
	for k := i + 1; k+1 < end; k++ {
		if toks[k].Lower == "of" {
			if m := af.staticAt(s, k+1); m != nil && isState(m.Vals[0].def) {
				return 0
			}
			return k
		}
	}
	return 0
}

// discoverFirmGroups finds "[country or demonym] [modifiers] firms".
func (af *actorFinder) discoverFirmGroups(s int) {
	toks := af.sents[s].Tokens
	for _, m := range af.static[s] {
		def := m.Vals[0].def
		if def.typ != TypeCountry && def.typ != TypeBloc {
			continue
		}
		j := m.End
		// "Brazilian and Argentine poultry exporters"
		if j+1 < len(toks) && toks[j].Lower == "and" {
			if m2 := af.staticAt(s, j+1); m2 != nil && (m2.Vals[0].def.typ == TypeCountry || m2.Vals[0].def.typ == TypeBloc) {
				j = m2.End
			}
		}
		// "Japan's major electronic firms"
		if j+1 < len(toks) && toks[j].Text == "'s" && def.typ == TypeCountry {
			j++
		}
		// "U.S. Semiconductor firms", "U.S. Chipmakers": the wire capitalizes
		// the word after an abbreviation as it would a sentence's first
		capsOK := strings.HasSuffix(toks[j-1].Text, ".")
		k := j
		for k < len(toks) && k-j <= 6 {
			t := toks[k]
			lowerOK := !t.IsCapitalized() || k == j && capsOK && !af.covered(s, k)
			if af.x.is(listFirmHead, t) && lowerOK && (k+1 >= len(toks) || !toks[k+1].IsCapitalized() || !toks[k+1].IsWord()) {
				name := af.sents.text(s, m.Start, k+1)
				// named as written in a sentence, with the wire's capital undone
				if toks[j].IsCapitalized() {
					at := toks[j].Start - toks[m.Start].Start
					name = name[:at] + strings.ToLower(name[at:at+1]) + name[at+1:]
				}
				e := af.entity(name, TypeFirmGroup)
				e.Country = def.country
				if def.typ == TypeCountry {
					e.state = af.fromDef(def)
					e.state.Aliases[af.sents.text(s, m.Start, m.End)] = true
				}
				af.learn(name, e)
				af.learn(af.sents.text(s, m.Start, k+1), e)
				break
			}
			ok := (t.IsWord() && lowerOK && !stopWord(t.Lower)) || isAcronymToken(t.Text) || t.Lower == "and" || t.Text == "-"
			if !ok {
				break
			}
			k++
		}
	}
}

// discoverFunds finds "a national connectivity fund".
func (af *actorFinder) discoverFunds(s int) {
	if !af.mayHave(s, listFundHead) {
		return
	}
	toks := af.sents[s].Tokens
	for i, t := range toks {
		if !af.x.is(listFundHead, t) || t.IsCapitalized() {
			continue
		}
		j := i
		for j > 0 && i-j < 3 && toks[j-1].IsWord() && !toks[j-1].IsCapitalized() && !stopWord(toks[j-1].Lower) {
			j--
		}
		if j == i || j == 0 {
			continue
		}
		if det := toks[j-1].Lower; det != "a" && det != "an" && det != "the" && det != "its" && det != "their" {
			continue
		}
		name := af.sents.text(s, j, i+1)
		e := af.entity(name, TypeFund)
		af.learn(name, e)
	}
}

// discoverMedia finds outlets cited as sources ("according to a report in X").
func (af *actorFinder) discoverMedia(s int) {
	toks := af.sents[s].Tokens
	for i := 0; i+1 < len(toks); i++ {
		l := toks[i].Lower
		if !((l == "in" || l == "by" || l == "from") && i > 0 && (toks[i-1].Lower == "report" || toks[i-1].Lower == "reports" || toks[i-1].Lower == "reported" || toks[i-1].Lower == "story" || toks[i-1].Lower == "interview")) {
			continue
		}
		j := i + 1
		if j+1 < len(toks) && toks[j].Lower == "the" {
			j++
		}
		end := capRun(toks, j)
		if end == j || (end-j == 1 && toks[j].Lower == "the") {
			continue
		}
		// a place name may open an outlet's name ("the Accra Daily Ledger"), not be all of it
		if m := af.staticAt(s, j); af.covered(s, j) && (m == nil || m.End >= end) {
			continue
		}
		name := af.sents.text(s, j, end)
		if _, known := af.dynLookup(name); known {
			continue
		}
		e := af.entity(name, TypeMedia)
		af.learn(name, e)
	}
}

// stopWord: function words that never modify a firm group or fund.
func stopWord(w string) bool {
	switch w {
	case "the", "a", "an", "and", "of", "to", "for", "in", "on", "at", "by", "with", "from", "as", "is", "are", "was",
		"were", "be", "been", "has", "have", "had", "will", "would", "may", "might", "can", "could", "not", "no",
		"that", "this", "these", "those", "its", "their", "his", "her", "our", "which", "who", "whom", "than",
		"or", "but", "if", "so", "such", "also", "into", "over", "under", "about", "after", "before", "said",
		"rather", "instead":
		return true
	}
	return false
}
