package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

type buildOptions struct {
	*globalOptions
	Paths    []string
	Lexicons []string
	Jobs     int
	BatchMB  int
}

func newBuildCmd(g *globalOptions) *cobra.Command {
	o := &buildOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "build PATH...",
		Short: "Extract articles (.txt, .md, .html) into the graph, one document each",
		Long: `Build reads articles (files, or directories searched recursively for .txt,
.md and .html files), extracts actors, policies, sectors, measures, claims
and bundles, and stores each article as one document. Building an article
again replaces its document atomically, so the graph stays the same.

A document's id is its path relative to the directory given (or its file
name when a file is given). An article that cannot be read is reported and
skipped, its document left as it was; the others are built; the exit code
is 1 when any failed. With --json, a summary goes to stdout: the documents
built, articles failed, facts and quads, the quads added to and removed
from the store, and each article's file, document, quads, facts and error.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Paths = a
			return runBuild(cmd, o)
		},
	}
	cmd.Flags().StringArrayVar(&o.Lexicons, "lexicon", nil, "a YAML lexicon file to add to the default one (repeatable)")
	cmd.Flags().IntVar(&o.Jobs, "jobs", runtime.NumCPU(), "articles extracted in parallel")
	batchFlag(cmd, &o.BatchMB)
	return cmd
}

// articleFile is an article to build and the id its document gets.
type articleFile struct {
	path, id string
}

// collectArticles expands the paths into article files, sorted by id.
func collectArticles(paths []string) ([]articleFile, error) {
	var out []articleFile
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if !fi.IsDir() {
			out = append(out, articleFile{path: p, id: filepath.Base(p)})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !article.IsArticle(path) || folderNote(d.Name()) {
				return nil
			}
			rel, err := filepath.Rel(p, path)
			if err != nil {
				return err
			}
			out = append(out, articleFile{path: path, id: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

// folderNote: a file that documents the folder it is in (README.md,
// LICENSE.txt), not an article of it. Named on the command line, it is
// built like any other file.
func folderNote(name string) bool {
	switch strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name))) {
	case "README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE":
		return true
	}
	return false
}

// buildSummary is what build --json prints: what the build stored, and
// each article as load --json lists its files. The quads added and
// removed are counted over the whole build, written in shared batches.
type buildSummary struct {
	Documents int           `json:"documents"`
	Failed    int           `json:"failed"`
	Facts     int           `json:"facts"`
	Quads     int           `json:"quads"`
	Added     int           `json:"added"`
	Removed   int           `json:"removed"`
	Articles  []buildResult `json:"articles"`
}

// buildResult is one article: its document, or why it failed.
type buildResult struct {
	File     string `json:"file"`
	Document string `json:"document"`
	Quads    int    `json:"quads"`
	Facts    int    `json:"facts"`
	Error    string `json:"error,omitempty"`
}

// extracted is one article's quads, or why it failed.
type extracted struct {
	file  articleFile
	quads []quad.Quad
	facts int
	err   error
}

func runBuild(cmd *cobra.Command, o *buildOptions) (err error) {
	ctx := cmd.Context()
	start := time.Now()
	batch, restore, err := boundMemory(o.BatchMB)
	if err != nil {
		return err
	}
	defer restore()
	lex, err := article.LoadLexicon(o.Lexicons...)
	if err != nil {
		return err
	}
	files, err := collectArticles(o.Paths)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no articles (%v) found in %v", article.Extensions, o.Paths)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		return err
	}
	st, err := o.createStore(ctx)
	if err != nil {
		return err
	}
	defer closeKeeping(st, &err)

	jobs := max(o.Jobs, 1)
	results := make([]chan extracted, len(files))
	for i := range results {
		results[i] = make(chan extracted, 1)
	}
	work := make(chan int)
	// extraction runs at most a window of articles ahead of the writer, so
	// memory stays bounded when writing is the slower side
	ahead := make(chan struct{}, 8*jobs)
	feed, stopFeed := context.WithCancel(ctx)
	defer stopFeed()
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] <- extract(x, lex, files[i])
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range files {
			select {
			case ahead <- struct{}{}:
			case <-feed.Done():
				return
			}
			select {
			case work <- i:
			case <-feed.Done():
				return
			}
		}
	}()
	// one writer, in the order of the files, in large batches
	// on every way out, even an interrupt, the batch being written is
	// finished and the store left whole
	bulk, err := st.NewBulk(ctx, graph.BulkOptions{BatchBytes: batch})
	if err != nil {
		stopFeed()
		wg.Wait()
		return err
	}
	defer closeKeeping(bulk, &err)
	progress := newProgress(o.IO.Err, len(files))
	sum := buildSummary{Articles: []buildResult{}}
	for i := range files {
		var r extracted
		select {
		case r = <-results[i]:
			<-ahead
		case <-ctx.Done():
			stopFeed()
			wg.Wait()
			return ctx.Err()
		}
		if r.err == nil {
			if err := bulk.Apply(graph.DocumentChange(article.DocIRI(r.file.id), r.quads)); err != nil {
				progress.clear()
				stopFeed()
				wg.Wait()
				return err
			}
		}
		res := buildResult{File: r.file.path, Document: r.file.id}
		if r.err != nil {
			sum.Failed++
			res.Error = r.err.Error()
			progress.clear()
			fmt.Fprintf(o.IO.Err, "tradegraph: %s\n", r.err)
		} else {
			res.Quads, res.Facts = len(r.quads), r.facts
			sum.Documents++
			sum.Facts += r.facts
			sum.Quads += len(r.quads)
		}
		sum.Articles = append(sum.Articles, res)
		progress.step(r.file.id)
	}
	wg.Wait()
	progress.clear()
	written, err := bulk.Flush()
	if err != nil {
		return err
	}
	sum.Added, sum.Removed = written.Added, written.Removed
	fmt.Fprintf(o.IO.Err, "built %d documents: %d facts, %d quads in %.2f s\n", sum.Documents, sum.Facts, sum.Quads, time.Since(start).Seconds())
	if o.JSON {
		if err := o.printJSON(sum); err != nil {
			return err
		}
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d of %d articles failed", sum.Failed, len(files))
	}
	return nil
}

func extract(x *article.Extractor, lex *article.Lexicon, f articleFile) extracted {
	doc, err := article.ReadFile(f.path, lex)
	if err != nil {
		return extracted{file: f, err: err}
	}
	r := x.Extract(doc)
	r.ID = f.id
	return extracted{file: f, quads: r.Quads(), facts: len(r.Measures) + len(r.Bundles) + len(r.Claims) + len(r.Positions)}
}

// closeKeeping closes c when a verb ends and keeps the verb's error, or
// Close's when the verb had none: a store or a bulk writer that fails to
// finish its write must not pass for a success.
func closeKeeping(c io.Closer, err *error) {
	if cerr := c.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
