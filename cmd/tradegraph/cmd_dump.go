package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
)

type dumpOptions struct {
	*globalOptions
	Format string
	Output string
}

func newDumpCmd(g *globalOptions) *cobra.Command {
	o := &dumpOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "dump",
		Short: "Write every quad of the store, sorted, to stdout or a file",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDump(cmd, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "nquads", "output format: "+strings.Join(writableFormats(), ", "))
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

func writableFormats() []string {
	var out []string
	for _, f := range quad.Formats() {
		if f.Writer != nil {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

func runDump(cmd *cobra.Command, o *dumpOptions) error {
	format := quad.FormatByName(o.Format)
	if format == nil || format.Writer == nil {
		return usageError{fmt.Errorf("unknown dump format %q (known: %s)", o.Format, strings.Join(writableFormats(), ", "))}
	}
	ctx := cmd.Context()
	st, err := o.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	quads, err := st.Quads(ctx)
	if err != nil {
		return err
	}
	return writeOutput(o.IO.Out, o.Output, func(w io.Writer) error {
		qw := format.Writer(w)
		if _, err := graph.StandardLiterals(qw).WriteQuads(quads); err != nil {
			qw.Close()
			return err
		}
		return qw.Close()
	})
}

// writeOutput runs write on stdout, or on a temporary file renamed to path
// once complete, so a failed export never leaves a half-written file.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file private; an export is a file to share.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
