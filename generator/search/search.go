package search

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
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
	// Events are the life events (events.toml) whose name or one of whose
	// words the query holds (eventsOf), in the order of events.toml.
	Events []Event
	// Departments are the departments whose name or one of whose aliases
	// the query holds (departmentsOf), in the order of departments.toml.
	Departments []Department
	// Words are the pieces the query was read as when Reading is
	// "needs" (needs.go): 换驾照需要带啥 reads as 换, 驾照.
	Words []string
}

// Department is a department a query names, by its id.
type Department struct{ ID, Name string }

// Event is a life event a query names: its id (its page is
// events/<id>/index.html) and name.
type Event struct{ ID, Name string }

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
// by score, ties by the export's order (fieldOrder); n <= 0 means all. It is the reference search.js
// is tested against.
func (ix *Index) Search(q string, n int) (*Result, error) {
	p := ix.plan(q)
	res := &Result{Events: ix.eventsOf(p), Departments: ix.departmentsOf(p)}
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
	used := p
	if sr.Total == 0 {
		if np, ok := ix.needsPlan(p); ok {
			every, err := ix.matching(mainQuery(np))
			if err != nil {
				return nil, fmt.Errorf("search %q (needs): %w", q, err)
			}
			res.Partial = len(every) == 0
			if sr, err = ix.run(anyWordQuery(np, ix.common), len(ix.records)); err != nil {
				return nil, fmt.Errorf("search %q (needs, any): %w", q, err)
			}
			sr.Hits = everyFirst(sr.Hits, every)[:min(n, len(sr.Hits))]
			if sr.Total > 0 {
				res.Reading, used = readNeeds, np
				for _, w := range np.must {
					res.Words = append(res.Words, w.text)
				}
			}
		}
	}
	if sr.Total == 0 {
		res.Partial = true
		if sr, err = ix.run(fallbackQuery(p, ix.common, ix.held), n); err != nil {
			return nil, fmt.Errorf("search %q (partial): %w", q, err)
		}
	}
	res.Total = int(sr.Total)
	for _, h := range sr.Hits {
		r := ix.byID[h.ID]
		hit := Hit{ID: h.ID, Name: r.Name, Kind: r.Kind, Score: h.Score}
		if res.Reading == readPinyin || res.Reading == readHomophone {
			hit.Via = r.Name
		}
		res.Hits = append(res.Hits, hit)
	}
	if !res.Partial && (res.Reading == "" || res.Reading == readNeeds) {
		if err := ix.notes(used, res.Hits, res.Reading == readNeeds); err != nil {
			return nil, fmt.Errorf("search %q (synonyms): %w", q, err)
		}
	}
	return res, nil
}

func (ix *Index) run(q query.Query, n int) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.SortBy([]string{"-_score", fieldOrder})
	return ix.bleve.Search(req)
}

// notes sets Via on the hits that match some word only through one of its
// other terms: the first such word names its official term. When the
// hits need not match every word (some: the needs reading), a hit that
// does not match a word at all takes nothing from it.
func (ix *Index) notes(p plan, hits []Hit, some bool) error {
	for _, w := range p.must {
		if w.official == "" {
			continue
		}
		literal, err := ix.matching(altQuery(w.alts[0]))
		if err != nil {
			return err
		}
		matched := map[string]bool(nil)
		if some {
			if matched, err = ix.matching(wordQuery(kin(w))); err != nil {
				return err
			}
		}
		for i := range hits {
			if hits[i].Via == "" && !literal[hits[i].ID] && (matched == nil || matched[hits[i].ID]) {
				hits[i].Via = w.official
			}
		}
	}
	return nil
}

// kin is w with only the alternatives of its official term's weight: those
// of the entries that name it (the editor's, or else the built-in ones).
// In the needs reading a word has both, and a record matched only
// through a built-in word (农机安全检验 through 安全技术检验) does not hold
// the editor's official term (机动车安全技术检验), so takes no note from it.
func kin(w word) word {
	official := key(w.official)
	weight := 1.0
	for _, a := range w.alts {
		if !a.dept && key(a.text) == official {
			weight = a.weight
			break
		}
	}
	k := word{clause: w.clause, official: w.official}
	for _, a := range w.alts {
		if a.weight == weight {
			k.alts = append(k.alts, a)
		}
	}
	return k
}

// matching is the set of ids of the records q matches.
func (ix *Index) matching(q query.Query) (map[string]bool, error) {
	sr, err := ix.run(q, len(ix.records))
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, h := range sr.Hits {
		ids[h.ID] = true
	}
	return ids, nil
}

// eventsOf returns the events whose name or words the clauses that must
// match hold, as typed, whatever the records say: 家里老人过世 names
// 身后事 by its word 过世. Texts are compared by their unigram analysis
// (spoken), so that folding, width and case do not matter, and the
// clauses are read as one text: 身后 事 holds 身后事.
func (ix *Index) eventsOf(p plan) []Event {
	q := saidText(p)
	var out []Event
	for _, e := range ix.events {
		for _, k := range e.keys {
			if strings.Contains(q, k) {
				out = append(out, Event{e.id, e.name})
				break
			}
		}
	}
	return out
}

// spoken is s as its unigram terms, each followed by a space (the
// terms hold none): " "+spoken(a) holds " "+spoken(b) when a's terms
// hold b's in a row. js/query.js spoken is the same.
func spoken(s string) string {
	var b strings.Builder
	for _, t := range analyze(s, true) {
		b.WriteString(t.Term)
		b.WriteByte(' ')
	}
	return b.String()
}

// namedKeys is a life event or a department with the texts that name it
// in a query (an event's name and words, a department's name and
// aliases) as spoken, each after a space, for eventsOf, departmentsOf and
// the manifest.
type namedKeys struct {
	id, name string
	keys     []string
	texts    []string // the text of each key, folded (fold), as the manifest carries it
}

// newNamedKeys is id and name with the keys of texts of at least min
// characters, each once.
func newNamedKeys(id, name string, texts []string, min int) namedKeys {
	nk := namedKeys{id: id, name: name}
	for _, t := range texts {
		if k := spoken(t); strings.Count(k, " ") >= min && !slices.Contains(nk.keys, " "+k) {
			nk.keys, nk.texts = append(nk.keys, " "+k), append(nk.texts, fold(t))
		}
	}
	return nk
}

func newEventKeys(c *catalog.Catalog) []namedKeys {
	out := []namedKeys{}
	for _, e := range c.Events {
		out = append(out, newNamedKeys(e.ID, e.Name, append([]string{e.Name}, e.Words...), 1))
	}
	return out
}

// departmentsOf returns the departments whose name or one of whose
// aliases the clauses that must match hold, as eventsOf reads them: 派出所
// 开什么证明 names 公安局 by its alias 派出所. A department named only by
// a text that lies within what names another (交警 in 交警大队, where
// 交警大队 is another's alias) gives way to it.
func (ix *Index) departmentsOf(p plan) []Department {
	q := saidText(p)
	named := make([]string, len(ix.depts)) // the longest key each holds
	for i, d := range ix.depts {
		for _, k := range d.keys {
			if strings.Contains(q, k) && len(k) > len(named[i]) {
				named[i] = k
			}
		}
	}
	var out []Department
	for i, d := range ix.depts {
		within := named[i] == ""
		for j, o := range named {
			within = within || j != i && len(o) > len(named[i]) && strings.Contains(o, named[i])
		}
		if !within {
			out = append(out, Department{d.id, d.name})
		}
	}
	return out
}

// saidText is the clauses of p that must match as one text, spoken,
// after a space.
func saidText(p plan) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, w := range p.must {
		b.WriteString(spoken(w.text))
	}
	return b.String()
}

func newDeptKeys(c *catalog.Catalog) []namedKeys {
	out := []namedKeys{}
	for _, d := range c.Departments {
		// one character (税) would name it in too many queries
		out = append(out, newNamedKeys(d.ID, d.Name, append([]string{d.Name}, d.Aliases...), 2))
	}
	return out
}

// everyFirst puts the hits of the records that match every piece of a
// query read as needs (every) before those that match only some, each in
// the order it had: a record that answers the whole need outranks one
// that matches a single strong word (农村 of 农村房子确权).
func everyFirst(hits bsearch.DocumentMatchCollection, every map[string]bool) bsearch.DocumentMatchCollection {
	slices.SortStableFunc(hits, func(a, b *bsearch.DocumentMatch) int {
		switch {
		case every[a.ID] == every[b.ID]:
			return 0
		case every[a.ID]:
			return -1
		}
		return 1
	})
	return hits
}
