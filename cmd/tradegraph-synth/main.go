// Command tradegraph-synth writes deterministic synthetic inputs for
// benchmarks and scale tests: articles for `tradegraph build` and N-Quads
// for `tradegraph load`. The same --seed always gives the same bytes.
//
// Exit codes: 0 success, 1 failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/cmd/internal/tool"
	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

func main() { tool.Main(newRootCmd) }

// run runs the command with args and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return tool.Run(ctx, newRootCmd(stdout, stderr), args, stderr)
}

// options are the flags both verbs share.
type options struct {
	N        int
	Out      string
	Seed     uint64
	Lexicons []string
	stdout   io.Writer
	stderr   io.Writer
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "tradegraph-synth",
		Short: "Write deterministic synthetic articles or N-Quads for benchmarks",
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newArticlesCmd(stdout, stderr), newNQuadsCmd(stdout, stderr))
	return root
}

func addFlags(cmd *cobra.Command, o *options, what string) {
	cmd.Flags().IntVarP(&o.N, "n", "n", 1000, "number of "+what)
	cmd.Flags().StringVarP(&o.Out, "output", "o", "", "where to write (required)")
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same output")
	cmd.Flags().StringArrayVar(&o.Lexicons, "lexicon", nil, "a YAML lexicon file to add to the default one (repeatable)")
}

func (o *options) check() error {
	if o.N < 0 {
		return tool.UsageError{Err: fmt.Errorf("-n must not be negative, got %d", o.N)}
	}
	if o.Out == "" {
		return tool.UsageError{Err: errors.New("-o is required")}
	}
	return nil
}

func newArticlesCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &options{stdout: stdout, stderr: stderr}
	cmd := &cobra.Command{
		Use:   "articles -n N -o DIR [--seed S]",
		Short: "Write N synthetic articles (200 to 1,500 words each) into DIR",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(); err != nil {
				return err
			}
			lex, err := article.LoadLexicon(o.Lexicons...)
			if err != nil {
				return err
			}
			g, err := synth.NewArticles(lex, o.Seed)
			if err != nil {
				return err
			}
			if err := g.WriteDir(o.Out, o.N); err != nil {
				return fmt.Errorf("writing articles: %w", err)
			}
			fmt.Fprintf(o.stderr, "wrote %d articles to %s\n", o.N, o.Out)
			return nil
		},
	}
	addFlags(cmd, o, "articles")
	return cmd
}

func newNQuadsCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &options{stdout: stdout, stderr: stderr}
	cmd := &cobra.Command{
		Use:   "nquads -n N -o FILE [--seed S]",
		Short: "Write N synthetic quads in the graph model's shape as N-Quads (-o - for stdout)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(); err != nil {
				return err
			}
			lex, err := article.LoadLexicon(o.Lexicons...)
			if err != nil {
				return err
			}
			g, err := synth.NewQuads(lex, o.Seed)
			if err != nil {
				return err
			}
			if o.Out == "-" {
				return g.Write(o.stdout, o.N)
			}
			f, err := os.Create(o.Out)
			if err != nil {
				return err
			}
			if err := g.Write(f, o.N); err != nil {
				f.Close()
				return fmt.Errorf("%s: %w", o.Out, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("%s: %w", o.Out, err)
			}
			fmt.Fprintf(o.stderr, "wrote %d quads to %s\n", o.N, o.Out)
			return nil
		},
	}
	addFlags(cmd, o, "quads")
	return cmd
}
