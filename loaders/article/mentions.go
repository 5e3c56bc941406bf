package article

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// actors is what the mentions stage hands to the later ones: every actor
// the document names and where it names each. The stages after it read
// it and do not change it.
type actors struct {
	order    []*Entity   // every actor found, in the order found
	mentions [][]Mention // of each sentence, by place
	parties  []*Entity   // the two main parties, most mentioned first
	deal     *Entity     // the main agreement, when the text names or implies one
}

// actorFinder is the mentions stage: it finds the actors of a document's
// sentences, from the lexicon and from the names the document itself
// introduces (discover, in entities.go, people.go and agreements.go),
// and every place the text mentions one.
type actorFinder struct {
	actors
	x     *Extractor
	sents sentences
	year  int // of the document's date, 0 if not known
	ents  map[entityKey]*Entity
	byDef map[*entityDef]*Entity
	dyn   *gazetteer[*Entity] // the names discovered, to find them again
	*actorBufs
}

// actorBufs are the mentions stage's buffers, kept for the next document.
type actorBufs struct {
	static       [][]Match[nameHit] // the lexicon's names in each sentence
	names        []Match[nameHit]   // the array static's matches share
	dynFound     []Match[*Entity]   // reused by each sentence
	sentMentions [][]Mention        // the mentions of each sentence
	mentionBuf   []Mention          // the array they share
	cands        []Mention          // reused by each sentence
}

// findActors runs the mentions stage over the sentences of a document
// written in year (0 if not known).
func findActors(x *Extractor, sents sentences, year int, bufs *actorBufs) *actors {
	bufs.static = resize(bufs.static, len(sents))
	bufs.sentMentions = resize(bufs.sentMentions, len(sents))
	bufs.names, bufs.mentionBuf = bufs.names[:0], bufs.mentionBuf[:0]
	af := &actorFinder{x: x, sents: sents, year: year, ents: map[entityKey]*Entity{}, byDef: map[*entityDef]*Entity{},
		dyn: newGazetteer[*Entity](false), actorBufs: bufs}
	af.mentions = bufs.sentMentions
	af.findNames()
	af.discover()
	af.findMentions()
	return &af.actors
}

// findNames finds the lexicon's names in every sentence. A name several
// lexicon actors share goes first to the one of the state the document
// names most; a title several people held ("President Bush") to the one
// in office when the text was written, else the latest.
func (af *actorFinder) findNames() {
	ntoks := 0
	for s := range af.sents {
		ntoks += len(af.sents[s].Tokens)
	}
	// news names an actor every eight tokens or so
	af.names = slices.Grow(af.names, ntoks/8)
	mentioned := map[string]int{}
	for s := range af.sents {
		af.static[s] = dropQuarters(findShared(af.x.names, &af.names, af.sents[s].Tokens), af.sents[s].Tokens)
		for _, m := range af.static[s] {
			if def := m.Vals[0].def; def.typ == TypeCountry {
				mentioned[def.country]++
			}
		}
	}
	for s := range af.static {
		for k, m := range af.static[s] {
			if len(m.Vals) < 2 {
				continue
			}
			vals := append([]nameHit{}, m.Vals...)
			sort.SliceStable(vals, func(i, j int) bool { return mentioned[vals[i].def.country] > mentioned[vals[j].def.country] })
			sort.SliceStable(vals, func(i, j int) bool {
				a, b := vals[i].def, vals[j].def
				if a.typ != TypePerson || b.typ != TypePerson {
					return false
				}
				if ia, ib := a.termAt(af.year) != nil, b.termAt(af.year) != nil; ia != ib {
					return ia
				}
				return a.lastTerm() > b.lastTerm()
			})
			af.static[s][k].Vals = vals
		}
	}
}

// named are the actors a Result lists: those the text mentions, the main
// agreement, the actors the measures name even when only inferred, and
// the organisations and states those belong to; in order of first mention.
func (a *actors) named(measures []*Measure) []*Entity {
	var ents []*Entity
	for _, e := range a.order {
		if e.count > 0 || e.Type == TypeAgreement && e == a.deal {
			ents = append(ents, e)
		}
	}
	for _, m := range measures {
		for _, e := range []*Entity{m.Grantor, m.Beneficiary, m.PartOf} {
			if e != nil && !slices.Contains(ents, e) {
				ents = append(ents, e)
			}
		}
	}
	for _, e := range ents {
		for _, rel := range []*Entity{e.Org, e.state} {
			if rel != nil && !slices.Contains(ents, rel) {
				ents = append(ents, rel)
			}
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].first < ents[j].first })
	return ents
}

// dropQuarters drops the capitals named as a quarter of a city ("West
// Berlin", "East Jerusalem"): the place is no metonym for the state.
func dropQuarters(ms []Match[nameHit], toks []Token) []Match[nameHit] {
	out := ms[:0]
	for _, m := range ms {
		if m.Vals[0].form == "capital" && m.Start > 0 && compass[toks[m.Start-1].Text] {
			continue
		}
		out = append(out, m)
	}
	return out
}

// compass are the capitalized words that name a quarter of a city before it.
var compass = map[string]bool{"West": true, "East": true, "North": true, "South": true}

// findMentions runs the lexicon and the document's discovered names over
// every sentence, keeping the longest name at each place, then resolves
// generic references ("the trade agreement", "the Commission").
func (af *actorFinder) findMentions() {
	cands := af.cands
	for s := range af.sents {
		toks := af.sents[s].Tokens
		cands = cands[:0]
		for _, m := range af.static[s] {
			h := m.Vals[0]
			cands = append(cands, Mention{Start: m.Start, End: m.End, Ent: af.fromDef(h.def), Form: h.form})
		}
		af.dynFound = af.dyn.appendFind(af.dynFound[:0], toks)
		for _, m := range af.dynFound {
			cands = append(cands, Mention{Start: m.Start, End: m.End, Ent: m.Vals[0], Form: "name"})
		}
		if len(cands) == 0 {
			continue
		}
		// by place, the longest first
		slices.SortStableFunc(cands, func(a, b Mention) int {
			if a.Start != b.Start {
				return cmp.Compare(a.Start, b.Start)
			}
			return cmp.Compare(b.End-b.Start, a.End-a.Start)
		})
		n, next := len(af.mentionBuf), 0
		for _, c := range cands {
			if c.Start < next {
				continue
			}
			af.mentionBuf = append(af.mentionBuf, c)
			next = c.End
		}
		// capped, so that insertMention's append does not run into the next sentence's
		af.mentions[s] = af.mentionBuf[n:len(af.mentionBuf):len(af.mentionBuf)]
	}
	af.cands = cands
	af.resolveOrgHeads()
	for s := range af.sents {
		for i := range af.mentions[s] {
			m := &af.mentions[s][i]
			toks := af.sents[s].Tokens
			if m.End < len(toks) && toks[m.End].Text == "'s" {
				m.Possessive = true
			}
			if surface := af.sents.text(s, m.Start, m.End); surface != m.Ent.Name {
				m.Ent.Aliases[surface] = true
			}
		}
	}
	af.countMentions()
	af.findParties()
	af.findDeal()
}

// resolveOrgHeads maps a lone capitalized organisation word ("the
// Commission") to the document's organisation of that name.
func (af *actorFinder) resolveOrgHeads() {
	for s := range af.sents {
		if !af.mayHave(s, listOrgHead) {
			continue
		}
		toks := af.sents[s].Tokens
		for i, t := range toks {
			if !t.IsCapitalized() || !af.x.is(listOrgHead, t) || af.mentionAt(s, i) != nil {
				continue
			}
			if i+1 < len(toks) && toks[i+1].IsCapitalized() {
				continue
			}
			var best *Entity
			for _, e := range af.order {
				if (e.Type == TypeAgency || e.Type == TypeIntlOrg) && e.count >= 0 && containsWord(e.Name, t.Text) && e.first <= s {
					best = e
				}
			}
			if best == nil {
				for _, ms := range af.mentions {
					for _, m := range ms {
						if (m.Ent.Type == TypeAgency || m.Ent.Type == TypeIntlOrg) && containsWord(m.Ent.Name, t.Text) {
							best = m.Ent
						}
					}
				}
			}
			if best != nil {
				af.insertMention(s, Mention{Start: i, End: i + 1, Ent: best, Form: "reference"})
			}
		}
	}
}

func containsWord(name, w string) bool {
	for _, f := range strings.Fields(name) {
		if f == w {
			return true
		}
	}
	return false
}

func (a *actors) mentionAt(s, i int) *Mention {
	for k := range a.mentions[s] {
		m := &a.mentions[s][k]
		if i >= m.Start && i < m.End {
			return m
		}
	}
	return nil
}

func (af *actorFinder) insertMention(s int, m Mention) {
	ms := append(af.mentions[s], m)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	af.mentions[s] = ms
}

func (af *actorFinder) countMentions() {
	for _, e := range af.order {
		e.count, e.first = 0, -1
	}
	for s, ms := range af.mentions {
		for _, m := range ms {
			m.Ent.count++
			if m.Ent.first < 0 {
				m.Ent.first = s
			}
		}
	}
}

// findParties picks the two states or blocs the article is most about.
func (af *actorFinder) findParties() {
	// "U.S. firms" names the United States as well as its firms, "the
	// executive committee of Comecon" Comecon as well as its committee
	count := map[*Entity]int{}
	for _, e := range af.order {
		count[e] += e.count
		if e.state != nil {
			count[e.state] += e.count
		}
	}
	var cands []*Entity
	for _, e := range af.order {
		if (e.Type == TypeCountry || e.Type == TypeBloc) && count[e] > 0 {
			cands = append(cands, e)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if count[cands[i]] != count[cands[j]] {
			return count[cands[i]] > count[cands[j]]
		}
		return cands[i].first < cands[j].first
	})
	if len(cands) > 2 {
		cands = cands[:2]
	}
	af.parties = cands
}

// counterpart is the other main party of the article.
func (a *actors) counterpart(e *Entity) *Entity {
	if e == nil || len(a.parties) < 2 {
		return nil
	}
	if a.parties[0] == e {
		return a.parties[1]
	}
	if a.parties[1] == e {
		return a.parties[0]
	}
	return nil
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "their", "its", "new", "our", "his", "her":
		return true
	}
	return false
}

// shortName is the form of an actor used inside compound names ("U.S.").
func shortName(e *Entity) string {
	best := e.Name
	for _, a := range e.AliasList() {
		if isAcronymToken(strings.ReplaceAll(a, ".", "")) && len(a) < len(best) && !strings.HasSuffix(a, "'s") && !strings.HasSuffix(a, "’s") {
			best = a
		}
	}
	return best
}

// sentenceMentions reports whether sentence s mentions e.
func (a *actors) sentenceMentions(s int, e *Entity) bool {
	for _, m := range a.mentions[s] {
		if m.Ent == e {
			return true
		}
	}
	return false
}
