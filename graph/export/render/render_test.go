package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/export"
)

// hostileGraph is the network view of testdata/hostile.nq, whose texts hold
// markup, script, quotes, backslashes and line breaks.
func hostileGraph(t *testing.T) *export.Graph {
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
	ctx := context.Background()
	st, err := tg.Open(ctx, tg.Config{Backend: tg.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Apply(ctx, tg.Change{Add: quads}); err != nil {
		t.Fatal(err)
	}
	g, err := export.Build(ctx, st, export.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// render writes g as format twice and checks both are the same bytes.
func render(t *testing.T, format string, g *export.Graph) []byte {
	t.Helper()
	var a, b bytes.Buffer
	if err := export.Write(&a, format, g); err != nil {
		t.Fatal(err)
	}
	if err := export.Write(&b, format, g); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("%s differs when written again", format)
	}
	return a.Bytes()
}

func TestSVG(t *testing.T) {
	out := render(t, "svg", hostileGraph(t))
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	texts := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "script" {
				t.Error("the SVG holds a <script> element")
			}
		case xml.CharData:
			texts += string(tok)
		}
	}
	for _, want := range []string{"Ruritania", "<script>alert(1)</script>", "steel quota"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the SVG has no text %q", want)
		}
	}
}

func TestPNG(t *testing.T) {
	out := render(t, "png", hostileGraph(t))
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 200 || b.Dy() < 100 {
		t.Fatalf("the PNG is %dx%d", b.Dx(), b.Dy())
	}
	inked, colours := 0, map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != 0xffff || g != 0xffff || bl != 0xffff {
				inked++
			}
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	// Filled nodes of several colours, not a blank or one-colour picture.
	if share := float64(inked) / float64(b.Dx()*b.Dy()); share < 0.05 {
		t.Errorf("only %.1f%% of the PNG is drawn on", share*100)
	}
	for _, fill := range []string{"#a6cee3", "#fb8072", "#80b1d3"} {
		r, g, bl := hex(fill)
		if !colours[[3]uint32{r, g, bl}] {
			t.Errorf("the PNG has no pixel of the fill %s", fill)
		}
	}
}

func hex(s string) (r, g, b uint32) {
	var n uint32
	for _, c := range s[1:] {
		n = n*16 + uint32(strings.IndexRune("0123456789abcdef", c))
	}
	return n >> 16, n >> 8 & 0xff, n & 0xff
}

func TestHTML(t *testing.T) {
	g := hostileGraph(t)
	page := string(render(t, "html", g))

	// The article's script and markup are nowhere in the page as markup.
	for _, raw := range []string{`<script>document.title`, `<img src=x`, `<script>alert(1)`, `<!-- for`} {
		if strings.Contains(page, raw) {
			t.Errorf("the page holds %q as written", raw)
		}
	}
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("the page has %d <script elements, want 2 (the data and the viewer)", n)
	}

	data := regexp.MustCompile(`(?s)<script type="application/json" id="graph-data">(.*?)</script>`).FindStringSubmatch(page)
	if data == nil {
		t.Fatal("no graph-data block")
	}
	if strings.Contains(data[1], "</") || strings.Contains(data[1], "<!--") {
		t.Error("the data block holds </ or <!--")
	}
	var parsed htmlGraph
	if err := json.Unmarshal([]byte(data[1]), &parsed); err != nil {
		t.Fatal(err)
	}
	if len(parsed.Nodes) != len(g.Nodes) || len(parsed.Edges) != len(g.Edges) {
		t.Errorf("the data has %d nodes and %d edges, want %d and %d", len(parsed.Nodes), len(parsed.Edges), len(g.Nodes), len(g.Edges))
	}
	found := false
	for _, n := range parsed.Nodes {
		found = found || n.Label == `Evil "Quote" \ Backslash <script>alert(1)</script> & Co`
	}
	if !found {
		t.Error("the data lost a label")
	}

	// Only the viewer's own script and style may run: the policy names
	// their hashes, and no other source.
	policy := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if policy == nil {
		t.Fatal("no Content-Security-Policy")
	}
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(page)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	for _, want := range []string{"default-src 'none'", "script-src '" + sha(script[1]) + "'", "style-src '" + sha(style[1]) + "'"} {
		if !strings.Contains(policy[1], want) {
			t.Errorf("the policy %q lacks %q", policy[1], want)
		}
	}
	for _, ref := range []string{"src=", "href=", "@import", "url("} {
		if strings.Contains(script[1]+style[1], ref) {
			t.Errorf("the viewer loads something (%q)", ref)
		}
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func TestTooLargeToDraw(t *testing.T) {
	g := &export.Graph{View: export.Network, NodeAttrs: []export.Attr{{Name: "type"}, {Name: "label"}}}
	for i := 0; i <= MaxNodes; i++ {
		g.Nodes = append(g.Nodes, export.Node{ID: strings.Repeat("n", 1+i%7) + string(rune('a'+i%26)), Values: []string{"", ""}})
	}
	for _, format := range []string{"svg", "png", "html"} {
		err := export.Write(io.Discard, format, g)
		if err == nil || !strings.Contains(err.Error(), "--around") {
			t.Errorf("%s of %d nodes: %v, want an error suggesting a part", format, len(g.Nodes), err)
		}
	}
}
