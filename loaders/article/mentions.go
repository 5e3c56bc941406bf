package article

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// findMentions runs the lexicon and the document's discovered names over
// every sentence, keeping the longest name at each place, then resolves
// generic references ("the trade agreement", "the Commission").
func (d *docState) findMentions() {
	cands := d.cands
	for s := range d.sents {
		toks := d.sents[s].Tokens
		cands = cands[:0]
		for _, m := range d.static[s] {
			h := m.Vals[0]
			cands = append(cands, Mention{Start: m.Start, End: m.End, Ent: d.fromDef(h.def), Form: h.form})
		}
		d.matches.dyn = d.dyn.appendFind(d.matches.dyn[:0], toks)
		for _, m := range d.matches.dyn {
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
		n, next := len(d.mentionBuf), 0
		for _, c := range cands {
			if c.Start < next {
				continue
			}
			d.mentionBuf = append(d.mentionBuf, c)
			next = c.End
		}
		// capped, so that insertMention's append does not run into the next sentence's
		d.mentions[s] = d.mentionBuf[n:len(d.mentionBuf):len(d.mentionBuf)]
	}
	d.cands = cands
	d.resolveOrgHeads()
	for s := range d.sents {
		for i := range d.mentions[s] {
			m := &d.mentions[s][i]
			toks := d.sents[s].Tokens
			if m.End < len(toks) && toks[m.End].Text == "'s" {
				m.Possessive = true
			}
			if surface := d.text(s, m.Start, m.End); surface != m.Ent.Name {
				m.Ent.Aliases[surface] = true
			}
		}
	}
	d.countMentions()
	d.findParties()
	d.findDeal()
}

// resolveOrgHeads maps a lone capitalized organisation word ("the
// Commission") to the document's organisation of that name.
func (d *docState) resolveOrgHeads() {
	for s := range d.sents {
		if !d.mayHave(s, listOrgHead) {
			continue
		}
		toks := d.sents[s].Tokens
		for i, t := range toks {
			if !t.IsCapitalized() || !d.x.is(listOrgHead, t) || d.mentionAt(s, i) != nil {
				continue
			}
			if i+1 < len(toks) && toks[i+1].IsCapitalized() {
				continue
			}
			var best *Entity
			for _, e := range d.order {
				if (e.Type == TypeAgency || e.Type == TypeIntlOrg) && e.count >= 0 && containsWord(e.Name, t.Text) && e.first <= s {
					best = e
				}
			}
			if best == nil {
				for _, ms := range d.mentions {
					for _, m := range ms {
						if (m.Ent.Type == TypeAgency || m.Ent.Type == TypeIntlOrg) && containsWord(m.Ent.Name, t.Text) {
							best = m.Ent
						}
					}
				}
			}
			if best != nil {
				d.insertMention(s, Mention{Start: i, End: i + 1, Ent: best, Form: "reference"})
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

func (d *docState) mentionAt(s, i int) *Mention {
	for k := range d.mentions[s] {
		m := &d.mentions[s][k]
		if i >= m.Start && i < m.End {
			return m
		}
	}
	return nil
}

func (d *docState) insertMention(s int, m Mention) {
	ms := append(d.mentions[s], m)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	d.mentions[s] = ms
}

func (d *docState) countMentions() {
	for _, e := range d.order {
		e.count, e.first = 0, -1
	}
	for s, ms := range d.mentions {
		for _, m := range ms {
			m.Ent.count++
			if m.Ent.first < 0 {
				m.Ent.first = s
			}
		}
	}
}

// findParties picks the two states or blocs the article is most about.
func (d *docState) findParties() {
	// "U.S. firms" names the United States as well as its firms, "the
	// executive committee of Comecon" Comecon as well as its committee
	count := map[*Entity]int{}
	for _, e := range d.order {
		count[e] += e.count
		if e.state != nil {
			count[e.state] += e.count
		}
	}
	var cands []*Entity
	for _, e := range d.order {
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
	d.parties = cands
}

// counterpart is the other main party of the article.
func (d *docState) counterpart(e *Entity) *Entity {
	if e == nil || len(d.parties) < 2 {
		return nil
	}
	if d.parties[0] == e {
		return d.parties[1]
	}
	if d.parties[1] == e {
		return d.parties[0]
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
