package search

import (
	"sort"
	"testing"
	"unicode/utf8"
)

// FuzzQuery: no query makes the parser or the Go search fail or panic;
// a query yields at most maxClauses clauses; hits come in rank order.
// (The JavaScript side of the same inputs: TestEngineNeverThrows.)
// Longer runs: go test ./generator/search -fuzz FuzzQuery -fuzztime 10m
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{"户口本", `"居民 户口簿" -死亡`, "鲁政办字〔2018〕46号", "-", `"`, "２０１８ ＩＣＰ", "户", "a b c d e f g h i j k l m n o p q r s"} {
		f.Add(seed)
	}
	ix := fixtureIndex(f)
	number := map[string]int{} // export order, which orders ties
	for i, r := range ix.ordered {
		number[r.ID] = i
	}
	f.Fuzz(func(t *testing.T, q string) {
		if n := len(parseQuery(q)); n > maxClauses {
			t.Fatalf("parseQuery(%q): %d clauses", q, n)
		}
		if !utf8.ValidString(q) {
			return // a browser's query is always valid text
		}
		res, err := ix.Search(q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if !sort.SliceIsSorted(res.Hits, func(i, j int) bool {
			a, b := res.Hits[i], res.Hits[j]
			return a.Score > b.Score || a.Score == b.Score && number[a.ID] < number[b.ID]
		}) {
			t.Errorf("Search(%q): hits out of order: %+v", q, res.Hits)
		}
		if res.Total < len(res.Hits) {
			t.Errorf("Search(%q): total %d < %d hits", q, res.Total, len(res.Hits))
		}
	})
}
