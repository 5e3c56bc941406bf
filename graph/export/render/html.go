package render

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"sort"

	"github.com/tradegraph/tradegraph/graph/export"
)

// The viewer is a small canvas renderer written for tradegraph: it draws
// Graphviz's layout with the same operations the PNG is drawn from, so the
// page needs no library and no network.
var (
	//go:embed viewer.js
	viewerJS string
	//go:embed viewer.css
	viewerCSS string
)

// htmlGraph is the data the viewer reads from its JSON script block.
type htmlGraph struct {
	Title  string       `json:"title"`
	View   string       `json:"view"`
	Width  float64      `json:"width"`
	Height float64      `json:"height"`
	Attrs  []string     `json:"attrs"`
	Nodes  []htmlNode   `json:"nodes"`
	Edges  []htmlEdge   `json:"edges"`
	Legend []htmlLegend `json:"legend"`
}

type htmlNode struct {
	ID     string    `json:"id"`
	Label  string    `json:"label"`
	Type   string    `json:"type"`
	Box    []float64 `json:"box"` // centre x, centre y, width, height
	Values []string  `json:"values"`
	Ops    []htmlOp  `json:"ops"`
}

type htmlEdge struct {
	Source int      `json:"s"`
	Target int      `json:"t"`
	Label  string   `json:"label"`
	Ops    []htmlOp `json:"ops"`
}

type htmlLegend struct {
	Type string `json:"type"`
	Fill string `json:"fill"`
}

// htmlOp is an xdot operation, compact: points are flattened and rounded.
type htmlOp struct {
	Op     string    `json:"o"`
	Color  string    `json:"c,omitempty"`
	Style  string    `json:"s,omitempty"`
	Size   float64   `json:"f,omitempty"`
	Points []float64 `json:"p,omitempty"`
	Align  string    `json:"a,omitempty"`
	Width  float64   `json:"w,omitempty"`
	Text   string    `json:"t,omitempty"`
}

func compactOps(ops []op) []htmlOp {
	out := make([]htmlOp, 0, len(ops))
	for _, o := range ops {
		h := htmlOp{Op: o.Op, Color: o.Color, Style: o.Style, Size: o.Size, Align: o.Align, Width: round(o.Width), Text: o.Text}
		for _, p := range o.Points {
			h.Points = append(h.Points, round(p[0]), round(p[1]))
		}
		for _, v := range o.Rect {
			h.Points = append(h.Points, round(v))
		}
		for _, v := range o.Pt {
			h.Points = append(h.Points, round(v))
		}
		out = append(out, h)
	}
	return out
}

func round(f float64) float64 { return math.Round(f*10) / 10 }

func writeHTML(w io.Writer, g *export.Graph) error {
	l, err := layoutOf(g)
	if err != nil {
		return err
	}
	data := htmlGraph{Title: "tradegraph: " + g.View + " view", View: g.View, Width: round(l.Width), Height: round(l.Height)}
	for _, a := range g.NodeAttrs {
		data.Attrs = append(data.Attrs, a.Name)
	}
	fills := map[string]string{}
	positions := false // drawn by kind, listed only when there are some
	for i := range g.Nodes {
		n := &g.Nodes[i]
		it := l.Nodes[i]
		data.Nodes = append(data.Nodes, htmlNode{ID: n.ID, Label: n.Label(), Type: n.Type(), Values: n.Values,
			Box: []float64{round(it.X), round(it.Y), round(it.W), round(it.H)}, Ops: compactOps(it.Ops)})
		if _, ok := fills[n.Type()]; !ok && n.Type() != "concession" && n.Type() != "position" {
			fills[n.Type()] = g.Style(n).Fill
		}
		positions = positions || n.Type() == "position"
	}
	for i, e := range g.Edges {
		data.Edges = append(data.Edges, htmlEdge{Source: e.Source, Target: e.Target, Label: e.Label, Ops: compactOps(l.Edges[i].Ops)})
	}
	types := make([]string, 0, len(fills))
	for t := range fills {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		name := t
		if name == "" {
			name = "untyped"
		}
		data.Legend = append(data.Legend, htmlLegend{Type: name, Fill: fills[t]})
	}
	if g.View == export.Network {
		for _, p := range []string{"asserted", "retained", "denied"} {
			data.Legend = append(data.Legend, htmlLegend{Type: "concession, " + p, Fill: export.PolarityFill(p)})
		}
		if positions {
			for _, k := range []string{"demand", "threat", "offer"} {
				data.Legend = append(data.Legend, htmlLegend{Type: "position, " + k, Fill: export.KindFill(k)})
			}
		}
	}
	// json.Marshal escapes <, > and & as \u003c, \u003e and \u0026, so no
	// text of the graph can close the script element ("</script>") or open
	// a comment ("<!--") in it.
	js, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return buffered(w, func(b *bufio.Writer) {
		title := html.EscapeString(data.Title)
		fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '%s'; style-src '%s'; img-src data:">
<title>%s</title>
<style>%s</style>
</head>
<body>
<header>
<h1 id="title">%s</h1>
<input id="search" type="search" placeholder="Search names, aliases, ids" autocomplete="off" aria-label="Search nodes">
<span id="matches" aria-live="polite"></span>
<button id="fit" type="button">Fit</button>
<span id="counts"></span>
</header>
<main>
<canvas id="view" aria-label="graph drawing"></canvas>
<aside id="info" hidden></aside>
</main>
<footer id="legend"></footer>
<script type="application/json" id="graph-data">`, cspHash(viewerJS), cspHash(viewerCSS), title, viewerCSS, title)
		b.Write(js)
		fmt.Fprintf(b, "</script>\n<script>%s</script>\n</body>\n</html>\n", viewerJS)
	})
}

// cspHash is the Content-Security-Policy source of an inline script or
// style: only the viewer's own code runs, whatever the data holds.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func buffered(w io.Writer, write func(*bufio.Writer)) error {
	b := bufio.NewWriter(w)
	write(b)
	return b.Flush()
}
