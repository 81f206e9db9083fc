package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pageTypes are one page of every type of the sample site.
var pageTypes = []string{
	"index.html", "cancelled/index.html", "cancelled/by-ground.html", "village/index.html",
	"cancelled/hukou-suozaidi-yibao/index.html", "village/hukou-dengji-biangeng-cun/index.html",
	"training/tezhong-zuoye-anquan-peixun/index.html", "inspection/shehui-tuanti-nianjian/index.html",
	"department/index.html", "department/gongan/index.html", "policy/index.html", "a-z/index.html", "changes/index.html",
	"service/index.html", "service/cheng-xiang-ju-min-zui-di-sheng-huo-bao-zhang-shen-qing/index.html",
	"policy/luzhengban-2018-46/index.html", "about/index.html", "search/index.html", "404.html",
	"stats/index.html", "cancelled/print.html", "department/gongan/print.html", // issue 16
	"events/index.html", "events/shenhou/index.html", // issue 18
}

// TestBrowserPages opens every page type over http and from file://, at a
// phone and a desktop width, and checks what a resident relies on: no
// console errors, failed requests or CSP reports; no sideways scrolling;
// no overlapping text; touch targets of at least 44 px.
func TestBrowserPages(t *testing.T) {
	dir := builtSample(t)
	checkPageTypesExist(t, dir)
	for _, width := range []int{375, 1280} {
		for _, base := range []string{serve(t, dir), fileURL(dir)} {
			t.Run(fmt.Sprintf("%dpx %s", width, strings.SplitN(base, ":", 2)[0]), func(t *testing.T) {
				b := newBrowser(t, browserOptions{width: width})
				for _, page := range pageTypes {
					b.open(t, base+page)
					layout := eval[layoutReport](t, b, layoutCheckJS)
					for _, p := range layout.problems() {
						t.Errorf("%s at %dpx: %s", page, width, p)
					}
					for _, p := range b.takeProblems() {
						t.Errorf("%s: %s", page, p)
					}
				}
			})
		}
	}
}

func checkPageTypesExist(t *testing.T, dir string) {
	for _, p := range pageTypes {
		if _, err := os.Stat(dir + "/" + p); err != nil {
			t.Fatalf("sample has no %s: pageTypes is out of date", p)
		}
	}
}

type layoutReport struct {
	ScrollWidth, Width int
	SmallTargets       []string
	Overlaps           []string
}

func (r layoutReport) problems() []string {
	var p []string
	if r.ScrollWidth > r.Width {
		p = append(p, fmt.Sprintf("scrolls sideways: content %d px wide in a %d px window", r.ScrollWidth, r.Width))
	}
	for _, s := range r.SmallTargets {
		p = append(p, "touch target smaller than 44 px: "+s)
	}
	for _, s := range r.Overlaps {
		p = append(p, "overlapping text: "+s)
	}
	return p
}

// layoutCheckJS measures the page as laid out. Targets are links, buttons,
// inputs and labels that are visible; links inside running text (.prose)
// are exempt, as WCAG 2.5.8 exempts inline targets.
const layoutCheckJS = `(() => {
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"';
  const small = [];
  for (const el of document.querySelectorAll('a, button, input:not(.mode), select, label')) {
    if (!visible(el) || el.closest('.prose') || el.classList.contains('skip')) continue;
    if (el.tagName === 'LABEL' && !(el.control && /checkbox|radio/.test(el.control.type))) continue; // names a text field, not a target
    if (el.tagName === 'INPUT' && /checkbox|radio/.test(el.type) && el.closest('label')) continue; // its label is the target
    const r = el.getBoundingClientRect();
    if (r.height < 43.5 || r.width < 24) small.push(name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  // Each line fragment of an element is a box of its own: an inline
  // element that wraps has a bounding rectangle over both lines.
  const boxes = [...document.querySelectorAll('h1,h2,h3,h4,p,dt,dd,li,a,button,label,input,span,strong,time')]
    .filter(el => visible(el) && el.children.length === 0 && (el.textContent || '').trim() !== '')
    .flatMap(el => [...el.getClientRects()].map(r => [el, r]));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a === b || a.contains(b) || b.contains(a)) continue;
    const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (x > 2 && y > 2) overlaps.push(name(a) + ' and ' + name(b));
  }
  return { ScrollWidth: document.documentElement.scrollWidth, Width: window.innerWidth,
    SmallTargets: small.slice(0, 10), Overlaps: overlaps.slice(0, 10) };
})()`

// TestBrowserNavigation walks home → list → record → department → policy
// and back, by clicking, over http and from file://.
func TestBrowserNavigation(t *testing.T) {
	dir := builtSample(t)
	for _, base := range []string{serve(t, dir), fileURL(dir)} {
		b := newBrowser(t, browserOptions{})
		b.open(t, base+"index.html")
		counts := eval[[]string](t, b, `[...document.querySelectorAll('.card-count strong')].map(e => e.textContent)`)
		if strings.Join(counts, "/") != "48/12/30/29" {
			t.Errorf("%s home counts %v", base, counts)
		}
		steps := []struct{ click, wantPath, wantH1 string }{
			{`.cards a[href$="cancelled/index.html"]`, "cancelled/index.html", "取消的证明事项"},
			{`.items a`, "cancelled/", ""},
			{`.fields a[href*="department/"]`, "department/", ""},
			{`.items a`, "/index.html", ""},
			{`.fields a[href*="policy/"], .crumbs a`, "index.html", ""},
		}
		for _, s := range steps {
			href := eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).href`, s.click))
			from := eval[string](t, b, `location.href`)
			b.click(t, s.click)
			loc, h1 := waitNavigated(t, b, from)
			if samePage(loc) != samePage(href) || !strings.Contains(href, s.wantPath) || s.wantH1 != "" && h1 != s.wantH1 {
				t.Errorf("clicking %s: at %s (%q), want %s", s.click, loc, h1, href)
			}
		}
		before := eval[string](t, b, `location.href`)
		// Go back after the evaluation has returned: navigating during it
		// makes Chromium drop the evaluation.
		eval[bool](t, b, `setTimeout(() => history.back(), 10), true`)
		back := before
		for i := 0; i < 50 && back == before; i++ {
			time.Sleep(100 * time.Millisecond)
			if loc, err := tryEval[string](b, `location.href`); err == nil {
				back = loc
			}
		}
		if back == before {
			t.Error("back did not work")
		}
		for _, p := range b.takeProblems() {
			t.Errorf("%s: %s", base, p)
		}
	}
}

// TestBrowserElderMode switches 大字 and 高对比 on and off, with and
// without JavaScript, and checks the 适老化 numbers: main text ≥ 18 px
// (≥ 22 px in large mode), line height ≥ 1.3, targets ≥ 60 px in large mode,
// and that with JavaScript the choice carries to the next page.
func TestBrowserElderMode(t *testing.T) {
	dir := builtSample(t)
	base := fileURL(dir)
	for _, noJS := range []bool{false, true} {
		b := newBrowser(t, browserOptions{noJS: noJS, width: 375})
		b.open(t, base+"cancelled/index.html")
		m := eval[metrics](t, b, metricsJS)
		if m.FontSize < 18 || m.LineHeight/m.FontSize < 1.3 {
			t.Errorf("noJS=%v default: font %.1f px, line height %.2f", noJS, m.FontSize, m.LineHeight/m.FontSize)
		}
		b.click(t, `label[for="mode-large"]`)
		b.click(t, `label[for="mode-contrast"]`)
		m = eval[metrics](t, b, metricsJS)
		if m.FontSize < 22 || m.LineHeight/m.FontSize < 1.3 || m.MinTarget < 60 || m.Color != "rgb(0, 0, 0)" {
			t.Errorf("noJS=%v elder mode: font %.1f px, line height %.2f, smallest target %.0f px, colour %s",
				noJS, m.FontSize, m.LineHeight/m.FontSize, m.MinTarget, m.Color)
		}
		if !noJS {
			b.screenshot(t, "elder-mode-375")
			b.open(t, base+"village/index.html")
			m = eval[metrics](t, b, metricsJS)
			if m.FontSize < 22 {
				t.Errorf("large text did not carry over to the next page: %.1f px", m.FontSize)
			}
			// the search page has site.js's code in its own script
			b.open(t, base+"search/index.html?q=户口本")
			if m = eval[metrics](t, b, metricsJS); m.FontSize < 22 {
				t.Errorf("large text did not carry over to the search page: %.1f px", m.FontSize)
			}
		}
		b.click(t, `label[for="mode-large"]`)
		m = eval[metrics](t, b, metricsJS)
		if m.FontSize >= 22 {
			t.Errorf("noJS=%v: large text did not switch off", noJS)
		}
		for _, p := range b.takeProblems() {
			t.Errorf("noJS=%v: %s", noJS, p)
		}
	}
}

// waitNavigated waits until the page has left from and the new one is
// ready, and returns its address and heading.
func waitNavigated(t *testing.T, b *browserSession, from string) (string, string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		loc, err := tryEval[string](b, `document.readyState === 'complete' ? location.href : ''`)
		if err == nil && loc != "" && loc != from {
			h1, err := tryEval[string](b, `document.querySelector('h1').textContent`)
			if err == nil {
				return loc, h1
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page did not leave %s", from)
	return "", ""
}

// samePage drops what a static server may add or drop: index.html.
func samePage(u string) string { return strings.TrimSuffix(u, "index.html") }

type metrics struct {
	FontSize, LineHeight, MinTarget float64
	Color                           string
}

const metricsJS = `(() => {
  const p = document.querySelector('main p, main li');
  const s = getComputedStyle(p);
  let min = 1e9;
  for (const el of document.querySelectorAll('main .items a, .sitenav a, button, .mode + label')) {
    const r = el.getBoundingClientRect(); if (r.height > 0) min = Math.min(min, r.height);
  }
  return { FontSize: parseFloat(s.fontSize), LineHeight: parseFloat(s.lineHeight), MinTarget: min, Color: getComputedStyle(document.body).color };
})()`

// TestBrowserAxe runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules over
// every page type, in both display modes, at a phone's and a desktop's
// width.
func TestBrowserAxe(t *testing.T) {
	axe, err := os.ReadFile(axePath())
	if err != nil {
		if requireBrowser() {
			t.Fatalf("axe-core not found at %s; %s", axePath(), enableBrowserHelp)
		}
		t.Skipf("axe tests skipped: %v; %s", err, enableBrowserHelp)
	}
	dir := builtSample(t)
	base := serve(t, dir)
	withResults := "search/index.html?q=" + url.QueryEscape("证明")
	for _, width := range []int{375, 1280} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) { axeAt(t, base, width, axe, withResults) })
	}
}

func axeAt(t *testing.T, base string, width int, axe []byte, withResults string) {
	b := newBrowser(t, browserOptions{width: width})
	for _, mode := range []string{"", "large+contrast"} {
		noMatch := "search/index.html?q=" + url.QueryEscape("派出所 qqxyzzy") // partial: ways on and a phone
		for _, page := range append(pageTypes, withResults, noMatch, "search/index.html?q=qqxyzzy") {
			b.open(t, base+page)
			if strings.Contains(page, "?q=") && page != withResults {
				waitSearch(t, b)
				eval[bool](t, b, `(document.getElementById('search-filter-box').open = true)`) // axe the filters too
			}
			if page == withResults {
				if len(waitSearch(t, b)) == 0 {
					t.Fatal("no results to check")
				}
				for _, p := range eval[layoutReport](t, b, layoutCheckJS).problems() {
					t.Errorf("%s %s: %s", page, mode, p)
				}
			}
			if mode != "" {
				b.click(t, `label[for="mode-large"]`)
				b.click(t, `label[for="mode-contrast"]`)
			}
			for _, v := range axeViolations(t, b, axe) {
				t.Errorf("%s %s: %s", page, mode, v)
			}
			if mode != "" {
				// reset for the next page: the switches persist via localStorage
				b.click(t, `label[for="mode-large"]`)
				b.click(t, `label[for="mode-contrast"]`)
			}
		}
	}
	b.takeProblems()
}

// axeViolations runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules over the
// page open in b and describes each violation.
func axeViolations(t *testing.T, b *browserSession, axe []byte) []string {
	t.Helper()
	eval[bool](t, b, string(axe)+";true")
	raw := eval[string](t, b, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))`)
	var violations []struct {
		ID, Help string
		Nodes    []string
	}
	json.Unmarshal([]byte(raw), &violations)
	var out []string
	for _, v := range violations {
		out = append(out, fmt.Sprintf("%s (%s) at %v", v.ID, v.Help, v.Nodes))
	}
	return out
}

// TestBrowserScreenshots writes pictures of the main pages at both widths
// for a person to look at (testdata/artifacts/).
func TestBrowserScreenshots(t *testing.T) {
	dir := builtSample(t)
	for _, width := range []int{375, 1280} {
		b := newBrowser(t, browserOptions{width: width})
		for _, page := range []string{"index.html", "cancelled/hukou-suozaidi-yibao/index.html", "search/index.html?q=" + url.QueryEscape("户口本")} {
			b.open(t, fileURL(dir)+page)
			if strings.Contains(page, "?q=") {
				waitSearch(t, b)
			}
			name := strings.NewReplacer("/", "_", ".html", "").Replace(strings.SplitN(page, "?", 2)[0])
			b.screenshot(t, fmt.Sprintf("%s-%d", name, width))
		}
	}
}

// TestBrowserPrint: a record page prints as the record, without the
// header, navigation, search and switches, in black on white.
func TestBrowserPrint(t *testing.T) {
	dir := builtSample(t)
	b := newBrowser(t, browserOptions{})
	b.open(t, fileURL(dir)+"cancelled/hukou-suozaidi-yibao/index.html")
	b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	hidden := eval[[]string](t, b, `['.masthead', '.modes', '.footlinks'].filter(s => {
		const e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none'; })`)
	if len(hidden) > 0 {
		t.Errorf("still printed: %v", hidden)
	}
	// The notice prints as one line at most (issue 16): a printed sample still says it is one.
	if lines := eval[float64](t, b, `(() => { const e = document.querySelector('.notice'); const s = getComputedStyle(e);
		return e.getBoundingClientRect().height / parseFloat(s.lineHeight); })()`); lines > 1.2 {
		t.Errorf("the notice prints on %.1f lines", lines)
	}
	if c := eval[string](t, b, `getComputedStyle(document.body).color`); c != "rgb(0, 0, 0)" {
		t.Errorf("printed text colour %s", c)
	}
	if !eval[bool](t, b, `getComputedStyle(document.querySelector('.now')).display !== 'none'`) {
		t.Error("the what-to-do-now section does not print")
	}
}

// TestBrowserSearchSlowPage: the search page's script is async and runs
// as soon as it arrives, which on a slow network can be before the rest
// of the page has come (a page that streams in, the engine in the cache
// from another page's warm-up). Its code then waits for the page: the
// search still runs and shows its results, and 大字, set on another page,
// still holds. The page stops a second before its body, then before the
// results' list inside #search-app.
func TestBrowserSearchSlowPage(t *testing.T) {
	for _, cut := range []string{"<body", `<ol id="search-results"`} {
		t.Run(cut, func(t *testing.T) { searchSlowPage(t, cut) })
	}
}

func searchSlowPage(t *testing.T, cut string) {
	dir := builtSample(t)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/search/index.html" {
			files.ServeHTTP(w, r)
			return
		}
		page, err := os.ReadFile(filepath.Join(dir, "search", "index.html"))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		// the head (with both scripts) at once, the rest a second later
		head, rest, ok := bytes.Cut(page, []byte(cut))
		if !ok {
			http.Error(w, "no "+cut, 500)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(head)
		w.(http.Flusher).Flush()
		time.Sleep(time.Second)
		w.Write(append([]byte(cut), rest...))
	}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, browserOptions{width: 375})
	b.open(t, srv.URL+"/cancelled/index.html")
	b.click(t, `label[for="mode-large"]`)
	b.open(t, srv.URL+"/search/index.html?q="+url.QueryEscape("户口本"))
	if ids := waitSearch(t, b); len(ids) == 0 {
		t.Error("户口本 shows no result when the page streams in after its script")
	}
	if m := eval[metrics](t, b, metricsJS); m.FontSize < 22 {
		t.Errorf("large text did not carry over to a search page that streams in: %.1f px", m.FontSize)
	}
	if ran := eval[bool](t, b, `performance.getEntriesByType("resource").some(e => /assets\/search\./.test(e.name) && e.responseEnd < performance.getEntriesByType("navigation")[0].domInteractive)`); !ran {
		t.Error("the engine did not arrive before the page was parsed: the test did not test what it means to")
	}
	for _, p := range b.takeProblems() {
		t.Error(p)
	}
}
