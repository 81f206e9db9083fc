package markdown

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzHTML: no input makes the renderer panic or emit a script, an event
// handler attribute, or a javascript:/data: link.
// Longer runs: go test ./generator/markdown -fuzz FuzzHTML -fuzztime 10m
func FuzzHTML(f *testing.F) {
	for _, seed := range []string{
		"[a](javascript:alert(1))", "<script>alert(1)</script>", "![x](data:image/png;base64,AA)",
		"<https://www.gov.cn/>", "# 标题\n\n正文", "| a | b |\n|---|---|\n| 1 | 2 |", "[a]: javascript:x\n\n[a]",
		"<a href=\"javascript:x\" onclick=\"y\">z</a>", "www.gov.cn", "mailto:a@b.cn",
	} {
		f.Add(seed)
	}
	r := New(3)
	f.Fuzz(func(t *testing.T, src string) {
		out := string(r.HTML(src))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			tok := z.Token()
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			switch tok.Data {
			case "script", "img", "iframe", "object", "embed", "svg", "style", "form":
				t.Fatalf("HTML(%q) has a <%s> element:\n%s", src, tok.Data, out)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "href" && !allowedScheme(a.Val) {
					t.Fatalf("HTML(%q) has %s=%q:\n%s", src, a.Key, a.Val, out)
				}
			}
		}
	})
}

// allowedScheme is the oracle for links: no scheme (relative), or http,
// https or mailto. (SafeURL itself may reject an address goldmark has
// percent-encoded, which is harmless.)
func allowedScheme(href string) bool {
	m := schemeRE.FindStringSubmatch(strings.TrimSpace(href))
	if m == nil {
		return !strings.HasPrefix(strings.TrimSpace(href), "//")
	}
	switch strings.ToLower(m[1]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

var schemeRE = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)
