package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"
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
		if _, err := standardLiterals(qw).WriteQuads(quads); err != nil {
			qw.Close()
			return err
		}
		return qw.Close()
	})
}

// standardLiterals writes the native values cayley keeps typed literals as
// (quad.Int, Float, Bool, Time) with full datatype IRIs: their own form says
// <xsd:integer>, which other RDF tools read as an unknown IRI, and "True",
// which is not an xsd:boolean. Loading the dump gives the same values back.
func standardLiterals(w quad.Writer) quad.Writer {
	return quad.ValuesWriter(w, func(_ quad.Direction, v quad.Value) (quad.Value, error) {
		native, ok := v.(quad.TypedStringer)
		if !ok {
			return v, nil
		}
		ts := native.TypedString()
		ts.Type = ts.Type.Full()
		if b, ok := v.(quad.Bool); ok {
			ts.Value = quad.String(strconv.FormatBool(bool(b)))
		}
		return ts, nil
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
