package queries

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers gizmo
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Languages are the Cayley query languages Raw runs.
var Languages = []string{"gizmo", "graphql", "mql"}

// ErrTimeout reports a raw query stopped at its time limit.
var ErrTimeout = errors.New("query stopped at its time limit")

// Raw runs a query in one of Cayley's own languages over the store and
// returns its results as JSON values: at most limit of them (0: all),
// stopping at timeout.
func Raw(ctx context.Context, st *tg.Store, lang, q string, limit int, timeout time.Duration) ([]any, error) {
	known := false
	for _, l := range Languages {
		known = known || l == lang
	}
	if !known {
		return nil, ErrUsage{fmt.Sprintf("unknown query language %q (want %s)", lang, strings.Join(Languages, ", "))}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type outcome struct {
		rows []any
		err  error
	}
	done := make(chan outcome, 1)
	go func() {
		rows, err := runRaw(ctx, st, lang, q, limit)
		done <- outcome{rows, err}
	}()
	select {
	case o := <-done:
		if o.err != nil && ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("%w (%s); raise --timeout or narrow the query", ErrTimeout, timeout)
		}
		return o.rows, o.err
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("%w (%s); raise --timeout or narrow the query", ErrTimeout, timeout)
		}
		return nil, ctx.Err()
	}
}

func runRaw(ctx context.Context, st *tg.Store, lang, q string, limit int) ([]any, error) {
	it, err := query.Execute(ctx, st.QuadStore(), lang, q, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		return nil, fmt.Errorf("%s: %s", lang, oneLine(err.Error()))
	}
	defer it.Close()
	rows := []any{}
	for it.Next(ctx) {
		rows = append(rows, it.Result())
		if limit > 0 && len(rows) >= limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("%s: %s", lang, oneLine(err.Error()))
	}
	return rows, ctx.Err()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
