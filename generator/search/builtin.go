package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"jianzheng/generator/catalog"
	everyday "jianzheng/generator/thesaurus"
)

// builtinGroups are the built-in groups of everyday words (package
// thesaurus) that this catalog uses: not switched off in synonyms.toml
// (builtin_off names a term of each group it switches off), and with a
// term that some record holds, since a group none of whose terms any
// record holds finds nothing and would only weigh on the manifest.
// Terms are checked as the query of a clause would match them (altQuery).
func (ix *Index) builtinGroups(c *catalog.Catalog) ([][]string, error) {
	off := map[string]bool{}
	for _, b := range c.BuiltinOff {
		off[b.Term] = true
	}
	holds := map[string]bool{}
	var out [][]string
groups:
	for _, g := range everyday.Groups() {
		for _, t := range g.Terms {
			if off[t] {
				continue groups
			}
		}
		for _, t := range g.Terms {
			found, ok := holds[t]
			if !ok {
				a := newAlt(t, 1)
				if len(a.terms) > 0 {
					sr, err := ix.bleve.Search(bleve.NewSearchRequestOptions(altQuery(a), 0, 0, false))
					if err != nil {
						return nil, fmt.Errorf("search: checking the built-in word %q: %w", t, err)
					}
					found = sr.Total > 0
				}
				holds[t] = found
			}
			if found {
				out = append(out, g.Terms)
				continue groups
			}
		}
	}
	return out, nil
}
