package search

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	pinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// pinyinAnalyzer is the analyzer of the pinyin field p1: the readings of
// tier 1 (name and aliases). Each Han character, at its position in the
// unigram analysis, becomes every reading go-pinyin knows for it (行 →
// xing, hang, heng), without tones, ü written v, and the first letter of
// each (x, h). A query's syllables and initials are then a phrase of the
// field; other tokens take their position but give no term, so a phrase
// never spans a word or number.
const pinyinAnalyzerName = "jz_pinyin"

type pinyinAnalyzer struct{}

func init() {
	err := registry.RegisterAnalyzer(pinyinAnalyzerName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return pinyinAnalyzer{}, nil
	})
	if err != nil {
		panic("search: registering analyzer: " + err.Error())
	}
}

// Analyze implements analysis.Analyzer, for bleve.
func (pinyinAnalyzer) Analyze(input []byte) analysis.TokenStream {
	return tokenStream(pinyinTokens(string(input)))
}

func pinyinTokens(s string) []token {
	return pinyinOf(analyze(s, true))
}

// pinyinOf turns the unigram analysis of a text into its pinyin tokens.
func pinyinOf(unigrams []token) []token {
	var out []token
	for _, t := range unigrams {
		r, n := utf8.DecodeRuneInString(t.Term)
		if n != len(t.Term) || !hanRune(r) {
			continue
		}
		seen := map[string]bool{}
		var initials []string
		for _, py := range readings(r) {
			if !seen[py] {
				seen[py] = true
				out = append(out, token{Term: py, Pos: t.Pos})
			}
			if !seen[py[:1]] {
				seen[py[:1]] = true
				initials = append(initials, py[:1])
			}
		}
		for _, i := range initials {
			out = append(out, token{Term: i, Pos: t.Pos})
		}
	}
	return out
}

var heteronyms = pinyin.Args{Style: pinyin.Normal, Heteronym: true}

// readingCache holds readings by rune: go-pinyin applies its style with
// regular expressions on every call, which made it a third of indexing.
var readingCache sync.Map // rune → []string

// readings are r's readings, without tones, as syllables of letters a–z
// with a vowel (the interjections m, n, ng are left out). The slice is
// shared: callers must not change it.
func readings(r rune) []string {
	if v, ok := readingCache.Load(r); ok {
		return v.([]string)
	}
	out := computeReadings(r)
	readingCache.Store(r, out)
	return out
}

func computeReadings(r rune) []string {
	var out []string
	for _, ps := range pinyin.Pinyin(string(r), heteronyms) {
		for _, p := range ps {
			if syllable(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func syllable(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] < 'a' || p[i] > 'z' {
			return false
		}
	}
	return strings.ContainsAny(p, "aeiouv")
}

// reading is the first reading of r, for a query's characters read as
// pinyin (homophones); only characters of GB 2312 have one. The table
// queries read with is readingTable's, a part of these.
func reading(r rune) string {
	if !inGB2312(r) {
		return ""
	}
	if rs := readings(r); len(rs) > 0 {
		return rs[0]
	}
	return ""
}

func inGB2312(r rune) bool {
	b := gbCode(r)
	return b != nil && b[0] >= 0xB0 && b[0] <= 0xF7
}

// commonChar reports whether r is of GB 2312's first level, the 3,755
// characters in common use.
func commonChar(r rune) bool {
	b := gbCode(r)
	return b != nil && b[0] >= 0xB0 && b[0] <= 0xD7
}

// gbCode is r's two bytes in GBK when r is a unified ideograph in GB 2312's
// rows of characters, or nil.
func gbCode(r rune) []byte {
	if r < 0x4E00 || r > 0x9FA5 {
		return nil
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
	if err != nil || len(b) != 2 || b[1] < 0xA1 {
		return nil
	}
	return b
}

// The syllables of Mandarin, as go-pinyin writes them: the words a query
// in Latin letters is cut into (segment).
var (
	syllablesOnce sync.Once
	syllableSet   map[string]bool
	syllableList  []string
)

func syllables() map[string]bool {
	syllablesOnce.Do(func() {
		syllableSet = map[string]bool{}
		for cp := range pinyin.PinyinDict {
			for _, p := range readings(rune(cp)) {
				syllableSet[p] = true
			}
		}
		for p := range syllableSet {
			syllableList = append(syllableList, p)
		}
		sort.Strings(syllableList)
	})
	return syllableSet
}

// initialLetters are the letters a syllable can begin with: a query's
// letter that starts no syllable is read as an initial (s in swzm).
const initialLetters = "abcdefghjklmnopqrstwxyz"

// maxSyllable is the length of the longest syllable (zhuang).
const maxSyllable = 6

// segment cuts a word of letters a–z into syllables, the longest first,
// and initials: hukouben → hu kou ben, hukoub → hu kou b, swzm → s w z m.
// It returns nil if a letter can be neither (i, u, v alone, as in icp).
func segment(w string) []string {
	set := syllables()
	var out []string
	for i := 0; i < len(w); {
		j := min(len(w), i+maxSyllable)
		for ; j > i+1 && !set[w[i:j]]; j-- {
		}
		switch {
		case set[w[i:j]]:
			out = append(out, w[i:j])
		case strings.IndexByte(initialLetters, w[i]) >= 0:
			out = append(out, w[i:i+1])
		default:
			return nil
		}
		i = j
	}
	return out
}
