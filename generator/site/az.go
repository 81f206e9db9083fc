package site

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"jianzheng/generator/catalog"
)

// The A–Z page lists every record by the pinyin of its name, the order of
// a paper index and of the phone book, so that anyone can find an item
// without search and without JavaScript.

// Letter is one letter of the A–Z page and the records under it.
type Letter struct {
	Letter  string // "A"…"Z", or "#" for names that start with neither
	Records []*catalog.Record
}

var readingArgs = pinyin.NewArgs() // first reading, no tones

// firstReadings caches firstReading: go-pinyin runs regular expressions on
// every call, and every record's name is read for the A–Z page.
var firstReadings sync.Map // rune → string

// firstReading is r's first reading without tones, or "" if it has none.
func firstReading(r rune) string {
	if v, ok := firstReadings.Load(r); ok {
		return v.(string)
	}
	py := ""
	if ps := pinyin.SinglePinyin(r, readingArgs); len(ps) > 0 {
		py = ps[0]
	}
	firstReadings.Store(r, py)
	return py
}

// sortKey is a name as pinyin syllables (first reading of each character),
// other letters and digits lower-cased as they are.
func sortKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			if py := firstReading(r); py != "" {
				b.WriteString(py)
				b.WriteByte(' ')
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// azLetters groups records by the first letter of their sort key.
func azLetters(records []*catalog.Record) []*Letter {
	type keyed struct {
		key string
		r   *catalog.Record
	}
	all := make([]keyed, 0, len(records))
	for _, r := range records {
		all = append(all, keyed{sortKey(r.Name), r})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].key != all[j].key {
			return all[i].key < all[j].key
		}
		return all[i].r.ID < all[j].r.ID
	})
	var out []*Letter
	for _, k := range all {
		letter := "#"
		if k.key != "" && k.key[0] >= 'a' && k.key[0] <= 'z' {
			letter = strings.ToUpper(k.key[:1])
		}
		if len(out) == 0 || out[len(out)-1].Letter != letter {
			out = append(out, &Letter{Letter: letter})
		}
		out[len(out)-1].Records = append(out[len(out)-1].Records, k.r)
	}
	return out
}
