package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The phone tests (issue 12): an older resident on a 375×800 phone, in
// normal and 大字 mode, gets the answer on the first screen. Each
// measurement is logged, so that
//
//	JZ_REQUIRE_BROWSER=1 go test ./generator -run Phone -v
//
// prints where "现在怎么办" and the first result start. Screenshots of the
// first screen go to testdata/artifacts/screens/ (gitignored; see README).

// firstScreen is how far from the top of the page (in CSS px) the answer
// must start on an 800 px tall phone: 720 leaves room for the browser's
// own bars and for a line of the answer below its top.
const firstScreen = 720

// phoneRecords are a record page of each kind, and a removed one.
var phoneRecords = []string{
	"cancelled/hukou-suozaidi-yibao/index.html",
	"village/hukou-dengji-biangeng-cun/index.html",
	"training/tezhong-zuoye-anquan-peixun/index.html",
	"inspection/shehui-tuanti-nianjian/index.html",
}

// phoneQueries are words residents type (domain.md §6), 工商, whose
// highlighted title used to split into columns, and a question that names
// a life event, whose card comes before the records.
var phoneQueries = []string{"户口本", "低保", "派出所", "结婚", "工商", "无犯罪证明", "家里老人过世了要办什么"}

// phoneModes are the two display modes, by the state of the 大字 switch.
var phoneModes = []struct {
	name  string
	large bool
}{{"normal", false}, {"大字", true}}

// setLarge switches 大字 as a tap on its switch would, without storing it.
func setLarge(t *testing.T, b *browserSession, on bool) {
	eval[bool](t, b, fmt.Sprintf(`(document.getElementById('mode-large').checked = %v, true)`, on))
}

type topReport struct {
	Top, NowMain, ScrollWidth, Width int
	Found                            bool
}

// topOf measures the top of the first element sel matches, from the top of
// the page, and the top of the record's main answer line.
func topOf(t *testing.T, b *browserSession, sel string) topReport {
	return eval[topReport](t, b, fmt.Sprintf(`(() => {
  const e = document.querySelector(%q), m = document.querySelector('.now-main');
  const top = x => x ? Math.round(x.getBoundingClientRect().top + scrollY) : -1;
  return { Found: !!e, Top: top(e), NowMain: top(m),
    ScrollWidth: document.documentElement.scrollWidth, Width: innerWidth };
})()`, sel))
}

func checkTop(t *testing.T, what string, r topReport) {
	t.Helper()
	if !r.Found {
		t.Errorf("%s: not on the page", what)
		return
	}
	if r.Top > firstScreen {
		t.Errorf("%s starts %d px from the top, below the first screen (%d px)", what, r.Top, firstScreen)
	}
	if r.ScrollWidth > r.Width {
		t.Errorf("%s: scrolls sideways (%d px in %d)", what, r.ScrollWidth, r.Width)
	}
}

// TestBrowserPhone: on a 375×800 phone, in both modes, the top of "现在怎么办"
// on a record page of each kind and the first result of each search are on
// the first screen, and nothing scrolls sideways.
func TestBrowserPhone(t *testing.T) {
	dir := builtSample(t)
	base := serve(t, dir)
	b := newBrowser(t, browserOptions{width: 375, height: 800})
	for _, m := range phoneModes {
		for _, page := range phoneRecords {
			b.open(t, base+page)
			setLarge(t, b, m.large)
			r := topOf(t, b, "#now-h")
			t.Logf("375x800 %-6s %-48s 现在怎么办 at %4d px, its first line at %4d px", m.name, page, r.Top, r.NowMain)
			checkTop(t, m.name+" "+page+": 现在怎么办", r)
			if r.NowMain > 800-40 {
				t.Errorf("%s %s: the answer's first line starts at %d px, off the first screen", m.name, page, r.NowMain)
			}
		}
		for _, q := range phoneQueries {
			b.open(t, base+"search/index.html?q="+url.QueryEscape(q))
			if len(waitSearch(t, b)) == 0 {
				t.Errorf("%s: no results", q)
				continue
			}
			setLarge(t, b, m.large)
			r := topOf(t, b, "#search-results > li") // a record, or the card of a life event the query names (低保, 结婚)
			// after the card of a life event (one line), the first record
			// too; a department's card (派出所, 工商: its phone and address)
			// is an answer of its own
			rec := topOf(t, b, "#search-results > li:not(.search-dept):not(.search-event)")
			t.Logf("375x800 %-6s search %-12s first result at %4d px, first record at %4d px", m.name, q, r.Top, rec.Top)
			checkTop(t, m.name+" search "+q+": the first result", r)
			if eval[bool](t, b, `!document.querySelector('#search-results > li.search-dept')`) {
				checkTop(t, m.name+" search "+q+": the first record", rec)
			}
		}
	}
	for _, p := range b.takeProblems() {
		t.Error(p)
	}
}

// TestBrowserPhoneSmall: at 360×640, in both modes, no page type scrolls
// sideways and the 菜单 opens.
func TestBrowserPhoneSmall(t *testing.T) {
	dir := builtSample(t)
	base := serve(t, dir)
	b := newBrowser(t, browserOptions{width: 360, height: 640})
	pages := append(append([]string{}, pageTypes...), "search/index.html?q="+url.QueryEscape("工商"), "search/index.html?q=qqxyzzy")
	for _, m := range phoneModes {
		for _, page := range pages {
			b.open(t, base+page)
			if strings.Contains(page, "?q=") {
				waitSearch(t, b)
			}
			setLarge(t, b, m.large)
			for _, p := range eval[layoutReport](t, b, layoutCheckJS).problems() {
				t.Errorf("360x640 %s %s: %s", m.name, page, p)
			}
		}
	}
	for _, p := range b.takeProblems() {
		t.Error(p)
	}
}

// lineBoxesJS reports, for the first result title with a highlight that
// wraps, whether its fragments read as lines of text: in document order,
// each fragment is on the line of the one before (same bottom) or below
// it, never beside it at another height.
const lineBoxesJS = `(() => {
  let last = { Title: '', Lines: 0, Fragments: 0, Bad: [] };
  for (const a of document.querySelectorAll('#search-results a.search-hit-name')) {
    if (!a.querySelector('mark')) continue;
    const rects = [];
    const walk = n => {
      if (n.nodeType === 3) { const r = document.createRange(); r.selectNodeContents(n);
        for (const x of r.getClientRects()) if (x.width > 0) rects.push(x); }
      else for (const c of n.childNodes) walk(c);
    };
    walk(a);
    const lines = new Set(rects.map(r => Math.round(r.bottom)));
    const bad = [];
    for (let i = 1; i < rects.length; i++) {
      const p = rects[i - 1], r = rects[i];
      const sameLine = Math.abs(r.bottom - p.bottom) <= 2;
      const below = r.top >= p.bottom - 2;
      if (!sameLine && !below) bad.push(Math.round(p.left) + ',' + Math.round(p.top) + ' then ' + Math.round(r.left) + ',' + Math.round(r.top));
    }
    last = { Title: a.textContent, Lines: lines.size, Fragments: rects.length, Bad: bad };
    if (lines.size > 1) return last;
  }
  return last;
})()`

type lineBoxes struct {
	Title            string
	Lines, Fragments int
	Bad              []string
}

// TestBrowserPhoneHighlight: a highlighted title that wraps at 375 px reads
// as lines of text, in both modes (the highlight once split 工商 titles
// into columns).
func TestBrowserPhoneHighlight(t *testing.T) {
	dir := builtSample(t)
	b := newBrowser(t, browserOptions{width: 375, height: 800})
	for _, m := range phoneModes {
		b.open(t, serve(t, dir)+"search/index.html?q="+url.QueryEscape("工商"))
		waitSearch(t, b)
		setLarge(t, b, m.large)
		lb := eval[lineBoxes](t, b, lineBoxesJS)
		t.Logf("%s: %q: %d fragments on %d lines", m.name, lb.Title, lb.Fragments, lb.Lines)
		if lb.Title == "" || lb.Lines < 2 {
			t.Errorf("%s: no highlighted title that wraps to check (%q on %d lines)", m.name, lb.Title, lb.Lines)
		}
		for _, s := range lb.Bad {
			t.Errorf("%s: %q: fragments side by side at different heights: %s", m.name, lb.Title, s)
		}
	}
}

// TestBrowserPhoneNoDeadEnds: a search without a match, a partial match
// and the empty search page each offer a way on (issue 12, item 4).
func TestBrowserPhoneNoDeadEnds(t *testing.T) {
	dir := builtSample(t)
	base := serve(t, dir)
	b := newBrowser(t, browserOptions{width: 375, height: 800})

	b.open(t, base+"search/index.html?q=qqxyzzy")
	waitSearch(t, b)
	links := eval[[]string](t, b, `[...document.querySelectorAll('#search-help a')].filter(a => a.getClientRects().length).map(a => a.getAttribute('href'))`)
	for _, want := range []string{"cancelled/index.html", "village/index.html", "training/index.html", "inspection/index.html", "department/index.html"} {
		if !containsSuffix(links, want) {
			t.Errorf("no result: no visible link to %s among %v", want, links)
		}
	}

	b.open(t, base+"search/index.html?q="+url.QueryEscape("派出所 qqxyzzy"))
	waitSearch(t, b)
	text := eval[string](t, b, `document.getElementById('main').innerText`)
	if !strings.Contains(text, "部分符合") || !strings.Contains(text, "0536-6212110") {
		t.Errorf("partial match naming 派出所: no partial label or no 公安局 phone in %q", text)
	}

	b.open(t, base+"search/index.html?q="+url.QueryEscape("无犯罪纪录证明"))
	waitSearch(t, b)
	if s := eval[string](t, b, `document.getElementById('search-status').parentNode.innerText`); !strings.Contains(s, "您是不是要找") {
		t.Errorf("homophone: no 您是不是要找 in %q", s)
	}

	b.open(t, base+"search/index.html")
	waitSearch(t, b)
	examples := eval[[]string](t, b, `[...document.querySelectorAll('#search-start a')].filter(a => a.getClientRects().length).map(a => a.textContent)`)
	if len(examples) < 3 {
		t.Errorf("empty search page: example searches %v", examples)
	}
	for _, p := range b.takeProblems() {
		t.Error(p)
	}
}

func containsSuffix(list []string, s string) bool {
	for _, x := range list {
		if strings.HasSuffix(x, s) {
			return true
		}
	}
	return false
}

// TestBrowserPhoneScreens writes the first screen of the pages a resident
// meets at 375×800, in both modes, to testdata/artifacts/screens/, for a
// person to look at.
func TestBrowserPhoneScreens(t *testing.T) {
	dir := builtSample(t)
	base := serve(t, dir)
	out := filepath.Join("testdata", "artifacts", "screens")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, browserOptions{width: 375, height: 800})
	shots := []struct{ name, page, click string }{
		{"home", "index.html", ""},
		{"notice-open", "index.html", ".notice > summary"},
		{"menu-open", "cancelled/index.html", ".menu > summary"},
		{"record", "cancelled/hukou-suozaidi-yibao/index.html", ""},
		{"record-training", "training/tezhong-zuoye-anquan-peixun/index.html", ""},
		{"search-empty", "search/index.html", ""},
		{"search", "search/index.html?q=" + url.QueryEscape("户口本"), ""},
		{"search-filters-open", "search/index.html?q=" + url.QueryEscape("证明"), "#search-filter-box > summary"},
		{"search-filtered", "search/index.html?q=" + url.QueryEscape("证明"), "#search-filter-box > summary then #search-filters input:not(:checked)"},
		{"search-highlight", "search/index.html?q=" + url.QueryEscape("工商"), ""},
		{"search-none", "search/index.html?q=" + url.QueryEscape("房产过户 qqxyzzy"), ""},
		{"search-none-total", "search/index.html?q=qqxyzzy", ""},
		{"search-office", "search/index.html?q=" + url.QueryEscape("派出所能开什么证明"), ""},
		{"search-needs", "search/index.html?q=" + url.QueryEscape("房本丢了怎么办"), ""},
		{"search-situation", "search/index.html?q=" + url.QueryEscape("家里老人过世了要办什么"), ""},
		{"record-contrast", "village/hukou-dengji-biangeng-cun/index.html", "#mode-contrast"},
	}
	for _, m := range phoneModes {
		for _, s := range shots {
			b.open(t, base+s.page)
			if strings.HasPrefix(s.page, "search/") {
				waitSearch(t, b)
			}
			setLarge(t, b, m.large)
			switch {
			case strings.HasPrefix(s.click, "#mode-"): // switched without storing it
				eval[bool](t, b, fmt.Sprintf(`(document.querySelector(%q).checked = true)`, s.click))
			case s.click != "":
				for _, sel := range strings.Split(s.click, " then ") {
					b.click(t, sel)
				}
			}
			img, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s-375x800-%s.png", s.name, map[bool]string{false: "normal", true: "large"}[m.large])
			if err := os.WriteFile(filepath.Join(out, name), img, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
