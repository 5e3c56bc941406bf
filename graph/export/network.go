package export

import (
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Relations of the network view's edges.
const (
	relGrants   = "grants"    // actor -> measure it grants, keeps or is said not to grant
	relBenefits = "benefits"  // measure -> actor it benefits
	relConcerns = "concerns"  // measure -> policy
	relInSector = "in-sector" // policy -> sector
	relMemberOf = "member-of" // measure -> bundle; person -> agency; country -> bloc
	relPartOf   = "part-of"   // measure -> agreement
)

// networkTypes maps the classes that are nodes of the network view to their
// type names (the actor types of the query results), in the order a node
// with several classes takes its type.
var networkTypes = []struct{ class, name string }{
	{tg.ClassConcession, "concession"}, {tg.ClassBundle, "bundle"}, {tg.ClassPolicy, "policy"},
	{tg.ClassSector, "sector"}, {tg.ClassCountry, "country"}, {tg.ClassBloc, "bloc"},
	{tg.ClassAgency, "agency"}, {tg.ClassPerson, "person"}, {tg.ClassCompany, "company"},
	{tg.ClassFirmGroup, "firm_group"}, {tg.ClassMedia, "media"}, {tg.ClassFund, "fund"},
	{tg.ClassAgreement, "agreement"},
}

// networkNodeAttrs are the attributes of the network view's nodes.
var networkNodeAttrs = []Attr{
	{typeAttrName, String}, {labelAttrName, String}, {"iri", String}, {"aliases", String}, {"role", String},
	{"polarity", String}, {"action", String}, {"hedged", Boolean}, {"instrument", String}, {"mast", String},
	{"sector", String}, {"basis", String}, {"evidence", String}, {"documents", String},
}

// networkEdgeAttrs are the attributes of the network view's edges.
var networkEdgeAttrs = []Attr{{"relation", String}, {"documents", String}}

// The predicates the network view reads; the others are skipped as the
// store is scanned, which keeps a large store's view small.
var networkPreds = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, p := range []string{tg.RDFType, tg.RDFSLabel, tg.Alias, tg.Role, tg.MemberOf, tg.Instrument, tg.MAST,
		tg.Sector, tg.Grantor, tg.Beneficiary, tg.PolicyOf, tg.Text, tg.Polarity, tg.Action, tg.Hedged, tg.PartOf,
		tg.Evidence, tg.Member, tg.Basis, tg.InDocument, tg.Offset} {
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
	p, ok := networkPreds[tg.ValueText(q.Predicate)]
	if !ok {
		return
	}
	doc := int32(-1)
	if q.Label != nil {
		l := tg.ValueText(q.Label)
		i, ok := t.docIdx[l]
		if !ok {
			i = int32(len(t.docs))
			t.docIdx[l] = i
			t.docs = append(t.docs, l)
		}
		doc = i
	}
	s := t.str(tg.ValueText(q.Subject))
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
	return tg.ValueText(v)
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
	id, ok := strings.CutPrefix(label, tg.IDBase+"doc/")
	if !ok {
		return label
	}
	if u, err := url.PathUnescape(id); err == nil {
		return u
	}
	return id
}

// ShortID is a node's id: its IRI without tradegraph's common prefix.
func ShortID(iri string) string { return strings.TrimPrefix(iri, tg.IDBase) }

func buildNetwork(ctx context.Context, each eachFunc) (*Graph, error) {
	t := &table{props: map[string][]prop{}, docIdx: map[string]int32{}, intern: map[string]string{}}
	if err := each(ctx, func(q quad.Quad) error { t.add(q); return nil }); err != nil {
		return nil, err
	}
	t.intern = nil

	g := &Graph{View: Network, NodeAttrs: networkNodeAttrs, EdgeAttrs: networkEdgeAttrs}
	index := map[string]int{}
	for n := range t.props {
		typ := networkType(t.all(n, tg.RDFType))
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
			case pred(tg.Grantor):
				link(x.val, n, relGrants, docs)
			case pred(tg.Beneficiary):
				link(n, x.val, relBenefits, docs)
			case pred(tg.PolicyOf):
				link(n, x.val, relConcerns, docs)
			case pred(tg.Sector):
				link(n, x.val, relInSector, docs)
			case pred(tg.Member):
				link(x.val, n, relMemberOf, docs)
			case pred(tg.MemberOf):
				link(n, x.val, relMemberOf, docs)
			case pred(tg.PartOf):
				link(n, x.val, relPartOf, docs)
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
	label := t.one(n, tg.RDFSLabel)
	aliases := t.all(n, tg.Alias)
	switch typ {
	case "concession":
		if text := t.one(n, tg.Text); text != "" {
			label = text
		}
		v["polarity"] = t.one(n, tg.Polarity)
		v["action"] = t.one(n, tg.Action)
		v["hedged"] = strconv.FormatBool(t.one(n, tg.Hedged) == "true")
		t.policyAttrs(t.one(n, tg.PolicyOf), v)
		v["evidence"] = t.evidence(n)
	case "bundle":
		v["basis"] = t.one(n, tg.Basis)
		if label == "" {
			label = strings.TrimSpace("bundle: " + v["basis"])
		}
		v["evidence"] = t.evidence(n)
	case "policy":
		t.policyAttrs(n, v)
	case "person":
		v["role"] = t.one(n, tg.Role)
	}
	if label == "" {
		label = tg.LocalName(n)
	}
	v[labelAttrName] = label
	v["aliases"] = strings.Join(aliases, "; ")
	v["documents"] = strings.Join(t.docsOf(n), "; ")
	values := make([]string, len(networkNodeAttrs))
	for i, a := range networkNodeAttrs {
		values[i] = v[a.Name]
	}
	return Node{ID: ShortID(n), Values: values, names: append([]string{label}, aliases...), expand: true}
}

// policyAttrs sets the instrument and sector of policy p.
func (t *table) policyAttrs(p string, v map[string]string) {
	if p == "" {
		return
	}
	inst := t.one(p, tg.Instrument)
	v["instrument"] = t.one(inst, tg.RDFSLabel)
	v["mast"] = t.one(inst, tg.MAST)
	if s := t.one(p, tg.Sector); s != "" {
		v["sector"] = t.one(s, tg.RDFSLabel)
		if v["sector"] == "" {
			v["sector"] = tg.LocalName(s)
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
	for _, s := range t.all(n, tg.Evidence) {
		off, _ := strconv.Atoi(t.one(s, tg.Offset))
		ss = append(ss, sentence{t.one(s, tg.InDocument), off, s, t.one(s, tg.Text)})
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
