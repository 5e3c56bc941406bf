package article

import (
	"strings"
)

// Entity types, as the queries print them.
const (
	TypeCountry   = "country"
	TypeBloc      = "bloc"
	TypeAgency    = "agency"
	TypeOrg       = "organization"
	TypePerson    = "person"
	TypeCompany   = "company"
	TypeFirmGroup = "firm_group"
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
	countries   map[string]*entityDef // by ISO code
	instByID    map[string]*Instrument
	sectorByKey map[string]*Sector
	words       map[string]map[string]bool // word lists by role, lower-cased
}

// NewExtractor compiles lex.
func NewExtractor(lex *Lexicon) *Extractor {
	x := &Extractor{
		lex:         lex,
		names:       newGazetteer[nameHit](false),
		instruments: newGazetteer[*Instrument](true),
		sectors:     newGazetteer[*Sector](true),
		cues:        newGazetteer[cueHit](true),
		countries:   map[string]*entityDef{},
		instByID:    map[string]*Instrument{},
		sectorByKey: map[string]*Sector{},
		words:       map[string]map[string]bool{},
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
	for _, c := range lex.Countries {
		d := &entityDef{name: c.Name, typ: TypeCountry, country: c.Code, aliases: c.Aliases}
		x.countries[c.Code] = d
		addForms(d, c.Aliases, c.Demonyms, c.Capital)
	}
	for _, b := range lex.Blocs {
		addForms(&entityDef{name: b.Name, typ: TypeBloc, aliases: b.Aliases}, b.Aliases, b.Demonyms, "")
	}
	orgs := func(list []Org, typ string) {
		for _, o := range list {
			t := typ
			if o.Type == "organization" {
				t = TypeOrg
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
	for _, g := range lex.FirmGroups {
		addForms(&entityDef{name: g, typ: TypeFirmGroup}, nil, nil, "")
	}
	for i := range lex.Instruments {
		in := &lex.Instruments[i]
		x.instByID[in.ID] = in
		for _, t := range in.Terms {
			x.instruments.Add(t, in)
		}
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
	set := func(name string, list []string) {
		m := map[string]bool{}
		for _, w := range list {
			m[strings.ToLower(w)] = true
		}
		x.words[name] = m
	}
	set("title", lex.PersonTitles)
	set("orghead", lex.OrgHeads)
	set("companysuffix", lex.CompanySuffix)
	set("firmhead", lex.FirmHeads)
	set("agreementhead", lex.AgreementHead)
	set("agreementmod", lex.AgreementMods)
	set("fundhead", lex.FundHeads)
	set("negation", c.Negation)
	set("verbnegation", c.VerbNegation)
	set("exchange", c.Exchange)
	set("removal", c.Removal)
	set("target", c.Target)
	return x
}

// is reports whether word (any case) is in the named word list.
func (x *Extractor) is(list, word string) bool { return x.words[list][strings.ToLower(word)] }
