// Package synth makes deterministic synthetic inputs for benchmarks and
// scale tests: trade-policy articles written from the lexicon's vocabulary,
// and N-Quads in the shape of tradegraph's graph model. The same seed always
// gives the same bytes, and item i depends only on the seed and i, so one
// article of a large corpus can be made again on its own.
package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/tradegraph/tradegraph/loaders/article"
)

// Article lengths in words.
const (
	MinWords = 200
	MaxWords = 1500

	// maxSentenceWords bounds one sentence: the longest frame with the
	// longest names of the lexicon.
	maxSentenceWords = 80
)

// vocabulary is what the generators draw on, taken from a lexicon in its
// own order so that the output depends only on the lexicon and the seed.
type vocabulary struct {
	countries   []article.Country
	agencies    []article.Org
	agenciesOf  map[string][]article.Org // by country code
	instruments []instrumentTerms
	sectors     []sectorTerms
	cues        article.Cues
	titles      []string
}

type instrumentTerms struct {
	in    *article.Instrument
	terms []string
}

type sectorTerms struct {
	name  string
	terms []string
}

func newVocabulary(lex *article.Lexicon) (*vocabulary, error) {
	v := &vocabulary{countries: lex.Countries, agenciesOf: map[string][]article.Org{}, cues: lex.Cues}
	for _, a := range lex.Agencies {
		v.agencies = append(v.agencies, a)
		if a.Country != "" {
			v.agenciesOf[a.Country] = append(v.agenciesOf[a.Country], a)
		}
	}
	for i := range lex.Instruments {
		in := &lex.Instruments[i]
		var terms []string
		for _, t := range in.Terms {
			if !strings.Contains(t, "*") {
				terms = append(terms, t)
			}
		}
		if len(terms) > 0 {
			v.instruments = append(v.instruments, instrumentTerms{in, terms})
		}
	}
	for _, s := range lex.Sectors {
		v.sectors = append(v.sectors, sectorTerms{s.Name, append([]string{s.Name}, s.Terms...)})
	}
	for _, t := range lex.PersonTitles {
		if len(t) > 3 && t[0] >= 'A' && t[0] <= 'Z' && !strings.HasSuffix(t, ".") {
			v.titles = append(v.titles, t)
		}
	}
	switch {
	case len(v.countries) < 2:
		return nil, fmt.Errorf("lexicon has %d countries; synthetic articles need 2", len(v.countries))
	case len(v.agencies) == 0, len(v.instruments) == 0, len(v.sectors) == 0:
		return nil, fmt.Errorf("lexicon needs agencies, instruments and sectors for synthetic articles")
	case len(v.cues.Concede) == 0, len(v.cues.Retain) == 0, len(v.cues.Reject) == 0,
		len(v.cues.Pairing) == 0, len(v.cues.RetainedStates) == 0, len(v.cues.Restrict) == 0:
		return nil, fmt.Errorf("lexicon needs concede, retain, reject, restrict, pairing and retained-state cues")
	}
	return v, nil
}

// Articles writes synthetic articles.
type Articles struct {
	seed uint64
	v    *vocabulary
}

// NewArticles prepares a generator over lex's vocabulary.
func NewArticles(lex *article.Lexicon, seed uint64) (*Articles, error) {
	v, err := newVocabulary(lex)
	if err != nil {
		return nil, err
	}
	return &Articles{seed: seed, v: v}, nil
}

// Name is the file name of article i.
func (a *Articles) Name(i int) string { return fmt.Sprintf("article-%06d.txt", i) }

// Article returns the text of article i: a title line, then paragraphs.
func (a *Articles) Article(i int) []byte {
	w := &writer{r: rand.New(rand.NewPCG(a.seed, uint64(i))), v: a.v}
	return w.article()
}

// WriteDir writes articles 0..n-1 into dir, creating it.
func (a *Articles) WriteDir(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, a.Name(i)), a.Article(i), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writer builds one article.
type writer struct {
	r     *rand.Rand
	v     *vocabulary
	words int
	// the article's parties
	grantor, partner article.Country
	agency           article.Org
	sector           sectorTerms
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (w *writer) article() []byte {
	r, v := w.r, w.v
	w.grantor = pick(r, v.countries)
	for w.partner = pick(r, v.countries); w.partner.Name == w.grantor.Name; w.partner = pick(r, v.countries) {
	}
	if own := v.agenciesOf[w.grantor.Code]; len(own) > 0 {
		w.agency = pick(r, own)
	} else {
		w.agency = pick(r, v.agencies)
	}
	w.sector = pick(r, v.sectors)
	// the last sentence may pass the target by one sentence's length
	target := MinWords + r.IntN(MaxWords-MinWords-maxSentenceWords)

	var b bytes.Buffer
	title := w.title()
	w.words = len(strings.Fields(title))
	b.WriteString(title)
	b.WriteByte('\n')
	for w.words < target {
		for k := range 3 + r.IntN(4) {
			if w.words >= target {
				break
			}
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.sentence())
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func (w *writer) title() string {
	frames := []string{
		"%s and %s reach a deal on %s",
		"%s and %s trade talks turn to %s",
		"What the %s–%s agreement means for %s",
	}
	s := fmt.Sprintf(pick(w.r, frames), w.grantor.Name, w.partner.Name, w.sector.name)
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence writes one sentence from a frame chosen at random; most frames
// carry a fact (a concession, its negation, a retained policy, a
// restriction, a pairing), the rest are the prose around them.
func (w *writer) sentence() string {
	r, v := w.r, w.v
	c := v.cues
	g, p := w.party(), w.party()
	for p == g {
		p = w.party()
	}
	in, sec := w.instrument(), w.sectorTerm()
	in2, sec2 := w.instrument(), w.sectorTerm()
	var s string
	switch r.IntN(14) {
	case 0:
		s = fmt.Sprintf("%s agreed to %s %s on %s imports from %s.", g, pick(r, c.Concede), in, sec, p)
	case 1:
		s = fmt.Sprintf("Under the deal, %s will %s %s on %s for %s.", g, pick(r, c.Concede), in, sec, p)
	case 2:
		s = fmt.Sprintf("%s did not %s %s on %s, %s said.", g, pick(r, c.Concede), in, sec, w.agency.Name)
	case 3:
		s = fmt.Sprintf("%s will not %s its %s on %s, and there will be no %s for %s.", g, pick(r, c.Concede), in, sec, in2, sec2)
	case 4:
		s = fmt.Sprintf("%s will %s its %s on %s.", g, pick(r, c.Retain), in, sec)
	case 5:
		s = fmt.Sprintf("The %s on %s will remain %s, according to %s.", in, sec, pick(r, c.RetainedStates), w.agency.Name)
	case 6:
		s = fmt.Sprintf("%s moved to %s any %s on %s sought by %s.", g, pick(r, c.Reject), in, sec, p)
	case 7:
		s = fmt.Sprintf("%s will %s %s on %s from %s.", g, pick(r, c.Restrict), in, sec, p)
	case 8:
		s = fmt.Sprintf("%s agreed to %s %s on %s %s %s agreeing to %s %s on %s.",
			g, pick(r, c.Concede), in, sec, pick(r, c.Pairing), p, pick(r, c.Concede), in2, sec2)
	case 9:
		s = fmt.Sprintf("The %s on %s is %s the %s on %s, %s said.", in, sec, pick(r, c.Pairing), in2, sec2, w.person())
	case 10:
		s = fmt.Sprintf("%s %s that %s may %s %s on %s.", w.person(), w.reportVerb(), g, pick(r, c.Concede), in, sec)
	case 11:
		s = fmt.Sprintf("Analysts expect trade in %s between %s and %s to grow over the next decade.", sec, g, p)
	case 12:
		s = fmt.Sprintf("Negotiators from %s and %s met for several rounds before the text was settled.", g, p)
	default:
		s = fmt.Sprintf("Exporters of %s in %s have long asked for clearer rules, and the talks gave them some.", sec, w.grantor.Name)
	}
	w.words += len(strings.Fields(s))
	return s
}

// party names one of the article's two states, now and then by an agency
// or a third state.
func (w *writer) party() string {
	switch w.r.IntN(8) {
	case 0:
		return w.agency.Name
	case 1:
		return pick(w.r, w.v.countries).Name
	case 2, 3, 4:
		return w.partner.Name
	}
	return w.grantor.Name
}

func (w *writer) person() string {
	if len(w.v.titles) == 0 {
		return w.agency.Name
	}
	return fmt.Sprintf("%s %s of %s", pick(w.r, w.v.titles), pick(w.r, surnames), w.grantor.Name)
}

// reportVerb is a one-word speech verb in the third person ("warns").
func (w *writer) reportVerb() string {
	var verbs []string
	for _, v := range w.v.cues.Report {
		if !strings.Contains(v, " ") {
			verbs = append(verbs, v)
		}
	}
	if len(verbs) == 0 {
		return "says"
	}
	return pick(w.r, verbs) + "s"
}

func (w *writer) instrument() string { return pick(w.r, pick(w.r, w.v.instruments).terms) }

// sectorTerm is mostly the article's own sector, sometimes another.
func (w *writer) sectorTerm() string {
	s := w.sector
	if w.r.IntN(3) == 0 {
		s = pick(w.r, w.v.sectors)
	}
	return pick(w.r, s.terms)
}

var surnames = []string{"Tan", "Okafor", "Silva", "Müller", "Nakamura", "Haddad", "Kowalski", "Reyes", "Singh", "Dubois", "Larsen", "Mbeki"}
