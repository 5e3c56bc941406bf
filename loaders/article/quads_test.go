package article

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/data"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// inputs are the articles of testdata/ and the shipped sample, by name.
func inputs(t *testing.T) map[string]*Document {
	t.Helper()
	docs := map[string]*Document{}
	for _, path := range articles(t) {
		doc, err := ReadFile(path, testExtractor.lex)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(path)] = doc
	}
	samples, err := fs.Glob(data.Articles, "articles/*")
	if err != nil || len(samples) == 0 {
		t.Fatalf("no sample article embedded (%v)", err)
	}
	for _, name := range samples {
		b, err := fs.ReadFile(data.Articles, name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(name, b, testExtractor.lex)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(name)] = doc
	}
	return docs
}

func quadsOf(x *Extractor, doc *Document, id string) []quad.Quad {
	r := x.Extract(doc)
	r.ID = id
	return r.Quads()
}

// TestExtractIsDeterministic: the same article gives the same quads, byte
// for byte, extracted again, by a freshly compiled lexicon, or by many
// goroutines sharing one extractor.
func TestExtractIsDeterministic(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			want := nquadsOf(t, quadsOf(testExtractor, doc, name))
			if got := nquadsOf(t, quadsOf(testExtractor, doc, name)); !bytes.Equal(got, want) {
				t.Errorf("second extraction differs:\n%s\nfirst:\n%s", got, want)
			}
			if got := nquadsOf(t, quadsOf(fresh, doc, name)); !bytes.Equal(got, want) {
				t.Errorf("extraction with a fresh lexicon differs:\n%s\nfirst:\n%s", got, want)
			}
			var wg sync.WaitGroup
			results := make([][]quad.Quad, 8)
			for i := range results {
				wg.Go(func() { results[i] = quadsOf(testExtractor, doc, name) })
			}
			wg.Wait()
			for i, qs := range results {
				if got := nquadsOf(t, qs); !bytes.Equal(got, want) {
					t.Errorf("concurrent extraction %d differs", i)
				}
			}
		})
	}
}

// TestFactsHaveEvidence: every measure, bundle and claim cites at least one
// sentence, and each cited sentence is text of the article.
func TestFactsHaveEvidence(t *testing.T) {
	for name, doc := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			r := testExtractor.Extract(doc)
			text := doc.Text()
			check := func(what string, ev []int) {
				t.Helper()
				if len(ev) == 0 {
					t.Errorf("%s has no evidence", what)
				}
				for _, s := range ev {
					if s < 0 || s >= len(r.Sentences) {
						t.Errorf("%s cites sentence %d of %d", what, s, len(r.Sentences))
						continue
					}
					sent := r.Sentences[s]
					if !strings.Contains(text, sent.Text) || text[sent.Offset:sent.Offset+len(sent.Text)] != sent.Text {
						t.Errorf("%s cites %q, which is not at offset %d of the article", what, sent.Text, sent.Offset)
					}
				}
			}
			for _, m := range r.Measures {
				check("measure "+m.Policy, m.Evidence)
			}
			for _, b := range r.Bundles {
				check("bundle "+b.Basis, b.Evidence)
				if len(b.Members) < 2 {
					t.Errorf("bundle %s has %d members", b.Basis, len(b.Members))
				}
			}
			for _, c := range r.Claims {
				check("claim "+c.Object, []int{c.Evidence})
			}
		})
	}
}

// TestQuadsCarryTheDocument: every quad is labelled with its document, and
// every evidence link leads to a sentence whose text is in the article.
func TestQuadsCarryTheDocument(t *testing.T) {
	for name, doc := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			qs := quadsOf(testExtractor, doc, name)
			label := DocIRI(name)
			texts := map[string]string{}
			for _, q := range qs {
				if q.Label != label {
					t.Errorf("quad %v is labelled %v, want %v", q, q.Label, label)
				}
				if q.Predicate == quad.IRI(vocab.Text) {
					texts[vocab.ValueText(q.Subject)] = vocab.ValueText(q.Object)
				}
			}
			evidence := 0
			for _, q := range qs {
				if q.Predicate != quad.IRI(vocab.Evidence) {
					continue
				}
				evidence++
				s, ok := texts[vocab.ValueText(q.Object)]
				if !ok {
					t.Errorf("evidence %v has no sentence text", q.Object)
				} else if !strings.Contains(doc.Text(), s) {
					t.Errorf("evidence %q is not text of the article", s)
				}
			}
			if evidence == 0 {
				t.Error("no evidence quads")
			}
		})
	}
}
