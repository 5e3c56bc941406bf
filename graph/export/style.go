package export

import (
	"strconv"
	"strings"
	"unicode"
)

// Style is how a node is drawn by the formats that carry drawing hints
// (DOT, SVG, PNG, HTML, GEXF colours, yEd shapes).
type Style struct {
	Shape  string // Graphviz shape
	YShape string // yEd shape
	Fill   string // fill colour, #rrggbb
	Dashed bool   // a denied measure
}

// typeStyles are the network view's node types; the full view's typed nodes
// take the style of the class with the same name.
var typeStyles = map[string]Style{
	"country":                    {"box", "rectangle", "#a6cee3", false},
	"bloc":                       {"box3d", "rectangle", "#6baed6", false},
	"agency":                     {"house", "trapezoid2", "#8dd3c7", false},
	"international_organization": {"house", "trapezoid2", "#80cdc1", false},
	"person":                     {"ellipse", "ellipse", "#fdbf6f", false},
	"company":                    {"component", "rectangle", "#cab2d6", false},
	"firm_group":                 {"folder", "rectangle", "#e5d8ef", false},
	"political_party":            {"egg", "ellipse", "#fb9a99", false},
	"media":                      {"note", "rectangle", "#ffff99", false},
	"fund":                       {"cylinder", "ellipse", "#d9d9d9", false},
	"agreement":                  {"tab", "rectangle", "#fccde5", false},
	"policy":                     {"hexagon", "hexagon", "#ccebc5", false},
	"sector":                     {"octagon", "octagon", "#d9c2e6", false},
	"concession":                 {"box", "roundrectangle", "#b3de69", false},
	"position":                   {"parallelogram", "parallelogram", "#ffed6f", false},
	"bundle":                     {"diamond", "diamond", "#80b1d3", false},
}

// polarityFills colour measures by polarity.
var polarityFills = map[string]string{"asserted": "#b3de69", "retained": "#fdb462", "denied": "#fb8072"}

// kindFills colour positions by kind.
var kindFills = map[string]string{"demand": "#ffed6f", "threat": "#e7298a", "offer": "#66c2a5"}

// PolarityFill is the fill colour of a measure of polarity p.
func PolarityFill(p string) string { return polarityFills[p] }

// KindFill is the fill colour of a position of kind k.
func KindFill(k string) string { return kindFills[k] }

var (
	literalStyle = Style{"note", "rectangle", "#f4f4f4", false}
	classStyle   = Style{"box", "rectangle", "#bdbdbd", false}
	plainStyle   = Style{"ellipse", "ellipse", "#ffffff", false}
)

// Style is the style of node n of g.
func (g *Graph) Style(n *Node) Style {
	if g.View == Full {
		switch g.NodeAttr(n, "kind") {
		case "literal":
			return literalStyle
		}
		if !n.expand {
			return classStyle
		}
		t := n.Type()
		if i := strings.IndexByte(t, ';'); i >= 0 {
			t = t[:i]
		}
		if s, ok := typeStyles[snakeCase(t)]; ok {
			return s
		}
		return plainStyle
	}
	s, ok := typeStyles[n.Type()]
	if !ok {
		return plainStyle
	}
	if n.Type() == "concession" {
		p := g.NodeAttr(n, "polarity")
		if f, ok := polarityFills[p]; ok {
			s.Fill = f
		}
		s.Dashed = p == "denied"
	}
	if n.Type() == "position" {
		if f, ok := kindFills[g.NodeAttr(n, "kind")]; ok {
			s.Fill = f
		}
	}
	return s
}

// snakeCase turns a class name into a type name: FirmGroup -> firm_group.
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// camelCase turns a type name into a class-like name: firm_group -> FirmGroup.
func camelCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' || r == '-' || r == ' ' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rgb splits a #rrggbb colour.
func rgb(hex string) (r, g, b int) {
	n, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return 0, 0, 0
	}
	return int(n >> 16 & 0xff), int(n >> 8 & 0xff), int(n & 0xff)
}

// wrap breaks s into lines of about width runes at spaces, for node labels
// in pictures; a label longer than limit runes is cut with an ellipsis.
func wrap(s string, width, limit int) []string {
	if r := []rune(s); len(r) > limit {
		s = strings.TrimSpace(string(r[:limit-1])) + "…"
	}
	var lines []string
	var line []rune
	for _, word := range strings.Fields(s) {
		w := []rune(word)
		if len(line) > 0 && len(line)+1+len(w) > width {
			lines = append(lines, string(line))
			line = nil
		}
		if len(line) > 0 {
			line = append(line, ' ')
		}
		line = append(line, w...)
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, string(line))
	}
	return lines
}
