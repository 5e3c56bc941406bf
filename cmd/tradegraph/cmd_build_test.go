package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tradegraph/tradegraph/data"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// summary is the last line of a build: documents, facts, quads and seconds.
var summary = regexp.MustCompile(`^built (\d+) documents: \d+ facts, \d+ quads in \d+\.\d\d s$`)

// checkBuildStderr checks that a build wrote the given lines (each a prefix)
// and then its summary for docs documents, and nothing else.
func checkBuildStderr(t *testing.T, stderr string, docs string, lines ...string) {
	t.Helper()
	got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	var summaryAt = -1
	for i, l := range got {
		if m := summary.FindStringSubmatch(l); m != nil {
			summaryAt = i
			if m[1] != docs {
				t.Errorf("summary %q, want %s documents", l, docs)
			}
		}
	}
	if summaryAt < 0 {
		t.Fatalf("no summary line in:\n%s", stderr)
	}
	others := append(append([]string{}, got[:summaryAt]...), got[summaryAt+1:]...)
	if len(others) != len(lines) {
		t.Fatalf("stderr has %d lines besides the summary, want %d:\n%s", len(others), len(lines), stderr)
	}
	for i, want := range lines {
		if !strings.HasPrefix(others[i], want) {
			t.Errorf("stderr line %q, want it to start %q", others[i], want)
		}
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("stderr shows a crash:\n%s", stderr)
	}
}

// documentLines is the part of a dump stated by the document with id.
func documentLines(dump, id string) string {
	suffix := " <" + string(article.DocIRI(id)) + "> ."
	var b strings.Builder
	for _, l := range strings.SplitAfter(dump, "\n") {
		if strings.HasSuffix(strings.TrimSuffix(l, "\n"), suffix) {
			b.WriteString(l)
		}
	}
	return b.String()
}

// sampleDir writes the shipped sample articles to a fresh directory.
func sampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(data.Articles, "articles", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Articles, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeArticle(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBuildTwice: building the same articles again, into the same store or
// a fresh one, gives the same dump byte for byte.
func TestBuildTwice(t *testing.T) {
	for name, dir := range map[string]string{"testdata articles": "testdata/articles", "shipped sample": sampleDir(t)} {
		t.Run(name, func(t *testing.T) {
			db := newStore(t)
			r := mustRun(t, "--db", db, "build", dir)
			if r.stdout != "" {
				t.Errorf("build wrote to stdout: %q", r.stdout)
			}
			first := dumpOf(t, db)
			if !strings.Contains(first, "#evidence") {
				t.Fatalf("the build stored no facts:\n%s", first)
			}
			mustRun(t, "--db", db, "build", dir)
			if again := dumpOf(t, db); again != first {
				t.Errorf("building again changed the store:\n%s\nwas:\n%s", again, first)
			}
			other := newStore(t)
			mustRun(t, "--db", other, "build", dir)
			if fresh := dumpOf(t, other); fresh != first {
				t.Errorf("building into a fresh store gave another dump:\n%s\nwas:\n%s", fresh, first)
			}
		})
	}
}

// TestBuildSummary: documents are named by their path below the directory
// given, and the summary counts them.
func TestBuildSummary(t *testing.T) {
	db := newStore(t)
	r := mustRun(t, "--db", db, "build", "testdata/articles")
	checkBuildStderr(t, r.stderr, "2")
	dump := dumpOf(t, db)
	for _, id := range []string{"kenya-uk.txt", "vietnam-eu.md"} {
		if documentLines(dump, id) == "" {
			t.Errorf("no quads of document %s", id)
		}
	}
	r = mustRun(t, "--db", db, "build", "testdata/articles/kenya-uk.txt")
	checkBuildStderr(t, r.stderr, "1")
	if again := dumpOf(t, db); again != dump {
		t.Errorf("building one file again by its path changed the store")
	}
}

// TestBuildBadInput: each bad article gets one line naming the file, exit
// code 1, and leaves every other document as it was.
func TestBuildBadInput(t *testing.T) {
	deep := "<html><body>" + strings.Repeat("<div>", 10000) + "Kenya cut tariffs." + strings.Repeat("</div>", 10000) + "</body></html>"
	huge := bytes.Repeat([]byte("Kenya cut its tariffs on tea, "), 20<<20/30)
	for _, tc := range []struct {
		name, file string
		content    []byte
		want       string // the message after "tradegraph: PATH: "
	}{
		{"empty file", "empty.txt", nil, "empty file"},
		{"blank file", "blank.md", []byte("\n  \n\t\n"), "empty file"},
		{"binary file", "photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary data, not an article"},
		{"invalid UTF-8", "latin1.txt", []byte("Kenya and the UK\n\nThe UK cut tariffs on Kenyan tea.\nCaf\xe9 prices rose.\n"), "line 4: invalid UTF-8"},
		{"bad front matter", "front.md", []byte("---\ntitle: [oops\n---\nText.\n"), "front matter: "},
		{"deeply nested HTML", "deep.html", []byte(deep), "invalid HTML: open stack of elements exceeds 512 nodes"},
		{"a 20 MB single line", "huge.txt", huge, "a paragraph of 20.0 MB with no line break; not an article"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newStore(t)
			mustRun(t, "--db", db, "build", "testdata/articles")
			before := dumpOf(t, db)
			path := writeArticle(t, t.TempDir(), tc.file, tc.content)

			start := time.Now()
			r := tradegraph(t, "--db", db, "build", path)
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("build took %v", took)
			}
			if r.code != exitFailure {
				t.Errorf("exit code %d, want %d", r.code, exitFailure)
			}
			checkBuildStderr(t, r.stderr, "0", "tradegraph: "+path+": "+tc.want, "tradegraph: 1 of 1 articles failed")
			if after := dumpOf(t, db); after != before {
				t.Errorf("the store changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// TestBuildBadVersionKeepsTheOld: an article that turns bad keeps its last
// good document, and the others are untouched.
func TestBuildBadVersionKeepsTheOld(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/articles/kenya-uk.txt")
	if err != nil {
		t.Fatal(err)
	}
	writeArticle(t, dir, "kenya-uk.txt", good)
	writeArticle(t, dir, "other.txt", []byte("Japan will cut its tariffs on Canadian beef.\n"))
	db := newStore(t)
	mustRun(t, "--db", db, "build", dir)
	before := dumpOf(t, db)

	writeArticle(t, dir, "kenya-uk.txt", append(good, []byte("Bad \xff byte.\n")...))
	r := tradegraph(t, "--db", db, "build", dir)
	if r.code != exitFailure {
		t.Errorf("exit code %d, want %d", r.code, exitFailure)
	}
	checkBuildStderr(t, r.stderr, "1", "tradegraph: "+filepath.Join(dir, "kenya-uk.txt")+": line 8: invalid UTF-8", "tradegraph: 1 of 2 articles failed")
	after := dumpOf(t, db)
	for _, id := range []string{"kenya-uk.txt", "other.txt"} {
		if got, want := documentLines(after, id), documentLines(before, id); got != want || want == "" {
			t.Errorf("document %s changed:\n%s\nwas:\n%s", id, got, want)
		}
	}
}

// TestBuildHTMLWithScripts: an HTML page builds from its article text; the
// text of scripts, styles and page furniture is not in the graph.
func TestBuildHTMLWithScripts(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Morocco and the EU agree a citrus quota</title>
<style>.quota { color: red }</style>
<script>var claim = "Morocco will abolish its tariffs on European steel";</script></head>
<body><nav>Home | World | Trade</nav>
<article><h1>Morocco and the EU agree a citrus quota</h1>
<p>The European Union will expand its tariff-rate quota for Moroccan citrus by 20,000 tonnes.</p>
<script>document.write("Morocco bans wheat imports")</script>
<p>Share this</p></article>
<footer>Morocco lifts its ban on phosphate exports. All rights reserved.</footer></body></html>`
	path := writeArticle(t, t.TempDir(), "morocco.html", []byte(page))
	db := newStore(t)
	r := mustRun(t, "--db", db, "build", path)
	checkBuildStderr(t, r.stderr, "1")
	dump := dumpOf(t, db)
	if !strings.Contains(dump, "Morocco and the EU agree a citrus quota") || !strings.Contains(dump, "tariff-rate quota for Moroccan citrus") {
		t.Errorf("the article's title or measure is missing:\n%s", dump)
	}
	for _, absent := range []string{"steel", "wheat", "phosphate", "color", "Share this", "World"} {
		if strings.Contains(dump, absent) {
			t.Errorf("the graph holds %q from outside the article text", absent)
		}
	}
}

// TestBuildMixedDirectory: in a directory of good and bad files, the good
// ones are built, each bad one is reported, and the exit code is 1.
func TestBuildMixedDirectory(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/articles/vietnam-eu.md")
	if err != nil {
		t.Fatal(err)
	}
	writeArticle(t, dir, "a-good.md", good)
	writeArticle(t, dir, "b-empty.txt", nil)
	writeArticle(t, dir, "c-binary.htm", []byte{0, 1, 2, 3})
	writeArticle(t, dir, "sub/d-good.txt", []byte("Canada maintains its tariff-rate quotas on dairy products.\n"))
	writeArticle(t, dir, "sub/notes.csv", []byte("not,an,article\n"))
	writeArticle(t, dir, "README.md", []byte("# Articles\n\nCanada cut its tariffs on Brazilian beef, says this folder's note.\n"))
	db := newStore(t)

	r := tradegraph(t, "--db", db, "build", dir)
	if r.code != exitFailure {
		t.Errorf("exit code %d, want %d", r.code, exitFailure)
	}
	checkBuildStderr(t, r.stderr, "2",
		"tradegraph: "+filepath.Join(dir, "b-empty.txt")+": empty file",
		"tradegraph: "+filepath.Join(dir, "c-binary.htm")+": binary data, not an article",
		"tradegraph: 2 of 4 articles failed")
	dump := dumpOf(t, db)
	for id, built := range map[string]bool{"a-good.md": true, "sub/d-good.txt": true, "b-empty.txt": false, "c-binary.htm": false, "sub/notes.csv": false, "README.md": false} {
		if got := documentLines(dump, id) != ""; got != built {
			t.Errorf("document %s built: %v, want %v", id, got, built)
		}
	}
}

func TestBuildNothingToBuild(t *testing.T) {
	dir := t.TempDir()
	writeArticle(t, dir, "notes.csv", []byte("a,b\n"))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", dir}, exitFailure, "tradegraph: no articles ([.txt .md .markdown .html .htm]) found in [" + dir + "]\n"},
		{[]string{"build", filepath.Join(dir, "missing")}, exitFailure, "tradegraph: " + filepath.Join(dir, "missing") + ": no such file or directory\n"},
		{[]string{"build"}, exitUsage, "tradegraph: requires at least 1 arg(s), only received 0\nRun 'tradegraph --help' for usage.\n"},
	} {
		r := tradegraph(t, append([]string{"--db", newStore(t)}, tc.args...)...)
		if r.code != tc.code || r.stderr != tc.want {
			t.Errorf("tradegraph %v: exit %d, stderr %q; want exit %d, %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
}

// TestBuildJSON: build --json prints what it stored as load --json does,
// and still exits 1 when an article failed.
func TestBuildJSON(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("testdata", "names", "chile-korea.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeArticle(t, dir, "chile-korea.txt", article)
	writeArticle(t, dir, "empty.txt", nil)
	db := newStore(t)
	build := func(wantCode int) buildSummary {
		t.Helper()
		r := tradegraph(t, "--db", db, "--json", "build", dir)
		if r.code != wantCode {
			t.Fatalf("build --json: exit %d, want %d\n%s", r.code, wantCode, r.stderr)
		}
		var s buildSummary
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("build --json printed %q: %v", r.stdout, err)
		}
		return s
	}

	first := build(exitFailure)
	if first.Documents != 1 || first.Failed != 1 || first.Quads == 0 || first.Added != first.Quads || first.Removed != 0 {
		t.Errorf("first build: %+v; want 1 document of new quads, 1 failure", first)
	}
	if a := first.Articles; len(a) != 2 || a[0].Document != "chile-korea.txt" || a[0].Quads != first.Quads || a[0].Facts == 0 ||
		a[0].Error != "" || a[1].Document != "empty.txt" || a[1].Error != filepath.Join(dir, "empty.txt")+": empty file" {
		t.Errorf("first build's articles: %+v", a)
	}
	if q := quadCount(t, db); q != int64(first.Added) {
		t.Errorf("the store has %d quads; the summary says %d were added", q, first.Added)
	}

	if again := build(exitFailure); again.Quads != first.Quads || again.Added != 0 || again.Removed != 0 {
		t.Errorf("the same build again: %+v; want the same quads, none added or removed", again)
	}

	// without its last sentence the article's document loses quads
	short := article[:bytes.LastIndex(bytes.TrimSpace(article), []byte("\n"))]
	writeArticle(t, dir, "chile-korea.txt", short)
	if err := os.Remove(filepath.Join(dir, "empty.txt")); err != nil {
		t.Fatal(err)
	}
	shorter := build(exitOK)
	if shorter.Failed != 0 || shorter.Removed == 0 || shorter.Quads >= first.Quads || quadCount(t, db) != int64(first.Added+shorter.Added-shorter.Removed) {
		t.Errorf("a shorter version: %+v; want quads removed, and the store's count to follow", shorter)
	}
}
