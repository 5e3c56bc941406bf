package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
)

func init() {
	Register(Format{Name: "gexf", Doc: "GEXF 1.3, for Gephi, with node colours",
		Files: []File{{Name: ".gexf", Write: writeGEXF}}})
}

// gexfTypes maps attribute types to GEXF's.
var gexfTypes = map[AttrType]string{String: "string", Boolean: "boolean"}

func writeGEXF(w io.Writer, g *Graph) error {
	return buffered(w, func(b *bufio.Writer) error {
		b.WriteString(xml.Header)
		b.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"` +
			` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
			` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
		b.WriteString("  <meta>\n    <creator>tradegraph</creator>\n")
		fmt.Fprintf(b, "    <description>")
		xmlText(b, "tradegraph "+g.View+" view")
		b.WriteString("</description>\n  </meta>\n")
		b.WriteString("  <graph mode=\"static\" defaultedgetype=\"directed\">\n")
		for _, class := range []struct {
			name  string
			attrs []Attr
		}{{"node", g.NodeAttrs}, {"edge", g.EdgeAttrs}} {
			fmt.Fprintf(b, "    <attributes class=\"%s\" mode=\"static\">\n", class.name)
			for i, a := range class.attrs {
				fmt.Fprintf(b, "      <attribute id=\"%d\" title=%s type=\"%s\"/>\n", i, xmlAttr(a.Name), gexfTypes[a.Type])
			}
			b.WriteString("    </attributes>\n")
		}
		b.WriteString("    <nodes>\n")
		for i := range g.Nodes {
			n := &g.Nodes[i]
			fmt.Fprintf(b, "      <node id=%s label=%s>\n", xmlAttr(n.ID), xmlAttr(n.Label()))
			writeAttValues(b, n.Values)
			r, gr, bl := rgb(g.Style(n).Fill)
			fmt.Fprintf(b, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n", r, gr, bl)
			b.WriteString("      </node>\n")
		}
		b.WriteString("    </nodes>\n    <edges>\n")
		for i, e := range g.Edges {
			fmt.Fprintf(b, "      <edge id=\"%d\" source=%s target=%s label=%s>\n", i,
				xmlAttr(g.Nodes[e.Source].ID), xmlAttr(g.Nodes[e.Target].ID), xmlAttr(e.Label))
			writeAttValues(b, e.Values)
			b.WriteString("      </edge>\n")
		}
		b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
		return nil
	})
}

func writeAttValues(b *bufio.Writer, values []string) {
	open := false
	for i, v := range values {
		if v == "" {
			continue
		}
		if !open {
			b.WriteString("        <attvalues>\n")
			open = true
		}
		fmt.Fprintf(b, "          <attvalue for=\"%d\" value=%s/>\n", i, xmlAttr(v))
	}
	if open {
		b.WriteString("        </attvalues>\n")
	}
}
