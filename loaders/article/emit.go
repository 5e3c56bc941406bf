package article

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Slug makes an IRI-safe, lower-case identifier of a name.
func Slug(s string) string {
	if isSlug(s) {
		return s // many sectors are ("beef", "palm-oil"): no need to copy them
	}
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r) // as strings.ToLower(s) would, without a copy of s
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

// isSlug reports whether s is its own slug: lower-case ASCII letters and
// digits, with single dashes between them.
func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// DocIRI is the IRI, and the label of every quad, of the document with id.
func DocIRI(id string) quad.IRI {
	return quad.IRI(tg.IDBase + "doc/" + url.PathEscape(filepath.ToSlash(id)))
}

// EntityIRI is the canonical IRI of an actor: the same actor in two
// articles is one node.
func EntityIRI(e *Entity) quad.IRI {
	return quad.IRI(tg.IDBase + strings.ReplaceAll(e.Type, "_", "-") + "/" + Slug(e.Name))
}

// SectorIRI is the canonical IRI of a sector.
func SectorIRI(name string) quad.IRI { return quad.IRI(tg.IDBase + "sector/" + Slug(name)) }

// InstrumentIRI is the canonical IRI of an instrument of the taxonomy.
func InstrumentIRI(in *Instrument) quad.IRI { return quad.IRI(tg.IDBase + "instrument/" + in.ID) }

// PolicyIRI is the canonical IRI of an instrument applied to a sector.
func PolicyIRI(in *Instrument, sector string) quad.IRI {
	s := "general"
	if sector != "" {
		s = Slug(sector)
	}
	return quad.IRI(tg.IDBase + "policy/" + in.ID + "/" + s)
}

var classOf = map[string]string{
	TypeCountry: tg.ClassCountry, TypeBloc: tg.ClassBloc, TypeAgency: tg.ClassAgency, TypeOrg: tg.ClassAgency,
	TypePerson: tg.ClassPerson, TypeCompany: tg.ClassCompany, TypeFirmGroup: tg.ClassFirmGroup,
	TypeMedia: tg.ClassMedia, TypeFund: tg.ClassFund, TypeAgreement: tg.ClassAgreement,
}

// Quads turns a result into quads labelled with the document's IRI.
func (r *Result) Quads() []quad.Quad {
	doc := DocIRI(r.ID)
	base := string(doc)
	var out []quad.Quad
	add := func(s quad.Value, p string, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: doc})
	}
	str := func(s string) quad.Value { return quad.String(s) }
	add(doc, tg.RDFType, quad.IRI(tg.ClassDocument))
	add(doc, tg.Title, str(r.Doc.Title))
	add(doc, tg.Source, str(sourceOf(r.Doc)))
	if r.Doc.Date != "" {
		add(doc, tg.Date, str(r.Doc.Date))
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
		add(sent(i), tg.RDFType, quad.IRI(tg.ClassSentence))
		add(sent(i), tg.Text, str(s.Text))
		add(sent(i), tg.InDocument, doc)
		add(sent(i), tg.Offset, quad.Int(s.Offset))
	}
	entityIRI := map[*Entity]quad.IRI{}
	iriOf := func(e *Entity) quad.IRI {
		iri, ok := entityIRI[e]
		if !ok {
			iri = EntityIRI(e)
			entityIRI[e] = iri
		}
		return iri
	}
	for _, e := range r.Entities {
		iri := iriOf(e)
		add(iri, tg.RDFType, quad.IRI(classOf[e.Type]))
		add(iri, tg.RDFSLabel, str(e.Name))
		for _, a := range e.AliasList() {
			add(iri, tg.Alias, str(a))
		}
		if e.Role != "" {
			add(iri, tg.Role, str(e.Role))
		}
		if e.Org != nil {
			add(iri, tg.MemberOf, iriOf(e.Org))
		}
		add(doc, tg.Mentions, iri)
	}
	measureIRI := map[*Measure]quad.IRI{}
	described := map[quad.IRI]bool{}
	seen := map[quad.IRI]int{}
	for _, m := range r.Measures {
		iri := quad.IRI(fmt.Sprintf("%s#m-%s-%s-%s", base, slugOf(m.Grantor), m.Instrument.ID, m.Polarity))
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
		// instruments, sectors and policies are described once, however many measures name them
		if !described[inst] {
			described[inst] = true
			add(inst, tg.RDFType, quad.IRI(tg.ClassInstrument))
			add(inst, tg.RDFSLabel, str(m.Instrument.Name))
			if m.Instrument.MAST != "" {
				add(inst, tg.MAST, str(m.Instrument.MAST))
			}
		}
		if !described[pol] {
			described[pol] = true
			add(pol, tg.RDFType, quad.IRI(tg.ClassPolicy))
			label := m.Instrument.Name
			if m.Sector != "" {
				sec := SectorIRI(m.Sector)
				if !described[sec] {
					described[sec] = true
					add(sec, tg.RDFType, quad.IRI(tg.ClassSector))
					add(sec, tg.RDFSLabel, str(m.Sector))
				}
				add(pol, tg.Sector, sec)
				label += " (" + m.Sector + ")"
			}
			add(pol, tg.RDFSLabel, str(label))
			add(pol, tg.Instrument, inst)
		}
		add(iri, tg.RDFType, quad.IRI(tg.ClassConcession))
		add(iri, tg.RDFSLabel, str(measureLabel(m)))
		add(iri, tg.PolicyOf, pol)
		add(iri, tg.Text, str(m.Policy))
		add(iri, tg.Polarity, str(m.Polarity))
		if m.Action != "" {
			add(iri, tg.Action, str(m.Action))
		}
		if m.Hedged {
			add(iri, tg.Hedged, quad.Bool(true))
		}
		if m.Grantor != nil {
			add(iri, tg.Grantor, iriOf(m.Grantor))
		}
		if m.Beneficiary != nil {
			add(iri, tg.Beneficiary, iriOf(m.Beneficiary))
		}
		if m.PartOf != nil {
			add(iri, tg.PartOf, iriOf(m.PartOf))
		}
		for _, e := range m.Evidence {
			add(iri, tg.Evidence, sent(e))
		}
	}
	for i, b := range r.Bundles {
		iri := quad.IRI(fmt.Sprintf("%s#b%d", base, i+1))
		add(iri, tg.RDFType, quad.IRI(tg.ClassBundle))
		add(iri, tg.RDFSLabel, str(fmt.Sprintf("bundle %d (%s)", i+1, b.Basis)))
		add(iri, tg.Basis, str(b.Basis))
		for _, m := range b.Members {
			add(iri, tg.Member, measureIRI[m])
		}
		for _, e := range b.Evidence {
			add(iri, tg.Evidence, sent(e))
		}
	}
	for i, c := range r.Claims {
		iri := quad.IRI(fmt.Sprintf("%s#c%d", base, i+1))
		add(iri, tg.RDFType, quad.IRI(tg.ClassClaim))
		add(iri, tg.RDFSLabel, str(strings.TrimSpace(c.Subject+" "+c.Predicate+" "+c.Object)))
		add(iri, tg.Subject, str(c.Subject))
		add(iri, tg.Predicate, str(c.Predicate))
		add(iri, tg.Object, str(c.Object))
		add(iri, tg.Polarity, str(c.Polarity))
		if c.Hedged {
			add(iri, tg.Hedged, quad.Bool(true))
		}
		add(iri, tg.Evidence, sent(c.Evidence))
	}
	// distinct quads, in the order made (the extraction is deterministic), then
	// the count that marks the document complete
	distinct := make(map[quad.Quad]struct{}, len(out))
	uniq := out[:0]
	for _, q := range out {
		if _, dup := distinct[q]; !dup {
			distinct[q] = struct{}{}
			uniq = append(uniq, q)
		}
	}
	return append(uniq, quad.Quad{Subject: doc, Predicate: quad.IRI(tg.QuadCount), Object: quad.Int(len(uniq) + 1), Label: doc})
}

// measureLabel names a measure for people: who, what, and how it stands.
func measureLabel(m *Measure) string {
	who := "unknown"
	if m.Grantor != nil {
		who = m.Grantor.Name
	}
	return fmt.Sprintf("%s: %s (%s)", who, m.Policy, m.Polarity)
}

func slugOf(e *Entity) string {
	if e == nil {
		return "unknown"
	}
	return Slug(e.Name)
}

func sourceOf(d *Document) string {
	if d.Source != "" {
		return d.Source
	}
	return filepath.ToSlash(d.Path)
}
