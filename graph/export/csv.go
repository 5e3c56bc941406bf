package export

import (
	"encoding/csv"
	"io"
	"strings"
)

func init() {
	Register(Format{Name: "csv", Doc: "two CSV files, nodes.csv and edges.csv, with Gephi's spreadsheet headers",
		Files: []File{{Name: "nodes.csv", Write: writeGephiNodes}, {Name: "edges.csv", Write: writeGephiEdges}}})
	Register(Format{Name: "neo4j", Doc: "two CSV files, nodes.csv and edges.csv, with neo4j-admin import headers (csv --neo4j)",
		Files: []File{{Name: "nodes.csv", Write: writeNeo4jNodes}, {Name: "edges.csv", Write: writeNeo4jEdges}}})
}

// Gephi's spreadsheet import reads Id and Label for nodes; Source, Target,
// Type (Directed), Id and Label for edges; other columns become attributes.
func writeGephiNodes(w io.Writer, g *Graph) error {
	header := []string{"Id", "Label"}
	for i, a := range g.NodeAttrs {
		if i != labelIndex {
			header = append(header, a.Name)
		}
	}
	return writeCSV(w, header, len(g.Nodes), func(i int) []string {
		n := &g.Nodes[i]
		row := []string{n.ID, n.Label()}
		for j, v := range n.Values {
			if j != labelIndex {
				row = append(row, v)
			}
		}
		return row
	})
}

func writeGephiEdges(w io.Writer, g *Graph) error {
	header := []string{"Source", "Target", "Type", "Id", "Label"}
	for _, a := range g.EdgeAttrs {
		header = append(header, a.Name)
	}
	return writeCSV(w, header, len(g.Edges), func(i int) []string {
		e := &g.Edges[i]
		return append([]string{g.Nodes[e.Source].ID, g.Nodes[e.Target].ID, "Directed", edgeID(i), e.Label}, e.Values...)
	})
}

// neo4j-admin import reads the id:ID and :LABEL columns of nodes and the
// :START_ID, :END_ID and :TYPE columns of relationships; typed property
// columns say name:type.
func writeNeo4jNodes(w io.Writer, g *Graph) error {
	header := []string{"id:ID", ":LABEL"}
	for _, a := range g.NodeAttrs {
		header = append(header, neo4jColumn(a))
	}
	return writeCSV(w, header, len(g.Nodes), func(i int) []string {
		n := &g.Nodes[i]
		return append([]string{n.ID, neo4jLabels(g, n)}, n.Values...)
	})
}

func writeNeo4jEdges(w io.Writer, g *Graph) error {
	header := []string{":START_ID", ":END_ID", ":TYPE"}
	for _, a := range g.EdgeAttrs {
		header = append(header, neo4jColumn(a))
	}
	return writeCSV(w, header, len(g.Edges), func(i int) []string {
		e := &g.Edges[i]
		return append([]string{g.Nodes[e.Source].ID, g.Nodes[e.Target].ID, neo4jType(e.Label)}, e.Values...)
	})
}

func neo4jColumn(a Attr) string {
	if a.Type == String {
		return a.Name
	}
	return a.Name + ":" + string(a.Type)
}

// neo4jLabels are a node's labels, ';'-separated: its type in CamelCase
// (FirmGroup, Concession), Literal for a literal, Resource for an untyped IRI.
func neo4jLabels(g *Graph, n *Node) string {
	if n.Type() == "" {
		if g.NodeAttr(n, "kind") == "literal" {
			return "Literal"
		}
		return "Resource"
	}
	var out []string
	for _, t := range strings.Split(n.Type(), ";") {
		out = append(out, camelCase(t))
	}
	return strings.Join(out, ";")
}

// neo4jType is a relationship type in Neo4j's convention: GRANTS,
// IN_SECTOR, TG_GRANTOR.
func neo4jType(label string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(label) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

func writeCSV(w io.Writer, header []string, rows int, row func(int) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range rows {
		r := row(i)
		for j := range r {
			r[j] = neutralise(r[j])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// neutralise keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before one) gets a leading apostrophe. Ids are changed
// alike in both files, so edges still find their nodes.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
