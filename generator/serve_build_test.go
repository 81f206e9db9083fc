package main

// Tests of how the preview rebuilds (serve_build.go): at once for the
// pages, in the background for every page, the search index and the
// open data.

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/site"
	"jianzheng/generator/synth"
)

// TestServeEditShows: an edit to one record shows in its page and its
// list page as soon as the browsers are told to reload, and in the open
// data and a new search index once those are rebuilt.
func TestServeEditShows(t *testing.T) {
	content, templates := copySample(t)
	pv := startPreview(t, content, templates)
	events := pv.subscribe(t)
	if ev := nextEvent(t, events); ev.name != "ready" || ev.index() != 1 {
		t.Fatalf("on connecting: event %q %s, want ready with index 1", ev.name, ev.data)
	}
	for i, file := range []string{"cancelled/gongan.toml", "village/baoliu.toml", "training/anquan.toml", "inspection/jiaotong.toml"} {
		t.Run(file, func(t *testing.T) {
			rec := firstRecord(t, content, file)
			name := fmt.Sprintf("预览测试：第%d次改过的名称", i+1)
			writeContent(t, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "`+name+`"`, 1))
			if ev := nextEvent(t, events); ev.name != "reload" {
				t.Fatalf("event %q %s, want reload", ev.name, ev.data)
			}
			list := "/" + strings.Split(file, "/")[0] + "/"
			for _, page := range []string{rec.url, list} {
				if body := pv.get(t, page, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
					t.Errorf("%s does not show the new name", page)
				}
			}
			ev := waitEvent(t, events)
			if ev.name != "search" || ev.index() != i+2 {
				t.Fatalf("event %q %s, want search with index %d", ev.name, ev.data, i+2)
			}
			if body := pv.get(t, "/data/catalog.json", http.StatusOK, "application/json"); !strings.Contains(body, name) {
				t.Errorf("data/catalog.json does not have the new name")
			}
			pinned := fmt.Sprintf(`data-index="/_preview/index/%d/"`, i+2)
			if body := pv.get(t, "/search/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, pinned) {
				t.Errorf("the search page does not read index %d: no %s", i+2, pinned)
			}
		})
	}
}

// TestServeIndexSwap: a new search index replaces the one served at
// search/index/; the one before stays under its version for the search
// pages that loaded it; older ones are gone.
func TestServeIndexSwap(t *testing.T) {
	content, templates := copySample(t)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	proceed := make(chan struct{})
	first := true
	pv := startPreviewWith(t, content, templates, func(p *preview) {
		p.testIndex = func(c *catalog.Catalog) (site.Files, error) {
			if !first {
				<-proceed
			}
			first = false
			return nameIndex(c, rec.id)
		}
	})
	events := pv.subscribe(t)
	nextEvent(t, events)
	const manifest = "/search/index/manifest.js"
	names := []string{rec.name}
	for i := range 2 {
		names = append(names, fmt.Sprintf("预览测试：第%d次", i+1))
		writeContent(t, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "`+names[i+1]+`"`, 1))
		nextEvent(t, events) // reload
		if body := pv.get(t, manifest, http.StatusOK, "text/javascript; charset=utf-8"); body != names[i] {
			t.Errorf("before the new index: %s is %q, want %q", manifest, body, names[i])
		}
		proceed <- struct{}{}
		if ev := waitEvent(t, events); ev.name != "search" || ev.index() != i+2 {
			t.Fatalf("event %q %s, want search with index %d", ev.name, ev.data, i+2)
		}
		if body := pv.get(t, manifest, http.StatusOK, "text/javascript; charset=utf-8"); body != names[i+1] {
			t.Errorf("after the new index: %s is %q, want %q", manifest, body, names[i+1])
		}
	}
	for v, want := range map[int]string{3: names[2], 2: names[1]} {
		if body := pv.get(t, fmt.Sprintf("/_preview/index/%d/manifest.js", v), http.StatusOK, "text/javascript; charset=utf-8"); body != want {
			t.Errorf("index %d: manifest %q, want %q", v, body, want)
		}
	}
	pv.get(t, "/_preview/index/1/manifest.js", http.StatusNotFound, "text/plain; charset=utf-8")
}

// nameIndex stands for the search index in tests: its manifest is the
// name of the record id.
func nameIndex(c *catalog.Catalog, id string) (site.Files, error) {
	for _, r := range c.Records {
		if r.ID == id {
			return site.Files{"search/index/manifest.js": []byte(r.Name)}, nil
		}
	}
	return nil, fmt.Errorf("no record %q", id)
}

// TestServeStaleIndex: a save while the search index of the save before
// is being built drops that index: the next one is of the newest content.
func TestServeStaleIndex(t *testing.T) {
	content, templates := copySample(t)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	started := make(chan *catalog.Catalog, 1)
	release := make(chan struct{})
	calls := 0
	pv := startPreviewWith(t, content, templates, func(p *preview) {
		p.testIndex = func(c *catalog.Catalog) (site.Files, error) {
			if calls++; calls == 2 { // the first save's
				started <- c
				<-release
			}
			return nameIndex(c, rec.id)
		}
	})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // before the preview's own cleanup, which waits for it
	events := pv.subscribe(t)
	nextEvent(t, events)

	writeContent(t, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "过时的名称"`, 1))
	nextEvent(t, events) // reload
	if files, _ := nameIndex(<-started, rec.id); string(files["search/index/manifest.js"]) != "过时的名称" {
		t.Fatalf("indexing %q", files["search/index/manifest.js"])
	}
	writeContent(t, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "最新的名称"`, 1))
	if ev := nextEvent(t, events); ev.name != "reload" || ev.site() != 3 {
		t.Fatalf("event %q %s, want reload of site 3", ev.name, ev.data)
	}
	unblock()
	if ev := waitEvent(t, events); ev.name != "search" || ev.index() != 2 {
		t.Fatalf("event %q %s, want search with index 2", ev.name, ev.data)
	}
	if body := pv.get(t, "/search/index/manifest.js", http.StatusOK, "text/javascript; charset=utf-8"); body != "最新的名称" {
		t.Errorf("the index served is of %q, want the newest content", body)
	}
}

// TestServeFailedSaveDuringBackground: a save that does not load stops
// nothing for good: the version still served gets its search index, built
// once.
func TestServeFailedSaveDuringBackground(t *testing.T) {
	content, templates := copySample(t)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	started := make(chan struct{}, 1)
	release := make(chan struct{})
	var calls atomic.Int32
	pv := startPreviewWith(t, content, templates, func(p *preview) {
		p.testIndex = func(c *catalog.Catalog) (site.Files, error) {
			if calls.Add(1) == 2 { // the good save's
				started <- struct{}{}
				<-release
			}
			return nameIndex(c, rec.id)
		}
	})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock)
	events := pv.subscribe(t)
	nextEvent(t, events)

	renamed := strings.Replace(rec.file, rec.nameLine, `name = "好的名称"`, 1)
	writeContent(t, content, rec.path, renamed)
	nextEvent(t, events) // reload
	<-started
	writeContent(t, content, rec.path, strings.Replace(renamed, rec.idLine, rec.idLine+"\nnmae = \"x\"", 1))
	if ev := nextEvent(t, events); ev.name != "error" || ev.site() != 2 {
		t.Fatalf("event %q %s, want error on site 2", ev.name, ev.data)
	}
	unblock()
	if ev := waitEvent(t, events); ev.name != "search" || ev.index() != 2 || !strings.Contains(ev.data, "nmae") {
		t.Fatalf("event %q %s, want search with index 2, the problem still listed", ev.name, ev.data)
	}
	if body := pv.get(t, "/search/index/manifest.js", http.StatusOK, "text/javascript; charset=utf-8"); body != "好的名称" {
		t.Errorf("the index served is of %q, want that of the version served", body)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("the search index was built %d times, want 2 (at start, after the good save)", n)
	}
}

// TestServeRenderError: a template that fails on some pages while
// executing is found after the reload, and published as a failed build:
// the browsers go back to the last version whose every page rendered and
// show the problem over it, and the fix brings the site back.
func TestServeRenderError(t *testing.T) {
	content, templates := copySample(t)
	pv := startPreview(t, content, templates)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	events := pv.subscribe(t)
	nextEvent(t, events)

	path := filepath.Join(templates, "record.html")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Parses, and fails on every record page.
	bad := strings.Replace(string(good), `{{define "main"}}`, `{{define "main"}}{{index .Record.Aliases 99}}`, 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, events); ev.name != "reload" || ev.site() != 2 {
		t.Fatalf("after the change: event %q %s, want reload of site 2", ev.name, ev.data)
	}
	ev := nextEvent(t, events)
	if ev.name != "error" || ev.site() != 1 || !strings.Contains(ev.data, `record.html`) || !strings.Contains(ev.data, "index out of range") {
		t.Fatalf("after rendering every page: event %q %s, want an error naming record.html, back to site 1", ev.name, ev.data)
	}
	if body := pv.get(t, rec.url, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, rec.name) {
		t.Errorf("%s is not the last version that rendered", rec.url)
	}
	if !strings.Contains(pv.stderr.String(), "rebuild failed after") || !strings.Contains(pv.stderr.String(), "record.html") {
		t.Errorf("the terminal does not report the failure:\n%s", pv.stderr.String())
	}
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, events); ev.name != "reload" || ev.site() != 3 {
		t.Fatalf("after the fix: event %q %s, want reload of site 3", ev.name, ev.data)
	}
}

// BenchmarkServeRebuild measures what an editor waits for: from saving one
// record's file to its page served with the new text, through the real
// server, the 100 ms the watcher lets the folder settle included. In
// "quiet" each save waits until the background work of the one before has
// ended, as when an editor looks at a change before making the next; in
// "busy" it comes a second after the page of the one before, while that
// work runs. ms-prepare is the part the server reports ("rebuilt in");
// ms-list the list page that shows the record, asked for after it.
//
//	go test ./generator -run '^$' -bench ServeRebuild -benchtime 8x
func BenchmarkServeRebuild(b *testing.B) {
	for _, n := range []int{0, 10000} {
		size := "sample"
		if n > 0 {
			size = strconv.Itoa(n)
		}
		b.Run(size, func(b *testing.B) {
			content, templates := copySample(b)
			file := "cancelled/gongan.toml"
			if n > 0 {
				content = filepath.Join(b.TempDir(), "content")
				if err := os.CopyFS(content, synth.Catalog(n, 1)); err != nil {
					b.Fatal(err)
				}
				file = "cancelled/part-000.toml"
			}
			pv := startPreview(b, content, templates)
			rec := firstRecord(b, content, file)
			events := pv.subscribe(b)
			nextEvent(b, events)
			saves := 0
			for _, busy := range []bool{false, true} {
				b.Run(map[bool]string{false: "quiet", true: "busy"}[busy], func(b *testing.B) {
					var prepare, list time.Duration
					b.ResetTimer()
					for range b.N {
						saves++
						name := fmt.Sprintf("改过的名称%d", saves)
						writeContent(b, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "`+name+`"`, 1))
						if ev := nextEvent(b, events); ev.name != "reload" {
							b.Fatalf("event %q %s, want reload", ev.name, ev.data)
						}
						if body := pv.get(b, rec.url, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
							b.Fatalf("%s does not show the new name", rec.url)
						}
						b.StopTimer()
						took, err := time.ParseDuration(strings.Fields(pv.waitLine(b, "rebuilt in "))[2])
						if err != nil {
							b.Fatal(err)
						}
						prepare += took
						start := time.Now()
						if body := pv.get(b, "/cancelled/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
							b.Fatalf("the list page does not show the new name")
						}
						list += time.Since(start)
						if busy {
							time.Sleep(time.Second)
						} else {
							pv.waitLineWithin(b, "checked every page", firstBuildWait)
						}
						b.StartTimer()
					}
					b.ReportMetric(float64(prepare.Microseconds())/1e3/float64(b.N), "ms-prepare/op")
					b.ReportMetric(float64(list.Microseconds())/1e3/float64(b.N), "ms-list/op")
				})
			}
		})
	}
}

// TestServeSearchInBrowser: the search page works in the preview, reading
// the index it was served with, and after an edit it reloads, then again
// once the new index is ready, and finds what the edit wrote.
func TestServeSearchInBrowser(t *testing.T) {
	b := newBrowser(t, browserOptions{})
	content, templates := copySample(t)
	pv := startPreview(t, content, templates)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	const word = "预览搜索测试"
	b.open(t, pv.url+"search/index.html?q="+url.QueryEscape(word))
	if got := waitSearch(t, b); len(got) != 0 {
		t.Errorf("before the edit %q finds %v", word, got)
	}
	eval[bool](t, b, `window.previewMarker = true`)
	writeContent(t, content, rec.path, strings.Replace(rec.file, rec.nameLine, `name = "`+word+`"`, 1))
	deadline := time.Now().Add(serveWait)
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
	if got := waitSearch(t, b); !slices.Equal(got, []string{rec.id}) {
		t.Errorf("after the edit %q finds %v, want [%s]", word, got, rec.id)
	}
	for _, p := range b.takeProblems() {
		t.Errorf("browser: %s", p)
	}
}
