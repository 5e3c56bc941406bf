package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/syntax"
)

type parseOptions struct {
	CoNLLU   bool
	Lexicons []string
	g        *globalOptions
	// model is the syntactic model, loaded on first use
	model func() (*syntax.Model, error)
}

func newParseCmd(g *globalOptions) *cobra.Command {
	o := &parseOptions{g: g, model: syntax.Default}
	cmd := &cobra.Command{
		Use:   "parse FILE|-",
		Short: "Show what the syntactic layer makes of an article: words, tags, lemmas, heads, relations",
		Long: `Parse reads an article as build does (text, Markdown or HTML by its extension;
"-" reads plain text from stdin), splits it into the same sentences, and
prints each sentence's words with their part of speech (UPOS and XPOS),
lemma, head and Universal Dependencies relation.

--conllu prints CoNLL-U instead: one block a sentence with "# sent_id" and
"# text" lines and the 10 columns; MISC holds SpaceAfter=No and
TokenRange=START:END, the byte offsets of the token in the article's
cleaned text (what "tradegraph build" stores as the sentence's text).
--json prints the sentences as a JSON array.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error { return runParse(o, a[0]) },
	}
	cmd.Flags().BoolVar(&o.CoNLLU, "conllu", false, "print CoNLL-U")
	cmd.Flags().StringArrayVar(&o.Lexicons, "lexicon", nil, "a YAML lexicon file to add to the default one (repeatable), as for build")
	return cmd
}

// parsedSentence is a sentence of the article with its parse.
type parsedSentence struct {
	Number int          `json:"sentence"`
	Offset int          `json:"offset"` // in the cleaned text
	Text   string       `json:"text"`
	Words  []parsedWord `json:"words"`
	syntax syntax.Sentence
}

type parsedWord struct {
	ID     int    `json:"id"`
	Form   string `json:"form"`
	Lemma  string `json:"lemma"`
	UPOS   string `json:"upos"`
	XPOS   string `json:"xpos"`
	Head   int    `json:"head"`
	Deprel string `json:"deprel"`
	Start  int    `json:"start"` // byte offsets in the cleaned text
	End    int    `json:"end"`
}

func runParse(o *parseOptions, path string) error {
	if o.CoNLLU && o.g.JSON {
		return usageError{fmt.Errorf("--conllu and --json: choose one")}
	}
	lex, err := article.LoadLexicon(o.Lexicons...)
	if err != nil {
		return err
	}
	var doc *article.Document
	if path == "-" {
		b, err := io.ReadAll(io.LimitReader(o.g.IO.In, article.MaxArticleBytes+1))
		if err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		if len(b) > article.MaxArticleBytes {
			return fmt.Errorf("stdin: larger than %d MB; not an article", article.MaxArticleBytes>>20)
		}
		if doc, err = article.Parse("stdin.txt", b, lex); err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
	} else if doc, err = article.ReadFile(path, lex); err != nil {
		return err
	}
	m, err := o.model()
	if err != nil {
		return err
	}
	var out []parsedSentence
	for i, s := range article.Segment(doc, lex) {
		ps := parsedSentence{Number: i + 1, Offset: s.Offset, Text: s.Text, syntax: m.Parse(s.Text)}
		for _, w := range ps.syntax.Words {
			ps.Words = append(ps.Words, parsedWord{
				ID: w.ID, Form: w.Form, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS,
				Head: w.Head, Deprel: w.Deprel, Start: s.Offset + w.Start, End: s.Offset + w.End,
			})
		}
		out = append(out, ps)
	}
	switch {
	case o.g.JSON:
		if out == nil {
			out = []parsedSentence{}
		}
		return o.g.printJSON(out)
	case o.CoNLLU:
		return writeCoNLLU(o.g.IO.Out, out)
	}
	return writeParses(o.g.IO.Out, out)
}

// writeCoNLLU writes the sentences as CoNLL-U, with the tokens' offsets in
// the cleaned text.
func writeCoNLLU(w io.Writer, sents []parsedSentence) error {
	blocks := make([]syntax.Sentence, len(sents))
	for i, ps := range sents {
		s := ps.syntax
		s.Comments = []string{"sent_id = " + strconv.Itoa(ps.Number), "text = " + ps.Text}
		s.Words = append([]syntax.Word(nil), s.Words...)
		s.MultiWords = append([]syntax.MultiWord(nil), s.MultiWords...)
		inToken := make([]bool, len(s.Words)+1)
		for k, mw := range s.MultiWords {
			for id := mw.First; id <= mw.Last; id++ {
				inToken[id] = true
			}
			start, end := s.Words[mw.First-1].Start, s.Words[mw.Last-1].End
			s.MultiWords[k].Misc = addMisc(mw.Misc, tokenRange(ps.Offset, start, end))
		}
		for k := range s.Words {
			wd := &s.Words[k]
			if !inToken[wd.ID] {
				wd.Misc = addMisc(wd.Misc, tokenRange(ps.Offset, wd.Start, wd.End))
			}
		}
		blocks[i] = s
	}
	return syntax.WriteCoNLLU(w, blocks)
}

func tokenRange(off, start, end int) string {
	return "TokenRange=" + strconv.Itoa(off+start) + ":" + strconv.Itoa(off+end)
}

func addMisc(misc, item string) string {
	if misc == "" || misc == "_" {
		return item
	}
	return misc + "|" + item
}

// writeParses writes each sentence as a table a person can read.
func writeParses(w io.Writer, sents []parsedSentence) error {
	bw := bufio.NewWriter(w)
	for i, ps := range sents {
		if i > 0 {
			bw.WriteByte('\n')
		}
		fmt.Fprintf(bw, "sentence %d (bytes %d-%d): %s\n", ps.Number, ps.Offset, ps.Offset+len(ps.Text), ps.Text)
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  ID\tFORM\tLEMMA\tUPOS\tXPOS\tHEAD\tDEPREL")
		for _, wd := range ps.Words {
			head := "0 (root)"
			if wd.Head > 0 {
				head = strconv.Itoa(wd.Head) + " " + ps.Words[wd.Head-1].Form
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, wd.Lemma, wd.UPOS, wd.XPOS, head, wd.Deprel)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return bw.Flush()
}
