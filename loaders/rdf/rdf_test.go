package rdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/rdf"
)

// goodQuads are the quads of testdata/good.*; <FILE> stands for the label
// of the file read, which the two quads without a label get.
const goodQuads = `
<http://tradegraph.org/id/malaysia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://tradegraph.org/ns#Country> <http://tradegraph.org/id/doc/a> .
<http://tradegraph.org/id/malaysia> <http://www.w3.org/2000/01/rdf-schema#label> "Malaysia"@en <http://tradegraph.org/id/doc/a> .
<http://tradegraph.org/id/s1> <http://tradegraph.org/ns#text> "Tariffs on \"rare earths\" fall." <FILE> .
<http://tradegraph.org/id/s1> <http://tradegraph.org/ns#inDocument> <http://tradegraph.org/id/doc/a> <FILE> .
`

func TestReadFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string
		opts rdf.Options
		want string
	}{
		{"N-Quads", "testdata/good.nq", rdf.Options{}, goodQuads},
		{"JSON-LD", "testdata/good.jsonld", rdf.Options{}, goodQuads},
		{"gzipped N-Quads", "testdata/good.nq.gz", rdf.Options{}, goodQuads},
		{"format named instead of the extension", "testdata/quads.txt", rdf.Options{Format: "nquads"}, goodQuads},
		{"gzipped within the size limit", "testdata/many.nq.gz", rdf.Options{}, manyQuads(200)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rdf.ReadFile(tc.path, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			label := "<" + string(rdf.FileLabel(tc.path)) + ">"
			want := parse(t, strings.ReplaceAll(tc.want, "<FILE>", label))
			if g, w := sorted(t, got), sorted(t, want); g != w {
				t.Errorf("quads of %s:\n%s\nwant:\n%s", tc.path, g, w)
			}
		})
	}
}

func TestFileLabel(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"a.nq", vocab.IDBase + "file/a.nq"},
		{"./data/../data/a.nq", vocab.IDBase + "file/data/a.nq"},
		{"dossier été/données <2024>.nq", vocab.IDBase + "file/dossier%20%C3%A9t%C3%A9/donn%C3%A9es%20%3C2024%3E.nq"},
	} {
		if got := rdf.FileLabel(tc.path); string(got) != tc.want {
			t.Errorf("FileLabel(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestReadFileErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string
		opts rdf.Options
		// want is the start of the error: the file, the line when there is
		// one, and what is wrong.
		want string
	}{
		{"missing file", "testdata/missing.nq", rdf.Options{}, "testdata/missing.nq: no such file"},
		{"empty file", "testdata/empty.nq", rdf.Options{}, "testdata/empty.nq: empty file"},
		{"only blank lines", "testdata/blank.nq", rdf.Options{}, "testdata/blank.nq: empty file"},
		{"only comments", "testdata/comments.nq", rdf.Options{}, "testdata/comments.nq: no quads in file"},
		{"binary file", "testdata/binary.nq", rdf.Options{}, "testdata/binary.nq: binary data, not nquads"},
		{"invalid UTF-8 in N-Quads", "testdata/invalid-utf8.nq", rdf.Options{}, "testdata/invalid-utf8.nq:2: invalid UTF-8"},
		{"invalid UTF-8 in JSON-LD", "testdata/invalid-utf8.jsonld", rdf.Options{}, "testdata/invalid-utf8.jsonld: invalid UTF-8 at byte 76"},
		{"malformed N-Quads line", "testdata/malformed.nq", rdf.Options{}, "testdata/malformed.nq:3: malformed N-Quads: "},
		{"a bare word where a value belongs", "testdata/bareword.nq", rdf.Options{}, "testdata/bareword.nq:2: malformed N-Quads: unexpected rune 't' at 62"},
		{"malformed JSON-LD", "testdata/malformed.jsonld", rdf.Options{}, "testdata/malformed.jsonld: invalid jsonld: "},
		{"unknown extension", "testdata/quads.ttl", rdf.Options{}, `testdata/quads.ttl: unknown extension ".ttl" (use --format; known: `},
		{"unknown format", "testdata/quads.txt", rdf.Options{Format: "turtle"}, `testdata/quads.txt: unknown format "turtle" (known: `},
		{".gz that is not gzipped", "testdata/notgzip.nq.gz", rdf.Options{}, "testdata/notgzip.nq.gz: not a gzip file"},
		{".gz expanding past the limit", "testdata/many.nq.gz", rdf.Options{MaxBytes: 1024}, "testdata/many.nq.gz: expands past the size limit of 1024 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quads, err := rdf.ReadFile(tc.path, tc.opts)
			if err == nil {
				t.Fatalf("ReadFile(%s) read %d quads, want an error", tc.path, len(quads))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.want) {
				t.Errorf("error:\n  %s\nwant it to start with:\n  %s", msg, tc.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			if quads != nil {
				t.Errorf("ReadFile returned %d quads with its error", len(quads))
			}
		})
	}
}

func TestReadFileTooLargeIsErrTooLarge(t *testing.T) {
	_, err := rdf.ReadFile("testdata/many.nq.gz", rdf.Options{MaxBytes: 1024})
	if !errors.Is(err, rdf.ErrTooLarge) {
		t.Errorf("error %v does not wrap ErrTooLarge", err)
	}
}

// FuzzReadNQuads checks that no input crashes the reader, and that what it
// reads is written back as N-Quads that read the same.
func FuzzReadNQuads(f *testing.F) {
	for _, name := range []string{"good.nq", "malformed.nq", "invalid-utf8.nq", "binary.nq", "comments.nq"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.nq")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		quads, err := rdf.ReadFile(path, rdf.Options{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), path) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		first := sorted(t, quads)
		if err := os.WriteFile(path, []byte(first), 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := rdf.ReadFile(path, rdf.Options{})
		if err != nil {
			t.Fatalf("reading back what was read: %v\n%s", err, first)
		}
		if second := sorted(t, again); second != first {
			t.Fatalf("read back:\n%s\nwant:\n%s", second, first)
		}
	})
}

func manyQuads(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "<http://tradegraph.org/id/s%d> <http://tradegraph.org/ns#offset> \"%d\" <http://tradegraph.org/id/doc/long> .\n", i, i)
	}
	return b.String()
}

func parse(t *testing.T, text string) []quad.Quad {
	t.Helper()
	quads, err := quad.ReadAll(nquads.NewReader(strings.NewReader(text), false))
	if err != nil {
		t.Fatalf("test data: %v", err)
	}
	return quads
}

// sorted is quads as sorted N-Quads.
func sorted(t *testing.T, quads []quad.Quad) string {
	t.Helper()
	quads = append([]quad.Quad(nil), quads...)
	graph.SortQuads(quads)
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(quads); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
