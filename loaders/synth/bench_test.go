package synth_test

import (
	"sync/atomic"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/synth"
)

// corpus is n synthetic articles and their total size.
func corpus(b *testing.B, n int) (*article.Lexicon, [][]byte, int64) {
	b.Helper()
	lex := lexicon(b)
	g, err := synth.NewArticles(lex, 1)
	if err != nil {
		b.Fatal(err)
	}
	texts := make([][]byte, n)
	var size int64
	for i := range texts {
		texts[i] = g.Article(i)
		size += int64(len(texts[i]))
	}
	return lex, texts, size
}

// extract is what build does with an article once it is read: clean it,
// extract its facts and turn them into quads.
func extract(b *testing.B, x *article.Extractor, lex *article.Lexicon, text []byte) int {
	doc, err := article.Parse("article.txt", text, lex)
	if err != nil {
		b.Fatal(err)
	}
	r := x.Extract(doc)
	r.ID = "article.txt"
	return len(r.Quads())
}

// BenchmarkExtract measures extraction on one core, in MB/s of article text.
func BenchmarkExtract(b *testing.B) {
	lex, texts, size := corpus(b, 100)
	x := extractor(b, lex)
	b.SetBytes(size / int64(len(texts)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		extract(b, x, lex, texts[i%len(texts)])
	}
}

// BenchmarkExtractAllCores measures extraction on every core at once
// (GOMAXPROCS goroutines sharing one Extractor, as build does).
func BenchmarkExtractAllCores(b *testing.B) {
	lex, texts, size := corpus(b, 100)
	x := extractor(b, lex)
	b.SetBytes(size / int64(len(texts)))
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			extract(b, x, lex, texts[next.Add(1)%int64(len(texts))])
		}
	})
}

func extractor(b *testing.B, lex *article.Lexicon) *article.Extractor {
	x, err := article.NewExtractor(lex)
	if err != nil {
		b.Fatal(err)
	}
	return x
}
