package search

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"jianzheng/generator/synth"
)

// TestHints: in a large catalog, the d files a term shard names for a
// common term (h) are those of the records a search of the term alone
// shows first, so that the engine's guess saves the wave of records. A
// term the thesaurus knows is searched with its alternatives, and is not
// compared.
func TestHints(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"content": os.DirFS("../../content"), "synth-2000": synth.Catalog(2000, 1)} {
		t.Run(name, func(t *testing.T) {
			defer func(d int) { docsOneFile = d }(docsOneFile)
			docsOneFile = 0 // records in files of docBlock, as in a large catalog
			ix, files := exported(t, loadCatalog(t, fsys))
			hints := map[string][]int{}
			for path, b := range files {
				if !strings.Contains(path, "/t/") {
					continue
				}
				var sh struct{ H map[string][]int }
				body := b[bytes.IndexByte(b, ',')+1 : bytes.LastIndex(b, []byte(");"))]
				if err := json.Unmarshal(body, &sh); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				for term, h := range sh.H {
					hints[term] = h
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
					if f := docnum[hit.ID] / docBlock; !slices.Contains(want, f) {
						want = append(want, f)
					}
				}
				slices.Sort(want)
				got := slices.Sorted(slices.Values(h))
				compared++
				if slices.Equal(got, want) {
					same++
				} else if testing.Verbose() {
					t.Logf("%s: hint %v, first page in %v", term, got, want)
				}
			}
			t.Logf("%d of %d common terms name the files of their first page", same, compared)
			if compared < 20 || same < compared {
				t.Errorf("%d of %d common terms name the files of their first page; want at least 20 terms, all of them", same, compared)
			}
		})
	}
}
