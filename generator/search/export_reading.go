package search

import (
	"strconv"
	"strings"
)

// readingBuckets is the number of r/ shards of the reading table.
var readingBuckets = 64

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

// readingShards are the r/ files, which search.js loads only to read a
// query's Han characters as pinyin (homophones): for each character of GB
// 2312 with a reading, by code point modulo readingBuckets, the character
// and its first reading, all in one string (记ji纪ji…).
func readingShards() map[string]string {
	b := make([]strings.Builder, readingBuckets)
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		if py := reading(r); py != "" {
			sb := &b[int(r)&(readingBuckets-1)]
			sb.WriteRune(r)
			sb.WriteString(py)
		}
	}
	out := map[string]string{}
	for i := range b {
		out["r/"+strconv.FormatInt(int64(i), 16)] = b[i].String()
	}
	return out
}
