package export

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Format is a way to write a graph, registered by name.
type Format struct {
	Name string
	// Doc says in a few words what the format is for.
	Doc string
	// Files are what the format writes: one file for most formats, two
	// (nodes and edges) for CSV.
	Files []File
	// RDF formats write the store's quads, which are the full view.
	RDF bool
	// Binary formats are not written to a terminal.
	Binary bool
}

// File is one output file of a format.
type File struct {
	// Name is the file's name when several are written, e.g. "nodes.csv";
	// for a format of one file it is the usual extension, e.g. ".graphml".
	Name  string
	Write func(w io.Writer, g *Graph) error
}

var (
	formatsMu sync.RWMutex
	formats   = map[string]*Format{}
)

// Register makes a format available by name. It panics on a duplicate name,
// which is a programming error.
func Register(f Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	if _, dup := formats[f.Name]; dup {
		panic("export: format " + f.Name + " registered twice")
	}
	formats[f.Name] = &f
}

// ByName returns the named format, or nil.
func ByName(name string) *Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	return formats[strings.ToLower(name)]
}

// Formats lists the registered formats by name.
func Formats() []*Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	out := make([]*Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FormatNames lists the registered formats' names, sorted.
func FormatNames() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.Name)
	}
	return out
}

// Write writes g in the format f names to w, which must be a format of one
// file.
func Write(w io.Writer, format string, g *Graph) error {
	f := ByName(format)
	if f == nil {
		return fmt.Errorf("unknown export format %q (known: %s)", format, strings.Join(FormatNames(), ", "))
	}
	if len(f.Files) != 1 {
		return fmt.Errorf("%s writes %d files, not one", f.Name, len(f.Files))
	}
	return f.Files[0].Write(w, g)
}

// buffered runs write on a buffered w and flushes it.
func buffered(w io.Writer, write func(*bufio.Writer) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
