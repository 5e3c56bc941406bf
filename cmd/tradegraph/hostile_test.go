package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// child is what one run of tradegraph in a process of its own did.
type child struct {
	result
	took   time.Duration
	peakMB int64 // the process's peak resident memory
}

// runChild runs tradegraph with args in a child process, to measure it.
// The peak is read from /proc while it runs: the rusage of a child started
// by fork and exec counts the parent's memory from before the exec.
func runChild(t *testing.T, args ...string) child {
	t.Helper()
	var out, errs bytes.Buffer
	c := program(args...)
	c.Stdout, c.Stderr = &out, &errs
	start := time.Now()
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	status := fmt.Sprintf("/proc/%d/status", c.Process.Pid)
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var kb int64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(status); err == nil {
				if m := vmHWM.FindSubmatch(b); m != nil {
					n, _ := strconv.ParseInt(string(m[1]), 10, 64)
					kb = max(kb, n)
				}
			}
			select {
			case <-done:
				peak <- kb
				return
			case <-tick.C:
			}
		}
	}()
	c.Wait()
	took := time.Since(start)
	close(done)
	return child{result{c.ProcessState.ExitCode(), out.String(), errs.String()}, took, <-peak >> 10}
}

// vmHWM finds the peak resident memory in /proc/PID/status, in kB.
var vmHWM = regexp.MustCompile(`VmHWM:\s+(\d+) kB`)

// gzipped is content compressed.
func gzipped(t *testing.T, content []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// copyTestdata writes testdata/name to dir/as and returns its path.
func copyTestdata(t *testing.T, name, dir, as string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return writeArticle(t, dir, as, b)
}

// TestLoadMixedDirectory: loading a directory loads its RDF files in name
// order, reports each bad one on a line of its own, leaves other files
// alone, and exits 1 saying how many failed.
func TestLoadMixedDirectory(t *testing.T) {
	dir := t.TempDir()
	copyTestdata(t, "sample.nq", dir, "a-good.nq")
	copyTestdata(t, "malformed.nq", dir, "b-malformed.nq")
	writeArticle(t, dir, "c-empty.nq", nil)
	copyTestdata(t, "binary.nq", dir, "d-binary.jsonld")
	v2, err := os.ReadFile("testdata/sample-v2.nq")
	if err != nil {
		t.Fatal(err)
	}
	writeArticle(t, dir, "sub/e-good.nq.gz", gzipped(t, v2))
	writeArticle(t, dir, "sub/notes.txt", []byte("not RDF, and not read\n"))

	db := newStore(t)
	r := tradegraph(t, "--db", db, "load", dir)
	if r.code != exitFailure {
		t.Errorf("exit code %d, want %d", r.code, exitFailure)
	}
	want := "loaded " + filepath.Join(dir, "a-good.nq") + ": 18 quads, 18 new, 0 removed\n" +
		"tradegraph: " + filepath.Join(dir, "b-malformed.nq") + ":3: malformed N-Quads: unexpected rune 't' at 62\n" +
		"tradegraph: " + filepath.Join(dir, "c-empty.nq") + ": empty file\n" +
		"tradegraph: " + filepath.Join(dir, "d-binary.jsonld") + ": binary data, not jsonld\n" +
		"loaded " + filepath.Join(dir, "sub/e-good.nq.gz") + ": 12 quads, 1 new, 0 removed\n" +
		"tradegraph: 3 of 5 files failed to load\n"
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}

	// the store holds the good files and nothing of the bad ones
	good := newStore(t)
	mustRun(t, "--db", good, "load", filepath.Join(dir, "a-good.nq"), filepath.Join(dir, "sub/e-good.nq.gz"))
	if got, want := dumpOf(t, db), dumpOf(t, good); got != want {
		t.Errorf("after loading the directory:\n%s\nwant the good files alone:\n%s", got, want)
	}

	empty := t.TempDir()
	writeArticle(t, empty, "notes.txt", []byte("no RDF here\n"))
	r = tradegraph(t, "--db", db, "load", empty)
	if r.code != exitFailure || !strings.HasPrefix(r.stderr, "tradegraph: "+empty+": no RDF files in the directory (known: ") ||
		strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("a directory without RDF files: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestFileNamesWithSpacesAndNonASCII: load and build take files whose names
// have spaces and non-ASCII letters, name them as given, and store IRIs
// that a dump writes as valid N-Quads.
func TestFileNamesWithSpacesAndNonASCII(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dossier été 2024")
	triples := copyTestdata(t, "sample.nq", dir, "données de commerce «UE».nq")
	unlabelled := writeArticle(t, dir, "貿易 データ.nt", []byte("<http://example.org/a> <http://example.org/b> \"c\" .\n"))
	gz := writeArticle(t, dir, "Ünïcödé ñame.nq.gz", gzipped(t, []byte("<http://example.org/d> <http://example.org/e> \"f\" .\n")))
	article := copyTestdata(t, "articles/kenya-uk.txt", dir, "Kenya–UK deal (draft #2).txt")

	db := newStore(t)
	r := mustRun(t, "--db", db, "load", triples, unlabelled, gz)
	want := "loaded " + triples + ": 18 quads, 18 new, 0 removed\n" +
		"loaded " + unlabelled + ": 1 quads, 1 new, 0 removed\n" +
		"loaded " + gz + ": 1 quads, 1 new, 0 removed\n"
	if r.stderr != want {
		t.Errorf("load said:\n%s\nwant:\n%s", r.stderr, want)
	}
	r = mustRun(t, "--db", db, "build", article)
	checkBuildStderr(t, r.stderr, "1")
	built := newStore(t)
	mustRun(t, "--db", built, "build", dir)
	mustRun(t, "--db", built, "check")

	dump := dumpOf(t, db)
	for _, iri := range []string{
		"/dossier%20%C3%A9t%C3%A9%202024/%E8%B2%BF%E6%98%93%20%E3%83%87%E3%83%BC%E3%82%BF.nt>",
		"/doc/Kenya%E2%80%93UK%20deal%20%28draft%20%232%29.txt>",
	} {
		if !strings.Contains(dump, iri) {
			t.Errorf("the dump lacks %s", iri)
		}
	}
	// the dump is N-Quads that load again into the same graph
	again := filepath.Join(t.TempDir(), "dump.nq")
	if err := os.WriteFile(again, []byte(dump), 0o644); err != nil {
		t.Fatal(err)
	}
	other := newStore(t)
	mustRun(t, "--db", other, "load", again)
	if got := dumpOf(t, other); got != dump {
		t.Errorf("the dump loaded again differs:\n%s\nwas:\n%s", got, dump)
	}
	r = mustRun(t, "--db", db, "query", "actor", "Kenya")
	if !strings.Contains(r.stdout, "Kenya–UK deal (draft #2).txt") {
		t.Errorf("query actor does not name the document as its file is named:\n%s", r.stdout)
	}
}

// bombLine is a valid N-Quads line a decompression bomb repeats.
const bombLine = "<http://example.org/a> <http://example.org/b> \"bomb\" <http://example.org/g> .\n"

// TestLoadDecompressionBomb: a .gz file that expands past --max-unzipped-mb
// is refused with one line, and nothing of it is written.
func TestLoadDecompressionBomb(t *testing.T) {
	content := bytes.Repeat([]byte(bombLine), (8<<20)/len(bombLine)) // 8 MB from about 20 KB
	bomb := writeArticle(t, t.TempDir(), "bomb.nq.gz", gzipped(t, content))
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")
	before := dumpOf(t, db)

	r := tradegraph(t, "--db", db, "load", "--max-unzipped-mb", "1", bomb)
	if r.code != exitFailure {
		t.Errorf("exit code %d, want %d", r.code, exitFailure)
	}
	want := "tradegraph: " + bomb + ": expands past the size limit of 1 MB (a decompression bomb?); --max-unzipped-mb raises the limit\n"
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	if after := dumpOf(t, db); after != before {
		t.Errorf("the store changed:\n%s\nwas:\n%s", after, before)
	}
	r = tradegraph(t, "--db", db, "load", "--max-unzipped-mb", "0", bomb)
	if want := "tradegraph: --max-unzipped-mb must be at least 1, got 0\nRun 'tradegraph --help' for usage.\n"; r.code != exitUsage || r.stderr != want {
		t.Errorf("--max-unzipped-mb 0: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestLoadGzipBeyondOneBatch: a small .gz file that expands to far more
// quads than one batch holds, within the limit, loads in bounded memory:
// it is not read whole because its size on disk is small.
func TestLoadGzipBeyondOneBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB of N-Quads twice; skipped with -short")
	}
	content := bytes.Repeat([]byte(bombLine), (100<<20)/len(bombLine))
	path := writeArticle(t, t.TempDir(), "repetitive.nq.gz", gzipped(t, content))
	lines := len(content) / len(bombLine)

	c := runChild(t, "--db", newStore(t), "load", "--batch-mb", "8", path)
	t.Logf("loaded %d quads from %d KB in %v, peak resident memory %d MB", lines, len(gzipped(t, content))>>10, c.took.Round(time.Millisecond), c.peakMB)
	if want := "loaded " + path + ": " + strconv.Itoa(lines) + " quads, 1 new, 0 removed\n"; c.code != exitOK || c.stderr != want {
		t.Errorf("exit %d, stderr %q; want 0, %q", c.code, c.stderr, want)
	}
	// read whole, its quads alone would take about 240 bytes each: 300 MB
	if c.peakMB > 200 {
		t.Errorf("peak resident memory %d MB, want it bounded by the batch, under 200 MB", c.peakMB)
	}
}

// TestBuildLexiconTypeError: a lexicon with a value of the wrong type is
// refused before the store is opened, naming the file and the line.
func TestBuildLexiconTypeError(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, yaml, want string }{
		{"lexicon with spaces.yaml", "countries:\n  - name: Freedonia\n    aliases: 5\n", ":3: cannot unmarshal !!int `5` into []string"},
		{"lexique.yaml", "instruments: {tariff: yes}\n", ":1: cannot unmarshal !!map into []article.Instrument"},
		{"bad.yaml", "sectors:\n  - name: steel\n    bogus: 1\n", ":3: field bogus not found in type article.Sector"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lex := writeArticle(t, dir, tc.name, []byte(tc.yaml))
			db := newStore(t)
			mustRun(t, "--db", db, "build", "testdata/articles")
			before := dumpOf(t, db)
			r := tradegraph(t, "--db", db, "build", "--lexicon", lex, "testdata/articles")
			if want := "tradegraph: " + lex + tc.want + "\n"; r.code != exitFailure || r.stderr != want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", r.code, r.stderr, exitFailure, want)
			}
			if after := dumpOf(t, db); after != before {
				t.Errorf("the store changed")
			}
		})
	}
}
