package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
)

type checkOptions struct {
	*globalOptions
	Repair bool
	Deep   bool
}

// checkResult is what check prints with --json.
type checkResult struct {
	graph.Report
	Removed []string `json:"removed"`
	// Layout is what --deep found in the store's kv layout.
	Layout *graph.LayoutReport `json:"layout,omitempty"`
}

func newCheckCmd(g *globalOptions) *cobra.Command {
	o := &checkOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the store: documents complete, facts with evidence, no dangling references",
		Long: `Check reads the whole store and verifies that every document is complete (it
holds as many quads as its completeness mark says), that every measure,
bundle and claim has evidence, and that no reference points at a node the
graph does not describe. It prints the problems and exits 1 when any remain.
--repair removes incomplete documents (build them again afterwards) and
checks once more.

--deep, on a bolt store, also checks the key-value layout the store is kept
in: reference counts, the value index, the quad indexes and the meta
records, each against the log of nodes and quads. It prints each violation
(kind, key, what was found) and exits 1 when there is any. What cayley's
own writes leave (counts too high, nodes no quad uses any more, deleted
quads kept in the indexes) changes no answer of tradegraph's: those are
notes, counted on stderr and listed with --json. On a postgres store it
checks cayley's tables: every node's reference count against the quads
that refer to it, and every quad's nodes in the nodes table (the database
keeps the indexes itself).`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd, o)
		},
	}
	cmd.Flags().BoolVar(&o.Repair, "repair", false, "remove incomplete documents")
	cmd.Flags().BoolVar(&o.Deep, "deep", false, "also check the store's layout: bolt's key-value layout, or cayley's tables on postgres")
	return cmd
}

func runCheck(cmd *cobra.Command, o *checkOptions) error {
	ctx := cmd.Context()
	if backend := o.Backend; o.Deep {
		if backend == "" {
			backend = graph.InferBackend(o.DB)
		}
		if backend != graph.Bolt && backend != graph.Postgres {
			return usageError{fmt.Errorf("--deep checks the layout of a bolt or postgres store, not of a %s store", backend)}
		}
	}
	st, err := o.openStore(ctx, !o.Repair)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Check(ctx)
	if err != nil {
		return err
	}
	res := checkResult{Report: rep, Removed: []string{}}
	if o.Repair && len(rep.Incomplete) > 0 {
		removed, err := st.Repair(ctx, rep)
		res.Removed = append(res.Removed, removed...)
		for _, d := range removed {
			fmt.Fprintf(o.IO.Err, "removed incomplete document %s\n", d)
		}
		if err != nil {
			return err
		}
		if res.Report, err = st.Check(ctx); err != nil {
			return err
		}
	}
	if o.Deep {
		layout, err := st.CheckLayout(ctx)
		if err != nil {
			return fmt.Errorf("checking the layout: %w", err)
		}
		res.Layout = &layout
	}
	if o.JSON {
		if err := o.printJSON(res); err != nil {
			return err
		}
	} else {
		for _, p := range res.Problems {
			fmt.Fprintf(o.IO.Out, "%s\t%s\t%s\n", p.Kind, p.Doc, p.Detail)
		}
		if res.Layout != nil {
			for _, v := range res.Layout.Violations {
				fmt.Fprintf(o.IO.Out, "%s\t%s\t%s\n", v.Kind, v.Key, v.Detail)
			}
		}
	}
	fmt.Fprintf(o.IO.Err, "checked %d documents, %d facts: %d problems\n", res.Documents, res.Facts, len(res.Problems))
	violations := 0
	if l := res.Layout; l != nil {
		violations = l.ViolationCount()
		fmt.Fprintf(o.IO.Err, "checked the layout: %d quads, %d nodes, %d deleted quads kept: %d violations%s\n",
			l.Quads, l.Nodes, l.Tombstones, violations, notesSummary(*l))
	}
	switch {
	case len(res.Problems) > 0 && violations > 0:
		return fmt.Errorf("the store has %d problems and its layout %d violations", len(res.Problems), violations)
	case violations > 0:
		return fmt.Errorf("the store's layout has %d violations", violations)
	case len(res.Problems) > 0:
		return fmt.Errorf("the store has %d problems (check --repair removes incomplete documents)", len(res.Problems))
	}
	return nil
}

// notesSummary counts the layout's notes by kind, for stderr.
func notesSummary(l graph.LayoutReport) string {
	var kinds []string
	n := 0
	for kind, count := range l.Found {
		if graph.IsNote(kind) {
			kinds = append(kinds, fmt.Sprintf("%s %d", kind, count))
			n += count
		}
	}
	if n == 0 {
		return ""
	}
	sort.Strings(kinds)
	return fmt.Sprintf("; %d notes (%s), listed with --json", n, strings.Join(kinds, ", "))
}
