package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newStatsCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Count quads, nodes, documents and nodes per class",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := g.openStore(ctx, true)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			if g.JSON {
				return g.printJSON(s)
			}
			tw := tabwriter.NewWriter(g.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "backend\t%s\nquads\t%d\nnodes\t%d\ndocuments\t%d\n", s.Backend, s.Quads, s.Nodes, s.Documents)
			classes := make([]string, 0, len(s.Classes))
			for c := range s.Classes {
				classes = append(classes, c)
			}
			sort.Strings(classes)
			for _, c := range classes {
				fmt.Fprintf(tw, "  %s\t%d\n", c, s.Classes[c])
			}
			return tw.Flush()
		},
	}
}
