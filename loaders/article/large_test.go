package article

import (
	"strings"
	"testing"
	"time"
)

// TestExtractLargeParagraph: a megabyte paragraph, as prose or as words
// with no sentence end, is cut into bounded sentences and extracted in time
// linear in its size.
func TestExtractLargeParagraph(t *testing.T) {
	words := strings.Fields("the tariff on steel will be cut by Canada and Japan keeps its quota for rice while exports remain unrestricted")
	var salad strings.Builder
	for i := 0; salad.Len() < MaxBlockBytes-64; i++ {
		salad.WriteString(words[(i*7+i/len(words))%len(words)])
		salad.WriteByte(' ')
	}
	prose := strings.Repeat("Canada will cut its tariffs on Japanese steel. Japan maintains its rice quota, and Kenya may lift its export ban on tea. ", MaxBlockBytes/130)
	for name, text := range map[string]string{"words": salad.String(), "prose": prose} {
		t.Run(name, func(t *testing.T) {
			doc := parse(t, "big.txt", text)
			start := time.Now()
			r := testExtractor.Extract(doc)
			if took := time.Since(start); took > 30*time.Second {
				t.Errorf("extracting %d bytes took %v", len(text), took)
			}
			all := doc.Text()
			for i, s := range r.Sentences {
				if len(s.Tokens) > MaxSentenceTokens {
					t.Fatalf("sentence %d has %d tokens", i, len(s.Tokens))
				}
				if all[s.Offset:s.Offset+len(s.Text)] != s.Text {
					t.Fatalf("sentence %d offset %d does not point at its text", i, s.Offset)
				}
			}
			if len(r.Measures) == 0 {
				t.Error("no measures")
			}
		})
	}
}
