package export_test

import (
	"context"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/export"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

const benchQuads = 1_000_000

// benchStore opens a bolt store of 1,000,000 synthetic quads (seed 1, in
// the graph model's shape), built once and kept for later runs.
func benchStore(b *testing.B) *tg.Store {
	b.Helper()
	ctx := context.Background()
	path, err := synth.CachedStore(ctx, "1m", benchQuads, 1)
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

// peakHeap samples the live heap while it runs and reports the largest.
func peakHeap(run func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		peak uint64
		mu   sync.Mutex
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	run()
	read()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkGraphML1M reads the network view of a 1,000,000-quad bolt store
// and writes it as GraphML: the whole of 'tradegraph export --format
// graphml' but opening the store. It reports the peak live heap.
func BenchmarkGraphML1M(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	var counts export.Counts
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			g, err := export.Build(ctx, st, export.Selection{})
			if err != nil {
				b.Fatal(err)
			}
			if err := export.Write(io.Discard, "graphml", g); err != nil {
				b.Fatal(err)
			}
			counts = g.Counts()
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(counts.Nodes), "nodes")
	b.ReportMetric(float64(counts.Edges), "edges")
}

// BenchmarkFullGraphML1M is the same for the full view: a node per term
// and an edge per quad.
func BenchmarkFullGraphML1M(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			g, err := export.Build(ctx, st, export.Selection{View: export.Full})
			if err != nil {
				b.Fatal(err)
			}
			if err := export.Write(io.Discard, "graphml", g); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
