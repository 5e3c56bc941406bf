package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// blocks renders a document's blocks as "kind: text" lines.
func blocks(doc *Document) []string {
	kinds := map[BlockKind]string{Paragraph: "p", Heading: "h", ListItem: "li"}
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, kinds[b.Kind]+": "+b.Text)
	}
	return out
}

func parse(t *testing.T, name, content string) *Document {
	t.Helper()
	doc, err := Parse(name, []byte(content), testExtractor.lex)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return doc
}

func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseHTML(t *testing.T) {
	doc := parse(t, "a.html", `<!DOCTYPE html>
<html><head>
<title>Kenya and UK sign tea deal | Example News</title>
<meta name="date" content="2025-03-01">
<meta property="og:url" content="https://example.org/kenya-uk">
<style>body { font-family: serif } .cut { tariff: 0 }</style>
<script>window.tariffs = "The UK will ban all imports";</script>
</head><body>
<header><a href="/">Example News</a></header>
<nav><ul><li>World</li><li>Trade</li></ul></nav>
<main>
<h1>Kenya and UK sign tea deal</h1>
<p>The UK will cut tariffs on Kenyan tea <a href="/x">(opens in a new tab)</a>.</p>
<p>Kenya  will
   ease <b>import licensing</b> for British machinery.</p>
<ul><li>Tea: duty-free</li><li>Flowers: quota lifted</li></ul>
<noscript>Enable JavaScript to read about quotas.</noscript>
<p>Share this</p>
<p>Leave a Reply</p>
<aside>Related: EU bans palm oil</aside>
</main>
<footer>All rights reserved</footer>
</body></html>`)
	if doc.Title != "Kenya and UK sign tea deal | Example News" {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Date != "2025-03-01" || doc.Source != "https://example.org/kenya-uk" {
		t.Errorf("date %q, source %q", doc.Date, doc.Source)
	}
	equalLines(t, blocks(doc), []string{
		"h: Kenya and UK sign tea deal",
		"p: The UK will cut tariffs on Kenyan tea.",
		"p: Kenya will ease import licensing for British machinery.",
		"li: Tea: duty-free",
		"li: Flowers: quota lifted",
	})
	for _, absent := range []string{"ban all imports", "font-family", "JavaScript", "World", "palm oil", "rights"} {
		if strings.Contains(doc.Text(), absent) {
			t.Errorf("text holds %q from outside the article", absent)
		}
	}
}

// TestParseHTMLMeta: without <title>, the Open Graph title; the canonical
// link gives the source; else a leading heading or the file's name is the title.
func TestParseHTMLMeta(t *testing.T) {
	doc := parse(t, "a.htm", `<html><head><meta property="og:title" content="Quota deal">
<meta property="article:published_time" content="2025-06-02T08:00:00Z">
<link rel="canonical" href="https://example.org/q"></head><body><p>Text.</p></body></html>`)
	if doc.Title != "Quota deal" || doc.Date != "2025-06-02T08:00:00Z" || doc.Source != "https://example.org/q" {
		t.Errorf("title %q date %q source %q", doc.Title, doc.Date, doc.Source)
	}
	doc = parse(t, "b.html", `<body><h2>Kenya gets a tea quota</h2><p>Text.</p></body>`)
	if doc.Title != "Kenya gets a tea quota" {
		t.Errorf("title %q, want the first heading", doc.Title)
	}
	doc = parse(t, "kenya_tea-quota.html", `<body><h2>Tea</h2><p>Text.</p></body>`)
	if doc.Title != "kenya tea quota" {
		t.Errorf("title %q, want the file's name", doc.Title)
	}
}

// TestParseDeepHTML: deeply nested elements neither exhaust the stack nor
// take long; beyond what the HTML parser accepts, the error says so.
func TestParseDeepHTML(t *testing.T) {
	nested := func(depth int) []byte {
		return []byte("<html><body>" + strings.Repeat("<div><span>", depth) + "Canada cut tariffs on steel." +
			strings.Repeat("</span></div>", depth) + "</body></html>")
	}
	doc := parse(t, "deep.html", string(nested(200)))
	if !strings.Contains(doc.Text(), "Canada cut tariffs on steel.") {
		t.Errorf("text %q lost the sentence", doc.Text())
	}
	start := time.Now()
	_, err := Parse("deeper.html", nested(10000), testExtractor.lex)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("parsing took %v", took)
	}
	if want := "invalid HTML: open stack of elements exceeds 512 nodes"; err == nil || err.Error() != want {
		t.Errorf("Parse of 10,000 nested elements = %v, want %q", err, want)
	}
}

func TestParseMarkdown(t *testing.T) {
	doc := parse(t, "a.md", `---
title: "Japan and Canada: beef and dairy"
date: 2025-02-20
url: https://example.org/jp-ca
tags: [trade, beef]
---

# Japan and Canada

Japan will **cut** tariffs on [Canadian beef](https://example.org/beef)
to 9%, the _ministry_ said.

> Canada maintains its dairy quotas.

`+"```"+`
tariffs = 0
`+"```"+`

* Beef: 9%
1. Pork: unchanged
`)
	if doc.Title != "Japan and Canada: beef and dairy" || doc.Date != "2025-02-20" || doc.Source != "https://example.org/jp-ca" {
		t.Errorf("title %q date %q source %q", doc.Title, doc.Date, doc.Source)
	}
	equalLines(t, blocks(doc), []string{
		"h: Japan and Canada",
		"p: Japan will cut tariffs on Canadian beef to 9%, the ministry said.",
		"p: Canada maintains its dairy quotas.",
		"li: Beef: 9%",
		"li: Pork: unchanged",
	})
}

func TestParseText(t *testing.T) {
	doc := parse(t, "a.txt", "\xef\xbb\xbf---\r\ntitle: Quotas\r\nsource: https://example.org/q\r\n---\r\nKenya and the UK\r\n\r\nThe UK cut its tariffs.\r\n- Tea (opens in a new tab) is duty-free.\r\nShare on Facebook\r\nTags: trade, tea\r\n")
	if doc.Title != "Quotas" || doc.Source != "https://example.org/q" {
		t.Errorf("title %q source %q", doc.Title, doc.Source)
	}
	equalLines(t, blocks(doc), []string{
		"h: Kenya and the UK",
		"p: The UK cut its tariffs.",
		"li: Tea is duty-free.",
	})
	doc = parse(t, "b.txt", "Kenya and the UK\n\nThe UK cut its tariffs.\n")
	if doc.Title != "Kenya and the UK" {
		t.Errorf("title %q, want the first line", doc.Title)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"empty", "a.txt", "", "empty file"},
		{"blank", "a.md", " \n\t\n", "empty file"},
		{"only a byte order mark", "a.txt", "\xef\xbb\xbf\n", "empty file"},
		{"binary", "a.txt", "PK\x03\x04\x00\x00tariffs", "binary data, not an article"},
		{"invalid UTF-8", "a.txt", "Line one.\nLine two.\nBad \xff byte.\n", "line 3: invalid UTF-8"},
		{"invalid UTF-8 in HTML", "a.html", "<p>ok</p>\n<p>\xc3\x28</p>", "line 2: invalid UTF-8"},
		{"bad front matter", "a.md", "---\ntitle: [unclosed\n---\nText.\n", "front matter: "},
		{"one huge line", "a.txt", "Kenya.\n" + strings.Repeat("tariff ", MaxBlockBytes/7+1), "a paragraph of 1.0 MB with no line break; not an article"},
		{"one huge paragraph", "a.html", "<p>" + strings.Repeat("quota ", MaxBlockBytes/6+1) + "</p>", "a paragraph of 1.0 MB with no line break; not an article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.content), testExtractor.lex)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Parse = %v, want one line starting %q", err, tt.want)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxArticleBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
	}{
		{filepath.Join(dir, "none.txt"), filepath.Join(dir, "none.txt") + ": no such file"},
		{dir, dir + ": is a directory"},
		{big, big + ": larger than 32 MB; not an article"},
		{empty, empty + ": empty file"},
	}
	for _, tt := range tests {
		if _, err := ReadFile(tt.path, testExtractor.lex); err == nil || err.Error() != tt.want {
			t.Errorf("ReadFile(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
}

// TestCleanHelpers: the helpers clean uses in place of strings.Fields and
// strings.ToLower give the same answers.
func TestCleanHelpers(t *testing.T) {
	inputs := []string{"", " ", "a", " a", "a ", "a b", "a  b", "a\tb", "a\u00a0b", "a\u0085b", "Share this:",
		"SHARE THIS", "share this", "Kelvin \u212a", "kelvin k", "İstanbul", "i̇stanbul", "ǅ", "ǆ", "\xff", "a\xffb",
		"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"}
	for _, a := range inputs {
		if got, want := collapseSpaces(a), strings.Join(strings.Fields(a), " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", a, got, want)
		}
		for _, n := range []int{0, 1, 2, 14} {
			if got, want := fieldsMoreThan(a, n), len(strings.Fields(a)) > n; got != want {
				t.Errorf("fieldsMoreThan(%q, %d) = %v, want %v", a, n, got, want)
			}
		}
		for _, b := range inputs {
			//lint:ignore SA6005 equalLower is equality of the lower-cased strings, which EqualFold is not
			if got, want := equalLower(a, b), strings.ToLower(a) == strings.ToLower(b); got != want {
				t.Errorf("equalLower(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestLowerLength: lower-casing a rune changes its length by a factor of
// 1/3 to 3/2 at most, which clean relies on to skip long lines.
func TestLowerLength(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		n, l := utf8.RuneLen(r), utf8.RuneLen(unicode.ToLower(r))
		if 3*l < n || 2*l > 3*n {
			t.Errorf("%U is %d bytes, lower-cased %d", r, n, l)
		}
	}
}
