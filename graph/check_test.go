package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// twoDocuments is a memory store holding two small articles.
func twoDocuments(t *testing.T) (*graph.Store, map[string][]quad.Quad) {
	t.Helper()
	ctx := context.Background()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	texts := map[string]string{
		"a.txt": "Peru will cut tariffs on Korean cars, but it keeps its ban on used clothing imports.",
		"b.txt": "Korea did not agree to lift its rice quota. In return, Peru will open government procurement.",
	}
	docs := map[string][]quad.Quad{}
	for id, text := range texts {
		doc, err := article.Parse(id, []byte(text), lex)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(doc)
		r.ID = id
		docs[id] = r.Quads()
		if _, err := st.ReplaceDocument(ctx, article.DocIRI(id), docs[id]); err != nil {
			t.Fatal(err)
		}
	}
	return st, docs
}

func TestCheckPassesOnBuiltDocuments(t *testing.T) {
	st, _ := twoDocuments(t)
	rep, err := st.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 || rep.Facts == 0 || len(rep.Problems) != 0 {
		t.Errorf("report = %+v", rep)
	}
}

func TestCheckFindsAndRepairsAnIncompleteDocument(t *testing.T) {
	st, docs := twoDocuments(t)
	ctx := context.Background()
	a := article.DocIRI("a.txt")
	// what a crash between two writes of one document would leave: half of it
	half := docs["a.txt"][:len(docs["a.txt"])/2]
	if _, err := st.Apply(ctx, graph.Change{Replace: []quad.Value{a}, Add: append(half, docs["a.txt"][len(docs["a.txt"])-1])}); err != nil {
		t.Fatal(err)
	}
	rep, err := st.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Incomplete) != 1 || rep.Incomplete[0] != string(a) {
		t.Fatalf("incomplete = %q", rep.Incomplete)
	}
	found := false
	for _, p := range rep.Problems {
		found = found || p.Kind == "incomplete" && strings.Contains(p.Detail, "holds")
	}
	if !found {
		t.Errorf("problems = %+v", rep.Problems)
	}
	before, _ := st.QuadsWith(ctx, quad.Label, article.DocIRI("b.txt"))
	removed, err := st.Repair(ctx, rep)
	if err != nil || len(removed) != 1 {
		t.Fatalf("repair removed %q: %v", removed, err)
	}
	after, _ := st.QuadsWith(ctx, quad.Label, article.DocIRI("b.txt"))
	if len(before) != len(after) {
		t.Errorf("repair touched the other document: %d quads, then %d", len(before), len(after))
	}
	if left, _ := st.QuadsWith(ctx, quad.Label, a); len(left) != 0 {
		t.Errorf("%d quads of the incomplete document remain", len(left))
	}
	if rep, _ := st.Check(ctx); len(rep.Problems) != 0 {
		t.Errorf("after repair: %+v", rep.Problems)
	}
}

func TestCheckFindsFactsWithoutEvidenceAndDanglingReferences(t *testing.T) {
	st, _ := twoDocuments(t)
	ctx := context.Background()
	label := quad.IRI(vocab.IDBase + "file/extra.nq")
	m := quad.IRI(vocab.IDBase + "measure/orphan")
	_, err := st.Apply(ctx, graph.Change{Add: []quad.Quad{
		{Subject: m, Predicate: quad.IRI(vocab.RDFType), Object: quad.IRI(vocab.ClassConcession), Label: label},
		{Subject: m, Predicate: quad.IRI(vocab.Grantor), Object: quad.IRI(vocab.IDBase + "country/atlantis"), Label: label},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, p := range rep.Problems {
		kinds[p.Kind] = true
	}
	if !kinds["no-evidence"] || !kinds["dangling"] || kinds["incomplete"] {
		t.Errorf("problems = %+v", rep.Problems)
	}
}

func TestCheckFindsPositionsWithoutHolderKindOrEvidence(t *testing.T) {
	ctx := context.Background()
	label := quad.IRI(vocab.IDBase + "file/positions.nq")
	sent := quad.IRI(vocab.IDBase + "file/positions.nq#s0")
	china, us := quad.IRI(vocab.IDBase+"country/china"), quad.IRI(vocab.IDBase+"country/united-states")
	typ := quad.IRI(vocab.RDFType)
	base := []quad.Quad{
		{Subject: sent, Predicate: typ, Object: quad.IRI(vocab.ClassSentence), Label: label},
		{Subject: china, Predicate: typ, Object: quad.IRI(vocab.ClassCountry), Label: label},
		{Subject: us, Predicate: typ, Object: quad.IRI(vocab.ClassCountry), Label: label},
	}
	position := func(name string, props ...[2]quad.Value) []quad.Quad {
		p := quad.IRI(vocab.IDBase + "file/positions.nq#" + name)
		qs := []quad.Quad{{Subject: p, Predicate: typ, Object: quad.IRI(vocab.ClassPosition), Label: label}}
		for _, pr := range props {
			qs = append(qs, quad.Quad{Subject: p, Predicate: pr[0], Object: pr[1], Label: label})
		}
		return qs
	}
	kind := func(k string) [2]quad.Value { return [2]quad.Value{quad.IRI(vocab.Kind), quad.String(k)} }
	holder := [2]quad.Value{quad.IRI(vocab.Holder), china}
	to := [2]quad.Value{quad.IRI(vocab.Addressee), us}
	evidence := [2]quad.Value{quad.IRI(vocab.Evidence), sent}
	for _, tc := range []struct {
		name  string
		quads []quad.Quad
		want  []string // the problems' kinds
	}{
		{"whole", position("p1", kind(vocab.Demand), holder, to, evidence), nil},
		{"addressed to no one", position("p1", kind(vocab.Offer), holder, evidence), nil},
		{"no holder", position("p1", kind(vocab.Threat), to, evidence), []string{"no-holder"}},
		{"no kind", position("p1", holder, evidence), []string{"bad-kind"}},
		{"a kind of concession", position("p1", kind(vocab.Asserted), holder, evidence), []string{"bad-kind"}},
		{"no evidence", position("p1", kind(vocab.Demand), holder), []string{"no-evidence"}},
		{"a holder not in the graph", position("p1", kind(vocab.Demand), evidence,
			[2]quad.Value{quad.IRI(vocab.Holder), quad.IRI(vocab.IDBase + "country/atlantis")}), []string{"dangling"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Apply(ctx, graph.Change{Add: append(append([]quad.Quad{}, base...), tc.quads...)}); err != nil {
				t.Fatal(err)
			}
			rep, err := st.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range rep.Problems {
				got = append(got, p.Kind)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") || rep.Facts != 1 {
				t.Errorf("problems %+v (%d facts), want kinds %q of 1 fact", rep.Problems, rep.Facts, tc.want)
			}
		})
	}
}
