package main

import (
	"testing"

	"github.com/tradegraph/tradegraph/graph"
)

func TestStats(t *testing.T) {
	db := newStore(t)
	mustRun(t, "--db", db, "load", "testdata/sample.nq")

	// usa is a Country in both articles and counts once; the two quads
	// without a label make the third document, named after the file.
	json := mustRun(t, "--db", db, "--json", "stats").stdout
	wantJSON := `{
  "backend": "bolt",
  "quads": 18,
  "nodes": 19,
  "documents": 3,
  "classes": {
    "Bloc": 1,
    "Concession": 1,
    "Country": 2,
    "Document": 2,
    "Sentence": 1
  }
}
`
	if json != wantJSON {
		t.Errorf("stats --json:\n%s\nwant:\n%s", json, wantJSON)
	}

	text := mustRun(t, "--db", db, "stats").stdout
	wantText := `backend       bolt
quads         18
nodes         19
documents     3
  Bloc        1
  Concession  1
  Country     2
  Document    2
  Sentence    1
`
	if text != wantText {
		t.Errorf("stats:\n%s\nwant:\n%s", text, wantText)
	}
}

func TestStatsEmptyStore(t *testing.T) {
	db := newStore(t)
	st, err := graph.Open(t.Context(), graph.Config{Address: db, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	got := mustRun(t, "--db", db, "--json", "stats").stdout
	want := `{
  "backend": "bolt",
  "quads": 0,
  "nodes": 0,
  "documents": 0,
  "classes": {}
}
`
	if got != want {
		t.Errorf("stats --json of a new store:\n%s\nwant:\n%s", got, want)
	}
}
