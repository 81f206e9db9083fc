package search

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"jianzheng/generator/catalog"
	"jianzheng/generator/synth"
)

// handQueries are the edge cases every catalog is asked, beside the
// queries cut from its own text.
var handQueries = []string{
	"鲁政办字〔2018〕46号", strings.Repeat("户口本证明 ", 40), "鲁政办字[2018]46号", "〔2018〕", "46号", "ICP备案", "ＩＣＰ", "２０１８", "2018年",
	"12345", "A类", "户", "证", "狗", "号", "户口本", "户口簿 证明", "低保", "无犯罪证明", "良民证", "工商", "国土",
	"公安局", "市民政局", "民政", "社保", "社会保险", `"社会 保险"`, "“居民 户口簿”", "证明 -户口", "-证明",
	"证明 -派出所 -民政", "不存在的词语", "qwerty", "。，、", "", "   ", "居民户口簿 居民身份证", "e-mail", "24学时",
	"收入证明 低保", "亲属关系证明 -落户", "死亡证明", "出生证明", "体检表", "户口本 户口本",
	"居民户口簿复印件和身份证明材料以及不动产权证书原件",               // no exact match: a fallback of many terms, nested
	"一 二 三 四 五 六 七 八 九 十 甲 乙 丙 丁 戊 己 庚 辛 壬 癸", // more clauses than maxClauses
	"户口本 低保 无犯罪证明 工商 国土",                      // several synonyms at once
}

// readingQueries are read as pinyin or homophones, or typed in
// traditional characters: asked of every catalog beside handQueries (and
// kept apart from them, whose answers TestGolden pins).
var readingQueries = []string{
	"hukouben", "hkb", "hk", "swzm", "hukoub", "hu kou ben", "hu4kou3ben3", "fang'an", "wfzjlzm", "zhengming",
	"jumin hukoubu", "yinhang", "hkb -证明", "hkb 证明", "ICP", "B2B", "icp beian", "xyz", "a", "zh",
	"无犯罪纪录证明", "户口所在地证名", "死往证明", "户口本证名", "低宝", "居民户口部 证明", "证名 -户口",
	"戶口所在地證明", "辦理", "無犯罪記錄證明", "戶口本", "居民戶口簿 證明", "證明 -戶口", "乾坤",
}

// catalogQueries cuts about 150 queries from c's own text: names, aliases,
// department names and aliases, policy numbers, synonyms, pieces of
// values, one characters, pairs, exclusions and phrases.
func catalogQueries(c *catalog.Catalog, seed int64) []string {
	rng := rand.New(rand.NewSource(seed))
	var names, aliases, values []string
	for _, r := range c.Records {
		names = append(names, r.Name)
		aliases = append(aliases, r.Aliases...)
		for _, vs := range tierValues(c, r) {
			values = append(values, vs...)
		}
	}
	pick := func(list []string) string {
		if len(list) == 0 {
			return "证明"
		}
		return list[rng.Intn(len(list))]
	}
	runs := hanRuns(values)
	piece := func() string {
		run := []rune(pick(runs))
		n := 1 + rng.Intn(min(6, len(run)))
		at := rng.Intn(len(run) - n + 1)
		return string(run[at : at+n])
	}
	var out []string
	for i := 0; i < 20; i++ {
		out = append(out, pick(names), piece(), piece())
	}
	for i := 0; i < 8; i++ {
		out = append(out, pick(aliases))
		d := c.Departments[rng.Intn(len(c.Departments))]
		out = append(out, d.Name, pick(append(d.Aliases, d.Name)))
		if len(c.Policies) > 0 {
			p := c.Policies[rng.Intn(len(c.Policies))]
			out = append(out, p.Number, strings.NewReplacer("〔", "[", "〕", "]").Replace(p.Number))
		}
		if len(c.Synonyms) > 0 {
			out = append(out, pick(c.Synonyms[rng.Intn(len(c.Synonyms))].Terms))
		}
	}
	for i := 0; i < 12; i++ {
		out = append(out, piece()+" "+piece(), piece()+" -"+piece(), `"`+piece()+" "+piece()+`"`, widen(pick(latinWords(values))))
	}
	// Life events, last and without rng, so that the queries above stay
	// those of catalogs without events: by name, by a word, in a
	// sentence, split into characters, in traditional characters, excluded.
	for _, e := range c.Events {
		w := e.Name
		if len(e.Words) > 0 {
			w = e.Words[len(e.Words)/2]
		}
		out = append(out, e.Name, w, "家里"+w+"了怎么办", strings.Join(strings.Split(e.Name, ""), " "), "證明 "+w, "证明 -"+w)
	}
	return out
}

// latinWords are the Latin and digit words of values.
func latinWords(values []string) []string {
	var out []string
	for _, v := range values {
		for _, t := range analyze(v, false) {
			if r, _ := utf8.DecodeRuneInString(t.Term); r < utf8.RuneSelf {
				out = append(out, t.Term)
			}
		}
	}
	return out
}

// widen writes ASCII as full-width forms, as a Chinese keyboard might.
func widen(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && r%2 == 0 {
			return r + 0xFEE0
		}
		return r
	}, s)
}

type jsResult struct {
	Total       int
	Partial     bool
	Reading     string
	Hits        [][3]any
	Events      []string
	Departments []string
	Words       []string
}

// TestParity is the proof that search.js answers like bleve: every query
// through Index.Search and through the exported search.js under node must
// give the same records in the same order, scores equal to 1e-9, the same
// synonym notes and the same partial flag; both for all hits and for the
// first seven (where ties across facet runs are cut).
func TestParity(t *testing.T) {
	nodePath(t)
	cats := map[string]fs.FS{"fixture": os.DirFS("testdata/catalog")}
	if !testing.Short() { // parity at scale: the full run only
		cats["synth-2000"] = synth.Catalog(2000, 1)
	}
	if _, err := fs.Stat(os.DirFS("../../content"), "site.toml"); err == nil {
		cats["content"] = os.DirFS("../../content")
	}
	if n, _ := strconv.Atoi(os.Getenv("JZ_SCALE")); n > 0 { // e.g. JZ_SCALE=10000, for the scale issue
		cats["synth-"+strconv.Itoa(n)] = synth.Catalog(n, 1)
	}
	names := make([]string, 0, len(cats))
	for name := range cats {
		names = append(names, name)
	}
	sort.Strings(names)
	total := 0
	for i, name := range names {
		c := loadCatalog(t, cats[name])
		queries := append(append(append([]string{}, handQueries...), readingQueries...), catalogQueries(c, int64(i))...)
		queries = append(append(queries, readingCatalogQueries(c, int64(i))...), situationQueries(t)...)
		total += len(queries)
		t.Run(name, func(t *testing.T) { checkParity(t, c, queries) })
	}
	// Again with postings cut into blocks of a few records, so that the
	// choice of blocks for candidates meets every block boundary, and
	// with the terms of Latin letters in term shards, not y.js, and the
	// records in files of a few, as in a large catalog.
	t.Run("fixture-small-blocks", func(t *testing.T) {
		if testing.Short() {
			t.Skip("the full run only")
		}
		defer func(i, b, y, d int) { inlineMax, blockSize, latinOneFile, docsOneFile = i, b, y, d }(inlineMax, blockSize, latinOneFile, docsOneFile)
		inlineMax, blockSize, latinOneFile, docsOneFile = 12, 10, 0, 0
		c := loadCatalog(t, cats["fixture"])
		// what this run is for: phrases scored from their entries'
		// files (ph), records found in them (dr, in g/ and e/ files),
		// records asked for on a guess (h), and pinyin from the term
		// shards (no y.js)
		_, files := exported(t, c)
		ph, dr, dre, h, y := false, false, false, false, false
		for name, b := range files {
			ph = ph || strings.Contains(name, "/g/") && bytes.Contains(b, []byte(`"ph":`))
			dr = dr || strings.Contains(name, "/g/") && bytes.Contains(b, []byte(`"dr":`))
			dre = dre || strings.Contains(name, "/e/") && bytes.Contains(b, []byte(`"dr":`))
			h = h || strings.Contains(name, "/t/") && bytes.Contains(b, []byte(`"h":`)) && files[name[:strings.LastIndex(name, "/t/")]+"/h/0.js"] != nil
			y = y || strings.HasSuffix(name, "/y.js")
		}
		if !ph || !dr || !dre || !h || y {
			t.Fatalf("small blocks: phrases in entry files %v, records in g/ %v and e/ files %v, guesses %v (want all), y.js %v (want none)", ph, dr, dre, h, y)
		}
		queries := append(append(append([]string{}, handQueries...), readingQueries...), catalogQueries(c, 9)...)
		queries = append(queries, readingCatalogQueries(c, 9)...)
		total += len(queries)
		checkParity(t, c, queries)
	})
	t.Logf("%d queries compared over %d catalogs", total, len(names)+1)
}

// situationQueries are the queries of the situation files
// (situationFiles): residents' situations and questions, read as needs
// (needs.go) when they match nothing as typed.
func situationQueries(t *testing.T) []string {
	var out []string
	for _, f := range situationFiles {
		for _, s := range loadSituations(t, f.path) {
			out = append(out, s.Query)
		}
	}
	return out
}

func checkParity(t *testing.T, c *catalog.Catalog, queries []string) {
	ix, files := exported(t, c)
	root := writeSite(t, files)
	for _, n := range []int{0, 7} {
		var js []jsResult
		runNode(t, root, map[string]any{"mode": "search", "n": n, "queries": queries}, &js)
		bad := 0
		for i, q := range queries {
			r, err := ix.Search(q, n)
			if err != nil {
				t.Fatal(err)
			}
			if msg := compareResult(r, js[i]); msg != "" {
				if bad++; bad <= 10 {
					t.Errorf("n=%d %q: %s", n, q, msg)
				}
			}
		}
		if bad > 0 {
			t.Errorf("n=%d: %d of %d queries differ", n, bad, len(queries))
		}
	}
}

func compareResult(r *Result, js jsResult) string {
	if r.Total != js.Total || r.Partial != js.Partial || r.Reading != js.Reading || len(r.Hits) != len(js.Hits) {
		return fmt.Sprintf("bleve total %d partial %v reading %q hits %d; search.js total %d partial %v reading %q hits %d",
			r.Total, r.Partial, r.Reading, len(r.Hits), js.Total, js.Partial, js.Reading, len(js.Hits))
	}
	var events []string
	for _, e := range r.Events {
		events = append(events, e.ID)
	}
	if strings.Join(events, " ") != strings.Join(js.Events, " ") {
		return fmt.Sprintf("events: bleve %v, search.js %v", events, js.Events)
	}
	var depts []string
	for _, d := range r.Departments {
		depts = append(depts, d.ID)
	}
	if strings.Join(depts, " ") != strings.Join(js.Departments, " ") {
		return fmt.Sprintf("departments: bleve %v, search.js %v", depts, js.Departments)
	}
	if strings.Join(r.Words, "|") != strings.Join(js.Words, "|") {
		return fmt.Sprintf("words: bleve %v, search.js %v", r.Words, js.Words)
	}
	for i, h := range r.Hits {
		id, score, via := js.Hits[i][0].(string), js.Hits[i][1].(float64), js.Hits[i][2].(string)
		if id != h.ID || via != h.Via || math.Abs(score-h.Score) > 1e-9*math.Abs(h.Score) {
			return fmt.Sprintf("hit %d: bleve %s %.17g %q; search.js %s %.17g %q", i, h.ID, h.Score, h.Via, id, score, via)
		}
	}
	return ""
}
