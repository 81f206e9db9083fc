package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"jianzheng/generator/catalog"
)

// Result is the answer to a query.
type Result struct {
	Hits    []Hit
	Total   int  // records that match, of which Hits are the first n
	Partial bool // nothing matched every word; these match some terms
	// Reading is "pinyin" or "homophone" when nothing matched as typed and
	// these hits match the query read as pinyin (reading.go).
	Reading string
}

// Hit is one matching record.
type Hit struct {
	ID    string
	Name  string
	Kind  catalog.Kind
	Score float64
	// Via is the official term when the record matched only through a
	// synonym or department alias of a word ("按“居民户口簿”搜索"), and
	// the record's name when the query was read as pinyin (Reading).
	Via string
}

// Search runs a query through bleve with the product semantics (see
// parseQuery and the query tree in bquery.go) and returns the first n hits
// by score, ties by id; n <= 0 means all. It is the reference search.js
// is tested against.
func (ix *Index) Search(q string, n int) (*Result, error) {
	p := ix.plan(q)
	res := &Result{}
	if len(p.must) == 0 {
		return res, nil
	}
	if n <= 0 || n > len(ix.records) {
		n = len(ix.records)
	}
	sr, err := ix.run(mainQuery(p), n)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	if sr.Total == 0 {
		if rp, how := ix.readingPlan(p); how != "" {
			if sr, err = ix.run(mainQuery(rp), n); err != nil {
				return nil, fmt.Errorf("search %q (%s): %w", q, how, err)
			}
			if sr.Total > 0 {
				res.Reading = how
			}
		}
	}
	if sr.Total == 0 {
		res.Partial = true
		if sr, err = ix.run(fallbackQuery(p), n); err != nil {
			return nil, fmt.Errorf("search %q (partial): %w", q, err)
		}
	}
	res.Total = int(sr.Total)
	for _, h := range sr.Hits {
		r := ix.byID[h.ID]
		hit := Hit{ID: h.ID, Name: r.Name, Kind: r.Kind, Score: h.Score}
		if res.Reading != "" {
			hit.Via = r.Name
		}
		res.Hits = append(res.Hits, hit)
	}
	if !res.Partial && res.Reading == "" {
		if err := ix.notes(p, res.Hits); err != nil {
			return nil, fmt.Errorf("search %q (synonyms): %w", q, err)
		}
	}
	return res, nil
}

func (ix *Index) run(q query.Query, n int) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	return ix.bleve.Search(req)
}

// notes sets Via on the hits that match some word only through one of its
// other terms: the first such word names its official term.
func (ix *Index) notes(p plan, hits []Hit) error {
	for _, w := range p.must {
		if w.official == "" {
			continue
		}
		sr, err := ix.run(altQuery(w.alts[0]), len(ix.records))
		if err != nil {
			return err
		}
		literal := map[string]bool{}
		for _, h := range sr.Hits {
			literal[h.ID] = true
		}
		for i := range hits {
			if hits[i].Via == "" && !literal[hits[i].ID] {
				hits[i].Via = w.official
			}
		}
	}
	return nil
}
