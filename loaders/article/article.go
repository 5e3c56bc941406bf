// Package article turns trade-policy articles into facts: actors, sectors,
// measures a party grants, keeps or is said not to grant, the bundles that
// package them, and claims the text rejects, each tied to its sentence.
//
// The pipeline is deterministic and offline: read and clean (read.go),
// segment (text.go), find actors (entities.go, mentions.go), find facts
// (facts.go), link bundles (bundles.go), and emit quads (emit.go), all
// driven by the lexicon (lexicon.go).
package article

import (
	"slices"
	"sort"
	"strconv"
)

// Result is what one document yields.
type Result struct {
	Doc       *Document
	ID        string // the document's identifier in the store
	Sentences []Sentence
	Entities  []*Entity
	Measures  []*Measure
	Bundles   []*Bundle
	Claims    []Claim
	Positions []*Position
}

// Extract runs the pipeline over a read document.
func (x *Extractor) Extract(doc *Document) *Result {
	sc, _ := x.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer x.putScratch(sc)
	sents := segment(doc, x.abbr, &sc.seg)
	ntoks := 0
	for s := range sents {
		sents[s].tags = x.tag(sents[s].Tokens)
		ntoks += len(sents[s].Tokens)
	}
	d := &docState{x: x, sents: sents, ents: map[entityKey]*Entity{}, byDef: map[*entityDef]*Entity{}, dyn: newGazetteer[*Entity](false), maskSent: -1, scratch: sc}
	d.reset(len(sents))
	d.year = yearOf(doc.Date)
	// news names an actor, a sector or a cue every ten tokens or so
	d.matches.names = slices.Grow(d.matches.names, ntoks/8)
	d.matches.cues = slices.Grow(d.matches.cues, ntoks/6)
	d.matches.sectors = slices.Grow(d.matches.sectors, ntoks/10)
	mentioned := map[string]int{}
	for s := range sents {
		d.static[s] = dropQuarters(findShared(x.names, &d.matches.names, sents[s].Tokens), sents[s].Tokens)
		for _, m := range d.static[s] {
			if def := m.Vals[0].def; def.typ == TypeCountry {
				mentioned[def.country]++
			}
		}
	}
	// a name several lexicon actors share goes to the one of a state the article names
	for s := range d.static {
		for k, m := range d.static[s] {
			if len(m.Vals) < 2 {
				continue
			}
			vals := append([]nameHit{}, m.Vals...)
			sort.SliceStable(vals, func(i, j int) bool { return mentioned[vals[i].def.country] > mentioned[vals[j].def.country] })
			// "President Bush": the one in office when the text was written, else the latest
			sort.SliceStable(vals, func(i, j int) bool {
				a, b := vals[i].def, vals[j].def
				if a.typ != TypePerson || b.typ != TypePerson {
					return false
				}
				if ia, ib := a.termAt(d.year) != nil, b.termAt(d.year) != nil; ia != ib {
					return ia
				}
				return a.lastTerm() > b.lastTerm()
			})
			d.static[s][k].Vals = vals
		}
	}
	d.discover()
	d.findMentions()
	d.parses = make([]parsed, len(sents))
	common := lowerWords(sents)
	for s := range sents {
		d.parses[s] = parseSentence(x.syntax, &sents[s], d.mentions[s], common)
	}
	d.findReachers()
	measures, claims := d.extractFacts()
	measures = d.mergeMeasures(measures)
	bundles := d.findBundles(measures)
	var ents []*Entity
	for _, e := range d.order {
		if e.count > 0 || e.Type == TypeAgreement && e == d.deal {
			ents = append(ents, e)
		}
	}
	// actors a measure names are kept even when only inferred
	for _, m := range measures {
		for _, e := range []*Entity{m.Grantor, m.Beneficiary, m.PartOf} {
			if e != nil && !containsEntity(ents, e) {
				ents = append(ents, e)
			}
		}
	}
	for _, e := range ents {
		for _, rel := range []*Entity{e.Org, e.state} {
			if rel != nil && !containsEntity(ents, rel) {
				ents = append(ents, rel)
			}
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].first < ents[j].first })
	return &Result{Doc: doc, Sentences: sents, Entities: ents, Measures: measures, Bundles: bundles, Claims: claims, Positions: d.positions}
}

// maxScratchTokens bounds the documents whose buffers are kept for the
// next: a rare huge one should not have every later one hold on to its
// memory.
const maxScratchTokens = 1 << 16

func (x *Extractor) putScratch(sc *scratch) {
	if cap(sc.seg.toks) <= maxScratchTokens {
		x.scratch.Put(sc)
	}
}

func containsEntity(es []*Entity, e *Entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
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

// yearOf returns the year of a date written "1987-04-11" (or starting with
// the year), 0 if it has none.
func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil {
		return 0
	}
	return y
}
