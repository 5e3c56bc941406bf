package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/graph/vocab"
)

// ErrNotFound reports a name no node carries, with the closest known names.
type ErrNotFound struct {
	Name    string
	Closest []string
}

func (e ErrNotFound) Error() string {
	if len(e.Closest) == 0 {
		return fmt.Sprintf("no node named %q", e.Name)
	}
	return fmt.Sprintf("no node named %q; closest: %s", e.Name, strings.Join(e.Closest, ", "))
}

// Resolve finds the node a name means, as every verb that takes a name
// finds it; see nav.resolve. An unknown name is an ErrNotFound listing the
// closest known names.
func Resolve(ctx context.Context, st *tg.Store, name string) (quad.Value, error) {
	return navigate(ctx, st, func(n *nav) (quad.Value, error) { return n.resolve(name) })
}

// resolve finds the node a user means: an IRI, bare or in angle brackets
// as dump and the full view print it, or a short id ("country/malaysia",
// "doc/x.txt#m-..."), or a name or alias of an actor, sector, instrument
// or policy, in any case and with or without punctuation ("MITI", "u.s.",
// "Tengku Zafrul").
func (n *nav) resolve(name string) (quad.Value, error) {
	name = strings.TrimSpace(name)
	bare := strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">")
	for _, iri := range []string{bare, vocab.IDBase + bare} {
		if strings.Contains(iri, "/") && len(n.out(quad.IRI(iri), vocab.RDFType)) > 0 {
			return quad.IRI(iri), nil
		}
	}
	// exact spellings first: they hit the index directly
	for _, form := range spellings(name) {
		for _, p := range []string{vocab.RDFSLabel, vocab.Alias} {
			if vs := n.in(quad.String(form), p); len(vs) > 0 {
				return n.preferActor(vs), nil
			}
		}
	}
	// then every named node, compared case- and punctuation-insensitively
	want := fold(name)
	names := n.names()
	var hits []quad.Value
	for _, nm := range names {
		if fold(nm.text) == want {
			hits = append(hits, nm.node)
		}
	}
	if len(hits) > 0 {
		return n.preferActor(sortValues(hits)), nil
	}
	return nil, ErrNotFound{Name: name, Closest: closest(name, names, 5)}
}

// preferActor picks an actor among nodes that share a name.
func (n *nav) preferActor(vs []quad.Value) quad.Value {
	for _, v := range vs {
		if _, ok := typeNames[n.firstClass(v)]; ok {
			return v
		}
	}
	return vs[0]
}

func (n *nav) firstClass(v quad.Value) string {
	for _, c := range n.out(v, vocab.RDFType) {
		if _, ok := typeNames[vocab.ValueText(c)]; ok {
			return vocab.ValueText(c)
		}
	}
	return ""
}

func spellings(s string) []string {
	out := []string{s}
	if t := titleCase(s); t != s {
		out = append(out, t)
	}
	if u := strings.ToUpper(s); u != s {
		out = append(out, u)
	}
	if l := strings.ToLower(s); l != s {
		out = append(out, l)
	}
	return out
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// fold lower-cases and drops punctuation and possessives: "U.S." == "us".
func fold(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’s", "", "'s", "").Replace(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type namedNode struct {
	node quad.Value
	text string
}

// names lists the labels and aliases of actors, sectors, instruments and policies.
func (n *nav) names() []namedNode {
	var out []namedNode
	classes := append(append([]string{}, actorClasses...), vocab.ClassSector, vocab.ClassInstrument, vocab.ClassPolicy)
	for _, c := range classes {
		for _, node := range n.in(quad.IRI(c), vocab.RDFType) {
			for _, p := range []string{vocab.RDFSLabel, vocab.Alias} {
				for _, v := range n.out(node, p) {
					out = append(out, namedNode{node, vocab.ValueText(v)})
				}
			}
		}
	}
	return out
}

// closest returns up to k known names nearest to name by edit distance.
func closest(name string, names []namedNode, k int) []string {
	type scored struct {
		text string
		d    int
	}
	seen := map[string]bool{}
	var all []scored
	want := strings.ToLower(name)
	for _, nm := range names {
		if seen[nm.text] {
			continue
		}
		seen[nm.text] = true
		d := levenshtein(want, strings.ToLower(nm.text))
		if strings.Contains(strings.ToLower(nm.text), want) {
			d = 0
		}
		all = append(all, scored{nm.text, d})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].d != all[j].d {
			return all[i].d < all[j].d
		}
		return all[i].text < all[j].text
	})
	var out []string
	for i := 0; i < len(all) && i < k; i++ {
		out = append(out, all[i].text)
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
