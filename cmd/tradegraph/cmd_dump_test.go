package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDump(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	r := mustRun(t, "--db", db, "dump")
	golden(t, "sample.dump.nq", r.stdout)
	// Typed literals keep their full datatype IRIs, as other RDF tools expect.
	if strings.Contains(r.stdout, "<xsd:") || strings.Contains(r.stdout, `"False"`) {
		t.Errorf("dump writes a literal other RDF tools cannot read:\n%s", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("dump wrote to stderr: %q", r.stderr)
	}
}

func TestDumpRoundTrip(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	want := dumpOf(t, db)

	for _, format := range []struct{ name, ext string }{{"nquads", ".nq"}, {"jsonld", ".jsonld"}} {
		t.Run(format.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "dump"+format.ext)
			r := mustRun(t, "--db", db, "dump", "--format", format.name, "-o", file)
			if r.stdout != "" {
				t.Errorf("dump -o also wrote to stdout: %q", r.stdout)
			}
			again := newStore(t)
			mustRun(t, "--db", again, "load", file)
			if got := dumpOf(t, again); got != want {
				t.Errorf("dump of a store loaded from the %s dump:\n%s\nwant:\n%s", format.name, got, want)
			}
		})
	}
}

func TestDumpToFile(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	file := filepath.Join(t.TempDir(), "out.nq")
	mustRun(t, "--db", db, "dump", "-o", file)
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := dumpOf(t, db); string(got) != want {
		t.Errorf("dump -o wrote:\n%s\nwant what dump prints:\n%s", got, want)
	}
}

func TestDumpErrors(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	missingDir := filepath.Join(t.TempDir(), "missing")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{
			name:   "unknown format",
			args:   []string{"dump", "--format", "turtle"},
			code:   exitUsage,
			stderr: `tradegraph: unknown dump format "turtle" (known: `,
		},
		{
			name:   "output in a missing directory",
			args:   []string{"dump", "-o", filepath.Join(missingDir, "out.nq")},
			code:   exitFailure,
			stderr: "tradegraph: " + filepath.Join(missingDir, "out.nq") + ": ",
		},
		{
			name:   "an argument",
			args:   []string{"dump", "testdata/sample.nq"},
			code:   exitUsage,
			stderr: "tradegraph: unknown command \"testdata/sample.nq\" for \"tradegraph dump\"\nRun 'tradegraph --help' for usage.\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tradegraph(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit code %d, want %d", r.code, tc.code)
			}
			if !strings.HasPrefix(r.stderr, tc.stderr) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", r.stderr, tc.stderr)
			}
			if r.stdout != "" {
				t.Errorf("wrote to stdout: %q", r.stdout)
			}
		})
	}
	if _, err := os.Stat(missingDir); !os.IsNotExist(err) {
		t.Errorf("dump -o created %s", missingDir)
	}
}
