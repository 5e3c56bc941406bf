package rdf

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// agree checks that parseSimple, where it takes a line, reads it as
// cayley's parsers do.
func agree(t *testing.T, line string) bool {
	t.Helper()
	fast, ok := parseSimple(line)
	if !ok {
		return false
	}
	full, err := parseFull(line)
	if err != nil {
		t.Errorf("parseSimple took %q, which cayley's parsers refuse: %v", line, err)
		return true
	}
	if fast != full {
		t.Errorf("parseSimple(%q) = %#v\ncayley reads %#v", line, fast, full)
	}
	return true
}

func TestParseSimple(t *testing.T) {
	for _, tc := range []struct {
		line string
		fast bool // parseSimple takes it, rather than leaving it to cayley
	}{
		{`<http://a/s> <http://a/p> <http://a/o> <http://a/g> .`, true},
		{`<http://a/s> <http://a/p> <http://a/o> .`, true},
		{`_:b1 <http://a/p> _:b-2 _:g .`, true},
		{`<s> <p> "plain text, with <brackets> and 'quotes'" <g> .`, true},
		{`<s> <p> "texte"@fr-CA <g> .`, true},
		{`<s> <p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> <g> .`, true},
		{`<s> <p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <g> .`, true},
		{`<s> <p> "2025-01-02"^^<http://www.w3.org/2001/XMLSchema#date> <g> .`, true},
		{`<s> <p> "x"^^<http://example.org/type> <g> .`, true},
		{"<s>\t<p>\t\"tabs\"\t<g>\t.", true},
		{`<s> <p> "Malaysia–U.S. “deal”" <g> .`, true},
		{`<s> <p> "escaped \"quote\"" <g> .`, false},
		{`<s> <p> "line\nbreak" <g> .`, false},
		{`<s> <p> <o> <g> . # a comment`, false},
		{`<s><p><o>.`, false},
		{`<s> <p> three .`, false},
		{`<s> <p> "unterminated <g> .`, false},
		{`<s> <p> "x"@ <g> .`, false},
		{`<s> <p> "x"@1a <g> .`, false},
		{`<s> <p> "x"^^"y" <g> .`, false},
		{`<a b> <p> <o> .`, false},
		{`<s> <p> <o> <g>`, false},
		{`<s> <p> <o> <g> . .`, false},
		{`<> <p> <o> .`, false},
		{`"literal" <p> <o> .`, false},
		{`<s> _:p <o> .`, false},
	} {
		if got := agree(t, tc.line); got != tc.fast {
			t.Errorf("parseSimple(%q) took it: %v, want %v", tc.line, got, tc.fast)
		}
	}
}

// FuzzParseSimple: whatever line parseSimple takes, cayley's parsers take
// too and read the same way.
func FuzzParseSimple(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.nq")
	for _, p := range paths {
		file, err := os.Open(p)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			f.Add(strings.TrimSpace(sc.Text()))
		}
		file.Close()
	}
	f.Add(`_:b1 <p> "x"@en-GB _:g .`)
	f.Fuzz(func(t *testing.T, line string) {
		agree(t, line)
	})
}
