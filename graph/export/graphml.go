package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

func init() {
	Register(Format{Name: "graphml", Doc: "GraphML with typed keys, for Gephi, yEd and Cytoscape (yEd draws labels, colours and shapes)",
		Files: []File{{Name: ".graphml", Write: writeGraphML}}})
}

// graphmlTypes maps attribute types to GraphML's attr.type.
var graphmlTypes = map[AttrType]string{String: "string", Boolean: "boolean"}

func writeGraphML(w io.Writer, g *Graph) error {
	return buffered(w, func(b *bufio.Writer) error {
		b.WriteString(xml.Header)
		b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
			` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
			` xmlns:y="http://www.yworks.com/xml/graphml"` +
			` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">` + "\n")
		for i, a := range g.NodeAttrs {
			fmt.Fprintf(b, "  <key id=\"n%d\" for=\"node\" attr.name=%s attr.type=\"%s\"/>\n", i, xmlAttr(a.Name), graphmlTypes[a.Type])
		}
		for i, a := range g.EdgeAttrs {
			fmt.Fprintf(b, "  <key id=\"e%d\" for=\"edge\" attr.name=%s attr.type=\"%s\"/>\n", i, xmlAttr(a.Name), graphmlTypes[a.Type])
		}
		b.WriteString("  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
		fmt.Fprintf(b, "  <graph id=%s edgedefault=\"directed\">\n", xmlAttr(g.View))
		for i := range g.Nodes {
			n := &g.Nodes[i]
			fmt.Fprintf(b, "    <node id=%s>\n", xmlAttr(n.ID))
			for j, v := range n.Values {
				if v != "" {
					fmt.Fprintf(b, "      <data key=\"n%d\">", j)
					xmlText(b, v)
					b.WriteString("</data>\n")
				}
			}
			writeYEdNode(b, g, n)
			b.WriteString("    </node>\n")
		}
		for i, e := range g.Edges {
			fmt.Fprintf(b, "    <edge id=\"e%d\" source=%s target=%s>\n", i, xmlAttr(g.Nodes[e.Source].ID), xmlAttr(g.Nodes[e.Target].ID))
			for j, v := range e.Values {
				if v != "" {
					fmt.Fprintf(b, "      <data key=\"e%d\">", j)
					xmlText(b, v)
					b.WriteString("</data>\n")
				}
			}
			b.WriteString("    </edge>\n")
		}
		b.WriteString("  </graph>\n</graphml>\n")
		return nil
	})
}

// writeYEdNode writes yEd's drawing of n: yEd shows a plain GraphML node as
// an empty square, and reads its label, fill and shape only from here.
func writeYEdNode(b *bufio.Writer, g *Graph, n *Node) {
	s := g.Style(n)
	label := n.Label()
	if utf8.RuneCountInString(label) > wrapMax {
		label = string([]rune(label)[:wrapMax-1]) + "…"
	}
	width := 16 + 6.5*float64(min(utf8.RuneCountInString(label), 40))
	border := "line"
	if s.Dashed {
		border = "dashed"
	}
	fmt.Fprintf(b, "      <data key=\"ng\"><y:ShapeNode><y:Geometry height=\"30.0\" width=\"%s\"/>", strconv.FormatFloat(width, 'f', 1, 64))
	fmt.Fprintf(b, "<y:Fill color=\"%s\" transparent=\"false\"/><y:BorderStyle color=\"#444444\" type=\"%s\" width=\"1.0\"/>", s.Fill, border)
	b.WriteString("<y:NodeLabel>")
	xmlText(b, label)
	fmt.Fprintf(b, "</y:NodeLabel><y:Shape type=\"%s\"/></y:ShapeNode></data>\n", s.YShape)
}

// xmlText writes s as XML character data: markup characters become
// entities and characters XML cannot hold become U+FFFD.
func xmlText(b *bufio.Writer, s string) {
	xml.EscapeText(b, []byte(s))
}

// xmlAttr is s as a quoted XML attribute value.
func xmlAttr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(s))
	b.WriteByte('"')
	return b.String()
}
