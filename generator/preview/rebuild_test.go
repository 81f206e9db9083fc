package preview_test

// Tests of how the preview rebuilds (rebuild.go): at once for the
// pages, in the background for every page, the search index and the
// open data.

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/preview/previewtest"
	"jianzheng/generator/site"
	"jianzheng/generator/synth"
)

// TestServeEditShows: an edit to one record shows in its page and its
// list page as soon as the browsers are told to reload, and in the open
// data and a new search index once those are rebuilt.
func TestServeEditShows(t *testing.T) {
	content, templates := previewtest.CopySample(t, root)
	pv := startPreview(t, content, templates, nil)
	events := pv.Subscribe(t)
	if ev := previewtest.NextEvent(t, events); ev.Name != "ready" || ev.Index() != 1 {
		t.Fatalf("on connecting: event %q %s, want ready with index 1", ev.Name, ev.Data)
	}
	for i, file := range []string{"cancelled/gongan.toml", "village/baoliu.toml", "training/anquan.toml", "inspection/jiaotong.toml"} {
		t.Run(file, func(t *testing.T) {
			rec := previewtest.FirstRecord(t, content, file)
			name := fmt.Sprintf("预览测试：第%d次改过的名称", i+1)
			previewtest.WriteContent(t, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "`+name+`"`, 1))
			if ev := previewtest.NextEvent(t, events); ev.Name != "reload" {
				t.Fatalf("event %q %s, want reload", ev.Name, ev.Data)
			}
			list := "/" + strings.Split(file, "/")[0] + "/"
			for _, page := range []string{rec.URL, list} {
				if body := pv.Get(t, page, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
					t.Errorf("%s does not show the new name", page)
				}
			}
			ev := previewtest.WaitEvent(t, events)
			if ev.Name != "search" || ev.Index() != i+2 {
				t.Fatalf("event %q %s, want search with index %d", ev.Name, ev.Data, i+2)
			}
			if body := pv.Get(t, "/data/catalog.json", http.StatusOK, "application/json"); !strings.Contains(body, name) {
				t.Errorf("data/catalog.json does not have the new name")
			}
			pinned := fmt.Sprintf(`data-index="/_preview/index/%d/"`, i+2)
			if body := pv.Get(t, "/search/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, pinned) {
				t.Errorf("the search page does not read index %d: no %s", i+2, pinned)
			}
		})
	}
}

// TestServeIndexSwap: a new search index replaces the one served at
// search/index/; the one before stays under its version for the search
// pages that loaded it; older ones are gone.
func TestServeIndexSwap(t *testing.T) {
	content, templates := previewtest.CopySample(t, root)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	proceed := make(chan struct{})
	first := true
	pv := startPreview(t, content, templates, func(c *catalog.Catalog) (site.Files, error) {
		if !first {
			<-proceed
		}
		first = false
		return nameIndex(c, rec.ID)
	})
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events)
	const manifest = "/search/index/manifest.js"
	names := []string{rec.Name}
	for i := range 2 {
		names = append(names, fmt.Sprintf("预览测试：第%d次", i+1))
		previewtest.WriteContent(t, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "`+names[i+1]+`"`, 1))
		previewtest.NextEvent(t, events) // reload
		if body := pv.Get(t, manifest, http.StatusOK, "text/javascript; charset=utf-8"); body != names[i] {
			t.Errorf("before the new index: %s is %q, want %q", manifest, body, names[i])
		}
		proceed <- struct{}{}
		if ev := previewtest.WaitEvent(t, events); ev.Name != "search" || ev.Index() != i+2 {
			t.Fatalf("event %q %s, want search with index %d", ev.Name, ev.Data, i+2)
		}
		if body := pv.Get(t, manifest, http.StatusOK, "text/javascript; charset=utf-8"); body != names[i+1] {
			t.Errorf("after the new index: %s is %q, want %q", manifest, body, names[i+1])
		}
	}
	for v, want := range map[int]string{3: names[2], 2: names[1]} {
		if body := pv.Get(t, fmt.Sprintf("/_preview/index/%d/manifest.js", v), http.StatusOK, "text/javascript; charset=utf-8"); body != want {
			t.Errorf("index %d: manifest %q, want %q", v, body, want)
		}
	}
	pv.Get(t, "/_preview/index/1/manifest.js", http.StatusNotFound, "text/plain; charset=utf-8")
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
	content, templates := previewtest.CopySample(t, root)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	started := make(chan *catalog.Catalog, 1)
	release := make(chan struct{})
	calls := 0
	pv := startPreview(t, content, templates, func(c *catalog.Catalog) (site.Files, error) {
		if calls++; calls == 2 { // the first save's
			started <- c
			<-release
		}
		return nameIndex(c, rec.ID)
	})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // before the preview's own cleanup, which waits for it
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events)

	previewtest.WriteContent(t, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "过时的名称"`, 1))
	previewtest.NextEvent(t, events) // reload
	if files, _ := nameIndex(<-started, rec.ID); string(files["search/index/manifest.js"]) != "过时的名称" {
		t.Fatalf("indexing %q", files["search/index/manifest.js"])
	}
	previewtest.WriteContent(t, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "最新的名称"`, 1))
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" || ev.Site() != 3 {
		t.Fatalf("event %q %s, want reload of site 3", ev.Name, ev.Data)
	}
	unblock()
	if ev := previewtest.WaitEvent(t, events); ev.Name != "search" || ev.Index() != 2 {
		t.Fatalf("event %q %s, want search with index 2", ev.Name, ev.Data)
	}
	if body := pv.Get(t, "/search/index/manifest.js", http.StatusOK, "text/javascript; charset=utf-8"); body != "最新的名称" {
		t.Errorf("the index served is of %q, want the newest content", body)
	}
}

// TestServeFailedSaveDuringBackground: a save that does not load stops
// nothing for good: the version still served gets its search index, built
// once.
func TestServeFailedSaveDuringBackground(t *testing.T) {
	content, templates := previewtest.CopySample(t, root)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	started := make(chan struct{}, 1)
	release := make(chan struct{})
	var calls atomic.Int32
	pv := startPreview(t, content, templates, func(c *catalog.Catalog) (site.Files, error) {
		if calls.Add(1) == 2 { // the good save's
			started <- struct{}{}
			<-release
		}
		return nameIndex(c, rec.ID)
	})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock)
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events)

	renamed := strings.Replace(rec.File, rec.NameLine, `name = "好的名称"`, 1)
	previewtest.WriteContent(t, content, rec.Path, renamed)
	previewtest.NextEvent(t, events) // reload
	<-started
	previewtest.WriteContent(t, content, rec.Path, strings.Replace(renamed, rec.IDLine, rec.IDLine+"\nnmae = \"x\"", 1))
	if ev := previewtest.NextEvent(t, events); ev.Name != "error" || ev.Site() != 2 {
		t.Fatalf("event %q %s, want error on site 2", ev.Name, ev.Data)
	}
	unblock()
	if ev := previewtest.WaitEvent(t, events); ev.Name != "search" || ev.Index() != 2 || !strings.Contains(ev.Data, "nmae") {
		t.Fatalf("event %q %s, want search with index 2, the problem still listed", ev.Name, ev.Data)
	}
	if body := pv.Get(t, "/search/index/manifest.js", http.StatusOK, "text/javascript; charset=utf-8"); body != "好的名称" {
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
	content, templates := previewtest.CopySample(t, root)
	pv := startPreview(t, content, templates, nil)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	events := pv.Subscribe(t)
	previewtest.NextEvent(t, events)

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
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" || ev.Site() != 2 {
		t.Fatalf("after the change: event %q %s, want reload of site 2", ev.Name, ev.Data)
	}
	ev := previewtest.NextEvent(t, events)
	if ev.Name != "error" || ev.Site() != 1 || !strings.Contains(ev.Data, `record.html`) || !strings.Contains(ev.Data, "index out of range") {
		t.Fatalf("after rendering every page: event %q %s, want an error naming record.html, back to site 1", ev.Name, ev.Data)
	}
	if body := pv.Get(t, rec.URL, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, rec.Name) {
		t.Errorf("%s is not the last version that rendered", rec.URL)
	}
	if !strings.Contains(pv.Stderr(), "重新生成失败") || !strings.Contains(pv.Stderr(), "record.html") {
		t.Errorf("the terminal does not report the failure:\n%s", pv.Stderr())
	}
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" || ev.Site() != 3 {
		t.Fatalf("after the fix: event %q %s, want reload of site 3", ev.Name, ev.Data)
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
//	go test ./generator/preview -run '^$' -bench ServeRebuild -benchtime 8x
func BenchmarkServeRebuild(b *testing.B) {
	for _, n := range []int{0, 10000} {
		size := "sample"
		if n > 0 {
			size = strconv.Itoa(n)
		}
		b.Run(size, func(b *testing.B) {
			content, templates := previewtest.CopySample(b, root)
			file := "cancelled/gongan.toml"
			if n > 0 {
				content = filepath.Join(b.TempDir(), "content")
				if err := os.CopyFS(content, synth.Catalog(n, 1)); err != nil {
					b.Fatal(err)
				}
				file = "cancelled/part-000.toml"
			}
			pv := startPreview(b, content, templates, nil)
			rec := previewtest.FirstRecord(b, content, file)
			events := pv.Subscribe(b)
			previewtest.NextEvent(b, events)
			saves := 0
			for _, busy := range []bool{false, true} {
				b.Run(map[bool]string{false: "quiet", true: "busy"}[busy], func(b *testing.B) {
					var prepare, list time.Duration
					b.ResetTimer()
					for range b.N {
						saves++
						name := fmt.Sprintf("改过的名称%d", saves)
						previewtest.WriteContent(b, content, rec.Path, strings.Replace(rec.File, rec.NameLine, `name = "`+name+`"`, 1))
						if ev := previewtest.NextEvent(b, events); ev.Name != "reload" {
							b.Fatalf("event %q %s, want reload", ev.Name, ev.Data)
						}
						if body := pv.Get(b, rec.URL, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
							b.Fatalf("%s does not show the new name", rec.URL)
						}
						b.StopTimer()
						took, err := time.ParseDuration(strings.Fields(pv.WaitLine(b, "重新生成用时 "))[1])
						if err != nil {
							b.Fatal(err)
						}
						prepare += took
						start := time.Now()
						if body := pv.Get(b, "/cancelled/", http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, name) {
							b.Fatalf("the list page does not show the new name")
						}
						list += time.Since(start)
						if busy {
							time.Sleep(time.Second)
						} else {
							pv.WaitLineWithin(b, "已检查每一页", previewtest.FirstBuildWait)
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
