package search

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// browser finds a Chromium to run headless, or skips the test.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed: skipping the real-browser test")
	return ""
}

// TestBrowser opens the fixture's export from disk (file://) in headless
// Chromium, under the site's CSP (default-src 'self'), with ?q= set, and
// reads the page once the search is done: shards load as scripts, results
// render, content stays text.
func TestBrowser(t *testing.T) {
	chrome := browser(t)
	files, err := fixtureIndex(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("testdata/search.html")
	if err != nil {
		t.Fatal(err)
	}
	files["search/index.html"] = page
	root := writeSite(t, files)
	dom := func(q string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		u := "file://" + filepath.ToSlash(filepath.Join(root, "search/index.html")) + "?q=" + url.QueryEscape(q)
		cmd := exec.CommandContext(ctx, chrome, "--headless=new", "--no-sandbox", "--disable-gpu",
			"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", u)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		return string(out)
	}
	got := dom("户口本")
	for _, want := range []string{
		`<ol id="search-results" data-search-state="done">`,
		`data-record-id="hukou-zhengming"`,
		`href="../cancelled/hukou-zhengming/index.html"`,
		`<mark>居民户口簿</mark>`,
		`已按“居民户口簿”搜索`,
		`找到 1 项`,
		`data-value="gongan"> 诸城市公安局 (1)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page for 户口本 lacks %s", want)
		}
	}
	if i := strings.Index(got, `<div id="search-app"`); i < 0 || strings.Contains(got[i:i+strings.Index(got[i:], ">")], "hidden") {
		t.Errorf("the app is missing or still hidden")
	}
	got = dom("消防培训")
	if !strings.Contains(got, `data-record-id="hostile"`) || strings.Contains(got, "<img") || !strings.Contains(got, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("hostile name not shown as text:\n%s", got)
	}
}
