package article

import (
	"slices"
	"strings"
)

// Agreements the text names by a noun phrase rather than a proper name:
// "the July 1986 U.S.-Japan semiconductor pact", "a bilateral accord",
// later "the pact". A phrase that names two parties is an agreement of
// those parties; one that names none is the document's main agreement.

// agreementPhrase is a noun phrase headed by an agreement word.
type agreementPhrase struct {
	s, det, start, core, end int       // sentence; determiner, phrase, the phrase after its date, end
	subject                  int       // the words after the parties ("semiconductor pact")
	named                    int       // the parties and what follows ("U.S.-Japan pact" of "a recent U.S.-Japan pact")
	parties                  []*Entity // the states or blocs its modifiers name ("U.S.-Japan")
}

// maxAgreementMods bounds the lower-case modifiers of an agreement head:
// "bilateral free trade agreement", not a clause that happens to end in "deal".
const maxAgreementMods = 3

// months open a dated agreement phrase ("the July 1986 agreement").
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true,
	"sept.": true, "oct.": true, "nov.": true, "dec.": true,
}

// agreementPhraseAt walks left from the agreement head at i over the
// phrase's modifiers: subject words ("semiconductor"), parties ("U.S.-Japan",
// "Canadian-U.S."), a date ("July 1986"), up to a determiner.
func (af *actorFinder) agreementPhraseAt(s, i int) (agreementPhrase, bool) {
	toks := af.sents[s].Tokens
	p := agreementPhrase{s: s, det: -1, end: i + 1, subject: -1, named: -1}
	j, mods := i, 0
	for j > 0 {
		t := toks[j-1]
		if m := af.staticEndingAt(s, j); m != nil {
			if def := m.Vals[0].def; def.typ == TypeCountry || def.typ == TypeBloc {
				if p.subject < 0 {
					p.subject = m.End
				}
				p.parties = append(p.parties, af.fromDef(def))
				j = m.Start
				p.named = j
				continue
			}
			break
		}
		switch {
		case t.Text == "-" && len(p.parties) > 0:
		case isDigitWord(t.Text) && (len(t.Text) == 4 || j > 1 && months[toks[j-2].Lower]) || months[t.Lower] && t.IsCapitalized():
		case af.x.is(listAgreementMod, t) || af.x.is(listAgreementHead, t) || t.Text == "-":
		case t.IsWord() && !t.IsCapitalized() && !isDigitWord(t.Text) && !stopWord(t.Lower) && !isDeterminer(t.Lower) && mods < maxAgreementMods &&
			!af.x.is(listSaid, t) && !strings.HasSuffix(t.Lower, "ly"):
			mods++
		default:
			goto done
		}
		j--
	}
done:
	// a dash or a trailing modifier run that ends at a capitalized name is part of that name
	for j < i && toks[j].Text == "-" {
		j++
	}
	p.start = j
	if j > 0 && (isDeterminer(toks[j-1].Lower) || toks[j-1].Text == "'s") {
		p.det = j - 1
	}
	p.core = j
	for p.core < i && (isDigitWord(toks[p.core].Text) || months[toks[p.core].Lower]) {
		p.core++
	}
	if p.subject < 0 || p.subject < p.core {
		p.subject = p.core
	}
	for p.subject < i && toks[p.subject].Text == "-" {
		p.subject++
	}
	if p.named < p.core {
		p.named = p.core
	}
	bare := j == i
	if bare && !(toks[i].Lower == "deal" || toks[i].Lower == "agreement" || toks[i].Lower == "pact" || toks[i].Lower == "accord" || toks[i].Lower == "framework") {
		return p, false
	}
	// "reached agreement on": no determiner, no parties, no date, no entity
	return p, p.det >= 0 || len(p.parties) >= 2 || p.core > p.start
}

// staticEndingAt returns the lexicon name of sentence s that ends at token j.
func (af *actorFinder) staticEndingAt(s, j int) *Match[nameHit] {
	for k := range af.static[s] {
		if af.static[s][k].End == j {
			return &af.static[s][k]
		}
	}
	return nil
}

// findDeal resolves agreement phrases: those naming two parties to the
// agreement of those parties, the others ("the deal", "a 1986 accord") to
// the agreement the article names, or to one named after its two parties.
func (af *actorFinder) findDeal() {
	for _, e := range af.order {
		if e.Type == TypeAgreement && e.count > 0 {
			af.deal = e
			break
		}
	}
	var generic []agreementPhrase
	for s := range af.sents {
		if !af.mayHave(s, listAgreementHead) {
			continue
		}
		toks := af.sents[s].Tokens
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if t.IsCapitalized() && i > 0 || !af.x.is(listAgreementHead, t) || af.mentionAt(s, i) != nil {
				continue
			}
			if i+1 < len(toks) && af.x.is(listAgreementHead, toks[i+1]) {
				continue // "framework agreement": the phrase ends at the last head
			}
			p, ok := af.agreementPhraseAt(s, i)
			switch {
			case !ok:
			case len(p.parties) >= 2:
				af.mentionAgreement(p, af.partiesAgreement(p))
			case strings.HasSuffix(t.Lower, "s"):
				// "trade pacts" are agreements in general, not the article's
			default:
				generic = append(generic, p)
			}
		}
	}
	for _, p := range generic {
		if af.deal == nil {
			if len(af.parties) < 2 {
				return
			}
			a, b := af.parties[0], af.parties[1]
			if a.first > b.first {
				a, b = b, a
			}
			name := af.sents.text(p.s, p.subject, p.end)
			if p.subject == p.end-1 {
				name = "trade " + name
			}
			af.deal = af.entity(shortName(a)+"–"+shortName(b)+" "+name, TypeAgreement)
		}
		af.mentionAgreement(p, af.deal)
	}
}

// partiesAgreement is the agreement of the parties a phrase names: the
// article's main agreement when they are its two parties and it has one,
// else one named by the phrase.
func (af *actorFinder) partiesAgreement(p agreementPhrase) *Entity {
	if af.deal != nil && len(af.parties) == 2 && slices.Contains(p.parties, af.parties[0]) && slices.Contains(p.parties, af.parties[1]) {
		return af.deal
	}
	for _, e := range af.order {
		if e.Type == TypeAgreement && sameParties(e.parties, p.parties) {
			return e
		}
	}
	e := af.entity(af.sents.text(p.s, p.named, p.end), TypeAgreement)
	e.parties = p.parties
	if af.deal == nil && len(af.parties) == 2 && slices.Contains(p.parties, af.parties[0]) && slices.Contains(p.parties, af.parties[1]) {
		af.deal = e
	}
	return e
}

func sameParties(a, b []*Entity) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for _, e := range a {
		if !slices.Contains(b, e) {
			return false
		}
	}
	return true
}

// mentionAgreement records phrase p as a mention of e, under each form the
// text gives it: with its determiner ("the pact"), without, and without
// its date ("semiconductor agreement" of "a July 1986 semiconductor agreement").
func (af *actorFinder) mentionAgreement(p agreementPhrase, e *Entity) {
	start := p.start
	if p.det >= 0 && af.sents[p.s].Tokens[p.det].Text != "'s" {
		start = p.det
	}
	af.insertMention(p.s, Mention{Start: start, End: p.end, Ent: e, Form: "reference"})
	for _, from := range []int{start, p.start, p.core, p.named} {
		if form := af.sents.text(p.s, from, p.end); form != e.Name {
			e.Aliases[form] = true
		}
	}
	e.count++
}
