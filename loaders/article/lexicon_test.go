package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadLexiconErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // the error after "PATH"
	}{
		{"type error names the line", "sectors:\n  - name: tea\n    terms: tea\n", ":3: cannot unmarshal !!str `tea` into []string"},
		{"list where a map is wanted", "cues:\n  - reduce\n", ":2: cannot unmarshal !!seq into article.Cues"},
		{"unknown field", "blocs: []\ncountrys:\n  - name: Freedonia\n", ":2: field countrys not found in type article.Lexicon"},
		{"syntax error", "blocs: []\ncountries:\n\t- name: Freedonia\n", ":3: found character that cannot start any token"},
		{"unknown instrument in a flow", "flows:\n  exports: {restrict: export-licence}\n",
			`: flow "exports" names unknown instrument "export-licence"`},
		{"unknown instrument for a verb", "verb_instruments: {subsidise: subsidy-scheme}\n",
			`: verb "subsidise" names unknown instrument "subsidy-scheme"`},
		{"unknown instrument for a reduced object", "reduced_objects: {output: output-quota}\n",
			`: reduced object "output" names unknown instrument "output-quota"`},
		{"instrument without id", "instruments:\n  - name: levy\n", ": instrument #"},
		{"unknown parent sector", "sectors:\n  - {name: tea, parent: beverages}\n", `: sector "tea" has unknown parent "beverages"`},
		{"country without name", "countries:\n  - code: FD\n", ": country #"},
		{"empty file", "\n", ": empty lexicon file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "extra.yaml", tt.yaml)
			_, err := LoadLexicon(path)
			if err == nil {
				t.Fatalf("LoadLexicon accepted %q", tt.yaml)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, path+tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line starting %q", msg, path+tt.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "none.yaml")
		if _, err := LoadLexicon(path); err == nil || err.Error() != path+": no such file" {
			t.Errorf("error %v, want %q", err, path+": no such file")
		}
	})
}

// TestLoadLexiconAdds: a user's lexicon adds actors, instruments and
// sectors to the default one, and the extractor uses them.
func TestLoadLexiconAdds(t *testing.T) {
	path := writeFile(t, "extra.yaml", `
countries:
  - {name: Freedonia, code: XF, demonyms: [Freedonian]}
instruments:
  - {id: fishing-licence, name: fishing licence, mast: E, terms: [fishing licences, fishing licence]}
sectors:
  - {name: kelp, parent: seafood, terms: [kelp, seaweed]}
`)
	lex, err := LoadLexicon(path)
	if err != nil {
		t.Fatal(err)
	}
	def, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Countries) != len(def.Countries)+1 || len(lex.Instruments) != len(def.Instruments)+1 {
		t.Errorf("the extra lexicon replaced the default one instead of adding to it")
	}
	doc, err := Parse("a.txt", []byte("Japan will issue more fishing licences to Freedonian kelp farmers.\n"), lex)
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor(lex)
	if err != nil {
		t.Fatal(err)
	}
	r := x.Extract(doc)
	if len(r.Measures) != 1 {
		t.Fatalf("got %d measures, want 1:\n%s", len(r.Measures), render(r))
	}
	m := r.Measures[0]
	if m.Instrument.ID != "fishing-licence" || m.Sector != "kelp" || m.Grantor == nil || m.Grantor.Name != "Japan" {
		t.Errorf("measure = %s %s [%s], want Japan fishing-licence [kelp]", nameOrDash(m.Grantor), m.Instrument.ID, m.Sector)
	}
	if m.Beneficiary == nil || countryOf(m.Beneficiary).Name != "Freedonia" {
		t.Errorf("beneficiary = %v, want Freedonia or its farmers", m.Beneficiary)
	}
}

// TestDefaultLexicon: the embedded lexicon loads and every instrument has a
// MAST chapter or group and at least one term.
func TestDefaultLexicon(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Countries) < 190 {
		t.Errorf("%d countries, want every country", len(lex.Countries))
	}
	ids := map[string]bool{}
	for _, in := range lex.Instruments {
		if ids[in.ID] {
			t.Errorf("instrument %s defined twice", in.ID)
		}
		ids[in.ID] = true
		if in.MAST == "" || len(in.Terms) == 0 {
			t.Errorf("instrument %s has no MAST chapter or no terms", in.ID)
		}
	}
}
