// Package markdown is the one goldmark configuration of the generator, for
// the Markdown fields of the content (site about, policy summary, notes).
//
// Trust model: these fields are typed by the editorial office, but they end
// up on a government site that residents rely on, and a pasted snippet can
// carry anything. So raw HTML is never rendered (goldmark's default; we do
// not set html.WithUnsafe), and links are kept only for http, https and
// mailto addresses and for relative references; any other scheme
// (javascript:, data:, vbscript:, file:, …) leaves only the link's text.
// Images become their alt text: a catalog page loads nothing from outside,
// and the pages' Content-Security-Policy would block it anyway.
package markdown

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer turns Markdown into safe HTML. Its zero value is not usable;
// call New. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a renderer whose headings start at level topLevel, so that
// "# 标题" in a note under an <h2> becomes an <h3> and a page keeps one <h1>.
func New(topLevel int) *Renderer {
	md := goldmark.New(
		// CJK: no stray spaces where a Chinese line wraps in the source.
		// Table: ledgers are tables; editors paste them.
		// Linkify: bare addresses (https://…) become links, then pass the same filter.
		goldmark.WithExtensions(extension.NewCJK(extension.WithEastAsianLineBreaks()), extension.Table, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(
			util.Prioritized(&sanitizer{shift: topLevel - 1}, 100),
		)),
	)
	return &Renderer{md: md}
}

// HTML renders src. Should goldmark fail or panic on some input (fuzzing
// found a panic in its CJK line breaks on invalid UTF-8, which the catalog
// rejects anyway), the text is shown escaped rather than lost.
func (r *Renderer) HTML(src string) (out template.HTML) {
	src = strings.ToValidUTF8(src, "\uFFFD")
	defer func() {
		if recover() != nil {
			out = template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>\n")
		}
	}()
	var b bytes.Buffer
	if err := r.md.Convert([]byte(src), &b); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>\n")
	}
	return template.HTML(b.String())
}

// sanitizer rewrites the tree before rendering: unsafe links and images
// become their text, headings shift down.
type sanitizer struct{ shift int }

func (s *sanitizer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var replace []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+s.shift, 6)
		case *ast.Link:
			if !SafeURL(string(n.Destination)) {
				replace = append(replace, n)
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(reader.Source()))) {
				replace = append(replace, n)
			}
		case *ast.Image:
			replace = append(replace, n)
		case *ast.RawHTML, *ast.HTMLBlock:
			replace = append(replace, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range replace {
		unwrap(n, reader.Source())
	}
}

// unwrap replaces n with its children (a link's text), or with its
// literal text where it has none (an autolink, an image's alt text).
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	switch n := n.(type) {
	case *ast.AutoLink:
		parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
		return
	case *ast.RawHTML, *ast.HTMLBlock:
		parent.RemoveChild(parent, n) // dropped, as goldmark's safe mode does
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// SafeURL reports whether an address may become a link: http, https or
// mailto, or a reference without a scheme (relative or a #fragment).
func SafeURL(raw string) bool {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return true
	case "":
		// "//evil.example" has no scheme but leaves the site.
		return !strings.HasPrefix(raw, "//") && !strings.Contains(strings.SplitN(raw, "/", 2)[0], ":")
	}
	return false
}
