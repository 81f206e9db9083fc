package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"jianzheng/generator/catalog"
)

// A query is read as clauses (js/query.js parseQuery does the same):
//
//	户口本 证明        words separated by white space: all must match
//	"社会 保险"        a quoted phrase (ASCII or Chinese quotes) is one clause
//	-单位 -"某 某"     a leading - (or －) excludes records matching the clause
//
// White space is ASCII space and control space, U+3000 and the other
// Unicode spaces listed in isSpace. A clause whose text analyses to no
// terms (punctuation only) is dropped, and so is a repeated clause.
type clause struct {
	text string
	not  bool
}

// maxClauses and maxQueryRunes bound the work one query can ask for; a
// pasted page of text is cut, not searched for seconds. js/query.js cuts
// at the same length (MAX_QUERY).
const (
	maxClauses    = 16
	maxQueryRunes = 128
)

func parseQuery(q string) []clause {
	var out []clause
	seen := map[string]bool{}
	rs := []rune(q)
	rs = rs[:min(len(rs), maxQueryRunes)]
	for i := 0; i < len(rs) && len(out) < maxClauses; {
		if isSpace(rs[i]) {
			i++
			continue
		}
		not := false
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !isSpace(rs[i+1]) {
			not = true
			i++
		}
		start, end := i, i
		if isQuote(rs[i]) {
			start = i + 1
			for end = start; end < len(rs) && !isQuote(rs[end]); end++ {
			}
			i = end + 1
		} else {
			for end = start; end < len(rs) && !isSpace(rs[end]); end++ {
			}
			i = end
		}
		text := string(rs[start:end])
		k := key(text)
		if k == "" || seen[strconv.FormatBool(not)+k] {
			continue
		}
		seen[strconv.FormatBool(not)+k] = true
		out = append(out, clause{text, not})
	}
	return out
}

func isSpace(r rune) bool {
	return r >= 0x09 && r <= 0x0D || r == ' ' || r == 0x85 || r == 0xA0 || r == 0x1680 ||
		r >= 0x2000 && r <= 0x200A || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '＂' }

// key identifies a text by its analysis, so that 户口本, ＂户口本＂ and
// 户口本。 are the same clause and the same synonym.
func key(s string) string {
	var b strings.Builder
	for _, t := range queryTokens(s) {
		b.WriteString(t.Term)
		b.WriteByte(1)
		b.WriteString(strconv.Itoa(t.Pos))
		b.WriteByte(2)
	}
	return b.String()
}

// thesaurus expands a clause into the terms that mean the same: the
// other terms of its synonym groups (synonyms.toml), for a department's
// name or alias the department (its name, and its records by the
// department field), and, in the needs reading only (needs.go), after
// those, the other terms of the built-in groups of everyday words and the
// services of the built-in situations (package thesaurus), at a lower
// weight: the editor's own words come first and count in full, and a
// query that matches as typed is not widened.
type thesaurus struct {
	entries []thesEntry     // the editor's: synonyms, then departments
	builtin []thesEntry     // the built-in groups and situations this catalog can use
	spoken  []spokenTerm    // the triggers in Han characters, with their readings
	words   map[string]bool // the words the needs reading knows (needs.go), spoken
	filler  map[string]bool // the filler it drops, spoken
	longest int             // the most characters of a word or filler
}

// spokenTerm is a trigger of the thesaurus with the readings of each of
// its characters, so that a query in pinyin can call it up (reading.go).
type spokenTerm struct {
	text  string
	chars [][]string
}

type thesEntry struct {
	triggers map[string]bool // keys of the terms that call the entry up
	terms    []string        // the terms it adds
	official string          // the name to show in the synonym note
	dept     string          // the department an entry of a department names
}

// maxAlts bounds the terms one clause may expand to (a disjunction of more
// than ten clauses makes bleve sum scores in heap order, which search.js
// could not reproduce bit for bit).
const maxAlts = 10

// builtinWeight is the weight of an alternative from the built-in groups:
// half of the words as typed or as the editor's synonyms give them.
const builtinWeight = 0.5

func newThesaurus(c *catalog.Catalog, builtin builtinWords, filler []string) *thesaurus {
	th := &thesaurus{words: map[string]bool{}, filler: map[string]bool{}}
	for _, g := range c.Synonyms {
		th.entries = append(th.entries, th.entry(g.Terms, g.Terms, g.Terms[0], "", true))
	}
	for _, d := range c.Departments {
		th.entries = append(th.entries, th.entry(append([]string{d.Name}, d.Aliases...), []string{d.Name}, d.Name, d.ID, true))
	}
	// a situation first: what is said calls up the services it means (not
	// back), before other words for the saying, within maxAlts
	for _, s := range builtin.situations {
		th.builtin = append(th.builtin, th.entry(s[0], s[1], s[1][0], "", false))
	}
	for _, g := range builtin.groups {
		th.builtin = append(th.builtin, th.entry(g, g, g[0], "", false))
	}
	for _, e := range c.Events {
		for _, w := range append([]string{e.Name}, e.Words...) {
			th.know(w, th.words)
		}
	}
	for _, f := range filler {
		th.know(f, th.filler)
	}
	return th
}

// entry is an entry that triggers calls up, adding terms; each trigger
// is also a word the needs reading knows, and if sayable (the editor's,
// not the built-in ones, which only the needs reading uses) one a query
// in pinyin can call up (s.js).
func (th *thesaurus) entry(triggers, terms []string, official, dept string, sayable bool) thesEntry {
	e := thesEntry{triggers: map[string]bool{}, terms: terms, official: official, dept: dept}
	for _, t := range triggers {
		e.triggers[key(t)] = true
		th.know(t, th.words)
		if sayable {
			th.addSpoken(t)
		}
	}
	return e
}

// know adds t, as spoken, to set, and keeps longest.
func (th *thesaurus) know(t string, set map[string]bool) {
	if n := len(analyze(t, true)); n > 0 {
		set[spoken(t)] = true
		th.longest = max(th.longest, n)
	}
}

// addSpoken records t's readings if it is all Han characters (after
// fold), each with a reading, and not yet recorded.
func (th *thesaurus) addSpoken(t string) {
	toks := analyze(t, true)
	st := spokenTerm{text: t}
	for _, tk := range toks {
		r, n := utf8.DecodeRuneInString(tk.Term)
		rs := readings(r)
		if n != len(tk.Term) || !hanRune(r) || len(rs) == 0 {
			return
		}
		st.chars = append(st.chars, rs)
	}
	for _, o := range th.spoken {
		if o.text == t {
			return
		}
	}
	if len(st.chars) > 0 {
		th.spoken = append(th.spoken, st)
	}
}

// expand returns the clause's alternatives, the clause itself first, and
// the official term to name when a record matches only through another
// ("" when the clause is itself that term, or has no synonyms). A
// department's name or alias adds the department's records (an
// alternative on the department field), after its name.
func (th *thesaurus) expand(text string, builtin bool) (alts []alt, official string) {
	k := key(text)
	alts = []alt{newAlt(text, 1)}
	seen := map[string]bool{altKey(alts[0]): true}
	add := func(es []thesEntry, weight float64) {
		for _, e := range es {
			if !e.triggers[k] {
				continue
			}
			if official == "" {
				official = e.official
			}
			more := make([]alt, 0, len(e.terms)+1)
			for _, t := range e.terms {
				more = append(more, newAlt(t, weight))
			}
			if e.dept != "" {
				more = append(more, alt{text: e.official, dept: true, terms: []string{e.dept}, weight: 1})
			}
			for _, a := range more {
				if ak := altKey(a); !seen[ak] && len(alts) < maxAlts {
					seen[ak] = true
					alts = append(alts, a)
				}
			}
		}
	}
	add(th.entries, 1)
	if builtin {
		add(th.builtin, builtinWeight)
	}
	if official != "" && key(official) == k {
		official = ""
	}
	return alts, official
}

// altKey tells alternatives apart: a text by its analysis, a department
// by its id.
func altKey(a alt) string {
	if a.dept {
		return "\x00" + a.terms[0]
	}
	return key(a.text)
}

// alt is one alternative of a clause, ready for querying: the terms of a
// phrase in order, "" marking a free position, and its weight (the
// boost of its fields is multiplied by it).
type alt struct {
	text    string
	unigram bool // match against u1…u3: the text is one Han character
	pinyin  bool // match against p1: terms are syllables and initials
	dept    bool // match against the department field: terms is the department's id
	terms   []string
	weight  float64
}

// newAlt analyses s. A lone Han character (户) is matched against the
// unigram fields, where every character is a token; anything else against
// the bigram fields, as a term or a phrase.
func newAlt(s string, weight float64) alt {
	toks := queryTokens(s)
	a := alt{text: s, weight: weight}
	if len(toks) == 0 {
		return a
	}
	if r, n := utf8.DecodeRuneInString(toks[0].Term); len(toks) == 1 && n == len(toks[0].Term) && hanRune(r) {
		a.unigram = true
	}
	first := toks[0].Pos
	a.terms = make([]string, toks[len(toks)-1].Pos-first+1)
	for _, t := range toks {
		a.terms[t.Pos-first] = t.Term
	}
	return a
}

// word is a clause with its alternatives.
type word struct {
	clause
	alts     []alt
	official string
	stretch  int // the needs reading: the characters of a stretch no known word covers (needs.go), or 0
}

// plan is a parsed and expanded query.
type plan struct {
	must, not []word
}

func (ix *Index) plan(q string) plan {
	var p plan
	for _, c := range parseQuery(q) {
		alts, official := ix.thes.expand(c.text, false)
		w := word{clause: c, official: official, alts: alts}
		if c.not {
			p.not = append(p.not, w)
		} else {
			p.must = append(p.must, w)
		}
	}
	return p
}
