// Package queries answers researchers' questions over a tradegraph store.
// Each named query is registered with its flags and returns typed rows that
// the CLI prints as a table, JSON or CSV.
package queries

import (
	"net/url"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/tradegraph/tradegraph/graph/vocab"
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
	vocab.ClassCountry: "country", vocab.ClassBloc: "bloc", vocab.ClassAgency: "agency", vocab.ClassIntlOrg: "international_organization", vocab.ClassPerson: "person",
	vocab.ClassCompany: "company", vocab.ClassFirmGroup: "firm_group", vocab.ClassParty: "political_party", vocab.ClassMedia: "media", vocab.ClassFund: "fund",
	vocab.ClassAgreement: "agreement",
}

// actorClasses are the classes of actors, in the order types are listed.
var actorClasses = []string{vocab.ClassCountry, vocab.ClassBloc, vocab.ClassAgency, vocab.ClassIntlOrg, vocab.ClassPerson, vocab.ClassCompany,
	vocab.ClassFirmGroup, vocab.ClassParty, vocab.ClassMedia, vocab.ClassFund, vocab.ClassAgreement}

// DocID is the identifier of a document from its IRI.
func DocID(iri string) string {
	id := strings.TrimPrefix(iri, vocab.IDBase+"doc/")
	if u, err := url.PathUnescape(id); err == nil {
		return u
	}
	return id
}

// shortID is a node's IRI without the common prefix.
func shortID(iri string) string { return strings.TrimPrefix(iri, vocab.IDBase) }

// Evidence is a sentence that supports a fact.
type Evidence struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	pos      int    // the sentence's place in its document
}
