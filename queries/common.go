// Package queries answers researchers' questions over a tradegraph store.
// Each named query is registered with its flags and returns typed rows that
// the CLI prints as a table, JSON or CSV.
package queries

import (
	"net/url"
	"strings"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
)

func containsValue(vs []quad.Value, x quad.Value) bool {
	for _, v := range vs {
		if v.String() == x.String() {
			return true
		}
	}
	return false
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
