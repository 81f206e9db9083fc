package site

import (
	"bytes"
	"strings"
	"testing"

	"jianzheng/templates"
)

func TestLinkFrom(t *testing.T) {
	for _, c := range []struct{ page, target, want string }{
		{"search/index.html", "search/index/", "index/"},
		{"search/index.html", "data/catalog.json", "../data/catalog.json"},
		{"index.html", "search/index/", "search/index/"},
		{"cancelled/hukou/index.html", "search/index/", "../../search/index/"},
		{"search/index.html", "/_preview/index/3/", "/_preview/index/3/"},
		{"search/index.html", "https://example.org/index/", "https://example.org/index/"},
	} {
		if got := linkFrom(c.page, c.target); got != c.want {
			t.Errorf("linkFrom(%q, %q) = %q, want %q", c.page, c.target, got, c.want)
		}
	}
}

// TestSearchPage: the search page links to the engine under its hashed
// name and to the index as data, runs the manifest and the engine before
// its first paint, and SearchPage moves only the index.
func TestSearchPage(t *testing.T) {
	s, err := Prepare(loadFixture(t), templates.FS, nil, Search{Engine: []byte("/* engine */"), Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	page, _, err := s.Page(SearchPath)
	if err != nil {
		t.Fatal(err)
	}
	engine := s.byPath[SearchPath].Search.Engine
	if data, ok, _ := s.Page(engine); !ok || !strings.HasSuffix(string(data), ";\n/* engine */") || !strings.Contains(string(data), "jz-mode-") || !strings.HasPrefix(engine, "assets/search.") {
		t.Errorf("the engine, after site.js's code, is not published at %q", engine)
	}
	if strings.Contains(string(page), "assets/site.") {
		t.Error("the search page loads site.js as well as the engine that holds its code")
	}
	for _, want := range []string{`data-index="index/"`, `<script src="../` + engine + `" async blocking="render"></script>`,
		`<link rel="preload" href="../` + engine + `" as="script">`, `<script src="index/manifest.js" async blocking="render"></script>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the search page has no %s", want)
		}
	}
	pinned, err := s.SearchPage("/_preview/index/7/")
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(page, []byte(`data-index="index/"`), []byte(`data-index="/_preview/index/7/"`), 1)
	want = bytes.Replace(want, []byte(`src="index/manifest.js"`), []byte(`src="/_preview/index/7/manifest.js"`), 1)
	if !bytes.Equal(pinned, want) {
		t.Errorf("SearchPage changed more than the index folder:\n%s", pinned)
	}
	if again, _, _ := s.Page(SearchPath); !bytes.Equal(again, page) {
		t.Errorf("SearchPage changed the page that Page renders")
	}
}
