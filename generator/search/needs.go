package search

import (
	"strings"
	"unicode/utf8"
)

// The needs reading: a query that matched nothing as typed, nor as pinyin
// or homophones, is read as what a resident needs (js/needs.js does the
// same). Each clause that must match is cut into the words the thesaurus
// knows (synonyms, departments, the built-in groups, the names and words
// of life events) and the stretches between them, the longest word
// first; the filler of questions (要, 什么, 怎么, 啥, 需要 …, package
// thesaurus) is dropped, so 换驾照需要带啥 reads as 换 驾照. Each piece
// becomes a word with its alternatives. A record matches the query so
// read by any known word or any term of a stretch (as the partial
// fallback reads a query; one that most records hold only when nothing
// else is left: anyWordQuery), scored by how many (bleve's coord); the
// records that match every piece come first (everyFirst), and if there
// are none the result is partial.
// A query that the cut leaves as it was typed, or that is all filler
// (要开什么), is not read this way: it goes on to the partial fallback as
// typed.
const readNeeds = "needs"

// needsPlan is p read as needs, and whether that reading differs from p.
func (ix *Index) needsPlan(p plan) (plan, bool) {
	np := plan{not: p.not}
	seen := map[string]bool{}
	changed := false
	for _, w := range p.must {
		pieces := ix.thes.cut(w.text, ix.heldBigram)
		if len(pieces) != 1 || key(pieces[0].text) != key(w.text) {
			changed = true
		}
		for _, t := range pieces {
			k := key(t.text)
			if k == "" || seen[k] || len(np.must) == maxClauses {
				continue
			}
			seen[k] = true
			alts, official := ix.thes.expand(t.text, true)
			if len(pieces) == 1 && len(alts) > len(w.alts) {
				changed = true // the word as typed, widened by a built-in group
			}
			np.must = append(np.must, word{clause: clause{text: t.text}, alts: alts, official: official, stretch: t.stretch})
		}
	}
	return np, changed && len(np.must) > 0
}

// cut cuts text into the words the thesaurus knows and the stretches
// between them, dropping filler: at each character the longest known word
// or filler that starts there wins; a character that starts none joins
// the stretch before it. A filler of one character is kept, as a
// character of a stretch, when its neighbour would otherwise be a stretch
// of one character and the two make a word some record holds (held): 地
// of 外地, 能 of 技能, 在 of 在读. Texts are compared as their unigram terms (spoken), so folding,
// width and case do not matter; a gap in the positions (punctuation) ends
// a stretch.
func (th *thesaurus) cut(text string, held func(bigram string) bool) []piece {
	toks := analyze(text, true)
	var out []piece
	var run []token
	flush := func() {
		if len(run) > 0 {
			out = append(out, piece{joinTokens(run), len(run)})
			run = nil
		}
	}
	adjacent := func(i int) bool { return i+1 < len(toks) && toks[i+1].Pos == toks[i].Pos+1 }
	// lone reports whether the character at i starts a stretch of one:
	// no word starts there, and the next, if adjacent, starts one.
	lone := func(i int) bool { return th.wordAt(toks[i:]) == 0 && (!adjacent(i) || th.wordAt(toks[i+1:]) > 0) }
	for i := 0; i < len(toks); {
		n := th.wordAt(toks[i:])
		if n == 1 && th.filler[spokenTokens(toks[i:i+1])] {
			after := len(run) == 1 && run[0].Pos+1 == toks[i].Pos && hanToken(run[0]) && held(run[0].Term+toks[i].Term)
			before := len(run) == 0 && adjacent(i) && lone(i+1) && hanToken(toks[i+1]) && held(toks[i].Term+toks[i+1].Term)
			if after || before {
				n = 0 // bound to a lone neighbour: a character of its stretch
			}
		}
		if n == 0 {
			if len(run) > 0 && toks[i].Pos != run[len(run)-1].Pos+1 {
				flush()
			}
			run = append(run, toks[i])
			i++
			continue
		}
		flush()
		if !th.filler[spokenTokens(toks[i:i+n])] {
			out = append(out, piece{joinTokens(toks[i : i+n]), 0})
		}
		i += n
	}
	flush()
	return out
}

// hanToken reports whether t is a Han character.
func hanToken(t token) bool {
	r, n := utf8.DecodeRuneInString(t.Term)
	return n == len(t.Term) && hanRune(r)
}

// heldBigram reports whether some record holds the two characters b in
// a field of bigrams (n1, n2, n3), as the engine reads it from the term
// shards the query as typed has loaded.
func (ix *Index) heldBigram(b string) bool {
	for _, f := range fields {
		if !f.Unigram && !f.Pinyin && ix.docFreq(b, f) > 0 {
			return true
		}
	}
	return false
}

// piece is a piece of a clause cut by the needs reading: a known word, or
// a stretch of characters no known word covers.
type piece struct {
	text    string
	stretch int // the characters of a stretch; 0 for a known word
}

// wordAt is the number of tokens of the longest word or filler that
// toks start with, their positions in a row; 0 if none.
func (th *thesaurus) wordAt(toks []token) int {
	for n := min(th.longest, len(toks)); n > 0; n-- {
		if toks[n-1].Pos-toks[0].Pos != n-1 {
			continue
		}
		if s := spokenTokens(toks[:n]); th.words[s] || th.filler[s] {
			return n
		}
	}
	return 0
}

// spokenTokens is spoken for tokens already analysed.
func spokenTokens(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Term)
		b.WriteByte(' ')
	}
	return b.String()
}

// joinTokens writes tokens back as text: Han characters side by side,
// a space between two words of letters or digits.
func joinTokens(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && !han(toks[i-1].Term) && !han(t.Term) {
			b.WriteByte(' ')
		}
		b.WriteString(t.Term)
	}
	return b.String()
}

func han(term string) bool {
	r, _ := utf8.DecodeRuneInString(term)
	return hanRune(r)
}
