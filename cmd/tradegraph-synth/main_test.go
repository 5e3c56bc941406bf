package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// runOK runs the command like a user and fails the test on a non-zero exit.
func runOK(t *testing.T, args ...string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(t.Context(), args, &out, &errOut); code != 0 {
		t.Fatalf("tradegraph-synth %v: exit %d: %s", args, code, errOut.String())
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	dir := t.TempDir()
	for _, run := range []string{"a", "b"} {
		runOK(t, "articles", "-n", "12", "-o", filepath.Join(dir, run), "--seed", "5")
		runOK(t, "nquads", "-n", "3000", "-o", filepath.Join(dir, run+".nq"), "--seed", "5")
	}
	entries, err := os.ReadDir(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 12 {
		t.Fatalf("wrote %d articles, want 12", len(entries))
	}
	for _, e := range entries {
		equalFiles(t, filepath.Join(dir, "a", e.Name()), filepath.Join(dir, "b", e.Name()))
	}
	equalFiles(t, filepath.Join(dir, "a.nq"), filepath.Join(dir, "b.nq"))
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"nquads", "-n", "10"},
		{"articles", "-n", "-1", "-o", t.TempDir()},
		{"nquads", "--no-such-flag"},
	} {
		var out, errOut bytes.Buffer
		if code := run(t.Context(), args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut.String())
		}
	}
}

func equalFiles(t *testing.T, a, b string) {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Errorf("%s and %s differ: the same seed must give the same bytes", a, b)
	}
}
