package queries

import (
	"context"
	"sort"
	"strconv"
	"strings"

	tg "github.com/tradegraph/tradegraph/graph"
)

// EntityRow is an actor of the graph.
type EntityRow struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Aliases   []string `json:"aliases"`
	Role      string   `json:"role,omitempty"`
	MemberOf  string   `json:"member_of,omitempty"`
	Documents []string `json:"documents"`
}

// Entities lists every actor with its aliases and the documents naming it.
func Entities(ctx context.Context, st *tg.Store) ([]EntityRow, error) {
	v, err := load(ctx, st, tg.RDFType, tg.RDFSLabel, tg.Alias, tg.Role, tg.MemberOf)
	if err != nil {
		return nil, err
	}
	rows := []EntityRow{}
	for _, n := range v.ofType(actorClasses...) {
		r := EntityRow{ID: shortID(n), Name: v.one(n, tg.RDFSLabel), Type: v.typeOf(n), Aliases: v.all(n, tg.Alias),
			Role: v.one(n, tg.Role), Documents: docList(v.docs[n])}
		if r.Aliases == nil {
			r.Aliases = []string{}
		}
		if org := v.one(n, tg.MemberOf); org != "" {
			r.MemberOf = v.one(org, tg.RDFSLabel)
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Type != rows[j].Type {
			return typeRank(rows[i].Type) < typeRank(rows[j].Type)
		}
		return rows[i].Name < rows[j].Name
	})
	return rows, nil
}

func typeRank(t string) int {
	for i, c := range actorClasses {
		if typeNames[c] == t {
			return i
		}
	}
	return len(actorClasses)
}

func docList(m map[string]bool) []string {
	out := []string{}
	for d := range m {
		out = append(out, DocID(d))
	}
	sort.Strings(out)
	return out
}

// ConcessionRow is a measure a party takes, keeps or is said not to take.
type ConcessionRow struct {
	ID          string     `json:"id"`
	Grantor     *string    `json:"grantor"`
	Beneficiary *string    `json:"beneficiary"`
	Policy      string     `json:"policy"`
	Instrument  string     `json:"instrument"`
	MAST        string     `json:"mast,omitempty"`
	Sector      *string    `json:"sector"`
	Polarity    string     `json:"polarity"`
	Action      string     `json:"action,omitempty"`
	Hedged      bool       `json:"hedged"`
	Agreement   *string    `json:"agreement,omitempty"`
	Evidence    []Evidence `json:"evidence"`
}

// ConcessionFilter narrows the concessions listed; empty fields match all.
// Names match an actor's name or alias, case-insensitively.
type ConcessionFilter struct {
	Grantor, Beneficiary, Sector, Polarity string
}

var measurePreds = []string{tg.RDFType, tg.RDFSLabel, tg.Alias, tg.Grantor, tg.Beneficiary, tg.PolicyOf, tg.Text,
	tg.Polarity, tg.Action, tg.Hedged, tg.PartOf, tg.Evidence, tg.InDocument, tg.Instrument, tg.Sector, tg.MAST}

// Concessions lists the measures of the graph, filtered.
func Concessions(ctx context.Context, st *tg.Store, f ConcessionFilter) ([]ConcessionRow, error) {
	v, err := load(ctx, st, measurePreds...)
	if err != nil {
		return nil, err
	}
	rows := []ConcessionRow{}
	for _, n := range v.ofType(tg.ClassConcession) {
		r := v.concession(n)
		if !v.matchesActor(v.one(n, tg.Grantor), f.Grantor) || !v.matchesActor(v.one(n, tg.Beneficiary), f.Beneficiary) ||
			(f.Polarity != "" && !strings.EqualFold(r.Polarity, f.Polarity)) ||
			(f.Sector != "" && (r.Sector == nil || !strings.EqualFold(*r.Sector, f.Sector))) {
			continue
		}
		rows = append(rows, r)
	}
	sortByEvidence(rows, func(r ConcessionRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows, nil
}

func (v *view) concession(n string) ConcessionRow {
	pol := v.one(n, tg.PolicyOf)
	inst := v.one(pol, tg.Instrument)
	r := ConcessionRow{
		ID:          shortID(n),
		Grantor:     v.nameOf(v.one(n, tg.Grantor)),
		Beneficiary: v.nameOf(v.one(n, tg.Beneficiary)),
		Policy:      v.one(n, tg.Text),
		Instrument:  v.one(inst, tg.RDFSLabel),
		MAST:        v.one(inst, tg.MAST),
		Sector:      v.nameOf(v.one(pol, tg.Sector)),
		Polarity:    v.one(n, tg.Polarity),
		Action:      v.one(n, tg.Action),
		Hedged:      v.one(n, tg.Hedged) == "true",
		Agreement:   v.nameOf(v.one(n, tg.PartOf)),
		Evidence:    v.evidenceSorted(n),
	}
	return r
}

// nameOf is the label of node n, or nil when there is no node.
func (v *view) nameOf(n string) *string {
	if n == "" {
		return nil
	}
	name := v.one(n, tg.RDFSLabel)
	if name == "" {
		name = n
	}
	return &name
}

// matchesActor reports whether node n is named or aliased as name.
func (v *view) matchesActor(n, name string) bool {
	if name == "" {
		return true
	}
	if n == "" {
		return false
	}
	if strings.EqualFold(v.one(n, tg.RDFSLabel), name) {
		return true
	}
	for _, a := range v.all(n, tg.Alias) {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return false
}

// evidenceSorted lists a fact's sentences in document and text order.
func (v *view) evidenceSorted(n string) []Evidence {
	type item struct {
		ev  Evidence
		pos int
	}
	var items []item
	for _, s := range v.all(n, tg.Evidence) {
		items = append(items, item{Evidence{Doc: DocID(v.one(s, tg.InDocument)), Sentence: v.one(s, tg.Text), pos: sentenceIndex(s)}, sentenceIndex(s)})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].ev.Doc != items[j].ev.Doc {
			return items[i].ev.Doc < items[j].ev.Doc
		}
		return items[i].pos < items[j].pos
	})
	out := make([]Evidence, len(items))
	for i, it := range items {
		out[i] = it.ev
	}
	return out
}

func sentenceIndex(iri string) int {
	i := strings.LastIndex(iri, "#s")
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(iri[i+2:])
	return n
}

// sortByEvidence orders rows by their first evidence (document, then place).
func sortByEvidence[T any](rows []T, key func(T) ([]Evidence, string)) {
	sort.SliceStable(rows, func(i, j int) bool {
		ei, idi := key(rows[i])
		ej, idj := key(rows[j])
		var a, b Evidence
		if len(ei) > 0 {
			a = ei[0]
		}
		if len(ej) > 0 {
			b = ej[0]
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		return idi < idj
	})
}

// MemberRow is a measure inside a bundle.
type MemberRow struct {
	ID         string  `json:"id"`
	Policy     string  `json:"policy"`
	Instrument string  `json:"instrument"`
	Sector     *string `json:"sector"`
	Grantor    *string `json:"grantor"`
	Polarity   string  `json:"polarity"`
}

// BundleRow is a set of measures presented as packaged together.
type BundleRow struct {
	ID       string      `json:"id"`
	Members  []MemberRow `json:"members"`
	Basis    string      `json:"basis"`
	Evidence []Evidence  `json:"evidence"`
}

// Bundles lists the bundles of the graph.
func Bundles(ctx context.Context, st *tg.Store) ([]BundleRow, error) {
	v, err := load(ctx, st, append(measurePreds, tg.Member, tg.Basis)...)
	if err != nil {
		return nil, err
	}
	rows := []BundleRow{}
	for _, n := range v.ofType(tg.ClassBundle) {
		r := BundleRow{ID: shortID(n), Basis: v.one(n, tg.Basis), Evidence: v.evidenceSorted(n), Members: []MemberRow{}}
		for _, m := range v.all(n, tg.Member) {
			c := v.concession(m)
			r.Members = append(r.Members, MemberRow{ID: c.ID, Policy: c.Policy, Instrument: c.Instrument, Sector: c.Sector,
				Grantor: c.Grantor, Polarity: c.Polarity})
		}
		rows = append(rows, r)
	}
	sortByEvidence(rows, func(r BundleRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows, nil
}

// ClaimRow is a statement the text makes or rejects.
type ClaimRow struct {
	ID        string     `json:"id"`
	Subject   string     `json:"subject"`
	Predicate string     `json:"predicate"`
	Object    string     `json:"object"`
	Polarity  string     `json:"polarity"`
	Hedged    bool       `json:"hedged"`
	Evidence  []Evidence `json:"evidence"`
}

// Claims lists the claims of the graph, optionally of one polarity.
func Claims(ctx context.Context, st *tg.Store, polarity string) ([]ClaimRow, error) {
	v, err := load(ctx, st, tg.RDFType, tg.Subject, tg.Predicate, tg.Object, tg.Polarity, tg.Hedged, tg.Evidence, tg.InDocument, tg.Text)
	if err != nil {
		return nil, err
	}
	rows := []ClaimRow{}
	for _, n := range v.ofType(tg.ClassClaim) {
		r := ClaimRow{ID: shortID(n), Subject: v.one(n, tg.Subject), Predicate: v.one(n, tg.Predicate), Object: v.one(n, tg.Object),
			Polarity: v.one(n, tg.Polarity), Hedged: v.one(n, tg.Hedged) == "true", Evidence: v.evidenceSorted(n)}
		if polarity != "" && !strings.EqualFold(r.Polarity, polarity) {
			continue
		}
		rows = append(rows, r)
	}
	sortByEvidence(rows, func(r ClaimRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows, nil
}
