package queries

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
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
	return navigate(ctx, st, func(n *nav) ([]EntityRow, error) { return n.entities(), nil })
}

func (n *nav) entities() []EntityRow {
	rows := []EntityRow{}
	seen := map[string]bool{}
	for _, class := range actorClasses {
		nodes := n.in(quad.IRI(class), vocab.RDFType)
		ahead := n.readAheadOf(nodes, 0)
		for i, node := range nodes {
			if n.stopped() {
				break
			}
			ahead(i)
			if seen[node.String()] {
				continue
			}
			seen[node.String()] = true
			p := n.outgoing(node)
			r := EntityRow{ID: shortID(vocab.ValueText(node)), Name: n.label(node), Type: n.typeName(node),
				Aliases: texts(p.values[vocab.Alias]), Role: n.text(node, vocab.Role), Documents: docList(p.docs)}
			if org := n.one(node, vocab.MemberOf); org != nil {
				r.MemberOf = n.label(org)
			}
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Type != rows[j].Type {
			return typeRank(rows[i].Type) < typeRank(rows[j].Type)
		}
		return rows[i].Name < rows[j].Name
	})
	return rows
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

// Concessions lists the measures of the graph, filtered.
func Concessions(ctx context.Context, st *tg.Store, f ConcessionFilter) ([]ConcessionRow, error) {
	return navigate(ctx, st, func(n *nav) ([]ConcessionRow, error) { return n.concessions(f), nil })
}

func (n *nav) concessions(f ConcessionFilter) []ConcessionRow {
	keep := func(r ConcessionRow) bool {
		return (f.Polarity == "" || strings.EqualFold(r.Polarity, f.Polarity)) &&
			(f.Sector == "" || r.Sector != nil && strings.EqualFold(*r.Sector, f.Sector))
	}
	rows := []ConcessionRow{}
	if n.r != nil {
		fs := n.facts()
		ids := fs.subjects(quad.IRI(vocab.ClassConcession), vocab.RDFType)
		if f.Grantor != "" || f.Beneficiary != "" {
			ids = n.withParties(ids, f)
		}
		ahead := n.readAhead(ids, 1, factLinks...)
		for i, id := range ids {
			if n.stopped() {
				break
			}
			ahead(i)
			ps := fs.read(id)
			r := fs.concession(id, ps)
			if keep(r) {
				rows = append(rows, r)
			}
		}
		sortByEvidence(rows, func(r ConcessionRow) ([]Evidence, string) { return r.Evidence, r.ID })
		return rows
	}
	for _, m := range n.in(quad.IRI(vocab.ClassConcession), vocab.RDFType) {
		if n.stopped() {
			break
		}
		if !n.matchesActor(n.one(m, vocab.Grantor), f.Grantor) || !n.matchesActor(n.one(m, vocab.Beneficiary), f.Beneficiary) {
			continue
		}
		if r := n.concession(m); keep(r) {
			rows = append(rows, r)
		}
	}
	sortByEvidence(rows, func(r ConcessionRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows
}

// withParties keeps those of the measures of ids whose parties match f's.
// It reads only their parties and the parties' names, aheadBy measures at
// a time, each step told to the reader first.
func (n *nav) withParties(ids []uint64, f ConcessionFilter) []uint64 {
	fs := n.facts()
	parties := []string{vocab.Grantor, vocab.Beneficiary}
	partyIDs, nameIDs := n.predIDs(parties), n.predIDs([]string{vocab.RDFSLabel, vocab.Alias})
	var out []uint64
	for lo := 0; lo < len(ids) && !n.stopped(); lo += aheadBy {
		chunk := ids[lo:min(lo+aheadBy, len(ids))]
		n.prefetchObjects(chunk, partyIDs)
		pss := make([]props, len(chunk))
		var actors []uint64
		for i, id := range chunk {
			pss[i] = fs.readAlong(id, parties...)
			for _, p := range pss[i] {
				actors = append(actors, p.obj)
			}
		}
		n.prefetchObjects(actors, nameIDs)
		for i, ps := range pss {
			if (f.Grantor == "" || n.matchesActor(n.value(fs.first(ps, vocab.Grantor)), f.Grantor)) &&
				(f.Beneficiary == "" || n.matchesActor(n.value(fs.first(ps, vocab.Beneficiary)), f.Beneficiary)) {
				out = append(out, chunk[i])
			}
		}
	}
	return out
}

// matchesActor reports whether node is named or aliased as name (any case).
func (n *nav) matchesActor(node quad.Value, name string) bool {
	if name == "" {
		return true
	}
	if node == nil {
		return false
	}
	k := valuePred{node, name}
	if m, ok := n.matches[k]; ok {
		return m
	}
	m := strings.EqualFold(n.label(node), name)
	for _, a := range n.out(node, vocab.Alias) {
		if m {
			break
		}
		m = strings.EqualFold(vocab.ValueText(a), name)
	}
	n.matches[k] = m
	return m
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
	return navigate(ctx, st, func(n *nav) ([]BundleRow, error) { return n.bundleRows(), nil })
}

func (n *nav) bundleRows() []BundleRow {
	rows := []BundleRow{}
	if n.r != nil {
		fs := n.facts()
		ids := fs.subjects(quad.IRI(vocab.ClassBundle), vocab.RDFType)
		ahead := n.readAhead(ids, 2, append([]string{vocab.Member}, factLinks...)...)
		for i, id := range ids {
			if n.stopped() {
				break
			}
			ahead(i)
			ps := fs.read(id)
			r := BundleRow{ID: shortID(vocab.ValueText(n.peek(id))), Basis: fs.word(ps, vocab.Basis), Evidence: fs.evidence(ps),
				Members: []MemberRow{}}
			for _, m := range fs.all(ps, vocab.Member) {
				c := fs.concession(m, fs.read(m))
				r.Members = append(r.Members, MemberRow{ID: c.ID, Policy: c.Policy, Instrument: c.Instrument, Sector: c.Sector,
					Grantor: c.Grantor, Polarity: c.Polarity})
			}
			rows = append(rows, r)
		}
		sortByEvidence(rows, func(r BundleRow) ([]Evidence, string) { return r.Evidence, r.ID })
		return rows
	}
	for _, b := range n.in(quad.IRI(vocab.ClassBundle), vocab.RDFType) {
		if n.stopped() {
			break
		}
		r := BundleRow{ID: shortID(vocab.ValueText(b)), Basis: n.text(b, vocab.Basis), Evidence: n.evidence(b), Members: []MemberRow{}}
		for _, m := range n.out(b, vocab.Member) {
			c := n.concession(m)
			r.Members = append(r.Members, MemberRow{ID: c.ID, Policy: c.Policy, Instrument: c.Instrument, Sector: c.Sector,
				Grantor: c.Grantor, Polarity: c.Polarity})
		}
		rows = append(rows, r)
	}
	sortByEvidence(rows, func(r BundleRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows
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
	return navigate(ctx, st, func(n *nav) ([]ClaimRow, error) { return n.claims(polarity), nil })
}

func (n *nav) claims(polarity string) []ClaimRow {
	rows := []ClaimRow{}
	if n.r != nil {
		fs := n.facts()
		ids := fs.subjects(quad.IRI(vocab.ClassClaim), vocab.RDFType)
		ahead := n.readAhead(ids, 1, vocab.Evidence)
		for i, id := range ids {
			if n.stopped() {
				break
			}
			ahead(i)
			ps := fs.read(id)
			r := ClaimRow{Polarity: fs.word(ps, vocab.Polarity)}
			if polarity != "" && !strings.EqualFold(r.Polarity, polarity) {
				continue
			}
			r.ID, r.Subject, r.Predicate, r.Object = shortID(vocab.ValueText(n.peek(id))), fs.word(ps, vocab.Subject),
				fs.word(ps, vocab.Predicate), fs.text(ps, vocab.Object)
			r.Hedged, r.Evidence = fs.word(ps, vocab.Hedged) == "true", fs.evidence(ps)
			rows = append(rows, r)
		}
		sortByEvidence(rows, func(r ClaimRow) ([]Evidence, string) { return r.Evidence, r.ID })
		return rows
	}
	for _, c := range n.in(quad.IRI(vocab.ClassClaim), vocab.RDFType) {
		if n.stopped() {
			break
		}
		r := ClaimRow{ID: shortID(vocab.ValueText(c)), Subject: n.text(c, vocab.Subject), Predicate: n.text(c, vocab.Predicate),
			Object: n.text(c, vocab.Object), Polarity: n.text(c, vocab.Polarity), Hedged: n.text(c, vocab.Hedged) == "true",
			Evidence: n.evidence(c)}
		if polarity != "" && !strings.EqualFold(r.Polarity, polarity) {
			continue
		}
		rows = append(rows, r)
	}
	sortByEvidence(rows, func(r ClaimRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows
}

// PositionRow is a demand, threat or conditional offer of one party toward
// another: a stance, not a concession.
type PositionRow struct {
	ID         string     `json:"id"`
	Kind       string     `json:"kind"`
	Holder     *string    `json:"holder"`
	Addressee  *string    `json:"addressee"`
	Policy     string     `json:"policy"`
	Instrument string     `json:"instrument"`
	Sector     *string    `json:"sector"`
	Hedged     bool       `json:"hedged"`
	Evidence   []Evidence `json:"evidence"`
}

// PositionFilter narrows the positions listed; empty fields match all.
// Names match an actor's name or alias, case-insensitively.
type PositionFilter struct {
	Holder, Addressee, Sector, Kind string
}

// Positions lists the positions of the graph, filtered.
func Positions(ctx context.Context, st *tg.Store, f PositionFilter) ([]PositionRow, error) {
	return navigate(ctx, st, func(n *nav) ([]PositionRow, error) { return n.positions(f), nil })
}

func (n *nav) positions(f PositionFilter) []PositionRow {
	rows := []PositionRow{}
	n.eachOfClass(vocab.ClassPosition, func(x fields) {
		if !n.matchesActor(x.node(vocab.Holder), f.Holder) || !n.matchesActor(x.node(vocab.Addressee), f.Addressee) {
			return
		}
		r := positionRow(x)
		if (f.Kind == "" || strings.EqualFold(r.Kind, f.Kind)) &&
			(f.Sector == "" || r.Sector != nil && strings.EqualFold(*r.Sector, f.Sector)) {
			rows = append(rows, r)
		}
	})
	sortByEvidence(rows, func(r PositionRow) ([]Evidence, string) { return r.Evidence, r.ID })
	return rows
}

// positionRow reads a position as a row, by either path.
func positionRow(x fields) PositionRow {
	p := x.policy()
	return PositionRow{
		ID:         x.id(),
		Kind:       x.word(vocab.Kind),
		Holder:     x.name(vocab.Holder),
		Addressee:  x.name(vocab.Addressee),
		Policy:     x.text(vocab.Text),
		Instrument: p.instrument,
		Sector:     p.sector,
		Hedged:     x.word(vocab.Hedged) == "true",
		Evidence:   x.evidence(),
	}
}
