package article

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testExtractor is the default lexicon compiled once for the package's tests.
var testExtractor = func() *Extractor {
	lex, err := DefaultLexicon()
	if err != nil {
		panic(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		panic(err)
	}
	return x
}()

// articles lists the articles of testdata/.
func articles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, ext := range Extensions {
		m, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no articles in testdata/")
	}
	return out
}

func extractFile(t *testing.T, path string) *Result {
	t.Helper()
	doc, err := ReadFile(path, testExtractor.lex)
	if err != nil {
		t.Fatal(err)
	}
	r := testExtractor.Extract(doc)
	r.ID = filepath.Base(path)
	return r
}

// TestExtractGolden renders what Extract finds in each article of
// testdata/ and compares it with the article's .golden file.
func TestExtractGolden(t *testing.T) {
	for _, path := range articles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got := render(extractFile(t, path))
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("extraction differs from %s (go test -update rewrites it):\n%s", golden, got)
			}
		})
	}
}

// render writes a result the way a reader checks it: the sentences
// numbered, then each actor, measure, bundle and claim citing them.
func render(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", r.Doc.Title)
	if r.Doc.Date != "" {
		fmt.Fprintf(&b, "date: %s\n", r.Doc.Date)
	}
	if r.Doc.Source != "" {
		fmt.Fprintf(&b, "source: %s\n", r.Doc.Source)
	}
	b.WriteString("\nsentences:\n")
	for i, s := range r.Sentences {
		fmt.Fprintf(&b, "  s%d: %s\n", i, s.Text)
	}
	b.WriteString("\nentities:\n")
	for _, e := range r.Entities {
		fmt.Fprintf(&b, "  %s (%s)", e.Name, e.Type)
		if as := e.AliasList(); len(as) > 0 {
			fmt.Fprintf(&b, " aka %s", strings.Join(as, " | "))
		}
		if e.Role != "" {
			fmt.Fprintf(&b, " role=%q", e.Role)
		}
		if e.Org != nil {
			fmt.Fprintf(&b, " of=%s", e.Org.Name)
		}
		b.WriteByte('\n')
	}
	b.WriteString("\nmeasures:\n")
	index := map[*Measure]int{}
	for i, m := range r.Measures {
		index[m] = i + 1
		fmt.Fprintf(&b, "  m%d: %s %s %s", i+1, nameOrDash(m.Grantor), m.Polarity, m.Instrument.Name)
		if m.Sector != "" {
			fmt.Fprintf(&b, " [%s]", m.Sector)
		}
		if m.Beneficiary != nil {
			fmt.Fprintf(&b, " for %s", m.Beneficiary.Name)
		}
		if m.Hedged {
			b.WriteString(" (hedged)")
		}
		fmt.Fprintf(&b, " %s\n      %q", sentenceRefs(m.Evidence), m.Policy)
		if m.Action != "" {
			fmt.Fprintf(&b, " action=%s", m.Action)
		}
		if m.PartOf != nil {
			fmt.Fprintf(&b, " part of %s", m.PartOf.Name)
		}
		b.WriteByte('\n')
	}
	b.WriteString("\nbundles:\n")
	for i, bu := range r.Bundles {
		var ms []string
		for _, m := range bu.Members {
			ms = append(ms, fmt.Sprintf("m%d", index[m]))
		}
		fmt.Fprintf(&b, "  b%d: %s of %s %s\n", i+1, bu.Basis, strings.Join(ms, " + "), sentenceRefs(bu.Evidence))
	}
	b.WriteString("\nclaims:\n")
	for i, c := range r.Claims {
		hedged := ""
		if c.Hedged {
			hedged = " (hedged)"
		}
		fmt.Fprintf(&b, "  c%d: %s%s %q %q %q s%d\n", i+1, c.Polarity, hedged, c.Subject, c.Predicate, c.Object, c.Evidence)
	}
	b.WriteString("\npositions:\n")
	for i, p := range r.Positions {
		fmt.Fprintf(&b, "  p%d: %s %s of %s: %s", i+1, nameOrDash(p.Holder), p.Kind, nameOrDash(p.Addressee), p.Instrument.Name)
		if p.Sector != "" {
			fmt.Fprintf(&b, " [%s]", p.Sector)
		}
		if p.Hedged {
			b.WriteString(" (hedged)")
		}
		fmt.Fprintf(&b, " %s\n      %q\n", sentenceRefs(p.Evidence), p.Policy)
	}
	return b.String()
}

func nameOrDash(e *Entity) string {
	if e == nil {
		return "-"
	}
	return e.Name
}

func sentenceRefs(ev []int) string {
	refs := make([]string, len(ev))
	for i, s := range ev {
		refs[i] = fmt.Sprintf("s%d", s)
	}
	return "(" + strings.Join(refs, ", ") + ")"
}

// nquadsOf writes quads as N-Quads in the order given.
func nquadsOf(t *testing.T, qs []quad.Quad) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := quad.Copy(w, quad.NewReader(qs)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
