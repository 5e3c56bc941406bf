package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract feeds arbitrary text through the whole pipeline: it must not
// panic, and every fact's evidence must be a sentence of the input, found
// at its offset in the cleaned text.
func FuzzExtract(f *testing.F) {
	lex, err := DefaultLexicon()
	if err != nil {
		f.Fatal(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		f.Fatal(err)
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	html, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range append(append(seeds, more...), html...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(filepath.Ext(p), b)
		}
	}
	f.Add(".txt", []byte("The U.S. hasn’t cut tariffs, nor has Japan.\n- In return, the EU will not lift its ban."))
	f.Add(".html", []byte("<html><title>t</title><p>Chile (CL) will <b>not</b> impose export taxes.</p><script>x</script>"))
	f.Add(".md", []byte("---\ntitle: [\n---\n# T\nBrazil keeps its quota."))
	f.Fuzz(func(t *testing.T, ext string, b []byte) {
		if ext != ".txt" && ext != ".md" && ext != ".html" {
			ext = ".txt"
		}
		doc, err := Parse("fuzz"+ext, b, lex)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		r := x.Extract(doc)
		r.ID = "fuzz" + ext
		text := doc.Text()
		for i, s := range r.Sentences {
			if s.Offset < 0 || s.Offset+len(s.Text) > len(text) || text[s.Offset:s.Offset+len(s.Text)] != s.Text {
				t.Fatalf("sentence %d %q is not at offset %d of the text", i, s.Text, s.Offset)
			}
		}
		valid := func(what string, ev []int) {
			if len(ev) == 0 {
				t.Fatalf("%s without evidence", what)
			}
			for _, e := range ev {
				if e < 0 || e >= len(r.Sentences) {
					t.Fatalf("%s cites sentence %d of %d", what, e, len(r.Sentences))
				}
			}
		}
		for _, m := range r.Measures {
			valid("measure "+m.Policy, m.Evidence)
		}
		for _, bd := range r.Bundles {
			valid("bundle", bd.Evidence)
			if len(bd.Members) < 2 {
				t.Fatalf("bundle of %d members", len(bd.Members))
			}
		}
		for _, c := range r.Claims {
			valid("claim", []int{c.Evidence})
		}
		for _, q := range r.Quads() {
			if !q.IsValid() || q.Label == nil {
				t.Fatalf("invalid quad %v", q)
			}
		}
	})
}

// FuzzLexicon feeds arbitrary YAML to the lexicon loader: it must not
// panic, and an error is one line naming the file.
func FuzzLexicon(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "data", "lexicon", "*.yaml"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && len(b) < 20000 {
			f.Add(b)
		}
	}
	f.Add([]byte("instruments:\n  - id: x\n    name: y\n    terms: [a, b]\n"))
	f.Add([]byte("countries: {name: 3}\n"))
	f.Add([]byte("flows:\n  exports: {restrict: nowhere}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var lex Lexicon
		err := lex.add("extra.yaml", b)
		if err == nil {
			err = lex.validate("extra.yaml")
		}
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "extra.yaml") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q: want one line naming the file", msg)
			}
			return
		}
		x, err := NewExtractor(&lex)
		if err != nil {
			t.Fatal(err)
		}
		x.Extract(&Document{Path: "x.txt", Blocks: []Block{{Text: "Japan will cut tariffs on rice."}}})
	})
}
