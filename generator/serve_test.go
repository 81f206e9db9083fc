package main

// Tests of the serve command. The preview itself is tested in package
// preview; these start it through the command and its flags, and drive it
// in a browser (see browser_test.go).

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jianzheng/generator/preview/previewtest"
)

// startServe runs the serve command on 127.0.0.1:0 over the folders
// content and templates, with no previous publication, until the test ends.
func startServe(t testing.TB, content, templates string, flags ...string) *previewtest.Server {
	t.Helper()
	args := append([]string{"-content", content, "-templates", templates, "-addr", "127.0.0.1:0",
		"-previous", filepath.Join(content, "no-previous-publication")}, flags...)
	return previewtest.Start(t, func(ctx context.Context, stdout, stderr io.Writer) error {
		return serveUntil(ctx, args, stdout, stderr)
	})
}

// TestServeCommand: the flags reach the preview. It watches both
// folders, names a changed template with its folder, builds with
// -base-url, and pins the search page to the index it serves.
func TestServeCommand(t *testing.T) {
	content, templates := previewtest.CopySample(t, "..")
	pv := startServe(t, content, templates, "-base-url", "https://example.org/jz")
	if line := pv.WaitLine(t, "正在监视 "); line != fmt.Sprintf("正在监视 %s 和 %s 的改动", content, templates) {
		t.Errorf("stdout: %q", line)
	}
	if body := pv.Get(t, "/about/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, `"https://example.org/jz/about/"`) {
		t.Errorf("/about/ does not have the address -base-url gives it")
	} else if strings.Contains(body, "data-sw") {
		t.Errorf("a preview page registers the service worker: an editor would read pages it kept")
	}
	pv.Get(t, "/sw.js", http.StatusNotFound, "text/html; charset=utf-8")
	if body := pv.Get(t, "/search/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, `data-index="/_preview/index/1/"`) {
		t.Errorf("the search page does not read index 1")
	}
	pv.Get(t, "/_preview/index/1/manifest.js", http.StatusOK, "text/javascript; charset=utf-8")
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events) // ready
	previewtest.WriteContent(t, templates, "about.html", readFile(t, templates, "about.html")+"\n")
	if line := pv.WaitLine(t, "重新生成用时 "); !strings.HasSuffix(line, "（改动：templates/about.html）") {
		t.Errorf("after changing about.html: %q", line)
	}
}

// TestServeOverlayInBrowser checks what only a browser can: reload.js
// works under the pages' CSP, shows a failed build over the page as text,
// closes, shows again on a page opened while the content is broken,
// reloads the page once it is fixed, and catches up with a rebuild that
// happened while its tab was hidden.
func TestServeOverlayInBrowser(t *testing.T) {
	b := newBrowser(t, browserOptions{})
	content, templates := previewtest.CopySample(t, "..")
	pv := startServe(t, content, templates)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	hostile := strings.Replace(rec.File, "\n"+rec.IDLine+"\n", "\n"+rec.IDLine+"\n\"<img src=x>\" = 1\n", 1)

	b.open(t, pv.URL+strings.TrimPrefix(rec.URL, "/"))
	eval[bool](t, b, `window.previewMarker = true`)
	previewtest.WriteContent(t, content, rec.Path, hostile)
	b.do(t, chromedp.WaitVisible(chromedp.CSS(".preview-overlay")))
	got := eval[[]string](t, b, `[document.querySelector(".preview-heading").textContent,
		document.querySelector(".preview-problems").textContent,
		String(document.querySelectorAll(".preview-overlay img").length),
		String(window.previewMarker)]`)
	want := []string{"内容有错误，页面显示的是上一次成功的版本", fmt.Sprintf(`%s:%d:1: [[proof]] %q 里没有 <img src=x> 这个键`, rec.Path, rec.IDAt+1, rec.ID), "0", "true"}
	if !slices.Equal(got, want) {
		t.Errorf("overlay: got %q, want %q", got, want)
	}
	b.click(t, ".preview-close")
	b.do(t, chromedp.WaitNotPresent(chromedp.CSS(".preview-overlay")))

	b.open(t, pv.URL) // opened while broken: the overlay comes with it
	b.do(t, chromedp.WaitVisible(chromedp.CSS(".preview-overlay")))
	eval[bool](t, b, `window.previewMarker = true`)
	previewtest.WriteContent(t, content, rec.Path, rec.File)
	waitReloaded(t, b)

	// Hide the tab (as far as the page can tell), rebuild, show it again.
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events) // ready
	eval[bool](t, b, `window.previewMarker = true;
		Object.defineProperty(document, "hidden", {value: true, configurable: true});
		document.dispatchEvent(new Event("visibilitychange")); true`)
	previewtest.WriteContent(t, content, rec.Path, rec.File+"\n")
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" {
		t.Fatalf("event %q %s, want reload", ev.Name, ev.Data)
	}
	if eval[bool](t, b, `window.previewMarker === undefined`) {
		t.Error("a hidden page heard of a rebuild: its event stream is still open")
	}
	eval[bool](t, b, `delete document.hidden; document.dispatchEvent(new Event("visibilitychange")); true`)
	waitReloaded(t, b)

	for _, p := range b.takeProblems() {
		t.Errorf("browser: %s", p)
	}
}

// TestServeSearchInBrowser: the search page works in the preview, reading
// the index it was served with, and after an edit it reloads, then again
// once the new index is ready, and finds what the edit wrote.
func TestServeSearchInBrowser(t *testing.T) {
	b := newBrowser(t, browserOptions{})
	content, templates := previewtest.CopySample(t, "..")
	pv := startServe(t, content, templates)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	const word = "预览搜索测试"
	b.open(t, pv.URL+"search/index.html?q="+url.QueryEscape(word))
	if got := waitSearch(t, b); len(got) != 0 {
		t.Errorf("before the edit %q finds %v", word, got)
	}
	eval[bool](t, b, `window.previewMarker = true`)
	previewtest.WriteContent(t, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "`+word+`"`, 1))
	deadline := time.Now().Add(previewtest.Wait)
	for {
		v, err := tryEval[bool](b, `window.previewMarker === undefined && document.getElementById("search-app").dataset.index === "/_preview/index/2/"`)
		if err == nil && v {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the search page was not loaded again with index 2")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := waitSearch(t, b); !slices.Equal(got, []string{rec.ID}) {
		t.Errorf("after the edit %q finds %v, want [%s]", word, got, rec.ID)
	}
	for _, p := range b.takeProblems() {
		t.Errorf("browser: %s", p)
	}
}

// waitReloaded waits until the page has been loaded again, which clears
// window.previewMarker, and shows no overlay.
func waitReloaded(t *testing.T, b *browserSession) {
	t.Helper()
	deadline := time.Now().Add(previewtest.Wait)
	for {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.previewMarker === undefined && document.readyState === "complete" && !document.querySelector(".preview-overlay")`))
		if err == nil && v {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the page was not loaded again")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServePublic: an -addr other computers can reach needs -public.
func TestServePublic(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0"} {
		var stdout, stderr strings.Builder
		code := run([]string{"serve", "-addr", addr}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "别的电脑也能打开，而预览没有密码，谁打开都能看到还没公布的内容：确实需要的话，请加上 -public；否则请用 -addr 127.0.0.1:1313") || !strings.Contains(stderr.String(), "-public") {
			t.Errorf("serve -addr %s: exit %d, stderr %q; want 2 and a message naming -public", addr, code, stderr.String())
		}
	}
}
