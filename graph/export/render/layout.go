// Package render draws export graphs: SVG and PNG pictures and a
// self-contained HTML viewer. Graphviz (github.com/goccy/go-graphviz, a
// WebAssembly build run in-process, so nothing needs installing) lays the
// graph out from its DOT export; the SVG is Graphviz's own, while the PNG
// and the HTML viewer draw Graphviz's drawing operations (its xdot
// instructions, read from its JSON output) themselves. Importing the
// package registers the svg, png and html formats.
package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"

	"github.com/tradegraph/tradegraph/graph/export"
)

// MaxNodes bounds the graphs drawn: Graphviz's layout time grows quickly
// with size, and a picture of more nodes cannot be read anyway.
const MaxNodes = 2500

func init() {
	export.Register(export.Format{Name: "svg", Doc: "an SVG picture, laid out by Graphviz in-process",
		Files: []export.File{{Name: ".svg", Write: writeSVG}}})
	export.Register(export.Format{Name: "png", Doc: "a PNG picture of the same drawing", Binary: true,
		Files: []export.File{{Name: ".png", Write: writePNG}}})
	export.Register(export.Format{Name: "html", Doc: "one self-contained web page to pan, zoom, search and click for evidence (works offline)",
		Files: []export.File{{Name: ".html", Write: writeHTML}}})
}

// graphvizRender lays g out with Graphviz's dot engine and writes it in
// Graphviz's output format (svg, json).
func graphvizRender(g *export.Graph, format string, w io.Writer) error {
	if len(g.Nodes) > MaxNodes {
		return fmt.Errorf("the %s view has %d nodes, more than the %d a picture can show: choose a part with --doc, --around or --query, or use graphml or gexf",
			g.View, len(g.Nodes), MaxNodes)
	}
	var dot bytes.Buffer
	if err := export.Write(&dot, "dot", g); err != nil {
		return err
	}
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	defer gv.Close()
	parsed, err := graphviz.ParseBytes(dot.Bytes())
	if err != nil {
		return fmt.Errorf("graphviz: reading the DOT export: %w", err)
	}
	defer parsed.Close()
	if err := gv.Render(ctx, parsed, graphviz.Format(format), w); err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	return nil
}

func writeSVG(w io.Writer, g *export.Graph) error { return graphvizRender(g, "svg", w) }

// layout is Graphviz's drawing of a graph, from its JSON output.
type layout struct {
	Width, Height float64 // the bounding box, in points
	Graph         []op    // the background
	Nodes         []item  // in the order of g.Nodes
	Edges         []item  // in the order of g.Edges
}

// item is the drawing of a node or an edge.
type item struct {
	X, Y, W, H float64 // nodes: centre and size, in points, y down
	Ops        []op
}

// op is one xdot drawing operation, y down (Graphviz's y points up).
type op struct {
	Op     string      `json:"op"`
	Color  string      `json:"color,omitempty"`
	Style  string      `json:"style,omitempty"`
	Size   float64     `json:"size,omitempty"`
	Face   string      `json:"face,omitempty"`
	Points [][]float64 `json:"points,omitempty"`
	Rect   []float64   `json:"rect,omitempty"`
	Pt     []float64   `json:"pt,omitempty"`
	Align  string      `json:"align,omitempty"`
	Width  float64     `json:"width,omitempty"`
	Text   string      `json:"text,omitempty"`
}

type jsonGraph struct {
	BB      string       `json:"bb"`
	Draw    []op         `json:"_draw_"`
	LDraw   []op         `json:"_ldraw_"`
	Objects []jsonObject `json:"objects"`
	Edges   []jsonObject `json:"edges"`
}

type jsonObject struct {
	Name   string `json:"name"`
	Pos    string `json:"pos"`
	Width  string `json:"width"`
	Height string `json:"height"`
	Draw   []op   `json:"_draw_"`
	LDraw  []op   `json:"_ldraw_"`
	HDraw  []op   `json:"_hdraw_"`
	TDraw  []op   `json:"_tdraw_"`
	Tail   int    `json:"tail"`
	Head   int    `json:"head"`
	GVID   int    `json:"_gvid"`
}

// layoutOf lays g out and returns the drawing, flipped so y points down.
func layoutOf(g *export.Graph) (*layout, error) {
	var out bytes.Buffer
	if err := graphvizRender(g, "json", &out); err != nil {
		return nil, err
	}
	var jg jsonGraph
	if err := json.Unmarshal(out.Bytes(), &jg); err != nil {
		return nil, fmt.Errorf("graphviz: reading its layout: %w", err)
	}
	bb := strings.Split(jg.BB, ",")
	if len(bb) != 4 {
		return nil, fmt.Errorf("graphviz: no bounding box in its layout")
	}
	l := &layout{Width: atof(bb[2]), Height: atof(bb[3])}
	// flip turns y down, and names Bézier curves as xdot does: Graphviz's
	// JSON output swaps them, "B" for a filled curve and "b" for a line.
	flip := func(ops []op) []op {
		for i := range ops {
			o := &ops[i]
			switch o.Op {
			case "B":
				o.Op = "b"
			case "b":
				o.Op = "B"
			}
			for _, p := range o.Points {
				p[1] = l.Height - p[1]
			}
			if len(o.Rect) == 4 {
				o.Rect[1] = l.Height - o.Rect[1]
			}
			if len(o.Pt) == 2 {
				o.Pt[1] = l.Height - o.Pt[1]
			}
		}
		return ops
	}
	l.Graph = flip(append(jg.Draw, jg.LDraw...))
	index := make(map[string]int, len(g.Nodes))
	for i := range g.Nodes {
		index[g.Nodes[i].ID] = i
	}
	l.Nodes = make([]item, len(g.Nodes))
	byGVID := map[int]int{}
	for _, o := range jg.Objects {
		i, ok := index[o.Name]
		if !ok {
			continue
		}
		byGVID[o.GVID] = i
		pos := strings.Split(o.Pos, ",")
		if len(pos) != 2 {
			continue
		}
		l.Nodes[i] = item{X: atof(pos[0]), Y: l.Height - atof(pos[1]), W: atof(o.Width) * 72, H: atof(o.Height) * 72,
			Ops: flip(append(o.Draw, o.LDraw...))}
	}
	// Graphviz lists edges in the order of the DOT file, which is g.Edges'.
	if len(jg.Edges) != len(g.Edges) {
		return nil, fmt.Errorf("graphviz: laid out %d edges of %d", len(jg.Edges), len(g.Edges))
	}
	l.Edges = make([]item, len(g.Edges))
	for i, e := range jg.Edges {
		if byGVID[e.Tail] != g.Edges[i].Source || byGVID[e.Head] != g.Edges[i].Target {
			return nil, fmt.Errorf("graphviz: edge %d joins other nodes than the export's", i)
		}
		ops := append(append(append(e.Draw, e.HDraw...), e.TDraw...), e.LDraw...)
		l.Edges[i] = item{Ops: flip(ops)}
	}
	return l, nil
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f
}
