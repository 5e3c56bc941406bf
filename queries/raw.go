package queries

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
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

// ErrMemoryLimit reports a raw query stopped because its results outgrew
// the memory allowed.
var ErrMemoryLimit = errors.New("query stopped at its memory limit")

// DefaultRawMaxBytes is the heap a raw query may fill by default: a GraphQL
// query builds its whole answer before returning any of it, and one over a
// large store would otherwise grow until its time limit, by about 50 MB a
// second.
const DefaultRawMaxBytes = 1 << 30

// RawOptions bound a raw query.
type RawOptions struct {
	// Limit caps the results (0: all). A GraphQL query is one result.
	Limit int
	// Timeout stops the query.
	Timeout time.Duration
	// MaxBytes stops the query when the program's heap of live objects
	// passes it (0: DefaultRawMaxBytes).
	MaxBytes int64
}

// Raw runs a query in one of Cayley's own languages over the store and
// returns its results as JSON values, stopping at the bounds of opts.
//
// Raw returns only once the query has stopped reading the store: a bolt
// store closed while a query still holds a read transaction waits for that
// transaction, and the transaction's end waits for the close. Every
// language stops soon after its context ends (gizmo interrupts its script,
// graphql and mql check between results).
func Raw(ctx context.Context, st *tg.Store, lang, q string, opts RawOptions) ([]any, error) {
	known := false
	for _, l := range Languages {
		known = known || l == lang
	}
	if !known {
		return nil, ErrUsage{fmt.Sprintf("unknown query language %q (want %s)", lang, strings.Join(Languages, ", "))}
	}
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultRawMaxBytes
	}
	ctx, cancelTime := context.WithTimeout(ctx, opts.Timeout)
	defer cancelTime()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		watchHeap(ctx, maxBytes, cancel)
	}()
	rows, err := runRaw(ctx, st, lang, q, opts.Limit)
	cancel(nil)
	<-watched
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, ErrMemoryLimit):
		return nil, fmt.Errorf("%w (%d MB); raise --max-memory-mb or narrow the query", ErrMemoryLimit, maxBytes>>20)
	case errors.Is(cause, context.DeadlineExceeded):
		return nil, fmt.Errorf("%w (%s); raise --timeout or narrow the query", ErrTimeout, opts.Timeout)
	}
	return rows, err
}

// heapCheckEvery is how often a raw query's heap is measured: at the rate
// a runaway GraphQL query grows, it overshoots by about a megabyte.
const heapCheckEvery = 20 * time.Millisecond

// watchHeap cancels ctx with ErrMemoryLimit when the heap's live objects
// pass maxBytes, until ctx ends. Reading the heap's size is cheap; a
// collection runs only when the size, garbage included, passes the limit,
// to tell whether what is left is live.
func watchHeap(ctx context.Context, maxBytes int64, cancel context.CancelCauseFunc) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(heapCheckEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if int64(sample[0].Value.Uint64()) <= maxBytes {
			continue
		}
		runtime.GC()
		metrics.Read(sample)
		if int64(sample[0].Value.Uint64()) > maxBytes {
			cancel(ErrMemoryLimit)
			return
		}
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
