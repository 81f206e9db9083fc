package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"jianzheng/generator/catalog"
)

// Readings: a query that matches nothing as typed is read a second time
// (js/reading.js plan does the same):
//
//   - a word of Latin letters (hukouben, hkb, hukoub; apostrophes cut
//     syllables, fang'an) is cut into syllables and initials (segment)
//     and also matched, as a phrase, against the pinyin field p1;
//   - a word of two or more Han characters of GB 2312 is read as pinyin
//     (each character's first reading) and also matched against p1, so
//     that the homophone typo 无犯罪纪录证明 finds 无犯罪记录证明; not a
//     word the thesaurus knows (a synonym, a department's name, a word of
//     the built-in groups and situations or of a life event: 办身份证),
//     which is spelt right and whose sound would only find other words,
//     nor a word that holds a filler no record's name sounds like
//     (muteFillers: 什么, 怎么办, 吗 …), whose sound can find nothing:
//     a question (老人过世了要办什么) then loads no reading table.
//
// Each such word gets the reading as one more alternative; the others
// stay as they are. If the query read so matches, the hits carry the
// record's name in Via and the result says how it was read (Reading);
// otherwise the partial fallback runs on the query as typed.
const (
	readPinyin    = "pinyin"
	readHomophone = "homophone"
)

// readsAs reports whether segs, syllables and initials, read the
// characters whose readings are chars: one each, a syllable equal to a
// reading or an initial equal to a reading's first letter.
func readsAs(segs []string, chars [][]string) bool {
	if len(segs) != len(chars) {
		return false
	}
	for i, s := range segs {
		ok := false
		for _, r := range chars[i] {
			ok = ok || s == r || len(s) == 1 && s == r[:1]
		}
		if !ok {
			return false
		}
	}
	return true
}

// pinyinTerms are the syllables and initials of a word typed in Latin
// letters, or nil if it is not one.
func pinyinTerms(text string) []string {
	var out []string
	for _, t := range queryTokens(text) {
		for _, part := range strings.FieldsFunc(t.Term, isToneMark) {
			if part == "" {
				continue
			}
			seg := segment(part)
			if seg == nil {
				return nil
			}
			out = append(out, seg...)
		}
	}
	return out
}

// isToneMark reports whether c cuts a pinyin word: an apostrophe
// (fang'an) or a tone number (hu4kou3ben3).
func isToneMark(c rune) bool { return c == '\'' || c >= '0' && c <= '5' }

// homophoneTerms are the readings of a word of two or more Han
// characters, or nil if it is not one or a character has no reading in
// the table (readingTable).
func (ix *Index) homophoneTerms(text string) []string {
	toks := analyze(text, true)
	if len(toks) < 2 {
		return nil
	}
	var out []string
	for _, t := range toks {
		r, n := utf8.DecodeRuneInString(t.Term)
		if n != len(t.Term) || !hanRune(r) {
			return nil
		}
		py := ix.spoken[r]
		if py == "" {
			return nil
		}
		out = append(out, py)
	}
	return out
}

// readingPlan is p with each word's reading as one more alternative, and
// how the query was read: "" if no word has a reading. The first word read
// decides how. Several words that are all pinyin (hu kou ben) are read as
// one. A word in pinyin that reads as a synonym or department alias
// (hukouben, hkb: 户口本) also takes that term's alternatives, as the
// term typed would. A word keeps at most maxAlts alternatives: those it
// had (as many as leave room for the reading), the reading, then the
// alternatives of the terms it reads as, in the thesaurus's order.
func (ix *Index) readingPlan(p plan) (plan, string) {
	must := p.must
	if len(must) > 1 {
		var texts []string
		for _, w := range must {
			if pinyinTerms(w.text) == nil {
				texts = nil
				break
			}
			texts = append(texts, w.text)
		}
		if texts != nil {
			w := word{clause: clause{text: strings.Join(texts, " ")}}
			w.alts = []alt{newAlt(w.text, 1)}
			must = []word{w}
		}
	}
	how := ""
	rp := plan{not: p.not}
	for _, w := range must {
		kind, terms := readPinyin, pinyinTerms(w.text)
		if terms == nil && len(w.alts) == 1 && !ix.thes.words[spoken(w.text)] && !ix.holdsMute(w.text) {
			// a word the thesaurus knows (a synonym, a department's
			// name, a built-in word or a life event's) is spelt right:
			// its sound would only find other words
			kind, terms = readHomophone, ix.homophoneTerms(w.text)
		}
		if terms != nil {
			if how == "" {
				how = kind
			}
			alts := append([]alt{}, w.alts[:min(len(w.alts), maxAlts-1)]...)
			alts = append(alts, alt{text: w.text, pinyin: true, terms: terms, weight: 1})
			if kind == readPinyin {
				alts = ix.spokenAlts(alts, terms)
			}
			w.alts = alts
		}
		rp.must = append(rp.must, w)
	}
	return rp, how
}

// spokenAlts appends to alts the alternatives of every thesaurus term
// that segs read as, up to maxAlts, leaving out texts already there.
func (ix *Index) spokenAlts(alts []alt, segs []string) []alt {
	seen := map[string]bool{}
	for _, a := range alts {
		if !a.pinyin {
			seen[altKey(a)] = true
		}
	}
	for _, st := range ix.thes.spoken {
		if !readsAs(segs, st.chars) {
			continue
		}
		more, _ := ix.thes.expand(st.text, false)
		for _, a := range more {
			if k := altKey(a); !seen[k] && len(alts) < maxAlts {
				seen[k] = true
				alts = append(alts, a)
			}
		}
	}
	return alts
}

// muteFillers are the filler words of questions (everyday.Filler: 什么,
// 怎么办, 吗 …) whose homophone reading, each character's first reading
// (table, as homophoneTerms reads a word), no record holds in a row in
// its pinyin field p1 (the tier 1 text as pinyinTokens reads it, every
// reading of each character). A word that holds one can never match as
// homophones, whatever the rest of it reads as, so it is not read so
// (readingPlan), and search.js loads no reading table for it: the
// manifest and term shards mark such filler 2 (needsWords). As spoken.
func muteFillers(c *catalog.Catalog, table map[rune]string, filler []string) map[string]bool {
	type at struct{ record, pos int }
	where := map[string]map[at]bool{} // a reading → where a record's p1 holds it
	for i, r := range c.Records {
		for _, t := range pinyinTokens(tierTexts(c, r)[0]) {
			if where[t.Term] == nil {
				where[t.Term] = map[at]bool{}
			}
			where[t.Term][at{i, t.Pos}] = true
		}
	}
	sounds := func(rs []string) bool {
		for a := range where[rs[0]] {
			i := 1
			for i < len(rs) && where[rs[i]][at{a.record, a.pos + i}] {
				i++
			}
			if i == len(rs) {
				return true
			}
		}
		return false
	}
	mute := map[string]bool{}
	for _, f := range filler {
		var rs []string
		for _, t := range analyze(f, true) {
			r, _ := utf8.DecodeRuneInString(t.Term)
			rs = append(rs, table[r])
		}
		if len(rs) > 0 && !slices.Contains(rs, "") && !sounds(rs) {
			mute[spoken(f)] = true
		}
	}
	return mute
}

// holdsMute reports whether text holds a filler of muteFillers: whether
// its terms hold the filler's in a row.
func (ix *Index) holdsMute(text string) bool {
	s := " " + spoken(text)
	for m := range ix.mute {
		if strings.Contains(s, " "+m) {
			return true
		}
	}
	return false
}
