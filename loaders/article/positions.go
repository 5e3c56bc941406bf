package article

// Position kinds.
const (
	Demand = "demand" // a party asks, urges or presses another to act
	Threat = "threat" // a party warns of a measure it may take against another
	Offer  = "offer"  // a party offers a measure on a condition
)

// Position is a stance one party takes toward another about a policy: a
// demand, a threat or a conditional offer. It is not a concession: nothing
// has been granted, and the query of concessions never lists it.
type Position struct {
	Kind       string // Demand, Threat or Offer
	Holder     *Entity
	Addressee  *Entity // of whom it is asked, whom it threatens, to whom it is offered; nil if unnamed
	Instrument *Instrument
	Sector     string
	Policy     string // the phrase of the text that names the policy
	Hedged     bool   // the text reports it as possible or expected rather than made
	Evidence   []int  // sentences
}
