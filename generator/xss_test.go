package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// payloads are hostile texts placed in every string field of the XSS
// catalog. Each tries to set window.__xss.
var payloads = []string{
	`<script>window.__xss=1</script>`,
	`"><svg onload="window.__xss=1">`,
	`'><img src=x onerror=window.__xss=1>`,
	`</script><script>window.__xss=1</script>`,
	`javascript:window.__xss=1`,
	`{{.}}{{template "layout.html"}}`,
	"行\u2028分\u2029隔",
	`<iframe srcdoc="<script>parent.__xss=1</script>">`,
	strings.Repeat("很长的文字", 2000),
}

// markdownPayloads go into the Markdown fields.
var markdownPayloads = []string{
	`[点我](javascript:window.__xss=1)`,
	`[点我](JAVASCRIPT:window.__xss=1)`,
	`[数据](data:text/html,<script>window.__xss=1</script>)`,
	`<a href="javascript:window.__xss=1">点我</a>`,
	`![图](x" onerror="window.__xss=1)`,
	"<script>window.__xss=1</script>",
	`[引用][x]` + "\n\n" + `[x]: javascript:window.__xss=1`,
}

func quoteTOML(s string) string { return strconv.Quote(s) }

// xssCatalog writes a catalog whose every string field carries a payload.
func xssCatalog(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "content")
	p := func(i int) string { return quoteTOML("甲" + payloads[i%len(payloads)] + "乙") }
	md := func(i int) string {
		return quoteTOML("说明 " + markdownPayloads[i%len(markdownPayloads)] + "\n\n" + payloads[i%len(payloads)])
	}
	files := map[string]string{
		"site.toml": fmt.Sprintf("title = %s\npublisher = %s\nupdated = 2018-12-28\nnotice = %s\nabout = %s\n",
			p(0), p(1), p(2), md(0)),
		"departments.toml": fmt.Sprintf("[[department]]\nid = \"d1\"\nname = %s\naliases = [%s, %s]\nphone = %s\naddress = %s\nhours = %s\n",
			p(3), p(4), p(5), p(6), p(7), p(8)),
		"policies.toml": fmt.Sprintf("[[policy]]\nid = \"p1\"\nnumber = %s\ntitle = %s\nissuer = %s\nissued = 2018-04-03\nsummary = %s\n",
			p(0), p(1), p(2), md(1)),
		"synonyms.toml": fmt.Sprintf("[[synonyms]]\nterms = [%s, %s]\n", p(3), p(4)),
	}
	var cancelled, village, training, inspection strings.Builder
	for i := range payloads {
		common := fmt.Sprintf("name = %s\naliases = [%s]\ndepartment = \"d1\"\nbasis = %s\npolicies = [\"p1\"]\nused_for = [%s]\nnotes = %s\n",
			p(i), p(i+1), p(i+2), p(i+3), md(i))
		fmt.Fprintf(&cancelled, "[[proof]]\nid = \"c%d\"\n%sissuer = %s\nground = \"data-sharing\"\ninstead = %s\ncancelled_on = 2018-06-30\n\n", i, common, p(i+4), p(i+5))
		fmt.Fprintf(&village, "[[certificate]]\nid = \"v%d\"\n%spurpose = %s\nissuer = %s\nstatus = \"retained\"\nretention_reason = %s\n\n", i, common, p(i+4), p(i+5), p(i+6))
		fmt.Fprintf(&village, "[[certificate]]\nid = \"vr%d\"\n%spurpose = %s\nstatus = \"removed\"\nremoved_on = 2018-04-10\nremoved_by = \"p1\"\n\n", i, strings.Replace(common, `name = "`, `name = "旧`, 1), p(i+4)) // a list's names are unique
		fmt.Fprintf(&training, "[[training]]\nid = \"t%d\"\n%saudience = %s\nfee = %s\nfrequency = %s\nduration = %s\n\n", i, common, p(i+4), p(i+5), p(i+6), p(i+7))
		fmt.Fprintf(&inspection, "[[inspection]]\nid = \"i%d\"\n%ssubject = %s\ncycle = %s\nfee = %s\nwindow = %s\n\n", i, common, p(i+4), p(i+5), p(i+6), p(i+7))
	}
	var events strings.Builder // life events (issue 18): their pages, the home page, the search cards
	for i := range payloads {
		fmt.Fprintf(&events, "[[event]]\nid = \"e%d\"\nname = %s\nwords = [%s, %s]\nguide = %s\nrecords = [\"c%d\", \"v%d\", \"i%d\"]\n\n",
			i, p(i+1), p(i+2), p(i+3), md(i), i, i, i)
	}
	files["events.toml"] = events.String()
	files["cancelled/x.toml"] = cancelled.String()
	files["village/x.toml"] = village.String()
	files["training/x.toml"] = training.String()
	files["inspection/x.toml"] = inspection.String()
	for name, data := range files {
		full := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBrowserXSS builds the hostile catalog, opens every page and the
// search page with queries that hit the hostile records, and proves that
// nothing ran (window.__xss never set, no CSP report: nothing even tried),
// that no javascript: or data: link exists, and that the text is shown as
// typed.
func TestBrowserXSS(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", xssCatalog(t), "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	for _, q := range []string{"script", "svg onload", "甲", "javascript", "很长的文字", "onerror", "xss", "甲" + payloads[1] + "乙"} {
		pages = append(pages, "search/index.html?q="+url.QueryEscape(q))
	}
	b := newBrowser(t, browserOptions{})
	base := fileURL(out)
	for _, page := range pages {
		b.open(t, base+page)
		if strings.Contains(page, "?q=") {
			waitSearch(t, b)
		}
		if eval[bool](t, b, `window.__xss !== undefined || parent.__xss !== undefined`) {
			t.Errorf("%s: a payload ran", page)
		}
		bad := eval[[]string](t, b, `[...document.querySelectorAll('[href],[src],[action]')]
			.map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
			.filter(u => /^\s*(javascript|data|vbscript):/i.test(u))`)
		if len(bad) > 0 {
			t.Errorf("%s: unsafe links %q", page, bad)
		}
		// The charts and QR codes are the generator's own SVG (issue 16).
		if n := eval[int](t, b, `document.querySelectorAll('main script:not([src*="assets/search."]), main svg:not(.chart-svg):not(.qr), main iframe, main img, [onerror], [onload]').length`); n > 0 {
			t.Errorf("%s: %d hostile elements in the page", page, n)
		}
		for _, p := range b.takeProblems() {
			t.Errorf("%s: %s", page, p)
		}
	}
	// Text shown as text: a record's heading is its name, as typed.
	b.open(t, base+"cancelled/c1/index.html")
	if h1 := eval[string](t, b, `document.querySelector('h1').textContent`); h1 != "甲"+payloads[1]+"乙" {
		t.Errorf("heading %q, want the name as typed", h1)
	}
	b.open(t, base+"search/index.html?q="+url.QueryEscape("svg onload"))
	waitSearch(t, b)
	if names := eval[string](t, b, `[...document.querySelectorAll('#search-results a')].map(a => a.textContent).join('\n')`); !strings.Contains(names, "<svg onload=") {
		t.Errorf("search result %q does not show the markup as text", names)
	}
	// A query that names a life event shows its card, its name as text.
	b.open(t, base+"search/index.html?q="+url.QueryEscape("甲"+payloads[1]+"乙"))
	waitSearch(t, b)
	if name := eval[string](t, b, `(document.querySelector('#search-results .search-event a') || {}).textContent || ''`); name != "甲"+payloads[1]+"乙" {
		t.Errorf("event card %q, want the event's name as typed", name)
	}
}
