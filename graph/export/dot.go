package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func init() {
	Register(Format{Name: "dot", Doc: "Graphviz DOT: nodes shaped and coloured by type, denied measures dashed",
		Files: []File{{Name: ".dot", Write: writeDOT}}})
}

// Label wrapping in pictures: lines of about 24 runes, at most 90 runes.
const (
	wrapWidth = 24
	wrapMax   = 90
)

func writeDOT(w io.Writer, g *Graph) error {
	return buffered(w, func(b *bufio.Writer) error {
		writeDOTTo(b, g)
		return nil
	})
}

// writeDOTTo writes g as a DOT digraph. Every identifier and value is a
// quoted string (dotQuote), so no text can end one early.
func writeDOTTo(b *bufio.Writer, g *Graph) {
	fmt.Fprintf(b, "digraph tradegraph {\n")
	fmt.Fprintf(b, "\tgraph [label=%s, labelloc=t, fontname=Helvetica, fontsize=16, rankdir=LR, nodesep=0.25, ranksep=0.6];\n",
		dotQuote("tradegraph: "+g.View+" view"))
	fmt.Fprintf(b, "\tnode [fontname=Helvetica, fontsize=10, style=filled, penwidth=1.2, color=\"#444444\"];\n")
	fmt.Fprintf(b, "\tedge [fontname=Helvetica, fontsize=8, color=\"#777777\", fontcolor=\"#555555\", arrowsize=0.6];\n")
	dashed := make([]bool, len(g.Nodes))
	for i := range g.Nodes {
		n := &g.Nodes[i]
		s := g.Style(n)
		dashed[i] = s.Dashed
		style := "filled"
		if s.Shape == "box" {
			style += ",rounded"
		}
		if s.Dashed {
			style += ",dashed"
		}
		fmt.Fprintf(b, "\t%s [label=%s, shape=%s, style=%s, fillcolor=%s",
			dotQuote(n.ID), dotQuote(strings.Join(wrap(n.Label(), wrapWidth, wrapMax), "\n")), s.Shape, dotQuote(style), dotQuote(s.Fill))
		if ev := g.NodeAttr(n, "evidence"); ev != "" {
			fmt.Fprintf(b, ", tooltip=%s", dotQuote(ev))
		} else {
			fmt.Fprintf(b, ", tooltip=%s", dotQuote(n.Label()))
		}
		for i, a := range g.NodeAttrs {
			if i == labelIndex || n.Values[i] == "" {
				continue
			}
			fmt.Fprintf(b, ", %s=%s", a.Name, dotQuote(n.Values[i]))
		}
		b.WriteString("];\n")
	}
	for _, e := range g.Edges {
		fmt.Fprintf(b, "\t%s -> %s [label=%s", dotQuote(g.Nodes[e.Source].ID), dotQuote(g.Nodes[e.Target].ID), dotQuote(e.Label))
		if dashed[e.Source] || dashed[e.Target] {
			b.WriteString(", style=dashed")
		}
		for i, a := range g.EdgeAttrs {
			if e.Values[i] != "" {
				fmt.Fprintf(b, ", %s=%s", a.Name, dotQuote(e.Values[i]))
			}
		}
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
}

// dotQuote makes s a DOT quoted string. Backslashes are doubled, so a label
// shows them as written rather than as Graphviz escapes (\N, \l, ...), and a
// trailing one cannot escape the closing quote; line breaks become \n.
func dotQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
