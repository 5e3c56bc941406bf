package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
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
	DB      string
	Backend string
	JSON    bool
	Wait    time.Duration
	IO      streams
}

// openStore opens the store the global flags name.
func (g *globalOptions) openStore(ctx context.Context, readOnly bool) (*graph.Store, error) {
	cfg := graph.Config{Backend: g.Backend, Address: g.DB, ReadOnly: readOnly}
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
	pf := root.PersistentFlags()
	err = explainStoreError(err, pf.Lookup("backend").Value.String(), pf.Lookup("db").Value.String())
	msg := hidePassword(strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " "))
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

Exit codes: 0 success, 1 failure, 2 usage error.`,
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
	pf.StringVar(&g.DB, "db", defaultDB, "store address: a bolt file path, \"memory\", or postgres://... (env TRADEGRAPH_DB)")
	pf.StringVar(&g.Backend, "backend", "", "store backend: bolt, memory or postgres (inferred from --db when empty)")
	pf.BoolVar(&g.JSON, "json", false, "print results as JSON")
	pf.DurationVar(&g.Wait, "wait", 0, "wait up to this long (e.g. 10m) for a store another process is writing, instead of failing at once")

	root.AddCommand(
		newBuildCmd(g),
		newQueryCmd(g),
		newLoadCmd(g),
		newCheckCmd(g),
		newDumpCmd(g),
		newExportCmd(g),
		newStatsCmd(g),
		newVersionCmd(g),
	)
	return root
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
