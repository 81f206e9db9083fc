package search

import (
	"strconv"

	"jianzheng/generator/cores"
)

// In a large catalog the records are in files of docBlock, asked for
// once a query is scored: the ten hits of a first page are some ten
// files, a wave of round trips after the lists. A word of a thesaurus
// entry (a synonym, a department's name or alias, a built-in word or
// situation) is what residents type most, and its first page is known
// when the index is built: the entry's file (g/, e/) carries the records
// of the first page of each of its words, searched as typed (the query
// as Index.Search runs it first; a word no record holds brings none, and
// its entry's other words bring theirs), so that a query that calls the entry up finds them with
// the file that scores it. The engine still ranks every query itself;
// these records only spare it the files that hold them (store.js record).

// shownHits is how many of a word's first hits its entry's file
// carries: twice the page the search page shows (ui.js PAGE, 5), since
// the query a resident types ranks a word's records only nearly as the
// word alone does.
const shownHits = 10

// addShown puts into each entry file the records of the first page of
// each of its words (words[i] are those of files[i]); docs are the
// records as the d files hold them, by number. Each word is searched
// once, on every core.
func (ix *Index) addShown(files []*termShard, words [][]string, docs [][4]string, docnum map[string]int) error {
	var texts []string
	seen := map[string]int{}
	for _, ws := range words {
		for _, w := range ws {
			if _, ok := seen[w]; !ok {
				seen[w] = len(texts)
				texts = append(texts, w)
			}
		}
	}
	pages := make([][]int, len(texts))
	err := cores.Each(len(texts), func(i int) error {
		p := ix.plan(texts[i])
		if len(p.must) == 0 {
			return nil
		}
		sr, err := ix.run(mainQuery(p), shownHits)
		if err != nil {
			return err
		}
		for _, h := range sr.Hits {
			if n, ok := docnum[h.ID]; ok {
				pages[i] = append(pages[i], n)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, ws := range words {
		for _, w := range ws {
			for _, n := range pages[seen[w]] {
				if files[i].Shown == nil {
					files[i].Shown = map[string][4]string{}
				}
				files[i].Shown[strconv.Itoa(n)] = docs[n]
			}
		}
	}
	return nil
}
