package syntax

import (
	"strings"
	"testing"
)

// treeOf is the tree of the sentence of testdata/trees.conllu that starts
// with prefix.
func treeOf(t *testing.T, prefix string) *Tree {
	t.Helper()
	for _, s := range readTestdata(t, "trees.conllu") {
		if strings.HasPrefix(s.Text(), prefix) {
			return NewTree(&s)
		}
	}
	t.Fatalf("no sentence starts with %q", prefix)
	return nil
}

// id is the ID of the word form in tr.
func id(t *testing.T, tr *Tree, form string) int {
	t.Helper()
	for _, w := range tr.Words {
		if w.Form == form {
			return w.ID
		}
	}
	t.Fatalf("no word %q", form)
	return 0
}

func forms(tr *Tree, ids []int) string {
	var out []string
	for _, i := range ids {
		out = append(out, tr.Word(i).Form)
	}
	return strings.Join(out, " ")
}

func TestActors(t *testing.T) {
	for _, c := range []struct{ sentence, verb, want string }{
		{"Chile agreed", "agreed", "Chile"},
		{"Chile agreed", "scrap", "Chile"},
		{"Chile agreed", "lift", "Chile"},
		{"Tariffs on rice", "lifted", "Seoul"},
		{"Peru did not", "cut", "Peru"},
		{"Brazil's decision", "raise", "Brazil"},
		{"Japan warned", "impose", "it"},
		{"Japan warned", "keeps", "Korea"},
		{"Canada and Mexico", "cut", "Canada Mexico"},
		{"Washington urged", "open", "Tokyo"},
		{"Washington urged", "urged", "Washington"},
	} {
		t.Run(c.sentence+"/"+c.verb, func(t *testing.T) {
			tr := treeOf(t, c.sentence)
			if got := forms(tr, tr.Actors(id(t, tr, c.verb))); got != c.want {
				t.Errorf("actors %q, want %q", got, c.want)
			}
		})
	}
}

func TestNegatedPassiveAndSpans(t *testing.T) {
	tr := treeOf(t, "Peru did not")
	if !tr.Negated(id(t, tr, "cut")) || tr.Negated(id(t, tr, "duties")) {
		t.Error("cut is negated, duties not")
	}
	if first, last := tr.Span(id(t, tr, "duties")); forms(tr, []int{first, last}) != "duties beef" {
		t.Errorf("the span of duties is %d-%d", first, last)
	}
	if p := treeOf(t, "Tariffs on rice"); !p.Passive(id(t, p, "lifted")) {
		t.Error("were lifted is passive")
	}
	if got := forms(tr, tr.Path(id(t, tr, "beef"))); got != "beef duties cut" {
		t.Errorf("path %q", got)
	}
	c := treeOf(t, "Chile agreed")
	if got := forms(c, c.Conjuncts(id(t, c, "scrap"))); got != "scrap lift" {
		t.Errorf("conjuncts %q", got)
	}
	if got := forms(c, c.Children(id(t, c, "agreed"), "nsubj", "xcomp")); got != "Chile scrap" {
		t.Errorf("children %q", got)
	}
}
