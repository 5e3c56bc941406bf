// Package rdf reads RDF files in the formats cayleygraph/quad knows
// (N-Quads, JSON-LD, JSON, pquads), optionally gzipped, into quads. A file is
// read and checked whole before anything is written, and every error names
// the file and, for N-Quads, the line.
package rdf

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/json" // registers json and json-stream
	_ "github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	_ "github.com/cayleygraph/quad/pquads"

	tg "github.com/tradegraph/tradegraph/graph"
)

// DefaultMaxBytes bounds what a gzipped file may expand to.
const DefaultMaxBytes = 4 << 30

// Options tune ReadFile.
type Options struct {
	// Format overrides the format the extension names (nquads, jsonld, json, pquads).
	Format string
	// MaxBytes bounds the decompressed size of a .gz file (0: DefaultMaxBytes).
	MaxBytes int64
}

// Formats lists the formats and extensions ReadFile accepts.
func Formats() []string {
	var out []string
	for _, f := range quad.Formats() {
		if f.Reader != nil && len(f.Ext) > 0 {
			out = append(out, f.Name+" ("+strings.Join(f.Ext, ", ")+")")
		}
	}
	sort.Strings(out)
	return out
}

// FileLabel is the label given to quads of path that carry none.
func FileLabel(path string) quad.IRI {
	return quad.IRI(tg.IDBase + "file/" + filepath.ToSlash(filepath.Clean(path)))
}

// ReadFile reads every quad of path. Quads without a label get FileLabel(path).
func ReadFile(path string, opts Options) ([]quad.Quad, error) {
	name := path
	gz := strings.EqualFold(filepath.Ext(name), ".gz")
	if gz {
		name = strings.TrimSuffix(name, filepath.Ext(name))
	}
	format, err := pickFormat(name, opts.Format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
		}
		defer zr.Close()
		limit := opts.MaxBytes
		if limit <= 0 {
			limit = DefaultMaxBytes
		}
		r = &limitedReader{r: zr, left: limit, limit: limit}
	}
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(8192)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(bytes.TrimSpace(head)) == 0 && err == io.EOF {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	if !format.Binary && bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("%s: binary data, not %s", path, format.Name)
	}
	var quads []quad.Quad
	if format.Name == "nquads" {
		quads, err = readNQuads(path, br)
	} else {
		quads, err = readFormat(path, format, br)
	}
	if err != nil {
		return nil, err
	}
	if len(quads) == 0 {
		return nil, fmt.Errorf("%s: no quads in file", path)
	}
	label := FileLabel(path)
	for i := range quads {
		if quads[i].Label == nil {
			quads[i].Label = label
		}
	}
	return quads, nil
}

func pickFormat(name, override string) (*quad.Format, error) {
	if override != "" {
		if f := quad.FormatByName(override); f != nil && f.Reader != nil {
			return f, nil
		}
		return nil, fmt.Errorf("unknown format %q (known: %s)", override, strings.Join(Formats(), "; "))
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".nt" {
		ext = ".nq"
	}
	if f := quad.FormatByExt(ext); f != nil && f.Reader != nil {
		return f, nil
	}
	if ext == "" {
		return nil, fmt.Errorf("no extension to tell the format (use --format; known: %s)", strings.Join(Formats(), "; "))
	}
	return nil, fmt.Errorf("unknown extension %q (use --format; known: %s)", ext, strings.Join(Formats(), "; "))
}

func readNQuads(path string, br *bufio.Reader) ([]quad.Quad, error) {
	var out []quad.Quad
	var line []byte
	for n := 1; ; n++ {
		line = line[:0]
		var err error
		for {
			var part []byte
			var more bool
			part, more, err = br.ReadLine()
			line = append(line, part...)
			if !more || err != nil {
				break
			}
		}
		if err == io.EOF && len(line) == 0 {
			return out, nil
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if !utf8.Valid(t) {
			return nil, fmt.Errorf("%s:%d: invalid UTF-8", path, n)
		}
		q, perr := parseLine(string(t))
		if perr != nil {
			return nil, fmt.Errorf("%s:%d: malformed N-Quads: %s", path, n, perr)
		}
		if !q.IsValid() {
			return nil, fmt.Errorf("%s:%d: malformed N-Quads: a quad needs a subject, a predicate and an object", path, n)
		}
		out = append(out, q)
	}
}

// parseLine parses one N-Quads statement; the generated parser panics on
// some inputs, which become errors here. nquads.Parse also takes bare words
// (<a> <b> three .) as strings, so the line is first checked against the
// strict grammar of nquads.ParseRaw.
func parseLine(s string) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if _, err = nquads.ParseRaw(s); err == nil {
		q, err = nquads.Parse(s)
	}
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), quad.ErrInvalid.Error()+": ")
		return q, errors.New(msg)
	}
	return q, nil
}

func readFormat(path string, format *quad.Format, br *bufio.Reader) ([]quad.Quad, error) {
	var data []byte
	var r io.Reader = br
	if !format.Binary {
		b, err := io.ReadAll(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("%s: invalid UTF-8 at byte %d", path, invalidAt(b))
		}
		data = b
		r = bytes.NewReader(data)
	}
	qr := format.Reader(r)
	defer qr.Close()
	var out []quad.Quad
	for {
		q, err := readQuad(qr)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: invalid %s: %s", path, format.Name, oneLine(err.Error()))
		}
		if q.IsValid() {
			out = append(out, q)
		}
	}
}

func readQuad(qr quad.Reader) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return qr.ReadQuad()
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func fileError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// ErrTooLarge reports a compressed file that expands past the limit.
var ErrTooLarge = errors.New("expands past the size limit")

type limitedReader struct {
	r     io.Reader
	left  int64
	limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, fmt.Errorf("%w of %d bytes (a decompression bomb?)", ErrTooLarge, l.limit)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
