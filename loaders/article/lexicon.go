package article

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradegraph/tradegraph/data"
)

// Lexicon is the vocabulary the extractor runs on. The default one is
// embedded from data/lexicon; users add to it with --lexicon FILE.
type Lexicon struct {
	Countries     []Country           `yaml:"countries"`
	Blocs         []Bloc              `yaml:"blocs"`
	Agencies      []Org               `yaml:"agencies"`
	Media         []Org               `yaml:"media"`
	Companies     []Org               `yaml:"companies"`
	Leaders       []Leader            `yaml:"leaders"`
	Instruments   []Instrument        `yaml:"instruments"`
	NonMeasures   []string            `yaml:"non_measures"`
	Sectors       []Sector            `yaml:"sectors"`
	Cues          Cues                `yaml:"cues"`
	PersonTitles  []string            `yaml:"person_titles"`
	OrgHeads      []string            `yaml:"org_heads"`
	CompanySuffix []string            `yaml:"company_suffixes"`
	FirmHeads     []string            `yaml:"firm_heads"`
	FirmGroups    []string            `yaml:"firm_groups"`
	PartyWords    []string            `yaml:"party_words"`
	MediaHeads    []string            `yaml:"media_heads"`
	PartyMembers  []string            `yaml:"party_members"`
	AgreementHead []string            `yaml:"agreement_heads"`
	AgreementMods []string            `yaml:"agreement_modifiers"`
	FundHeads     []string            `yaml:"fund_heads"`
	VerbInstr     map[string]string   `yaml:"verb_instruments"`
	ReducedObj    map[string]string   `yaml:"reduced_objects"`
	ReducingVerbs []string            `yaml:"reducing_verbs"`
	Violating     []string            `yaml:"violating_verbs"`
	Flows         map[string]FlowRule `yaml:"flows"`
	Boilerplate   Boilerplate         `yaml:"boilerplate"`
	Abbreviations []string            `yaml:"abbreviations"`
}

// Country is a sovereign state or customs territory.
type Country struct {
	Name     string   `yaml:"name"`
	Code     string   `yaml:"code"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Capital  string   `yaml:"capital"`
}

// Bloc is a grouping of states.
type Bloc struct {
	Name     string   `yaml:"name"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Members  []string `yaml:"members"`
}

// Org is a named agency, outlet or company.
type Org struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Country string   `yaml:"country"`
	Type    string   `yaml:"type"`
}

// Leader is one term of a head of state or of government in an office:
// world knowledge, so that "Chancellor Kohl" is the person and acts for the
// state while in office.
type Leader struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Surname string   `yaml:"surname"` // the name a title goes with, when not the last word ("Chun" of "Chun Doo-hwan")
	Of      string   `yaml:"of"`      // the state's ISO code, or the name of a state or bloc
	Office  string   `yaml:"office"`  // "President", "Prime Minister", "Chancellor", "Commission President"
	From    int      `yaml:"from"`    // the years of the term, both included
	To      int      `yaml:"to"`      // 0 while in office
}

// Instrument is a policy instrument of the taxonomy.
type Instrument struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	MAST    string   `yaml:"mast"`
	Generic bool     `yaml:"generic"`
	Terms   []string `yaml:"terms"`
}

// Sector is an economic sector.
type Sector struct {
	Name   string   `yaml:"name"`
	Parent string   `yaml:"parent"`
	Terms  []string `yaml:"terms"`
}

// Cues are the verbs and phrases the fact rules key on.
type Cues struct {
	Concede        []string `yaml:"concede"`
	ConcedeNouns   []string `yaml:"concession_nouns"`
	Removal        []string `yaml:"removal"`
	Target         []string `yaml:"target"`
	Receive        []string `yaml:"receive"`
	Retain         []string `yaml:"retain"`
	Restrict       []string `yaml:"restrict"`
	Surrender      []string `yaml:"surrender"`
	Reject         []string `yaml:"reject"`
	RetainedStates []string `yaml:"retained_states"`
	Negation       []string `yaml:"negation"`
	VerbNegation   []string `yaml:"verb_negation"`
	Exchange       []string `yaml:"exchange"`
	Hedge          []string `yaml:"hedge"`
	Pairing        []string `yaml:"pairing"`
	Reciprocity    []string `yaml:"reciprocity"`
	Contrast       []string `yaml:"contrast"`
	Report         []string `yaml:"report"`
}

// FlowRule maps a trade-flow noun to the instrument it names under a
// restriction or under a retained state.
type FlowRule struct {
	Restrict string `yaml:"restrict"`
	Retain   string `yaml:"retain"`
}

// Boilerplate is page furniture dropped while reading.
type Boilerplate struct {
	Inline   []string `yaml:"inline"`
	Lines    []string `yaml:"lines"`
	Prefixes []string `yaml:"prefixes"`
}

// DefaultLexicon reads the embedded lexicon.
func DefaultLexicon() (*Lexicon, error) {
	lex := &Lexicon{}
	names, err := fs.Glob(data.Lexicon, "lexicon/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(data.Lexicon, name)
		if err != nil {
			return nil, err
		}
		if err := lex.add("data/"+name, b); err != nil {
			return nil, err
		}
	}
	return lex, lex.validate("data/lexicon")
}

// LoadLexicon reads the default lexicon plus the given files.
func LoadLexicon(extra ...string) (*Lexicon, error) {
	lex, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	for _, path := range extra {
		b, err := os.ReadFile(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file", path)
			}
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := lex.add(path, b); err != nil {
			return nil, err
		}
		if err := lex.validate(path); err != nil {
			return nil, err
		}
	}
	return lex, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// add merges one YAML file into the lexicon: lists append, maps merge.
func (l *Lexicon) add(path string, b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%s: empty lexicon file", path)
	}
	var part Lexicon
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&part); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
		msg = strings.Join(strings.Fields(msg), " ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = strings.Replace(msg, m[0], "", 1)
			return fmt.Errorf("%s:%s: %s", path, m[1], msg)
		}
		return fmt.Errorf("%s: %s", path, msg)
	}
	l.Countries = append(l.Countries, part.Countries...)
	l.Blocs = append(l.Blocs, part.Blocs...)
	l.Agencies = append(l.Agencies, part.Agencies...)
	l.Media = append(l.Media, part.Media...)
	l.Companies = append(l.Companies, part.Companies...)
	l.Leaders = append(l.Leaders, part.Leaders...)
	l.Instruments = append(l.Instruments, part.Instruments...)
	l.NonMeasures = append(l.NonMeasures, part.NonMeasures...)
	l.Sectors = append(l.Sectors, part.Sectors...)
	c, p := &l.Cues, part.Cues
	c.Concede = append(c.Concede, p.Concede...)
	c.ConcedeNouns = append(c.ConcedeNouns, p.ConcedeNouns...)
	c.Removal = append(c.Removal, p.Removal...)
	c.Target = append(c.Target, p.Target...)
	c.Receive = append(c.Receive, p.Receive...)
	c.Retain = append(c.Retain, p.Retain...)
	c.Restrict = append(c.Restrict, p.Restrict...)
	c.Surrender = append(c.Surrender, p.Surrender...)
	c.Reject = append(c.Reject, p.Reject...)
	c.RetainedStates = append(c.RetainedStates, p.RetainedStates...)
	c.Negation = append(c.Negation, p.Negation...)
	c.VerbNegation = append(c.VerbNegation, p.VerbNegation...)
	c.Exchange = append(c.Exchange, p.Exchange...)
	c.Hedge = append(c.Hedge, p.Hedge...)
	c.Pairing = append(c.Pairing, p.Pairing...)
	c.Reciprocity = append(c.Reciprocity, p.Reciprocity...)
	c.Contrast = append(c.Contrast, p.Contrast...)
	c.Report = append(c.Report, p.Report...)
	l.PersonTitles = append(l.PersonTitles, part.PersonTitles...)
	l.OrgHeads = append(l.OrgHeads, part.OrgHeads...)
	l.CompanySuffix = append(l.CompanySuffix, part.CompanySuffix...)
	l.FirmHeads = append(l.FirmHeads, part.FirmHeads...)
	l.FirmGroups = append(l.FirmGroups, part.FirmGroups...)
	l.PartyWords = append(l.PartyWords, part.PartyWords...)
	l.MediaHeads = append(l.MediaHeads, part.MediaHeads...)
	l.PartyMembers = append(l.PartyMembers, part.PartyMembers...)
	l.AgreementHead = append(l.AgreementHead, part.AgreementHead...)
	l.AgreementMods = append(l.AgreementMods, part.AgreementMods...)
	l.FundHeads = append(l.FundHeads, part.FundHeads...)
	if l.VerbInstr == nil {
		l.VerbInstr = map[string]string{}
	}
	for k, v := range part.VerbInstr {
		l.VerbInstr[k] = v
	}
	if l.ReducedObj == nil {
		l.ReducedObj = map[string]string{}
	}
	for k, v := range part.ReducedObj {
		l.ReducedObj[k] = v
	}
	l.ReducingVerbs = append(l.ReducingVerbs, part.ReducingVerbs...)
	l.Violating = append(l.Violating, part.Violating...)
	if l.Flows == nil {
		l.Flows = map[string]FlowRule{}
	}
	for k, v := range part.Flows {
		l.Flows[k] = v
	}
	l.Boilerplate.Inline = append(l.Boilerplate.Inline, part.Boilerplate.Inline...)
	l.Boilerplate.Lines = append(l.Boilerplate.Lines, part.Boilerplate.Lines...)
	l.Boilerplate.Prefixes = append(l.Boilerplate.Prefixes, part.Boilerplate.Prefixes...)
	l.Abbreviations = append(l.Abbreviations, part.Abbreviations...)
	return nil
}

// validate checks what YAML types cannot: names present, references known.
func (l *Lexicon) validate(path string) error {
	for i, c := range l.Countries {
		if strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("%s: country #%d has no name", path, i+1)
		}
	}
	for i, b := range l.Blocs {
		if strings.TrimSpace(b.Name) == "" {
			return fmt.Errorf("%s: bloc #%d has no name", path, i+1)
		}
	}
	for i, p := range l.Leaders {
		if strings.TrimSpace(p.Name) == "" || p.Office == "" || p.From == 0 {
			return fmt.Errorf("%s: leader #%d needs a name, an office and the year it began", path, i+1)
		}
		if p.To != 0 && p.To < p.From {
			return fmt.Errorf("%s: leader %q leaves office in %d, before %d", path, p.Name, p.To, p.From)
		}
		if l.stateNamed(p.Of) == "" {
			return fmt.Errorf("%s: leader %q is of unknown state or bloc %q", path, p.Name, p.Of)
		}
	}
	ids := map[string]bool{}
	for i, in := range l.Instruments {
		if in.ID == "" || in.Name == "" {
			return fmt.Errorf("%s: instrument #%d needs an id and a name", path, i+1)
		}
		ids[in.ID] = true
	}
	for word, f := range l.Flows {
		for _, id := range []string{f.Restrict, f.Retain} {
			if id != "" && !ids[id] {
				return fmt.Errorf("%s: flow %q names unknown instrument %q", path, word, id)
			}
		}
	}
	for verb, id := range l.VerbInstr {
		if !ids[id] {
			return fmt.Errorf("%s: verb %q names unknown instrument %q", path, verb, id)
		}
	}
	for noun, id := range l.ReducedObj {
		if !ids[id] {
			return fmt.Errorf("%s: reduced object %q names unknown instrument %q", path, noun, id)
		}
	}
	sectors := map[string]bool{}
	for _, s := range l.Sectors {
		sectors[s.Name] = true
	}
	for _, s := range l.Sectors {
		if s.Parent != "" && !sectors[s.Parent] {
			return fmt.Errorf("%s: sector %q has unknown parent %q", path, s.Name, s.Parent)
		}
	}
	return nil
}

// stateNamed returns the name of the state of ISO code or name s, or of the
// bloc named s; "" if none.
func (l *Lexicon) stateNamed(s string) string {
	for _, c := range l.Countries {
		if c.Code == s || c.Name == s {
			return c.Name
		}
	}
	for _, b := range l.Blocs {
		if b.Name == s {
			return b.Name
		}
	}
	return ""
}
