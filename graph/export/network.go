package export

import (
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
)

// Relations of the network view's edges.
const (
	relGrants    = "grants"    // actor -> measure it grants, keeps or is said not to grant
	relBenefits  = "benefits"  // measure -> actor it benefits
	relConcerns  = "concerns"  // measure or position -> policy
	relInSector  = "in-sector" // policy -> sector
	relMemberOf  = "member-of" // measure -> bundle; person -> agency; country -> bloc
	relPartOf    = "part-of"   // measure -> agreement
	relHolds     = "holds"     // actor -> position it takes: a demand, threat or offer
	relAddresses = "addresses" // position -> actor it is addressed to
)

// networkTypes maps the classes that are nodes of the network view to their
// type names (the actor types of the query results), in the order a node
// with several classes takes its type.
var networkTypes = []struct{ class, name string }{
	{vocab.ClassConcession, "concession"}, {vocab.ClassPosition, "position"}, {vocab.ClassBundle, "bundle"}, {vocab.ClassPolicy, "policy"},
	{vocab.ClassSector, "sector"}, {vocab.ClassCountry, "country"}, {vocab.ClassBloc, "bloc"},
	{vocab.ClassAgency, "agency"}, {vocab.ClassIntlOrg, "international_organization"}, {vocab.ClassPerson, "person"}, {vocab.ClassCompany, "company"},
	{vocab.ClassFirmGroup, "firm_group"}, {vocab.ClassParty, "political_party"}, {vocab.ClassMedia, "media"}, {vocab.ClassFund, "fund"},
	{vocab.ClassAgreement, "agreement"},
}

// networkNodeAttrs are the attributes of the network view's nodes.
var networkNodeAttrs = []Attr{
	{typeAttrName, String}, {labelAttrName, String}, {"iri", String}, {"aliases", String}, {"role", String},
	{"polarity", String}, {"action", String}, {"hedged", Boolean}, {"instrument", String}, {"mast", String},
	{"sector", String}, {"basis", String}, {"evidence", String}, {"documents", String},
	// last, so that the keys and columns of the attributes before it stay
	// where they were before positions
	{"kind", String},
}

// networkEdgeAttrs are the attributes of the network view's edges.
var networkEdgeAttrs = []Attr{{"relation", String}, {"documents", String}}

// The predicates the network view reads; the others are skipped as the
// store is scanned, which keeps a large store's view small.
var networkPreds = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, p := range []string{vocab.RDFType, vocab.RDFSLabel, vocab.Alias, vocab.Role, vocab.MemberOf, vocab.Instrument, vocab.MAST,
		vocab.Sector, vocab.Grantor, vocab.Beneficiary, vocab.PolicyOf, vocab.Text, vocab.Polarity, vocab.Action, vocab.Hedged, vocab.PartOf,
		vocab.Evidence, vocab.Member, vocab.Basis, vocab.InDocument, vocab.Offset, vocab.Kind, vocab.Holder, vocab.Addressee} {
		m[p] = uint8(i)
	}
	return m
}()

func pred(p string) uint8 { return networkPreds[p] }

// prop is one value of one predicate of a node, and the document stating it.
type prop struct {
	pred uint8
	doc  int32 // index into table.docs, -1 for none
	val  string
}

// table holds the values the network view needs, per subject. Strings are
// interned: a canonical actor's IRI is stored once however many quads name it.
type table struct {
	props  map[string][]prop
	docs   []string
	docIdx map[string]int32
	intern map[string]string
}

func (t *table) str(s string) string {
	if x, ok := t.intern[s]; ok {
		return x
	}
	t.intern[s] = s
	return s
}

func (t *table) add(q quad.Quad) {
	p, ok := networkPreds[vocab.ValueText(q.Predicate)]
	if !ok {
		return
	}
	doc := int32(-1)
	if q.Label != nil {
		l := vocab.ValueText(q.Label)
		i, ok := t.docIdx[l]
		if !ok {
			i = int32(len(t.docs))
			t.docIdx[l] = i
			t.docs = append(t.docs, l)
		}
		doc = i
	}
	s := t.str(vocab.ValueText(q.Subject))
	t.props[s] = append(t.props[s], prop{pred: p, doc: doc, val: t.str(valueText(q.Object))})
}

// valueText is a value's plain text. Cayley keeps typed literals as native
// values (quad.Int, quad.Bool, ...): their text is their lexical form, with
// booleans as "true" and "false".
func valueText(v quad.Value) string {
	switch v := v.(type) {
	case quad.Bool:
		return strconv.FormatBool(bool(v))
	case quad.TypedStringer:
		return string(v.TypedString().Value)
	}
	return vocab.ValueText(v)
}

// all is every distinct value of p on n, sorted.
func (t *table) all(n, p string) []string {
	var out []string
	pi := pred(p)
	for _, x := range t.props[n] {
		if x.pred == pi {
			out = append(out, x.val)
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

// one is the first (smallest) value of p on n, so a node two documents name
// differently still gets one stable value.
func (t *table) one(n, p string) string {
	best, found := "", false
	pi := pred(p)
	for _, x := range t.props[n] {
		if x.pred == pi && (!found || x.val < best) {
			best, found = x.val, true
		}
	}
	return best
}

// docsOf lists the documents that state something of n.
func (t *table) docsOf(n string) []string {
	var out []string
	for _, x := range t.props[n] {
		if x.doc >= 0 {
			out = append(out, DocID(t.docs[x.doc]))
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// DocID is a document's id from the IRI the article loader gives it; other
// labels are returned as they are.
func DocID(label string) string {
	id, ok := strings.CutPrefix(label, vocab.IDBase+"doc/")
	if !ok {
		return label
	}
	if u, err := url.PathUnescape(id); err == nil {
		return u
	}
	return id
}

// ShortID is a node's id: its IRI without tradegraph's common prefix.
func ShortID(iri string) string { return strings.TrimPrefix(iri, vocab.IDBase) }

func buildNetwork(ctx context.Context, each eachFunc) (*Graph, error) {
	t := &table{props: map[string][]prop{}, docIdx: map[string]int32{}, intern: map[string]string{}}
	if err := each(ctx, func(q quad.Quad) error { t.add(q); return nil }); err != nil {
		return nil, err
	}
	t.intern = nil

	g := &Graph{View: Network, NodeAttrs: networkNodeAttrs, EdgeAttrs: networkEdgeAttrs}
	index := map[string]int{}
	for n := range t.props {
		typ := networkType(t.all(n, vocab.RDFType))
		if typ == "" {
			continue
		}
		index[n] = len(g.Nodes)
		g.Nodes = append(g.Nodes, t.node(n, typ))
	}

	type edgeKey struct {
		from, to int
		rel      string
	}
	edges := map[edgeKey][]string{}
	link := func(from, to, rel string, docs []string) {
		i, ok := index[from]
		j, ok2 := index[to]
		if !ok || !ok2 {
			return
		}
		k := edgeKey{i, j, rel}
		edges[k] = append(edges[k], docs...)
	}
	for n := range index {
		for _, x := range t.props[n] {
			var docs []string
			if x.doc >= 0 {
				docs = []string{DocID(t.docs[x.doc])}
			}
			switch x.pred {
			case pred(vocab.Grantor):
				link(x.val, n, relGrants, docs)
			case pred(vocab.Beneficiary):
				link(n, x.val, relBenefits, docs)
			case pred(vocab.PolicyOf):
				link(n, x.val, relConcerns, docs)
			case pred(vocab.Sector):
				link(n, x.val, relInSector, docs)
			case pred(vocab.Member):
				link(x.val, n, relMemberOf, docs)
			case pred(vocab.MemberOf):
				link(n, x.val, relMemberOf, docs)
			case pred(vocab.PartOf):
				link(n, x.val, relPartOf, docs)
			case pred(vocab.Holder):
				link(x.val, n, relHolds, docs)
			case pred(vocab.Addressee):
				link(n, x.val, relAddresses, docs)
			}
		}
	}
	for k, docs := range edges {
		sort.Strings(docs)
		g.Edges = append(g.Edges, Edge{Source: k.from, Target: k.to, Label: k.rel,
			Values: []string{k.rel, strings.Join(dedupe(docs), "; ")}})
	}
	g.sortGraph()
	return g, nil
}

func networkType(classes []string) string {
	for _, c := range networkTypes {
		for _, have := range classes {
			if have == c.class {
				return c.name
			}
		}
	}
	return ""
}

// node makes the network node of n, of type typ.
func (t *table) node(n, typ string) Node {
	v := map[string]string{typeAttrName: typ, "iri": n}
	label := t.one(n, vocab.RDFSLabel)
	aliases := t.all(n, vocab.Alias)
	switch typ {
	case "concession":
		if text := t.one(n, vocab.Text); text != "" {
			label = text
		}
		v["polarity"] = t.one(n, vocab.Polarity)
		v["action"] = t.one(n, vocab.Action)
		v["hedged"] = strconv.FormatBool(t.one(n, vocab.Hedged) == "true")
		t.policyAttrs(t.one(n, vocab.PolicyOf), v)
		v["evidence"] = t.evidence(n)
	case "position":
		if text := t.one(n, vocab.Text); text != "" {
			label = text
		}
		v["kind"] = t.one(n, vocab.Kind)
		v["hedged"] = strconv.FormatBool(t.one(n, vocab.Hedged) == "true")
		t.policyAttrs(t.one(n, vocab.PolicyOf), v)
		v["evidence"] = t.evidence(n)
	case "bundle":
		v["basis"] = t.one(n, vocab.Basis)
		if label == "" {
			label = strings.TrimSpace("bundle: " + v["basis"])
		}
		v["evidence"] = t.evidence(n)
	case "policy":
		t.policyAttrs(n, v)
	case "person":
		v["role"] = t.one(n, vocab.Role)
	}
	if label == "" {
		label = vocab.LocalName(n)
	}
	v[labelAttrName] = label
	v["aliases"] = strings.Join(aliases, "; ")
	v["documents"] = strings.Join(t.docsOf(n), "; ")
	values := make([]string, len(networkNodeAttrs))
	for i, a := range networkNodeAttrs {
		values[i] = v[a.Name]
	}
	return Node{ID: ShortID(n), Values: values, expand: true}
}

// policyAttrs sets the instrument and sector of policy p.
func (t *table) policyAttrs(p string, v map[string]string) {
	if p == "" {
		return
	}
	inst := t.one(p, vocab.Instrument)
	v["instrument"] = t.one(inst, vocab.RDFSLabel)
	v["mast"] = t.one(inst, vocab.MAST)
	if s := t.one(p, vocab.Sector); s != "" {
		v["sector"] = t.one(s, vocab.RDFSLabel)
		if v["sector"] == "" {
			v["sector"] = vocab.LocalName(s)
		}
	}
}

// evidence is the text of n's evidence sentences in document and text
// order, one per line.
func (t *table) evidence(n string) string {
	type sentence struct {
		doc    string
		offset int
		iri    string
		text   string
	}
	var ss []sentence
	for _, s := range t.all(n, vocab.Evidence) {
		off, _ := strconv.Atoi(t.one(s, vocab.Offset))
		ss = append(ss, sentence{t.one(s, vocab.InDocument), off, s, t.one(s, vocab.Text)})
	}
	sort.Slice(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.offset != b.offset {
			return a.offset < b.offset
		}
		return a.iri < b.iri
	})
	var texts []string
	for _, s := range ss {
		if s.text != "" {
			texts = append(texts, s.text)
		}
	}
	return strings.Join(texts, "\n")
}
