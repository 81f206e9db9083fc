package search

import (
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
// reading, needs.go). A lone character no word covers (现 of 现在, cut
// by the filler 在) would match nearly every record: it counts only when
// nothing else is left.
func anyWordQuery(p plan) query.Query {
	var qs []query.Query
	seen := map[fallbackTerm]bool{}
	for _, w := range p.must {
		switch {
		case w.stretch > 1:
			for _, ft := range newTerms(w.alts[0], seen) {
				qs = append(qs, ft.query())
			}
		case w.stretch == 0 || len(p.must) == 1:
			qs = append(qs, wordQuery(w))
		}
	}
	return withExclusions(disj(qs), p)
}

// fallbackTerm is a term of the partial-match fallback.
type fallbackTerm struct {
	term    string
	unigram bool
}

// query matches the term alone in the fields of its family.
func (ft fallbackTerm) query() query.Query {
	return altQuery(alt{unigram: ft.unigram, terms: []string{ft.term}, weight: 1})
}

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
// alone, scored by the share of them a record matches.
func fallbackQuery(p plan) query.Query {
	var qs []query.Query
	seen := map[fallbackTerm]bool{}
	for _, w := range p.must {
		for _, a := range w.alts {
			for _, ft := range newTerms(a, seen) {
				qs = append(qs, ft.query())
			}
		}
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
