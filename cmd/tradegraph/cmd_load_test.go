package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// sampleQuads is the number of quads in testdata/sample.nq.
const sampleQuads = 18

func TestLoad(t *testing.T) {
	db := newStore(t)

	r := mustRun(t, "--db", db, "load", "testdata/sample.nq")
	if want := "loaded testdata/sample.nq: 18 quads, 18 new, 0 removed\n"; r.stderr != want {
		t.Errorf("first load said %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("load wrote data to stdout: %q", r.stdout)
	}
	first := dumpOf(t, db)

	r = mustRun(t, "--db", db, "load", "testdata/sample.nq")
	if want := "loaded testdata/sample.nq: 18 quads, 0 new, 0 removed\n"; r.stderr != want {
		t.Errorf("second load said %q, want %q", r.stderr, want)
	}
	if got := quadCount(t, db); got != sampleQuads {
		t.Errorf("quads after loading twice = %d, want %d", got, sampleQuads)
	}
	if second := dumpOf(t, db); second != first {
		t.Errorf("loading the file again changed the store:\n%s\nwas:\n%s", second, first)
	}
}

func TestLoadJSON(t *testing.T) {
	db := newStore(t)
	r := mustRun(t, "--db", db, "--json", "load", "testdata/sample.nq", "testdata/sample.nq")
	var got []loadResult
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("load --json printed %q: %v", r.stdout, err)
	}
	want := []loadResult{
		{File: "testdata/sample.nq", Quads: sampleQuads, Added: sampleQuads},
		{File: "testdata/sample.nq", Quads: sampleQuads},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("load --json = %+v, want %+v", got, want)
	}
}

func TestLoadReplace(t *testing.T) {
	// sample-v2.nq is document a again, with m1 denied rather than asserted
	// and without the sentence's text.
	t.Run("without --replace both versions are kept", func(t *testing.T) {
		db := newStore(t)
		mustRun(t, "--db", db, "load", "testdata/sample.nq")
		r := mustRun(t, "--db", db, "load", "testdata/sample-v2.nq")
		if want := "loaded testdata/sample-v2.nq: 12 quads, 1 new, 0 removed\n"; r.stderr != want {
			t.Errorf("load said %q, want %q", r.stderr, want)
		}
		dump := dumpOf(t, db)
		for _, kept := range []string{`"asserted"`, `"denied"`, `will \"not impose\"`} {
			if !strings.Contains(dump, kept) {
				t.Errorf("dump lost %s:\n%s", kept, dump)
			}
		}
	})

	t.Run("--replace swaps the document for the new version", func(t *testing.T) {
		db := newStore(t)
		mustRun(t, "--db", db, "load", "testdata/sample.nq")
		r := mustRun(t, "--db", db, "load", "--replace", "testdata/sample-v2.nq")
		if want := "loaded testdata/sample-v2.nq: 12 quads, 1 new, 2 removed\n"; r.stderr != want {
			t.Errorf("load --replace said %q, want %q", r.stderr, want)
		}
		replaced := dumpOf(t, db)

		want := newStore(t)
		mustRun(t, "--db", want, "load", "testdata/sample-replaced.nq")
		if wantDump := dumpOf(t, want); replaced != wantDump {
			t.Errorf("dump after --replace:\n%s\nwant, as in sample-replaced.nq:\n%s", replaced, wantDump)
		}
		if strings.Contains(replaced, `"asserted"`) || strings.Contains(replaced, "not impose") {
			t.Errorf("--replace kept quads of the old version:\n%s", replaced)
		}

		again := mustRun(t, "--db", db, "load", "--replace", "testdata/sample-v2.nq")
		if want := "loaded testdata/sample-v2.nq: 12 quads, 0 new, 0 removed\n"; again.stderr != want {
			t.Errorf("second load --replace said %q, want %q", again.stderr, want)
		}
		if got := dumpOf(t, db); got != replaced {
			t.Errorf("a second --replace changed the store:\n%s\nwas:\n%s", got, replaced)
		}
	})
}

// TestLoadBadInput checks that each bad input gets one line on stderr naming
// the file (and the line, for N-Quads), the documented exit code, and
// leaves the store byte for byte as it was.
func TestLoadBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string // after --db STORE
		code int
		// stderr is the whole message; a usage error adds a hint line.
		stderr string
	}{
		{
			name:   "missing file",
			args:   []string{"load", "testdata/missing.nq"},
			code:   exitFailure,
			stderr: "tradegraph: testdata/missing.nq: no such file\n",
		},
		{
			name:   "empty file",
			args:   []string{"load", "testdata/empty.nq"},
			code:   exitFailure,
			stderr: "tradegraph: testdata/empty.nq: empty file\n",
		},
		{
			name:   "binary file",
			args:   []string{"load", "testdata/binary.nq"},
			code:   exitFailure,
			stderr: "tradegraph: testdata/binary.nq: binary data, not nquads\n",
		},
		{
			name:   "invalid UTF-8",
			args:   []string{"load", "testdata/invalid-utf8.nq"},
			code:   exitFailure,
			stderr: "tradegraph: testdata/invalid-utf8.nq:2: invalid UTF-8\n",
		},
		{
			name:   "malformed N-Quads line",
			args:   []string{"load", "testdata/malformed.nq"},
			code:   exitFailure,
			stderr: "tradegraph: testdata/malformed.nq:3: malformed N-Quads: unexpected rune 't' at 62\n",
		},
		{
			name:   "unknown extension",
			args:   []string{"load", "testdata/sample.ttl"},
			code:   exitFailure,
			stderr: `tradegraph: testdata/sample.ttl: unknown extension ".ttl" (use --format; known: `,
		},
		{
			name: "a bad file among good ones",
			args: []string{"load", "testdata/sample.nq", "testdata/malformed.nq"},
			code: exitFailure,
			stderr: "loaded testdata/sample.nq: 18 quads, 0 new, 0 removed\n" +
				"tradegraph: testdata/malformed.nq:3: malformed N-Quads: unexpected rune 't' at 62\n" +
				"tradegraph: 1 of 2 files failed to load\n",
		},
		{
			name:   "unknown flag",
			args:   []string{"load", "--bogus", "testdata/sample.nq"},
			code:   exitUsage,
			stderr: "tradegraph: unknown flag: --bogus\nRun 'tradegraph --help' for usage.\n",
		},
		{
			name:   "no file to load",
			args:   []string{"load"},
			code:   exitUsage,
			stderr: "tradegraph: requires at least 1 arg(s), only received 0\nRun 'tradegraph --help' for usage.\n",
		},
		{
			name:   "unknown format",
			args:   []string{"load", "--format", "turtle", "testdata/sample.ttl"},
			code:   exitFailure,
			stderr: `tradegraph: testdata/sample.ttl: unknown format "turtle" (known: `,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newStore(t)
			mustRun(t, "--db", db, "load", "testdata/sample.nq")
			before := dumpOf(t, db)

			r := tradegraph(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit code %d, want %d", r.code, tc.code)
			}
			checkMessage(t, r.stderr, tc.stderr)
			if r.stdout != "" {
				t.Errorf("wrote to stdout: %q", r.stdout)
			}
			if after := dumpOf(t, db); after != before {
				t.Errorf("the store changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

func TestLoadStoreLocked(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	before := dumpOf(t, db)
	release := holdStoreInChild(t, db)

	for _, verb := range [][]string{{"load", "testdata/sample-v2.nq"}, {"stats"}, {"dump"}} {
		start := time.Now()
		r := tradegraph(t, append([]string{"--db", db}, verb...)...)
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("%s: took %v to give up, want under 2s", verb[0], elapsed)
		}
		if r.code != exitFailure {
			t.Errorf("%s: exit code %d, want %d", verb[0], r.code, exitFailure)
		}
		want := "tradegraph: " + db + ": store in use by another process (try again when it finishes)\n"
		if r.stderr != want {
			t.Errorf("%s: stderr %q, want %q", verb[0], r.stderr, want)
		}
		if r.stdout != "" {
			t.Errorf("%s: wrote to stdout: %q", verb[0], r.stdout)
		}
	}

	release()
	if after := dumpOf(t, db); after != before {
		t.Errorf("the store changed:\n%s\nwas:\n%s", after, before)
	}
}

func TestLoadPostgresUnreachable(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	r := tradegraph(t, "--db", "postgres://u:secretpw@127.0.0.1:1/x", "load", "testdata/sample.nq")
	if r.code != exitFailure {
		t.Errorf("exit code %d, want %d", r.code, exitFailure)
	}
	if !strings.HasPrefix(r.stderr, "tradegraph: postgres postgres://u:xxxxx@127.0.0.1:1/x?") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr is not one line naming the server: %q", r.stderr)
	}
	if strings.Contains(r.stderr, "secretpw") {
		t.Errorf("stderr shows the password: %q", r.stderr)
	}
	// Nothing fell back to a local store.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("created %v in the working directory", entries)
	}
}

// checkMessage compares stderr with want; a want without a final newline
// is the start of a one-line message.
func checkMessage(t *testing.T, stderr, want string) {
	t.Helper()
	if strings.HasSuffix(want, "\n") {
		if stderr != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
		}
		return
	}
	if !strings.HasPrefix(stderr, want) || strings.Count(stderr[len(want):], "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr:\n%s\nwant a line starting with:\n%s", stderr, want)
	}
}

func quadCount(t *testing.T, db string) int64 {
	t.Helper()
	var s struct{ Quads int64 }
	r := mustRun(t, "--db", db, "--json", "stats")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("stats --json printed %q: %v", r.stdout, err)
	}
	return s.Quads
}
