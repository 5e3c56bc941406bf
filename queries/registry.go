package queries

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// Flag is a flag a query takes; Bool flags take no value.
type Flag struct {
	Name, Usage, Default string
	Bool                 bool
	// OldName is an earlier name of the flag, still read for the scripts
	// that use it but not shown in help.
	OldName string
}

// Params are a query's arguments and flag values.
type Params struct {
	Args  []string
	Flags map[string]string
}

// Flag returns the value of the named flag.
func (p Params) Flag(name string) string { return p.Flags[name] }

// Int returns the named flag as a positive number.
func (p Params) Int(name string) (int, error) {
	v, err := strconv.Atoi(p.Flags[name])
	if err != nil || v < 1 {
		return 0, ErrUsage{fmt.Sprintf("--%s wants a positive number, not %q", name, p.Flags[name])}
	}
	return v, nil
}

// Count returns the named flag as a number, zero or more.
func (p Params) Count(name string) (int, error) {
	v, err := strconv.Atoi(p.Flags[name])
	if err != nil || v < 0 {
		return 0, ErrUsage{fmt.Sprintf("--%s wants a number, not %q", name, p.Flags[name])}
	}
	return v, nil
}

// Bool reports whether the named flag is set.
func (p Params) Bool(name string) bool { return p.Flags[name] == "true" }

// Table is a result laid out for a terminal or a spreadsheet.
type Table struct {
	Header []string
	Rows   [][]string
}

// Result is what a query returns: a value printed as JSON, and the same
// rows as a table, laid out only when printed so.
type Result struct {
	Value any
	Table func() Table
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
	return append(contractQueries(), researcherQueries()...)
}

// contractQueries are the four queries whose JSON the evaluation reads.
func contractQueries() []Query {
	return []Query{
		{
			Name: "entities", Doc: "actors: countries, blocs, agencies, people, companies, firm groups, media, funds, agreements",
			Run: func(ctx context.Context, st *tg.Store, _ Params) (Result, error) {
				rows, err := Entities(ctx, st)
				table := func() Table {
					t := Table{Header: []string{"NAME", "TYPE", "ALIASES", "DOCUMENTS"}}
					for _, r := range rows {
						t.Rows = append(t.Rows, []string{r.Name, r.Type, strings.Join(r.Aliases, "; "), fmt.Sprint(len(r.Documents))})
					}
					return t
				}
				return Result{rows, table}, err
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
				table := func() Table {
					t := Table{Header: []string{"GRANTOR", "POLARITY", "INSTRUMENT", "SECTOR", "POLICY", "BENEFICIARY", "EVIDENCE"}}
					for _, r := range rows {
						t.Rows = append(t.Rows, []string{deref(r.Grantor), r.Polarity, r.Instrument, deref(r.Sector), r.Policy,
							deref(r.Beneficiary), firstEvidence(r.Evidence)})
					}
					return t
				}
				return Result{rows, table}, err
			},
		},
		{
			Name: "bundles", Doc: "measures presented as packaged, paired, traded or weighed against each other",
			Flags: []Flag{
				{Name: "across", Bool: true, Usage: "count, over all documents, which kinds of measure are bundled together"},
				{Name: "by", Default: "instrument-grantor", Usage: "with --across, group measures by instrument-grantor or instrument"},
				{Name: "min-docs", Default: "1", Usage: "with --across, only pairs bundled in at least this many documents"},
				{Name: "limit", Default: "0", Usage: "with --across, only the first this many pairs, most documents first (0: all)"},
			},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				if p.Bool("across") {
					return runAcross(ctx, st, p)
				}
				if p.Flag("min-docs") != "1" || p.Flag("limit") != "0" {
					return Result{}, ErrUsage{"--min-docs and --limit go with --across"}
				}
				rows, err := Bundles(ctx, st)
				table := func() Table {
					t := Table{Header: []string{"BUNDLE", "BASIS", "MEMBERS", "EVIDENCE"}}
					for _, r := range rows {
						var ms []string
						for _, m := range r.Members {
							ms = append(ms, fmt.Sprintf("%s: %s (%s)", deref(m.Grantor), m.Policy, m.Polarity))
						}
						t.Rows = append(t.Rows, []string{r.ID, r.Basis, strings.Join(ms, " + "), firstEvidence(r.Evidence)})
					}
					return t
				}
				return Result{rows, table}, err
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
				table := func() Table {
					t := Table{Header: []string{"POLARITY", "SUBJECT", "PREDICATE", "OBJECT", "EVIDENCE"}}
					for _, r := range rows {
						t.Rows = append(t.Rows, []string{r.Polarity, r.Subject, r.Predicate, r.Object, firstEvidence(r.Evidence)})
					}
					return t
				}
				return Result{rows, table}, err
			},
		},
	}
}

func runAcross(ctx context.Context, st *tg.Store, p Params) (Result, error) {
	by := p.Flag("by")
	if by != "instrument-grantor" && by != "instrument" {
		return Result{}, ErrUsage{fmt.Sprintf("--by wants instrument-grantor or instrument, not %q", by)}
	}
	minDocs, err := p.Count("min-docs")
	if err != nil {
		return Result{}, err
	}
	limit, err := p.Count("limit")
	if err != nil {
		return Result{}, err
	}
	rows, err := BundlesAcross(ctx, st, by == "instrument")
	// the rows come most documents first: the pairs in too few are a tail
	if k := sort.Search(len(rows), func(i int) bool { return rows[i].Documents < minDocs }); k < len(rows) {
		rows = rows[:k]
	}
	if limit > 0 && limit < len(rows) {
		rows = rows[:limit]
	}
	table := func() Table {
		t := Table{Header: []string{"MEASURE", "BUNDLED WITH", "BUNDLES", "DOCUMENTS", "DOCS"}}
		sig := func(s Signature) string {
			if s.Grantor == "" {
				return s.Instrument
			}
			return s.Instrument + " (" + s.Grantor + ")"
		}
		for _, r := range rows {
			t.Rows = append(t.Rows, []string{sig(r.Pair[0]), sig(r.Pair[1]), strconv.Itoa(r.Bundles), strconv.Itoa(r.Documents),
				strings.Join(r.Docs, "; ")})
		}
		return t
	}
	return Result{rows, table}, err
}

func concessionTable(title string, rows []ConcessionRow) [][]string {
	var out [][]string
	for _, r := range rows {
		out = append(out, []string{title, r.Polarity, r.Instrument, deref(r.Sector), r.Policy, firstEvidence(r.Evidence)})
	}
	return out
}

// positionTable lays positions out, one a row.
func positionTable(rows []PositionRow) Table {
	t := Table{Header: []string{"HOLDER", "KIND", "ADDRESSEE", "INSTRUMENT", "SECTOR", "POLICY", "EVIDENCE"}}
	for _, r := range rows {
		kind := r.Kind
		if r.Hedged {
			kind += " (hedged)"
		}
		t.Rows = append(t.Rows, []string{deref(r.Holder), kind, deref(r.Addressee), r.Instrument, deref(r.Sector), r.Policy,
			firstEvidence(r.Evidence)})
	}
	return t
}

// actorPositionTable lays out an actor's positions in the columns of its
// concessions: the kind where they show the polarity, and the other party
// after the policy.
func actorPositionTable(title string, rows []PositionRow) [][]string {
	var out [][]string
	for _, r := range rows {
		other, policy := r.Addressee, r.Policy
		if title == "addressed" {
			other = r.Holder
		}
		if o := deref(other); o != "" && title == "addressed" {
			policy += " (from " + o + ")"
		} else if o != "" {
			policy += " (to " + o + ")"
		}
		out = append(out, []string{title, r.Kind, r.Instrument, deref(r.Sector), policy, firstEvidence(r.Evidence)})
	}
	return out
}

// researcherQueries are the questions beyond the four contract queries.
func researcherQueries() []Query {
	return []Query{
		{
			Name: "positions", Doc: "demands, threats and conditional offers of one party toward another (not concessions)",
			Flags: []Flag{
				{Name: "holder", Usage: "only positions this actor takes (name or alias)"},
				{Name: "addressee", Usage: "only positions addressed to this actor (name or alias)"},
				{Name: "sector", Usage: "only positions in this sector"},
				{Name: "kind", Usage: "only demands, threats or offers (demand, threat, offer)"},
			},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				if k := p.Flag("kind"); k != "" && !vocab.IsPositionKind(strings.ToLower(k)) {
					return Result{}, ErrUsage{fmt.Sprintf("unknown kind %q (want demand, threat or offer)", k)}
				}
				rows, err := Positions(ctx, st, PositionFilter{Holder: p.Flag("holder"), Addressee: p.Flag("addressee"),
					Sector: p.Flag("sector"), Kind: p.Flag("kind")})
				return Result{rows, func() Table { return positionTable(rows) }}, err
			},
		},
		{
			Name: "actor", Usage: "NAME", MinArgs: 1, MaxArgs: 1,
			Doc: "what an actor grants, keeps, is said not to grant and receives, the positions it holds and is addressed by, its roles and documents",
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				r, err := Actor(ctx, st, p.Args[0])
				if err != nil {
					return Result{}, err
				}
				table := func() Table {
					t := Table{Header: []string{"AS", "POLARITY", "INSTRUMENT", "SECTOR", "POLICY", "EVIDENCE"}}
					t.Rows = append(t.Rows, []string{"actor", r.Type, r.Name, strings.Join(r.Aliases, "; "), strings.Join(r.Documents, "; "), ""})
					for _, role := range r.Roles {
						t.Rows = append(t.Rows, []string{"role", "", role.Role, "", role.Organization, ""})
					}
					t.Rows = append(t.Rows, concessionTable("grants", r.Grants)...)
					t.Rows = append(t.Rows, concessionTable("keeps", r.Keeps)...)
					t.Rows = append(t.Rows, concessionTable("denied", r.Denied)...)
					t.Rows = append(t.Rows, concessionTable("receives", r.Receives)...)
					t.Rows = append(t.Rows, actorPositionTable("holds", r.Holds)...)
					t.Rows = append(t.Rows, actorPositionTable("addressed", r.Addressed)...)
					return t
				}
				return Result{r, table}, nil
			},
		},
		{
			Name: "sectors", Doc: "each sector with its policies and measures",
			Run: func(ctx context.Context, st *tg.Store, _ Params) (Result, error) {
				rows, err := Sectors(ctx, st)
				table := func() Table {
					t := Table{Header: []string{"SECTOR", "MEASURES", "ASSERTED", "RETAINED", "DENIED", "POLICIES"}}
					for _, r := range rows {
						var ps []string
						for _, p := range r.Policies {
							ps = append(ps, fmt.Sprintf("%s (%d)", p.Instrument, len(p.Measures)))
						}
						t.Rows = append(t.Rows, []string{r.Sector, strconv.Itoa(r.Measures), strconv.Itoa(r.ByPolarity[vocab.Asserted]),
							strconv.Itoa(r.ByPolarity[vocab.Retained]), strconv.Itoa(r.ByPolarity[vocab.Denied]), strings.Join(ps, "; ")})
					}
					return t
				}
				return Result{rows, table}, err
			},
		},
		{
			Name: "path", Usage: "A B", MinArgs: 2, MaxArgs: 2,
			Doc: "the shortest connections between two nodes, each step named",
			Flags: []Flag{
				{Name: "hops", OldName: "max-hops", Default: "4", Usage: "longest path searched, in edges"},
				{Name: "limit", Default: "10", Usage: "most paths listed"},
				{Name: "via-evidence", Bool: true, Usage: "also connect through sentences and documents"},
			},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				hops, err := p.Int("hops")
				if err != nil {
					return Result{}, err
				}
				limit, err := p.Int("limit")
				if err != nil {
					return Result{}, err
				}
				rows, err := Paths(ctx, st, p.Args[0], p.Args[1], hops, limit, p.Bool("via-evidence"))
				table := func() Table {
					t := Table{Header: []string{"PATH", "HOPS", "STEPS"}}
					for i, r := range rows {
						var steps []string
						for _, s := range r.Steps {
							arrow := "-" + s.Predicate + "->"
							if s.Direction == "in" {
								arrow = "<-" + s.Predicate + "-"
							}
							steps = append(steps, arrow+" "+s.ToLabel)
						}
						t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), strconv.Itoa(r.Hops), strings.Join(steps, " ")})
					}
					return t
				}
				return Result{rows, table}, err
			},
		},
		{
			Name: "neighbors", Usage: "NAME", MinArgs: 1, MaxArgs: 1,
			Doc: "the neighbourhood of a node, with counts per predicate",
			Flags: []Flag{
				{Name: "hops", Default: "1", Usage: "how many edges away to look"},
				{Name: "via-evidence", Bool: true, Usage: "also step through sentences and documents"},
			},
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				hops, err := p.Int("hops")
				if err != nil {
					return Result{}, err
				}
				r, err := Neighbors(ctx, st, p.Args[0], hops, p.Bool("via-evidence"))
				if err != nil {
					return Result{}, err
				}
				table := func() Table {
					t := Table{Header: []string{"HOPS", "VIA", "TYPE", "LABEL", "ID"}}
					for _, nb := range r.Neighbors {
						t.Rows = append(t.Rows, []string{strconv.Itoa(nb.Hops), nb.Via, nb.Type, nb.Label, nb.ID})
					}
					return t
				}
				return Result{r, table}, nil
			},
		},
		{
			Name: "evidence", Usage: "ID", MinArgs: 1, MaxArgs: 1,
			Doc: "the sentences and documents behind a fact (an id from another query)",
			Run: func(ctx context.Context, st *tg.Store, p Params) (Result, error) {
				r, err := EvidenceOf(ctx, st, p.Args[0])
				if err != nil {
					return Result{}, err
				}
				table := func() Table {
					t := Table{Header: []string{"DOC", "TITLE", "SENTENCE"}}
					for _, e := range r.Evidence {
						t.Rows = append(t.Rows, []string{e.Doc, e.Title, e.Sentence})
					}
					return t
				}
				return Result{r, table}, nil
			},
		},
	}
}

// ErrUsage marks a bad argument or flag value.
type ErrUsage struct{ Msg string }

func (e ErrUsage) Error() string { return e.Msg }

func checkPolarity(p string) error {
	switch strings.ToLower(p) {
	case "", vocab.Asserted, vocab.Denied, vocab.Retained:
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
