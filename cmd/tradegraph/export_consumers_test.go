package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// These tests read the exports with the programs researchers use: NetworkX,
// Graphviz, Cytoscape.js, xmllint and Chromium. .ci/run installs them; on a
// developer's machine a missing one skips its test, but with CI=true it
// fails it, so a broken install cannot pass unnoticed.

// tool returns the path of a consumer program, or skips (fails under CI).
func tool(t *testing.T, path, install string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (CI=true): .ci/run installs it (%s)", path, install)
		}
		t.Skipf("%s is missing: install %s to run this test (.ci/run does)", path, install)
	}
	return path
}

// nodeModules is the directory holding the npm package cytoscape: the
// TRADEGRAPH_NODE_PATH .ci/run sets, else the cache .ci/run installs into.
func nodeModules(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TRADEGRAPH_NODE_PATH")
	if dir == "" {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, ".cache", "node", "node_modules")
	}
	tool(t, filepath.Join(dir, "cytoscape", "package.json"), "the npm package cytoscape")
	return dir
}

// runTool runs a program and returns its stdout; stderr is the failure.
func runTool(t *testing.T, name string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errs.String())
	}
	return out.String(), errs.String()
}

// exportFile exports the store at db to a file and returns its path.
func exportFile(t *testing.T, db, dir, format string, selection ...string) string {
	t.Helper()
	file := filepath.Join(dir, strings.Join(append([]string{format}, selection...), "_")+"."+format)
	file = strings.NewReplacer(" ", "", "--", "").Replace(file)
	mustRun(t, append([]string{"--db", db, "export", "--format", format, "-o", file}, selection...)...)
	return file
}

// selections are the views and subgraphs every consumer reads.
var selections = [][]string{
	{"--view", "network"},
	{"--view", "full"},
	{"--around", "Malaysia", "--hops", "1"},
	{"--query", "bundles"},
}

const networkxReader = `
import sys
import networkx as nx
from networkx.readwrite.gexf import GEXF
# NetworkX 2.8 (Debian 12) knows GEXF up to 1.2draft; NetworkX 3 reads 1.3
# with this namespace table, which is all that differs for these files.
GEXF.versions["1.3"] = {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
}
kind, path = sys.argv[1], sys.argv[2]
if kind == "graphml":
    g = nx.read_graphml(path)
elif kind == "gexf":
    g = nx.read_gexf(path, version="1.3")
else:
    g = nx.read_gml(path, label="id")
types = {}
for _, data in g.nodes(data=True):
    t = data.get("type", "(none)")
    types[t] = types.get(t, 0) + 1
print(g.number_of_nodes(), g.number_of_edges(), " ".join(sorted("%s=%d" % kv for kv in types.items())))
`

func typeList(types map[string]int64) string {
	var parts []string
	for t, n := range types {
		parts = append(parts, fmt.Sprintf("%s=%d", t, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func TestNetworkXReadsGraphMLGEXFAndGML(t *testing.T) {
	python := tool(t, "/usr/bin/python3", "Debian's python3")
	tool(t, "/usr/lib/python3/dist-packages/networkx", "Debian's python3-networkx")
	db := exportStore(t)
	dir := t.TempDir()
	for _, sel := range selections {
		want := statsOf(t, db, sel...)
		for _, format := range []string{"graphml", "gexf", "gml"} {
			t.Run(format+strings.Join(sel, " "), func(t *testing.T) {
				file := exportFile(t, db, dir, format, sel...)
				out, _ := runTool(t, python, "-c", networkxReader, format, file)
				wantLine := fmt.Sprintf("%d %d %s", want.Nodes, want.Edges, typeList(want.Types))
				if strings.TrimSpace(out) != wantLine {
					t.Errorf("NetworkX read %s as\n%s\nstats --view says\n%s", format, strings.TrimSpace(out), wantLine)
				}
			})
		}
	}
}

func TestXMLLintAcceptsTheXMLFormats(t *testing.T) {
	xmllint := tool(t, "/usr/bin/xmllint", "Debian's libxml2-utils")
	db := exportStore(t)
	dir := t.TempDir()
	for _, format := range []string{"graphml", "gexf", "svg"} {
		for _, sel := range selections[:2] {
			file := exportFile(t, db, dir, format, sel...)
			if _, stderr := runTool(t, xmllint, "--noout", file); stderr != "" {
				t.Errorf("xmllint --noout %s %v: %s", format, sel, stderr)
			}
		}
	}
}

func TestGraphvizRendersTheDOT(t *testing.T) {
	dot := tool(t, "/usr/bin/dot", "Debian's graphviz")
	db := exportStore(t)
	dir := t.TempDir()
	for _, sel := range selections {
		file := exportFile(t, db, dir, "dot", sel...)
		svg := filepath.Join(dir, "out.svg")
		if _, stderr := runTool(t, dot, "-Tsvg", "-o", svg, file); stderr != "" {
			t.Errorf("dot warned on the %v export:\n%s", sel, stderr)
		}
		want := statsOf(t, db, sel...)
		b, err := os.ReadFile(svg)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), `class="node"`); n != want.Nodes {
			t.Errorf("dot drew %d nodes of the %v export, want %d", n, sel, want.Nodes)
		}
		if n := strings.Count(string(b), `class="edge"`); n != want.Edges {
			t.Errorf("dot drew %d edges of the %v export, want %d", n, sel, want.Edges)
		}
	}
}

const cytoscapeReader = `
const fs = require("fs");
const cytoscape = require(process.argv[1] + "/cytoscape");
const doc = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, elements: doc.elements });
const types = {};
cy.nodes().forEach(n => { const t = n.data("type") || "(none)"; types[t] = (types[t] || 0) + 1; });
console.log(cy.nodes().length, cy.edges().length, Object.keys(types).sort().map(t => t + "=" + types[t]).join(" "));
`

func TestCytoscapeLoadsTheCYJS(t *testing.T) {
	node := tool(t, "/usr/bin/node", "Node.js")
	modules := nodeModules(t)
	db := exportStore(t)
	dir := t.TempDir()
	for _, sel := range selections {
		file := exportFile(t, db, dir, "cyjs", sel...)
		out, _ := runTool(t, node, "-e", cytoscapeReader, modules, file)
		want := statsOf(t, db, sel...)
		wantLine := fmt.Sprintf("%d %d %s", want.Nodes, want.Edges, typeList(want.Types))
		if strings.TrimSpace(out) != wantLine {
			t.Errorf("cytoscape loaded the %v export as\n%s\nstats --view says\n%s", sel, strings.TrimSpace(out), wantLine)
		}
	}
}

// chromium runs headless Chromium on a page with a profile of its own.
func chromium(t *testing.T, args ...string) string {
	t.Helper()
	bin := tool(t, "/usr/bin/chromium", "Debian's chromium")
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--window-size=1280,800", "--virtual-time-budget=3000"}
	out, _ := runTool(t, bin, append(flags, args...)...)
	return out
}

func TestHTMLInChromium(t *testing.T) {
	tool(t, "/usr/bin/chromium", "Debian's chromium")
	db := exportStore(t)
	dir := t.TempDir()
	page := exportFile(t, db, dir, "html")

	// The injected article made it into the graph: a measure's evidence
	// carries its <script>.
	var cy struct {
		Elements struct {
			Nodes []struct {
				Data map[string]any `json:"data"`
			} `json:"nodes"`
		} `json:"elements"`
	}
	b, err := os.ReadFile(exportFile(t, db, dir, "cyjs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cy); err != nil {
		t.Fatal(err)
	}
	injected := ""
	for _, n := range cy.Elements.Nodes {
		if ev, _ := n.Data["evidence"].(string); strings.Contains(ev, `<script>document.title="INJECTED"`) {
			injected = n.Data["id"].(string)
			break
		}
	}
	if injected == "" {
		t.Fatal("no node carries the injected article's <script> as evidence: the test would prove nothing")
	}

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(dir, "shot.png")
		chromium(t, "--screenshot="+shot, "file://"+page)
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		bounds := img.Bounds()
		colours := map[uint32]int{}
		inked := 0
		for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
			for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
				r, g, b, _ := img.At(x, y).RGBA()
				colours[(r>>11)<<10|(g>>11)<<5|b>>11]++
				if r < 0xf000 || g < 0xf000 || b < 0xf000 {
					inked++
				}
			}
		}
		share := float64(inked) / float64(bounds.Dx()*bounds.Dy()/4)
		if share < 0.02 || len(colours) < 8 {
			t.Errorf("the page looks blank: %.1f%% drawn on, %d colours", share*100, len(colours))
		}
	})

	t.Run("injected script does not run", func(t *testing.T) {
		dom := chromium(t, "--dump-dom", "file://"+page+"#node="+injected)
		if !strings.Contains(dom, "<title>tradegraph: network view</title>") || strings.Contains(dom, "INJECTED</title>") {
			t.Errorf("the page title changed: %.300s", dom)
		}
		// The evidence text names the attribute too; set, it reads data-injected="yes".
		if strings.Contains(dom, `data-injected="yes"`) {
			t.Error("the article's script ran: it marked the page")
		}
		// The viewer opened the node and shows the evidence as text.
		if !strings.Contains(dom, `<blockquote>Ruritania agreed to reduce tariffs on steel for Freedonia &lt;script&gt;document.title="INJECTED"`) &&
			!strings.Contains(dom, `<blockquote>Ruritania cuts steel tariffs &lt;script&gt;document.title="INJECTED"`) {
			t.Errorf("the panel does not show the evidence as text:\n%s", panelOf(dom))
		}
		if strings.Contains(dom, "<img src=\"x\"") || strings.Contains(dom, "<img src=x") {
			t.Error("the article's <img> became an element")
		}
	})
}

// panelOf is the info panel of a dumped DOM, for failure messages.
func panelOf(dom string) string {
	if i := strings.Index(dom, `<aside id="info"`); i >= 0 {
		dom = dom[i:]
		if j := strings.Index(dom, "</aside>"); j >= 0 {
			return dom[:j+8]
		}
	}
	return dom
}
