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

	"jianzheng/generator/internal/browsertest"
)

// browser finds a Chromium to run headless, or skips the test (see
// browsertest for when it fails instead).
func browser(t *testing.T) string { return browsertest.Chromium(t) }

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
	dom := browserPage(t, chrome, files)
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

// browserPage writes files and the test page as a site and returns a
// function giving the page's DOM, once searched, for a query.
func browserPage(t *testing.T, chrome string, files map[string][]byte) func(q string) string {
	page, err := os.ReadFile("testdata/search.html")
	if err != nil {
		t.Fatal(err)
	}
	files["search/index.html"] = page
	root := writeSite(t, files)
	return func(q string) string {
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
}

// TestBrowserReadings is the done-when on the sample catalog: in
// a real browser, queries in pinyin, initials, homophone typos and
// traditional characters bring the record into the top three, named.
func TestBrowserReadings(t *testing.T) {
	chrome := browser(t)
	files, _, _ := exportOf(t, os.DirFS("../../content"))
	dom := browserPage(t, chrome, files)
	for _, tc := range []struct{ q, id, note string }{
		{"hukouben", "hukou-suozaidi-yibao", "按拼音“hukouben”找到"},
		{"hkb", "hukou-suozaidi-yibao", "按拼音“hkb”找到"},
		{"swzm", "siwang-zhengming-huohua", "按拼音“swzm”找到"},
		{"无犯罪纪录证明", "wufanzui-jilu-jiaoshi-zige", "您是不是要找：无犯罪记录证明（申请教师资格）"},
		{"户口所在地证名", "hukou-suozaidi-yibao", "您是不是要找：户口所在地证明（城乡居民医保参保登记）"},
		{"戶口所在地證明", "hukou-suozaidi-yibao", "户口所在地证明（城乡居民医保参保登记）"},
		{"辦理", "jihua-shengyu-zhengming-luohu", "计划生育证明（办理户口登记）"},
	} {
		got := dom(tc.q)
		at, top := 0, 0
		for i := 0; i < 3; i++ {
			j := strings.Index(got[at:], `data-record-id="`)
			if j < 0 {
				break
			}
			at += j + 1
			if strings.HasPrefix(got[at-1:], `data-record-id="`+tc.id+`"`) {
				top = i + 1
			}
		}
		if top == 0 || !strings.Contains(got, tc.note) {
			t.Errorf("%s: %s at %d of the top three (0: absent), note %q shown: %v", tc.q, tc.id, top, tc.note, strings.Contains(got, tc.note))
		}
	}
}
