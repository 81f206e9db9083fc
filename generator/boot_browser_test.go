package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBrowserBoot: on the search page the manifest's head start
// (search's boot.js) asks for the first search's files while the engine
// is still on its way, and the engine takes them over. The server holds
// the engine back, as a phone network does. When those early requests
// fail (the server answers each index file's first request with an error,
// late), the engine asks again, and the resident still gets the results.
func TestBrowserBoot(t *testing.T) {
	dir := builtSample(t)
	for _, tc := range []struct {
		name  string
		fail  bool
		query string
	}{{"early", false, "户口本"}, {"early", false, "死亡证明"}, {"retried", true, "养老金"}} {
		t.Run(tc.name+" "+tc.query, func(t *testing.T) {
			var mu sync.Mutex
			failed := map[string]bool{}
			files := http.FileServer(http.Dir(dir))
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				p := r.URL.Path
				switch {
				case strings.HasPrefix(p, "/assets/search."):
					time.Sleep(400 * time.Millisecond) // the engine comes last
				case tc.fail && strings.HasPrefix(p, "/search/index/") && !strings.HasSuffix(p, "/manifest.js"):
					mu.Lock()
					first := !failed[p]
					failed[p] = true
					mu.Unlock()
					if first { // fails after the engine has taken it over
						time.Sleep(600 * time.Millisecond)
						w.Header().Set("Content-Type", "text/javascript")
						w.WriteHeader(http.StatusServiceUnavailable)
						return
					}
				}
				files.ServeHTTP(w, r)
			}))
			defer srv.Close()
			b := newBrowser(t, browserOptions{width: 375})
			b.open(t, srv.URL+"/search/index.html?q="+url.QueryEscape(tc.query))
			if hits := waitSearch(t, b); len(hits) == 0 {
				t.Fatalf("%s: no results", tc.query)
			}
			// the first index file after the manifest was asked for before
			// the engine had arrived
			early := eval[bool](t, b, `(function () {
				var rs = performance.getEntriesByType("resource");
				var engine = rs.filter(function (e) { return /\/assets\/search\./.test(e.name); })[0];
				var index = rs.filter(function (e) { return /\/search\/index\/[0-9a-f]{16}\//.test(e.name); });
				return !!engine && index.length > 0 && index[0].startTime < engine.responseEnd;
			})()`)
			if !early {
				t.Errorf("%s: no index file was asked for before the engine arrived", tc.query)
			}
			for _, p := range b.takeProblems() {
				if !(tc.fail && strings.Contains(p, "503")) {
					t.Error(p)
				}
			}
			if tc.fail && len(failed) == 0 {
				t.Errorf("%s: the test failed no request", tc.query)
			}
		})
	}
}
