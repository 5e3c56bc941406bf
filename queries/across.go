package queries

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Signature groups measures across documents: an instrument, and unless
// grouping by instrument alone, the actor that grants it.
type Signature struct {
	Instrument string `json:"instrument"`
	Grantor    string `json:"grantor,omitempty"`
}

// PairRow is two kinds of measure bundled together, and how often.
type PairRow struct {
	Pair      [2]Signature `json:"pair"`
	Bundles   int          `json:"bundles"`
	Documents int          `json:"documents"`
	Docs      []string     `json:"docs"`
}

// BundlesAcross counts, over all documents, which kinds of measures are
// bundled together: each pair of member signatures of a bundle counts
// once per bundle. Rows are sorted by documents, then bundles.
func BundlesAcross(ctx context.Context, st *tg.Store, byInstrumentOnly bool) ([]PairRow, error) {
	n := newNav(ctx, st)
	defer n.close()
	type acc struct {
		bundles int
		docs    map[string]bool
	}
	counts := map[[2]Signature]*acc{}
	sig := map[string]Signature{}
	for _, b := range n.in(quad.IRI(tg.ClassBundle), tg.RDFType) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var sigs []Signature
		for _, m := range n.out(b, tg.Member) {
			k := m.String()
			s, ok := sig[k]
			if !ok {
				s = Signature{Instrument: n.label(n.one(n.one(m, tg.PolicyOf), tg.Instrument))}
				if !byInstrumentOnly {
					if g := n.one(m, tg.Grantor); g != nil {
						s.Grantor = n.label(g)
					}
				}
				sig[k] = s
			}
			sigs = append(sigs, s)
		}
		doc := bundleDoc(tg.ValueText(b))
		seen := map[[2]Signature]bool{}
		for i := range sigs {
			for j := i + 1; j < len(sigs); j++ {
				a, c := sigs[i], sigs[j]
				if a == c {
					continue
				}
				if c.Instrument < a.Instrument || c.Instrument == a.Instrument && c.Grantor < a.Grantor {
					a, c = c, a
				}
				key := [2]Signature{a, c}
				if seen[key] {
					continue
				}
				seen[key] = true
				ac := counts[key]
				if ac == nil {
					ac = &acc{docs: map[string]bool{}}
					counts[key] = ac
				}
				ac.bundles++
				ac.docs[doc] = true
			}
		}
	}
	rows := []PairRow{}
	for k, a := range counts {
		rows = append(rows, PairRow{Pair: k, Bundles: a.bundles, Documents: len(a.docs), Docs: sortedKeys(a.docs)})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Documents != b.Documents {
			return a.Documents > b.Documents
		}
		if a.Bundles != b.Bundles {
			return a.Bundles > b.Bundles
		}
		if a.Pair[0] != b.Pair[0] {
			return a.Pair[0].Instrument+a.Pair[0].Grantor < b.Pair[0].Instrument+b.Pair[0].Grantor
		}
		return a.Pair[1].Instrument+a.Pair[1].Grantor < b.Pair[1].Instrument+b.Pair[1].Grantor
	})
	return rows, nil
}

// bundleDoc is the document of a bundle from its IRI ("doc/x.txt#b1").
func bundleDoc(iri string) string {
	for i := len(iri) - 1; i >= 0; i-- {
		if iri[i] == '#' {
			return DocID(iri[:i])
		}
	}
	return DocID(iri)
}
