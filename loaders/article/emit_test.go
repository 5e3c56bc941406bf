package article

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
)

// referenceQuads is Quads written plainly: every value boxed where it is
// used, and the quads deduplicated with a map of quad.Quad at the end. Quads
// must give the same quads in the same order.
func referenceQuads(r *Result) []quad.Quad {
	doc := DocIRI(r.ID)
	base := string(doc)
	var out []quad.Quad
	add := func(s quad.Value, p string, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: doc})
	}
	str := func(s string) quad.Value { return quad.String(s) }
	add(doc, vocab.RDFType, quad.IRI(vocab.ClassDocument))
	add(doc, vocab.Title, str(r.Doc.Title))
	add(doc, vocab.Source, str(sourceOf(r.Doc)))
	if r.Doc.Date != "" {
		add(doc, vocab.Date, str(r.Doc.Date))
	}
	sent := func(i int) quad.IRI { return quad.IRI(fmt.Sprintf("%s#s%d", base, i)) }
	used := map[int]bool{}
	for _, m := range r.Measures {
		for _, e := range m.Evidence {
			used[e] = true
		}
	}
	for _, b := range r.Bundles {
		for _, e := range b.Evidence {
			used[e] = true
		}
	}
	for _, c := range r.Claims {
		used[c.Evidence] = true
	}
	for i, s := range r.Sentences {
		if !used[i] {
			continue
		}
		add(sent(i), vocab.RDFType, quad.IRI(vocab.ClassSentence))
		add(sent(i), vocab.Text, str(s.Text))
		add(sent(i), vocab.InDocument, doc)
		add(sent(i), vocab.Offset, quad.Int(s.Offset))
	}
	for _, e := range r.Entities {
		iri := EntityIRI(e)
		add(iri, vocab.RDFType, quad.IRI(classIRIs[classOf[e.Type]]))
		add(iri, vocab.RDFSLabel, str(e.Name))
		for _, a := range e.AliasList() {
			add(iri, vocab.Alias, str(a))
		}
		if e.Role != "" {
			add(iri, vocab.Role, str(e.Role))
		}
		if e.Org != nil {
			add(iri, vocab.MemberOf, EntityIRI(e.Org))
		}
		add(doc, vocab.Mentions, iri)
	}
	measureIRI := map[*Measure]quad.IRI{}
	described := map[quad.IRI]bool{}
	seen := map[quad.IRI]int{}
	for _, m := range r.Measures {
		grantor := "unknown"
		if m.Grantor != nil {
			grantor = Slug(m.Grantor.Name)
		}
		iri := quad.IRI(fmt.Sprintf("%s#m-%s-%s-%s", base, grantor, m.Instrument.ID, m.Polarity))
		if m.Sector != "" {
			iri += quad.IRI("-" + Slug(m.Sector))
		}
		if n := seen[iri]; n > 0 {
			seen[iri]++
			iri = quad.IRI(fmt.Sprintf("%s-%d", string(iri), n+1))
		} else {
			seen[iri] = 1
		}
		measureIRI[m] = iri
		pol := PolicyIRI(m.Instrument, m.Sector)
		inst := InstrumentIRI(m.Instrument)
		if !described[inst] {
			described[inst] = true
			add(inst, vocab.RDFType, quad.IRI(vocab.ClassInstrument))
			add(inst, vocab.RDFSLabel, str(m.Instrument.Name))
			if m.Instrument.MAST != "" {
				add(inst, vocab.MAST, str(m.Instrument.MAST))
			}
		}
		if !described[pol] {
			described[pol] = true
			add(pol, vocab.RDFType, quad.IRI(vocab.ClassPolicy))
			label := m.Instrument.Name
			if m.Sector != "" {
				sec := SectorIRI(m.Sector)
				if !described[sec] {
					described[sec] = true
					add(sec, vocab.RDFType, quad.IRI(vocab.ClassSector))
					add(sec, vocab.RDFSLabel, str(m.Sector))
				}
				add(pol, vocab.Sector, sec)
				label += " (" + m.Sector + ")"
			}
			add(pol, vocab.RDFSLabel, str(label))
			add(pol, vocab.Instrument, inst)
		}
		add(iri, vocab.RDFType, quad.IRI(vocab.ClassConcession))
		add(iri, vocab.RDFSLabel, str(measureLabel(m)))
		add(iri, vocab.PolicyOf, pol)
		add(iri, vocab.Text, str(m.Policy))
		add(iri, vocab.Polarity, str(m.Polarity))
		if m.Action != "" {
			add(iri, vocab.Action, str(m.Action))
		}
		if m.Hedged {
			add(iri, vocab.Hedged, quad.Bool(true))
		}
		if m.Grantor != nil {
			add(iri, vocab.Grantor, EntityIRI(m.Grantor))
		}
		if m.Beneficiary != nil {
			add(iri, vocab.Beneficiary, EntityIRI(m.Beneficiary))
		}
		if m.PartOf != nil {
			add(iri, vocab.PartOf, EntityIRI(m.PartOf))
		}
		for _, e := range m.Evidence {
			add(iri, vocab.Evidence, sent(e))
		}
	}
	for i, b := range r.Bundles {
		iri := quad.IRI(fmt.Sprintf("%s#b%d", base, i+1))
		add(iri, vocab.RDFType, quad.IRI(vocab.ClassBundle))
		add(iri, vocab.RDFSLabel, str(fmt.Sprintf("bundle %d (%s)", i+1, b.Basis)))
		add(iri, vocab.Basis, str(b.Basis))
		for _, m := range b.Members {
			add(iri, vocab.Member, measureIRI[m])
		}
		for _, e := range b.Evidence {
			add(iri, vocab.Evidence, sent(e))
		}
	}
	for i, c := range r.Claims {
		iri := quad.IRI(fmt.Sprintf("%s#c%d", base, i+1))
		add(iri, vocab.RDFType, quad.IRI(vocab.ClassClaim))
		add(iri, vocab.RDFSLabel, str(strings.TrimSpace(c.Subject+" "+c.Predicate+" "+c.Object)))
		add(iri, vocab.Subject, str(c.Subject))
		add(iri, vocab.Predicate, str(c.Predicate))
		add(iri, vocab.Object, str(c.Object))
		add(iri, vocab.Polarity, str(c.Polarity))
		if c.Hedged {
			add(iri, vocab.Hedged, quad.Bool(true))
		}
		add(iri, vocab.Evidence, sent(c.Evidence))
	}
	distinct := make(map[quad.Quad]struct{}, len(out))
	uniq := out[:0]
	for _, q := range out {
		if _, dup := distinct[q]; !dup {
			distinct[q] = struct{}{}
			uniq = append(uniq, q)
		}
	}
	return append(uniq, quad.Quad{Subject: doc, Predicate: quad.IRI(vocab.QuadCount), Object: quad.Int(len(uniq) + 1), Label: doc})
}

func checkQuads(t *testing.T, r *Result) {
	t.Helper()
	want := referenceQuads(r)
	for i := range 2 { // the second time with a pooled emitter
		got := r.Quads()
		if reflect.DeepEqual(got, want) {
			continue
		}
		t.Errorf("pass %d: %d quads, want %d", i, len(got), len(want))
		for j := range max(len(got), len(want)) {
			var g, w string
			if j < len(got) {
				g = got[j].String()
			}
			if j < len(want) {
				w = want[j].String()
			}
			if g != w {
				t.Errorf("quad %d:\n got %s\nwant %s", j, g, w)
			}
		}
		return
	}
}

func TestQuadsOfArticles(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, ext := range Extensions {
		m, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Fatal("no articles in testdata/")
	}
	for _, path := range paths {
		doc, err := ReadFile(path, lex)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(doc)
		r.ID = filepath.Base(path)
		t.Run(r.ID, func(t *testing.T) { checkQuads(t, r) })
	}
}

// TestQuadsOfCollisions checks the quads of things that share IRIs: every
// quad they would make twice is made once.
func TestQuadsOfCollisions(t *testing.T) {
	eu := &Entity{Name: "European Union", Type: TypeBloc, Aliases: map[string]bool{"EU": true}}
	eu2 := &Entity{Name: "European union", Type: TypeBloc, Aliases: map[string]bool{"EU": true, "E.U.": true}}
	minister := &Entity{Name: "Ann Lee", Type: TypePerson, Role: "Trade Minister", Org: eu}
	minister2 := &Entity{Name: "Ann Lee", Type: TypePerson, Role: "Minister", Org: eu2}
	odd := &Entity{Name: "Odd Thing", Type: "thing"}
	tariff := &Instrument{ID: "tariff", Name: "Tariff", MAST: "F"}
	tariff2 := &Instrument{ID: "tariff", Name: "Tariffs"} // another instrument of the same IRI
	quota := &Instrument{ID: "quota", Name: "Quota"}
	m := func(g *Entity, in *Instrument, sector, policy string, ev ...int) *Measure {
		return &Measure{Grantor: g, Beneficiary: odd, Instrument: in, Sector: sector, Polarity: Asserted,
			Action: "reduce", Policy: policy, Evidence: ev}
	}
	ms := []*Measure{
		m(eu, tariff, "", "tariffs", 0, 0, 1),
		m(eu2, tariff2, "", "tariffs", 1), // IRI ...-2
		m(eu, tariff, "2", "tariffs", 2),  // the same IRI as the last: a sector "2"
		m(nil, quota, "Palm oil", "quotas on palm oil", 2, -1, 99),
		m(eu, quota, "palm-oil", "quotas on palm oil", 3),
		{Instrument: quota, Polarity: Denied, Hedged: true, Policy: "quotas", PartOf: eu, Evidence: []int{3}},
	}
	r := &Result{
		Doc: &Document{Path: "a/b c#d.txt", Title: "Title", Date: "2024-01-02"},
		ID:  "a/b c#d.txt",
		Sentences: []Sentence{
			{Text: "tariffs", Offset: 0}, {Text: "tariffs", Offset: 300}, {Text: "Palm oil.", Offset: 1000},
			{Text: "quotas", Offset: 70000}, {Text: "unused", Offset: 80000},
		},
		Entities: []*Entity{eu, eu2, minister, minister2, odd, eu},
		Measures: ms,
		Bundles: []*Bundle{
			{Members: []*Measure{ms[0], ms[1], ms[0], {Instrument: quota}}, Basis: BasisPairing, Evidence: []int{1, 1}},
			{Members: []*Measure{ms[2]}, Basis: BasisPairing, Evidence: []int{2}},
		},
		Claims: []Claim{
			{Subject: "EU", Predicate: "cuts", Object: "tariffs", Polarity: Asserted, Evidence: 0},
			{Subject: "EU", Predicate: "cuts", Object: "tariffs", Polarity: Asserted, Hedged: true, Evidence: 4},
			{Subject: "tariffs", Predicate: "", Object: "", Polarity: Denied, Evidence: 7},
		},
	}
	checkQuads(t, r)
}

func TestPredicatesFitTheirBits(t *testing.T) {
	// a bit each in subject.preds, and six bits of seenKey
	if len(predicates) > 32 {
		t.Errorf("%d predicates, more than the 32 bits of subject.preds", len(predicates))
	}
}

// referenceSlug is Slug written plainly.
func referenceSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case r == '.' || r == '\'' || r == '’':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func TestSlug(t *testing.T) {
	for _, s := range []string{
		"", "beef", "palm-oil", "palm oil", "Palm Oil", "-beef", "beef-", "palm--oil", "a-b-c", "2",
		"U.S.", "Côte d’Ivoire", "ÉTATS-UNIS", "İstanbul", "Ⱥ", "bad\xffutf8", "tree nuts & seeds", "--",
	} {
		if got, want := Slug(s), referenceSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"beef", "Palm Oil", "U.S.", "Côte d’Ivoire", "a--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), referenceSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	})
}
