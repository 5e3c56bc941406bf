package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/export"
	_ "github.com/tradegraph/tradegraph/graph/export/render" // registers svg, png and html
	"github.com/tradegraph/tradegraph/queries"
)

type exportOptions struct {
	*globalOptions
	Format    string
	Output    string
	Neo4j     bool
	Selection selection
}

func newExportCmd(g *globalOptions) *cobra.Command {
	o := &exportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "export --format FORMAT [-o FILE]",
		Short: "Write the graph for Gephi, Cytoscape, Graphviz, yEd, Neo4j, RDF tools, or as a picture or web page",
		Long: `Export writes a property-graph view of the store in a tool's format.

The network view (the default) has actors, policies, sectors, measures
(concessions) and bundles as nodes, with their type, label, polarity,
instrument, sector and evidence as attributes, and the edges grants
(actor -> measure), benefits (measure -> actor), concerns (measure ->
policy), in-sector (policy -> sector), member-of (measure -> bundle,
person -> agency) and part-of (measure -> agreement). The full view has
every quad: subjects and objects are nodes, each quad an edge whose
predicate and label (the document) are edge attributes.

Formats:
` + formatList() + `
-o writes a file, replaced only once it is complete; without -o the export
goes to stdout. csv writes two files, nodes.csv and edges.csv: -o DIR/ (or
an existing directory) writes DIR/nodes.csv and DIR/edges.csv, and
-o PREFIX writes PREFIX-nodes.csv and PREFIX-edges.csv. --neo4j gives them
neo4j-admin import headers (evidence spans lines: import with
--multiline-fields=true). nquads and jsonld write the full view's quads.
svg, png and html lay the graph out in-process; keep them to a few
thousand nodes with --doc, --around or --query.

Exit codes: 0 written, 1 failure (store error, unknown document or name),
2 usage error.`,
		Example: `  tradegraph export --format graphml -o sample.graphml
  tradegraph export --format html --around Malaysia --hops 2 -o malaysia.html
  tradegraph export --format csv --neo4j -o import/`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExport(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "", "output format: "+strings.Join(export.FormatNames(), ", ")+" (required)")
	f.StringVarP(&o.Output, "output", "o", "", "write to this file (csv: a directory or a file-name prefix) instead of stdout")
	f.BoolVar(&o.Neo4j, "neo4j", false, "csv: write neo4j-admin import headers (id:ID, :LABEL, :START_ID, :END_ID, :TYPE)")
	addSelectionFlags(f, &o.Selection)
	return cmd
}

// selection is what the flags that choose a view and a subgraph say:
// --around names its node, to be resolved in the store.
type selection struct {
	export.Selection
	AroundName string
}

// addSelectionFlags binds the flags that choose a view and a subgraph.
func addSelectionFlags(f *pflag.FlagSet, s *selection) {
	f.StringVar(&s.View, "view", "", "network (the default) or full (every quad; the default for nquads and jsonld)")
	f.StringVar(&s.Doc, "doc", "", "only what this document says (its id, as 'query entities' lists them, or its IRI)")
	f.StringVar(&s.Query, "query", "", "only a canned subgraph: bundles (the bundles and their member measures)")
	f.StringVar(&s.AroundName, "around", "", "only the nodes near this node: a name, alias or id, found as 'query actor' finds it")
	f.IntVar(&s.Hops, "hops", 1, "with --around: how many edges away, in either direction")
}

// build reads what the selection keeps of st. The --around name is
// resolved as every verb that takes a name resolves it.
func (s selection) build(ctx context.Context, st *graph.Store) (*export.Graph, error) {
	sel := s.Selection
	if s.AroundName != "" {
		node, err := queries.Resolve(ctx, st, s.AroundName)
		if err != nil {
			return nil, err
		}
		sel.Around = node
	}
	return export.Build(ctx, st, sel)
}

// checkHops refuses --hops without --around, which it would not change.
func checkHops(cmd *cobra.Command, sel selection) error {
	if cmd.Flags().Changed("hops") && sel.AroundName == "" {
		return usageError{errors.New("--hops goes with --around NAME")}
	}
	return nil
}

func formatList() string {
	var b strings.Builder
	for _, f := range export.Formats() {
		if f.Name == "neo4j" {
			continue // reached as csv --neo4j
		}
		fmt.Fprintf(&b, "  %-8s %s\n", f.Name, f.Doc)
	}
	return b.String()
}

func runExport(cmd *cobra.Command, o *exportOptions) error {
	format, err := o.format()
	if err != nil {
		return usageError{err}
	}
	if err := checkHops(cmd, o.Selection); err != nil {
		return err
	}
	sel := o.Selection
	if format.RDF {
		if sel.View == export.Network {
			return usageError{fmt.Errorf("--format %s writes quads, which are the full view: drop --view network", format.Name)}
		}
		sel.View = export.Full
	}
	if err := sel.Validate(); err != nil {
		return usageError{err}
	}
	paths, err := outputPaths(format, o.Output)
	if err != nil {
		return usageError{err}
	}
	if format.Binary && paths[0] == "" && isTerminal(o.IO.Out) {
		return usageError{fmt.Errorf("%s is binary: give -o FILE or redirect stdout", format.Name)}
	}
	ctx := cmd.Context()
	st, err := o.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	g, err := sel.build(ctx, st)
	if err != nil {
		return err
	}
	// made only once the store is read: a missing store leaves nothing
	if isDirName(o.Output) && len(paths) > 1 {
		if err := os.MkdirAll(o.Output, 0o755); err != nil {
			return err
		}
	}
	for i, file := range format.Files {
		err := writeOutput(o.IO.Out, paths[i], func(w io.Writer) error { return file.Write(w, g) })
		if err != nil {
			return err
		}
	}
	if paths[0] != "" && isTerminal(o.IO.Err) {
		c := g.Counts()
		fmt.Fprintf(o.IO.Err, "wrote %d nodes and %d edges to %s\n", c.Nodes, c.Edges, strings.Join(paths, " and "))
	}
	return nil
}

// format is the format the flags name.
func (o *exportOptions) format() (*export.Format, error) {
	if o.Format == "" {
		return nil, fmt.Errorf("--format is required (one of %s)", strings.Join(visibleFormats(), ", "))
	}
	name := strings.ToLower(o.Format)
	if o.Neo4j {
		if name != "csv" {
			return nil, fmt.Errorf("--neo4j goes with --format csv, not %s", o.Format)
		}
		name = "neo4j"
	}
	f := export.ByName(name)
	if f == nil {
		return nil, fmt.Errorf("unknown export format %q (known: %s)", o.Format, strings.Join(visibleFormats(), ", "))
	}
	return f, nil
}

func visibleFormats() []string {
	var out []string
	for _, name := range export.FormatNames() {
		if name != "neo4j" {
			out = append(out, name)
		}
	}
	return out
}

// outputPaths are the files a format writes for -o output: "" for stdout.
// A format of several files needs -o: a directory (an existing one, or a
// path ending in a separator, created if missing) or a file-name prefix.
func outputPaths(f *export.Format, output string) ([]string, error) {
	if len(f.Files) == 1 {
		return []string{output}, nil
	}
	if output == "" || output == "-" {
		var names []string
		for _, file := range f.Files {
			names = append(names, file.Name)
		}
		return nil, fmt.Errorf("%s writes %s: give -o DIR/ or -o PREFIX", f.Name, strings.Join(names, " and "))
	}
	dir := isDirName(output)
	if fi, err := os.Stat(output); err == nil && fi.IsDir() {
		dir = true
	}
	var out []string
	for _, file := range f.Files {
		if dir {
			out = append(out, filepath.Join(output, file.Name))
		} else {
			out = append(out, output+"-"+file.Name)
		}
	}
	return out, nil
}

// isDirName reports whether a path names a directory by its trailing separator.
func isDirName(path string) bool {
	return strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator))
}
