package queries

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// benchStore opens a bolt store of 1,000,000 synthetic quads (seed 1),
// built once and kept for later runs.
func benchStore(b *testing.B) *tg.Store {
	b.Helper()
	ctx := context.Background()
	path, err := synth.CachedStore(ctx, "1m", 1_000_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	st, err := tg.Open(ctx, tg.Config{Backend: tg.Bolt, Address: path, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// busiest returns the two countries that grant the most measures.
func busiest(b *testing.B, st *tg.Store) (string, string) {
	type granting struct {
		name string
		n    int
	}
	best, err := navigate(context.Background(), st, func(n *nav) ([2]granting, error) {
		var best [2]granting
		for _, c := range n.in(quad.IRI(vocab.ClassCountry), vocab.RDFType) {
			k := len(n.in(c, vocab.Grantor))
			switch {
			case k > best[0].n:
				best[1], best[0] = best[0], granting{n.label(c), k}
			case k > best[1].n:
				best[1] = granting{n.label(c), k}
			}
		}
		return best, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if best[1].name == "" {
		b.Fatal("the synthetic store has fewer than two granting countries")
	}
	return best[0].name, best[1].name
}

func BenchmarkActor1M(b *testing.B) {
	st := benchStore(b)
	name, _ := busiest(b, st)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Actor(context.Background(), st, name); err != nil {
			b.Fatal(err)
		}
	}
}

// fourHopsApart finds an agency and a node whose shortest connection is
// four edges long (agency <-grantor- measure -policy-> policy <-policy-
// measure -grantor-> ...), so the benchmark searches the full depth.
func fourHopsApart(b *testing.B, st *tg.Store) (string, string) {
	ctx := context.Background()
	ends, err := navigate(ctx, st, func(n *nav) ([]string, error) {
		for _, a := range n.in(quad.IRI(vocab.ClassAgency), vocab.RDFType) {
			if len(n.in(a, vocab.Grantor)) == 0 {
				continue
			}
			r, err := Neighbors(ctx, st, vocab.ValueText(a), 4, false)
			if err != nil {
				continue
			}
			for _, nb := range r.Neighbors {
				if nb.Hops == 4 && nb.Type == "agency" {
					return []string{vocab.ValueText(a), nb.ID}, nil
				}
			}
		}
		return nil, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if ends == nil {
		b.Skip("no two agencies four hops apart in the synthetic store")
	}
	return ends[0], ends[1]
}

func BenchmarkPath4Hops1M(b *testing.B) {
	st := benchStore(b)
	a, c := fourHopsApart(b, st)
	b.ResetTimer()
	for b.Loop() {
		rows, err := Paths(context.Background(), st, a, c, 4, 10, false)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) == 0 || rows[0].Hops != 4 {
			b.Fatalf("path %s to %s: %+v", a, c, rows)
		}
	}
}

func BenchmarkBundlesAcross1M(b *testing.B) {
	st := benchStore(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := BundlesAcross(context.Background(), st, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkContractQueries1M(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	b.Run("entities", func(b *testing.B) {
		for b.Loop() {
			if _, err := Entities(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("concessions", func(b *testing.B) {
		for b.Loop() {
			if _, err := Concessions(ctx, st, ConcessionFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bundles", func(b *testing.B) {
		for b.Loop() {
			if _, err := Bundles(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("claims", func(b *testing.B) {
		for b.Loop() {
			if _, err := Claims(ctx, st, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
