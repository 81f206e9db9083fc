package search

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer names, as registered with bleve and recorded in the mapping.
const (
	bigramAnalyzer  = "jz_bigram"
	unigramAnalyzer = "jz_unigram"
)

// sep joins the values of one field (name and aliases, say) into one text.
// The analyzers put a position gap where it appears, so a phrase never
// spans two values. It is a control character no catalog value needs.
const sep = "\x1e"

// analyzer is bleve's cjk analyzer (unicode tokenizer, cjk_width, to_lower)
// with its own last two steps, mirrored token for token by search.js:
//
//   - fold, a character filter run first (see fold);
//   - positions count characters, not bigrams: every token the tokenizer
//     keeps (a Han character, a word, a number) takes one position, and a
//     value separator leaves one free;
//   - bigrams (without unigram): each run of adjacent Han characters
//     becomes its overlapping pairs, each at the position of its first
//     character, plus the run's first and last characters alone at theirs
//     ("edges"); a run of one character stays as it is.
//
// Counting characters keeps runs apart: in 社会，保险 the pairs are 社会@1
// and 保险@3, so the phrase 社会保险 (社会@1 会保@2 保险@3) cannot match,
// while 市民政局 matches exactly the texts that contain it. The edges let
// a query's lone character next to a number or a letter (46号, A类) match
// where the text goes on (46号文, A类证明); cjk_bigram, numbering bigrams,
// can do neither. Queries use the same analysis without the edges.
//
// With unigram set there are no bigrams: every Han character is a token of
// its own, so a one-character query (户, 狗) finds it anywhere.
type analyzer struct {
	unigram bool
	tok     *unicode.UnicodeTokenizer
	width   *cjk.CJKWidthFilter
	lower   *lowercase.LowerCaseFilter
}

func newAnalyzer(unigram bool) *analyzer {
	return &analyzer{
		unigram: unigram,
		tok:     unicode.NewUnicodeTokenizer(),
		width:   cjk.NewCJKWidthFilter(),
		lower:   lowercase.NewLowerCaseFilter(),
	}
}

var (
	theBigram  = newAnalyzer(false)
	theUnigram = newAnalyzer(true)
)

func init() {
	for name, a := range map[string]*analyzer{bigramAnalyzer: theBigram, unigramAnalyzer: theUnigram} {
		a := a
		err := registry.RegisterAnalyzer(name, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return a, nil
		})
		if err != nil {
			panic("search: registering analyzer: " + err.Error())
		}
	}
}

// token is an analysed term at a position: what the index and search.js
// compare. Edge marks the first or last character of a run, which queries
// leave out.
type token struct {
	Term string
	Pos  int
	Edge bool
}

// Analyze implements analysis.Analyzer, for bleve: the analysis of a
// record's text, which for bigrams adds the pairs across brackets
// (bridges). Queries are analysed by tokens alone.
func (a *analyzer) Analyze(input []byte) analysis.TokenStream {
	ts, folded := a.base(string(input))
	toks := a.derive(ts)
	if !a.unigram {
		toks = append(toks, bridges(folded, ts)...)
	}
	return tokenStream(toks)
}

// tokenStream is tokens as bleve takes them.
func tokenStream(toks []token) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		ts[i] = &analysis.Token{Term: []byte(t.Term), Position: t.Pos, Type: analysis.AlphaNumeric}
	}
	return ts
}

func (a *analyzer) tokens(input string) []token {
	ts, _ := a.base(input)
	return a.derive(ts)
}

// base is the analysis up to the bigrams: folded, tokenized, width-folded
// and lower-cased, positions shifted at value separators; and the folded
// text, which the tokens' offsets index. The bigram, unigram and pinyin
// analyses all start from it (recordAnalysis shares it).
func (a *analyzer) base(input string) (analysis.TokenStream, string) {
	folded := fold(input)
	text := []byte(folded) // a fresh copy: the filters below write into it
	ts := a.tok.Tokenize(text)
	ts = a.width.Filter(ts)
	ts = a.lower.Filter(ts)
	shift := 0
	for i, t := range ts {
		if i > 0 && t.Start > ts[i-1].End && bytes.Contains(text[ts[i-1].End:t.Start], []byte(sep)) {
			shift++
		}
		t.Position += shift
	}
	return ts, folded
}

// derive turns a base analysis into the analyzer's tokens. It does not
// change ts.
func (a *analyzer) derive(ts analysis.TokenStream) []token {
	out := make([]token, 0, len(ts)+8)
	a.each(ts, func(term []byte, pos int, edge bool) {
		out = append(out, token{string(term), pos, edge})
	})
	return out
}

// stream is derive as bleve takes it, for a record's text folded: with
// the bridges when a is the bigram analyzer (Analyze). Single tokens share
// their bytes with ts, which bleve only reads.
func (a *analyzer) stream(ts analysis.TokenStream, folded string) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(ts)+8)
	a.each(ts, func(term []byte, pos int, _ bool) {
		out = append(out, &analysis.Token{Term: term, Position: pos, Type: analysis.AlphaNumeric})
	})
	if !a.unigram {
		out = append(out, tokenStream(bridges(folded, ts))...)
	}
	return out
}

// bridges are the pairs that read a word across the brackets in which
// official texts write an alternative: 村(居)委会 is 村委会 and 居委会,
// 镇(街道)计生办 镇计生办 and 街道计生办. The brackets cut such a word into
// runs (村, 居, 委会), so a resident's 村委会 or 居委会 would find neither.
// Two pairs join the word across: the character before the bracket and
// the last one inside it, each with the first after it (村委, 居委), at
// the position before that one (positions count characters), so the
// phrase 村委会 or 居委会 matches there. A bracket of one to three
// characters, between characters, counts; folded is the text base read
// (fold makes （） ASCII).
func bridges(folded string, ts analysis.TokenStream) []token {
	var out []token
	ideo := func(i int) bool { return i < len(ts) && ts[i].Type == analysis.Ideographic }
	for i := 0; i+2 < len(ts); i++ {
		if !ideo(i) || folded[ts[i].End:ts[i+1].Start] != "(" {
			continue
		}
		k := i + 1 // the last character inside
		for k+1 < len(ts) && k-i < 3 && ideo(k) && ideo(k+1) && ts[k+1].Start == ts[k].End {
			k++
		}
		c := k + 1
		if !ideo(k) || !ideo(c) || folded[ts[k].End:ts[c].Start] != ")" {
			continue
		}
		at := ts[c].Position - 1
		out = append(out,
			token{string(ts[i].Term) + string(ts[c].Term), at, false},
			token{string(ts[k].Term) + string(ts[c].Term), at, false})
	}
	return out
}

// each calls emit with every token of the analysis, in order: see
// analyzer for the bigrams and edges.
func (a *analyzer) each(ts analysis.TokenStream, emit func(term []byte, pos int, edge bool)) {
	for i := 0; i < len(ts); {
		j := i + 1
		if ts[i].Type == analysis.Ideographic && !a.unigram {
			for j < len(ts) && ts[j].Type == analysis.Ideographic && ts[j].Start == ts[j-1].End {
				j++
			}
		}
		if j == i+1 {
			emit(ts[i].Term, ts[i].Position, false)
			i = j
			continue
		}
		run := ts[i:j]
		emit(run[0].Term, run[0].Position, true)
		for k := 0; k+1 < len(run); k++ {
			pair := make([]byte, 0, len(run[k].Term)+len(run[k+1].Term))
			emit(append(append(pair, run[k].Term...), run[k+1].Term...), run[k].Position, false)
		}
		emit(run[len(run)-1].Term, run[len(run)-1].Position, true)
		i = j
	}
}

// fold is the character filter. bleve's unicode tokenizer knows Unicode 8
// word-break rules over every script; search.js cannot carry those tables
// in a few kilobytes. So fold reduces the text to an alphabet on which the
// two agree exactly (proved by FuzzAnalyzerParity):
//
//   - full-width ASCII becomes ASCII (２０１８ → 2018, ＩＣＰ → ICP); the
//     tokenizer would otherwise drop full-width digits;
//   - ASCII and the Han ideographs of hanRanges stay, a traditional
//     character of foldPairs becoming its simplified form (戶 → 户), so
//     that 戶口 finds 户口 and stray traditional text is found;
//   - invisible format characters (zero-width space, soft hyphen, variation
//     selectors, combining accents) are removed, so they never split a word;
//   - anything else (CJK punctuation such as 〔〕, other scripts, symbols)
//     becomes a space: a separator, as the tokenizer treats punctuation.
//
// The cost: kana, Hangul, Greek or accented Latin letters are not
// searchable. The catalog is Chinese; its Latin is codes such as ICP.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid UTF-8 arrives as U+FFFD and becomes a space
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case hanRune(r):
			if t, ok := simplified[r]; ok {
				r = t
			}
			b.WriteRune(r)
		case ignorable(r):
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// simplified maps the traditional characters of foldPairs (fold_table.go)
// to their simplified forms. search.js loads the same pairs, sharded, from
// the export's f/ files (see foldShards).
var simplified = func() map[rune]rune {
	m := map[rune]rune{}
	rs := []rune(foldPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// hanRanges are the ideographs that bleve's tokenizer (Unicode 8 scripts)
// treats as Han words of one character, as pairs of first and last code
// point. js/analysis.js holds the same list (HAN); TestHanRanges checks
// it against the tokenizer.
var hanRanges = []rune{
	0x3007, 0x3007, // 〇
	0x3400, 0x4DB5, // Extension A
	0x4E00, 0x9FD5, // Unified Ideographs
	0xF900, 0xFA6D, // Compatibility Ideographs
	0xFA70, 0xFAD9,
	0x20000, 0x2A6D6, // Extension B
	0x2A700, 0x2B734, // C
	0x2B740, 0x2B81D, // D
	0x2B820, 0x2CEA1, // E
	0x2F800, 0x2FA1D, // Compatibility Supplement
}

// hanRune reports whether r is an ideograph the analyzers keep.
func hanRune(r rune) bool {
	for i := 0; i < len(hanRanges); i += 2 {
		if r < hanRanges[i] {
			return false
		}
		if r <= hanRanges[i+1] {
			return true
		}
	}
	return false
}

// ignorable reports whether fold drops r: characters that do not show and
// should not break a word.
func ignorable(r rune) bool {
	switch {
	case r == 0xAD, r >= 0x300 && r <= 0x36F, r >= 0x200B && r <= 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064,
		r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// analyze runs the bigram (or unigram) analyzer over s, as bleve indexes it.
func analyze(s string, unigram bool) []token {
	if unigram {
		return theUnigram.tokens(s)
	}
	return theBigram.tokens(s)
}

// queryTokens is the analysis of a query text: the bigram analyzer's
// tokens without the edges.
func queryTokens(s string) []token {
	var out []token
	for _, t := range theBigram.tokens(s) {
		if !t.Edge {
			out = append(out, t)
		}
	}
	return out
}
