package article

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
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
	return quad.IRI(vocab.IDBase + "doc/" + url.PathEscape(filepath.ToSlash(id)))
}

// EntityIRI is the canonical IRI of an actor: the same actor in two
// articles is one node.
func EntityIRI(e *Entity) quad.IRI { return entityIRI(e, Slug(e.Name)) }

// entityIRI is EntityIRI(e), given the slug of e's name.
func entityIRI(e *Entity, slug string) quad.IRI {
	return quad.IRI(vocab.IDBase + strings.ReplaceAll(e.Type, "_", "-") + "/" + slug)
}

// SectorIRI is the canonical IRI of a sector.
func SectorIRI(name string) quad.IRI { return sectorIRI(Slug(name)) }

// sectorIRI is SectorIRI, given the slug of the sector's name.
func sectorIRI(slug string) quad.IRI { return quad.IRI(vocab.IDBase + "sector/" + slug) }

// InstrumentIRI is the canonical IRI of an instrument of the taxonomy.
func InstrumentIRI(in *Instrument) quad.IRI { return quad.IRI(vocab.IDBase + "instrument/" + in.ID) }

// PolicyIRI is the canonical IRI of an instrument applied to a sector.
func PolicyIRI(in *Instrument, sector string) quad.IRI {
	if sector == "" {
		return policyIRI(in, "general")
	}
	return policyIRI(in, Slug(sector))
}

// policyIRI is PolicyIRI, given the slug of the sector's name, or "general".
func policyIRI(in *Instrument, slug string) quad.IRI {
	return quad.IRI(vocab.IDBase + "policy/" + in.ID + "/" + slug)
}

// Quads turns a result into quads labelled with the document's IRI.
func (r *Result) Quads() []quad.Quad {
	base := string(DocIRI(r.ID))
	w := newEmitter(base, len(r.Sentences))
	defer w.free()
	doc := w.iri(base)
	w.add(doc, pType, w.class(cDocument))
	w.add(doc, pTitle, w.text(r.Doc.Title))
	w.add(doc, pSource, w.text(sourceOf(r.Doc)))
	if r.Doc.Date != "" {
		w.add(doc, pDate, w.str(r.Doc.Date))
	}
	sent := func(i int) int32 {
		if i < 0 || i >= len(w.sents) {
			return w.iri(base + "#s" + strconv.Itoa(i))
		}
		if w.sents[i] == 0 {
			w.sents[i] = w.iri(base + "#s" + strconv.Itoa(i))
		}
		return w.sents[i]
	}
	use := func(i int) {
		if i >= 0 && i < len(w.used) {
			w.used[i] = true
		}
	}
	for _, m := range r.Measures {
		for _, e := range m.Evidence {
			use(e)
		}
	}
	for _, b := range r.Bundles {
		for _, e := range b.Evidence {
			use(e)
		}
	}
	for _, c := range r.Claims {
		use(c.Evidence)
	}
	for _, p := range r.Positions {
		for _, e := range p.Evidence {
			use(e)
		}
	}
	for i, s := range r.Sentences {
		if !w.used[i] {
			continue
		}
		iri := sent(i)
		w.add(iri, pType, w.class(cSentence))
		w.add(iri, pText, w.text(s.Text))
		w.add(iri, pInDocument, doc)
		w.add(iri, pOffset, w.int(s.Offset))
	}
	iriOf := func(e *Entity) int32 {
		iri, ok := w.entities[e]
		if !ok {
			iri = w.iri(string(entityIRI(e, w.slug(e))))
			w.entities[e] = iri
		}
		return iri
	}
	for _, e := range r.Entities {
		iri := iriOf(e)
		w.add(iri, pType, w.class(classOf[e.Type]))
		w.add(iri, pLabel, w.str(e.Name))
		for _, a := range e.AliasList() {
			w.add(iri, pAlias, w.str(a))
		}
		if e.Role != "" {
			w.add(iri, pRole, w.str(e.Role))
		}
		if e.Org != nil {
			w.add(iri, pMemberOf, iriOf(e.Org))
		}
		w.add(doc, pMentions, iri)
	}
	for _, m := range r.Measures {
		grantor := "unknown"
		if m.Grantor != nil {
			grantor = w.slug(m.Grantor)
		}
		// the sector's slug, made once for the IRIs of the measure, policy and sector
		dash, sector := "", ""
		if m.Sector != "" {
			dash, sector = "-", Slug(m.Sector)
		}
		iri := w.fact(base + "#m-" + grantor + "-" + m.Instrument.ID + "-" + m.Polarity + dash + sector)
		w.measures[m] = iri
		pol := w.policy(m.Instrument, m.Sector, sector)
		w.add(iri, pType, w.class(cConcession))
		w.add(iri, pLabel, w.text(measureLabel(m)))
		w.add(iri, pPolicy, pol)
		w.add(iri, pText, w.text(m.Policy))
		w.add(iri, pPolarity, w.str(m.Polarity))
		if m.Action != "" {
			w.add(iri, pAction, w.str(m.Action))
		}
		if m.Hedged {
			w.add(iri, pHedged, w.bool(true))
		}
		if m.Grantor != nil {
			w.add(iri, pGrantor, iriOf(m.Grantor))
		}
		if m.Beneficiary != nil {
			w.add(iri, pBeneficiary, iriOf(m.Beneficiary))
		}
		if m.PartOf != nil {
			w.add(iri, pPartOf, iriOf(m.PartOf))
		}
		for _, e := range m.Evidence {
			w.add(iri, pEvidence, sent(e))
		}
	}
	for i, b := range r.Bundles {
		n := strconv.Itoa(i + 1)
		iri := w.iri(base + "#b" + n)
		w.add(iri, pType, w.class(cBundle))
		w.add(iri, pLabel, w.text("bundle "+n+" ("+b.Basis+")"))
		w.add(iri, pBasis, w.str(b.Basis))
		for _, m := range b.Members {
			mi, ok := w.measures[m]
			if !ok {
				mi = w.iri("") // not one of r.Measures
			}
			w.add(iri, pMember, mi)
		}
		for _, e := range b.Evidence {
			w.add(iri, pEvidence, sent(e))
		}
	}
	for i, c := range r.Claims {
		iri := w.iri(base + "#c" + strconv.Itoa(i+1))
		w.add(iri, pType, w.class(cClaim))
		w.add(iri, pLabel, w.text(strings.TrimSpace(c.Subject+" "+c.Predicate+" "+c.Object)))
		w.add(iri, pSubject, w.str(c.Subject))
		w.add(iri, pPredicate, w.str(c.Predicate))
		w.add(iri, pObject, w.str(c.Object))
		w.add(iri, pPolarity, w.str(c.Polarity))
		if c.Hedged {
			w.add(iri, pHedged, w.bool(true))
		}
		w.add(iri, pEvidence, sent(c.Evidence))
	}
	for _, p := range r.Positions {
		holder := "unknown"
		if p.Holder != nil {
			holder = w.slug(p.Holder)
		}
		name, sector := base+"#p-"+holder+"-"+p.Kind, ""
		if p.Instrument != nil {
			name += "-" + p.Instrument.ID
		}
		if p.Sector != "" {
			sector = Slug(p.Sector)
			name += "-" + sector
		}
		iri := w.fact(name)
		var pol int32
		if p.Instrument != nil {
			pol = w.policy(p.Instrument, p.Sector, sector)
		}
		w.add(iri, pType, w.class(cPosition))
		w.add(iri, pLabel, w.text(positionLabel(p)))
		w.add(iri, pKind, w.str(p.Kind))
		if pol != 0 {
			w.add(iri, pPolicy, pol)
		}
		if p.Policy != "" {
			w.add(iri, pText, w.text(p.Policy))
		}
		if p.Hedged {
			w.add(iri, pHedged, w.bool(true))
		}
		if p.Holder != nil {
			w.add(iri, pHolder, iriOf(p.Holder))
		}
		if p.Addressee != nil {
			w.add(iri, pAddressee, iriOf(p.Addressee))
		}
		for _, e := range p.Evidence {
			w.add(iri, pEvidence, sent(e))
		}
	}
	// then the count that marks the document complete
	out := w.quads(1)
	return append(out, quad.Quad{Subject: w.label, Predicate: predicates[pQuads], Object: quad.Int(len(out) + 1), Label: w.label})
}

// An emitter makes the quads of one document. It boxes values once, when
// first seen (long texts excepted, see text), and names them by ids, their
// indices in vals: converting a string to a quad.Value allocates, and ids
// are cheaper to hash and compare than values. Emitters are pooled, with
// the maps earlier documents grew.
type emitter struct {
	label   quad.Value       // the document's IRI
	vals    []quad.Value     // by id; vals[0] is nil, so that id 0 can mean none yet
	iris    map[string]int32 // the ids of IRIs, by text
	strs    map[string]int32 // of strings
	ints    map[int]int32    // of integers
	bools   [2]int32         // of false and true
	classes [len(classIRIs)]int32

	// the distinct quads so far, in the order made: the extraction is
	// deterministic, and so is its output
	order    []quadKey
	subjects []subject           // by id
	seen     map[uint64]struct{} // some of the quads, by seenKey

	// the ids of the IRIs of the things of the document, and other things
	// made once however many quads name them
	sents    []int32 // of sentences, by index
	used     []bool  // the sentences cited as evidence
	entities map[*Entity]int32
	measures map[*Measure]int32
	insts    map[*Instrument]int32
	policies map[policy]int32
	slugs    map[*Entity]string // of the entities' names
	names    map[string]int     // how many measures or positions have each IRI
}

// A policy is an instrument applied to a sector.
type policy struct {
	in     *Instrument
	sector string
}

var emitters = sync.Pool{
	New: func() any {
		return &emitter{
			iris: map[string]int32{}, strs: map[string]int32{}, ints: map[int]int32{},
			seen:     map[uint64]struct{}{},
			entities: map[*Entity]int32{}, measures: map[*Measure]int32{},
			insts: map[*Instrument]int32{}, policies: map[policy]int32{},
			slugs: map[*Entity]string{}, names: map[string]int{},
		}
	},
}

// newEmitter returns an emitter of the quads labelled with the IRI label, of
// a document of n sentences.
func newEmitter(label string, n int) *emitter {
	w := emitters.Get().(*emitter)
	w.label = quad.IRI(label)
	w.vals = append(w.vals[:0], nil)
	w.subjects = append(w.subjects[:0], subject{})
	w.sents = slices.Grow(w.sents[:0], n)[:n]
	clear(w.sents)
	w.used = slices.Grow(w.used[:0], n)[:n]
	clear(w.used)
	return w
}

// free empties w and puts it back in the pool.
func (w *emitter) free() {
	// an emitter grown by a huge document would cost every later one the
	// clearing of its maps
	if len(w.order) > 1<<14 {
		return
	}
	w.label = nil
	clear(w.vals) // not to keep the document's strings alive
	clear(w.iris)
	clear(w.strs)
	clear(w.ints)
	w.bools = [2]int32{}
	w.classes = [len(classIRIs)]int32{}
	clear(w.seen)
	w.order = w.order[:0]
	clear(w.entities)
	clear(w.measures)
	clear(w.insts)
	clear(w.policies)
	clear(w.slugs)
	clear(w.names)
	emitters.Put(w)
}

// slug returns the slug of e's name.
func (w *emitter) slug(e *Entity) string {
	s, ok := w.slugs[e]
	if !ok {
		s = Slug(e.Name)
		w.slugs[e] = s
	}
	return s
}

// fact returns the id of the IRI of a measure or position named name: the
// first of that name takes it as it is, the nth after it gets "-n".
func (w *emitter) fact(name string) int32 {
	if n := w.names[name]; n > 0 {
		w.names[name]++
		name += "-" + strconv.Itoa(n+1)
	} else {
		w.names[name] = 1
	}
	return w.iri(name)
}

// policy returns the id of the policy of instrument in applied to sector
// (whose slug is slug; "" for none), and describes the policy, its
// instrument and its sector once, however many facts name them.
func (w *emitter) policy(in *Instrument, sector, slug string) int32 {
	pol, ok := w.policies[policy{in, sector}]
	if !ok {
		if sector == "" {
			pol = w.iri(string(policyIRI(in, "general")))
		} else {
			pol = w.iri(string(policyIRI(in, slug)))
		}
		w.policies[policy{in, sector}] = pol
	}
	inst, ok := w.insts[in]
	if !ok {
		inst = w.iri(string(InstrumentIRI(in)))
		w.insts[in] = inst
	}
	if !w.subjects[inst].described {
		w.subjects[inst].described = true
		w.add(inst, pType, w.class(cInstrument))
		w.add(inst, pLabel, w.str(in.Name))
		if in.MAST != "" {
			w.add(inst, pMAST, w.str(in.MAST))
		}
	}
	if !w.subjects[pol].described {
		w.subjects[pol].described = true
		w.add(pol, pType, w.class(cPolicy))
		label := in.Name
		if sector != "" {
			sec := w.iri(string(sectorIRI(slug)))
			if !w.subjects[sec].described {
				w.subjects[sec].described = true
				w.add(sec, pType, w.class(cSector))
				w.add(sec, pLabel, w.str(sector))
			}
			w.add(pol, pSector, sec)
			label += " (" + sector + ")"
		}
		w.add(pol, pLabel, w.text(label))
		w.add(pol, pInstrument, inst)
	}
	return pol
}

// iri returns the id of the IRI s.
func (w *emitter) iri(s string) int32 {
	id, ok := w.iris[s]
	if !ok {
		id = w.box(quad.IRI(s))
		w.iris[s] = id
	}
	return id
}

// str returns the id of the string s, boxed once: for strings many quads
// share.
func (w *emitter) str(s string) int32 {
	id, ok := w.strs[s]
	if !ok {
		id = w.box(quad.String(s))
		w.strs[s] = id
	}
	return id
}

// text returns a new id of the string s, boxed anew: for long strings that
// seldom repeat, which cost more to look up than to box. Such ids are made
// canonical only to look quads up, by canon.
func (w *emitter) text(s string) int32 { return w.box(quad.String(s)) }

// canon returns the first id of the value of id.
func (w *emitter) canon(id int32) int32 {
	s, ok := w.vals[id].(quad.String)
	if !ok {
		return id // IRIs, integers and booleans have one id each
	}
	first, ok := w.strs[string(s)]
	if !ok {
		w.strs[string(s)] = id
		return id
	}
	return first
}

// int returns the id of the integer n.
func (w *emitter) int(n int) int32 {
	id, ok := w.ints[n]
	if !ok {
		id = w.box(quad.Int(n))
		w.ints[n] = id
	}
	return id
}

// bool returns the id of the boolean b.
func (w *emitter) bool(b bool) int32 {
	i := 0
	if b {
		i = 1
	}
	if w.bools[i] == 0 {
		w.bools[i] = w.box(quad.Bool(b))
	}
	return w.bools[i]
}

// class returns the id of the IRI of class c.
func (w *emitter) class(c class) int32 {
	if w.classes[c] == 0 {
		w.classes[c] = w.iri(classIRIs[c])
	}
	return w.classes[c]
}

// maxID bounds ids, for seenKey.
const maxID = 1<<29 - 1

// box gives v an id.
func (w *emitter) box(v quad.Value) int32 {
	if len(w.vals) > maxID {
		panic("article: too many values in one document")
	}
	w.vals = append(w.vals, v)
	w.subjects = append(w.subjects, subject{})
	return int32(len(w.vals) - 1)
}

// A quadKey is a quad by the ids of its subject and object.
type quadKey struct {
	s, o int32
	p    pred
	prev int32 // the index in order of the quad of the same subject before
}

// seenKey packs k into one integer, a map key that hashes faster than a
// struct: 29 bits for each id and 6 for the predicate.
func seenKey(k quadKey) uint64 {
	return uint64(k.s)<<35 | uint64(k.o)<<6 | uint64(k.p)
}

// A subject is what an emitter knows of the quads of a subject.
type subject struct {
	preds uint32 // the predicates of its quads, a bit each
	multi uint32 // those of more than one quad, whose quads are all in seen
	last  int32  // the index in order of its last quad

	described bool // an instrument, policy or sector whose quads are made
}

// add adds the quad (s, p, o) unless w has it already. Most quads are the
// first of their subject and predicate, and so new: only the quads of a
// subject and predicate that have more than one are looked up.
func (w *emitter) add(s int32, p pred, o int32) {
	k := quadKey{s: s, o: o, p: p}
	sub := &w.subjects[s]
	bit := uint32(1) << p
	if sub.preds&bit != 0 {
		if sub.multi&bit == 0 {
			// the second quad of s and p: seen gets the first
			sub.multi |= bit
			i := sub.last
			for w.order[i].p != p {
				i = w.order[i].prev
			}
			w.order[i].o = w.canon(w.order[i].o)
			w.seen[seenKey(w.order[i])] = struct{}{}
		}
		k.o = w.canon(o)
		n := len(w.seen)
		w.seen[seenKey(k)] = struct{}{} // one map operation, where a lookup first would be two
		if len(w.seen) == n {
			return
		}
	}
	sub.preds |= bit
	k.prev = sub.last
	sub.last = int32(len(w.order))
	w.order = append(w.order, k)
}

// quads returns the quads of w, with room for extra more.
func (w *emitter) quads(extra int) []quad.Quad {
	out := make([]quad.Quad, len(w.order), len(w.order)+extra)
	for i, k := range w.order {
		// field by field: a write of a whole quad.Quad goes through the
		// runtime, slowly, while the garbage collector runs
		q := &out[i]
		q.Subject = w.vals[k.s]
		q.Predicate = predicates[k.p]
		q.Object = w.vals[k.o]
		q.Label = w.label
	}
	return out
}

// pred is a predicate of the quads of a document, an index into predicates
// and a bit in subject.preds: comparing and hashing small integers is
// cheaper than comparing IRIs.
type pred uint8

const (
	pType pred = iota
	pLabel
	pTitle
	pSource
	pDate
	pText
	pInDocument
	pOffset
	pAlias
	pRole
	pMemberOf
	pMentions
	pMAST
	pSector
	pInstrument
	pPolicy
	pPolarity
	pAction
	pHedged
	pGrantor
	pBeneficiary
	pPartOf
	pEvidence
	pBasis
	pMember
	pSubject
	pPredicate
	pObject
	pKind
	pHolder
	pAddressee
	pQuads
)

// predicates are the IRIs of the preds, boxed once for all documents.
var predicates = [...]quad.Value{
	pType:        quad.IRI(vocab.RDFType),
	pLabel:       quad.IRI(vocab.RDFSLabel),
	pTitle:       quad.IRI(vocab.Title),
	pSource:      quad.IRI(vocab.Source),
	pDate:        quad.IRI(vocab.Date),
	pText:        quad.IRI(vocab.Text),
	pInDocument:  quad.IRI(vocab.InDocument),
	pOffset:      quad.IRI(vocab.Offset),
	pAlias:       quad.IRI(vocab.Alias),
	pRole:        quad.IRI(vocab.Role),
	pMemberOf:    quad.IRI(vocab.MemberOf),
	pMentions:    quad.IRI(vocab.Mentions),
	pMAST:        quad.IRI(vocab.MAST),
	pSector:      quad.IRI(vocab.Sector),
	pInstrument:  quad.IRI(vocab.Instrument),
	pPolicy:      quad.IRI(vocab.PolicyOf),
	pPolarity:    quad.IRI(vocab.Polarity),
	pAction:      quad.IRI(vocab.Action),
	pHedged:      quad.IRI(vocab.Hedged),
	pGrantor:     quad.IRI(vocab.Grantor),
	pBeneficiary: quad.IRI(vocab.Beneficiary),
	pPartOf:      quad.IRI(vocab.PartOf),
	pEvidence:    quad.IRI(vocab.Evidence),
	pBasis:       quad.IRI(vocab.Basis),
	pMember:      quad.IRI(vocab.Member),
	pSubject:     quad.IRI(vocab.Subject),
	pPredicate:   quad.IRI(vocab.Predicate),
	pObject:      quad.IRI(vocab.Object),
	pKind:        quad.IRI(vocab.Kind),
	pHolder:      quad.IRI(vocab.Holder),
	pAddressee:   quad.IRI(vocab.Addressee),
	pQuads:       quad.IRI(vocab.QuadCount),
}

// class is a class of the things of a document, an index into classIRIs:
// rdf:type names one in about every fifth quad.
type class uint8

const (
	cNone class = iota // of an entity of a type without a class
	cDocument
	cSentence
	cCountry
	cBloc
	cAgency
	cIntlOrg
	cPerson
	cCompany
	cFirmGroup
	cParty
	cMedia
	cFund
	cAgreement
	cSector
	cPolicy
	cConcession
	cBundle
	cClaim
	cInstrument
	cPosition
)

var classIRIs = [...]string{
	cNone:       "",
	cDocument:   vocab.ClassDocument,
	cSentence:   vocab.ClassSentence,
	cCountry:    vocab.ClassCountry,
	cBloc:       vocab.ClassBloc,
	cAgency:     vocab.ClassAgency,
	cIntlOrg:    vocab.ClassIntlOrg,
	cPerson:     vocab.ClassPerson,
	cCompany:    vocab.ClassCompany,
	cFirmGroup:  vocab.ClassFirmGroup,
	cParty:      vocab.ClassParty,
	cMedia:      vocab.ClassMedia,
	cFund:       vocab.ClassFund,
	cAgreement:  vocab.ClassAgreement,
	cSector:     vocab.ClassSector,
	cPolicy:     vocab.ClassPolicy,
	cConcession: vocab.ClassConcession,
	cBundle:     vocab.ClassBundle,
	cClaim:      vocab.ClassClaim,
	cInstrument: vocab.ClassInstrument,
	cPosition:   vocab.ClassPosition,
}

// classOf is the class of the entities of each type.
var classOf = map[string]class{
	TypeCountry: cCountry, TypeBloc: cBloc, TypeAgency: cAgency, TypeIntlOrg: cIntlOrg,
	TypePerson: cPerson, TypeCompany: cCompany, TypeFirmGroup: cFirmGroup, TypeParty: cParty,
	TypeMedia: cMedia, TypeFund: cFund, TypeAgreement: cAgreement,
}

// measureLabel names a measure for people: who, what, and how it stands.
func measureLabel(m *Measure) string {
	who := "unknown"
	if m.Grantor != nil {
		who = m.Grantor.Name
	}
	return who + ": " + m.Policy + " (" + m.Polarity + ")"
}

// positionLabel names a position for people: who, what, and which kind.
func positionLabel(p *Position) string {
	who := "unknown"
	if p.Holder != nil {
		who = p.Holder.Name
	}
	what := p.Policy
	if what == "" && p.Instrument != nil {
		what = p.Instrument.Name
	}
	return who + ": " + what + " (" + p.Kind + ")"
}

func sourceOf(d *Document) string {
	if d.Source != "" {
		return d.Source
	}
	return filepath.ToSlash(d.Path)
}
