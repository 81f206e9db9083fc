package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianzheng/generator/offline"
)

// TestOfflineFiles checks what the build publishes for offline use: the
// worker at the root, its list of the list pages, the assets and the
// whole index with their size, and every page registering the worker
// through site.js; with -no-offline none of it.
func TestOfflineFiles(t *testing.T) {
	out := builtOffline(t)
	if !strings.HasPrefix(readFile(t, out, offline.WorkerPath), `var V = "`) {
		t.Error("sw.js does not start with its build's version")
	}
	var list struct {
		V     string
		Bytes int
		Cap   int
		Core  []string
		Files []string
	}
	if err := json.Unmarshal([]byte(readFile(t, out, offline.ListPath)), &list); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readFile(t, out, offline.WorkerPath), `var V = "`+list.V+`"`) {
		t.Errorf("sw.js and offline.json disagree on the version %s", list.V)
	}
	size, listed := 0, map[string]bool{}
	for _, p := range list.Files {
		listed[p] = true
		info, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		size += int(info.Size())
	}
	if size != list.Bytes || list.Cap != offline.Cap {
		t.Errorf("offline.json says %d bytes and cap %d; the files hold %d, the cap is %d", list.Bytes, list.Cap, size, offline.Cap)
	}
	for _, p := range []string{"index.html", "search/index.html", "search/index/manifest.js", "cancelled/index.html",
		"cancelled/by-ground.html", "department/index.html", "a-z/index.html"} {
		if !listed[p] {
			t.Errorf("offline.json does not list %s", p)
		}
	}
	index := 0
	for p := range snapshot(t, filepath.Join(out, "search", "index")) {
		if !listed["search/index/"+filepath.ToSlash(p)] {
			t.Errorf("offline.json does not list the index file %s", p)
		}
		index++
	}
	if listed["cancelled/hukou-suozaidi-yibao/index.html"] || listed["data/catalog.json"] || index == 0 {
		t.Errorf("offline.json lists a record page or the open data, or there is no index (%d files)", index)
	}
	for _, page := range []string{"index.html", "cancelled/hukou-suozaidi-yibao/index.html", "search/index.html"} {
		if !strings.Contains(readFile(t, out, page), ` data-sw></script>`) {
			t.Errorf("%s does not have site.js's code register sw.js", page)
		}
	}
	if !strings.Contains(readFile(t, out, "index.html"), "data-offline-save") {
		t.Error("the home page has no 离线使用")
	}

	bare := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", "../content", "-templates", "../templates", "-out", bare, "-no-offline"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	for name, data := range snapshot(t, bare) {
		if name == offline.WorkerPath || name == offline.ListPath || strings.HasSuffix(name, ".html") && (strings.Contains(string(data), "data-sw=") || strings.Contains(string(data), "data-offline-save")) {
			t.Errorf("with -no-offline, %s is there or registers the worker", name)
		}
	}
}

// builtOffline is the sample built with the service worker.
func builtOffline(t *testing.T) string {
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", "../content", "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	return out
}
