package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph/graph/vocab"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// eachQuad calls fn for every quad whose dir is v.
func (s *Store) eachQuad(ctx context.Context, dir quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return fmt.Errorf("reading the store: %w", err)
	}
	if ref == nil {
		return nil
	}
	it := s.qs.QuadIterator(dir, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			// its node went with a write that removed the quad meanwhile
			return fmt.Errorf("reading the store: a quad of %s lost a node while read (written meanwhile by another process?)", v)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return it.Err()
}

// QuadsWith returns the quads whose dir is v, in a stable order.
func (s *Store) QuadsWith(ctx context.Context, dir quad.Direction, v quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.eachQuad(ctx, dir, v, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	SortQuads(out)
	return out, err
}

// EachQuad calls fn for every quad in the store, in the store's order.
func (s *Store) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	if s.pg != nil { // postgres, not a ThroughCayley view
		return s.eachQuadSQL(ctx, fn)
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			// its node went with a write that removed the quad meanwhile
			return errors.New("reading the store: a quad lost a node while read (written meanwhile by another process?)")
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("reading the store: %w", err)
	}
	return ctx.Err()
}

// Quads returns every quad in the store, sorted, so dumps are byte-stable.
func (s *Store) Quads(ctx context.Context) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.EachQuad(ctx, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	SortQuads(out)
	return out, err
}

// SortQuads orders quads by label, subject, predicate and object. It sorts
// positions and moves each quad once: quads hold pointers, and swapping them
// in place costs a write barrier per move while the collector runs.
func SortQuads(qs []quad.Quad) {
	keys := make([]quadKey, len(qs))
	order := make([]int32, len(qs))
	// a value's N-Quads form is made once: values repeat from quad to quad,
	// and equal forms that share their bytes compare at once
	forms := map[quad.Value]string{}
	form := func(v quad.Value) string {
		if v == nil {
			return ""
		}
		s, ok := forms[v]
		if !ok {
			s = v.String()
			forms[v] = s
		}
		return s
	}
	for i, q := range qs {
		keys[i] = quadKey{form(q.Subject), form(q.Predicate), form(q.Object), form(q.Label)}
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := &keys[a], &keys[b]
		for _, k := range [4]int{3, 0, 1, 2} {
			if c := strings.Compare(x[k], y[k]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a, b)
	})
	sorted := make([]quad.Quad, len(qs))
	for i, j := range order {
		sorted[i] = qs[j]
	}
	copy(qs, sorted)
}

// count is the number of quads stored.
func (s *Store) count(ctx context.Context) (int64, error) {
	st, err := s.qs.Stats(ctx, s.backend == Postgres)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a new bolt store has no size record yet
	}
	if err != nil {
		return 0, fmt.Errorf("reading the store: %w", err)
	}
	return st.Quads.Value, nil
}

// Stats describes what a store holds.
type Stats struct {
	Backend   string           `json:"backend"`
	Quads     int64            `json:"quads"`
	Nodes     int64            `json:"nodes"`
	Documents int64            `json:"documents"`
	Classes   map[string]int64 `json:"classes"`
}

// Stats counts quads, nodes, documents (distinct labels) and typed nodes per
// class (by the class IRI's local name).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if s.pg != nil { // postgres, not a ThroughCayley view
		return s.statsSQL(ctx)
	}
	if st, ok, err := s.statsKV(ctx); ok || err != nil {
		return st, err
	}
	return s.statsQuads(ctx)
}

// statsQuads computes Stats from every quad, on any backend: nodes,
// labels and typed pairs are compared by their N-Quads form.
func (s *Store) statsQuads(ctx context.Context) (Stats, error) {
	st := Stats{Backend: s.backend, Classes: map[string]int64{}}
	nodes := map[string]struct{}{}
	labels := map[string]struct{}{}
	typed := map[[2]string]struct{}{}
	err := s.EachQuad(ctx, func(q quad.Quad) error {
		st.Quads++
		nodes[q.Subject.String()] = struct{}{}
		nodes[q.Object.String()] = struct{}{}
		if q.Label != nil {
			labels[q.Label.String()] = struct{}{}
		}
		if vocab.ValueText(q.Predicate) == vocab.RDFType {
			k := [2]string{q.Subject.String(), q.Object.String()}
			if _, seen := typed[k]; !seen {
				typed[k] = struct{}{}
				st.Classes[vocab.LocalName(vocab.ValueText(q.Object))]++
			}
		}
		return nil
	})
	st.Nodes = int64(len(nodes))
	st.Documents = int64(len(labels))
	return st, err
}
