package syntax

import (
	"strings"
	"testing"
)

// annotateText is trade news of the usual length and shape, written for the
// benchmarks: names, numbers, clitics, quotes and long sentences.
var annotateText = []string{
	"The European Union said on Monday it would cut tariffs on Japanese cars to 4.5% from 10% over the next three years, provided Tokyo opens its rice market.",
	"Japan's trade ministry didn't comment, but officials in Tokyo said the offer fell short of what the U.S. had demanded in talks last month.",
	"\"We will not accept quotas on our steel exports,\" Trade Minister Ana Ruiz told reporters in Brasilia, adding that Brazil was ready to file a complaint with the World Trade Organization.",
	"Shares of Lynas Corp rose 3.2 percent after the company won a licence to process rare earths in Malaysia until 2030.",
	"Washington has threatened to impose sanctions worth $300 million on South Korean electronics if Seoul does not lift its curbs on American beef by March 1.",
	"The agreement, which still needs the approval of both parliaments, would phase out duties on about 90 percent of the goods the two countries trade.",
	"Analysts said the move was unlikely to narrow the deficit soon.",
	"Canada and Mexico agreed to scrap export subsidies on wheat and to ease restrictions on foreign investment in banking, insurance and telecommunications.",
}

func BenchmarkAnnotate(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := make([]Sentence, len(annotateText))
	words := 0
	for i, text := range annotateText {
		sents[i] = Tokenize(text)
		words += len(sents[i].Words)
	}
	b.ResetTimer()
	for range b.N {
		for i := range sents {
			m.Annotate(&sents[i])
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkParseText(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	bytes := len(strings.Join(annotateText, " "))
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for range b.N {
		for _, text := range annotateText {
			m.Parse(text)
		}
	}
}

func BenchmarkLoadModel(b *testing.B) {
	for range b.N {
		if _, err := readDefault(); err != nil {
			b.Fatal(err)
		}
	}
}
