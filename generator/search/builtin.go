package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	everyday "jianzheng/generator/thesaurus"
)

// builtinGroups are the built-in groups of everyday words (package
// thesaurus) that this catalog uses: not switched off in synonyms.toml
// (builtin_off names a term of each group it switches off), and with a
// term that some record holds, since a group none of whose terms any
// record holds finds nothing and would only weigh on b.js. Terms are
// checked as the query of a clause would match them (altQuery), each
// once, on every core: some two thousand small searches, 0.2 s of the
// 1.6 s an index of 10,000 records takes.
func (ix *Index) builtinGroups(c *catalog.Catalog) ([][]string, error) {
	off := map[string]bool{}
	for _, b := range c.BuiltinOff {
		off[b.Term] = true
	}
	var groups [][]string
	var terms []string
	seen := map[string]bool{}
	for _, g := range everyday.Groups() {
		if !anyOf(g.Terms, off) {
			groups = append(groups, g.Terms)
			for _, t := range g.Terms {
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			}
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
		return nil, err
	}
	held := map[string]bool{}
	for i, t := range terms {
		held[t] = found[i]
	}
	var out [][]string
	for _, g := range groups {
		if anyOf(g, held) {
			out = append(out, g)
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
