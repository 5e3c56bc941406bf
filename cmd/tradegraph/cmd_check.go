package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
)

type checkOptions struct {
	*globalOptions
	Repair bool
}

// checkResult is what check prints with --json.
type checkResult struct {
	graph.Report
	Removed []string `json:"removed"`
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
checks once more.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd, o)
		},
	}
	cmd.Flags().BoolVar(&o.Repair, "repair", false, "remove incomplete documents")
	return cmd
}

func runCheck(cmd *cobra.Command, o *checkOptions) error {
	ctx := cmd.Context()
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
	if o.JSON {
		if err := o.printJSON(res); err != nil {
			return err
		}
	} else {
		for _, p := range res.Problems {
			fmt.Fprintf(o.IO.Out, "%s\t%s\t%s\n", p.Kind, p.Doc, p.Detail)
		}
	}
	fmt.Fprintf(o.IO.Err, "checked %d documents, %d facts: %d problems\n", res.Documents, res.Facts, len(res.Problems))
	if len(res.Problems) > 0 {
		return fmt.Errorf("the store has %d problems (check --repair removes incomplete documents)", len(res.Problems))
	}
	return nil
}
