package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/rdf"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

func lexicon(t testing.TB) *article.Lexicon {
	t.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

func TestArticlesAreDeterministic(t *testing.T) {
	lex := lexicon(t)
	dirs := []string{t.TempDir(), t.TempDir(), t.TempDir()}
	var g *synth.Articles
	for i, seed := range []uint64{7, 7, 8} {
		var err error
		if g, err = synth.NewArticles(lex, seed); err != nil {
			t.Fatal(err)
		}
		if err := g.WriteDir(dirs[i], 30); err != nil {
			t.Fatal(err)
		}
	}
	same, differ := true, false
	for i := range 30 {
		name := g.Name(i)
		a, b, c := read(t, dirs[0], name), read(t, dirs[1], name), read(t, dirs[2], name)
		same = same && bytes.Equal(a, b)
		differ = differ || !bytes.Equal(a, c)
	}
	if !same {
		t.Error("two runs with the same seed wrote different articles")
	}
	if !differ {
		t.Error("another seed wrote the same articles")
	}
}

func TestArticlesLengthAndVocabulary(t *testing.T) {
	lex := lexicon(t)
	g, err := synth.NewArticles(lex, 1)
	if err != nil {
		t.Fatal(err)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	var measures, denied, bundles int
	for i := range 40 {
		text := g.Article(i)
		if words := len(strings.Fields(string(text))); words < synth.MinWords || words > synth.MaxWords {
			t.Errorf("article %d has %d words, want %d to %d", i, words, synth.MinWords, synth.MaxWords)
		}
		doc, err := article.Parse(g.Name(i), text, lex)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		r := x.Extract(doc)
		measures += len(r.Measures)
		bundles += len(r.Bundles)
		for _, m := range r.Measures {
			if m.Polarity != "asserted" {
				denied++
			}
		}
	}
	// The frames state concessions, their negations and pairings: the
	// extractor must find each kind, or the corpus exercises too little.
	if measures == 0 || denied == 0 || bundles == 0 {
		t.Errorf("40 articles yield %d measures, %d denied or retained, %d bundles; want some of each", measures, denied, bundles)
	}
}

func TestNQuadsAreDeterministicAndWellFormed(t *testing.T) {
	lex := lexicon(t)
	write := func(seed uint64, n int) []byte {
		g, err := synth.NewQuads(lex, seed)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := g.Write(&b, n); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(3, 5000), write(3, 5000)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed wrote different N-Quads")
	}
	if bytes.Equal(a, write(4, 5000)) {
		t.Error("another seed wrote the same N-Quads")
	}
	path := filepath.Join(t.TempDir(), "synth.nq")
	if err := os.WriteFile(path, a, 0o644); err != nil {
		t.Fatal(err)
	}
	quads, err := rdf.ReadFile(path, rdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(quads) != 5000 {
		t.Errorf("read %d quads, want 5000", len(quads))
	}
	docs := map[quad.Value]bool{}
	for _, q := range quads {
		docs[q.Label] = true
		if l, ok := q.Label.(quad.IRI); !ok || !strings.HasPrefix(string(l), "http://tradegraph.org/id/doc/") {
			t.Fatalf("quad %v is not labelled with a document", q)
		}
	}
	if len(docs) < 20 {
		t.Errorf("5000 quads span %d documents, want many", len(docs))
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
