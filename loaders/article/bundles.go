package article

import (
	"slices"
	"sort"
)

// Bundle is a set of measures the text presents as packaged, paired,
// traded or weighed against each other.
type Bundle struct {
	Members  []*Measure
	Basis    string // explicit pairing, trade-off, reciprocity, same agreement
	Evidence []int
}

// Bundle bases.
const (
	BasisPairing     = "explicit pairing"
	BasisTradeOff    = "trade-off"
	BasisReciprocity = "reciprocity"
	BasisAgreement   = "same agreement"
)

// bundler is the bundles stage: it finds the measures the text packages
// together, from the cue phrases of each sentence and the actors it
// mentions.
type bundler struct {
	*actors
	x          *Extractor
	sents      sentences
	cues       [][]Match[cueHit] // of each sentence
	bySentence [][]*Measure      // the measures of each sentence
}

// findBundles links measures: two measures of one sentence joined by a
// contrast or pairing cue; a pairing cue whose sides name measures of the
// article by instrument, sector or "this"; a sentence opening "In return"
// with the counterpart's earlier measures; the measures of one agreement.
func (bf *bundler) findBundles(measures []*Measure) []*Bundle {
	var out []*Bundle
	add := func(b *Bundle) {
		if len(b.Members) < 2 {
			return
		}
		for _, o := range out {
			if sameMembers(o.Members, b.Members) {
				for _, e := range b.Evidence {
					if !slices.Contains(o.Evidence, e) {
						o.Evidence = append(o.Evidence, e)
					}
				}
				return
			}
		}
		out = append(out, b)
	}
	alive := live(measures)
	bf.bySentence = resize(bf.bySentence, len(bf.sents))
	bySentence := bf.bySentence
	for _, m := range measures {
		for _, sp := range m.sides {
			if !slices.Contains(bySentence[sp.sent], m) {
				bySentence[sp.sent] = append(bySentence[sp.sent], m)
			}
		}
	}
	for s := range bf.sents {
		toks := bf.sents[s].Tokens
		cues := bf.cues[s]
		var pairing, contrast, recip []Match[cueHit]
		for _, c := range cues {
			switch pickCue(c.Vals).kind {
			case cuePairing:
				pairing = append(pairing, c)
			case cueContrast:
				contrast = append(contrast, c)
			case cueReciprocity:
				if c.Start <= 4 {
					recip = append(recip, c)
				}
			}
		}
		here := live(bySentence[s])
		// pairing cues: resolve each side
		for _, c := range pairing {
			left := bf.resolveSide(s, 0, c.Start, here, alive, true)
			right := bf.resolveSide(s, c.End, len(toks), here, alive, false)
			if left != nil && right != nil && left != right {
				add(&Bundle{Members: []*Measure{left, right}, Basis: BasisPairing, Evidence: []int{s}})
			}
		}
		// contrast: measures of one sentence on both sides of "but", "while", "although"
		if len(pairing) == 0 && len(here) >= 2 {
			for _, c := range contrast {
				var before, after []*Measure
				for _, m := range here {
					if pos := sideIn(m, s); pos < c.Start {
						before = append(before, m)
					} else if pos >= c.End {
						after = append(after, m)
					}
				}
				if len(before) == 0 || len(after) == 0 {
					continue
				}
				basis := BasisTradeOff
				if allPolarity(before, Asserted) && allPolarity(after, Asserted) && differentGrantors(before, after) {
					basis = BasisReciprocity
				}
				add(&Bundle{Members: append(before, after...), Basis: basis, Evidence: []int{s}})
				break
			}
		}
		// "In return, the EU will ...": this sentence's measures with the counterpart's earlier ones
		if len(recip) > 0 && len(here) > 0 {
			var earlier, sameBlock []*Measure
			for _, m := range alive {
				if first(m) < s && m.Polarity == Asserted && !slices.Contains(here, m) && grantorDiffers(m, here) && bf.sents[first(m)].Block >= bf.sents[s].Block-2 {
					earlier = append(earlier, m)
					if bf.sents[first(m)].Block == bf.sents[s].Block {
						sameBlock = append(sameBlock, m)
					}
				}
			}
			// "X will remove its duties. In return, Y will ...": within a paragraph, what
			// the sentence answers is in that paragraph
			if len(sameBlock) > 0 {
				earlier = sameBlock
			}
			add(&Bundle{Members: append(append([]*Measure{}, here...), earlier...), Basis: BasisReciprocity, Evidence: []int{s}})
		}
	}
	// the measures of one agreement
	byDeal := map[*Entity][]*Measure{}
	for _, m := range alive {
		if m.PartOf != nil {
			byDeal[m.PartOf] = append(byDeal[m.PartOf], m)
		}
	}
	for _, e := range bf.order {
		if ms := byDeal[e]; len(ms) >= 2 {
			var ev []int
			for _, m := range ms {
				for _, x := range m.Evidence {
					if bf.sentenceMentions(x, e) && !slices.Contains(ev, x) {
						ev = append(ev, x)
					}
				}
			}
			sort.Ints(ev)
			add(&Bundle{Members: ms, Basis: BasisAgreement, Evidence: ev})
		}
	}
	for _, b := range out {
		sort.Ints(b.Evidence)
	}
	return out
}

// live drops denied measures: what does not happen is packaged with nothing.
func live(ms []*Measure) []*Measure {
	var out []*Measure
	for _, m := range ms {
		if m.Polarity != Denied {
			out = append(out, m)
		}
	}
	return out
}

func first(m *Measure) int { return m.Evidence[0] }

func sideIn(m *Measure, s int) int {
	for _, sp := range m.sides {
		if sp.sent == s {
			return sp.start
		}
	}
	return -1
}

func allPolarity(ms []*Measure, p string) bool {
	for _, m := range ms {
		if m.Polarity != p {
			return false
		}
	}
	return true
}

func differentGrantors(a, b []*Measure) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Grantor == y.Grantor {
				return false
			}
		}
	}
	return true
}

func grantorDiffers(m *Measure, others []*Measure) bool {
	for _, o := range others {
		if o.Grantor == m.Grantor {
			return false
		}
	}
	return true
}

func sameMembers(a, b []*Measure) bool {
	if len(a) != len(b) {
		return false
	}
	for _, m := range a {
		if !slices.Contains(b, m) {
			return false
		}
	}
	return true
}

// resolveSide finds the measure one side of a pairing cue names: a measure
// stated there, else the article's measure with the instrument or sector
// named there (the one sharing most words), else, on the left, "this" for
// the previous sentence's measure. alive are the article's measures not denied.
func (bf *bundler) resolveSide(s, from, to int, here, alive []*Measure, left bool) *Measure {
	for _, m := range here {
		if p := sideIn(m, s); p >= from && p < to {
			return m
		}
	}
	toks := bf.sents[s].Tokens[from:to]
	var insts []*Instrument
	for _, m := range bf.x.instruments.Find(toks) {
		if m.Vals[0] != notAMeasure {
			insts = append(insts, m.Vals[0])
		}
	}
	var sectors []*Sector
	inSector := make([]bool, len(toks))
	for _, m := range bf.x.sectors.Find(toks) {
		sectors = append(sectors, m.Vals[0])
		for i := m.Start; i < m.End; i++ {
			inSector[i] = true
		}
	}
	// words beyond the sector's own ("export" in "rare earth export clarifications")
	words := map[string]bool{}
	for i, t := range toks {
		if t.IsWord() && !stopWord(t.Lower) && !inSector[i] {
			words[t.Lower] = true
		}
	}
	var best *Measure
	bestScore := 0
	for _, m := range alive {
		score := 0
		for _, in := range insts {
			if in == m.Instrument {
				score += 4
			}
		}
		for _, sec := range sectors {
			if bf.sectorCovers(sec.Name, m.Sector) {
				score += 3
			}
		}
		if score == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, sp := range m.sides {
			for _, t := range Tokenize(sp.phrase) {
				if words[t.Lower] && !seen[t.Lower] {
					seen[t.Lower] = true
					score++
				}
			}
		}
		score = score*16 + len(m.Evidence)
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	if best != nil {
		return best
	}
	if left && len(toks) > 0 {
		switch toks[0].Lower {
		case "this", "that", "it", "these", "such":
			var prev *Measure
			for _, m := range alive {
				for _, e := range m.Evidence {
					if e == s-1 {
						prev = m
					}
				}
			}
			return prev
		}
	}
	return nil
}

// sectorCovers reports whether sector a is b or a broader sector of b.
func (bf *bundler) sectorCovers(a, b string) bool {
	for b != "" {
		if a == b {
			return true
		}
		sec := bf.x.sectorByKey[b]
		if sec == nil {
			return false
		}
		b = sec.Parent
	}
	return false
}
