package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"jianzheng/generator/offline"
)

// flakyNet serves a folder over http and can lose the network: while
// down, every request's connection is closed without an answer, as when
// a phone loses its signal, so that only the service worker can answer.
// With bigList, it says offline.json's files are one byte over the cap.
type flakyNet struct {
	down, bigList atomic.Bool
	files         http.Handler
}

func (n *flakyNet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if n.down.Load() {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	if n.bigList.Load() && r.URL.Path == "/"+offline.ListPath {
		fmt.Fprintf(w, `{"v": "", "bytes": %d, "cap": %d, "core": [], "files": []}`, offline.Cap+1, offline.Cap)
		return
	}
	n.files.ServeHTTP(w, r)
}

// TestBrowserOffline is issue 13's item 4 in Chromium over http: a page
// and a search seen once work without the network; after 离线使用, a
// search never made and every list page do too; a new build reaches the
// reader as a whole, through the notice.
func TestBrowserOffline(t *testing.T) {
	browser := newBrowser(t, browserOptions{width: 375}) // skips without a browser
	content, out := filepath.Join(t.TempDir(), "content"), filepath.Join(t.TempDir(), "public")
	copyDir(t, "../content", content)
	build := func() {
		t.Helper()
		var o, e strings.Builder
		if code := run([]string{"build", "-content", content, "-templates", "../templates", "-out", out}, &o, &e); code != 0 {
			t.Fatalf("build exited %d: %s%s", code, o.String(), e.String())
		}
	}
	build()
	net := &flakyNet{files: http.FileServer(http.Dir(out))}
	srv := httptest.NewServer(net)
	t.Cleanup(srv.Close)
	base := srv.URL + "/"
	b := browser

	// From disk there is no 离线使用 (the site works as it is).
	b.open(t, fileURL(out)+"index.html")
	time.Sleep(200 * time.Millisecond)
	if eval[bool](t, b, `!document.querySelector("[data-offline]").hidden`) {
		t.Error("from file://, 离线使用 shows")
	}

	// The first visit installs the worker, which takes the page.
	b.open(t, base+"index.html")
	waitFor(t, b, "the service worker to take the home page", `!!navigator.serviceWorker.controller`)
	search := func(q string) []string {
		t.Helper()
		b.open(t, base+"search/index.html?q="+url.QueryEscape(q))
		return waitSearch(t, b)
	}
	seen := search("户口本")
	if len(seen) == 0 {
		t.Fatal("户口本 finds nothing online")
	}
	if p := b.takeProblems(); len(p) > 0 {
		t.Errorf("problems online (CSP, console, requests): %v", p)
	}

	net.down.Store(true)
	if got := search("户口本"); strings.Join(got, " ") != strings.Join(seen, " ") {
		t.Errorf("offline, 户口本 shows %v, online it showed %v", got, seen)
	}
	b.open(t, base+"index.html")
	if !eval[bool](t, b, `!!document.querySelector("[data-offline-save]")`) {
		t.Error("offline, the home page does not come from the worker's cache")
	}

	// Above the cap, 离线使用 says so and stays disabled.
	net.down.Store(false)
	net.bigList.Store(true)
	b.open(t, base+"index.html")
	waitFor(t, b, "离线使用 to state the size", `!document.querySelector("[data-offline]").hidden`)
	if eval[bool](t, b, `!document.querySelector("[data-offline-save]").disabled`) {
		t.Error("离线使用 is offered above the cap")
	}
	net.bigList.Store(false)

	// 离线使用: the size first, then the whole index and the list pages.
	net.down.Store(false)
	b.open(t, base+"index.html")
	waitFor(t, b, "离线使用 to be offered", `!document.querySelector("[data-offline-save]").disabled`)
	if note := eval[string](t, b, `document.querySelector("[data-offline-note]").textContent`); !strings.Contains(note, " MB") {
		t.Errorf("离线使用 does not state the size: %q", note)
	}
	b.click(t, "[data-offline-save]")
	waitFor(t, b, "离线使用 to finish", `document.querySelector("[data-offline-state]").dataset.offlineState === "done"`)
	if state := eval[string](t, b, `document.querySelector("[role=status][data-offline-status]").textContent`); state == "" {
		t.Error("离线使用 says nothing when done")
	}
	axe, axeErr := os.ReadFile(axePath())
	checkAxe := func(what string) {
		t.Helper()
		if axeErr == nil {
			for _, v := range axeViolations(t, b, axe) {
				t.Errorf("%s: %s", what, v)
			}
		} else if requireBrowser() {
			t.Errorf("axe-core not found at %s; %s", axePath(), enableBrowserHelp)
		}
	}
	checkAxe("the home page with 离线使用 done")
	b.screenshot(t, "offline-saved-375")

	net.down.Store(true)
	if got := search("低保"); len(got) == 0 {
		t.Error("offline after 离线使用, 低保 (never searched) finds nothing")
	}
	var list struct{ Files []string }
	if err := json.Unmarshal([]byte(readFile(t, out, offline.ListPath)), &list); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range list.Files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		b.open(t, base+p)
		if !eval[bool](t, b, `!!document.getElementById("main")`) {
			t.Errorf("offline after 离线使用, %s does not open", p)
		}
	}
	if pages < 10 {
		t.Errorf("offline.json lists %d pages, want the list pages (at least 10)", pages)
	}
	b.takeProblems() // the failed requests of the offline part

	// A new build with a changed record: the notice, then all of it.
	const name = "户口所在地证明（医保参保新版）"
	record := filepath.Join(content, "cancelled", "weisheng.toml")
	src, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(record, []byte(strings.Replace(string(src), `name = "户口所在地证明（城乡居民医保参保登记）"`, `name = "`+name+`"`, 1)), 0o644)
	build()
	net.down.Store(false)
	b.open(t, base+"index.html")
	waitFor(t, b, "the notice of a newer version", `document.getElementById("sw-update") && document.getElementById("sw-update").parentNode.getAttribute("role") === "status"`)
	checkAxe("the home page with the notice of a newer version")
	b.screenshot(t, "offline-update-375")
	b.click(t, "#sw-update")
	waitFor(t, b, "the page to reload into the new version", `!document.getElementById("sw-update") && document.readyState === "complete"`)
	var now struct{ V string }
	json.Unmarshal([]byte(readFile(t, out, offline.ListPath)), &now)
	if got := eval[string](t, b, `caches.keys().then(function (k) { return k.join(" "); })`); got != "jz-"+now.V {
		t.Errorf("caches after the update: %q, want only jz-%s", got, now.V)
	}
	waitFor(t, b, "the home page to say the new build is saved", `document.querySelector("[data-offline]").dataset.offlineState === "done"`)
	net.down.Store(true)
	b.open(t, base+"cancelled/index.html")
	if !eval[bool](t, b, `document.body.textContent.indexOf(`+jsString(name)+`) >= 0`) {
		t.Error("offline after the update, the list does not show the record's new name")
	}
	if got := search("医保参保新版"); len(got) == 0 || got[0] != "hukou-suozaidi-yibao" {
		t.Errorf("offline after the update, the new name finds %v", got)
	}
	for _, p := range b.takeProblems() {
		if strings.Contains(p, "Content Security Policy") || strings.Contains(p, "uncaught") {
			t.Error(p)
		}
	}
}

// waitFor waits up to 30 s for a JavaScript condition to hold.
func waitFor(t *testing.T, b *browserSession, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := tryEval[bool](b, cond); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waited 30 s for %s", what)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
