package queries

import (
	"context"
	"fmt"
	"strings"

	tg "github.com/tradegraph/tradegraph/graph"
)

// Flag is a string flag a query takes.
type Flag struct {
	Name, Usage, Default string
}

// Params are a query's arguments and flag values.
type Params struct {
	Args  []string
	Flags map[string]string
}

// Flag returns the value of the named flag.
func (p Params) Flag(name string) string { return p.Flags[name] }

// Table is a result laid out for a terminal or a spreadsheet.
type Table struct {
	Header []string
	Rows   [][]string
}

// Result is what a query returns: a value printed as JSON, and the same
// rows as a table.
type Result struct {
	Value any
	Table Table
}

// Query is a named question over the graph.
type Query struct {
	Name    string
	Usage   string // argument synopsis, e.g. "NAME"
	Doc     string // one line
	MinArgs int
	MaxArgs int
	Flags   []Flag
	Run     func(ctx context.Context, st *tg.Store, p Params) (Result, error)
}

// Registry lists the named queries in the order help shows them.
func Registry() []Query {
	return []Query{
		{
			Name: "entities", Doc: "actors: countries, blocs, agencies, people, companies, firm groups, media, funds, agreements",
			Run: func(ctx context.Context, st *tg.Store, _ Params) (Result, error) {
				rows, err := Entities(ctx, st)
				t := Table{Header: []string{"NAME", "TYPE", "ALIASES", "DOCUMENTS"}}
				for _, r := range rows {
					t.Rows = append(t.Rows, []string{r.Name, r.Type, strings.Join(r.Aliases, "; "), fmt.Sprint(len(r.Documents))})
				}
				return Result{rows, t}, err
			},
		},
		{
			Name: "concessions", Doc: "measures a party grants, keeps (retained) or is said not to grant (denied)",
			Flags: []Flag{
				{Name: "grantor", Usage: "only measures this actor grants or keeps (name or alias)"},
				{Name: "beneficiary", Usage: "only measures that benefit this actor (name or alias)"},
				{Name: "sector", Usage: "only measures in this sector"},
				{Name: "polarity", Usage: "only asserted, denied or retained measures"},
			},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				if err := checkPolarity(p.Flag("polarity")); err != nil {
					return Result{}, err
				}
				rows, err := Concessions(ctx, st, ConcessionFilter{Grantor: p.Flag("grantor"), Beneficiary: p.Flag("beneficiary"),
					Sector: p.Flag("sector"), Polarity: p.Flag("polarity")})
				t := Table{Header: []string{"GRANTOR", "POLARITY", "INSTRUMENT", "SECTOR", "POLICY", "BENEFICIARY", "EVIDENCE"}}
				for _, r := range rows {
					t.Rows = append(t.Rows, []string{deref(r.Grantor), r.Polarity, r.Instrument, deref(r.Sector), r.Policy,
						deref(r.Beneficiary), firstEvidence(r.Evidence)})
				}
				return Result{rows, t}, err
			},
		},
		{
			Name: "bundles", Doc: "measures presented as packaged, paired, traded or weighed against each other",
			Run: func(ctx context.Context, st *tg.Store, _ Params) (Result, error) {
				rows, err := Bundles(ctx, st)
				t := Table{Header: []string{"BUNDLE", "BASIS", "MEMBERS", "EVIDENCE"}}
				for _, r := range rows {
					var ms []string
					for _, m := range r.Members {
						ms = append(ms, fmt.Sprintf("%s: %s (%s)", deref(m.Grantor), m.Policy, m.Polarity))
					}
					t.Rows = append(t.Rows, []string{r.ID, r.Basis, strings.Join(ms, " + "), firstEvidence(r.Evidence)})
				}
				return Result{rows, t}, err
			},
		},
		{
			Name: "claims", Doc: "statements the text makes or rejects",
			Flags: []Flag{{Name: "polarity", Usage: "only claims of this polarity (denied)"}},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				if err := checkPolarity(p.Flag("polarity")); err != nil {
					return Result{}, err
				}
				rows, err := Claims(ctx, st, p.Flag("polarity"))
				t := Table{Header: []string{"POLARITY", "SUBJECT", "PREDICATE", "OBJECT", "EVIDENCE"}}
				for _, r := range rows {
					t.Rows = append(t.Rows, []string{r.Polarity, r.Subject, r.Predicate, r.Object, firstEvidence(r.Evidence)})
				}
				return Result{rows, t}, err
			},
		},
	}
}

// ErrUsage marks a bad argument or flag value.
type ErrUsage struct{ Msg string }

func (e ErrUsage) Error() string { return e.Msg }

func checkPolarity(p string) error {
	switch strings.ToLower(p) {
	case "", tg.Asserted, tg.Denied, tg.Retained:
		return nil
	}
	return ErrUsage{fmt.Sprintf("unknown polarity %q (want asserted, denied or retained)", p)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// firstEvidence is the first supporting sentence, shortened for a table.
func firstEvidence(ev []Evidence) string {
	if len(ev) == 0 {
		return ""
	}
	s := ev[0].Sentence
	if r := []rune(s); len(r) > 70 {
		s = string(r[:67]) + "..."
	}
	if len(ev) > 1 {
		s += fmt.Sprintf(" (+%d)", len(ev)-1)
	}
	return s
}
