package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/rdf"
)

type loadOptions struct {
	*globalOptions
	Files   []string
	Format  string
	Replace bool
	BatchMB int
	// MaxUnzippedMB bounds what a .gz file may expand to.
	MaxUnzippedMB int
}

type loadResult struct {
	File    string `json:"file"`
	Quads   int    `json:"quads"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
	Error   string `json:"error,omitempty"`
}

func newLoadCmd(g *globalOptions) *cobra.Command {
	o := &loadOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "load FILE|DIR...",
		Short: "Load RDF files (N-Quads, JSON-LD, JSON, pquads; .gz too) into the store",
		Long: `Load RDF files into the store. The format follows the extension (.nq, .nt,
.jsonld, .json, .pq, each optionally .gz); --format overrides it. A directory
is searched, recursively and in name order, for files with those extensions.
A .gz file that expands past --max-unzipped-mb is refused as a decompression
bomb, before anything of it is written. Quads keep
their own label; quads without one get a label naming the file. Loading a
file again adds nothing (duplicates are ignored); --replace first removes
every quad under the labels the file carries.

Quads are written in large sorted batches within --batch-mb of memory.
A file that fits in one batch is read and checked whole, then written in one
transaction: a bad file is reported and leaves the store as it was. A larger
file is read through once to check it before anything is written, then
written batch by batch; if the load is interrupted, loading the file again
completes it. With --replace, such a file's labels are emptied in a first
transaction, so its counts of new and removed quads include the quads it
kept. Exit 1 when any file failed.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Files = a
			return runLoad(cmd, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "", "input format: nquads, jsonld, json, json-stream or pquads")
	cmd.Flags().BoolVar(&o.Replace, "replace", false, "remove every quad under the file's labels before loading it")
	cmd.Flags().IntVar(&o.MaxUnzippedMB, "max-unzipped-mb", rdf.DefaultMaxBytes>>20, "refuse a .gz file that expands past this many MB")
	batchFlag(cmd, &o.BatchMB)
	return cmd
}

func runLoad(cmd *cobra.Command, o *loadOptions) (err error) {
	ctx := cmd.Context()
	batch, restore, err := boundMemory(o.BatchMB)
	if err != nil {
		return err
	}
	defer restore()
	if o.MaxUnzippedMB < 1 {
		return usageError{fmt.Errorf("--max-unzipped-mb must be at least 1, got %d", o.MaxUnzippedMB)}
	}
	files, err := rdfFiles(o.Files)
	if err != nil {
		return err
	}
	st, err := o.createStore(ctx)
	if err != nil {
		return err
	}
	defer closeKeeping(st, &err)
	var results []loadResult
	failed := 0
	for _, path := range files {
		res := loadResult{File: path}
		n, r, err := loadFile(ctx, st, path, batch, o)
		res.Quads, res.Added, res.Removed = n, r.Added, r.Removed
		if errors.Is(err, rdf.ErrTooLarge) {
			err = fmt.Errorf("%w; --max-unzipped-mb raises the limit", err)
		}
		if err != nil && (len(files) == 1 || ctx.Err() != nil) {
			return err
		}
		if err != nil {
			failed++
			res.Error = err.Error()
			fmt.Fprintf(o.IO.Err, "tradegraph: %s\n", err)
		} else {
			fmt.Fprintf(o.IO.Err, "loaded %s: %d quads, %d new, %d removed\n", path, res.Quads, res.Added, res.Removed)
		}
		results = append(results, res)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if o.JSON {
		if err := o.printJSON(results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed to load", failed, len(files))
	}
	return nil
}

// rdfFiles expands the paths into files to load: a directory is searched,
// recursively and in name order, for files with an RDF extension. A path
// that is not a directory is kept for rdf.Open to read or report.
func rdfFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		n := len(out)
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && rdf.IsRDF(path) {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no RDF files in the directory (known: %s)", p, strings.Join(rdf.Formats(), "; "))
		}
	}
	return out, nil
}

// chunkQuads is how many quads are read at a time.
const chunkQuads = 16 << 10

// A change of a large file holds at least minChangeQuads quads and ends
// where a label does, unless one label has more than maxChangeQuads.
const (
	minChangeQuads = 4 << 10
	maxChangeQuads = 64 << 10
)

// fitsOneBatch relates a file's size on disk to the memory its
// quads take queued: N-Quads are about half as large as their batch, a
// gzipped file about a sixteenth.
func fitsOneBatch(path string, size, batch int64) bool {
	factor := int64(2)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		factor = 16
	}
	return size*factor <= batch
}

// oneBatchQuadBytes is what a quad read whole takes in memory: a file
// read whole stops being read so when its quads pass its batch.
const oneBatchQuadBytes = 256

// errBeyondBatch reports a file that holds more quads than one batch.
var errBeyondBatch = errors.New("more quads than one batch holds")

// rdfOptions are the reader's options the flags give.
func (o *loadOptions) rdfOptions() rdf.Options {
	return rdf.Options{Format: o.Format, MaxBytes: int64(o.MaxUnzippedMB) << 20}
}

// loadFile loads one file through the bulk writer and returns its quad
// count and what it changed in the store.
func loadFile(ctx context.Context, st *graph.Store, path string, batch int64, o *loadOptions) (n int, res graph.Result, err error) {
	r, err := rdf.Open(path, o.rdfOptions())
	if err != nil {
		return 0, graph.Result{}, err
	}
	defer func() { r.Close() }()
	if fitsOneBatch(path, r.Size(), batch) {
		quads, err := readAll(ctx, r, int(batch/oneBatchQuadBytes))
		if !errors.Is(err, errBeyondBatch) {
			if err != nil {
				return 0, graph.Result{}, err
			}
			c := graph.Change{Add: quads}
			if o.Replace {
				c.Replace = labelsOf(quads, nil)
			}
			res, err := writeOne(ctx, st, c, batch)
			return len(quads), res, err
		}
		// a .gz file that expands further than its size suggested (a
		// decompression bomb, say) is read as a large file
		r.Close()
		if r, err = rdf.Open(path, o.rdfOptions()); err != nil {
			return 0, graph.Result{}, err
		}
	}

	// The whole file is checked, on one core, while the first batch is
	// read and queued on the other; nothing is written before the check
	// passes. With --replace the labels it finds are emptied first.
	type checked struct {
		n      int
		labels []quad.Value
		err    error
	}
	result := make(chan checked, 1)
	go func() {
		n, labels, err := check(ctx, path, o)
		result <- checked{n, labels, err}
	}()
	var (
		done     *checked
		replaced bool
		emptied  graph.Result
	)
	ready := func() (err error) {
		if done == nil {
			c := <-result
			done = &c
		}
		if done.err != nil || !o.Replace || replaced {
			return done.err
		}
		// empty the labels in a batch of its own, before the first quads
		replaced = true
		empty, err := st.NewBulk(ctx, graph.BulkOptions{BatchBytes: batch})
		if err != nil {
			return err
		}
		defer closeKeeping(empty, &err)
		if err := empty.Apply(graph.Change{Replace: done.labels}); err != nil {
			return err
		}
		emptied, err = empty.Flush()
		return err
	}
	bulk, err := st.NewBulk(ctx, graph.BulkOptions{BatchBytes: batch, Ready: ready})
	if err != nil {
		return 0, graph.Result{}, err
	}
	defer closeKeeping(bulk, &err)

	// parse on one core while the quads before are queued on another
	chunks := make(chan []quad.Quad, 4)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(chunks)
		for {
			buf := make([]quad.Quad, chunkQuads)
			k, err := r.Read(buf)
			if k > 0 {
				select {
				case chunks <- buf[:k]:
				case <-stop:
					return
				}
			}
			if err != nil {
				if err != io.EOF {
					readErr <- err
				}
				return
			}
		}
	}()
	// changes end where a label does: a batch holds whole changes, so a
	// load stopped half-way leaves whole the documents it wrote when the
	// file lists each one's quads together, as a dump does
	var change []quad.Quad
	for chunk := range chunks {
		for _, q := range chunk {
			if n := len(change); n >= maxChangeQuads || n >= minChangeQuads && q.Label != change[n-1].Label {
				if err := bulk.Apply(graph.Change{Add: change}); err != nil {
					return 0, graph.Result{}, err
				}
				change = make([]quad.Quad, 0, 2*minChangeQuads)
			}
			change = append(change, q)
		}
	}
	if len(change) > 0 {
		if err := bulk.Apply(graph.Change{Add: change}); err != nil {
			return 0, graph.Result{}, err
		}
	}
	select {
	case err := <-readErr:
		return 0, graph.Result{}, err
	default:
	}
	res, err = bulk.Flush()
	if err == nil {
		err = ready() // a file with nothing to write is checked too
	}
	if err != nil {
		return 0, graph.Result{}, err
	}
	res.Added += emptied.Added
	res.Removed += emptied.Removed
	return done.n, res, nil
}

// writeOne writes one change through a bulk writer of its own.
func writeOne(ctx context.Context, st *graph.Store, c graph.Change, batch int64) (res graph.Result, err error) {
	bulk, err := st.NewBulk(ctx, graph.BulkOptions{BatchBytes: batch})
	if err != nil {
		return graph.Result{}, err
	}
	defer closeKeeping(bulk, &err)
	if err := bulk.Apply(c); err != nil {
		return graph.Result{}, err
	}
	return bulk.Flush()
}

// readAll reads every quad of r, or fails with errBeyondBatch past max quads.
func readAll(ctx context.Context, r *rdf.Reader, max int) ([]quad.Quad, error) {
	var out []quad.Quad
	buf := make([]quad.Quad, chunkQuads)
	for {
		k, err := r.Read(buf)
		out = append(out, buf[:k]...)
		if err == io.EOF {
			return out, nil
		}
		if len(out) > max {
			return nil, errBeyondBatch
		}
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

// check reads a file through without keeping its quads: it returns their
// number and, with --replace, their labels, or the file's first error.
func check(ctx context.Context, path string, o *loadOptions) (int, []quad.Value, error) {
	r, err := rdf.Open(path, o.rdfOptions())
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	var (
		n      int
		labels []quad.Value
		seen   = map[quad.Value]struct{}{}
		buf    = make([]quad.Quad, chunkQuads)
	)
	for {
		k, err := r.Read(buf)
		n += k
		if o.Replace {
			labels = append(labels, labelsOf(buf[:k], seen)...)
		}
		if err == io.EOF {
			return n, labels, nil
		}
		if err != nil {
			return 0, nil, err
		}
		if err := ctx.Err(); err != nil {
			return 0, nil, err
		}
	}
}

// labelsOf returns the labels of quads not in seen, in order of first use.
func labelsOf(quads []quad.Quad, seen map[quad.Value]struct{}) []quad.Value {
	if seen == nil {
		seen = map[quad.Value]struct{}{}
	}
	var out []quad.Value
	for _, q := range quads {
		if _, ok := seen[q.Label]; !ok {
			seen[q.Label] = struct{}{}
			out = append(out, q.Label)
		}
	}
	return out
}
