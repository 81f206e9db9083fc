package search

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// TestWholeWordList: an entry's file holds the lists of a word of one
// term (丢失) whole when they are short, the same records, lengths,
// frequencies and positions as the blocks its term shard names, so that
// a query of the word asks for no block, a wave after the file.
func TestWholeWordList(t *testing.T) {
	defer func(i, b, y int) { inlineMax, blockSize, latinOneFile = i, b, y }(inlineMax, blockSize, latinOneFile)
	inlineMax, blockSize, latinOneFile = 12, 10, 0 // every list of more than a record or two cut
	c := loadCatalog(t, synth.Catalog(300, 1))
	ix, files := exported(t, c)
	dir := IndexDir + indexFolder(t, files) + "/"
	read := func(path string, v any) { readRegistered(t, files, path, v) }
	// postings lists each posting of s as record (counted from 0), then
	// the rest of its numbers (length, frequency, positions)
	postings := func(s string) [][]int {
		nums, err := postingNumbers(s)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]int
		doc := 0
		for j := 0; j+2 < len(nums); {
			doc += nums[j]
			end := j + 3 + nums[j+2]
			out = append(out, append([]int{doc}, nums[j+1:end]...))
			j = end
		}
		return out
	}
	var m struct{ Tb, Pb int }
	read(IndexDir+"manifest.js", &m)
	texts := append(groupTexts(c), builtinTexts(ix.builtin)...)
	// the words a query of which calls its entry up as typed: the
	// editor's (a built-in entry is called up by a question read as
	// needs, whose other pieces may ask for blocks of their own)
	calls := groupTexts(c)
	var words []string
	for i, ws := range texts {
		file := dir + "g/" + strconv.Itoa(i) + ".js"
		if i >= len(c.Synonyms)+len(c.Departments) {
			file = dir + "e/" + strconv.Itoa(i-len(c.Synonyms)-len(c.Departments)) + ".js"
		}
		var entry struct{ T map[string][]json.RawMessage }
		read(file, &entry)
		for _, w := range ws {
			terms := newAlt(w, 1).terms
			if len(terms) != 1 || terms[0] == "" {
				continue
			}
			term := terms[0]
			var shard struct{ T map[string][]json.RawMessage }
			read(dir+"t/"+strconv.FormatUint(uint64(termHash(term)&uint32(m.Tb-1)), 16)+".js", &shard)
			size, whole := 0, 0
			for fi := range min(phraseFields, len(shard.T[term])) {
				var ref []int
				if json.Unmarshal(shard.T[term][fi], &ref) != nil {
					continue // not cut into blocks
				}
				var want [][]int
				for k := 2; k < len(ref); k += 2 {
					var pack []string
					read(dir+"p/"+strconv.Itoa(ref[k]/m.Pb)+".js", &pack)
					want = append(want, postings(pack[ref[k]%m.Pb])...)
					size += len(pack[ref[k]%m.Pb])
				}
				var s string
				if json.Unmarshal(entry.T[term][fi], &s) != nil {
					continue
				}
				whole++
				if got := postings(s); len(got) != ref[0] || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s in %s: whole list %v, blocks %v (df %d)", term, file, got, want, ref[0])
				}
			}
			if whole == 0 && size > 0 && size < wholeWord/2 {
				t.Errorf("%s in %s: its lists (%d characters) are not whole", term, file, size)
			}
			if whole > 0 && i < len(calls) && slices.Contains(calls[i], w) && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	if len(words) < 10 {
		t.Fatalf("%d words of the editor's entries of one term had lists cut into blocks; want at least 10", len(words))
	}
	// the words as queries: no block
	var loads []struct{ Files []string }
	runNode(t, writeSite(t, files), map[string]any{"mode": "loads", "n": pageHits, "queries": words}, &loads)
	for i, l := range loads {
		if slices.ContainsFunc(l.Files, func(f string) bool { return strings.HasPrefix(f, dir+"p/") }) {
			t.Errorf("%s asks for blocks: %v", words[i], l.Files)
		}
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
