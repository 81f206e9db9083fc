package search

import (
	"cmp"
	"math"
	"slices"
)

// In a large catalog a common term's list (证明, in nearly every record)
// is cut into blocks, and a phrase that holds it (火化证明) used to read
// every block that could hold one of its candidates: at 10,000 records,
// eight files for one word, and as many more to learn that no record
// holds it. But a phrase only needs a term in the records where it
// stands next to its neighbour in the phrase: 证明 where 化证 precedes
// it. So for every two terms A B that stand one right after the other
// in a field of bigrams or in p1 (B at A's position + 1), one of which
// has a list cut into blocks there, the export holds the pair's lists:
// A's and B's postings in the records that hold the pair. The engine
// reads a cut-up term of a phrase from the pair it makes with a
// neighbour, one small file (x/) instead of its blocks, and learns that
// no record holds the phrase from the same file.

// pairField reports whether the pairs of field fi (exportFields) are
// exported: the fields of bigrams and p1, those phrases are matched in.
func pairField(fi int) bool { return fi < phraseFields || exportFields[fi].Pinyin }

// pairShardTarget is about the characters of lists per x/ file.
var pairShardTarget = 6000

// occurrence is a term (its index in a field's terms) at a position of
// one record's field.
type occurrence struct{ pos, term int }

// pairLists are the pairs' lists (stats.pairs): for "A B", per field,
// A's postings then B's, each a postings string (encodePostings) of the
// records that hold B right after A; none if no record does.
func pairLists(docs int, read [][]termPostings, cut map[string]*[numExported][]encodedBlock) map[string]*[numExported][2]string {
	out := map[string]*[numExported][2]string{}
	for fi, terms := range read {
		if !pairField(fi) {
			continue
		}
		isCut := make([]bool, len(terms))
		anyCut := false
		for ti, tp := range terms {
			if c := cut[tp.term]; c != nil && c[fi] != nil {
				isCut[ti], anyCut = true, true
			}
		}
		if !anyCut {
			continue
		}
		byDoc := make([][]occurrence, docs)
		for ti, tp := range terms {
			for _, p := range tp.raw {
				for _, x := range p.pos {
					byDoc[p.doc] = append(byDoc[p.doc], occurrence{x, ti})
				}
			}
		}
		held := map[[2]int][]int{} // pair → the records that hold it, ascending
		for doc, occs := range byDoc {
			slices.SortFunc(occs, func(a, b occurrence) int { return cmp.Or(a.pos-b.pos, a.term-b.term) })
			for i, a := range occs {
				for _, b := range occs[i+1:] {
					if b.pos > a.pos+1 {
						break
					}
					key := [2]int{a.term, b.term}
					if b.pos == a.pos+1 && (isCut[a.term] || isCut[b.term]) {
						if ds := held[key]; len(ds) == 0 || ds[len(ds)-1] != doc {
							held[key] = append(ds, doc)
						}
					}
				}
			}
		}
		for key, ds := range held {
			name := terms[key[0]].term + " " + terms[key[1]].term
			if out[name] == nil {
				out[name] = &[numExported][2]string{}
			}
			out[name][fi] = [2]string{postingsOf(terms[key[0]].raw, ds), postingsOf(terms[key[1]].raw, ds)}
		}
	}
	return out
}

// postingsOf is the postings string of the postings of list (by record)
// of the records ds (ascending, each in list).
func postingsOf(list []posting, ds []int) string {
	var ps []posting
	for _, d := range ds {
		i, _ := slices.BinarySearchFunc(list, d, func(p posting, d int) int { return p.doc - d })
		ps = append(ps, list[i])
	}
	return encodePostings(ps, math.MaxInt)[0].s
}

// pairShards are the x/ files: each pair in the file its name's hash
// picks, x/<hex(termHash("A B") & (buckets-1))>, as {"A B": [list per
// field, 0 where none; trailing zeros left out]}; buckets, a power of
// two, is such that a file holds about pairShardTarget characters. (A
// stock phrase of every record, 关于进一步, makes a long pair that
// weighs on its file; the engine reads a term from its rarer
// neighbour's pair, so a query seldom needs one.)
func pairShards(pairs map[string]*[numExported][2]string) (buckets int, shards []map[string][]any) {
	size := 0
	for name, ls := range pairs {
		size += len(name) + 8
		for _, s := range ls {
			size += len(s[0]) + len(s[1]) + 6
		}
	}
	for buckets = 1; size/buckets > pairShardTarget; buckets *= 2 {
	}
	shards = make([]map[string][]any, buckets)
	for i := range shards {
		shards[i] = map[string][]any{}
	}
	for name, ls := range pairs {
		var entry []any
		for _, s := range ls {
			if s[0] == "" {
				entry = append(entry, 0)
			} else {
				entry = append(entry, s)
			}
		}
		for len(entry) > 0 && entry[len(entry)-1] == 0 {
			entry = entry[:len(entry)-1]
		}
		shards[termHash(name)&uint32(buckets-1)][name] = entry
	}
	return buckets, shards
}
