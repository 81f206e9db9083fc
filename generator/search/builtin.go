package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	everyday "jianzheng/generator/thesaurus"
)

// builtinWords is what the built-in thesaurus (package thesaurus) gives
// a catalog's search: its groups of words that mean the same thing, and
// its situations, each what residents say ([0]) and the services that
// involves ([1]).
type builtinWords struct {
	groups     [][]string
	situations [][2][]string
}

// builtinWordsOf are the built-in groups and situations this catalog
// uses: not switched off in synonyms.toml (builtin_off names a term of
// each group or situation it switches off), and with a term (a situation:
// a service) that some record holds, since the others find nothing and
// would only weigh on the export; of a situation's services, only those some
// record holds are kept. Terms are checked as the query of a clause
// would match them (altQuery), each once, on every core: some thousands
// of small searches, a fraction of a second.
func (ix *Index) builtinWordsOf(c *catalog.Catalog) (builtinWords, error) {
	off := map[string]bool{}
	for _, b := range c.BuiltinOff {
		off[b.Term] = true
	}
	var kept builtinWords
	var terms []string
	seen := map[string]bool{}
	check := func(ts []string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	for _, g := range everyday.Groups() {
		if !anyOf(g.Terms, off) {
			kept.groups = append(kept.groups, g.Terms)
			check(g.Terms)
		}
	}
	for _, s := range everyday.Situations() {
		if !anyOf(s.Says, off) && !anyOf(s.Means, off) {
			kept.situations = append(kept.situations, [2][]string{s.Says, s.Means})
			check(s.Means)
		}
	}
	found := make([]bool, len(terms))
	err := cores.Each(len(terms), func(i int) error {
		a := newAlt(terms[i], 1)
		if len(a.terms) == 0 {
			return nil
		}
		sr, err := ix.bleve.Search(bleve.NewSearchRequestOptions(altQuery(a), 0, 0, false))
		if err != nil {
			return fmt.Errorf("search: checking the built-in word %q: %w", terms[i], err)
		}
		found[i] = sr.Total > 0
		return nil
	})
	if err != nil {
		return builtinWords{}, err
	}
	held := map[string]bool{}
	for i, t := range terms {
		held[t] = found[i]
	}
	out := builtinWords{groups: [][]string{}, situations: [][2][]string{}}
	for _, g := range kept.groups {
		if anyOf(g, held) {
			out.groups = append(out.groups, g)
		}
	}
	for _, s := range kept.situations {
		// only the services some record holds: the others would only
		// weigh on the export and take a place among the saying's alternatives
		var means []string
		for _, m := range s[1] {
			if held[m] {
				means = append(means, m)
			}
		}
		if len(means) > 0 {
			out.situations = append(out.situations, [2][]string{s[0], means})
		}
	}
	return out, nil
}

// anyOf reports whether set holds any of terms.
func anyOf(terms []string, set map[string]bool) bool {
	for _, t := range terms {
		if set[t] {
			return true
		}
	}
	return false
}
