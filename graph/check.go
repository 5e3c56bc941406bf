package graph

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tradegraph/tradegraph/graph/vocab"

	"github.com/cayleygraph/quad"
)

// Problem is something wrong in a store.
type Problem struct {
	Doc    string `json:"doc,omitempty"` // the document (label) it concerns
	Kind   string `json:"kind"`          // incomplete, no-evidence, dangling, no-holder, bad-kind
	Detail string `json:"detail"`
}

// Report is what Check found.
type Report struct {
	Documents int       `json:"documents"`
	Facts     int       `json:"facts"`
	Problems  []Problem `json:"problems"`
	// Incomplete lists the documents Repair would remove.
	Incomplete []string `json:"incomplete"`
}

// references are the predicates whose objects must be nodes of the graph.
var references = []string{vocab.Grantor, vocab.Beneficiary, vocab.Holder, vocab.Addressee, vocab.PolicyOf, vocab.Member, vocab.PartOf, vocab.MemberOf, vocab.Instrument, vocab.Sector, vocab.Evidence, vocab.InDocument}

// Check reads the whole store once and verifies that every document is
// complete (it holds as many quads as its completeness mark says), that
// every measure, bundle, claim and position has evidence, that every
// position has a holder and one of the kinds, and that no reference points
// at a node the graph does not describe.
func (s *Store) Check(ctx context.Context) (Report, error) {
	rep := Report{Problems: []Problem{}, Incomplete: []string{}}
	perLabel := map[string]int{}
	declared := map[string]int{}
	typed := map[string]bool{}
	isDoc := map[string]bool{}
	facts := map[string]string{} // fact -> its document
	evidenced := map[string]bool{}
	positions := map[string]string{} // position -> its document
	held := map[string]bool{}
	kinds := map[string][]string{}
	type ref struct{ from, pred, to, doc string }
	var refs []ref
	isRef := map[string]bool{}
	for _, p := range references {
		isRef[p] = true
	}
	err := s.EachQuad(ctx, func(q quad.Quad) error {
		label := ""
		if q.Label != nil {
			label = vocab.ValueText(q.Label)
		}
		perLabel[label]++
		subj, pred := vocab.ValueText(q.Subject), vocab.ValueText(q.Predicate)
		switch pred {
		case vocab.RDFType:
			typed[subj] = true
			switch vocab.ValueText(q.Object) {
			case vocab.ClassDocument:
				isDoc[subj] = true
			case vocab.ClassConcession, vocab.ClassBundle, vocab.ClassClaim:
				facts[subj] = label
			case vocab.ClassPosition:
				facts[subj] = label
				positions[subj] = label
			}
		case vocab.QuadCount:
			n, err := strconv.Atoi(vocab.ValueText(q.Object))
			if err == nil {
				declared[label] = n
			}
		case vocab.Evidence:
			evidenced[subj] = true
		case vocab.Holder:
			held[subj] = true
		case vocab.Kind:
			kinds[subj] = append(kinds[subj], vocab.ValueText(q.Object))
		}
		if isRef[pred] {
			if _, ok := q.Object.(quad.IRI); ok {
				refs = append(refs, ref{subj, pred, vocab.ValueText(q.Object), label})
			}
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	incomplete := map[string]bool{}
	for label, n := range perLabel {
		want, marked := declared[label]
		switch {
		case marked && want != n:
			rep.Problems = append(rep.Problems, Problem{label, "incomplete", fmt.Sprintf("holds %d of its %d quads", n, want)})
			incomplete[label] = true
		case !marked && strings.HasPrefix(label, vocab.IDBase+"doc/"):
			rep.Problems = append(rep.Problems, Problem{label, "incomplete", fmt.Sprintf("%d quads and no completeness mark", n)})
			incomplete[label] = true
		}
	}
	for label := range isDoc {
		if _, ok := perLabel[label]; ok {
			rep.Documents++
		}
	}
	for f, doc := range facts {
		rep.Facts++
		if !evidenced[f] {
			rep.Problems = append(rep.Problems, Problem{doc, "no-evidence", f + " has no evidence"})
		}
	}
	for p, doc := range positions {
		if !held[p] {
			rep.Problems = append(rep.Problems, Problem{doc, "no-holder", p + " has no holder"})
		}
		if len(kinds[p]) == 0 {
			rep.Problems = append(rep.Problems, Problem{doc, "bad-kind", p + " has no kind"})
		}
		for _, k := range kinds[p] {
			if !vocab.IsPositionKind(k) {
				rep.Problems = append(rep.Problems, Problem{doc, "bad-kind", fmt.Sprintf("%s has kind %q, not demand, threat or offer", p, k)})
			}
		}
	}
	for _, r := range refs {
		if !typed[r.to] {
			rep.Problems = append(rep.Problems, Problem{r.doc, "dangling", fmt.Sprintf("%s %s %s: no such node", r.from, vocab.LocalName(r.pred), r.to)})
		}
	}
	for d := range incomplete {
		rep.Incomplete = append(rep.Incomplete, d)
	}
	sort.Strings(rep.Incomplete)
	sort.Slice(rep.Problems, func(i, j int) bool {
		a, b := rep.Problems[i], rep.Problems[j]
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Detail < b.Detail
	})
	return rep, ctx.Err()
}

// Repair removes the documents a report found incomplete, each in one
// transaction, and returns what it removed.
func (s *Store) Repair(ctx context.Context, rep Report) ([]string, error) {
	var removed []string
	for _, d := range rep.Incomplete {
		if _, err := s.Apply(ctx, Change{Replace: []quad.Value{quad.IRI(d)}}); err != nil {
			return removed, fmt.Errorf("removing %s: %w", d, err)
		}
		removed = append(removed, d)
	}
	return removed, nil
}
