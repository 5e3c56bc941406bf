package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
)

func init() {
	Register(Format{Name: "cyjs", Doc: "Cytoscape.js elements JSON, for Cytoscape and Cytoscape.js",
		Files: []File{{Name: ".cyjs", Write: writeCYJS}}})
}

// writeCYJS writes the JSON Cytoscape desktop imports and Cytoscape.js
// takes as its elements: node data carries id, name and the attributes,
// edge data id, source, target, interaction and the attributes.
func writeCYJS(w io.Writer, g *Graph) error {
	return buffered(w, func(b *bufio.Writer) error {
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		b.WriteString("{\n  \"format_version\": \"1.0\",\n  \"generated_by\": \"tradegraph\",\n  \"target_cytoscapejs_version\": \"~3\",\n")
		b.WriteString("  \"data\": ")
		if err := enc.Encode(map[string]string{"name": "tradegraph " + g.View + " view", "view": g.View}); err != nil {
			return err
		}
		b.WriteString(",\n  \"elements\": {\n    \"nodes\": [")
		for i := range g.Nodes {
			n := &g.Nodes[i]
			data := attrMap(g.NodeAttrs, n.Values)
			data["id"], data["name"] = n.ID, n.Label()
			if err := writeElement(b, enc, i, data); err != nil {
				return err
			}
		}
		b.WriteString("\n    ],\n    \"edges\": [")
		for i, e := range g.Edges {
			data := attrMap(g.EdgeAttrs, e.Values)
			data["id"], data["source"], data["target"] = edgeID(i), g.Nodes[e.Source].ID, g.Nodes[e.Target].ID
			data["interaction"] = e.Label
			if err := writeElement(b, enc, i, data); err != nil {
				return err
			}
		}
		b.WriteString("\n    ]\n  }\n}\n")
		return nil
	})
}

func writeElement(b *bufio.Writer, enc *json.Encoder, i int, data map[string]any) error {
	if i > 0 {
		b.WriteByte(',')
	}
	b.WriteString("\n      {\"data\": ")
	// Encode ends with a newline; the keys of a map come out sorted.
	if err := enc.Encode(data); err != nil {
		return err
	}
	b.WriteString("      }")
	return nil
}

// edgeID names edge i. Cytoscape wants ids unique among nodes and edges
// together; node ids are IRIs or terms, which hold a '/', ':' or quote.
func edgeID(i int) string { return "e" + strconv.Itoa(i) }

// attrMap is the non-empty attribute values, typed for JSON.
func attrMap(attrs []Attr, values []string) map[string]any {
	m := make(map[string]any, len(values)+3)
	for i, a := range attrs {
		v := values[i]
		if v == "" {
			continue
		}
		switch a.Type {
		case Boolean:
			m[a.Name] = v == "true"
		default:
			m[a.Name] = v
		}
	}
	return m
}
