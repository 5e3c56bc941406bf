package queries

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	tg "github.com/tradegraph/tradegraph/graph"
)

// On a bolt store the queries read its indexes directly; elsewhere they go
// through cayley's iterators. Both must give the same answers.
func TestBoltReaderAnswersAsCayley(t *testing.T) {
	dir := t.TempDir()
	mem := corpusIn(t, tg.Config{Backend: tg.Memory}, dir)
	bolt := corpusIn(t, tg.Config{Backend: tg.Bolt, Address: filepath.Join(dir, "q.db"), Create: true}, dir)
	ctx := context.Background()
	runs := []struct {
		query string
		args  []string
		flags map[string]string
	}{
		{"entities", nil, nil},
		{"concessions", nil, nil},
		{"concessions", nil, map[string]string{"grantor": "Vietnam", "polarity": "asserted"}},
		{"bundles", nil, nil},
		{"bundles", nil, map[string]string{"across": "true", "by": "instrument-grantor"}},
		{"bundles", nil, map[string]string{"across": "true", "by": "instrument"}},
		{"claims", nil, nil},
		{"actor", []string{"Malaysia"}, nil},
		{"actor", []string{"Vietnam"}, nil},
		{"actor", []string{"u.s."}, nil},
		{"sectors", nil, nil},
		{"path", []string{"Tengku Zafrul", "U.S."}, map[string]string{"hops": "4", "limit": "10"}},
		{"path", []string{"Vietnam", "Malaysia"}, map[string]string{"hops": "4", "limit": "10", "via-evidence": "true"}},
		{"neighbors", []string{"Vietnam"}, map[string]string{"hops": "2"}},
		{"evidence", []string{"Malaysia"}, nil},
	}
	queries := map[string]Query{}
	for _, q := range Registry() {
		queries[q.Name] = q
	}
	for _, r := range runs {
		q := queries[r.query]
		p := Params{Args: r.args, Flags: map[string]string{}}
		for _, f := range q.Flags {
			p.Flags[f.Name] = f.Default
			if f.Bool {
				p.Flags[f.Name] = "false"
			}
		}
		for k, v := range r.flags {
			p.Flags[k] = v
		}
		answer := func(st *tg.Store) string {
			res, err := q.Run(ctx, st, p)
			if err != nil {
				t.Fatalf("%s %v %v: %v", r.query, r.args, r.flags, err)
			}
			b, err := json.Marshal([]any{res.Value, res.Table()})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		if got, want := answer(bolt), answer(mem); got != want {
			t.Errorf("%s %v %v on bolt:\n%s\nin memory:\n%s", r.query, r.args, r.flags, got, want)
		}
	}
}

func TestBundlesAcrossMinDocsAndLimit(t *testing.T) {
	st := corpus(t)
	var bundles Query
	for _, q := range Registry() {
		if q.Name == "bundles" {
			bundles = q
		}
	}
	run := func(minDocs, limit string) ([]PairRow, error) {
		res, err := bundles.Run(context.Background(), st, Params{Flags: map[string]string{"across": "true",
			"by": "instrument-grantor", "min-docs": minDocs, "limit": limit}})
		if err != nil {
			return nil, err
		}
		return res.Value.([]PairRow), nil
	}
	all, err := run("1", "0")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("%d pairs; the test wants more than two", len(all))
	}
	if two, err := run("2", "0"); err != nil || len(two) != 1 || two[0].Pair != all[0].Pair {
		t.Errorf("--min-docs 2: %+v, %v; want only the pair of two documents", two, err)
	}
	if top, err := run("1", "2"); err != nil || len(top) != 2 || top[1].Pair != all[1].Pair {
		t.Errorf("--limit 2: %+v, %v; want the first two pairs", top, err)
	}
	if _, err := run("1", "-1"); err == nil {
		t.Error("--limit -1 is accepted")
	}
	_, err = bundles.Run(context.Background(), st, Params{Flags: map[string]string{"across": "false", "min-docs": "2", "limit": "0"}})
	if _, ok := err.(ErrUsage); !ok {
		t.Errorf("--min-docs without --across: %v, want a usage error", err)
	}
}
