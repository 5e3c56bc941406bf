package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/rdf"
)

type loadOptions struct {
	*globalOptions
	Files   []string
	Format  string
	Replace bool
}

type loadResult struct {
	File    string `json:"file"`
	Quads   int    `json:"quads"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
	Error   string `json:"error,omitempty"`
}

func newLoadCmd(g *globalOptions) *cobra.Command {
	o := &loadOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "load FILE...",
		Short: "Load RDF files (N-Quads, JSON-LD, JSON, pquads; .gz too) into the store",
		Long: `Load RDF files into the store. The format follows the extension (.nq, .nt,
.jsonld, .json, .pq, each optionally .gz); --format overrides it. Quads keep
their own label; quads without one get a label naming the file. Loading a
file again adds nothing (duplicates are ignored); --replace first removes
every quad under the labels the file carries.

Each file is read and checked whole, then written in one transaction: a bad
file is reported and leaves the store as it was. Exit 1 when any file failed.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Files = a
			return runLoad(cmd, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "", "input format: nquads, jsonld, json, json-stream or pquads")
	cmd.Flags().BoolVar(&o.Replace, "replace", false, "remove every quad under the file's labels before loading it")
	return cmd
}

func runLoad(cmd *cobra.Command, o *loadOptions) error {
	ctx := cmd.Context()
	st, err := o.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var results []loadResult
	failed := 0
	for _, path := range o.Files {
		res := loadResult{File: path}
		n, change, err := readForLoad(path, o)
		if err == nil {
			var r graph.Result
			r, err = st.Apply(ctx, change)
			res.Quads, res.Added, res.Removed = n, r.Added, r.Removed
		}
		if err != nil && len(o.Files) == 1 {
			return err
		}
		if err != nil {
			failed++
			res.Error = err.Error()
			fmt.Fprintf(o.IO.Err, "tradegraph: %s\n", err)
		} else {
			fmt.Fprintf(o.IO.Err, "loaded %s: %d quads, %d new, %d removed\n", path, res.Quads, res.Added, res.Removed)
		}
		results = append(results, res)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if o.JSON {
		if err := o.printJSON(results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed to load", failed, len(o.Files))
	}
	return nil
}

func readForLoad(path string, o *loadOptions) (int, graph.Change, error) {
	quads, err := rdf.ReadFile(path, rdf.Options{Format: o.Format})
	if err != nil {
		return 0, graph.Change{}, err
	}
	c := graph.Change{Add: quads}
	if o.Replace {
		seen := map[string]bool{}
		for _, q := range quads {
			if k := q.Label.String(); !seen[k] {
				seen[k] = true
				c.Replace = append(c.Replace, q.Label)
			}
		}
	}
	return len(quads), c, nil
}
