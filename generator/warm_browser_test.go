package main

import (
	"strings"
	"testing"
	"time"
)

// TestBrowserWarm checks issue 13's warming: on a page with the header's
// search box, focusing the box makes the browser fetch the search engine
// and the index's manifest, and the search page's head then asks for
// both (the engine preloaded, the manifest an async script: boot.js).
func TestBrowserWarm(t *testing.T) {
	dir := builtSample(t)
	base := serve(t, dir)
	b := newBrowser(t, browserOptions{width: 375})
	b.open(t, base+"cancelled/index.html")
	eval[bool](t, b, `(document.getElementById("q-top").focus(), true)`)
	fetched := func() string {
		return eval[string](t, b, `performance.getEntriesByType("resource").map(function (e) { return e.name; }).join(" ")`)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := fetched()
		if strings.Contains(got, "/assets/search.") && strings.Contains(got, "/search/index/manifest.js") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("focusing the header's search box fetched neither the engine nor the manifest: %s", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.open(t, base+"search/index.html?q=%E4%BD%8E%E4%BF%9D")
	waitSearch(t, b)
	early := eval[string](t, b, `Array.from(document.querySelectorAll('head link[rel=preload], head script[async]')).map(function (l) { return l.href || l.src; }).join(" ")`)
	if !strings.Contains(early, "/assets/search.") || !strings.Contains(early, "/search/index/manifest.js") {
		t.Errorf("the search page's head asks early for %q, not the engine and the manifest", early)
	}
	if p := b.takeProblems(); len(p) > 0 {
		t.Errorf("problems (CSP, console, requests): %v", p)
	}
}
