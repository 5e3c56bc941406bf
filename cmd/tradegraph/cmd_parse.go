package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/loaders/article"
	"github.com/tradegraph/tradegraph/loaders/syntax"
)

type parseOptions struct {
	CoNLLU   bool
	AsBuilt  bool
	Lexicons []string
	g        *globalOptions
	// model is the syntactic model, loaded on first use
	model func() (*syntax.Model, error)
	lex   *article.Lexicon
	x     *article.Extractor // with --as-built, made on first use
}

func newParseCmd(g *globalOptions) *cobra.Command {
	o := &parseOptions{g: g, model: syntax.Default}
	cmd := &cobra.Command{
		Use:   "parse PATH...|-",
		Short: "Show what the syntactic layer makes of an article: words, tags, lemmas, heads, relations",
		Long: `Parse reads articles as build does (files, or directories walked for
.txt, .md and .html files; "-" reads plain text from stdin), splits them into
the same sentences, and prints each sentence's words with their part of
speech (UPOS and XPOS), lemma, head and Universal Dependencies relation.
With several articles each starts with an "article PATH" line (in CoNLL-U a
"# newdoc id = PATH" line, and sentence ids PATH-N); an article that cannot
be read is reported on stderr, the others are parsed, and the exit code is 1.

--conllu prints CoNLL-U instead: one block a sentence with "# sent_id" and
"# text" lines and the 10 columns; MISC holds SpaceAfter=No and
TokenRange=START:END, the byte offsets of the token in the article's
cleaned text (what "tradegraph build" stores as the sentence's text).
--json prints the sentences as a JSON array, each with its article's path.

--as-built shows what build reads facts from instead of the parser's own
reading: the actors each sentence names (the lexicon's and those the
article introduces), their names tagged as proper nouns, wire
abbreviations ("mln dlrs", "pct") read as the words they stand for, and
the parser's frequent misreadings repaired (see "How facts are read from
the tree" in the README). The actors are an "actors:" line under the
sentence, an "actors" comment in CoNLL-U, and "actors" in JSON.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error { return runParse(o, a) },
	}
	cmd.Flags().BoolVar(&o.CoNLLU, "conllu", false, "print CoNLL-U")
	cmd.Flags().BoolVar(&o.AsBuilt, "as-built", false, "show the actors and trees build reads facts from")
	cmd.Flags().StringArrayVar(&o.Lexicons, "lexicon", nil, "a YAML lexicon file to add to the default one (repeatable), as for build")
	return cmd
}

// parsedSentence is a sentence of the article with its parse.
type parsedSentence struct {
	File   string        `json:"file"`
	Number int           `json:"sentence"`
	Offset int           `json:"offset"` // in the cleaned text
	Text   string        `json:"text"`
	Actors []parsedActor `json:"actors,omitempty"` // with --as-built
	Words  []parsedWord  `json:"words"`
	syntax syntax.Sentence
}

// parsedActor is an actor a sentence names, as build found it.
type parsedActor struct {
	Text  string `json:"text"`
	Name  string `json:"name"`
	Type  string `json:"type"`
	Start int    `json:"start"` // byte offsets in the cleaned text
	End   int    `json:"end"`
}

func (a parsedActor) String() string {
	if a.Text == a.Name {
		return a.Name + " (" + a.Type + ")"
	}
	return a.Text + " = " + a.Name + " (" + a.Type + ")"
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

func runParse(o *parseOptions, paths []string) error {
	if o.CoNLLU && o.g.JSON {
		return usageError{fmt.Errorf("--conllu and --json: choose one")}
	}
	if len(paths) > 1 && slices.Contains(paths, "-") {
		return usageError{fmt.Errorf("\"-\" (stdin) is read alone, not with other paths")}
	}
	lex, err := article.LoadLexicon(o.Lexicons...)
	if err != nil {
		return err
	}
	o.lex = lex
	read := func(f articleFile) (*article.Document, error) { return article.ReadFile(f.path, lex) }
	files := []articleFile{{path: "-", id: "-"}}
	if paths[0] == "-" {
		read = func(articleFile) (*article.Document, error) { return readStdin(o.g.IO.In, lex) }
	} else if files, err = collectArticles(paths); err != nil {
		return err
	} else if len(files) == 0 {
		return fmt.Errorf("%s: no articles (.txt, .md, .html) here", strings.Join(paths, ", "))
	}
	var out parseWriter
	switch several := len(files) > 1; {
	case o.g.JSON:
		out = &jsonParses{w: o.g.IO.Out}
	case o.CoNLLU:
		out = &conlluParses{w: o.g.IO.Out, several: several}
	default:
		out = &tableParses{w: bufio.NewWriter(o.g.IO.Out), several: several}
	}
	failed := 0
	for _, f := range files {
		doc, err := read(f)
		if err != nil {
			if len(files) == 1 {
				return err
			}
			fmt.Fprintf(o.g.IO.Err, "tradegraph: %v\n", err)
			failed++
			continue
		}
		sents, err := parseArticle(o, doc, f.path)
		if err != nil {
			return err
		}
		if err := out.article(sents); err != nil {
			return err
		}
	}
	if err := out.close(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d articles could not be read", failed, len(files))
	}
	return nil
}

// parseArticle parses the sentences of doc, read from path: by the model
// alone, or with --as-built as build reads them.
func parseArticle(o *parseOptions, doc *article.Document, path string) ([]parsedSentence, error) {
	var sents []parsedSentence
	add := func(s article.Sentence, syn syntax.Sentence) *parsedSentence {
		ps := parsedSentence{File: path, Number: len(sents) + 1, Offset: s.Offset, Text: s.Text, syntax: syn}
		for _, w := range syn.Words {
			ps.Words = append(ps.Words, parsedWord{
				ID: w.ID, Form: w.Form, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS,
				Head: w.Head, Deprel: w.Deprel, Start: s.Offset + w.Start, End: s.Offset + w.End,
			})
		}
		sents = append(sents, ps)
		return &sents[len(sents)-1]
	}
	if !o.AsBuilt {
		m, err := o.model()
		if err != nil {
			return nil, err
		}
		for _, s := range article.Segment(doc, o.lex) {
			add(s, m.Parse(s.Text))
		}
		return sents, nil
	}
	if o.x == nil {
		x, err := article.NewExtractor(o.lex)
		if err != nil {
			return nil, err
		}
		o.x = x
	}
	for _, s := range o.x.ParseSentences(doc) {
		ps := add(s.Sentence, s.Syntax)
		for _, m := range s.Mentions {
			start, end := s.Tokens[m.Start].Start, s.Tokens[m.End-1].End
			ps.Actors = append(ps.Actors, parsedActor{Text: s.Text[start:end], Name: m.Ent.Name, Type: m.Ent.Type,
				Start: s.Offset + int(start), End: s.Offset + int(end)})
		}
	}
	return sents, nil
}

// readStdin reads an article of plain text from in.
func readStdin(in io.Reader, lex *article.Lexicon) (*article.Document, error) {
	b, err := io.ReadAll(io.LimitReader(in, article.MaxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("stdin: %w", err)
	}
	if len(b) > article.MaxArticleBytes {
		return nil, fmt.Errorf("stdin: larger than %d MB; not an article", article.MaxArticleBytes>>20)
	}
	doc, err := article.Parse("stdin.txt", b, lex)
	if err != nil {
		return nil, fmt.Errorf("stdin: %w", err)
	}
	return doc, nil
}

// parseWriter writes parsed articles as they come, so that memory holds
// one article's parse at a time.
type parseWriter interface {
	article(sents []parsedSentence) error
	close() error
}

// conlluParses writes CoNLL-U, with the tokens' offsets in the cleaned
// text; with several articles, each opens with a newdoc line and its
// sentence ids carry its path.
type conlluParses struct {
	w       io.Writer
	several bool
}

func (c *conlluParses) article(sents []parsedSentence) error {
	blocks := make([]syntax.Sentence, len(sents))
	for i, ps := range sents {
		blocks[i] = conlluBlock(ps, c.several)
	}
	return syntax.WriteCoNLLU(c.w, blocks)
}

func (c *conlluParses) close() error { return nil }

// jsonParses writes one JSON array of all the sentences, as the other
// verbs print theirs, an element at a time.
type jsonParses struct {
	w io.Writer
	n int
}

func (j *jsonParses) article(sents []parsedSentence) error {
	for _, ps := range sents {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(ps); err != nil {
			return err
		}
		sep := ",\n  "
		if j.n == 0 {
			sep = "[\n  "
		}
		j.n++
		if _, err := io.WriteString(j.w, sep+strings.TrimSuffix(b.String(), "\n")); err != nil {
			return err
		}
	}
	return nil
}

func (j *jsonParses) close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

// conlluBlock is a sentence as a CoNLL-U block.
func conlluBlock(ps parsedSentence, several bool) syntax.Sentence {
	s := ps.syntax
	id := strconv.Itoa(ps.Number)
	s.Comments = nil
	if several {
		if ps.Number == 1 {
			s.Comments = append(s.Comments, "newdoc id = "+ps.File)
		}
		id = ps.File + "-" + id
	}
	s.Comments = append(s.Comments, "sent_id = "+id, "text = "+ps.Text)
	if len(ps.Actors) > 0 {
		s.Comments = append(s.Comments, "actors = "+actorList(ps.Actors))
	}
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
	return s
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

// tableParses writes each sentence as a table a person can read; with
// several articles, each opens with a line naming it.
type tableParses struct {
	w       *bufio.Writer
	several bool
	started bool
}

func (t *tableParses) article(sents []parsedSentence) error {
	if t.several && len(sents) > 0 {
		if t.started {
			t.w.WriteByte('\n')
		}
		fmt.Fprintf(t.w, "article %s\n", sents[0].File)
		t.started = false
	}
	for _, ps := range sents {
		if t.started {
			t.w.WriteByte('\n')
		}
		t.started = true
		if err := writeParse(t.w, ps); err != nil {
			return err
		}
	}
	return t.w.Flush()
}

func (t *tableParses) close() error { return t.w.Flush() }

// writeParse writes one sentence as a table.
func writeParse(bw *bufio.Writer, ps parsedSentence) error {
	fmt.Fprintf(bw, "sentence %d (bytes %d-%d): %s\n", ps.Number, ps.Offset, ps.Offset+len(ps.Text), ps.Text)
	if len(ps.Actors) > 0 {
		fmt.Fprintf(bw, "  actors: %s\n", actorList(ps.Actors))
	}
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  ID\tFORM\tLEMMA\tUPOS\tXPOS\tHEAD\tDEPREL")
	for _, wd := range ps.Words {
		head := "0 (root)"
		if wd.Head > 0 {
			head = strconv.Itoa(wd.Head) + " " + ps.Words[wd.Head-1].Form
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, wd.Lemma, wd.UPOS, wd.XPOS, head, wd.Deprel)
	}
	return tw.Flush()
}

// actorList is a sentence's actors on one line.
func actorList(as []parsedActor) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return strings.Join(out, "; ")
}
