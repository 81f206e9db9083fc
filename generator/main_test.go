package main

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// build runs the generator's build command as a user would and returns
// the exit code and output.
func build(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"build"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// buildSample builds ../content with ../templates into a temporary folder.
func buildSample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := build(t, "-content", "../content", "-templates", "../templates", "-out", out)
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	return out
}

// TestAll builds the sample site and checks every page: it parses, has
// one h1, a language, a CSP and no inline script or style, and every
// internal link and asset resolves to a file (and its #fragment to an id).
func TestAll(t *testing.T) {
	if n := checkSite(t, buildSample(t)); n < 170 {
		t.Fatalf("only %d pages", n)
	}
}

// TestEmptyCatalog: a catalog of site.toml alone builds a complete site
// whose every page and link holds, and whose search runs.
func TestEmptyCatalog(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "site.toml"), []byte("title = \"空清单\"\npublisher = \"测试\"\nupdated = 2018-12-28\n"), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", content, "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	checkSite(t, out)
	b := newBrowser(t, browserOptions{})
	b.open(t, fileURL(out)+"search/index.html?q=%E6%88%B7%E5%8F%A3")
	if got := waitSearch(t, b); len(got) != 0 {
		t.Errorf("an empty catalog found %v", got)
	}
	for _, p := range b.takeProblems() {
		t.Error(p)
	}
}

// checkSite parses every page under out and checks it (see TestAll);
// it returns the number of pages.
func checkSite(t *testing.T, out string) int {
	t.Helper()
	pages := map[string]*html.Node{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		pages[filepath.ToSlash(rel)] = doc
		return nil
	})
	for name, doc := range pages {
		checkPage(t, name, doc)
		for _, ref := range refs(doc) {
			checkRef(t, out, name, ref, pages)
		}
	}
	return len(pages)
}

func checkPage(t *testing.T, name string, doc *html.Node) {
	h1s, csp, title, searches := 0, false, "", 0
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "html":
			if attr(n, "lang") != "zh-CN" {
				t.Errorf("%s: <html lang=%q>", name, attr(n, "lang"))
			}
		case "h1":
			h1s++
		case "form":
			if attr(n, "role") == "search" {
				searches++
			}
		case "meta":
			if attr(n, "http-equiv") == "Content-Security-Policy" && strings.Contains(attr(n, "content"), "default-src 'self'") {
				csp = true
			}
		case "title":
			if n.Namespace != "" {
				break // a chart's <title> (svg)
			}
			if n.FirstChild != nil {
				title = n.FirstChild.Data
			}
		case "script":
			if attr(n, "src") == "" {
				t.Errorf("%s: inline script", name)
			}
		case "style":
			t.Errorf("%s: inline <style>", name)
		}
		if n.Type == html.ElementNode && hasAttr(n, "style") {
			t.Errorf("%s: style attribute on <%s>", name, n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: event handler attribute %s", name, a.Key)
			}
		}
	})
	if h1s != 1 {
		t.Errorf("%s: %d h1 elements, want 1", name, h1s)
	}
	if searches != 1 {
		t.Errorf("%s: %d search forms, want 1", name, searches)
	}
	if !csp {
		t.Errorf("%s: no Content-Security-Policy meta", name)
	}
	if !strings.Contains(title, " - ") {
		t.Errorf("%s: title %q does not name both the page and the site", name, title)
	}
}

// refs returns every href and src in doc.
func refs(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			if (a.Key == "href" || a.Key == "src" || a.Key == "action") && n.Data != "link" || a.Key == "href" && attr(n, "rel") == "stylesheet" {
				out = append(out, a.Val)
			}
		}
	})
	return out
}

var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

func checkRef(t *testing.T, out, page, ref string, pages map[string]*html.Node) {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(ref)), "javascript:") {
		t.Errorf("%s: javascript: link %q", page, ref)
		return
	}
	if scheme.MatchString(ref) || strings.HasPrefix(ref, "//") {
		if !strings.HasPrefix(ref, "https://") && !strings.HasPrefix(ref, "http://") && !strings.HasPrefix(ref, "tel:") && !strings.HasPrefix(ref, "mailto:") {
			t.Errorf("%s: link with unexpected scheme %q", page, ref)
		}
		return
	}
	if page == "404.html" {
		return // served at any depth; checked by TestNotFoundPage
	}
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s: bad link %q", page, ref)
		return
	}
	target := page
	if u.Path != "" {
		if strings.HasSuffix(u.Path, "/") {
			t.Errorf("%s: link %q points at a folder; from file:// it must name a file", page, ref)
			return
		}
		target = path.Join(path.Dir(page), u.Path)
		if strings.HasPrefix(target, "../") {
			t.Errorf("%s: link %q leaves the site", page, ref)
			return
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
			t.Errorf("%s: link %q: %s does not exist", page, ref, target)
			return
		}
	}
	if u.Fragment != "" {
		doc := pages[target]
		found := false
		walk(doc, func(n *html.Node) { found = found || attr(n, "id") == u.Fragment })
		if !found {
			t.Errorf("%s: link %q: no id %q in %s", page, ref, u.Fragment, target)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n == nil {
		return
	}
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
