package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// startProgram starts tradegraph with args in a child process; finish
// waits for it and gives its standard output and error.
func startProgram(t *testing.T, args ...string) (finish func() (stdout, stderr string, err error)) {
	t.Helper()
	c := program(args...)
	var out, errs bytes.Buffer
	c.Stdout, c.Stderr = &out, &errs
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	return func() (string, string, error) {
		err := c.Wait()
		return out.String(), errs.String(), err
	}
}

// TestPostgresConcurrentBuilds: four build processes writing different
// articles into one database at once leave the store one build of all of
// them leaves, and check finds nothing wrong.
func TestPostgresConcurrentBuilds(t *testing.T) {
	pg := freshPostgres(t)
	files, err := filepath.Glob(filepath.Join(syntheticArticles(t, 7, 24), "*"))
	if err != nil || len(files) != 24 {
		t.Fatalf("%d articles (%v)", len(files), err)
	}
	slices.Sort(files)
	var running []func() (string, string, error)
	for k := range 4 {
		args := []string{"--db", pg, "build"}
		for i := k; i < len(files); i += 4 {
			args = append(args, files[i])
		}
		running = append(running, startProgram(t, args...))
	}
	for k, finish := range running {
		if _, errs, err := finish(); err != nil {
			t.Errorf("build %d: %v\n%s", k, err, errs)
		}
	}
	bolt := newStore(t)
	mustRun(t, append([]string{"--db", bolt, "build"}, files...)...)
	if got, want := dumpOf(t, pg), dumpOf(t, bolt); got != want {
		t.Errorf("four builds at once on postgres differ from one build:\n%s", firstDiff(got, want))
	}
	mustRun(t, "--db", pg, "check", "--deep")
}

// TestPostgresRebuildRace: two processes rebuilding one document from two
// versions of it at once leave one version whole, never a mix, and check
// finds nothing wrong.
func TestPostgresRebuildRace(t *testing.T) {
	pg := freshPostgres(t)
	src, err := filepath.Glob(filepath.Join(syntheticArticles(t, 8, 2), "*"))
	if err != nil || len(src) != 2 {
		t.Fatalf("%d articles (%v)", len(src), err)
	}
	slices.Sort(src)
	// the two versions: one file name, so one document
	var versions []string
	for i, s := range src {
		text, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), string(rune('a'+i)))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "story.txt")
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, path)
	}
	var want []string
	for _, v := range versions {
		bolt := newStore(t)
		mustRun(t, "--db", bolt, "build", v)
		want = append(want, dumpOf(t, bolt))
	}
	if want[0] == want[1] {
		t.Fatal("the two versions build the same graph")
	}
	mustRun(t, "--db", pg, "build", versions[0])
	for round := range 4 {
		a := startProgram(t, "--db", pg, "build", versions[round%2])
		b := startProgram(t, "--db", pg, "build", versions[1-round%2])
		for k, finish := range []func() (string, string, error){a, b} {
			if _, errs, err := finish(); err != nil {
				t.Errorf("round %d, build %d: %v\n%s", round, k, err, errs)
			}
		}
		if got := dumpOf(t, pg); got != want[0] && got != want[1] {
			t.Fatalf("round %d: the store holds neither version whole:\n%s", round, firstDiff(got, want[0]))
		}
		mustRun(t, "--db", pg, "check", "--deep")
	}
}

// TestPostgresConcurrentRebuilds: processes rebuilding different documents
// at once, each replacing quads that name the nodes the others' share,
// all complete, count only what they wrote themselves, and leave what one
// build of the last versions leaves.
func TestPostgresConcurrentRebuilds(t *testing.T) {
	pg := freshPostgres(t)
	const docs, writers, rounds = 12, 3, 3
	src, err := filepath.Glob(filepath.Join(syntheticArticles(t, 9, 2*docs), "*"))
	if err != nil || len(src) != 2*docs {
		t.Fatalf("%d articles (%v)", len(src), err)
	}
	slices.Sort(src)
	// version v of document i is article i+v*docs under the name of i
	version := func(v int) []string {
		dir := filepath.Join(t.TempDir(), string(rune('a'+v)))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var paths []string
		for i := range docs {
			text, err := os.ReadFile(src[i+v*docs])
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, fmt.Sprintf("doc%02d.txt", i))
			if err := os.WriteFile(path, text, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
		return paths
	}
	versions := [][]string{version(0), version(1)}
	// what rebuilding every document to version v adds and removes, on bolt
	bolt := newStore(t)
	mustRun(t, append([]string{"--db", bolt, "build"}, versions[0]...)...)
	var want [2]buildSummary
	for _, v := range []int{1, 0} {
		want[v] = buildCounts(t, mustRun(t, append([]string{"--db", bolt, "--json", "build"}, versions[v]...)...).stdout)
	}
	mustRun(t, append([]string{"--db", pg, "build"}, versions[0]...)...)
	for round := 1; round <= rounds; round++ {
		var running []func() (string, string, error)
		for w := range writers {
			args := []string{"--db", pg, "--json", "build"}
			for i := w; i < docs; i += writers {
				args = append(args, versions[round%2][i])
			}
			running = append(running, startProgram(t, args...))
		}
		var got buildSummary
		for w, finish := range running {
			out, errs, err := finish()
			if err != nil {
				t.Fatalf("round %d, writer %d: %v\n%s", round, w, err, errs)
			}
			c := buildCounts(t, out)
			got.Added += c.Added
			got.Removed += c.Removed
		}
		if w := want[round%2]; got.Added != w.Added || got.Removed != w.Removed {
			t.Errorf("round %d: the writers count %d quads added and %d removed, where one build counts %d and %d",
				round, got.Added, got.Removed, w.Added, w.Removed)
		}
	}
	mustRun(t, append([]string{"--db", bolt, "build"}, versions[rounds%2]...)...)
	if got, want := dumpOf(t, pg), dumpOf(t, bolt); got != want {
		t.Errorf("rebuilds at once on postgres differ from one build:\n%s", firstDiff(got, want))
	}
	mustRun(t, "--db", pg, "check", "--deep")
}

// buildCounts reads the added and removed counts of build --json's output.
func buildCounts(t *testing.T, out string) buildSummary {
	t.Helper()
	var s buildSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("build --json: %v\n%s", err, out)
	}
	return s
}

// firstDiff is the first line where got and want part, with its number.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d (of %d and %d):\n got  %s\n want %s", i+1, len(g), len(w), gl, wl)
		}
	}
	return "no line differs"
}
