// Package syntax is tradegraph's syntactic layer: it splits a sentence into
// words as Universal Dependencies does, and gives each word a part of speech
// (UPOS), a lemma, a head and a dependency relation, with a tagger and a
// parser trained on a treebank and shipped in the binary.
package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is a syntactic word: a line of CoNLL-U with an integer ID.
type Word struct {
	ID     int // 1-based place in its sentence
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // the ID of its head, 0 for the root
	Deprel string
	Deps   string
	Misc   string
	// Start and End are the word's byte offsets in the sentence's text, set
	// by the tokenizer; a word read from CoNLL-U has both at -1.
	Start, End int
}

// MultiWord is a token that the treebank splits into several words, such as
// "don't" (do, n't) or "Japan's" (Japan, 's): a CoNLL-U range line.
type MultiWord struct {
	First, Last int // the IDs of its first and last word
	Form        string
	Misc        string
}

// Sentence is a CoNLL-U sentence block.
type Sentence struct {
	Comments   []string // its comment lines, without the leading "#" and one space
	Words      []Word
	MultiWords []MultiWord
}

// Text is the sentence's "# text =" comment, or "" if it has none.
func (s *Sentence) Text() string {
	for _, c := range s.Comments {
		if t, ok := strings.CutPrefix(c, "text ="); ok {
			return strings.TrimPrefix(t, " ")
		}
	}
	return ""
}

// ReadCoNLLU reads the sentences of a CoNLL-U file; name is the file's name
// in errors. Empty nodes (IDs such as 8.1, which only enhanced dependencies
// use) are skipped.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Sentence
	var cur Sentence
	open := false
	line, first := 0, 0
	end := func() error {
		if !open {
			return nil
		}
		if len(cur.Words) == 0 {
			return fmt.Errorf("%s:%d: a sentence with no words", name, first)
		}
		for _, w := range cur.Words {
			if w.Head < 0 || w.Head > len(cur.Words) {
				return fmt.Errorf("%s:%d: word %d has head %d, outside its sentence of %d words", name, first, w.ID, w.Head, len(cur.Words))
			}
		}
		out = append(out, cur)
		cur, open = Sentence{}, false
		return nil
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" {
			if err := end(); err != nil {
				return nil, err
			}
			continue
		}
		if !open {
			open, first = true, line
		}
		if c, ok := strings.CutPrefix(text, "#"); ok {
			cur.Comments = append(cur.Comments, strings.TrimPrefix(c, " "))
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: %d columns, CoNLL-U has 10", name, line, len(f))
		}
		id := f[0]
		if strings.Contains(id, ".") {
			continue
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			lo, err1 := strconv.Atoi(a)
			hi, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || lo != len(cur.Words)+1 || hi < lo {
				return nil, fmt.Errorf("%s:%d: bad token range %q", name, line, id)
			}
			cur.MultiWords = append(cur.MultiWords, MultiWord{First: lo, Last: hi, Form: f[1], Misc: f[9]})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: word ID %q where %d was due", name, line, id, len(cur.Words)+1)
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil || head < 0 {
				return nil, fmt.Errorf("%s:%d: bad head %q", name, line, f[6])
			}
		}
		cur.Words = append(cur.Words, Word{
			ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, Deprel: f[7], Deps: f[8], Misc: f[9], Start: -1, End: -1,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if err := end(); err != nil {
		return nil, err
	}
	for _, s := range out {
		for _, m := range s.MultiWords {
			if m.Last > len(s.Words) {
				return nil, fmt.Errorf("%s: token %d-%d runs past its sentence", name, m.First, m.Last)
			}
		}
	}
	return out, nil
}

// WriteCoNLLU writes sentences as CoNLL-U: each block its comments, its
// token ranges before their first word, its words, and a blank line.
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for i := range sents {
		writeSentence(bw, &sents[i])
	}
	return bw.Flush()
}

func writeSentence(bw *bufio.Writer, s *Sentence) {
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	mw := 0
	for _, w := range s.Words {
		if mw < len(s.MultiWords) && s.MultiWords[mw].First == w.ID {
			m := s.MultiWords[mw]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, field(m.Form), field(m.Misc))
			mw++
		}
		bw.WriteString(strconv.Itoa(w.ID))
		for _, f := range [...]string{w.Form, w.Lemma, w.UPOS, w.XPOS, w.Feats} {
			bw.WriteByte('\t')
			bw.WriteString(field(f))
		}
		bw.WriteByte('\t')
		bw.WriteString(strconv.Itoa(w.Head))
		for _, f := range [...]string{w.Deprel, w.Deps, w.Misc} {
			bw.WriteByte('\t')
			bw.WriteString(field(f))
		}
		bw.WriteByte('\n')
	}
	bw.WriteByte('\n')
}

// field is s as a CoNLL-U column: "_" when empty, tabs and newlines as spaces.
func field(s string) string {
	if s == "" {
		return "_"
	}
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}
