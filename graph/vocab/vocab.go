// Package vocab is tradegraph's vocabulary: the IRIs of its classes and
// predicates and the helpers that read them. It imports no store, so a
// loader can build the graph's quads without linking one.
package vocab

import (
	"fmt"

	"github.com/cayleygraph/quad"
)

// The tradegraph vocabulary. Every IRI the article loader writes is built from
// these constants, so queries and exports share one spelling of the model.
const (
	// NS is the namespace of tradegraph's classes and predicates.
	NS = "http://tradegraph.org/ns#"
	// IDBase prefixes the IRIs of things: actors, sectors, policies, documents.
	IDBase = "http://tradegraph.org/id/"

	RDFType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	RDFSLabel = "http://www.w3.org/2000/01/rdf-schema#label"
)

// Classes.
const (
	ClassDocument   = NS + "Document"                  // an article, the label of every quad it yields
	ClassSentence   = NS + "Sentence"                  // a sentence of a document, the evidence of facts
	ClassCountry    = NS + "Country"                   // a sovereign state or customs territory
	ClassBloc       = NS + "Bloc"                      // a trade bloc or grouping of states
	ClassAgency     = NS + "Agency"                    // a government body, regulator or court of one state or bloc
	ClassIntlOrg    = NS + "InternationalOrganization" // an organisation of many states: GATT, the IMF, the OECD
	ClassPerson     = NS + "Person"                    // a named official or spokesperson
	ClassCompany    = NS + "Company"                   // a named firm
	ClassFirmGroup  = NS + "FirmGroup"                 // a described group of firms ("U.S. cloud firms")
	ClassParty      = NS + "PoliticalParty"            // a political party or its members in a legislature ("Congressional Democrats")
	ClassMedia      = NS + "Media"                     // a news outlet cited as a source
	ClassFund       = NS + "Fund"                      // a fund named in a measure
	ClassAgreement  = NS + "Agreement"                 // a trade agreement or deal
	ClassSector     = NS + "Sector"                    // an economic sector
	ClassPolicy     = NS + "Policy"                    // a policy instrument applied to something
	ClassConcession = NS + "Concession"                // a measure a party takes, keeps or is said not to take
	ClassBundle     = NS + "Bundle"                    // measures the text presents as packaged together
	ClassClaim      = NS + "Claim"                     // a statement the text asserts or rejects
	ClassInstrument = NS + "Instrument"                // a policy instrument of the taxonomy
	ClassPosition   = NS + "Position"                  // a demand, threat or conditional offer of one party toward another
)

// Predicates.
const (
	Title       = NS + "title"       // document title
	Source      = NS + "source"      // document source URL or path
	Date        = NS + "date"        // document date
	Text        = NS + "text"        // sentence text
	InDocument  = NS + "inDocument"  // sentence -> document
	Offset      = NS + "offset"      // sentence byte offset in the cleaned text
	Alias       = NS + "alias"       // another surface form of an actor
	Role        = NS + "role"        // a person's role ("Trade Minister")
	MemberOf    = NS + "memberOf"    // person -> agency, country -> bloc
	Country     = NS + "country"     // agency or company -> country
	Instrument  = NS + "instrument"  // policy -> instrument taxonomy term
	MAST        = NS + "mast"        // instrument's UNCTAD MAST chapter or group
	Sector      = NS + "sector"      // policy -> sector
	Grantor     = NS + "grantor"     // concession -> actor that acts or keeps
	Beneficiary = NS + "beneficiary" // concession -> actor that benefits
	PolicyOf    = NS + "policy"      // concession or position -> policy
	Polarity    = NS + "polarity"    // "asserted" | "denied" | "retained"
	Hedged      = NS + "hedged"      // true when the text hedges the fact
	Action      = NS + "action"      // the verb of a measure ("reduce", "maintain")
	PartOf      = NS + "partOf"      // concession -> agreement
	Evidence    = NS + "evidence"    // fact -> sentence
	Member      = NS + "member"      // bundle -> concession
	Basis       = NS + "basis"       // bundle basis ("explicit pairing", "same agreement", ...)
	Subject     = NS + "subject"     // claim subject
	Predicate   = NS + "predicate"   // claim predicate
	Object      = NS + "object"      // claim object
	Mentions    = NS + "mentions"    // document -> thing it mentions
	Kind        = NS + "kind"        // position kind: "demand" | "threat" | "offer"
	Holder      = NS + "holder"      // position -> actor that demands, threatens or offers
	Addressee   = NS + "addressee"   // position -> actor it is addressed to
	QuadCount   = NS + "quads"       // how many quads a document has, this one included: its completeness mark
)

// Polarity values of a concession or claim.
const (
	Asserted = "asserted" // it happens
	Denied   = "denied"   // the text says it does not happen or is not so
	Retained = "retained" // a party keeps a policy rather than concede it
)

// Kinds of a position.
const (
	Demand = "demand" // a party asks, urges or presses another to act
	Threat = "threat" // a party warns of a measure it may take against another
	Offer  = "offer"  // a party offers a measure on a condition
)

// IsPositionKind reports whether k is one of the kinds of a position.
func IsPositionKind(k string) bool { return k == Demand || k == Threat || k == Offer }

// ValueText is a value's plain text: an IRI without brackets, a literal without
// quotes, datatype or language.
func ValueText(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.BNode:
		return string(v)
	case quad.Int, quad.Float, quad.Bool, quad.Time:
		return fmt.Sprint(v.Native())
	}
	return v.String()
}

// LocalName is the part of an IRI after its last '#' or '/'.
func LocalName(iri string) string {
	for i := len(iri) - 1; i >= 0; i-- {
		if iri[i] == '#' || iri[i] == '/' {
			return iri[i+1:]
		}
	}
	return iri
}
