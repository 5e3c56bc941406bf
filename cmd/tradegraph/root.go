package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
)

// Exit codes, the same for every verb.
const (
	exitOK      = 0 // success
	exitFailure = 1 // the command ran and failed: bad input, store error, partial failure
	exitUsage   = 2 // the command line was wrong: unknown verb or flag, wrong arguments
	// stopped by Ctrl-C or SIGTERM: a build or load finishes the batch it
	// is writing and leaves the store whole, without the rest
	exitInterrupted = 130
)

// streams are the command's input and outputs: data on Out, messages on Err.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// errTerminal reports whether w is a terminal (progress and colour only there).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// usageError marks a mistake in the command line (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// globalOptions are the flags every verb shares, and the store opener.
type globalOptions struct {
	DB          string
	Backend     string
	JSON        bool
	Wait        time.Duration
	Profile     string // a CPU profile of the command is written here
	HeapProfile string // a heap profile, at the peak of the live heap
	IO          streams
}

// openStore opens the store the global flags name, which must exist: only
// build and load make one (createStore).
func (g *globalOptions) openStore(ctx context.Context, readOnly bool) (*graph.Store, error) {
	st, err := g.open(ctx, graph.Config{ReadOnly: readOnly})
	if errors.Is(err, graph.ErrNoStore) {
		return nil, fmt.Errorf("%w (build or load one first)", err)
	}
	return st, err
}

// createStore opens the store the global flags name for writing, and
// makes it when there is none.
func (g *globalOptions) createStore(ctx context.Context) (*graph.Store, error) {
	return g.open(ctx, graph.Config{Create: true})
}

func (g *globalOptions) open(ctx context.Context, cfg graph.Config) (*graph.Store, error) {
	cfg.Backend, cfg.Address = g.Backend, g.DB
	if g.Wait > 0 {
		cfg.LockTimeout = g.Wait
	}
	return graph.Open(ctx, cfg)
}

// printJSON writes v as indented JSON without HTML escaping.
func (g *globalOptions) printJSON(v any) error {
	enc := json.NewEncoder(g.IO.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func run(ctx context.Context, args []string, io streams) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(io.Err, "tradegraph: interrupted")
		return exitInterrupted
	}
	pf := root.PersistentFlags()
	err = explainStoreError(err, pf.Lookup("backend").Value.String(), pf.Lookup("db").Value.String())
	// the last guard, behind the store's own redaction: no message shows a password
	msg := graph.Redact(strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " "))
	fmt.Fprintf(io.Err, "tradegraph: %s\n", msg)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintln(io.Err, "Run 'tradegraph --help' for usage.")
		return exitUsage
	}
	return exitFailure
}

func newRootCmd(io streams) *cobra.Command {
	g := &globalOptions{IO: io}
	root := &cobra.Command{
		Use:   "tradegraph",
		Short: "Turn trade-policy articles into a knowledge graph you can query and export",
		Long: `tradegraph builds a Cayley knowledge graph of actors, policies, sectors,
concessions and bundles from trade- and policy-news articles, answers
questions about it, and exports it to visualization tools.

Exit codes, the same for every verb: 0 success; 1 failure (bad input, a
store error, a partial failure); 2 usage error; 130 interrupted (Ctrl-C
or SIGTERM: build and load finish the batch they are writing, so the store
stays whole and passes check; build or load again for the rest).
A partial failure is a build or load of several inputs of which some
fail: each that succeeds is stored whole; each that fails is reported
on stderr and nothing of it is stored (an article built before keeps
its earlier document); the exit code is 1, and with --json the summary
on stdout lists every input with its error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })

	defaultDB := os.Getenv("TRADEGRAPH_DB")
	if defaultDB == "" {
		defaultDB = graph.DefaultPath
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.DB, "db", defaultDB, "store address: a bolt file path, \"memory\", postgres://... or \"host=... dbname=...\" (env TRADEGRAPH_DB)")
	pf.StringVar(&g.Backend, "backend", "", "store backend: bolt, memory or postgres (inferred from --db when empty)")
	pf.BoolVar(&g.JSON, "json", false, "print results as JSON")
	pf.DurationVar(&g.Wait, "wait", 0, "wait up to this long (e.g. 10m) for a store another process is writing, instead of failing at once")
	pf.StringVar(&g.Profile, "cpuprofile", "", "write a CPU profile of the command to this file (for `go tool pprof`)")
	_ = pf.MarkHidden("cpuprofile")
	pf.StringVar(&g.HeapProfile, "memprofile", "", "write a heap profile of the command to this file, taken when the live heap peaks")
	_ = pf.MarkHidden("memprofile")
	var stopProfile func()
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		var err error
		stopProfile, err = startProfile(g.Profile, g.HeapProfile)
		return err
	}
	root.PersistentPostRun = func(*cobra.Command, []string) { stopProfile() }

	root.AddCommand(
		newBuildCmd(g),
		newQueryCmd(g),
		newLoadCmd(g),
		newCheckCmd(g),
		newDumpCmd(g),
		newExportCmd(g),
		newStatsCmd(g),
		newParseCmd(g),
		newVersionCmd(g),
	)
	return root
}

// startProfile starts a CPU profile into cpu and a watch of the live heap
// for heap, each if asked for, and returns what stops them and writes the
// files.
func startProfile(cpu, heap string) (func(), error) {
	var stops []func()
	stop := func() {
		for _, f := range stops {
			f()
		}
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("--cpuprofile %s: %w", cpu, err)
		}
		stops = append(stops, func() {
			pprof.StopCPUProfile()
			f.Close()
		})
	}
	if heap != "" {
		f, err := os.Create(heap)
		if err != nil {
			stop()
			return nil, fmt.Errorf("--memprofile: %w", err)
		}
		stops = append(stops, watchHeap(f))
	}
	return stop, nil
}

// watchHeap keeps a heap profile taken whenever the live heap passes its
// highest mark so far, and writes the last one to f when stopped.
func watchHeap(f *os.File) func() {
	done := make(chan struct{})
	var (
		mu   sync.Mutex
		last bytes.Buffer
	)
	take := func() {
		mu.Lock()
		defer mu.Unlock()
		last.Reset()
		_ = pprof.Lookup("heap").WriteTo(&last, 0)
	}
	take()
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > peak+peak/20 {
				peak = live
				take()
			}
		}
	}()
	return func() {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		_, _ = f.Write(last.Bytes())
		f.Close()
	}
}

// args wraps a cobra argument check so its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}
