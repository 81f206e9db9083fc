package ledger

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	pinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/width"

	"jianzheng/generator/catalog"
)

// IDFor is the id of the seq-th record of kind, "cancelled-049": what an
// import falls back to for a name with no letters, digits or Chinese
// characters to read. It matches the content format's id pattern for any
// seq ≥ 0.
func IDFor(kind catalog.Kind, seq int) string {
	return fmt.Sprintf("%s-%03d", kind, seq)
}

// ids gives the rows of one sheet that have no 编号 their id. A row names
// a record the catalog already has, in the same list, when its name is
// that record's name or alias, or one of its aliases is that record's
// name (spaces and widths aside): it takes that
// record's id, and the import updates the record. Any other row gets a
// new id made from the pinyin of its name (see NameID), made unique.
//
// Given the same sheet and catalog the ids are the same, so an import is
// repeatable; each row costs a few map lookups, so a sheet of any size
// takes time in proportion to its rows.
type ids struct {
	kind   catalog.Kind
	used   map[string]bool            // every id of the catalog and the sheet
	byName map[string]*catalog.Record // the kind's records by folded name and alias
	byOwn  map[string]*catalog.Record // the kind's records by folded name only
	next   map[string]int             // base id → the next number to try after it
	given  map[string]*catalog.Record // the records already matched, by id
}

func newIDs(c *catalog.Catalog, kind catalog.Kind, taken map[string]bool) *ids {
	x := &ids{kind: kind, used: map[string]bool{}, byName: map[string]*catalog.Record{}, byOwn: map[string]*catalog.Record{},
		next: map[string]int{}, given: map[string]*catalog.Record{}}
	for id := range taken {
		x.used[id] = true
	}
	for _, r := range c.Records {
		x.used[r.ID] = true
		if r.Kind != kind {
			continue
		}
		if taken[r.ID] {
			x.given[r.ID] = r // a row names it by its 编号
		}
		if k := foldName(r.Name); x.byOwn[k] == nil {
			x.byOwn[k] = r
		}
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			if k := foldName(n); k != "" && x.byName[k] == nil {
				x.byName[k] = r
			}
		}
	}
	return x
}

// forRecord returns the id of rec, a row without 编号.
func (x *ids) forRecord(rec *catalog.Record) string {
	// The row's name is a record's name or alias, or one of the row's
	// aliases is a record's name. Two aliases alike do not make one item:
	// 残疾情况证明 may be another name of several proofs.
	match := x.byName[foldName(rec.Name)]
	for _, a := range rec.Aliases {
		if match == nil {
			match = x.byOwn[foldName(a)]
		}
	}
	if match != nil && x.given[match.ID] == nil {
		x.given[match.ID] = rec
		return match.ID
	}
	return x.fresh(rec.Name)
}

// fresh returns NameID(name), or the first of NameID(name)-2, -3, … that
// no record has; a name with nothing to read gets IDFor(kind, n).
func (x *ids) fresh(name string) string {
	base := NameID(name)
	if base == "" {
		base = string(x.kind)
	}
	if !x.used[base] && base != string(x.kind) {
		x.used[base] = true
		return base
	}
	n := max(x.next[base], 2)
	for ; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if base == string(x.kind) {
			id = IDFor(x.kind, n-1)
		}
		if !x.used[id] {
			x.used[id] = true
			x.next[base] = n + 1
			return id
		}
	}
}

// FreshID is the id a new record of kind called name gets in a catalog
// whose ids are used: NameID(name), made unique. `new` uses it.
func FreshID(used map[string]bool, kind catalog.Kind, name string) string {
	x := &ids{kind: kind, used: used, next: map[string]int{}}
	return x.fresh(name)
}

// foldName compares names as a clerk would: widths folded, spaces and
// punctuation other than brackets ignored.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, width.Fold.String(strings.TrimSpace(s)))
}

// maxIDWords bounds the words of an id made from a long name: the first
// few say what it is about, the last what it is (证明, 培训, 年检).
const maxIDWords = 5

// NameID makes an id from a name, as the sample's ids are made: the
// pinyin of the name's words, joined by "-", without tones:
// 居民养犬证明 → jumin-yangquan-zhengming. A bracketed note in the name
// (证明（投靠亲属落户）) is left out. Words are two characters, counted
// from the end, so that a three-character word at the start stays whole
// (保安员培训 → baoanyuan-peixun); Latin letters and digits are words of
// their own, lowercased. A name of more than five words keeps the first
// four and the last. NameID returns "" for a name with nothing to read.
func NameID(name string) string {
	if i := strings.IndexAny(name, "（(［[【"); i > 0 {
		name = name[:i]
	}
	var words []string
	var han []rune
	flush := func() {
		for len(han) > 0 {
			n := 2
			if len(han)%2 == 1 {
				n = min(3, len(han))
			}
			var w strings.Builder
			for _, r := range han[:n] {
				w.WriteString(syllableOf(r))
			}
			if w.Len() > 0 {
				words = append(words, w.String())
			}
			han = han[n:]
		}
	}
	var latin strings.Builder
	flushLatin := func() {
		if latin.Len() > 0 {
			words = append(words, latin.String())
			latin.Reset()
		}
	}
	for _, r := range width.Fold.String(name) {
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin()
			han = append(han, r)
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
			latin.WriteRune(unicode.ToLower(r))
		default:
			flush()
			flushLatin()
		}
	}
	flush()
	flushLatin()
	if len(words) > maxIDWords {
		words = append(words[:maxIDWords-1], words[len(words)-1])
	}
	id := strings.Join(words, "-")
	for len(id) > 64-4 && len(words) > 1 { // room for a "-2" … "-999"
		words = append(words[:len(words)-2], words[len(words)-1])
		id = strings.Join(words, "-")
	}
	if len(id) > 60 {
		id = strings.Trim(id[:60], "-")
	}
	return id
}

var pinyinArgs = pinyin.NewArgs() // Style Normal: no tones, ü as v

// syllableOf is a character's first reading, "" for one go-pinyin does not know.
func syllableOf(r rune) string {
	if ps := pinyin.SinglePinyin(r, pinyinArgs); len(ps) > 0 {
		return ps[0]
	}
	return ""
}
