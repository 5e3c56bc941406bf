package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/export"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// hostileStore is a memory store of testdata/hostile.nq: a small graph of
// every node type whose texts hold markup, quotes, backslashes, line breaks
// and spreadsheet formulas.
func hostileStore(t testing.TB) *tg.Store {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "hostile.nq"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	quads, err := quad.ReadAll(nquads.NewReader(f, false))
	if err != nil {
		t.Fatal(err)
	}
	st, err := tg.Open(context.Background(), tg.Config{Backend: tg.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Apply(context.Background(), tg.Change{Add: quads}); err != nil {
		t.Fatal(err)
	}
	return st
}

func build(t testing.TB, st *tg.Store, sel export.Selection) *export.Graph {
	t.Helper()
	g, err := export.Build(context.Background(), st, sel)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// edgeList is a graph's edges as "source -relation-> target" lines.
func edgeList(g *export.Graph) []string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, fmt.Sprintf("%s -%s-> %s", g.Nodes[e.Source].ID, e.Label, g.Nodes[e.Target].ID))
	}
	return out
}

func TestNetworkView(t *testing.T) {
	g := build(t, hostileStore(t), export.Selection{})
	want := []string{
		"country/evil -grants-> doc/hostile.txt#m2",
		"country/evil -holds-> doc/hostile.txt#p1",
		"country/ruritania -grants-> doc/hostile.txt#m1",
		"doc/hostile.txt#m1 -benefits-> firm-group/at-firms",
		"doc/hostile.txt#m1 -concerns-> policy/tariff/steel",
		"doc/hostile.txt#m1 -member-of-> doc/hostile.txt#b1",
		"doc/hostile.txt#m2 -benefits-> country/ruritania",
		"doc/hostile.txt#m2 -member-of-> doc/hostile.txt#b1",
		"doc/hostile.txt#p1 -addresses-> country/ruritania",
		"doc/hostile.txt#p1 -concerns-> policy/tariff/steel",
		"person/jane-roe -member-of-> agency/trade-office",
		"policy/tariff/steel -in-sector-> sector/steel",
	}
	if got := edgeList(g); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c := g.Counts()
	wantTypes := map[string]int64{"agency": 1, "bundle": 1, "concession": 2, "country": 2, "firm_group": 1, "person": 1, "policy": 1,
		"position": 1, "sector": 1}
	if c.Nodes != 11 || fmt.Sprint(c.Types) != fmt.Sprint(wantTypes) {
		t.Errorf("counts %+v, want 11 nodes of %v", c, wantTypes)
	}

	m1 := node(t, g, "doc/hostile.txt#m1")
	for attr, want := range map[string]string{
		"type": "concession", "label": "-cmd|' /C calc'!A0 tariffs", "polarity": "denied", "action": "cut",
		"hedged": "false", "instrument": "tariff", "mast": "Tariff", "sector": "steel", "documents": "hostile.txt",
		// Sentences in text order (by offset), one per line.
		"evidence": "Line one\nline two & <img src=x onerror=alert(1)>\n" +
			`Ruritania will not cut tariffs </script><script>document.title="pwned"</script><!-- for "Evil" \ firms.`,
	} {
		if got := g.NodeAttr(m1, attr); got != want {
			t.Errorf("measure %s = %q, want %q", attr, got, want)
		}
	}
	p1 := node(t, g, "doc/hostile.txt#p1")
	for attr, want := range map[string]string{
		"type": "position", "label": "=retaliate on <b>steel</b>", "kind": "threat", "polarity": "", "hedged": "true",
		"instrument": "tariff", "sector": "steel", "documents": "hostile.txt",
		"evidence": `Ruritania will not cut tariffs </script><script>document.title="pwned"</script><!-- for "Evil" \ firms.`,
	} {
		if got := g.NodeAttr(p1, attr); got != want {
			t.Errorf("position %s = %q, want %q", attr, got, want)
		}
	}
	if got := g.NodeAttr(m1, "kind"); got != "" {
		t.Errorf("a measure has kind %q", got)
	}
	if got := g.NodeAttr(node(t, g, "doc/hostile.txt#m2"), "hedged"); got != "true" {
		t.Errorf("a hedged measure has hedged=%q", got)
	}
	if got := g.NodeAttr(node(t, g, "person/jane-roe"), "role"); got != "+Minister" {
		t.Errorf("person role = %q", got)
	}
	// A canonical node two documents state lists both.
	if got := g.NodeAttr(node(t, g, "policy/tariff/steel"), "documents"); got != "hostile.txt; other.txt" {
		t.Errorf("policy documents = %q", got)
	}
}

func node(t *testing.T, g *export.Graph, id string) *export.Node {
	t.Helper()
	for i := range g.Nodes {
		if g.Nodes[i].ID == id {
			return &g.Nodes[i]
		}
	}
	t.Fatalf("no node %s", id)
	return nil
}

// The full view has the store's nodes (distinct subjects and objects) and
// one edge per quad, as 'stats' counts them.
func TestFullViewMatchesStats(t *testing.T) {
	st := hostileStore(t)
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g := build(t, st, export.Selection{View: export.Full})
	if int64(len(g.Nodes)) != s.Nodes || int64(len(g.Edges)) != s.Quads {
		t.Errorf("full view: %d nodes, %d edges; the store has %d nodes, %d quads", len(g.Nodes), len(g.Edges), s.Nodes, s.Quads)
	}
	quads, err := st.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := g.Quads()
	tg.SortQuads(got)
	if fmt.Sprint(got) != fmt.Sprint(quads) {
		t.Errorf("the full view's quads differ from the store's")
	}
}

// id is the node of a short id.
func id(short string) quad.Value { return quad.IRI(vocab.IDBase + short) }

func TestSelections(t *testing.T) {
	st := hostileStore(t)
	for _, tc := range []struct {
		name  string
		sel   export.Selection
		nodes []string
	}{
		{"around, 0 hops", export.Selection{Around: id("country/ruritania"), Hops: 0}, []string{"country/ruritania"}},
		{"around, 1 hop", export.Selection{Around: id("country/ruritania"), Hops: 1},
			[]string{"country/ruritania", "doc/hostile.txt#m1", "doc/hostile.txt#m2", "doc/hostile.txt#p1"}},
		{"around, 2 hops", export.Selection{Around: id("person/jane-roe"), Hops: 2}, []string{"agency/trade-office", "person/jane-roe"}},
		{"bundles", export.Selection{Query: export.QueryBundles}, []string{"doc/hostile.txt#b1", "doc/hostile.txt#m1", "doc/hostile.txt#m2"}},
		{"doc", export.Selection{Doc: "other.txt"}, []string{"country/ruritania", "policy/tariff/steel", "sector/steel"}},
		{"doc by IRI", export.Selection{Doc: vocab.IDBase + "doc/other.txt"}, []string{"country/ruritania", "policy/tariff/steel", "sector/steel"}},
		{"full bundles", export.Selection{View: export.Full, Query: export.QueryBundles},
			[]string{"<http://tradegraph.org/id/doc/hostile.txt#b1>", "<http://tradegraph.org/id/doc/hostile.txt#m1>", "<http://tradegraph.org/id/doc/hostile.txt#m2>"}},
		// In the full view a walk does not pass through literals or classes:
		// "denied" and tg:Concession would join every measure to every other.
		// Here tg:Agency, at one hop, leads no further.
		{"full around", export.Selection{View: export.Full, Around: id("agency/trade-office"), Hops: 2}, []string{
			`"+Minister"`, `"Jane Roe"`, `"Trade Office"`, "<http://tradegraph.org/id/agency/trade-office>",
			"<http://tradegraph.org/id/person/jane-roe>", "<http://tradegraph.org/ns#Agency>", "<http://tradegraph.org/ns#Person>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := build(t, st, tc.sel)
			var got []string
			for _, n := range g.Nodes {
				got = append(got, n.ID)
			}
			if strings.Join(got, " ") != strings.Join(tc.nodes, " ") {
				t.Errorf("nodes %q, want %q", got, tc.nodes)
			}
			for _, e := range g.Edges {
				if e.Source >= len(g.Nodes) || e.Target >= len(g.Nodes) {
					t.Fatalf("edge %v points outside the subgraph", e)
				}
			}
		})
	}
}

func TestSelectionErrors(t *testing.T) {
	st := hostileStore(t)
	for _, tc := range []struct {
		sel      export.Selection
		notFound bool
		msg      string
	}{
		{export.Selection{View: "pretty"}, false, `unknown view "pretty"`},
		{export.Selection{Query: "claims"}, false, `unknown query "claims"`},
		{export.Selection{Around: id("country/ruritania"), Hops: -1}, false, "hops must be 0 or more"},
		{export.Selection{Doc: "missing.txt"}, true, `no document "missing.txt"`},
		{export.Selection{Around: id("instrument/tariff")}, true, "--around instrument/tariff: not a node of the network view"},
	} {
		_, err := export.Build(context.Background(), st, tc.sel)
		if err == nil || !strings.Contains(err.Error(), tc.msg) || errors.Is(err, export.ErrNotFound) != tc.notFound {
			t.Errorf("Build(%+v) = %v, want an error with %q (not found: %v)", tc.sel, err, tc.msg, tc.notFound)
		}
	}
}

// writeAll writes g in format f, its files concatenated.
func writeAll(t *testing.T, f *export.Format, g *export.Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, file := range f.Files {
		if err := file.Write(&b, g); err != nil {
			t.Fatalf("%s %s: %v", f.Name, file.Name, err)
		}
	}
	return b.Bytes()
}

// textFormats are the formats of this package; svg, png and html are
// tested in package render.
var textFormats = []string{"csv", "cyjs", "dot", "gexf", "gml", "graphml", "jsonld", "neo4j", "nquads"}

// TestFormats is the suite every format passes: golden output for the
// hostile graph, the same bytes when written again, and a file its kind of
// reader accepts with every text intact.
func TestFormats(t *testing.T) {
	st := hostileStore(t)
	network := build(t, st, export.Selection{})
	full := build(t, st, export.Selection{View: export.Full})
	for _, name := range textFormats {
		t.Run(name, func(t *testing.T) {
			f := export.ByName(name)
			if f == nil {
				t.Fatalf("format %s is not registered", name)
			}
			g := network
			if f.RDF {
				g = full
			}
			out := writeAll(t, f, g)
			if again := writeAll(t, f, build(t, st, export.Selection{View: g.View})); !bytes.Equal(out, again) {
				t.Errorf("%s differs when written again", name)
			}
			golden(t, "hostile."+name, out)
			checkReadable(t, f, g)
		})
	}
}

// checkReadable reads each file back with a parser of its kind and checks
// the hostile texts came through whole and inert.
func checkReadable(t *testing.T, f *export.Format, g *export.Graph) {
	label := `Evil "Quote" \ Backslash <script>alert(1)</script> & Co`
	for _, file := range f.Files {
		var b bytes.Buffer
		if err := file.Write(&b, g); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		switch f.Name {
		case "graphml", "gexf":
			found := false
			dec := xml.NewDecoder(&b)
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
				switch tok := tok.(type) {
				case xml.CharData:
					found = found || string(tok) == label
				case xml.StartElement:
					if tok.Name.Local == "script" {
						t.Errorf("%s holds a <script> element", f.Name)
					}
					for _, a := range tok.Attr {
						found = found || a.Value == label
					}
				}
			}
			if !found {
				t.Errorf("%s lost the label %q", f.Name, label)
			}
		case "cyjs", "jsonld":
			var v any
			if err := json.Unmarshal(b.Bytes(), &v); err != nil {
				t.Fatalf("%s is not JSON: %v", f.Name, err)
			}
			if f.Name == "cyjs" && !strings.Contains(fmt.Sprint(v), "name:"+label) {
				t.Errorf("cyjs lost the label %q", label)
			}
		case "csv", "neo4j":
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatalf("%s %s is not CSV: %v", f.Name, file.Name, err)
			}
			for _, row := range rows[1:] {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
						t.Errorf("%s %s: cell %q would run as a formula", f.Name, file.Name, cell)
					}
				}
			}
		case "dot":
			if !strings.Contains(text, `label="Evil \"Quote\" \\ Backslash\n<script>alert(1)</script>\n& Co"`) {
				t.Errorf("dot does not quote the label as expected:\n%s", text)
			}
		case "gml":
			for i, r := range text {
				if r > 0x7e || (r < 0x20 && r != '\n') {
					t.Fatalf("gml holds %q at %d: GML is 7-bit ASCII", r, i)
				}
			}
			if !strings.Contains(text, `label "Evil &quot;Quote&quot; \ Backslash <script>alert(1)</script> &amp; Co"`) {
				t.Errorf("gml does not escape the label as expected")
			}
		case "nquads":
			quads, err := quad.ReadAll(nquads.NewReader(&b, false))
			if err != nil || len(quads) != len(g.Edges) {
				t.Errorf("nquads reads back as %d quads (%v), want %d", len(quads), err, len(g.Edges))
			}
		}
	}
}

func TestRDFFormatsNeedTheFullView(t *testing.T) {
	g := build(t, hostileStore(t), export.Selection{})
	for _, name := range []string{"nquads", "jsonld"} {
		if err := export.Write(io.Discard, name, g); err == nil || !strings.Contains(err.Error(), "full view") {
			t.Errorf("%s of the network view: %v, want an error naming the full view", name, err)
		}
	}
}

func TestRegistry(t *testing.T) {
	names := export.FormatNames()
	if !sort.StringsAreSorted(names) {
		t.Errorf("FormatNames not sorted: %v", names)
	}
	for _, name := range textFormats {
		if export.ByName(strings.ToUpper(name)) == nil {
			t.Errorf("ByName(%q) is nil", strings.ToUpper(name))
		}
	}
	if err := export.Write(io.Discard, "csv", &export.Graph{}); err == nil {
		t.Error("Write of a two-file format to one writer succeeded")
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a format twice did not panic")
		}
	}()
	export.Register(export.Format{Name: "dot"})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

// A position is a node of its own type and style in every format, joined
// to its holder, its addressee and its policy: threat p1 of Evil toward
// Ruritania on steel tariffs.
func TestPositionsInEveryFormat(t *testing.T) {
	st := hostileStore(t)
	network := build(t, st, export.Selection{})
	full := build(t, st, export.Selection{View: export.Full})
	if s := network.Style(node(t, network, "doc/hostile.txt#p1")); s.Shape != "parallelogram" || s.Fill != "#e7298a" {
		t.Errorf("a threat is drawn %+v, want a parallelogram filled #e7298a", s)
	}
	if s := full.Style(node(t, full, "<http://tradegraph.org/id/doc/hostile.txt#p1>")); s.Shape != "parallelogram" {
		t.Errorf("in the full view a position is drawn %+v, want a parallelogram", s)
	}
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"dot", []string{
			`"doc/hostile.txt#p1" [label="=retaliate on\n<b>steel</b>", shape=parallelogram, style="filled", fillcolor="#e7298a"`,
			`type="position"`, `kind="threat"`,
			`"country/evil" -> "doc/hostile.txt#p1" [label="holds"`,
			`"doc/hostile.txt#p1" -> "country/ruritania" [label="addresses"`,
			`"doc/hostile.txt#p1" -> "policy/tariff/steel" [label="concerns"`,
		}},
		{"graphml", []string{
			"<node id=\"doc/hostile.txt#p1\">\n      <data key=\"n0\">position</data>",
			`<y:Shape type="parallelogram"/>`,
			`<edge id="e1" source="country/evil" target="doc/hostile.txt#p1">`,
			`<edge id="e8" source="doc/hostile.txt#p1" target="country/ruritania">`,
		}},
		{"gexf", []string{
			`<attribute id="14" title="kind" type="string"/>`,
			`<attvalue for="0" value="position"/>`, `<attvalue for="14" value="threat"/>`, `<viz:color r="231" g="41" b="138"/>`,
			`source="country/evil" target="doc/hostile.txt#p1" label="holds"`,
			`source="doc/hostile.txt#p1" target="country/ruritania" label="addresses"`,
		}},
		{"cyjs", []string{
			`"id":"doc/hostile.txt#p1"`, `"kind":"threat"`, `"type":"position"`,
			`"interaction":"holds","relation":"holds","source":"country/evil","target":"doc/hostile.txt#p1"`,
			`"interaction":"addresses","relation":"addresses","source":"doc/hostile.txt#p1","target":"country/ruritania"`,
		}},
		{"neo4j", []string{"doc/hostile.txt#p1,Position,position,", "country/evil,doc/hostile.txt#p1,HOLDS,holds"}},
		{"nquads", []string{
			"<http://tradegraph.org/id/doc/hostile.txt#p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://tradegraph.org/ns#Position>",
			"<http://tradegraph.org/id/doc/hostile.txt#p1> <http://tradegraph.org/ns#holder> <http://tradegraph.org/id/country/evil>",
		}},
		{"jsonld", []string{`"@id":"http://tradegraph.org/id/doc/hostile.txt#p1","@type":["http://tradegraph.org/ns#Position"]`}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			f := export.ByName(tc.format)
			g := network
			if f.RDF {
				g = full
			}
			out := string(writeAll(t, f, g))
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("%s lacks %s", tc.format, w)
				}
			}
		})
	}
}
