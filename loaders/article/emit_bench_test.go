package article_test

import (
	"fmt"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// results extracts n synthetic articles.
func results(b *testing.B, n int) []*article.Result {
	b.Helper()
	lex, err := article.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	g, err := synth.NewArticles(lex, 1)
	if err != nil {
		b.Fatal(err)
	}
	x, err := article.NewExtractor(lex)
	if err != nil {
		b.Fatal(err)
	}
	rs := make([]*article.Result, n)
	for i := range rs {
		doc, err := article.Parse(fmt.Sprintf("article-%d.txt", i), g.Article(i), lex)
		if err != nil {
			b.Fatal(err)
		}
		rs[i] = x.Extract(doc)
		rs[i].ID = doc.Path
	}
	return rs
}

// BenchmarkQuads measures turning the result of an extraction into quads.
func BenchmarkQuads(b *testing.B) {
	rs := results(b, 100)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rs[i%len(rs)].Quads()
	}
}
