package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/queries"
)

type queryOptions struct {
	*globalOptions
	CSV bool
}

func newQueryCmd(g *globalOptions) *cobra.Command {
	o := &queryOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "query NAME [ARGS]",
		Short: "Ask the graph a named question (see 'query list')",
		Long: `Ask the graph a named question. Results print as a table, or as JSON with
--json, or as CSV with --csv.`,
		Args: args(cobra.NoArgs),
	}
	cmd.PersistentFlags().BoolVar(&o.CSV, "csv", false, "print results as CSV")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the named queries",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
			for _, q := range queries.Registry() {
				fmt.Fprintf(tw, "%s\t%s\n", strings.TrimSpace(q.Name+" "+q.Usage), q.Doc)
			}
			return tw.Flush()
		},
	}
	cmd.AddCommand(list)
	for _, q := range queries.Registry() {
		cmd.AddCommand(newNamedQueryCmd(o, q))
	}
	return cmd
}

func newNamedQueryCmd(o *queryOptions, q queries.Query) *cobra.Command {
	values := map[string]*string{}
	cmd := &cobra.Command{
		Use:   strings.TrimSpace(q.Name + " " + q.Usage),
		Short: q.Doc,
		Args:  args(cobra.RangeArgs(q.MinArgs, q.MaxArgs)),
		RunE: func(cmd *cobra.Command, a []string) error {
			p := queries.Params{Args: a, Flags: map[string]string{}}
			for k, v := range values {
				p.Flags[k] = *v
			}
			ctx := cmd.Context()
			st, err := o.openStore(ctx, true)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := q.Run(ctx, st, p)
			var ue queries.ErrUsage
			if errors.As(err, &ue) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			return o.print(res)
		},
	}
	for _, f := range q.Flags {
		values[f.Name] = cmd.Flags().String(f.Name, f.Default, f.Usage)
	}
	return cmd
}

// print writes a result as JSON, CSV or an aligned table.
func (o *queryOptions) print(res queries.Result) error {
	switch {
	case o.JSON:
		return o.printJSON(res.Value)
	case o.CSV:
		w := csv.NewWriter(o.IO.Out)
		if err := w.Write(res.Table.Header); err != nil {
			return err
		}
		for _, r := range res.Table.Rows {
			if err := w.Write(neutralise(r)); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Table.Header, "\t"))
	for _, r := range res.Table.Rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// neutralise keeps spreadsheet programs from running cells as formulas.
func neutralise(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}
