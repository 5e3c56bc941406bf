package syntax

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
)

// Model is a trained tagger and parser with the lemmatizer learned beside
// them: everything Annotate needs.
type Model struct {
	// About says what the model was trained on and how, for the people
	// who use it ("UD English EWT 2.15, 10 tagger epochs, ...").
	About  string
	tagger *Tagger
	lemmas *Lemmatizer
	parser *Parser
	pool   sync.Pool // of *annotator
}

// annotator holds the buffers of one sentence's tagging and parsing.
type annotator struct {
	tag   tagContext
	parse parseContext
}

// Annotate tags, lemmatizes and parses the words of s, which need their
// forms only; a word whose UPOS is set keeps it (a name the caller knows
// is a PROPN), and gets the likeliest XPOS of it. It is safe to call from several goroutines at once.
func (m *Model) Annotate(s *Sentence) {
	if len(s.Words) == 0 {
		return
	}
	a, _ := m.pool.Get().(*annotator)
	if a == nil {
		a = &annotator{}
	}
	m.tagger.tag(&a.tag, s.Words)
	for i := range s.Words {
		w := &s.Words[i]
		w.Lemma = m.lemmas.Lemma(w.Form, w.UPOS)
	}
	m.parser.parse(&a.parse, s.Words)
	m.pool.Put(a)
}

// Parse splits text, one sentence, into words and annotates them; the
// words' Start and End are byte offsets in text.
func (m *Model) Parse(text string) Sentence {
	s := Tokenize(text)
	m.Annotate(&s)
	return s
}

// Score annotates a copy of gold's words, which keeps only their forms, and
// compares the result with gold.
func (m *Model) Score(gold []Sentence) (Scores, error) {
	sys := make([]Sentence, len(gold))
	for i := range gold {
		sys[i].Words = make([]Word, len(gold[i].Words))
		for j, w := range gold[i].Words {
			sys[i].Words[j] = Word{ID: w.ID, Form: w.Form, Start: -1, End: -1}
		}
		m.Annotate(&sys[i])
	}
	return Compare(gold, sys)
}

const modelMagic = "tradegraph syntax model\n"
const modelVersion = 1

// Write writes the model, compressed; the same model gives the same bytes.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := newEncoder(zw)
	e.w.WriteString(modelMagic)
	e.uvarint(modelVersion)
	e.str(m.About)
	m.tagger.encode(e)
	m.lemmas.encode(e)
	m.parser.encode(e)
	if err := e.flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadModel reads a model that Write wrote.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("not a syntax model: %w", err)
	}
	d := newDecoder(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(d.r, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a syntax model")
	}
	if v := d.uvarint(); d.err == nil && v != modelVersion {
		return nil, fmt.Errorf("a syntax model of version %d; this tradegraph reads version %d", v, modelVersion)
	}
	m := &Model{About: d.str()}
	m.tagger = decodeTagger(d)
	if d.err == nil {
		if m.lemmas, err = decodeLemmatizer(d); err != nil {
			d.fail(err)
		}
	}
	m.parser = decodeParser(d)
	if d.err == nil {
		if _, err := d.r.ReadByte(); err != io.EOF {
			d.fail(errors.New("bytes after the model"))
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return m, nil
}

// Train trains a model on gold sentences. The parser learns on the tags
// the tagger will give it, not on gold tags: each tenth of the training
// sentences is tagged by a tagger trained on the other nine tenths
// ("jackknifing"), so that it sees the tagger's mistakes as it will meet
// them.
func Train(train []Sentence, opt TrainOptions) (*Model, error) {
	tagged, err := jackknife(train, opt)
	if err != nil {
		return nil, err
	}
	tagger, err := TrainTagger(train, opt)
	if err != nil {
		return nil, err
	}
	parser, err := TrainParser(tagged, opt)
	if err != nil {
		return nil, err
	}
	return &Model{tagger: tagger, lemmas: TrainLemmatizer(train), parser: parser}, nil
}

// jackknife is a copy of train with each tenth of it tagged by a tagger
// trained on the other nine.
func jackknife(train []Sentence, opt TrainOptions) ([]Sentence, error) {
	const folds = 10
	tagged := make([]Sentence, len(train))
	for i, s := range train {
		tagged[i] = s
		tagged[i].Words = append([]Word(nil), s.Words...)
		for j := range tagged[i].Words {
			// the fold's tagger tags them afresh, keeping none of the gold tags
			tagged[i].Words[j].UPOS, tagged[i].Words[j].XPOS = "", ""
		}
	}
	fold := make([]int, len(train))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x1acc))
	for i := range fold {
		fold[i] = rng.IntN(folds)
	}
	quiet := opt
	quiet.Log = nil
	var c tagContext
	for k := range folds {
		var rest []Sentence
		for i, s := range train {
			if fold[i] != k {
				rest = append(rest, s)
			}
		}
		t, err := TrainTagger(rest, quiet)
		if err != nil {
			return nil, err
		}
		for i := range tagged {
			if fold[i] == k {
				t.tag(&c, tagged[i].Words)
			}
		}
		opt.logf("jackknife: fold %d of %d tagged", k+1, folds)
	}
	return tagged, nil
}
