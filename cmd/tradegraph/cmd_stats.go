package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

type statsOptions struct {
	*globalOptions
	Selection selection
}

func newStatsCmd(g *globalOptions) *cobra.Command {
	o := &statsOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count quads, nodes, documents and nodes per class, or the nodes and edges of an export view",
		Long: `Stats counts the store's quads, nodes (distinct subjects and objects),
documents (distinct labels) and typed nodes per class.

With --view (or any of --doc, --query, --around), it counts instead the nodes,
edges and nodes per type of the view 'tradegraph export' writes with the
same flags.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, name := range []string{"view", "doc", "query", "around", "hops"} {
				if cmd.Flags().Changed(name) {
					return runViewStats(cmd, o)
				}
			}
			return runStats(cmd, o)
		},
	}
	addSelectionFlags(cmd.Flags(), &o.Selection)
	return cmd
}

func runStats(cmd *cobra.Command, o *statsOptions) error {
	ctx := cmd.Context()
	st, err := o.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		return o.printJSON(s)
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "backend\t%s\nquads\t%d\nnodes\t%d\ndocuments\t%d\n", s.Backend, s.Quads, s.Nodes, s.Documents)
	printCounts(tw, s.Classes)
	return tw.Flush()
}

func runViewStats(cmd *cobra.Command, o *statsOptions) error {
	if err := checkHops(cmd, o.Selection); err != nil {
		return err
	}
	if err := o.Selection.Validate(); err != nil {
		return usageError{err}
	}
	ctx := cmd.Context()
	st, err := o.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	g, err := o.Selection.build(ctx, st)
	if err != nil {
		return err
	}
	c := g.Counts()
	if o.JSON {
		return o.printJSON(c)
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "view\t%s\nnodes\t%d\nedges\t%d\n", c.View, c.Nodes, c.Edges)
	printCounts(tw, c.Types)
	return tw.Flush()
}

// printCounts writes one indented line per name, sorted.
func printCounts(tw *tabwriter.Writer, counts map[string]int64) {
	names := make([]string, 0, len(counts))
	for c := range counts {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		fmt.Fprintf(tw, "  %s\t%d\n", c, counts[c])
	}
}
