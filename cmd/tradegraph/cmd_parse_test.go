package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loaders/syntax"
)

// parseText is a short article of two sentences, with a possessive, a
// negation and an abbreviation the words must keep apart or together.
const parseText = "Japan's trade ministry said it would lift the ban on U.S. beef.\n\nOfficials in Tokyo didn't comment.\n"

func writeParseArticle(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "beef.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseShowsEachSentence(t *testing.T) {
	r := mustRun(t, "parse", writeParseArticle(t, parseText))
	blocks := strings.Split(strings.TrimSpace(r.stdout), "\n\n")
	if len(blocks) != 2 {
		t.Fatalf("%d sentences shown, want 2:\n%s", len(blocks), r.stdout)
	}
	first := strings.Split(blocks[0], "\n")
	if first[0] != "sentence 1 (bytes 0-63): Japan's trade ministry said it would lift the ban on U.S. beef." {
		t.Errorf("first line %q", first[0])
	}
	if got := strings.Fields(first[1]); strings.Join(got, " ") != "ID FORM LEMMA UPOS XPOS HEAD DEPREL" {
		t.Errorf("header %q", first[1])
	}
	var forms []string
	for _, l := range first[2:] {
		forms = append(forms, strings.Fields(l)[1])
	}
	if got := strings.Join(forms, " "); got != "Japan 's trade ministry said it would lift the ban on U.S. beef ." {
		t.Errorf("words %q", got)
	}
}

func TestParseCoNLLU(t *testing.T) {
	path := writeParseArticle(t, parseText)
	r := mustRun(t, "parse", "--conllu", path)
	sents, err := syntax.ReadCoNLLU(strings.NewReader(r.stdout), "stdout")
	if err != nil {
		t.Fatalf("not CoNLL-U: %v\n%s", err, r.stdout)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	// the cleaned text of a plain paragraph is the paragraph itself
	clean := "Japan's trade ministry said it would lift the ban on U.S. beef.\nOfficials in Tokyo didn't comment."
	for i, s := range sents {
		if s.Comments[0] != "sent_id = "+strconv.Itoa(i+1) {
			t.Errorf("sentence %d: first comment %q", i+1, s.Comments[0])
		}
		roots := 0
		for _, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			if w.UPOS == "" || w.Lemma == "" || w.Deprel == "" {
				t.Errorf("sentence %d word %d lacks a column: %+v", i+1, w.ID, w)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots", i+1, roots)
		}
		// every token's range is where its form stands in the text
		tokens := map[int]string{}
		for _, w := range s.Words {
			tokens[w.ID] = w.Misc
		}
		for _, m := range s.MultiWords {
			for id := m.First; id <= m.Last; id++ {
				delete(tokens, id)
			}
			checkRange(t, clean, m.Form, m.Misc)
		}
		for _, w := range s.Words {
			if _, ok := tokens[w.ID]; ok {
				checkRange(t, clean, w.Form, w.Misc)
			}
		}
	}
	if got := sents[1].MultiWords; len(got) != 1 || got[0].Form != "didn't" {
		t.Errorf("the second sentence's tokens of several words: %+v", got)
	}
}

// checkRange checks that misc's TokenRange covers form in text.
func checkRange(t *testing.T, text, form, misc string) {
	t.Helper()
	for _, item := range strings.Split(misc, "|") {
		if r, ok := strings.CutPrefix(item, "TokenRange="); ok {
			a, b, _ := strings.Cut(r, ":")
			start, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || start < 0 || end > len(text) || text[start:end] != form {
				t.Errorf("%q has TokenRange %s", form, r)
			}
			return
		}
	}
	t.Errorf("%q has no TokenRange in %q", form, misc)
}

func TestParseStdinAndJSON(t *testing.T) {
	var out, errs bytes.Buffer
	code := run(t.Context(), []string{"parse", "--json", "-"}, streams{In: strings.NewReader(parseText), Out: &out, Err: &errs})
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var got []struct {
		Sentence int    `json:"sentence"`
		Offset   int    `json:"offset"`
		Text     string `json:"text"`
		Words    []struct {
			Form   string `json:"form"`
			Head   int    `json:"head"`
			Deprel string `json:"deprel"`
			Start  int    `json:"start"`
			End    int    `json:"end"`
		} `json:"words"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Offset != 64 || got[1].Text != "Officials in Tokyo didn't comment." {
		t.Fatalf("sentences %+v", got)
	}
	w := got[1].Words[0]
	if w.Form != "Officials" || w.Start != 64 || w.End != 73 {
		t.Errorf("first word of the second sentence %+v", w)
	}
}

func TestParseErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.txt")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"parse", missing}, exitFailure, "tradegraph: " + missing + ": no such file or directory\n"},
		{[]string{"parse"}, exitUsage, "tradegraph: requires at least 1 arg(s), only received 0\nRun 'tradegraph --help' for usage.\n"},
		{[]string{"parse", "-", missing}, exitUsage, "tradegraph: \"-\" (stdin) is read alone, not with other paths\nRun 'tradegraph --help' for usage.\n"},
		{[]string{"parse", filepath.Dir(missing)}, exitFailure, "tradegraph: " + filepath.Dir(missing) + ": no articles (.txt, .md, .html) here\n"},
		{[]string{"parse", "--json", "--conllu", missing}, exitUsage, "tradegraph: --conllu and --json: choose one\nRun 'tradegraph --help' for usage.\n"},
	} {
		r := tradegraph(t, c.args...)
		if r.code != c.code || r.stderr != c.want || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit %d, %q", c.args, r.code, r.stderr, r.stdout, c.code, c.want)
		}
	}
}

// TestParseSeveralArticles: a directory's articles are parsed in order, each
// named, and one that cannot be read is reported without losing the others.
func TestParseSeveralArticles(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt":     "Chile agreed to scrap quotas.\n",
		"sub/b.md":  "Peru kept its tariffs. It said so.\n",
		"c-bad.txt": "Bad \xff bytes.\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := tradegraph(t, "parse", "--conllu", dir)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want %d", r.code, exitFailure)
	}
	bad := filepath.Join(dir, "c-bad.txt")
	if r.stderr != "tradegraph: "+bad+": line 1: invalid UTF-8\ntradegraph: 1 of 3 articles could not be read\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	sents, err := syntax.ReadCoNLLU(strings.NewReader(r.stdout), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range sents {
		for _, c := range s.Comments {
			if id, ok := strings.CutPrefix(c, "sent_id = "); ok {
				ids = append(ids, strings.TrimPrefix(id, dir+string(filepath.Separator)))
			}
		}
	}
	if got := strings.Join(ids, " "); got != "a.txt-1 sub/b.md-1 sub/b.md-2" {
		t.Errorf("sentence ids %q", got)
	}
	if sents[0].Comments[0] != "newdoc id = "+filepath.Join(dir, "a.txt") {
		t.Errorf("first comment %q", sents[0].Comments[0])
	}
}

// asBuiltText has a name the tagger alone reads as a common noun, a
// person named with a title, and wire abbreviations.
const asBuiltText = "Guinea raised export duties on bauxite, Trade Minister Ana Ruiz said.\n\nExports fell 5 pct to 300 mln dlrs.\n"

// TestParseAsBuilt: --as-built shows the actors each sentence names and
// the tree build reads facts from, which differs from the parser's own.
func TestParseAsBuilt(t *testing.T) {
	path := writeParseArticle(t, asBuiltText)
	word := func(table string, id int) []string {
		for _, l := range strings.Split(table, "\n") {
			if f := strings.Fields(l); len(f) > 0 && f[0] == strconv.Itoa(id) {
				return f
			}
		}
		return nil
	}
	raw := mustRun(t, "parse", path).stdout
	built := mustRun(t, "parse", "--as-built", path).stdout
	if strings.Contains(raw, "actors:") {
		t.Errorf("the parser's own reading lists actors:\n%s", raw)
	}
	lines := strings.Split(built, "\n")
	if lines[1] != "  actors: Guinea (country); Ana Ruiz (person)" {
		t.Errorf("actors line %q", lines[1])
	}
	if g := word(raw, 1); g[3] != "NOUN" {
		t.Fatalf("the parser alone tags Guinea %v; the test needs a name it misreads", g)
	}
	if g := word(built, 1); strings.Join(g, " ") != "1 Guinea Guinea PROPN NNP 2 raised nsubj" {
		t.Errorf("as built, Guinea is %v", g)
	}
	second := built[strings.Index(built, "sentence 2"):]
	if g := word(second, 4); g[1] != "pct" || g[2] != "percent" {
		t.Errorf("as built, pct is %v, want the form kept and read as percent", g)
	}

	var out, errs bytes.Buffer
	if code := run(t.Context(), []string{"parse", "--as-built", "--json", path}, streams{Out: &out, Err: &errs}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var got []struct {
		Actors []struct {
			Text, Name, Type string
			Start, End       int
		} `json:"actors"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Actors) != 2 || len(got[1].Actors) != 0 {
		t.Fatalf("actors %+v", got)
	}
	for _, a := range got[0].Actors {
		if asBuiltText[a.Start:a.End] != a.Text {
			t.Errorf("actor %+v: bytes %d-%d of the text are %q", a, a.Start, a.End, asBuiltText[a.Start:a.End])
		}
	}

	conllu := mustRun(t, "parse", "--as-built", "--conllu", path).stdout
	if !strings.Contains(conllu, "# actors = Guinea (country); Ana Ruiz (person)\n") {
		t.Errorf("no actors comment in\n%s", conllu)
	}
	if _, err := syntax.ReadCoNLLU(strings.NewReader(conllu), "as-built"); err != nil {
		t.Errorf("--as-built --conllu does not read back: %v", err)
	}
}
