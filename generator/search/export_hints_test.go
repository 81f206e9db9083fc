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
			read := func(path string, v any) { readRegistered(t, files, path, v) }
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

// TestWholeDepartmentList: a department's entry file holds the lists of
// its id whole, one postings string per field, holding exactly the
// records, lengths and frequencies of the blocks its term shard names.
func TestWholeDepartmentList(t *testing.T) {
	defer func(i, b, y int) { inlineMax, blockSize, latinOneFile = i, b, y }(inlineMax, blockSize, latinOneFile)
	inlineMax, blockSize = 12, 10 // every department's list cut into blocks
	latinOneFile = 0              // the ids in the term shards, not y.js
	c := loadCatalog(t, synth.Catalog(300, 1))
	_, files := exported(t, c)
	dir := IndexDir + indexFolder(t, files) + "/"
	read := func(path string, v any) { readRegistered(t, files, path, v) }
	// records lists record, length, frequency of each posting of s, a
	// list of the department field (no positions)
	records := func(s string) []int {
		nums, err := postingNumbers(s)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		doc := 0
		for j := 0; j+2 < len(nums); j += 3 {
			doc += nums[j]
			out = append(out, doc, nums[j+1], nums[j+2])
		}
		return out
	}
	var m struct{ Tb, Pb int }
	read(IndexDir+"manifest.js", &m)
	dept := len(exportFields) - 1
	checked := 0
	for i, d := range c.Departments {
		var g, shard struct{ T map[string][]json.RawMessage }
		read(dir+"g/"+strconv.Itoa(len(c.Synonyms)+i)+".js", &g)
		read(dir+"t/"+strconv.FormatUint(uint64(termHash(d.ID)&uint32(m.Tb-1)), 16)+".js", &shard)
		if len(g.T[d.ID]) <= dept {
			continue // no record of the department
		}
		var whole string
		var ref []int
		if err := json.Unmarshal(g.T[d.ID][dept], &whole); err != nil {
			t.Fatalf("%s: its entry file's list is not one string: %s", d.ID, g.T[d.ID][dept])
		}
		if err := json.Unmarshal(shard.T[d.ID][dept], &ref); err != nil {
			continue // a list short enough for its shard
		}
		var want []int
		for k := 2; k < len(ref); k += 2 {
			var pack []string
			read(dir+"p/"+strconv.Itoa(ref[k]/m.Pb)+".js", &pack)
			want = append(want, records(pack[ref[k]%m.Pb])...)
		}
		if got := records(whole); !slices.Equal(got, want) || len(got) != 3*ref[0] {
			t.Errorf("%s: whole list %v, blocks %v (df %d)", d.ID, got, want, ref[0])
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("%d departments had lists cut into blocks; want at least 10", checked)
	}
}

// readRegistered decodes into v the data that the export's file path
// registers (manifest.js begins with boot.js's code).
func readRegistered(t *testing.T, files map[string][]byte, path string, v any) {
	t.Helper()
	b, ok := files[path]
	if !ok {
		t.Fatalf("%s is not in the export", path)
	}
	call := b[bytes.LastIndex(b, []byte("window.JZSearch.register(")):]
	if err := json.Unmarshal(call[bytes.IndexByte(call, ',')+1:bytes.LastIndex(call, []byte(");"))], v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
