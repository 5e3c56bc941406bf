package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func init() {
	Register(Format{Name: "gml", Doc: "GML, for Gephi, yEd, Cytoscape and NetworkX",
		Files: []File{{Name: ".gml", Write: writeGML}}})
}

// writeGML writes GML: nodes get integer ids, their tradegraph id is the
// nodeid attribute; "multigraph 1" is declared when two edges join the same
// pair of nodes.
func writeGML(w io.Writer, g *Graph) error {
	return buffered(w, func(b *bufio.Writer) error {
		b.WriteString("graph [\n  directed 1\n")
		if g.hasParallelEdges() {
			b.WriteString("  multigraph 1\n")
		}
		fmt.Fprintf(b, "  label %s\n", gmlString("tradegraph "+g.View+" view"))
		for i := range g.Nodes {
			n := &g.Nodes[i]
			fmt.Fprintf(b, "  node [\n    id %d\n    label %s\n    nodeid %s\n", i, gmlString(n.Label()), gmlString(n.ID))
			for j, a := range g.NodeAttrs {
				if j != labelIndex && n.Values[j] != "" {
					fmt.Fprintf(b, "    %s %s\n", a.Name, gmlValue(a.Type, n.Values[j]))
				}
			}
			b.WriteString("  ]\n")
		}
		for _, e := range g.Edges {
			fmt.Fprintf(b, "  edge [\n    source %d\n    target %d\n    label %s\n", e.Source, e.Target, gmlString(e.Label))
			for j, a := range g.EdgeAttrs {
				if e.Values[j] != "" {
					fmt.Fprintf(b, "    %s %s\n", a.Name, gmlValue(a.Type, e.Values[j]))
				}
			}
			b.WriteString("  ]\n")
		}
		b.WriteString("]\n")
		return nil
	})
}

func (g *Graph) hasParallelEdges() bool {
	seen := make(map[[2]int]bool, len(g.Edges))
	for _, e := range g.Edges {
		k := [2]int{e.Source, e.Target}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// gmlValue is a value in GML: booleans as the integers 1 and 0.
func gmlValue(t AttrType, v string) string {
	if t == Boolean {
		if v == "true" {
			return "1"
		}
		return "0"
	}
	return gmlString(v)
}

// gmlString quotes s for GML, which is 7-bit ASCII with no escape for the
// quote: '"', '&', line breaks and every non-ASCII character are written as
// character references (&quot;, &amp;, &#10;, &#8211;), as NetworkX and
// other GML readers decode them.
func gmlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString("&quot;")
		case r == '&':
			b.WriteString("&amp;")
		case r < 0x20 || r >= 0x7f:
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
