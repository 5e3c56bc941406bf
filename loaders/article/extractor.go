package article

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// Entity types, as the queries print them.
const (
	TypeCountry   = "country"
	TypeBloc      = "bloc"
	TypeAgency    = "agency"
	TypeIntlOrg   = "international_organization"
	TypePerson    = "person"
	TypeCompany   = "company"
	TypeFirmGroup = "firm_group"
	TypeParty     = "political_party"
	TypeMedia     = "media"
	TypeFund      = "fund"
	TypeAgreement = "agreement"
)

// cueKind classifies a cue phrase.
type cueKind int

const (
	cueConcede cueKind = iota + 1
	cueConcedeNoun
	cueReceive
	cueRetain
	cueRestrict
	cueSurrender
	cueReject
	cueRetainedState
	cueNegation
	cueHedge
	cuePairing
	cueReciprocity
	cueContrast
	cueReport
)

// isVerb reports cues that govern a measure.
func (k cueKind) governs() bool {
	switch k {
	case cueConcede, cueConcedeNoun, cueReceive, cueRetain, cueRestrict, cueSurrender, cueReject, cueRetainedState:
		return true
	}
	return false
}

type cueHit struct {
	kind  cueKind
	lemma string
}

// entityDef is an actor the lexicon knows.
type entityDef struct {
	name    string
	typ     string
	country string // ISO code of the state an agency or company belongs to
	aliases []string

	// of a head of state or of government
	org     *entityDef // the state or bloc a person acts for in office
	terms   []term
	surname string
}

// term is the years an office was held, both included; to is 0 while held.
type term struct {
	office   string
	from, to int
}

// termAt returns the office def holds in year, nil if none; in a year not
// known (0), the last it held.
func (def *entityDef) termAt(year int) *term {
	var held *term
	for i := range def.terms {
		t := &def.terms[i]
		if year == 0 && (held == nil || t.from > held.from) || year != 0 && t.from <= year && (t.to == 0 || year <= t.to) {
			held = t
		}
	}
	return held
}

// lastTerm returns the year def last began a term.
func (def *entityDef) lastTerm() int {
	last := 0
	for _, t := range def.terms {
		last = max(last, t.from)
	}
	return last
}

// nameHit is a lexicon actor found under one of its surface forms.
type nameHit struct {
	def  *entityDef
	form string // name, alias, demonym, capital
}

// Extractor turns documents into facts with one compiled lexicon. It is
// safe for concurrent use.
type Extractor struct {
	lex         *Lexicon
	names       *gazetteer[nameHit]
	instruments *gazetteer[*Instrument]
	sectors     *gazetteer[*Sector]
	cues        *gazetteer[cueHit]
	countries   map[string]*entityDef   // by ISO code
	leaders     map[string][]*entityDef // heads of state and of government, by surname
	instByID    map[string]*Instrument
	termWords   map[*Instrument]map[string]bool
	sectorByKey map[string]*Sector
	words       map[string]word     // the lexicon's words, lower-cased
	oneByte     [utf8.RuneSelf]word // those of one ASCII byte, such as punctuation, without hashing
	abbr        map[string]bool     // abbreviations, lower-cased
	tightening  map[string]bool     // the lemmas of cues that impose or tighten a restriction
	reducing    map[string]bool     // the lemmas of verbs that cut back ("curb output")
	violating   map[string]bool     // and of verbs that break an agreement ("violated the pact")
	reporting   map[string]bool     // the lemmas of verbs that report what another says
	syntax      *syntax.Model
	scratch     sync.Pool // of *scratch, for the next document
}

// tags are what the lexicon says of one word: the word lists it is in and,
// when it is a cue phrase of one word, what kind of cue. Extract looks each
// token up once, so that the rules test a bit rather than a map.
type tags uint32

// Word lists.
const (
	listTitle tags = 1 << iota
	listOrgHead
	listCompanySuffix
	listFirmHead
	listAgreementHead
	listAgreementMod
	listFundHead
	listNegation
	listVerbNegation
	listExchange
	listRemoval
	listTarget
	listPartyWord
	listPartyMembers
	listMediaHead

	// the rules' own word lists (stopCaps, connectors ...)
	listStopCap
	listConnector
	listSubordinator
	listAsPhrase
	listClauseOpener
	listSaid

	// cue phrases of one word
	tagCue
	tagHedge
	tagConcessionNoun

	// words that may start a phrase of a gazetteer
	startsName
	startsInstrument
	startsSector
	startsCue

	// the token's shape: it starts with a letter or digit, or with a capital
	tagWord
	tagUpper

	// tagged marks a token looked up, so that no tags at all is not mistaken for one not yet looked up
	tagged
)

// NewExtractor compiles lex and loads the syntactic model the rules read
// sentences with.
func NewExtractor(lex *Lexicon) (*Extractor, error) {
	x := &Extractor{
		lex:         lex,
		names:       newGazetteer[nameHit](false),
		instruments: newGazetteer[*Instrument](true),
		sectors:     newGazetteer[*Sector](true),
		cues:        newGazetteer[cueHit](true),
		countries:   map[string]*entityDef{},
		leaders:     map[string][]*entityDef{},
		instByID:    map[string]*Instrument{},
		termWords:   map[*Instrument]map[string]bool{},
		sectorByKey: map[string]*Sector{},
		words:       map[string]word{},
		abbr:        abbreviations(lex),
	}
	addForms := func(d *entityDef, aliases, demonyms []string, capital string) {
		x.names.Add(d.name, nameHit{d, "name"})
		for _, a := range aliases {
			x.names.Add(a, nameHit{d, "alias"})
		}
		for _, a := range demonyms {
			x.names.Add(a, nameHit{d, "demonym"})
		}
		if capital != "" {
			x.names.Add(capital, nameHit{d, "capital"})
		}
	}
	states := map[string]*entityDef{} // by ISO code and by name
	for _, c := range lex.Countries {
		d := &entityDef{name: c.Name, typ: TypeCountry, country: c.Code, aliases: c.Aliases}
		x.countries[c.Code] = d
		states[c.Code], states[c.Name] = d, d
		addForms(d, c.Aliases, c.Demonyms, c.Capital)
	}
	for _, b := range lex.Blocs {
		d := &entityDef{name: b.Name, typ: TypeBloc, aliases: b.Aliases}
		states[b.Name] = d
		addForms(d, b.Aliases, b.Demonyms, "")
	}
	orgs := func(list []Org, typ string) {
		for _, o := range list {
			t := typ
			// "organization" is the older name of the type
			if o.Type == TypeIntlOrg || o.Type == "organization" {
				t = TypeIntlOrg
			}
			aliases := o.Aliases
			// "Department of Trade and Industry (Philippines)" is written without its qualifier
			if i := strings.LastIndex(o.Name, " ("); i > 0 && strings.HasSuffix(o.Name, ")") {
				aliases = append([]string{o.Name[:i]}, aliases...)
			}
			addForms(&entityDef{name: o.Name, typ: t, country: o.Country, aliases: aliases}, aliases, nil, "")
		}
	}
	orgs(lex.Agencies, TypeAgency)
	orgs(lex.Media, TypeMedia)
	orgs(lex.Companies, TypeCompany)
	x.addLeaders(lex.Leaders, states)
	for _, g := range lex.FirmGroups {
		addForms(&entityDef{name: g, typ: TypeFirmGroup}, nil, nil, "")
	}
	for i := range lex.Instruments {
		in := &lex.Instruments[i]
		x.instByID[in.ID] = in
		x.termWords[in] = termWords(in)
		for _, t := range in.Terms {
			x.instruments.Add(t, in)
		}
	}
	for _, t := range lex.NonMeasures {
		x.instruments.Add(t, notAMeasure) // "standards of living" outmatches "standards"
	}
	for i := range lex.Sectors {
		s := &lex.Sectors[i]
		x.sectorByKey[s.Name] = s
		x.sectors.Add(s.Name, s)
		for _, t := range s.Terms {
			x.sectors.Add(t, s)
		}
	}
	c := lex.Cues
	verbs := func(list []string, k cueKind) {
		for _, l := range list {
			for _, f := range verbForms(l) {
				x.cues.Add(f, cueHit{k, l})
			}
		}
	}
	phrases := func(list []string, k cueKind) {
		for _, l := range list {
			x.cues.Add(l, cueHit{k, l})
		}
	}
	verbs(c.Concede, cueConcede)
	phrases(c.ConcedeNouns, cueConcedeNoun)
	verbs(c.Receive, cueReceive)
	verbs(c.Retain, cueRetain)
	verbs(c.Restrict, cueRestrict)
	verbs(c.Surrender, cueSurrender)
	verbs(c.Reject, cueReject)
	phrases(c.RetainedStates, cueRetainedState)
	phrases(c.Hedge, cueHedge)
	phrases(c.Pairing, cuePairing)
	phrases(c.Reciprocity, cueReciprocity)
	phrases(c.Contrast, cueContrast)
	verbs(c.Report, cueReport)
	phrases(c.Negation, cueNegation)
	set := func(list tags, words []string) {
		for _, w := range words {
			x.mark(strings.ToLower(w), list)
		}
	}
	set(listTitle, lex.PersonTitles)
	set(listOrgHead, lex.OrgHeads)
	set(listCompanySuffix, lex.CompanySuffix)
	set(listFirmHead, lex.FirmHeads)
	set(listAgreementHead, lex.AgreementHead)
	set(listAgreementMod, lex.AgreementMods)
	set(listFundHead, lex.FundHeads)
	set(listNegation, c.Negation)
	set(listVerbNegation, c.VerbNegation)
	set(listExchange, c.Exchange)
	set(listRemoval, c.Removal)
	x.tightening = map[string]bool{"raise": true, "increase": true}
	x.reducing = words(lex.ReducingVerbs...)
	x.violating = words(lex.Violating...)
	x.reporting = words(c.Report...)
	for _, w := range c.Restrict {
		x.tightening[w] = true
	}
	set(listTarget, c.Target)
	set(listPartyWord, lex.PartyWords)
	set(listPartyMembers, lex.PartyMembers)
	set(listMediaHead, lex.MediaHeads)
	for list, words := range map[tags]map[string]bool{listStopCap: stopCaps, listConnector: connectors,
		listSubordinator: subordinators, listAsPhrase: asPhrase, listClauseOpener: clauseOpeners, listSaid: saidWords} {
		for w := range words {
			x.mark(w, list)
		}
	}
	x.names.markFirst(x.mark, startsName)
	x.instruments.markFirst(x.mark, startsInstrument)
	x.sectors.markFirst(x.mark, startsSector)
	x.cues.markFirst(x.mark, startsCue)
	// number the words, so that gazetteers find the first word of a tagged
	// token in a slice rather than a map
	keys := make([]string, 0, len(x.words))
	for k := range x.words {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		w := x.words[k]
		w.num = int32(i + 1)
		x.words[k] = w
		if len(k) == 1 && k[0] < utf8.RuneSelf {
			x.oneByte[k[0]] = w
		}
	}
	num := func(k string) int32 { return x.words[k].num }
	x.names.indexFirst(num, len(keys))
	x.instruments.indexFirst(num, len(keys))
	x.sectors.indexFirst(num, len(keys))
	x.cues.indexFirst(num, len(keys))
	m, err := syntax.Default()
	if err != nil {
		return nil, err
	}
	x.syntax = m
	return x, nil
}

// addLeaders registers the heads of state and of government under their
// names, their spellings and the titles of their offices with their
// surname ("Chancellor Kohl").
func (x *Extractor) addLeaders(leaders []Leader, states map[string]*entityDef) {
	people := map[string]*entityDef{}
	added := map[string]bool{}
	add := func(phrase string, h nameHit) {
		if key := phrase + "\x00" + h.def.name; !added[key] {
			added[key] = true
			x.names.Add(phrase, h)
		}
	}
	for _, l := range leaders {
		d := people[l.Name]
		if d == nil {
			d = &entityDef{name: l.Name, typ: TypePerson, aliases: l.Aliases, org: states[l.Of], surname: l.Surname}
			if d.surname == "" {
				f := strings.Fields(l.Name)
				d.surname = f[len(f)-1]
			}
			people[l.Name] = d
			x.leaders[d.surname] = append(x.leaders[d.surname], d)
			for _, v := range spellings(l.Name) {
				add(v, nameHit{d, "name"})
			}
			for _, a := range l.Aliases {
				for _, v := range spellings(a) {
					add(v, nameHit{d, "alias"})
				}
			}
		}
		d.terms = append(d.terms, term{l.Office, l.From, l.To})
		// "President Chun Doo-hwan" as well as "President Chun", so that the
		// title and surname do not cut the full name short
		names := append([]string{d.surname, l.Name}, l.Aliases...)
		for _, title := range officeTitles(l.Office) {
			for _, n := range names {
				for _, v := range spellings(n) {
					add(title+" "+v, nameHit{d, "alias"})
				}
			}
		}
	}
}

// officeTitles are the titles a holder of office is named with before the
// surname ("Premier Zhao", "Prime Minister Zhao"); none for an office
// written in lower case, such as "leader".
func officeTitles(office string) []string {
	switch office {
	case "Prime Minister", "Premier":
		return []string{"Prime Minister", "Premier"}
	case "Vice President":
		return []string{"Vice President", "Vice-President"}
	case "Commission President":
		return []string{"Commission President", "President"}
	}
	if !startsUpper(office) {
		return nil
	}
	return []string{office}
}

// spellings returns a name as written, without its accents ("Chretien"),
// and with a space for each hyphen ("Chun Doo Hwan").
func spellings(name string) []string {
	out := []string{name}
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if plain, _, err := transform.String(stripAccents, name); err == nil {
		add(plain)
	}
	for _, v := range slices.Clone(out) {
		if strings.Contains(v, "-") {
			words := strings.Split(v, "-")
			for i := 1; i < len(words); i++ {
				r, n := utf8.DecodeRuneInString(words[i])
				words[i] = string(unicode.ToUpper(r)) + words[i][n:]
			}
			add(strings.Join(words, " "))
		}
	}
	return out
}

// stripAccents takes the accents off letters ("é" to "e").
var stripAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// word is what the lexicon says of a lower-cased word.
type word struct {
	tags tags
	num  int32 // the word's number, from 1
}

// mark adds tag to the tags of word w.
func (x *Extractor) mark(w string, tag tags) {
	e := x.words[w]
	e.tags |= tag
	x.words[w] = e
}

// lookup looks token t up in the word lists and among the cue phrases of
// one word; it returns its tags and the number of its word.
func (x *Extractor) lookup(t Token) (tags, int32) {
	var w word
	if len(t.Lower) == 1 && t.Lower[0] < utf8.RuneSelf {
		w = x.oneByte[t.Lower[0]]
	} else {
		w = x.words[t.Lower]
	}
	tg := w.tags | tagged
	if startsWord(t.Text) {
		tg |= tagWord
	}
	if startsUpper(t.Text) {
		tg |= tagUpper
	}
	if tg&startsCue == 0 && x.cues.root.wild == nil {
		return tg, w.num // no cue phrase starts with this word
	}
	t.tags, t.word = tg, w.num
	for _, h := range x.cues.one(t) {
		tg |= tagCue
		switch h.kind {
		case cueHedge:
			tg |= tagHedge
		case cueConcedeNoun:
			tg |= tagConcessionNoun
		}
	}
	return tg, w.num
}

// tag looks every token up once; it returns the union of their tags.
func (x *Extractor) tag(toks []Token) tags {
	var all tags
	for i := range toks {
		toks[i].tags, toks[i].word = x.lookup(toks[i])
		all |= toks[i].tags
	}
	return all
}

// has reports whether the lexicon gives token t any of the tags,
// from t itself once tagged.
func (x *Extractor) has(t *Token, tg tags) bool {
	own := t.tags
	if own == 0 {
		own = x.lookupTags(t)
	}
	return own&tg != 0
}

func (x *Extractor) lookupTags(t *Token) tags {
	tg, _ := x.lookup(*t)
	return tg
}

// is reports whether token t is in the word list.
func (x *Extractor) is(list tags, t Token) bool { return x.has(&t, list) }

// isWord reports whether word (any case) is in the word list.
func (x *Extractor) isWord(list tags, word string) bool {
	return x.words[strings.ToLower(word)].tags&list != 0
}
