package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/queries"
)

type queryOptions struct {
	*globalOptions
	CSV     bool
	Lang    string
	File    string
	Limit   int
	Timeout time.Duration
	MaxMB   int
}

func newQueryCmd(g *globalOptions) *cobra.Command {
	o := &queryOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "query NAME [ARGS] | query --lang LANG 'QUERY'",
		Short: "Ask the graph a named question (see 'query list'), or run a Gizmo, GraphQL or MQL query",
		Long: `Ask the graph a named question. Results print as a table, or as JSON with
--json, or as CSV with --csv.

With --lang gizmo|graphql|mql, run a query in one of Cayley's own languages
over the same store (the query as the argument, or in a file with -f); its
results print as a JSON array. --limit caps the results; --timeout and
--max-memory-mb stop a runaway query (exit 1 with a message). A GraphQL query
is one result, built whole before it prints: over a large store, narrow it
(first: N) rather than raise the memory limit.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if o.Lang == "" {
				return usageError{errors.New("name a query (see 'tradegraph query list') or give --lang")}
			}
			return runRawQuery(cmd, o, a)
		},
	}
	cmd.PersistentFlags().BoolVar(&o.CSV, "csv", false, "print results as CSV")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "run a raw query in gizmo, graphql or mql")
	cmd.Flags().StringVarP(&o.File, "file", "f", "", "read the raw query from this file")
	cmd.Flags().IntVar(&o.Limit, "limit", 0, "at most this many raw results (0: all)")
	cmd.Flags().DurationVar(&o.Timeout, "timeout", 30*time.Second, "stop a raw query after this long")
	cmd.Flags().IntVar(&o.MaxMB, "max-memory-mb", queries.DefaultRawMaxBytes>>20, "stop a raw query when its results take more memory than this, in MB")
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
	renamed := map[string]string{} // old flag names to new
	cmd := &cobra.Command{
		Use:   strings.TrimSpace(q.Name + " " + q.Usage),
		Short: q.Doc,
		Args:  args(cobra.RangeArgs(q.MinArgs, q.MaxArgs)),
		RunE: func(cmd *cobra.Command, a []string) error {
			for old, name := range renamed {
				if !cmd.Flags().Changed(old) {
					continue
				}
				if cmd.Flags().Changed(name) {
					return usageError{fmt.Errorf("--%s is the old name of --%s: give one of them", old, name)}
				}
				fmt.Fprintf(o.IO.Err, "tradegraph: --%s is now --%s\n", old, name)
			}
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
			var nf queries.ErrNotFound
			if errors.As(err, &nf) {
				return err
			}
			if err != nil {
				return err
			}
			return o.print(res)
		},
	}
	bools := map[string]*bool{}
	for _, f := range q.Flags {
		if f.Bool {
			bools[f.Name] = cmd.Flags().Bool(f.Name, false, f.Usage)
			continue
		}
		values[f.Name] = cmd.Flags().String(f.Name, f.Default, f.Usage)
		if f.OldName != "" {
			// not cobra's MarkDeprecated: it says so on stdout, among the results
			cmd.Flags().StringVar(values[f.Name], f.OldName, f.Default, f.Usage)
			cmd.Flags().Lookup(f.OldName).Hidden = true
			renamed[f.OldName] = f.Name
		}
	}
	cmd.PreRun = func(*cobra.Command, []string) {
		for k, b := range bools {
			v := "false"
			if *b {
				v = "true"
			}
			values[k] = &v
		}
	}
	if q.MinArgs > 0 {
		cmd.ValidArgsFunction = o.completeNames
	}
	return cmd
}

func runRawQuery(cmd *cobra.Command, o *queryOptions, a []string) error {
	var q string
	switch {
	case o.File != "" && len(a) > 0:
		return usageError{errors.New("give the query as an argument or with -f, not both")}
	case o.File != "":
		b, err := os.ReadFile(o.File)
		if err != nil {
			return fmt.Errorf("%s: %w", o.File, err)
		}
		q = string(b)
	case len(a) == 1:
		q = a[0]
	default:
		return usageError{errors.New("no query given")}
	}
	if o.Limit < 0 || o.Timeout <= 0 || o.MaxMB <= 0 {
		return usageError{errors.New("--limit must be 0 or more, --timeout and --max-memory-mb positive")}
	}
	ctx := cmd.Context()
	st, err := o.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := queries.Raw(ctx, st, o.Lang, q, queries.RawOptions{Limit: o.Limit, Timeout: o.Timeout, MaxBytes: int64(o.MaxMB) << 20})
	var ue queries.ErrUsage
	if errors.As(err, &ue) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	return o.printJSON(rows)
}

// completeNames offers actor names for shell completion, from the store
// when it opens at once.
func (o *queryOptions) completeNames(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	st, err := o.openStore(cmd.Context(), true)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer st.Close()
	rows, err := queries.Entities(cmd.Context(), st)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, r := range rows {
		if strings.HasPrefix(strings.ToLower(r.Name), strings.ToLower(prefix)) {
			out = append(out, r.Name+"\t"+r.Type)
		}
		if len(out) >= 500 {
			break
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// print writes a result as JSON, CSV or an aligned table.
func (o *queryOptions) print(res queries.Result) error {
	if o.JSON {
		return o.printList(res.Value)
	}
	t := res.Table()
	if o.CSV {
		w := csv.NewWriter(o.IO.Out)
		if err := w.Write(t.Header); err != nil {
			return err
		}
		for _, r := range t.Rows {
			if err := w.Write(neutralise(r)); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	}
	// tabwriter pads a cell eight bytes per write: unbuffered, a wide
	// column is a system call per eight spaces
	out := bufio.NewWriterSize(o.IO.Out, 64<<10)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Header, "\t"))
	for _, r := range t.Rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return out.Flush()
}

// printList prints a list of rows as printJSON does, one row at a time:
// encoded whole and then indented, a listing of half a million rows
// would take a gigabyte on top of the rows.
func (o *queryOptions) printList(v any) error {
	list := reflect.ValueOf(v)
	if list.Kind() != reflect.Slice || list.Len() == 0 {
		return o.printJSON(v)
	}
	out := bufio.NewWriterSize(o.IO.Out, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	out.WriteString("[\n")
	for i := range list.Len() {
		buf.Reset()
		if err := enc.Encode(list.Index(i).Interface()); err != nil {
			return err
		}
		out.WriteString("  ")
		out.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < list.Len()-1 {
			out.WriteString(",")
		}
		out.WriteString("\n")
	}
	out.WriteString("]\n")
	return out.Flush()
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
