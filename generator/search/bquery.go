package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The query tree, built the same way here and in js/score.js (which
// scores it itself):
//
//	main      Conjunction(word…), or Boolean{Must: that, MustNot: Disjunction(excluded word…)}
//	word      altQuery of its one alternative, or Disjunction(altQuery…)
//	altQuery  Disjunction over the fields of its family (n, u or p), each a
//	          Term query, or a MultiPhrase query when the text has several terms
//	fallback  disj over every distinct term of the positive words, each a
//	          Disjunction over its three fields
//
// Boosts sit on the term and phrase queries only; bleve ignores them on
// conjunctions and disjunctions.

// fieldsOf returns the fields the alternative is matched against: n1…n3,
// u1…u3, the pinyin field p1, or the department field.
func fieldsOf(a alt) []field {
	switch {
	case a.dept:
		return []field{deptField}
	case a.pinyin:
		return fields[6:7]
	case a.unigram:
		return fields[3:6]
	}
	return fields[:3]
}

func termQuery(term string, f field, weight float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(f.Name)
	q.SetBoost(f.Boost * weight)
	return q
}

func altQuery(a alt) query.Query {
	var qs []query.Query
	for _, f := range fieldsOf(a) {
		if len(a.terms) == 1 {
			qs = append(qs, termQuery(a.terms[0], f, a.weight))
			continue
		}
		slots := make([][]string, len(a.terms))
		for i, t := range a.terms {
			if t != "" {
				slots[i] = []string{t}
			}
		}
		q := query.NewMultiPhraseQuery(slots, f.Name)
		q.SetBoost(f.Boost * a.weight)
		qs = append(qs, q)
	}
	return query.NewDisjunctionQuery(qs)
}

func wordQuery(w word) query.Query {
	var qs []query.Query
	for _, a := range w.alts {
		if len(a.terms) > 0 {
			qs = append(qs, altQuery(a))
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// withExclusions wraps q so that records matching any excluded word drop out.
func withExclusions(q query.Query, p plan) query.Query {
	if len(p.not) == 0 {
		return q
	}
	var nots []query.Query
	for _, w := range p.not {
		nots = append(nots, wordQuery(w))
	}
	b := query.NewBooleanQuery(nil, nil, nil)
	b.Must = q
	b.MustNot = query.NewDisjunctionQuery(nots)
	return b
}

func mainQuery(p plan) query.Query {
	var qs []query.Query
	for _, w := range p.must {
		qs = append(qs, wordQuery(w))
	}
	return withExclusions(query.NewConjunctionQuery(qs), p)
}

// anyWordQuery matches a record that matches any word of p or any term
// of a stretch, scored by the share of them it matches (the needs
// reading, needs.go). A word or term that is one term more than half the
// records hold (common: 证明 in a catalog of proofs) says little about
// what a resident needs, would match nearly every record and reads its
// whole list: it counts only when nothing else is left. A lone character
// (狗 of 狗要开什么证明) counts unless it is so common: which characters
// are is the catalog's to say, not a rule about single characters.
func anyWordQuery(p plan, common func(alt) bool) query.Query {
	var qs, rest []query.Query
	add := func(q query.Query, common bool) {
		qs = append(qs, q)
		if !common {
			rest = append(rest, q)
		}
	}
	seen := map[fallbackTerm]bool{}
	for _, w := range p.must {
		if w.stretch > 1 {
			for _, ft := range newTerms(w.alts[0], seen) {
				add(ft.query(), common(ft.alt()))
			}
			continue
		}
		a, one := oneAlt(w)
		add(wordQuery(w), one && common(a))
	}
	if len(rest) > 0 {
		qs = rest
	}
	return withExclusions(disj(qs), p)
}

// oneAlt returns w's one alternative with terms, if it has only one.
func oneAlt(w word) (alt, bool) {
	var one alt
	n := 0
	for _, a := range w.alts {
		if len(a.terms) > 0 {
			one = a
			n++
		}
	}
	return one, n == 1
}

// common reports whether a is one term that more than half the records
// hold in a field of its family (anyWordQuery).
func (ix *Index) common(a alt) bool {
	return len(a.terms) == 1 && 2*ix.mostDocFreq(a) > len(ix.records)
}

// held reports whether some record holds a, one term, in a field of its
// family.
func (ix *Index) held(a alt) bool { return ix.mostDocFreq(a) > 0 }

// mostDocFreq is the most records that hold a's first term in one field
// of its family.
func (ix *Index) mostDocFreq(a alt) int {
	most := 0
	for _, f := range fieldsOf(a) {
		most = max(most, ix.docFreq(a.terms[0], f))
	}
	return most
}

// docFreq is the number of records that hold term in field f.
func (ix *Index) docFreq(term string, f field) int {
	q := query.NewTermQuery(term)
	q.SetField(f.Name)
	sr, err := ix.bleve.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0
	}
	return int(sr.Total)
}

// fallbackTerm is a term of the partial-match fallback.
type fallbackTerm struct {
	term    string
	unigram bool
}

// alt is the term alone as an alternative.
func (ft fallbackTerm) alt() alt {
	return alt{unigram: ft.unigram, terms: []string{ft.term}, weight: 1}
}

// query matches the term alone in the fields of its family.
func (ft fallbackTerm) query() query.Query { return altQuery(ft.alt()) }

// newTerms lists the terms of a text alternative not yet seen, in order,
// and marks them seen.
func newTerms(a alt, seen map[fallbackTerm]bool) []fallbackTerm {
	var out []fallbackTerm
	if a.dept {
		return nil
	}
	for _, t := range a.terms {
		ft := fallbackTerm{t, a.unigram}
		if t != "" && !seen[ft] {
			seen[ft] = true
			out = append(out, ft)
		}
	}
	return out
}

// fallbackQuery matches any term of the positive words' alternatives
// alone, scored by the share of them a record matches. As in
// anyWordQuery, a term more than half the records hold counts only when
// no other term is held by any record (急诊证明: 证明 when 急诊 and 诊证
// are in none).
func fallbackQuery(p plan, common, held func(alt) bool) query.Query {
	var qs, rest []query.Query
	found := false
	seen := map[fallbackTerm]bool{}
	for _, w := range p.must {
		for _, a := range w.alts {
			for _, ft := range newTerms(a, seen) {
				qs = append(qs, ft.query())
				if !common(ft.alt()) {
					rest = append(rest, qs[len(qs)-1])
					found = found || held(ft.alt())
				}
			}
		}
	}
	if found {
		qs = rest
	}
	return withExclusions(disj(qs), p)
}

// maxDisjuncts keeps every disjunction on bleve's slice searcher, which
// sums scores in a fixed order (above ten it switches to a heap).
const maxDisjuncts = 10

// disj is a disjunction of qs, nested in groups of at most maxDisjuncts.
func disj(qs []query.Query) query.Query {
	for len(qs) > maxDisjuncts {
		var groups []query.Query
		for i := 0; i < len(qs); i += maxDisjuncts {
			groups = append(groups, query.NewDisjunctionQuery(qs[i:min(i+maxDisjuncts, len(qs))]))
		}
		qs = groups
	}
	return query.NewDisjunctionQuery(qs)
}
