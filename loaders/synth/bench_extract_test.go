package synth_test

import (
	"testing"

	"github.com/tradegraph/tradegraph/loaders/article"
)

// BenchmarkExtractFacts measures Parse and Extract alone, without turning
// the facts into quads, in MB/s of article text on one core.
func BenchmarkExtractFacts(b *testing.B) {
	lex, texts, size := corpus(b, 100)
	x := extractor(b, lex)
	b.SetBytes(size / int64(len(texts)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		doc, err := article.Parse("article.txt", texts[i%len(texts)], lex)
		if err != nil {
			b.Fatal(err)
		}
		x.Extract(doc)
	}
}
