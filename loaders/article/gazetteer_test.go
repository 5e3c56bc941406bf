package article

import (
	"reflect"
	"testing"
)

// found renders matches as "phrase=payloads".
func found(toks []Token, ms []Match[string]) []string {
	var out []string
	for _, m := range ms {
		s := ""
		for i := m.Start; i < m.End; i++ {
			if i > m.Start {
				s += " "
			}
			s += toks[i].Text
		}
		for _, v := range m.Vals {
			s += "=" + v
		}
		out = append(out, s)
	}
	return out
}

func TestGazetteerFind(t *testing.T) {
	g := newGazetteer[string](true)
	for phrase, v := range map[string]string{
		"tariff": "tariff", "tariff-rate quota": "trq", "rate": "rate", "export ban": "export-ban",
		"ban on exports": "export-ban", "ban": "ban", "quota of * tonnes": "trq", "DST": "dst", "U.S.": "us",
		"rules of origin": "roo",
	} {
		g.Add(phrase, v)
	}
	g.Add("quota", "quota")
	g.Add("quota", "import-quota")
	tests := []struct {
		name, text string
		want       []string
	}{
		{"longest wins", "a tariff-rate quota on beef", []string{"tariff - rate quota=trq"}},
		{"shorter alone", "the tariff rate", []string{"tariff=tariff", "rate=rate"}},
		{"leftmost first", "an export ban on exports", []string{"export ban=export-ban"}},
		{"later phrase after the first", "a ban on exports and a tariff", []string{"ban on exports=export-ban", "tariff=tariff"}},
		{"case folded", "TARIFF and Rules Of Origin", []string{"TARIFF=tariff", "Rules Of Origin=roo"}},
		{"acronym exact", "a DST, not a dst", []string{"DST=dst"}},
		{"abbreviation", "U.S. quota", []string{"U.S.=us", "quota=quota=import-quota"}},
		{"wildcard one word", "a quota of 5,000 tonnes", []string{"quota of 5,000 tonnes=trq"}},
		{"wildcard not two words", "a quota of 5,000 metric tonnes", []string{"quota=quota=import-quota"}},
		{"wildcard not punctuation", "a quota of - tonnes", []string{"quota=quota=import-quota"}},
		{"nothing", "no such words", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text)
			if got := found(toks, g.Find(toks)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestGazetteerCaseSensitive: names match as written ("Japan", not "japan").
func TestGazetteerCaseSensitive(t *testing.T) {
	g := newGazetteer[string](false)
	g.Add("Japan", "JP")
	g.Add("South Korea", "KR")
	toks := Tokenize("Japan and South Korea, not japan or south korea")
	want := []string{"Japan=JP", "South Korea=KR"}
	if got := found(toks, g.Find(toks)); !reflect.DeepEqual(got, want) {
		t.Errorf("Find = %q, want %q", got, want)
	}
}
