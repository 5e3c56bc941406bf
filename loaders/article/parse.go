package article

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// parsed is the syntactic reading of one sentence: its words, tags and
// dependency tree, and where each of the sentence's tokens falls in it.
type parsed struct {
	sent syntax.Sentence // its words, with the tree's heads and relations
	tree *syntax.Tree    // over sent's words
	word []int32         // word[i]: the ID of the word token i starts in, 0 if none
	tok  []int32         // tok[id]: the token word id starts in (tok[0] unused)
}

// parseAll is the syntax stage: the tree of each sentence, with the names
// the mentions stage found kept whole.
func parseAll(m *syntax.Model, sents sentences, mentions [][]Mention) []parsed {
	parses := make([]parsed, len(sents))
	common := lowerWords(sents)
	for s := range sents {
		parses[s] = parseSentence(m, &sents[s], mentions[s], common)
	}
	return parses
}

// ParsedSentence is a sentence as the syntax stage hands it to the facts
// stage: the actors the mentions stage found in it and its tree.
type ParsedSentence struct {
	Sentence
	Mentions []Mention       // the actors it names, by place
	Syntax   syntax.Sentence // its words, tags and tree; offsets in Sentence.Text
}

// ParseSentences runs the stages up to the syntax stage over doc and
// returns what the facts stage reads of each sentence: the lexicon's
// names tagged as proper nouns, wire abbreviations read as the words they
// stand for, the parser's frequent misreadings repaired. It is what
// Extract reads rules from, to be shown to someone writing one.
func (x *Extractor) ParseSentences(doc *Document) []ParsedSentence {
	sc := new(scratch)
	sents := sentences(segment(doc, x.abbr, &sc.seg))
	for s := range sents {
		sents[s].tags = x.tag(sents[s].Tokens)
	}
	a := findActors(x, sents, yearOf(doc.Date), &sc.actors)
	parses := parseAll(x.syntax, sents, a.mentions)
	out := make([]ParsedSentence, len(sents))
	for s := range sents {
		out[s] = ParsedSentence{Sentence: sents[s], Mentions: slices.Clone(a.mentions[s]), Syntax: parses[s].sent}
	}
	return out
}

// parseSentence tags and parses the text of s with m and aligns its words
// with s's tokens by byte offset. The capitalized words of the actors
// named in it are proper nouns: the lexicon knows "Chile" better than a
// tagger that met it rarely. Wire copy capitalizes the word after an
// abbreviation ("the U.S. May lift", "U.S. Officials"): such a word is
// read in lower case when the text also uses it so (common holds the
// document's lower-case words).
func parseSentence(m *syntax.Model, s *Sentence, names []Mention, common map[string]bool) parsed {
	ws := syntax.Tokenize(s.Text)
	dropAsides(&ws)
	forms := make([]string, len(ws.Words))
	n := 0
	for i := range ws.Words {
		w := &ws.Words[i]
		forms[i] = w.Form
		if f, ok := wireForms[w.Form]; ok {
			w.Form = f
		}
		if i > 0 && len(forms[i-1]) > 1 && strings.HasSuffix(forms[i-1], ".") && startsUpper(w.Form) {
			if low := strings.ToLower(w.Form); low != w.Form && (common[low] || functionWords[low]) {
				w.Form = low
			}
		}
		for n < len(names) && int(s.Tokens[names[n].End-1].End) <= w.Start {
			n++
		}
		if n < len(names) && names[n].Form != "demonym" && int(s.Tokens[names[n].Start].Start) <= w.Start && startsUpper(forms[i]) {
			w.UPOS = "PROPN"
		}
	}
	// "MITI plans to cut", "the EC plans to offer": after a name, a verb of
	// intending before "to" is the verb, not a noun the name modifies
	for i := 1; i+1 < len(ws.Words); i++ {
		if intendVerbs[ws.Words[i].Form] && ws.Words[i-1].UPOS == "PROPN" && ws.Words[i+1].Form == "to" {
			ws.Words[i].UPOS = "VERB"
		}
	}
	m.Annotate(&ws)
	syntax.Repair(&ws)
	for i := range ws.Words {
		ws.Words[i].Form = forms[i]
	}
	p := parsed{sent: ws, tree: syntax.NewTree(&ws), word: make([]int32, len(s.Tokens)), tok: make([]int32, len(ws.Words)+1)}
	w := 0
	for i, t := range s.Tokens {
		for w < len(ws.Words) && ws.Words[w].End <= int(t.Start) {
			w++
		}
		if w < len(ws.Words) && ws.Words[w].Start < int(t.End) {
			p.word[i] = int32(w + 1)
		}
	}
	i := 0
	for id := 1; id <= len(ws.Words); id++ {
		start := ws.Words[id-1].Start
		for i+1 < len(s.Tokens) && int(s.Tokens[i].End) <= start {
			i++
		}
		p.tok[id] = int32(i)
	}
	return p
}

// wireForms are the abbreviations of wire copy ("300 mln dlrs", "5 pct")
// as the written English the model learned from spells them; the words
// keep their own forms once parsed.
var wireForms = map[string]string{
	"mln": "million", "bln": "billion", "dlrs": "dollars", "dlr": "dollar", "pct": "percent",
	"stg": "sterling", "yrs": "years", "mths": "months", "qtr": "quarter", "vs": "versus",
}

// head is the word of tokens [start, end) that the others depend on: the
// one whose head lies outside the span, the highest if several; 0 if the
// span has no word.
func (p parsed) head(start, end int) int {
	best, depth := 0, 0
	for i := start; i < end && i < len(p.word); i++ {
		id := int(p.word[i])
		if id == 0 {
			continue
		}
		h := p.tree.Word(id).Head
		if h != 0 && int(p.tok[h]) >= start && int(p.tok[h]) < end {
			continue // its head is inside
		}
		if d := len(p.tree.Path(id)); best == 0 || d < depth {
			best, depth = id, d
		}
	}
	return best
}

// taggedNominal: the parse reads token i of sentence s as a noun or a
// name ("the Finance Committee", not "will finance a plant").
func (fr *factReader) taggedNominal(s, i int) bool {
	return fr.tagged(s, i, "NOUN") || fr.tagged(s, i, "PROPN")
}

// tagged: the parse gives token i of sentence s the part of speech upos.
func (fr *factReader) tagged(s, i int, pos string) bool {
	p := fr.parses[s]
	if i >= len(p.word) || p.word[i] == 0 {
		return false
	}
	return upos(p.tree, int(p.word[i])) == pos
}

// intendVerbs are the verb forms of intending that a tagger reads as
// plural nouns after a name ("MITI plans to").
var intendVerbs = words("plans", "aims", "intends", "hopes", "wants", "seeks", "needs")

// functionWords are read in lower case after an abbreviation even where
// the text has them nowhere else.
var functionWords = words("and", "or", "but", "nor", "may", "might", "will", "would", "could", "should", "can",
	"must", "has", "have", "had", "is", "are", "was", "were", "the", "to", "in", "on", "for", "of", "with", "by")

// lowerWords are the words the sentences write in lower case.
func lowerWords(sents []Sentence) map[string]bool {
	out := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Lower == t.Text && t.IsWord() {
				out[t.Lower] = true
			}
		}
	}
	return out
}

// maxAside is the most words a dash-set aside holds.
const maxAside = 25

// dropAsides takes out of ws the asides set off by a pair of dashes ("The
// United States and Canada - the world's two biggest trading partners -
// opened talks"): a parser learned on web text attaches the words after
// them wrongly, and the clause reads whole without them. The words left
// are renumbered; an aside's tokens then have no word in the tree.
func dropAsides(ws *syntax.Sentence) {
	w := ws.Words
	dash := func(i int) bool {
		switch w[i].Form {
		case "–", "—":
			return true
		case "-", "--":
			return i > 0 && i+1 < len(w) && w[i-1].End < w[i].Start && w[i].End < w[i+1].Start
		}
		return false
	}
	keep := make([]bool, len(w))
	for i := range keep {
		keep[i] = true
	}
	dropped := false
	for a := 1; a < len(w)-1; a++ {
		if !dash(a) {
			continue
		}
		b := a + 1
		for b < len(w)-1 && b-a <= maxAside && !dash(b) {
			b++
		}
		if b >= len(w)-1 || b-a > maxAside || b == a+1 || !dash(b) {
			continue
		}
		for k := a; k <= b; k++ {
			keep[k] = false
		}
		dropped = true
		a = b
	}
	if !dropped {
		return
	}
	newID := make([]int, len(w)+1)
	out := w[:0:0]
	for i := range w {
		if keep[i] {
			out = append(out, w[i])
			newID[i+1] = len(out)
			out[len(out)-1].ID = len(out)
		}
	}
	var mws []syntax.MultiWord
	for _, m := range ws.MultiWords {
		if newID[m.First] != 0 && newID[m.Last] != 0 {
			m.First, m.Last = newID[m.First], newID[m.Last]
			mws = append(mws, m)
		}
	}
	ws.Words, ws.MultiWords = out, mws
}
