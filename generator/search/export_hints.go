package search

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// In a large catalog the records are in files of docBlock, asked for once
// a query is scored: a wave of round trips after the blocks of its lists,
// and a request per file (the ten records of a first page lie in as many
// files). A term whose list is cut into blocks is common, and what a
// search of it shows first is nearly what a phrase of it shows first: the
// records that hold it in their name, the shortest first. So the export
// writes, for each such term, the records of the first page of a search
// of the term alone in one h file, named in its term shard (h), and the
// engine asks for that of the rarest term of a query's phrase with the
// blocks (score.js hinted). It is a guess: the engine still ranks every
// query itself and loads the d files of the hits the guess missed; a
// right guess saves a wave and ten requests, a wrong one costs the bytes
// of one file.

type pageHit struct {
	doc   int
	score float64
}

func byScore(a, b pageHit) int {
	return cmp.Or(cmp.Compare(b.score, a.score), a.doc-b.doc)
}

// hintPages returns, for each term of two characters or more with a list
// cut into blocks in a field of bigrams, the records of the first page of
// a search of the term alone, in rank order, ranked as the engine ranks
// it: each posting in those fields scores √tf × float32(1/√length) ×
// boost × idf² (queryNorm is the same for every record), summed by record
// in the engine's order of the fields and multiplied by the share of them
// that hold it (the disjunction's coord). The lists are read back from
// their encoding (packs: the p files).
func hintPages(st *stats, packs [][]string) (map[string][]int, error) {
	out := map[string][]int{}
	// by record, reset after each term: at 100,000 records a map and a
	// sort of every common term's records took seconds
	sum, held := make([]float64, st.docs), make([]int, st.docs)
	var touched []int
	for term, es := range st.terms {
		cut := false
		for fi := range phraseFields {
			_, ok := es[fi].(*blockRef)
			cut = cut || ok
		}
		if !cut || utf8.RuneCountInString(term) < 2 {
			continue // a lone character is searched in the unigram fields
		}
		order := []int{0, 1, 2}
		slices.SortStableFunc(order, func(a, b int) int { return st.dfs[term][a] - st.dfs[term][b] })
		for _, fi := range order {
			f := idf(st.docs, st.dfs[term][fi])
			w := exportFields[fi].Boost * f * f
			var blocks []string
			switch e := es[fi].(type) {
			case string:
				blocks = []string{e}
			case *blockRef:
				for _, n := range e.blocks {
					blocks = append(blocks, packs[n/packRef][n%packRef])
				}
			}
			for _, b := range blocks {
				err := eachPosting(b, func(doc, length, freq int) {
					if held[doc] == 0 {
						touched = append(touched, doc)
					}
					sum[doc] += math.Sqrt(float64(freq)) * float64(float32(1/math.Sqrt(float64(length)))) * w
					held[doc]++
				})
				if err != nil {
					return nil, fmt.Errorf("search: hints of %q: %w", term, err)
				}
			}
		}
		var page []pageHit
		for _, doc := range touched {
			page = addHit(page, pageHit{doc, sum[doc] * float64(held[doc]) / phraseFields})
			sum[doc], held[doc] = 0, 0
		}
		touched = touched[:0]
		docs := make([]int, len(page))
		for i, p := range page {
			docs[i] = p.doc
		}
		out[term] = docs
	}
	return out, nil
}

// addHit adds h to page, the best shownHits hits so far in rank order,
// if it ranks among them.
func addHit(page []pageHit, h pageHit) []pageHit {
	i, _ := slices.BinarySearchFunc(page, h, byScore)
	if i >= shownHits {
		return page
	}
	page = slices.Insert(page, i, h)
	return page[:min(len(page), shownHits)]
}

// digitValue maps a character of a postings string to its five bits, and
// to 32 more for a number's last digit (putNum); -1 for any other.
var digitValue = func() (v [256]int) {
	for i := range v {
		v[i] = -1
	}
	for i := range 32 {
		v[moreDigits[i]], v[lastDigits[i]] = i, 32+i
	}
	return v
}()

// eachNumber calls f with each number of a string of numbers (putNum).
func eachNumber(s string, f func(n int)) error {
	acc := 0
	for i := 0; i < len(s); i++ {
		d := digitValue[s[i]]
		if d < 0 {
			return fmt.Errorf("bad digit %q at %d", s[i], i)
		}
		if d < 32 {
			acc = acc*32 + d
			continue
		}
		f(acc*32 + d - 32)
		acc = 0
	}
	if acc != 0 {
		return fmt.Errorf("unfinished number at the end")
	}
	return nil
}

// postingNumbers lists the numbers of a postings string.
func postingNumbers(s string) ([]int, error) {
	var nums []int
	err := eachNumber(s, func(n int) { nums = append(nums, n) })
	return nums, err
}

// eachPosting calls f with each record of a postings string of a field of
// bigrams (encodePostings): record, field length and frequency.
func eachPosting(s string, f func(doc, length, freq int)) error {
	var nums [3]int
	doc, k, skip := 0, 0, 0
	err := eachNumber(s, func(n int) {
		if skip > 0 { // a position
			skip--
			return
		}
		nums[k] = n
		if k++; k == 3 {
			doc += nums[0]
			f(doc, nums[1], nums[2])
			k, skip = 0, nums[2]
		}
	})
	if err == nil && (k != 0 || skip != 0) {
		err = fmt.Errorf("unfinished posting at the end")
	}
	return err
}

// hintFiles numbers the pages of hintPages, one h file for each distinct
// page (terms of the same records share it), in the order of the terms:
// what each term shard names (h), and each file's records by number, as
// an entry's file carries its words' (dr).
func hintFiles(pages map[string][]int, docs [][4]string) (map[string]int, []map[string][4]string) {
	fileOf, byPage := map[string]int{}, map[string]int{}
	var files []map[string][4]string
	for _, term := range slices.Sorted(maps.Keys(pages)) {
		key := fmt.Sprint(pages[term])
		n, ok := byPage[key]
		if !ok {
			n = len(files)
			byPage[key] = n
			shown := map[string][4]string{}
			for _, d := range pages[term] {
				shown[strconv.Itoa(d)] = docs[d]
			}
			files = append(files, shown)
		}
		fileOf[term] = n
	}
	return fileOf, files
}
