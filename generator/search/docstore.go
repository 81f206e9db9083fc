package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"jianzheng/generator/catalog"
)

// statuses are the status filter's values, in the order of the export.
var statuses = []string{"cancelled", "retained", "removed"}

// docOrder numbers the records for the export: by kind, department,
// status, then id. Records that share a kind, department and status are
// then one run of numbers, so the filters' facets cost a few bytes
// (manifest "runs") instead of a value per record, and records on one
// subject sit near each other in the postings blocks.
func docOrder(recs []*catalog.Record) []*catalog.Record {
	out := append([]*catalog.Record(nil), recs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ka, kb := kindIndex(a.Kind), kindIndex(b.Kind); ka != kb {
			return ka < kb
		}
		if a.Department != b.Department {
			return a.Department < b.Department
		}
		if sa, sb := statusIndex(a.Status()), statusIndex(b.Status()); sa != sb {
			return sa < sb
		}
		return a.ID < b.ID
	})
	return out
}

func kindIndex(k catalog.Kind) int {
	for i, x := range catalog.Kinds {
		if x == k {
			return i
		}
	}
	return len(catalog.Kinds)
}

func statusIndex(s string) int {
	for i, x := range statuses {
		if x == s {
			return i
		}
	}
	return len(statuses)
}

// runs are [kind, department, status, count] in document order; the
// numbers index manifest kinds, depts and statuses.
func runs(ordered []*catalog.Record, deptIndex map[string]int) [][4]int {
	var out [][4]int
	for _, r := range ordered {
		k := [4]int{kindIndex(r.Kind), deptIndex[r.Department], statusIndex(r.Status()), 1}
		if n := len(out); n > 0 && out[n-1][0] == k[0] && out[n-1][1] == k[1] && out[n-1][2] == k[2] {
			out[n-1][3]++
			continue
		}
		out = append(out, k)
	}
	return out
}

// Lengths, in characters, of the texts of the document store.
const (
	nowMax     = 60
	excerptMax = 48
)

// storedDoc is a record as the results list shows it: id, name, the
// "what to do now" line and an excerpt. The now
// line is the one lists show, as it reads after the results' label
// (strings.toml search.now): catalog.NowLine.
func storedDoc(r *catalog.Record) [4]string {
	return [4]string{r.ID, r.Name, clip(r.NowLabelled(), nowMax), clip(excerpt(r), excerptMax)}
}

// excerpt is the source of the result's highlighted excerpt: the other
// names, then the services, which say why a record matched a word that
// is not in its name. Not the notes: the record's page has them, and in
// every record's excerpt they cost 1.2 KB of the sample's first search
// (issue 3's budget counts the page; TestFirstSearchWeight) and a
// line of each result on a phone.
func excerpt(r *catalog.Record) string {
	return joinNonEmpty("；", strings.Join(r.Aliases, "、"), strings.Join(r.UsedFor, "、"))
}

func joinNonEmpty(sep string, vs ...string) string {
	var keep []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			keep = append(keep, v)
		}
	}
	return strings.Join(keep, sep)
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}
