package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/tradegraph/tradegraph/loaders/internal/utf8check"
)

// MaxArticleBytes bounds what one article may hold; longer inputs are
// refused rather than read into memory.
const MaxArticleBytes = 32 << 20

// MaxBlockBytes bounds one paragraph, heading or list item: a megabyte
// of text with no line break is a dump or a minified page, not prose.
const MaxBlockBytes = 1 << 20

// Extensions lists the article file types build reads.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// BlockKind says what a block of an article is.
type BlockKind int

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading
	ListItem
)

// Block is a heading, paragraph or list item of the cleaned text.
type Block struct {
	Kind   BlockKind
	Text   string
	Offset int // byte offset in the cleaned text
}

// Document is an article read and cleaned, ready for extraction.
type Document struct {
	Path   string
	Title  string
	Date   string
	Source string
	Blocks []Block
}

// Text is the cleaned text: the blocks joined by newlines.
func (d *Document) Text() string {
	var b strings.Builder
	for i, bl := range d.Blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// IsArticle reports whether path has an extension build reads.
func IsArticle(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// ReadFile reads and cleans one article file.
func ReadFile(path string, lex *Lexicon) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file", path)
		case errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("%s: permission denied", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > MaxArticleBytes {
		return nil, fmt.Errorf("%s: larger than %d MB; not an article", path, MaxArticleBytes>>20)
	}
	doc, err := Parse(path, b, lex)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Parse cleans the bytes of an article; the extension of name picks the
// reader (HTML, Markdown or plain text).
func Parse(name string, b []byte, lex *Lexicon) (*Document, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("empty file")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, errors.New("binary data, not an article")
	}
	if at := utf8check.FirstInvalid(b); at >= 0 {
		line := 1 + bytes.Count(b[:at], []byte("\n"))
		return nil, fmt.Errorf("line %d: invalid UTF-8", line)
	}
	doc := &Document{Path: name}
	var lines []rawLine
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		var err error
		if lines, err = readHTML(b, doc); err != nil {
			return nil, err
		}
	case ".md", ".markdown":
		body, err := frontMatter(b, doc)
		if err != nil {
			return nil, err
		}
		lines = readMarkdown(body)
	default:
		body, err := frontMatter(b, doc)
		if err != nil {
			return nil, err
		}
		lines = readText(body)
	}
	for _, l := range lines {
		if len(l.text) > MaxBlockBytes {
			return nil, fmt.Errorf("a paragraph of %.1f MB with no line break; not an article", float64(len(l.text))/(1<<20))
		}
	}
	doc.Blocks = clean(lines, lex)
	if doc.Title == "" {
		doc.Title = guessTitle(name, doc.Blocks)
	}
	return doc, nil
}

// guessTitle: a heading of four words or more before the first paragraph,
// else the file's name made readable.
func guessTitle(name string, blocks []Block) string {
	for _, bl := range blocks {
		if bl.Kind == Paragraph {
			break
		}
		if bl.Kind == Heading && len(strings.Fields(bl.Text)) >= 4 {
			return bl.Text
		}
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	return strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' }), " ")
}

// rawLine is a line of text before boilerplate is removed.
type rawLine struct {
	kind BlockKind
	text string
}

// frontMatter reads a leading "---" YAML block (title, date, source/url).
func frontMatter(b []byte, doc *Document) ([]byte, error) {
	if !bytes.HasPrefix(b, []byte("---\n")) && !bytes.HasPrefix(b, []byte("---\r\n")) {
		return b, nil
	}
	s := string(b)
	rest := s[strings.Index(s, "\n")+1:]
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return b, nil
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(rest[:end]), &fm); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
		return nil, fmt.Errorf("front matter: %s", strings.Join(strings.Fields(msg), " "))
	}
	get := func(keys ...string) string {
		for _, k := range keys {
			switch v := fm[k].(type) {
			case nil:
			case time.Time:
				// YAML reads "date: 2025-02-20" as a timestamp; keep the date as written
				if v.Equal(v.Truncate(24 * time.Hour)) {
					return v.Format(time.DateOnly)
				}
				return v.Format(time.RFC3339)
			default:
				return strings.TrimSpace(fmt.Sprint(v))
			}
		}
		return ""
	}
	doc.Title = get("title")
	doc.Date = get("date", "published", "published_at")
	doc.Source = get("source", "url", "link", "canonical")
	body := rest[end+4:]
	if i := strings.Index(body, "\n"); i >= 0 {
		body = body[i+1:]
	} else {
		body = ""
	}
	return []byte(body), nil
}

var bullet = regexp.MustCompile(`^\s*(?:[-*•▪◦–]\s+|\d{1,3}[.)]\s+)`)

func readText(b []byte) []rawLine {
	var out []rawLine
	for l := range strings.SplitSeq(string(b), "\n") {
		l = strings.TrimSpace(strings.TrimSuffix(l, "\r"))
		if l == "" {
			continue
		}
		kind := Paragraph
		if m := bulletPrefix(l); m != "" {
			kind, l = ListItem, strings.TrimSpace(l[len(m):])
		} else if looksLikeHeading(l) {
			kind = Heading
		}
		out = append(out, rawLine{kind, l})
	}
	return out
}

// bulletPrefix is the bullet or number that opens a list item of the
// trimmed line l, or "". Most lines open with a letter: no regexp for them.
func bulletPrefix(l string) string {
	r, _ := utf8.DecodeRuneInString(l)
	if '0' <= r && r <= '9' || strings.ContainsRune("-*•▪◦–", r) {
		return bullet.FindString(l)
	}
	return ""
}

// looksLikeHeading: a short line that does not end a sentence.
func looksLikeHeading(l string) bool {
	if fieldsMoreThan(l, 14) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	return !strings.ContainsRune(".!?\"”’)", last)
}

var (
	mdHeading = regexp.MustCompile(`^#{1,6}\s+`)
	mdLink    = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmph    = regexp.MustCompile(`(\*\*|__|\*|_|` + "`" + `)([^*_` + "`" + `]+?)(\*\*|__|\*|_|` + "`" + `)`)
)

func readMarkdown(b []byte) []rawLine {
	var out []rawLine
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, rawLine{Paragraph, strings.Join(para, " ")})
			para = nil
		}
	}
	inFence := false
	for l := range strings.SplitSeq(string(b), "\n") {
		l = strings.TrimSpace(strings.TrimSuffix(l, "\r"))
		if strings.HasPrefix(l, "```") {
			inFence = !inFence
			flush()
			continue
		}
		if inFence {
			continue
		}
		if l == "" {
			flush()
			continue
		}
		l = mdEmph.ReplaceAllString(mdLink.ReplaceAllString(l, "$1"), "$2")
		l = strings.TrimPrefix(l, "> ")
		switch {
		case mdHeading.MatchString(l):
			flush()
			out = append(out, rawLine{Heading, mdHeading.ReplaceAllString(l, "")})
		case bullet.MatchString(l):
			flush()
			out = append(out, rawLine{ListItem, strings.TrimSpace(bullet.ReplaceAllString(l, ""))})
		default:
			para = append(para, l)
		}
	}
	flush()
	return out
}

// Elements whose text is never article text.
var skipElements = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true,
	"nav": true, "footer": true, "header": true, "aside": true, "form": true, "button": true,
	"select": true, "object": true, "embed": true, "canvas": true, "head": true,
}

// Elements that end a line of text.
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "section": true, "article": true,
	"main": true, "blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"tr": true, "td": true, "th": true, "table": true, "figcaption": true, "figure": true, "dd": true, "dt": true,
	"hr": true, "pre": true, "address": true,
}

func readHTML(b []byte, doc *Document) ([]rawLine, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("invalid HTML: %s", strings.TrimPrefix(err.Error(), "html: "))
	}
	h := &htmlText{doc: doc}
	h.walk(root)
	h.flush()
	return h.lines, nil
}

type htmlText struct {
	doc   *Document
	lines []rawLine
	cur   strings.Builder
	kind  BlockKind
}

func (h *htmlText) flush() {
	t := strings.Join(strings.Fields(h.cur.String()), " ")
	if t != "" {
		h.lines = append(h.lines, rawLine{h.kind, t})
	}
	h.cur.Reset()
	h.kind = Paragraph
}

// walk visits the tree iteratively, so deeply nested input cannot exhaust the stack.
func (h *htmlText) walk(root *html.Node) {
	type frame struct {
		n     *html.Node
		leave bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.leave {
			if blockElements[n.Data] {
				h.flush()
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			h.cur.WriteString(n.Data)
			continue
		case html.ElementNode:
			if n.Data == "title" || n.Data == "meta" || n.Data == "link" {
				h.head(n)
			}
			if n.Data == "head" {
				// its text is no article text, but its title and meta tags describe the article
				h.walkHead(n)
			}
			if skipElements[n.Data] {
				continue
			}
			if blockElements[n.Data] {
				h.flush()
				switch n.Data {
				case "h1", "h2", "h3", "h4", "h5", "h6":
					h.kind = Heading
				case "li":
					h.kind = ListItem
				}
			}
			stack = append(stack, frame{n: n, leave: true})
		}
		var kids []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			kids = append(kids, c)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, frame{n: kids[i]})
		}
	}
}

// walkHead reads the title, meta and link elements under n.
func (h *htmlText) walkHead(n *html.Node) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && (n.Data == "title" || n.Data == "meta" || n.Data == "link") {
			h.head(n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// head reads the title, date and source URL from <title>, <meta> and <link>.
func (h *htmlText) head(n *html.Node) {
	attr := func(k string) string {
		for _, a := range n.Attr {
			if strings.EqualFold(a.Key, k) {
				return strings.TrimSpace(a.Val)
			}
		}
		return ""
	}
	d := h.doc
	switch n.Data {
	case "title":
		if n.FirstChild != nil && d.Title == "" {
			d.Title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
		}
	case "meta":
		key := strings.ToLower(attr("property") + attr("name") + attr("itemprop"))
		val := attr("content")
		switch key {
		case "og:title", "twitter:title":
			if d.Title == "" {
				d.Title = val
			}
		case "article:published_time", "date", "pubdate", "datepublished", "dc.date", "publish-date":
			if d.Date == "" {
				d.Date = val
			}
		case "og:url":
			if d.Source == "" {
				d.Source = val
			}
		}
	case "link":
		if strings.EqualFold(attr("rel"), "canonical") && d.Source == "" {
			d.Source = attr("href")
		}
	}
}

// clean drops boilerplate lines and inline furniture and assigns offsets.
func clean(lines []rawLine, lex *Lexicon) []Block {
	drop := lex.Boilerplate.Lines
	// lower-casing changes the length of a rune by a factor of 1/3 (the
	// Kelvin sign to k) to 3/2 (Ⱥ to ⱥ) at most, so a line more than five
	// times as long as the longest boilerplate line is none of them
	longest := 0
	for _, l := range drop {
		longest = max(longest, len(strings.TrimSpace(l)))
	}
	var out []Block
	off := 0
	for _, l := range lines {
		t := l.text
		for _, in := range lex.Boilerplate.Inline {
			if strings.Contains(t, in) {
				t = strings.ReplaceAll(t, " "+in, "")
				t = strings.ReplaceAll(t, in, "")
			}
		}
		t = collapseSpaces(t)
		if t == "" || len(t) <= 5*longest && (isLine(strings.TrimRight(t, " :"), drop) || isLine(t, drop)) {
			continue
		}
		if hasPrefixFold(t, lex.Boilerplate.Prefixes) {
			continue
		}
		out = append(out, Block{Kind: l.kind, Text: t, Offset: off})
		off += len(t) + 1
	}
	return out
}

// isLine reports whether t is one of lines, ignoring case and the lines' surrounding space.
func isLine(t string, lines []string) bool {
	for _, l := range lines {
		if equalLower(t, strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

// equalLower reports whether strings.ToLower(a) == strings.ToLower(b),
// without building either.
func equalLower(a, b string) bool {
	for a != "" && b != "" {
		if ca, cb := a[0], b[0]; ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if lowerASCII(ca) != lowerASCII(cb) {
				return false
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// collapseSpaces is strings.Join(strings.Fields(s), " "), which most lines
// already are.
func collapseSpaces(s string) string {
	if singleSpaced(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// singleSpaced reports whether s has no space but single ASCII spaces
// between words.
func singleSpaced(s string) bool {
	space := true // as if a space came before s, so that a leading one fails
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			space = false
			i += n
			continue
		}
		switch c {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			space = false
		}
		i++
	}
	return !space || s == ""
}

// fieldsMoreThan reports whether s has more than n fields, as strings.Fields splits it.
func fieldsMoreThan(s string, n int) bool {
	fields, space := 0, true
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			fields++
			if fields > n {
				return true
			}
		}
		space = false
	}
	return false
}

func hasPrefixFold(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}
