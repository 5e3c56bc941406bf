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
	for _, p := range r.Positions {
		for _, e := range p.Evidence {
			used[e] = true
		}
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
	fact := func(iri quad.IRI) quad.IRI {
		if n := seen[iri]; n > 0 {
			seen[iri]++
			return quad.IRI(fmt.Sprintf("%s-%d", string(iri), n+1))
		}
		seen[iri] = 1
		return iri
	}
	describePolicy := func(in *Instrument, sector string) quad.IRI {
		pol := PolicyIRI(in, sector)
		inst := InstrumentIRI(in)
		if !described[inst] {
			described[inst] = true
			add(inst, vocab.RDFType, quad.IRI(vocab.ClassInstrument))
			add(inst, vocab.RDFSLabel, str(in.Name))
			if in.MAST != "" {
				add(inst, vocab.MAST, str(in.MAST))
			}
		}
		if !described[pol] {
			described[pol] = true
			add(pol, vocab.RDFType, quad.IRI(vocab.ClassPolicy))
			label := in.Name
			if sector != "" {
				sec := SectorIRI(sector)
				if !described[sec] {
					described[sec] = true
					add(sec, vocab.RDFType, quad.IRI(vocab.ClassSector))
					add(sec, vocab.RDFSLabel, str(sector))
				}
				add(pol, vocab.Sector, sec)
				label += " (" + sector + ")"
			}
			add(pol, vocab.RDFSLabel, str(label))
			add(pol, vocab.Instrument, inst)
		}
		return pol
	}
	for _, m := range r.Measures {
		grantor := "unknown"
		if m.Grantor != nil {
			grantor = Slug(m.Grantor.Name)
		}
		iri := quad.IRI(fmt.Sprintf("%s#m-%s-%s-%s", base, grantor, m.Instrument.ID, m.Polarity))
		if m.Sector != "" {
			iri += quad.IRI("-" + Slug(m.Sector))
		}
		iri = fact(iri)
		measureIRI[m] = iri
		pol := describePolicy(m.Instrument, m.Sector)
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
	for _, p := range r.Positions {
		holder := "unknown"
		if p.Holder != nil {
			holder = Slug(p.Holder.Name)
		}
		iri := quad.IRI(fmt.Sprintf("%s#p-%s-%s", base, holder, p.Kind))
		if p.Instrument != nil {
			iri += quad.IRI("-" + p.Instrument.ID)
		}
		if p.Sector != "" {
			iri += quad.IRI("-" + Slug(p.Sector))
		}
		iri = fact(iri)
		var pol quad.IRI
		if p.Instrument != nil {
			pol = describePolicy(p.Instrument, p.Sector)
		}
		add(iri, vocab.RDFType, quad.IRI(vocab.ClassPosition))
		add(iri, vocab.RDFSLabel, str(positionLabel(p)))
		add(iri, vocab.Kind, str(p.Kind))
		if pol != "" {
			add(iri, vocab.PolicyOf, pol)
		}
		if p.Policy != "" {
			add(iri, vocab.Text, str(p.Policy))
		}
		if p.Hedged {
			add(iri, vocab.Hedged, quad.Bool(true))
		}
		if p.Holder != nil {
			add(iri, vocab.Holder, EntityIRI(p.Holder))
		}
		if p.Addressee != nil {
			add(iri, vocab.Addressee, EntityIRI(p.Addressee))
		}
		for _, e := range p.Evidence {
			add(iri, vocab.Evidence, sent(e))
		}
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
		Positions: []*Position{
			{Kind: Demand, Holder: eu, Addressee: odd, Instrument: tariff, Policy: "remove tariffs", Evidence: []int{0, 4}},
			{Kind: Demand, Holder: eu2, Addressee: odd, Instrument: tariff2, Policy: "remove tariffs", Evidence: []int{1}}, // IRI ...-2
			{Kind: Threat, Holder: minister, Instrument: quota, Sector: "Palm oil", Hedged: true, Evidence: []int{2, 2}},
			{Kind: Offer, Evidence: []int{3, -1}}, // no holder, instrument or policy
		},
	}
	checkQuads(t, r)
}

// TestQuadsOfPositions checks what a user reads of a position in the
// graph: a node of its own class, apart from the concessions, with its
// kind, its holder and addressee as the canonical actors, the policy a
// concession on the same instrument and sector names, and its sentences.
func TestQuadsOfPositions(t *testing.T) {
	china := &Entity{Name: "China", Type: TypeCountry}
	us := &Entity{Name: "United States", Type: TypeCountry, Aliases: map[string]bool{"U.S.": true}}
	tariff := &Instrument{ID: "tariff", Name: "Tariff", MAST: "Tariff"}
	r := &Result{
		Doc: &Document{Path: "talks.txt", Title: "Talks"},
		ID:  "talks.txt",
		Sentences: []Sentence{
			{Text: "The U.S. cut steel tariffs.", Offset: 0},
			{Text: "China called on the United States to remove steel tariffs.", Offset: 28},
			{Text: "China may retaliate.", Offset: 90},
		},
		Entities: []*Entity{china, us},
		Measures: []*Measure{{Grantor: us, Instrument: tariff, Sector: "steel", Polarity: Asserted, Policy: "steel tariffs",
			Evidence: []int{0}}},
		Positions: []*Position{
			{Kind: Demand, Holder: china, Addressee: us, Instrument: tariff, Sector: "steel", Policy: "remove steel tariffs",
				Evidence: []int{1}},
			{Kind: Threat, Holder: china, Addressee: us, Hedged: true, Evidence: []int{2}},
		},
	}
	checkQuads(t, r)
	quads := r.Quads()
	doc := DocIRI(r.ID)
	out := map[quad.Value]map[string][]string{}
	for _, q := range quads {
		if q.Label != doc {
			t.Errorf("%v is not labelled with the document", q)
		}
		if out[q.Subject] == nil {
			out[q.Subject] = map[string][]string{}
		}
		p := vocab.ValueText(q.Predicate)
		out[q.Subject][p] = append(out[q.Subject][p], vocab.ValueText(q.Object))
	}
	demand := out[quad.IRI(string(doc)+"#p-china-demand-tariff-steel")]
	want := map[string][]string{
		vocab.RDFType:   {vocab.ClassPosition},
		vocab.RDFSLabel: {"China: remove steel tariffs (demand)"},
		vocab.Kind:      {"demand"},
		vocab.PolicyOf:  {vocab.IDBase + "policy/tariff/steel"},
		vocab.Text:      {"remove steel tariffs"},
		vocab.Holder:    {vocab.IDBase + "country/china"},
		vocab.Addressee: {vocab.IDBase + "country/united-states"},
		vocab.Evidence:  {string(doc) + "#s1"},
	}
	if !reflect.DeepEqual(demand, want) {
		t.Errorf("the demand's quads:\n%v\nwant\n%v", demand, want)
	}
	threat := out[quad.IRI(string(doc)+"#p-china-threat")]
	if got := threat[vocab.Hedged]; !reflect.DeepEqual(got, []string{"true"}) {
		t.Errorf("the hedged threat has tg:hedged %q", got)
	}
	if got := threat[vocab.PolicyOf]; got != nil {
		t.Errorf("a threat of no instrument names the policy %q", got)
	}
	if got := out[quad.IRI(string(doc)+"#s2")][vocab.Text]; !reflect.DeepEqual(got, []string{"China may retaliate."}) {
		t.Errorf("the threat's sentence has text %q", got)
	}
	// the concession and the demand share one policy, described once
	if got := out[quad.IRI(vocab.IDBase+"policy/tariff/steel")][vocab.RDFType]; len(got) != 1 {
		t.Errorf("the shared policy is typed %q", got)
	}
	classes := map[string]int{}
	for _, q := range quads {
		if vocab.ValueText(q.Predicate) == vocab.RDFType {
			classes[vocab.ValueText(q.Object)]++
		}
	}
	if classes[vocab.ClassPosition] != 2 || classes[vocab.ClassConcession] != 1 {
		t.Errorf("%d positions and %d concessions, want 2 and 1", classes[vocab.ClassPosition], classes[vocab.ClassConcession])
	}
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
