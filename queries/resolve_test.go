package queries

import (
	"context"
	"errors"
	"slices"
	"testing"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

func TestResolveFindsNamesAliasesAndIDs(t *testing.T) {
	st := chileKorea(t, tg.Config{Backend: tg.Memory})
	for _, tc := range []struct{ name, want string }{
		{"Chile", "country/chile"},
		{"CHILE", "country/chile"},
		{"Chilean", "country/chile"},
		{"R.O.K.", "country/south-korea"},
		{"r.o.k", "country/south-korea"},
		{"rok", "country/south-korea"},
		{"country/chile", "country/chile"},
		{vocab.IDBase + "country/chile", "country/chile"},
		{"<" + vocab.IDBase + "country/chile>", "country/chile"}, // as dump and the full view print it
		{"Rosa Vidal", "person/rosa-vidal"},
	} {
		v, err := Resolve(context.Background(), st, tc.name)
		if err != nil || shortID(vocab.ValueText(v)) != tc.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tc.name, v, err, tc.want)
		}
	}
	_, err := Resolve(context.Background(), st, "Sout Korea")
	var nf ErrNotFound
	if !errors.As(err, &nf) || !slices.Contains(nf.Closest, "South Korea") {
		t.Errorf("Resolve of an unknown name: %v; want it not found, South Korea among the closest", err)
	}
}
