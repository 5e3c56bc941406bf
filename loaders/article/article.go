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
	"sort"
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
}

// Extract runs the pipeline over a read document.
func (x *Extractor) Extract(doc *Document) *Result {
	sents := Segment(doc, x.lex)
	d := &docState{x: x, sents: sents, ents: map[string]*Entity{}, dyn: newGazetteer[*Entity](false)}
	d.static = make([][]Match[nameHit], len(sents))
	for s := range sents {
		d.static[s] = x.names.Find(sents[s].Tokens)
	}
	d.discover()
	d.findMentions()
	measures, claims := d.extractFacts()
	measures = mergeMeasures(measures)
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
		if e.Org != nil && !containsEntity(ents, e.Org) {
			ents = append(ents, e.Org)
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].first < ents[j].first })
	return &Result{Doc: doc, Sentences: sents, Entities: ents, Measures: measures, Bundles: bundles, Claims: claims}
}

func containsEntity(es []*Entity, e *Entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}
