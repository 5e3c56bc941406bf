package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// holdStoreEnv makes the test binary, run as a child, hold a store open
// instead of running tests: another process using the store.
const holdStoreEnv = "TRADEGRAPH_TEST_HOLD_STORE"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdStoreEnv); path != "" {
		os.Exit(holdStore(path))
	}
	// the test binary stands in for the tradegraph program in child processes
	if args := os.Getenv(runAsProgramEnv); args != "" {
		ctx, stop := interruptible()
		code := run(ctx, strings.Split(args, "\x1f"), streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// runAsProgramEnv makes the test binary run tradegraph with the arguments
// it holds (separated by \x1f), as a separate process a test can kill.
const runAsProgramEnv = "TRADEGRAPH_TEST_RUN_ARGS"

// program returns a command that runs tradegraph with args in a child process.
func program(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Env = append(os.Environ(), runAsProgramEnv+"="+strings.Join(args, "\x1f"))
	return c
}

// holdStore opens the bolt store at path for writing, prints "ready" and
// keeps it open until stdin is closed.
func holdStore(path string) int {
	st, err := graph.Open(context.Background(), graph.Config{Address: path, Create: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// holdStoreInChild has another process open the store at path and returns
// a function that makes it let go.
func holdStoreInChild(t *testing.T, path string) (release func()) {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), holdStoreEnv+"="+path)
	child.Stderr = os.Stderr
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			stdin.Close()
			if err := child.Wait(); err != nil {
				t.Errorf("the process holding the store: %v", err)
			}
		})
	}
	t.Cleanup(release)
	if line, err := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("the process holding the store said %q (%v)", line, err)
	}
	return release
}

// result is what one run of tradegraph did.
type result struct {
	code           int
	stdout, stderr string
}

// tradegraph runs the command line as a user would, with args after the
// program name.
func tradegraph(t *testing.T, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(t.Context(), args, streams{In: strings.NewReader(""), Out: &out, Err: &errs})
	return result{code, out.String(), errs.String()}
}

// mustRun runs tradegraph and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := tradegraph(t, args...)
	if r.code != exitOK {
		t.Fatalf("tradegraph %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// newStore is the path of a bolt store in a fresh directory.
func newStore(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "tradegraph.db")
}

// dumpOf is the N-Quads dump of the store at db.
func dumpOf(t *testing.T, db string) string {
	t.Helper()
	return mustRun(t, "--db", db, "dump").stdout
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

// syntheticArticles writes n synthetic articles of seed to a fresh directory.
func syntheticArticles(t *testing.T, seed uint64, n int) string {
	t.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	arts, err := synth.NewArticles(lex, seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := arts.WriteDir(dir, n); err != nil {
		t.Fatal(err)
	}
	return dir
}
