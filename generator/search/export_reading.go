package search

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"jianzheng/generator/catalog"
)

// spokenFile is search/index/s.js, which search.js loads only to read a
// query typed in Latin letters as pinyin: the syllables segment knows, and
// the thesaurus's terms in Han characters with each character's readings.
type spokenFile struct {
	Syllables string  `json:"s"` // space-separated, sorted
	Terms     [][]any `json:"k"` // [text, [[reading…] per character]], in thesaurus order
}

func (ix *Index) spokenFile() *spokenFile {
	syllables()
	f := &spokenFile{Syllables: strings.Join(syllableList, " "), Terms: [][]any{}}
	for _, st := range ix.thes.spoken {
		f.Terms = append(f.Terms, []any{st.text, st.chars})
	}
	return f
}

// readingTable is the first reading of each character a query read as
// homophones may use: those of GB 2312's first level (the 3,755 in common
// use, where a slip of the input method lands) and every character of
// the records' names (p1's text, what such a reading can match). Search
// in Go and search.js (r.js, readingFile) read with the same table.
func readingTable(c *catalog.Catalog) map[rune]string {
	out := maps.Clone(commonReadings())
	for _, rec := range c.Records {
		for _, v := range tierValues(c, rec)[0] {
			for _, r := range v {
				if _, ok := out[r]; !ok {
					if py := reading(r); py != "" {
						out[r] = py
					}
				}
			}
		}
	}
	return out
}

// commonReadings are the readings of GB 2312's first level, made once
// (some 20,000 encodings to find them), for every build and preview.
var commonReadings = sync.OnceValue(func() map[rune]string {
	out := map[rune]string{}
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		if py := reading(r); py != "" && commonChar(r) {
			out[r] = py
		}
	}
	return out
})

// readingFile is r.js, which search.js loads only to read a query's Han
// characters as homophones: the table as one string grouped by reading,
// each reading then its characters (an阿安…ba八巴…), about 10 KB gzipped
// for a county's catalog, in one request.
func readingFile(table map[rune]string) string {
	by := map[string][]rune{}
	for r, py := range table {
		by[py] = append(by[py], r)
	}
	var b strings.Builder
	for _, py := range slices.Sorted(maps.Keys(by)) {
		rs := by[py]
		slices.Sort(rs)
		b.WriteString(py)
		b.WriteString(string(rs))
	}
	return b.String()
}
