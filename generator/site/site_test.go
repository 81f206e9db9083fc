package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"jianzheng/generator/catalog"
	"jianzheng/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func loadFixture(t *testing.T) *catalog.Catalog {
	t.Helper()
	a, err := txtar.ParseFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// goldenPages are the pages kept whole in testdata/golden: one of each
// shape a template change shows up in (the home page, a list, a record of
// a cancelled proof and of a removed certificate, the search page, the
// statistics and a print page). Every other page is checked for the parts
// that matter by TestAll and the browser tests; testdata/golden/pages.txt
// lists every page, so that a page gained or lost shows too.
var goldenPages = []string{
	"index.html", "cancelled/index.html", "cancelled/hukou/index.html", "village/yangquan/index.html",
	"search/index.html", "stats/index.html", "cancelled/print.html",
}

// TestGolden renders the fixture catalog with the real templates and
// compares the list of pages and the goldenPages with testdata/golden.
func TestGolden(t *testing.T) {
	files, err := Render(loadFixture(t), templates.FS, nil, Search{Engine: []byte("/* the search engine */"), Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for p := range files {
		if !strings.HasPrefix(p, "assets/") { // the assets are in templates/ already
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	list := []byte(strings.Join(pages, "\n") + "\n")
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		write := func(p string, data []byte) {
			full := filepath.Join(golden, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("pages.txt", list)
		for _, p := range goldenPages {
			write(p, files[p])
		}
	}
	for _, p := range append([]string{"pages.txt"}, goldenPages...) {
		want, err := os.ReadFile(filepath.Join(golden, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		got := files[p]
		if p == "pages.txt" {
			got = list
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from golden (run with -update to accept):\n%s", p, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first differing line of want and got.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n-" + wl + "\n+" + gl
		}
	}
	return ""
}

// TestHostileTextStaysText checks that markup typed into content fields
// reaches the page escaped, and that unsafe links are gone.
func TestHostileTextStaysText(t *testing.T) {
	files, err := Render(loadFixture(t), templates.FS, nil, Search{Engine: []byte("/* the search engine */"), Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["cancelled/hukou/index.html"])
	for _, want := range []string{"户口所在地证明&lt;b&gt;", "&#34;&gt;&lt;svg onload=alert(1)&gt;", "{{.}}"} {
		if !strings.Contains(page, want) {
			t.Errorf("record page lacks %q", want)
		}
	}
	about := string(files["about/index.html"])
	if strings.Contains(about, "<script>alert") || strings.Contains(about, "javascript:") {
		t.Errorf("about page carries a script or a javascript: link")
	}
	if !strings.Contains(about, `<a href="https://www.gov.cn/">正常链接</a>`) {
		t.Errorf("about page lost its safe link")
	}
}

func TestRelativeLinks(t *testing.T) {
	tests := []struct{ page, root string }{
		{"index.html", ""},
		{"cancelled/index.html", "../"},
		{"cancelled/hukou/index.html", "../../"},
	}
	for _, tt := range tests {
		if got := rootOf(tt.page); got != tt.root {
			t.Errorf("rootOf(%q) = %q, want %q", tt.page, got, tt.root)
		}
	}
}

// TestBaseURL: with base_url set, the sitemap, robots.txt, the feed and
// canonical links are absolute, and the 404 page links absolutely (it is
// served at any depth); page links stay relative.
func TestBaseURL(t *testing.T) {
	c := loadFixture(t)
	c.Site.BaseURL = "https://example.gov.cn/jzbm/"
	files, err := Render(c, templates.FS, nil, Search{Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"sitemap.xml":                "<loc>https://example.gov.cn/jzbm/cancelled/hukou/</loc>",
		"robots.txt":                 "Sitemap: https://example.gov.cn/jzbm/sitemap.xml",
		"changes/feed.xml":           `href="https://example.gov.cn/jzbm/changes/feed.xml" rel="self"`,
		"cancelled/hukou/index.html": `<link rel="canonical" href="https://example.gov.cn/jzbm/cancelled/hukou/">`,
		"404.html":                   `<a href="https://example.gov.cn/jzbm/index.html">`,
	} {
		if !strings.Contains(string(files[name]), want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	if !strings.Contains(string(files["cancelled/hukou/index.html"]), `href="../../index.html"`) {
		t.Error("page links are not relative")
	}
}

// TestNoBaseURL: without base_url there is no sitemap (it holds absolute
// addresses only), the feed's links resolve beside the feed (not to
// changes/changes/index.html), and the build has a warning naming the
// key and what 404.html lacks.
func TestNoBaseURL(t *testing.T) {
	c := loadFixture(t)
	c.Site.BaseURL = ""
	files, err := Render(c, templates.FS, nil, Search{Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["sitemap.xml"]; ok {
		t.Error("a sitemap without base_url")
	}
	if strings.Contains(string(files["robots.txt"]), "Sitemap:") {
		t.Error("robots.txt names a sitemap")
	}
	if feed := string(files["changes/feed.xml"]); !strings.Contains(feed, `<link href="index.html">`) || strings.Contains(feed, "changes/index.html") {
		t.Errorf("feed links:\n%s", feed)
	}
	if w := MissingBaseURL(c); !strings.Contains(w, "base_url") || !strings.Contains(w, "sitemap.xml") || !strings.Contains(w, "404.html") {
		t.Errorf("warning %q", w)
	}
}

// TestStringsLeaveNamesToSchema pins that strings.toml cannot rename what
// the catalog's schema names, so that the two never disagree.
func TestStringsLeaveNamesToSchema(t *testing.T) {
	for _, src := range []string{"[field]\nname = \"名称\"\n", "[kind.village]\ntitle = \"村居证明\"\n"} {
		_, err := loadStrings(fstest.MapFS{"strings.toml": {Data: []byte(src)}})
		if err == nil || !strings.Contains(err.Error(), "schema") {
			t.Errorf("loadStrings(%q) = %v, want an error naming the schema", src, err)
		}
	}
	s, err := loadStrings(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Kind["village"].Title; got != catalog.Village.Spec().Title {
		t.Errorf("village title = %q, want the schema's", got)
	}
}
