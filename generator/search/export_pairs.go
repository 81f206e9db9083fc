package search

import (
	"cmp"
	"slices"
	"strings"
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
type occurrence struct{ pos, term int32 }

// inlineList reports whether a list encoded as enc is held whole in its
// term's shard, not cut into blocks (readStats).
func inlineList(enc []encodedBlock, inline int) bool {
	return len(enc) == 1 && len(enc[0].s) <= inline
}

// fieldPairs are the pairs' lists of one field of docs records, whose
// terms (each with its postings, raw) readField read: for "A B", A's
// postings then B's, each a postings string (encodePostings) of the
// records that hold B right after A, for each pair one of whose terms
// has its list cut into blocks. Records are read in order and each
// pair's strings written as they come: at 100,000 records a list of
// record numbers per pair would take a GB.
func fieldPairs(docs int, terms []termPostings, inline int) map[string][2]string {
	isCut := make([]bool, len(terms))
	anyCut := false
	for ti, tp := range terms {
		isCut[ti] = !inlineList(tp.blocks, inline)
		anyCut = anyCut || isCut[ti]
	}
	if !anyCut {
		return nil
	}
	byDoc := make([][]occurrence, docs)
	length := make([]int, docs)
	for ti, tp := range terms {
		for _, p := range tp.raw {
			length[p.doc] = p.length
			for _, x := range p.pos {
				byDoc[p.doc] = append(byDoc[p.doc], occurrence{int32(x), int32(ti)})
			}
		}
	}
	type list struct {
		a, b strings.Builder
		prev int // the last record written, -1 before the first
	}
	lists := map[[2]int32]*list{}
	var byPos []occurrence
	for doc, occs := range byDoc {
		// by term, then position: each term's positions in this record
		// are occs[at[t][0]:][:at[t][1]]
		slices.SortFunc(occs, func(a, b occurrence) int { return cmp.Or(int(a.term-b.term), int(a.pos-b.pos)) })
		at := map[int32][2]int{}
		for i, o := range occs {
			r := at[o.term]
			if r[1] == 0 {
				r[0] = i
			}
			r[1]++
			at[o.term] = r
		}
		put := func(b *strings.Builder, prev int, t int32) {
			r := at[t]
			putNum(b, doc-prev)
			putNum(b, length[doc])
			putNum(b, r[1])
			last := 0
			for _, o := range occs[r[0]:][:r[1]] {
				putNum(b, int(o.pos)-last)
				last = int(o.pos)
			}
		}
		byPos = append(byPos[:0], occs...)
		slices.SortFunc(byPos, func(a, b occurrence) int { return cmp.Or(int(a.pos-b.pos), int(a.term-b.term)) })
		for i, a := range byPos {
			for _, b := range byPos[i+1:] {
				if b.pos > a.pos+1 {
					break
				}
				if b.pos < a.pos+1 || !isCut[a.term] && !isCut[b.term] {
					continue
				}
				l := lists[[2]int32{a.term, b.term}]
				if l == nil {
					l = &list{prev: -1}
					lists[[2]int32{a.term, b.term}] = l
				}
				if l.prev == doc {
					continue
				}
				prev := max(l.prev, 0)
				put(&l.a, prev, a.term)
				put(&l.b, prev, b.term)
				l.prev = doc
			}
		}
		byDoc[doc] = nil
	}
	out := make(map[string][2]string, len(lists))
	for key, l := range lists {
		out[terms[key[0]].term+" "+terms[key[1]].term] = [2]string{l.a.String(), l.b.String()}
	}
	return out
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
