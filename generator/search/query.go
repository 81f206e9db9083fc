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
// other terms of its synonym groups, and for a department alias the
// department's name.
type thesaurus struct {
	entries []thesEntry
	spoken  []spokenTerm // the triggers in Han characters, with their readings
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
}

// maxAlts bounds the terms one clause may expand to (a disjunction of more
// than ten clauses makes bleve sum scores in heap order, which search.js
// could not reproduce bit for bit).
const maxAlts = 10

func newThesaurus(c *catalog.Catalog) *thesaurus {
	th := &thesaurus{}
	for _, g := range c.Synonyms {
		e := thesEntry{triggers: map[string]bool{}, terms: g.Terms, official: g.Terms[0]}
		for _, t := range g.Terms {
			e.triggers[key(t)] = true
			th.addSpoken(t)
		}
		th.entries = append(th.entries, e)
	}
	for _, d := range c.Departments {
		e := thesEntry{triggers: map[string]bool{}, terms: []string{d.Name}, official: d.Name}
		for _, a := range d.Aliases {
			e.triggers[key(a)] = true
			th.addSpoken(a)
		}
		th.entries = append(th.entries, e)
	}
	return th
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
// ("" when the clause is itself that term, or has no synonyms).
func (th *thesaurus) expand(text string) (alts []string, official string) {
	k := key(text)
	seen := map[string]bool{k: true}
	alts = []string{text}
	for _, e := range th.entries {
		if !e.triggers[k] {
			continue
		}
		if official == "" {
			official = e.official
		}
		for _, t := range e.terms {
			if tk := key(t); !seen[tk] && len(alts) < maxAlts {
				seen[tk] = true
				alts = append(alts, t)
			}
		}
	}
	if official != "" && key(official) == k {
		official = ""
	}
	return alts, official
}

// alt is one alternative of a clause, ready for querying: the terms of a
// phrase in order, "" marking a free position.
type alt struct {
	text    string
	unigram bool // match against u1…u3: the text is one Han character
	pinyin  bool // match against p1: terms are syllables and initials
	terms   []string
}

// newAlt analyses s. A lone Han character (户) is matched against the
// unigram fields, where every character is a token; anything else against
// the bigram fields, as a term or a phrase.
func newAlt(s string) alt {
	toks := queryTokens(s)
	a := alt{text: s}
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
}

// plan is a parsed and expanded query.
type plan struct {
	must, not []word
}

func (ix *Index) plan(q string) plan {
	var p plan
	for _, c := range parseQuery(q) {
		texts, official := ix.thes.expand(c.text)
		w := word{clause: c, official: official}
		for _, t := range texts {
			w.alts = append(w.alts, newAlt(t))
		}
		if c.not {
			p.not = append(p.not, w)
		} else {
			p.must = append(p.must, w)
		}
	}
	return p
}
