package search

import (
	"strings"

	"jianzheng/generator/catalog"
)

// In a large catalog the terms of a common word (户口, 证明) have lists
// too long for their shards, cut into blocks, and a phrase of them (户口本)
// reads the blocks of its rarest term, then those of the others for its
// candidates: two waves of round trips before its matches are known. The
// words of the thesaurus are what residents type most, and their phrases
// are known when the index is built: an entry's file (g/, e/) carries,
// for each of its words whose phrase has a cut-up list in a field of
// bigrams, the phrase's matches in that field, with what scoring needs of
// each term (the field's length, the term's frequency). The engine then
// scores the phrase from its entry's file, as bleve would from the lists,
// and knows its matches with the file (a bound: their records are asked
// for at once).

// phraseFields are the fields of bigrams, the only ones a phrase is
// matched in (n1, n2, n3: the first exportFields).
const phraseFields = 3

// entryTexts are the words of every entry of the thesaurus, the
// editor's and the built-in ones: the phrases whose terms readStats
// keeps the postings of.
func entryTexts(c *catalog.Catalog, b builtinWords) []string {
	var out []string
	for _, texts := range append(groupTexts(c), builtinTexts(b)...) {
		out = append(out, texts...)
	}
	return out
}

// phraseTerms are the terms of the phrases among texts.
func phraseTerms(texts []string) map[string]bool {
	out := map[string]bool{}
	for _, t := range texts {
		if a := newAlt(t, 1); phrase(a) {
			for _, term := range a.terms {
				if term != "" {
					out[term] = true
				}
			}
		}
	}
	return out
}

// phrase reports whether a is matched as a phrase in the fields of
// bigrams: two or more slots.
func phrase(a alt) bool { return !a.unigram && len(a.terms) > 1 }

// phraseKey names a phrase in an entry's file: its terms, a space
// between each, an empty slot as nothing (store.js phraseKey).
func phraseKey(a alt) string { return strings.Join(a.terms, " ") }

// addPhrases puts into an entry's file the matches of each phrase of
// texts in each field of bigrams where one of its terms' lists is cut
// up: a postings string whose records each give the difference from
// the previous one, the field's length, then the frequency of each term
// in slot order.
func addPhrases(sh *termShard, st *stats, texts []string) {
	for _, t := range texts {
		a := newAlt(t, 1)
		if !phrase(a) {
			continue
		}
		var lists []any
		for f := 0; f < phraseFields; f++ {
			if !cutUp(st, a, f) {
				lists = append(lists, 0)
				continue
			}
			lists = append(lists, phraseMatches(st, a, f))
		}
		for len(lists) > 0 && lists[len(lists)-1] == 0 {
			lists = lists[:len(lists)-1]
		}
		if len(lists) > 0 {
			if sh.Phrases == nil {
				sh.Phrases = map[string][]any{}
			}
			sh.Phrases[phraseKey(a)] = lists
		}
	}
}

// cutUp reports whether a term of a has a list cut into blocks in field f.
func cutUp(st *stats, a alt, f int) bool {
	for _, term := range a.terms {
		if es := st.terms[term]; term != "" && es != nil {
			if _, ok := es[f].(*blockRef); ok {
				return true
			}
		}
	}
	return false
}

// phraseMatches is the postings string of a's phrase in field f, from
// the postings readStats kept (st.raw): the records that hold every term
// with the terms at start + slot for some start (score.js phraseAt).
func phraseMatches(st *stats, a alt, f int) string {
	var slots []int
	var lists [][]posting
	for i, term := range a.terms {
		if term == "" {
			continue
		}
		raw := st.raw[term]
		if raw == nil || len(raw[f]) == 0 {
			return ""
		}
		slots = append(slots, i)
		lists = append(lists, raw[f])
	}
	var b strings.Builder
	at, prev := make([]int, len(lists)), 0
	for _, p0 := range lists[0] {
		d := p0.doc
		found := true
		for k := 1; k < len(lists); k++ {
			for at[k] < len(lists[k]) && lists[k][at[k]].doc < d {
				at[k]++
			}
			if at[k] == len(lists[k]) || lists[k][at[k]].doc != d {
				found = false
				break
			}
		}
		if !found || !phraseAt(p0, lists, at, slots) {
			continue
		}
		putNum(&b, d-prev)
		prev = d
		putNum(&b, p0.length)
		putNum(&b, p0.freq)
		for k := 1; k < len(lists); k++ {
			putNum(&b, lists[k][at[k]].freq)
		}
	}
	return b.String()
}

// phraseAt reports whether the postings of one record, p0 and lists[k][at[k]],
// hold the terms at start + slots[k] for some start.
func phraseAt(p0 posting, lists [][]posting, at, slots []int) bool {
	for _, x := range p0.pos {
		start, ok := x-slots[0], true
		for k := 1; k < len(lists) && ok; k++ {
			ok = false
			for _, y := range lists[k][at[k]].pos {
				if y == start+slots[k] {
					ok = true
					break
				}
			}
		}
		if ok {
			return true
		}
	}
	return false
}
