package search

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jianzheng/generator/synth"
)

// TestHints: in a large catalog, the h file a term shard names for a
// common term holds the records a search of the term alone shows first,
// so that the engine's guess saves the wave of records. A term the
// thesaurus knows is searched with its alternatives, and is not compared.
func TestHints(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"content": os.DirFS("../../content"), "synth-2000": synth.Catalog(2000, 1)} {
		t.Run(name, func(t *testing.T) {
			defer func(d int) { docsOneFile = d }(docsOneFile)
			docsOneFile = 0 // records in files of docBlock, as in a large catalog
			ix, files := exported(t, loadCatalog(t, fsys))
			dir := IndexDir + indexFolder(t, files) + "/"
			read := func(path string, v any) {
				b, ok := files[path]
				if !ok {
					t.Fatalf("%s is not in the export", path)
				}
				body := b[bytes.IndexByte(b, ',')+1 : bytes.LastIndex(b, []byte(");"))]
				if err := json.Unmarshal(body, v); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
			}
			hints := map[string][]int{}
			for path := range files {
				if !strings.Contains(path, "/t/") {
					continue
				}
				var sh struct{ H map[string]int }
				read(path, &sh)
				for term, n := range sh.H {
					var page struct{ Dr map[string][4]string }
					read(dir+"h/"+strconv.Itoa(n)+".js", &page)
					for d, rec := range page.Dr {
						doc, _ := strconv.Atoi(d)
						if rec != storedDoc(ix.ordered[doc]) {
							t.Fatalf("h/%d: record %s is %v, want %v", n, d, rec, storedDoc(ix.ordered[doc]))
						}
						hints[term] = append(hints[term], doc)
					}
				}
			}
			docnum := map[string]int{}
			for i, r := range ix.ordered {
				docnum[r.ID] = i
			}
			same, compared := 0, 0
			for term, h := range hints {
				if p := ix.plan(term); len(p.must) != 1 || len(p.must[0].alts) != 1 {
					continue
				}
				res, err := ix.Search(term, shownHits)
				if err != nil {
					t.Fatal(err)
				}
				var want []int
				for _, hit := range res.Hits {
					want = append(want, docnum[hit.ID])
				}
				slices.Sort(want)
				got := slices.Sorted(slices.Values(h))
				compared++
				if slices.Equal(got, want) {
					same++
				} else if testing.Verbose() {
					t.Logf("%s: hint %v, first page %v", term, got, want)
				}
			}
			t.Logf("%d of %d common terms carry their first page", same, compared)
			if compared < 20 || same < compared {
				t.Errorf("%d of %d common terms carry their first page; want at least 20 terms, all of them", same, compared)
			}
		})
	}
}
