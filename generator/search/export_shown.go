package search

import "strconv"

// In a large catalog the records are in files of docBlock, asked for
// once a query is scored: the ten hits of a first page are some ten
// files, a wave of round trips after the lists. A word of the editor's
// thesaurus (a synonym, a department's name or alias) is what residents
// type most, and its first page is known when the index is built: the
// entry's file (g/) carries the records of the first page of each of its
// words, searched as a query of its own (Index.Search), so that such a
// query finds them with the file that scores it. The engine still ranks
// every query itself; these records only spare it the files that hold
// them (store.js record).

// shownHits is the first page of results the search page shows (ui.js
// PAGE).
const shownHits = 10

// addShown puts into each editor's entry file (groupFiles' order) the
// records of the first page of each of its words; docs are the records
// as the d files hold them, by number.
func (ix *Index) addShown(files []*termShard, docs [][4]string, docnum map[string]int) error {
	for i, texts := range groupTexts(ix.cat) {
		for _, t := range texts {
			res, err := ix.Search(t, shownHits)
			if err != nil {
				return err
			}
			for _, h := range res.Hits {
				n, ok := docnum[h.ID]
				if !ok {
					continue
				}
				if files[i].Shown == nil {
					files[i].Shown = map[string][4]string{}
				}
				files[i].Shown[strconv.Itoa(n)] = docs[n]
			}
		}
	}
	return nil
}
