package rdf_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/rdf"
)

// gzipFile writes content, gzipped, to a file named name in a fresh directory.
func gzipFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGzipLimit: a .gz file that expands past the limit is refused as such,
// wherever the limit falls (here in the middle of a line, which must not be
// read as a malformed line), and one that expands to the limit exactly loads.
func TestGzipLimit(t *testing.T) {
	line := []byte("<http://x/a> <http://x/b> \"c\" <http://x/g> .\n")
	content := bytes.Repeat(line, 10000)
	path := gzipFile(t, "bomb.nq.gz", content)

	for _, limit := range []int64{int64(len(content)) - 1, int64(len(content)) - int64(len(line))/2, 100000} {
		_, err := rdf.ReadFile(path, rdf.Options{MaxBytes: limit})
		want := path + ": expands past the size limit of "
		if !errors.Is(err, rdf.ErrTooLarge) || err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("limit %d: error %v, want one starting %q", limit, err, want)
		}
	}
	quads, err := rdf.ReadFile(path, rdf.Options{MaxBytes: int64(len(content))})
	if err != nil || len(quads) != 10000 {
		t.Errorf("a file of exactly the limit: %d quads, %v", len(quads), err)
	}
}

// TestLineLimit: a line longer than MaxLineBytes is refused, naming the
// line, rather than held in memory.
func TestLineLimit(t *testing.T) {
	long := append([]byte("<http://x/a> <http://x/b> \"c\" .\n"), bytes.Repeat([]byte("a"), rdf.MaxLineBytes+1)...)
	path := gzipFile(t, "long.nq.gz", long)
	_, err := rdf.ReadFile(path, rdf.Options{})
	if want := path + ":2: a line of over 64 MB; not N-Quads"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

func TestIsRDF(t *testing.T) {
	for path, want := range map[string]bool{
		"a.nq": true, "a.NT": true, "a.nq.gz": true, "a.jsonld": true, "dir/a.json": true, "a.pq": true,
		"a.txt": false, "a.gz": false, "a": false, "notes.csv.gz": false,
	} {
		if got := rdf.IsRDF(path); got != want {
			t.Errorf("IsRDF(%q) = %v, want %v", path, got, want)
		}
	}
}
