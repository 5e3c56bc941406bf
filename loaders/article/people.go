package article

import "strings"

// People named beside a role: by a title and a surname alone ("President
// Reagan"), by a title with its portfolio ("Secretary of State George
// Shultz"), or with the role set off by commas after or before the name
// ("Jane Doe, deputy director of the Agency, said"; "the Agency's chief
// negotiator, Jane Doe, said").

// nameParticles are the lower-case words inside a person's name ("Willy de
// Clercq", "Ursula von der Leyen").
var nameParticles = map[string]bool{
	"de": true, "van": true, "von": true, "der": true, "den": true, "da": true, "di": true, "du": true,
	"le": true, "la": true, "bin": true, "binti": true, "al": true, "ter": true, "dos": true, "das": true,
}

// notNames are capitalized words that end a person's name: what follows a
// state's name for a member of its parties or of its institutions ("the
// Texas Democrat", "Waseda University").
var notNames = map[string]bool{
	"democrat": true, "democrats": true, "republican": true, "republicans": true, "conservative": true,
	"liberal": true, "socialist": true, "university": true, "institution": true, "institute": true,
	"ministers": true, "officials": true, "securities": true, "brothers": true, "review": true, "west": true,
}

// afterNonName reports whether the word before a name at i shows it is no
// person's: an article ("the Texas Democrat") or "of" ("Secretary of State
// Jane Doe" is read as a title by discoverPeople).
func afterNonName(toks []Token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].Lower {
	case "the", "a", "an", "of":
		return true
	}
	return false
}

// learnLeaders registers the surname of each head of state or of
// government the text names in full, as it does for the people it finds.
func (af *actorFinder) learnLeaders() {
	for s := range af.sents {
		for _, m := range af.static[s] {
			if def := m.Vals[0].def; def.typ == TypePerson {
				af.learn(def.surname, af.fromDef(def))
			}
		}
	}
}

// titledSurname is a title followed by one name ("President Reagan") at
// tokens [title, end) of sentence s.
type titledSurname struct{ s, roleStart, title, name, end int }

// titleOf extends a title over the words that continue it ("Director
// General", "Vice-Minister") and returns its end.
func (af *actorFinder) titleOf(toks []Token, te int) int {
	for te < len(toks) {
		switch {
		case af.x.is(listTitle, toks[te]) || toks[te].Lower == "general":
			te++
		case toks[te].Text == "-" && te+1 < len(toks) && (af.x.is(listTitle, toks[te+1]) || toks[te+1].Lower == "general"):
			te += 2
		default:
			return te
		}
	}
	return te
}

// resolveTitledSurnames makes a person of each "President Reagan": the one
// of that surname the text names in full, or a person named by the surname.
func (af *actorFinder) resolveTitledSurnames(found []titledSurname) {
	for _, f := range found {
		surname := af.sents.text(f.s, f.name, f.end)
		titled := af.sents.text(f.s, f.title, f.end)
		person, known := af.dynLookup(surname)
		if !known || person.Type != TypePerson {
			person = af.leaderCalled(af.sents[f.s].Tokens[f.title], surname)
		}
		if person == nil {
			person = af.entity(surname, TypePerson)
		}
		af.learn(surname, person)
		af.learn(titled, person)
		if person.Role == "" {
			person.Role = af.sents.text(f.s, f.roleStart, f.name)
		}
	}
}

// honorifics are the titles that go with anyone's surname.
var honorifics = map[string]bool{"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true}

// leaderCalled returns the head of state or of government in office when
// the text was written whom an honorific and a surname name ("Mrs
// Thatcher"); nil if none or several.
func (af *actorFinder) leaderCalled(title Token, surname string) *Entity {
	if !honorifics[title.Lower] {
		return nil
	}
	var found *entityDef
	for _, def := range af.x.leaders[surname] {
		if def.termAt(af.year) != nil {
			if found != nil {
				return nil
			}
			found = def
		}
	}
	if found == nil {
		return nil
	}
	return af.fromDef(found)
}

// roleAfter returns the role phrase that begins at j, after a name and its
// comma ("vice minister of ...", "the EC's trade commissioner", "an
// economist at ..."), and the organisation it names; end is 0 if none.
func (af *actorFinder) roleAfter(s, j int) (start, end int, org *Entity) {
	toks := af.sents[s].Tokens
	if j < len(toks) && (toks[j].Lower == "the" || toks[j].Lower == "a" || toks[j].Lower == "an") {
		j++
	}
	// "the EC's", "MITI's": the organisation comes first
	if m := af.staticAt(s, j); m != nil && m.End < len(toks) && toks[m.End].Text == "'s" {
		org = af.fromDef(m.Vals[0].def)
		j = m.End + 1
	}
	for k := j; k < len(toks) && k < j+4; k++ {
		t := toks[k]
		if af.x.is(listTitle, t) {
			end = af.titleOf(toks, k+1)
			if org == nil {
				org = af.orgAfter(s, end)
			}
			return j, end, org
		}
		if !t.IsWord() || af.x.is(listSaid, t) {
			break
		}
	}
	return 0, 0, nil
}

// orgAfter finds the organisation of "of [the] [state's] Ministry ..." at j.
func (af *actorFinder) orgAfter(s, j int) *Entity {
	toks := af.sents[s].Tokens
	if j >= len(toks) || toks[j].Lower != "of" && toks[j].Lower != "at" {
		return nil
	}
	j++
	if j < len(toks) && toks[j].Lower == "the" {
		j++
	}
	m := af.staticAt(s, j)
	if m == nil {
		return nil
	}
	if m.End+1 < len(toks) && toks[m.End].Text == "'s" {
		if m2 := af.staticAt(s, m.End+1); m2 != nil {
			m = m2
		}
	}
	if def := m.Vals[0].def; def.typ != TypeCountry && def.typ != TypeBloc {
		return af.fromDef(def)
	}
	return nil
}

// titleBefore reports whether a title ends the phrase before the comma at
// tokens[comma] ("the Under Secretary of Commerce, Bruce Smart"), within
// a few words and no other comma.
func (af *actorFinder) titleBefore(toks []Token, comma int) bool {
	for k := comma - 1; k >= 0 && k >= comma-7; k-- {
		t := toks[k]
		if t.Text == "," || af.x.is(listSaid, t) {
			return false
		}
		if af.x.is(listTitle, t) {
			return k > 0 || t.IsCapitalized()
		}
	}
	return false
}

// endsApposition: what may follow a name set off after its role.
func endsApposition(t Token) bool {
	switch t.Lower {
	case ",", ".", "who", "said", "says", "told", "and", ")":
		return true
	}
	return false
}

// discoverAppositions finds the people named beside a role set off by
// commas, after the name or before it.
func (af *actorFinder) discoverAppositions(s int) {
	if !af.mayHave(s, listTitle) {
		return
	}
	toks := af.sents[s].Tokens
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.IsCapitalized() || i > 0 && toks[i-1].IsCapitalized() && toks[i-1].IsWord() {
			continue
		}
		ne := af.nameRun(s, i)
		if ne-i < 2 || af.wordsIn(toks, i, ne) > 3 || ne >= len(toks) || af.employs(toks, ne) || afterNonName(toks, i) {
			continue
		}
		switch {
		case toks[ne].Text == ",":
			rs, re, org := af.roleAfter(s, ne+1)
			if re == 0 {
				if i > 0 && toks[i-1].Text == "," && af.titleBefore(toks, i-1) {
					af.learnPerson(af.entity(af.sents.text(s, i, ne), TypePerson))
				}
				continue
			}
			person := af.entity(af.sents.text(s, i, ne), TypePerson)
			af.learnPerson(person)
			if person.Role == "" {
				person.Role = af.sents.text(s, rs, re)
				person.Org = org
			}
		case i > 0 && toks[i-1].Text == "," && endsApposition(toks[ne]) && af.titleBefore(toks, i-1):
			af.learnPerson(af.entity(af.sents.text(s, i, ne), TypePerson))
		}
		i = ne - 1
	}
}

// wordsIn counts the capitalized words of a name, not its particles.
func (af *actorFinder) wordsIn(toks []Token, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if toks[k].IsCapitalized() {
			n++
		}
	}
	return n
}

// employs reports whether the name ending before j is followed by a job in
// lower case ("Merrill Lynch analyst"): the name is then the employer's.
func (af *actorFinder) employs(toks []Token, j int) bool {
	return j < len(toks) && !toks[j].IsCapitalized() && af.x.is(listTitle, toks[j])
}

// employerEnd returns the end of the employer's name ending at or after j
// when a job in lower case follows it, over the capitalized words that end
// a firm's name ("said Acme Securities economist Jane Doe"); 0 if none.
func (af *actorFinder) employerEnd(toks []Token, j int) int {
	k := j
	for k < len(toks) && k-j < 6 {
		t := toks[k]
		// "said Acme Bank of Canada Ltd economist Jane Doe"
		joins := (t.Lower == "of" || t.Lower == "and" || t.Text == "&") && k+1 < len(toks) && toks[k+1].IsCapitalized()
		if !joins && !(t.IsWord() && t.IsCapitalized() && !af.x.is(listTitle, t)) {
			break
		}
		k++
	}
	if af.employs(toks, k) {
		return k
	}
	return 0
}

// outletName reports whether the name at tokens [i, j) is an outlet's: it
// ends in an outlet's word ("Cable News Network") or one follows it ("the
// Business Daily newspaper").
func (af *actorFinder) outletName(toks []Token, i, j int) bool {
	if j > i && toks[j-1].IsCapitalized() && af.x.is(listMediaHead, toks[j-1]) {
		return true
	}
	return j < len(toks) && !toks[j].IsCapitalized() && af.x.is(listMediaHead, toks[j])
}

// firmJobs are the jobs held at firms, not in a legislature ("the Senate
// leader Jane Doe of West Virginia").
var firmJobs = map[string]bool{
	"analyst": true, "economist": true, "strategist": true, "chief": true, "executive": true, "dealer": true,
	"trader": true, "broker": true, "director": true, "manager": true, "partner": true,
}

// employerAfter makes a company of the name after the "of" at j ("an
// analyst, Jane Doe of Acme Lufkin and Brandco"), unless the lexicon or the
// text knows it or it is a body's.
func (af *actorFinder) employerAfter(s, j int) {
	toks := af.sents[s].Tokens
	if j+1 >= len(toks) || toks[j].Lower != "of" || !toks[j+1].IsCapitalized() || af.covered(s, j+1) {
		return
	}
	end := capRun(toks, j+1)
	if end-(j+1) < 2 {
		return
	}
	for k := j + 1; k < end; k++ {
		if af.covered(s, k) || af.x.is(listOrgHead, toks[k]) || af.x.is(listTitle, toks[k]) {
			return
		}
	}
	if name := af.sents.text(s, j+1, end); !af.known(name) {
		af.learn(name, af.entity(name, TypeCompany))
	}
}

// bodyAfter reports whether a noun in lower case for a body follows the
// name ending before j ("the Economic Policy subcommittee").
func (af *actorFinder) bodyAfter(toks []Token, j int) bool {
	if j >= len(toks) || toks[j].IsCapitalized() {
		return false
	}
	t := toks[j]
	return af.x.is(listOrgHead|listMediaHead|listFirmHead, t) || strings.HasSuffix(t.Lower, "committee")
}

// known reports whether the text has named an actor so.
func (af *actorFinder) known(name string) bool {
	_, ok := af.dynLookup(name)
	return ok
}

// learnOutlet registers an outlet the text names beside a person's role or
// a verb of saying.
func (af *actorFinder) learnOutlet(name string) {
	if _, known := af.dynLookup(name); !known {
		af.learn(name, af.entity(name, TypeMedia))
	}
}
