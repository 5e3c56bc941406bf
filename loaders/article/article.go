// Package article turns trade-policy articles into facts: actors, sectors,
// measures a party grants, keeps or is said not to grant, the positions
// parties take toward each other, the bundles that package measures, and
// claims the text rejects, each tied to its sentence.
//
// The pipeline is deterministic and offline, driven by the lexicon
// (lexicon.go). Each stage is its own type or function and reads only
// what the stages before it hand on:
//
//   - read (read.go): a file or reader to a Document, its text cleaned;
//   - segment (text.go): the Document to sentences of tokens;
//   - mentions (mentions.go: findActors, actorFinder; the discovery rules
//     in entities.go, people.go, agreements.go): sentences to actors and
//     the places each sentence mentions one;
//   - syntax (parse.go: parseAll): sentences to dependency trees, with the
//     actors' names kept whole;
//   - facts (facts.go: readFacts, factReader; the rules in frames.go,
//     positions.go, claims.go): trees and mentions to measures, positions
//     and claims;
//   - bundles (bundles.go: bundler): measures and the sentences' cues to
//     bundles;
//   - emit (emit.go): a Result to quads.
//
// Extractor.Extract runs them in that order. The mentions stage runs
// before the syntax stage because the parser reads a lexicon name as one
// proper noun.
package article

import (
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

// Extract runs the pipeline over a read document: each stage reads what
// the ones before it handed on.
func (x *Extractor) Extract(doc *Document) *Result {
	sc, _ := x.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer x.putScratch(sc)
	sents := sentences(segment(doc, x.abbr, &sc.seg))
	for s := range sents {
		sents[s].tags = x.tag(sents[s].Tokens)
	}
	a := findActors(x, sents, yearOf(doc.Date), &sc.actors)
	parses := parseAll(x.syntax, sents, a.mentions)
	f := readFacts(x, sents, parses, a, &sc.facts)
	b := &bundler{actors: a, x: x, sents: sents, cues: f.cues, bySentence: sc.bySentence}
	bundles := b.findBundles(f.measures)
	sc.bySentence = b.bySentence
	return &Result{Doc: doc, Sentences: sents, Entities: a.named(f.measures), Measures: f.measures, Bundles: bundles, Claims: f.claims, Positions: f.positions}
}

// scratch holds what a document's extraction needs only while it runs: no
// Result refers to it, so the Extractor hands it to the next document
// rather than have every document allocate its own.
type scratch struct {
	seg        segmenter
	actors     actorBufs
	facts      factBufs
	bySentence [][]*Measure // the bundles stage's measures of each sentence
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

// sentences are a document's sentences, which every stage reads.
type sentences []Sentence

// text is the text of tokens i to j (exclusive) of sentence s.
func (ss sentences) text(s, i, j int) string {
	if i >= j {
		return ""
	}
	toks := ss[s].Tokens
	return ss[s].Text[toks[i].Start:toks[j-1].End]
}

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
