package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/lib/pq"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// The benchmarks make their inputs with loaders/synth, sized for a small
// machine; TRADEGRAPH_BENCH_QUADS and TRADEGRAPH_BENCH_ARTICLES scale them
// (1000000 and 10000 give the figures of data/BENCHMARKS.md).
func benchSize(b *testing.B, env string, def int) int {
	b.Helper()
	s := os.Getenv(env)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", env, s)
	}
	return n
}

func runCLI(b *testing.B, args ...string) {
	b.Helper()
	var errOut bytes.Buffer
	if code := run(context.Background(), args, streams{In: bytes.NewReader(nil), Out: io.Discard, Err: &errOut}); code != 0 {
		b.Fatalf("tradegraph %v: exit %d: %s", args, code, errOut.String())
	}
}

// BenchmarkLoad loads a file of synthetic N-Quads into a new store.
func BenchmarkLoad(b *testing.B) {
	n := benchSize(b, "TRADEGRAPH_BENCH_QUADS", 200_000)
	lex, err := article.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	g, err := synth.NewQuads(lex, 1)
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "synthetic.nq")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := g.Write(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	stores := map[string]func(*testing.B, int) string{
		"bolt": func(b *testing.B, i int) string {
			return filepath.Join(b.TempDir(), fmt.Sprintf("load-%d.db", i))
		},
		"postgres": benchPostgres,
	}
	for _, backend := range []string{"bolt", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := stores[backend](b, i)
				b.StartTimer()
				runCLI(b, "--db", db, "load", file)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// BenchmarkBuild builds synthetic articles into a new bolt store: reading,
// extraction on every core, and the writes.
func BenchmarkBuild(b *testing.B) {
	n := benchSize(b, "TRADEGRAPH_BENCH_ARTICLES", 300)
	lex, err := article.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	g, err := synth.NewArticles(lex, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := g.WriteDir(filepath.Join(dir, "articles"), n); err != nil {
		b.Fatal(err)
	}
	var size int64
	for i := range n {
		size += int64(len(g.Article(i)))
	}
	var quads int64
	for i := 0; i < b.N; i++ {
		db := filepath.Join(dir, fmt.Sprintf("build-%d.db", i))
		runCLI(b, "--db", db, "build", filepath.Join(dir, "articles"))
		if i == 0 {
			b.StopTimer()
			var st bytes.Buffer
			if code := run(context.Background(), []string{"--db", db, "--json", "stats"}, streams{Out: &st, Err: io.Discard}); code != 0 {
				b.Fatal("stats failed")
			}
			var s struct{ Quads int64 }
			if err := json.Unmarshal(st.Bytes(), &s); err != nil {
				b.Fatal(err)
			}
			quads = s.Quads
			b.StartTimer()
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)*float64(b.N)/sec, "articles/s")
	b.ReportMetric(float64(quads)*float64(b.N)/sec, "quads/s")
	b.ReportMetric(float64(size)*float64(b.N)/sec/1e6, "MB/s")
}

// benchPostgres is a new database on the server TRADEGRAPH_TEST_POSTGRES
// names, dropped when the benchmark ends; without a server the benchmark
// is skipped.
func benchPostgres(b *testing.B, i int) string {
	b.Helper()
	server := os.Getenv("TRADEGRAPH_TEST_POSTGRES")
	if server == "" {
		b.Skip("set TRADEGRAPH_TEST_POSTGRES to benchmark the postgres backend")
	}
	db, err := sql.Open("postgres", server)
	if err != nil {
		b.Fatal(err)
	}
	name := fmt.Sprintf("tradegraph_bench_%d_%d", os.Getpid(), i)
	if _, err := db.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		db.Close()
		b.Fatal(err)
	}
	b.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE " + pq.QuoteIdentifier(name) + " WITH (FORCE)"); err != nil {
			b.Errorf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
