package queries

import (
	"cmp"
	"context"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// RoleRow is a role a person holds.
type RoleRow struct {
	Role         string `json:"role"`
	Organization string `json:"organization,omitempty"`
}

// ActorRow is what the graph says of one actor.
type ActorRow struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Aliases   []string        `json:"aliases"`
	Roles     []RoleRow       `json:"roles"`
	Grants    []ConcessionRow `json:"grants"`    // asserted measures it takes
	Keeps     []ConcessionRow `json:"keeps"`     // policies it retains
	Denied    []ConcessionRow `json:"denied"`    // measures it is said not to take
	Receives  []ConcessionRow `json:"receives"`  // measures that benefit it
	Holds     []PositionRow   `json:"holds"`     // positions it takes: its demands, threats and offers
	Addressed []PositionRow   `json:"addressed"` // positions addressed to it
	Members   []string        `json:"members,omitempty"`
	Documents []string        `json:"documents"`
}

// Actor profiles the actor a name or alias names.
func Actor(ctx context.Context, st *tg.Store, name string) (ActorRow, error) {
	return navigate(ctx, st, func(n *nav) (ActorRow, error) { return n.actor(name) })
}

func (n *nav) actor(name string) (ActorRow, error) {
	node, err := n.resolve(name)
	if err != nil {
		return ActorRow{}, err
	}
	r := ActorRow{ID: shortID(vocab.ValueText(node)), Name: n.label(node), Type: n.typeName(node),
		Aliases: texts(n.out(node, vocab.Alias)), Roles: []RoleRow{},
		Grants: []ConcessionRow{}, Keeps: []ConcessionRow{}, Denied: []ConcessionRow{}, Receives: []ConcessionRow{},
		Holds: []PositionRow{}, Addressed: []PositionRow{}}
	for _, role := range n.out(node, vocab.Role) {
		rr := RoleRow{Role: vocab.ValueText(role)}
		if org := n.one(node, vocab.MemberOf); org != nil {
			rr.Organization = n.label(org)
		}
		r.Roles = append(r.Roles, rr)
	}
	grants := n.in(node, vocab.Grantor)
	ahead := n.readAheadOf(grants, 1, factLinks...)
	for i, m := range grants {
		ahead(i)
		c := n.concession(m)
		switch c.Polarity {
		case vocab.Retained:
			r.Keeps = append(r.Keeps, c)
		case vocab.Denied:
			r.Denied = append(r.Denied, c)
		default:
			r.Grants = append(r.Grants, c)
		}
	}
	gets := n.in(node, vocab.Beneficiary)
	ahead = n.readAheadOf(gets, 1, factLinks...)
	for i, m := range gets {
		ahead(i)
		r.Receives = append(r.Receives, n.concession(m))
	}
	for _, pos := range []struct {
		pred string
		rows *[]PositionRow
	}{{vocab.Holder, &r.Holds}, {vocab.Addressee, &r.Addressed}} {
		ps := n.in(node, pos.pred)
		ahead = n.readAheadOf(ps, 1, factLinks...)
		for i, p := range ps {
			ahead(i)
			*pos.rows = append(*pos.rows, positionRow(n.fieldsOf(p)))
		}
	}
	members := n.in(node, vocab.MemberOf)
	ahead = n.readAheadOf(members, 0)
	for i, p := range members {
		ahead(i)
		r.Members = append(r.Members, n.label(p))
	}
	docs := map[string]bool{}
	for _, d := range n.in(node, vocab.Mentions) {
		docs[DocID(vocab.ValueText(d))] = true
	}
	r.Documents = sortedKeys(docs)
	for _, rows := range [][]ConcessionRow{r.Grants, r.Keeps, r.Denied, r.Receives} {
		sortByEvidence(rows, func(c ConcessionRow) ([]Evidence, string) { return c.Evidence, c.ID })
	}
	for _, rows := range [][]PositionRow{r.Holds, r.Addressed} {
		sortByEvidence(rows, func(p PositionRow) ([]Evidence, string) { return p.Evidence, p.ID })
	}
	return r, nil
}

func texts(vs []quad.Value) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, vocab.ValueText(v))
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SectorRow is a sector with its policies and measures.
type SectorRow struct {
	Sector     string         `json:"sector"`
	Policies   []PolicyRow    `json:"policies"`
	Measures   int            `json:"measures"`
	ByPolarity map[string]int `json:"by_polarity"`
	Documents  []string       `json:"documents"`
}

// PolicyRow is an instrument applied to a sector, with its measures.
type PolicyRow struct {
	Policy     string   `json:"policy"`
	Instrument string   `json:"instrument"`
	Measures   []string `json:"measures"` // "grantor: phrase (polarity)"
}

// Sectors lists every sector with its policies and measures.
func Sectors(ctx context.Context, st *tg.Store) ([]SectorRow, error) {
	return navigate(ctx, st, func(n *nav) ([]SectorRow, error) { return n.sectors(), nil })
}

func (n *nav) sectors() []SectorRow {
	rows := []SectorRow{}
	// the measures are read after all the policies, in the order of their
	// quads: policy by policy, they would be read from all over the store
	type place struct {
		m        measure
		sec, pol int
	}
	var places []place
	sectors := n.in(quad.IRI(vocab.ClassSector), vocab.RDFType)
	for _, sec := range sectors {
		r := SectorRow{Sector: n.label(sec), Policies: []PolicyRow{}, ByPolarity: map[string]int{}}
		pols := n.in(sec, vocab.Sector)
		ahead := n.readAheadOf(pols, 0)
		n.prefetchSubjects(pols, vocab.PolicyOf)
		for i, pol := range pols {
			ahead(i)
			for _, m := range n.measures(pol) {
				places = append(places, place{m, len(rows), len(r.Policies)})
			}
			r.Policies = append(r.Policies, PolicyRow{Policy: n.label(pol), Instrument: n.label(n.one(pol, vocab.Instrument)),
				Measures: []string{}})
		}
		rows = append(rows, r)
	}
	slices.SortStableFunc(places, func(a, b place) int { return cmp.Compare(a.m.quad, b.m.quad) })
	docs := make([]map[string]bool, len(rows))
	ids := make([]uint64, len(places))
	for i, p := range places {
		ids[i] = p.m.id
	}
	ahead := n.readAhead(ids, 1, factLinks...)
	for i, p := range places {
		if n.stopped() {
			break
		}
		ahead(i)
		c := n.row(p.m)
		r, pr := &rows[p.sec], &rows[p.sec].Policies[p.pol]
		pr.Measures = append(pr.Measures, deref(c.Grantor)+": "+c.Policy+" ("+c.Polarity+")")
		r.Measures++
		r.ByPolarity[c.Polarity]++
		if docs[p.sec] == nil {
			docs[p.sec] = map[string]bool{}
		}
		for _, e := range c.Evidence {
			docs[p.sec][e.Doc] = true
		}
	}
	for i := range rows {
		for _, pr := range rows[i].Policies {
			sort.Strings(pr.Measures)
		}
		rows[i].Documents = sortedKeys(docs[i])
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Measures != rows[j].Measures {
			return rows[i].Measures > rows[j].Measures
		}
		return rows[i].Sector < rows[j].Sector
	})
	return rows
}

// EvidenceRow is a fact and what supports it.
type EvidenceRow struct {
	ID       string        `json:"id"`
	Type     string        `json:"type"`
	Label    string        `json:"label"`
	Evidence []EvidenceDoc `json:"evidence"`
}

// EvidenceDoc is a supporting sentence with its document's particulars.
type EvidenceDoc struct {
	Doc      string `json:"doc"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	Date     string `json:"date,omitempty"`
	Sentence string `json:"sentence"`
	Offset   string `json:"offset"`
}

// EvidenceOf lists the sentences and documents behind a fact (a measure,
// bundle or claim id), or, for an actor, the documents that mention it.
func EvidenceOf(ctx context.Context, st *tg.Store, id string) (EvidenceRow, error) {
	return navigate(ctx, st, func(n *nav) (EvidenceRow, error) { return n.evidenceOf(id) })
}

func (n *nav) evidenceOf(id string) (EvidenceRow, error) {
	node, err := n.resolve(id)
	if err != nil {
		return EvidenceRow{}, err
	}
	r := EvidenceRow{ID: shortID(vocab.ValueText(node)), Type: n.typeName(node), Label: n.text(node, vocab.Text), Evidence: []EvidenceDoc{}}
	if r.Label == "" {
		r.Label = n.label(node)
	}
	sents := n.out(node, vocab.Evidence)
	sort.SliceStable(sents, func(i, j int) bool {
		a, b := vocab.ValueText(sents[i]), vocab.ValueText(sents[j])
		if da, db := bundleDoc(a), bundleDoc(b); da != db {
			return da < db
		}
		return sentenceIndex(a) < sentenceIndex(b)
	})
	for _, s := range sents {
		doc := n.one(s, vocab.InDocument)
		r.Evidence = append(r.Evidence, EvidenceDoc{Doc: DocID(vocab.ValueText(doc)), Title: n.text(doc, vocab.Title),
			Source: n.text(doc, vocab.Source), Date: n.text(doc, vocab.Date), Sentence: n.text(s, vocab.Text), Offset: n.text(s, vocab.Offset)})
	}
	if len(r.Evidence) == 0 {
		for _, doc := range n.in(node, vocab.Mentions) {
			r.Evidence = append(r.Evidence, EvidenceDoc{Doc: DocID(vocab.ValueText(doc)), Title: n.text(doc, vocab.Title),
				Source: n.text(doc, vocab.Source), Date: n.text(doc, vocab.Date)})
		}
	}
	return r, nil
}
