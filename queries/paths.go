package queries

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// structural are the predicates that connect things; evidence links
// (sentences, documents) join them only with --via-evidence.
var structural = []string{vocab.Grantor, vocab.Beneficiary, vocab.Holder, vocab.Addressee, vocab.PolicyOf, vocab.Instrument,
	vocab.Sector, vocab.Member, vocab.PartOf, vocab.MemberOf, vocab.Country}

var evidential = []string{vocab.Evidence, vocab.InDocument, vocab.Mentions}

// Step is one edge of a path: from a node, along a predicate, forward (out)
// or backward (in).
type Step struct {
	From      string `json:"from"`
	Predicate string `json:"predicate"`
	Direction string `json:"direction"` // out or in
	To        string `json:"to"`
	ToLabel   string `json:"to_label"`
}

// PathRow is one shortest connection.
type PathRow struct {
	Hops  int    `json:"hops"`
	Steps []Step `json:"steps"`
}

// maxVisited bounds a search in a large graph: a hub-heavy neighbourhood
// ends the search rather than the machine's memory.
const maxVisited = 200000

type edge struct {
	node      quad.Value
	pred, dir string
}

func (n *nav) edges(node quad.Value, viaEvidence bool) []edge {
	preds := structural
	if viaEvidence {
		preds = append(append([]string{}, structural...), evidential...)
	}
	var out []edge
	for _, p := range preds {
		for _, v := range n.out(node, p) {
			if _, ok := v.(quad.IRI); ok {
				out = append(out, edge{v, vocab.LocalName(p), "out"})
			}
		}
		for _, v := range n.in(node, p) {
			out = append(out, edge{v, vocab.LocalName(p), "in"})
		}
	}
	return out
}

// Paths finds the shortest connections between two nodes (names, aliases
// or ids), up to maxHops edges, at most limit of them.
func Paths(ctx context.Context, st *tg.Store, a, b string, maxHops, limit int, viaEvidence bool) ([]PathRow, error) {
	return navigate(ctx, st, func(n *nav) ([]PathRow, error) { return n.paths(a, b, maxHops, limit, viaEvidence) })
}

func (n *nav) paths(a, b string, maxHops, limit int, viaEvidence bool) ([]PathRow, error) {
	from, err := n.resolve(a)
	if err != nil {
		return nil, err
	}
	to, err := n.resolve(b)
	if err != nil {
		return nil, err
	}
	if from.String() == to.String() {
		return []PathRow{{Hops: 0, Steps: []Step{}}}, nil
	}
	// breadth-first from both ends, keeping every parent on a shortest path
	type parent struct {
		prev string
		e    edge // the edge from prev to this node, as seen from prev
	}
	fwd := map[string][]parent{from.String(): nil}
	bwd := map[string][]parent{to.String(): nil}
	values := map[string]quad.Value{from.String(): from, to.String(): to}
	fwdFront, bwdFront := []quad.Value{from}, []quad.Value{to}
	var meet []string
	for hops := 0; hops < maxHops && len(meet) == 0 && !n.stopped(); hops++ {
		if len(fwd)+len(bwd) > maxVisited {
			return nil, fmt.Errorf("the search visited %d nodes without joining %q and %q; try fewer --hops", maxVisited, a, b)
		}
		expandFwd := len(fwdFront) <= len(bwdFront)
		front, seen, other := fwdFront, fwd, bwd
		if !expandFwd {
			front, seen, other = bwdFront, bwd, fwd
		}
		next := map[string]bool{}
		var nextFront []quad.Value
		for _, v := range front {
			for _, e := range n.edges(v, viaEvidence) {
				k := e.node.String()
				if ps, ok := seen[k]; ok && !next[k] {
					_ = ps
					continue
				}
				seen[k] = append(seen[k], parent{v.String(), e})
				values[k] = e.node
				if !next[k] {
					next[k] = true
					nextFront = append(nextFront, e.node)
				}
			}
		}
		for k := range next {
			if _, ok := other[k]; ok {
				meet = append(meet, k)
			}
		}
		if expandFwd {
			fwdFront = nextFront
		} else {
			bwdFront = nextFront
		}
	}
	sort.Strings(meet)
	flip := func(dir string) string {
		if dir == "out" {
			return "in"
		}
		return "out"
	}
	// walk back to each end
	var halves func(k string, tree map[string][]parent, depth int) [][]Step
	halves = func(k string, tree map[string][]parent, depth int) [][]Step {
		ps := tree[k]
		if len(ps) == 0 || depth > maxHops {
			return [][]Step{{}}
		}
		var out [][]Step
		for _, p := range ps {
			for _, h := range halves(p.prev, tree, depth+1) {
				out = append(out, append(append([]Step{}, h...), Step{From: p.prev, Predicate: p.e.pred, Direction: p.e.dir, To: k}))
				if len(out) >= limit {
					return out
				}
			}
		}
		return out
	}
	var rows []PathRow
	for _, k := range meet {
		for _, left := range halves(k, fwd, 0) {
			for _, right := range halves(k, bwd, 0) {
				steps := append([]Step{}, left...)
				for i := len(right) - 1; i >= 0; i-- {
					s := right[i]
					steps = append(steps, Step{From: s.To, Predicate: s.Predicate, Direction: flip(s.Direction), To: s.From})
				}
				for i := range steps {
					steps[i].ToLabel = n.label(values[steps[i].To])
					steps[i].From = shortID(vocab.ValueText(values[steps[i].From]))
					steps[i].To = shortID(vocab.ValueText(values[steps[i].To]))
				}
				rows = append(rows, PathRow{Hops: len(steps), Steps: steps})
				if len(rows) >= limit {
					return rows, nil
				}
			}
		}
	}
	if rows == nil {
		rows = []PathRow{}
	}
	return rows, nil
}

// NeighborRow is a node near another.
type NeighborRow struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Hops  int    `json:"hops"`
	Via   string `json:"via"` // predicate and direction of the edge that reached it
}

// NeighborhoodRow is the neighbourhood of a node.
type NeighborhoodRow struct {
	ID        string         `json:"id"`
	Label     string         `json:"label"`
	Type      string         `json:"type"`
	Counts    map[string]int `json:"counts"` // direct edges per predicate and direction
	Neighbors []NeighborRow  `json:"neighbors"`
}

// Neighbors lists the nodes within hops edges of the named node.
func Neighbors(ctx context.Context, st *tg.Store, name string, hops int, viaEvidence bool) (NeighborhoodRow, error) {
	return navigate(ctx, st, func(n *nav) (NeighborhoodRow, error) { return n.neighbors(name, hops, viaEvidence) })
}

func (n *nav) neighbors(name string, hops int, viaEvidence bool) (NeighborhoodRow, error) {
	start, err := n.resolve(name)
	if err != nil {
		return NeighborhoodRow{}, err
	}
	r := NeighborhoodRow{ID: shortID(vocab.ValueText(start)), Label: n.label(start), Type: n.typeName(start),
		Counts: map[string]int{}, Neighbors: []NeighborRow{}}
	seen := map[string]bool{start.String(): true}
	front := []quad.Value{start}
	for h := 1; h <= hops && len(front) > 0 && !n.stopped(); h++ {
		var next []quad.Value
		for _, v := range front {
			for _, e := range n.edges(v, viaEvidence) {
				if h == 1 {
					r.Counts[e.pred+" ("+e.dir+")"]++
				}
				k := e.node.String()
				if seen[k] {
					continue
				}
				seen[k] = true
				if len(seen) > maxVisited {
					return r, fmt.Errorf("more than %d nodes within %d hops of %q; try fewer --hops", maxVisited, hops, name)
				}
				r.Neighbors = append(r.Neighbors, NeighborRow{ID: shortID(vocab.ValueText(e.node)), Label: n.label(e.node),
					Type: n.typeName(e.node), Hops: h, Via: e.pred + " (" + e.dir + ")"})
				next = append(next, e.node)
			}
		}
		front = next
	}
	sort.SliceStable(r.Neighbors, func(i, j int) bool {
		a, b := r.Neighbors[i], r.Neighbors[j]
		if a.Hops != b.Hops {
			return a.Hops < b.Hops
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Label < b.Label
	})
	return r, nil
}
