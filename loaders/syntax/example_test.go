package syntax_test

import (
	"fmt"
	"strings"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// The shipped model splits a sentence into words and gives each its part
// of speech, lemma, head and relation.
func ExampleModel_Parse() {
	m, err := syntax.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	s := m.Parse("Chile agreed to scrap quotas on copper imports.")
	for _, w := range s.Words {
		head := "ROOT"
		if w.Head > 0 {
			head = s.Words[w.Head-1].Form
		}
		fmt.Printf("%-8s %-6s %-7s %s <- %s\n", w.Form, w.UPOS, w.Lemma, w.Deprel, head)
	}
	// Output:
	// Chile    PROPN  Chile   nsubj <- agreed
	// agreed   VERB   agree   root <- ROOT
	// to       PART   to      mark <- scrap
	// scrap    VERB   scrap   xcomp <- agreed
	// quotas   NOUN   quota   obj <- scrap
	// on       ADP    on      case <- imports
	// copper   NOUN   copper  compound <- imports
	// imports  NOUN   import  obl <- scrap
	// .        PUNCT  .       punct <- agreed
}

// Tokenize keeps each word's place in the text; the words of a token such
// as "didn't" are one multiword token.
func ExampleTokenize() {
	s := syntax.Tokenize("Seoul didn't lift the U.S. beef ban.")
	var words []string
	for _, w := range s.Words {
		words = append(words, fmt.Sprintf("%s[%d:%d]", w.Form, w.Start, w.End))
	}
	fmt.Println(strings.Join(words, " "))
	for _, t := range s.MultiWords {
		fmt.Printf("%s = words %d-%d\n", t.Form, t.First, t.Last)
	}
	// Output:
	// Seoul[0:5] did[6:9] n't[9:12] lift[13:17] the[18:21] U.S.[22:26] beef[27:31] ban[32:35] .[35:36]
	// didn't = words 2-3
}
