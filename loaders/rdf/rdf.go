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
	"net/url"
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

	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/internal/utf8check"
)

// DefaultMaxBytes bounds what a gzipped file may expand to.
const DefaultMaxBytes = 4 << 30

// MaxLineBytes bounds an N-Quads line: a longer one is refused rather than
// held in memory (an article's paragraph, the longest literal the article
// loader makes, is at most a megabyte).
const MaxLineBytes = 64 << 20

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

// FileLabel is the label given to quads of path that carry none. Each part
// of the path is escaped, so a name with spaces or quotes makes an IRI that
// N-Quads can write and read back.
func FileLabel(path string) quad.IRI {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(path)), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return quad.IRI(vocab.IDBase + "file/" + strings.Join(parts, "/"))
}

// ReadFile reads every quad of path. Quads without a label get FileLabel(path).
func ReadFile(path string, opts Options) ([]quad.Quad, error) {
	r, err := Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []quad.Quad
	buf := make([]quad.Quad, 1024)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Reader streams the quads of one file, so that a file larger than memory
// can be loaded a batch at a time. N-Quads are read line by line; the other
// formats are read whole when opened, as their readers need.
type Reader struct {
	path  string
	label quad.IRI
	f     *os.File
	zr    *gzip.Reader
	lim   *limitedReader // .gz only
	br    *bufio.Reader
	qr    quad.ReadCloser // formats other than N-Quads
	form  string
	line  int // N-Quads: lines read
	buf   []byte
	read  int // quads read
	size  int64
}

// Open opens path for reading quads. It reports at once what can be told
// from the file's start: a missing, empty, binary or unknown file.
func Open(path string, opts Options) (*Reader, error) {
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
	r := &Reader{path: path, label: FileLabel(path), f: f, form: format.Name}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if err == nil {
		r.size = fi.Size()
	}
	var in io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
		}
		r.zr = zr
		limit := opts.MaxBytes
		if limit <= 0 {
			limit = DefaultMaxBytes
		}
		r.lim = &limitedReader{r: zr, left: limit, limit: limit}
		in = r.lim
	}
	r.br = bufio.NewReaderSize(in, 1<<16)
	head, err := r.br.Peek(8192)
	if err != nil && err != io.EOF {
		r.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(bytes.TrimSpace(head)) == 0 && err == io.EOF {
		r.Close()
		return nil, fmt.Errorf("%s: empty file", path)
	}
	if !format.Binary && bytes.IndexByte(head, 0) >= 0 {
		r.Close()
		return nil, fmt.Errorf("%s: binary data, not %s", path, format.Name)
	}
	if format.Name != "nquads" {
		if r.qr, err = openFormat(path, format, r.br); err != nil {
			r.Close()
			return nil, err
		}
	}
	return r, nil
}

// IsRDF reports whether path's extension names a format Open reads (after
// .gz), so that a directory can be searched for RDF files.
func IsRDF(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".gz") {
		path = strings.TrimSuffix(path, filepath.Ext(path))
	}
	_, err := pickFormat(path, "")
	return err == nil
}

// Size is the size of the file on disk (compressed, for a .gz file).
func (r *Reader) Size() int64 { return r.size }

// Read reads up to len(buf) quads. At the end of the file it returns 0 and
// io.EOF, or an error when the file held no quads at all.
func (r *Reader) Read(buf []quad.Quad) (int, error) {
	n := 0
	var err error
	for n < len(buf) && err == nil {
		var q quad.Quad
		if r.qr != nil {
			q, err = r.nextFormat()
		} else {
			q, err = r.nextNQuad()
		}
		if err == nil {
			if q.Label == nil {
				q.Label = r.label
			}
			buf[n] = q
			n++
		}
	}
	r.read += n
	if err == io.EOF && n > 0 {
		err = nil
	}
	if err == io.EOF && r.read == 0 {
		err = fmt.Errorf("%s: no quads in file", r.path)
	}
	return n, err
}

// Close closes the file.
func (r *Reader) Close() error {
	if r.qr != nil {
		r.qr.Close()
	}
	if r.zr != nil {
		r.zr.Close()
	}
	return r.f.Close()
}

func (r *Reader) nextNQuad() (quad.Quad, error) {
	for {
		r.line++
		r.buf = r.buf[:0]
		var err error
		for {
			var part []byte
			var more bool
			part, more, err = r.br.ReadLine()
			r.buf = append(r.buf, part...)
			if !more || err != nil || len(r.buf) > MaxLineBytes {
				break
			}
		}
		if r.lim != nil && r.lim.err != nil {
			// the line read last is cut short at the limit
			return quad.Quad{}, fmt.Errorf("%s: %w", r.path, r.lim.err)
		}
		if len(r.buf) > MaxLineBytes {
			return quad.Quad{}, fmt.Errorf("%s:%d: a line of over %d MB; not N-Quads", r.path, r.line, MaxLineBytes>>20)
		}
		if err == io.EOF && len(r.buf) == 0 {
			return quad.Quad{}, io.EOF
		}
		if err != nil && err != io.EOF {
			return quad.Quad{}, fmt.Errorf("%s:%d: %w", r.path, r.line, err)
		}
		t := bytes.TrimSpace(r.buf)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if !utf8.Valid(t) {
			return quad.Quad{}, fmt.Errorf("%s:%d: invalid UTF-8", r.path, r.line)
		}
		q, perr := parseLine(string(t))
		if perr != nil {
			return quad.Quad{}, fmt.Errorf("%s:%d: malformed N-Quads: %s", r.path, r.line, perr)
		}
		if !q.IsValid() {
			return quad.Quad{}, fmt.Errorf("%s:%d: malformed N-Quads: a quad needs a subject, a predicate and an object", r.path, r.line)
		}
		return q, nil
	}
}

func (r *Reader) nextFormat() (quad.Quad, error) {
	for {
		q, err := readQuad(r.qr)
		if err == io.EOF {
			return q, err
		}
		if err != nil {
			return q, fmt.Errorf("%s: invalid %s: %s", r.path, r.form, oneLine(err.Error()))
		}
		if q.IsValid() {
			return q, nil
		}
	}
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

// parseLine parses one N-Quads statement; the generated parser panics on
// some inputs, which become errors here. nquads.Parse also takes bare words
// (<a> <b> three .) as strings, so the line is first checked against the
// strict grammar of nquads.ParseRaw.
func parseLine(s string) (quad.Quad, error) {
	if q, ok := parseSimple(s); ok {
		return q, nil
	}
	return parseFull(s)
}

func parseFull(s string) (q quad.Quad, err error) {
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

// openFormat reads a whole file of a format other than N-Quads, checks it
// is text where the format is, and returns the format's reader over it.
func openFormat(path string, format *quad.Format, br *bufio.Reader) (quad.ReadCloser, error) {
	var r io.Reader = br
	if !format.Binary {
		b, err := io.ReadAll(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if at := utf8check.FirstInvalid(b); at >= 0 {
			return nil, fmt.Errorf("%s: invalid UTF-8 at byte %d", path, at)
		}
		r = bytes.NewReader(b)
	}
	return format.Reader(r), nil
}

func readQuad(qr quad.Reader) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return qr.ReadQuad()
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

// limitedReader passes on at most limit bytes of r and fails, from then
// on, when r holds more. Its error stays in err: a bufio.Reader hands over
// the partial line before it and drops the error once.
type limitedReader struct {
	r     io.Reader
	left  int64
	limit int64
	err   error
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	// one byte past the limit tells a file of exactly limit bytes from a larger one
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		size := fmt.Sprintf("%d bytes", l.limit)
		if l.limit%(1<<20) == 0 {
			size = fmt.Sprintf("%d MB", l.limit>>20)
		}
		l.err = fmt.Errorf("%w of %s (a decompression bomb?)", ErrTooLarge, size)
		return 0, l.err
	}
	l.left -= int64(n)
	return n, err
}
