// Package queries answers researchers' questions over a tradegraph store.
// Each named query is registered with its flags and returns typed rows that
// the CLI prints as a table, JSON or CSV.
package queries

import (
	"context"
	"net/url"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

// view is the part of the graph a query reads: for each node, its values
// per predicate, and the documents (labels) that state each of them.
type view struct {
	props map[string]map[string][]quad.Value
	docs  map[string]map[string]bool // node -> documents that state something of it
}

// load reads every quad whose predicate is one of preds.
func load(ctx context.Context, st *tg.Store, preds ...string) (*view, error) {
	v := &view{props: map[string]map[string][]quad.Value{}, docs: map[string]map[string]bool{}}
	for _, p := range preds {
		qs, err := st.QuadsWith(ctx, quad.Predicate, quad.IRI(p))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			s := tg.ValueText(q.Subject)
			m := v.props[s]
			if m == nil {
				m = map[string][]quad.Value{}
				v.props[s] = m
			}
			if !containsValue(m[p], q.Object) {
				m[p] = append(m[p], q.Object)
			}
			if q.Label != nil {
				if v.docs[s] == nil {
					v.docs[s] = map[string]bool{}
				}
				v.docs[s][tg.ValueText(q.Label)] = true
			}
		}
	}
	return v, nil
}

func containsValue(vs []quad.Value, x quad.Value) bool {
	for _, v := range vs {
		if v.String() == x.String() {
			return true
		}
	}
	return false
}

// one is the first value of p on node n, as text.
func (v *view) one(n, p string) string {
	if vs := v.props[n][p]; len(vs) > 0 {
		return tg.ValueText(vs[0])
	}
	return ""
}

// all is every value of p on node n, as text, sorted.
func (v *view) all(n, p string) []string {
	var out []string
	for _, x := range v.props[n][p] {
		out = append(out, tg.ValueText(x))
	}
	sort.Strings(out)
	return out
}

// ofType lists the nodes typed with one of the classes, sorted.
func (v *view) ofType(classes ...string) []string {
	want := map[string]bool{}
	for _, c := range classes {
		want[c] = true
	}
	var out []string
	for n, m := range v.props {
		for _, t := range m[tg.RDFType] {
			if want[tg.ValueText(t)] {
				out = append(out, n)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

func (v *view) typeOf(n string) string {
	for _, t := range v.props[n][tg.RDFType] {
		if name, ok := typeNames[tg.ValueText(t)]; ok {
			return name
		}
	}
	return ""
}

// typeNames maps actor classes to the type names of the JSON contract.
var typeNames = map[string]string{
	tg.ClassCountry: "country", tg.ClassBloc: "bloc", tg.ClassAgency: "agency", tg.ClassPerson: "person",
	tg.ClassCompany: "company", tg.ClassFirmGroup: "firm_group", tg.ClassMedia: "media", tg.ClassFund: "fund",
	tg.ClassAgreement: "agreement",
}

// actorClasses are the classes of actors, in the order types are listed.
var actorClasses = []string{tg.ClassCountry, tg.ClassBloc, tg.ClassAgency, tg.ClassPerson, tg.ClassCompany,
	tg.ClassFirmGroup, tg.ClassMedia, tg.ClassFund, tg.ClassAgreement}

// DocID is the identifier of a document from its IRI.
func DocID(iri string) string {
	id := strings.TrimPrefix(iri, tg.IDBase+"doc/")
	if u, err := url.PathUnescape(id); err == nil {
		return u
	}
	return id
}

// shortID is a node's IRI without the common prefix.
func shortID(iri string) string { return strings.TrimPrefix(iri, tg.IDBase) }

// Evidence is a sentence that supports a fact.
type Evidence struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	pos      int    // the sentence's place in its document
}
