package synth

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// Quads makes quads in the shape the article loader gives: documents with
// their sentences, the actors, sectors, instruments and policies they
// mention (canonical IRIs, shared between documents), and the measures,
// bundles and claims they state. Every quad is labelled with its document.
type Quads struct {
	seed uint64
	v    *vocabulary
}

// NewQuads prepares a generator over lex's vocabulary.
func NewQuads(lex *article.Lexicon, seed uint64) (*Quads, error) {
	v, err := newVocabulary(lex)
	if err != nil {
		return nil, err
	}
	return &Quads{seed: seed, v: v}, nil
}

// DocIRI is the IRI and label of synthetic document i.
func DocIRI(i int) quad.IRI { return article.DocIRI(fmt.Sprintf("synthetic-%07d", i)) }

// Document returns the quads of document i.
func (g *Quads) Document(i int) []quad.Quad {
	d := &docQuads{r: rand.New(rand.NewPCG(g.seed, uint64(i))), v: g.v, doc: DocIRI(i), n: i}
	d.build()
	return d.out
}

// Write writes exactly n quads as N-Quads: whole documents, the last one
// cut short where n is reached.
func (g *Quads) Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	nw := nquads.NewWriter(bw)
	enc := tg.StandardLiterals(nw) // as `tradegraph dump` writes them, so the file reads back the same
	for i := 0; n > 0; i++ {
		qs := g.Document(i)
		if len(qs) > n {
			qs = qs[:n]
		}
		if _, err := enc.WriteQuads(qs); err != nil {
			return err
		}
		n -= len(qs)
	}
	if err := nw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

type docQuads struct {
	r   *rand.Rand
	v   *vocabulary
	doc quad.IRI
	n   int
	out []quad.Quad
}

func (d *docQuads) add(s quad.Value, p string, o quad.Value) {
	d.out = append(d.out, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: d.doc})
}

func (d *docQuads) build() {
	r, v := d.r, d.v
	doc := d.doc
	d.add(doc, vocab.RDFType, quad.IRI(vocab.ClassDocument))
	d.add(doc, vocab.Title, quad.String(fmt.Sprintf("Synthetic trade report %d", d.n)))
	d.add(doc, vocab.Source, quad.String(string(doc)))
	d.add(doc, vocab.Date, quad.String(fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))))

	nSent := 6 + r.IntN(10)
	sent := func(k int) quad.IRI { return quad.IRI(fmt.Sprintf("%s#s%d", string(doc), k)) }
	for k := range nSent {
		d.add(sent(k), vocab.RDFType, quad.IRI(vocab.ClassSentence))
		d.add(sent(k), vocab.Text, quad.String(fmt.Sprintf("Sentence %d of the report, on %s.", k, pick(r, v.sectors).name)))
		d.add(sent(k), vocab.InDocument, doc)
		d.add(sent(k), vocab.Offset, quad.Int(k*120))
	}

	var actors []quad.IRI
	for range 2 + r.IntN(4) {
		c := pick(r, v.countries)
		iri := quad.IRI(vocab.IDBase + "country/" + article.Slug(c.Name))
		actors = append(actors, iri)
		d.add(iri, vocab.RDFType, quad.IRI(vocab.ClassCountry))
		d.add(iri, vocab.RDFSLabel, quad.String(c.Name))
		for _, a := range c.Aliases[:min(len(c.Aliases), 1)] {
			d.add(iri, vocab.Alias, quad.String(a))
		}
		d.add(doc, vocab.Mentions, iri)
	}
	ag := pick(r, v.agencies)
	agIRI := quad.IRI(vocab.IDBase + "agency/" + article.Slug(ag.Name))
	d.add(agIRI, vocab.RDFType, quad.IRI(vocab.ClassAgency))
	d.add(agIRI, vocab.RDFSLabel, quad.String(ag.Name))
	d.add(doc, vocab.Mentions, agIRI)
	actors = append(actors, agIRI)

	polarities := []string{vocab.Asserted, vocab.Asserted, vocab.Denied, vocab.Retained}
	var measures []quad.IRI
	for k := range 3 + r.IntN(8) {
		it := pick(r, v.instruments)
		sec := pick(r, v.sectors)
		inst := article.InstrumentIRI(it.in)
		pol := article.PolicyIRI(it.in, sec.name)
		secIRI := article.SectorIRI(sec.name)
		d.add(inst, vocab.RDFType, quad.IRI(vocab.ClassInstrument))
		d.add(inst, vocab.RDFSLabel, quad.String(it.in.Name))
		if it.in.MAST != "" {
			d.add(inst, vocab.MAST, quad.String(it.in.MAST))
		}
		d.add(secIRI, vocab.RDFType, quad.IRI(vocab.ClassSector))
		d.add(secIRI, vocab.RDFSLabel, quad.String(sec.name))
		d.add(pol, vocab.RDFType, quad.IRI(vocab.ClassPolicy))
		d.add(pol, vocab.RDFSLabel, quad.String(it.in.Name+" ("+sec.name+")"))
		d.add(pol, vocab.Instrument, inst)
		d.add(pol, vocab.Sector, secIRI)

		polarity := pick(r, polarities)
		m := quad.IRI(fmt.Sprintf("%s#m%d-%s-%s", string(doc), k+1, it.in.ID, polarity))
		measures = append(measures, m)
		d.add(m, vocab.RDFType, quad.IRI(vocab.ClassConcession))
		d.add(m, vocab.PolicyOf, pol)
		d.add(m, vocab.Text, quad.String(pick(r, it.terms)+" on "+pick(r, sec.terms)))
		d.add(m, vocab.Polarity, quad.String(polarity))
		d.add(m, vocab.Action, quad.String(pick(r, v.cues.Concede)))
		if r.IntN(5) == 0 {
			d.add(m, vocab.Hedged, quad.Bool(true))
		}
		grantor := pick(r, actors)
		d.add(m, vocab.Grantor, grantor)
		if b := pick(r, actors); b != grantor {
			d.add(m, vocab.Beneficiary, b)
		}
		d.add(m, vocab.Evidence, sent(r.IntN(nSent)))
	}
	for k := range r.IntN(3) {
		b := quad.IRI(fmt.Sprintf("%s#b%d", string(doc), k+1))
		d.add(b, vocab.RDFType, quad.IRI(vocab.ClassBundle))
		d.add(b, vocab.Basis, quad.String(pick(r, []string{"explicit pairing", "same agreement", "trade-off"})))
		x := r.IntN(len(measures))
		y := (x + 1 + r.IntN(len(measures)-1)) % len(measures)
		d.add(b, vocab.Member, measures[x])
		d.add(b, vocab.Member, measures[y])
		d.add(b, vocab.Evidence, sent(r.IntN(nSent)))
	}
	for k := range r.IntN(4) {
		c := quad.IRI(fmt.Sprintf("%s#c%d", string(doc), k+1))
		d.add(c, vocab.RDFType, quad.IRI(vocab.ClassClaim))
		d.add(c, vocab.Subject, quad.String(pick(r, v.countries).Name))
		d.add(c, vocab.Predicate, quad.String(pick(r, v.cues.Reject)))
		d.add(c, vocab.Object, quad.String("exclusive access to "+pick(r, v.sectors).name))
		d.add(c, vocab.Polarity, quad.String(vocab.Denied))
		d.add(c, vocab.Evidence, sent(r.IntN(nSent)))
	}
}
