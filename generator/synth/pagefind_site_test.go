package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianzheng/generator/catalog"
)

// TestPagefindSite writes, for the phone benchmark (generator's
// TestPhoneBench, issue 13), a Hugo + Pagefind site of the records of each
// catalog folder in JZ_PAGEFIND_CONTENT (space-separated) into the folder
// of the same place in JZ_PAGEFIND_OUT: the pages of TestHugoPagefind, and a
// search page at the address of ours, search/index.html?q=…, that asks
// Pagefind's JavaScript API for the query and shows the first five results
// (title and excerpt), as ours and Pagefind's own UI do, then marks the
// list as ours does (#search-results, data-search-state="done"). It installs Hugo and
// Pagefind as TestHugoPagefind does:
//
//	JZ_PAGEFIND_CONTENT="../../content /tmp/net10k" JZ_PAGEFIND_OUT="/tmp/pf-sample /tmp/pf-10k" \
//	  go test ./generator/synth -run PagefindSite -count=1 -v -timeout 30m
func TestPagefindSite(t *testing.T) {
	contents, outs := strings.Fields(os.Getenv("JZ_PAGEFIND_CONTENT")), strings.Fields(os.Getenv("JZ_PAGEFIND_OUT"))
	if len(contents) == 0 || len(contents) != len(outs) {
		t.Skip("set JZ_PAGEFIND_CONTENT and JZ_PAGEFIND_OUT (as many folders each) to build Hugo + Pagefind sites")
	}
	hugo, pagefind := installHugo(t), installPagefind(t)
	for i, content := range contents {
		cat, err := catalog.Load(os.DirFS(content))
		if err != nil {
			t.Fatalf("%s: %v", content, err)
		}
		site, out := t.TempDir(), outs[i]
		writeHugoSite(t, site, cat)
		for name, s := range pagefindSearchPage {
			write(t, filepath.Join(site, "static", name), s)
		}
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		timed(t, site, hugo, "--quiet", "--destination", out)
		timed(t, site, pagefind, "--site", out)
		t.Logf("%s: %d records → %s", content, len(cat.Records), out)
	}
}

// pagefindSearchPage is the Pagefind site's search page, as plain as
// Pagefind's documentation shows its API: import pagefind.js, search,
// load the data of the first results.
var pagefindSearchPage = map[string]string{
	"search/index.html": `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>搜索</title></head>
<body>
<main><h1>搜索</h1>
<ol id="search-results" data-search-state="loading"></ol>
<script type="module" src="/search/search.js"></script>
</main>
</body></html>
`,
	"search/search.js": `const q = new URLSearchParams(location.search).get("q") || "";
const list = document.getElementById("search-results");
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
for (const d of data) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = d.url;
  a.textContent = d.meta.title;
  const p = document.createElement("p");
  p.innerHTML = d.excerpt;
  li.append(a, p);
  list.append(li);
}
list.dataset.searchState = "done";
`,
}
