package search

import (
	"maps"
	"math/rand"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jianzheng/generator/catalog"
)

// readingCatalogQueries cuts queries from c's names as residents might
// type them: full pinyin, initials, a mix, a homophone typo of one
// character, and the name in traditional characters.
func readingCatalogQueries(c *catalog.Catalog, seed int64) []string {
	rng := rand.New(rand.NewSource(seed))
	homophones := map[string][]rune{}
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		if py := reading(r); py != "" {
			homophones[py] = append(homophones[py], r)
		}
	}
	traditional := map[rune]rune{}
	rs := []rune(foldPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		traditional[rs[i+1]] = rs[i]
	}
	var out []string
	for i := 0; i < 12 && len(c.Records) > 0; i++ {
		name := []rune(c.Records[rng.Intn(len(c.Records))].Name)
		var han []rune
		for _, r := range name {
			if !hanRune(r) {
				break
			}
			han = append(han, r)
		}
		if len(han) < 2 {
			continue
		}
		var full, initials []string
		typo, trad := append([]rune{}, han...), append([]rune{}, han...)
		for _, r := range han {
			py := reading(r)
			if py == "" {
				py = "x"
			}
			full, initials = append(full, py), append(initials, py[:1])
			if t, ok := traditional[r]; ok {
				trad[len(full)-1] = t
			}
		}
		k := rng.Intn(len(han))
		if alts := homophones[reading(han[k])]; len(alts) > 1 {
			typo[k] = alts[rng.Intn(len(alts))]
		}
		mix := strings.Join(full[:len(full)-1], "") + initials[len(initials)-1]
		out = append(out, strings.Join(full, ""), strings.Join(initials, ""), mix, strings.Join(full, " "), string(typo), string(trad))
	}
	return out
}

// TestReadings checks the done-when queries of the sample catalog: each
// brings the named record into the top three, read as the issue asks.
func TestReadings(t *testing.T) {
	fsys := os.DirFS("../../content")
	c := loadCatalog(t, fsys)
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct{ q, want, reading string }{
		{"hukouben", "hukou-suozaidi-yibao", readPinyin},
		{"hkb", "hukou-suozaidi-yibao", readPinyin},
		{"hu kou ben", "hukou-suozaidi-yibao", readPinyin},
		{"hukoub", "hukou-suozaidi-yibao", readPinyin},
		{"swzm", "siwang-zhengming-huohua", readPinyin},
		{"wfzjlzm", "wufanzui-jilu-jiaoshi-zige", readPinyin},
		{"无犯罪纪录证明", "wufanzui-jilu-jiaoshi-zige", readHomophone},
		{"户口所在地证名", "hukou-suozaidi-yibao", readHomophone},
		{"戶口所在地證明", "hukou-suozaidi-yibao", ""},
		{"辦理", "jihua-shengyu-zhengming-luohu", ""},
	} {
		r, err := ix.Search(tc.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range r.Hits {
			found = found || h.ID == tc.want
			if tc.reading != "" && h.Via != h.Name {
				t.Errorf("%s: hit %s has Via %q, want its name", tc.q, h.ID, h.Via)
			}
		}
		if !found || r.Reading != tc.reading {
			t.Errorf("%s: reading %q, top three %v; want %s read %q", tc.q, r.Reading, r.Hits, tc.want, tc.reading)
		}
	}
}

func TestSegment(t *testing.T) {
	for in, want := range map[string]string{
		"hukouben": "hu kou ben", "hkb": "h k b", "swzm": "s w z m", "hukoub": "hu kou b",
		"zhengming": "zheng ming", "fangan": "fang an", "icp": "", "b2b": "",
	} {
		if got := strings.Join(segment(in), " "); got != want {
			t.Errorf("segment(%q) = %q, want %q", in, got, want)
		}
	}
	if got := strings.Join(pinyinTerms("hu4kou3ben3"), " "); got != "hu kou ben" {
		t.Errorf("pinyinTerms(hu4kou3ben3) = %q", got)
	}
}

// TestPinyinTokens: every reading of a polyphonic character, and each
// reading's first letter, at the character's position; nothing for words.
func TestPinyinTokens(t *testing.T) {
	var got []string
	for _, tk := range pinyinTokens("银行 ICP长") {
		got = append(got, tk.Term+"@"+strconv.Itoa(tk.Pos))
	}
	want := "yin@1 y@1 xing@2 hang@2 heng@2 x@2 h@2 zhang@4 chang@4 z@4 c@4"
	if strings.Join(got, " ") != want {
		t.Errorf("pinyinTokens = %s, want %s", strings.Join(got, " "), want)
	}
}

// TestReadingTable checks r.js: the common characters and those of the
// records' names read, a rare character no name holds does not (a query
// holding it is not read as homophones, in Go as in search.js), and the
// file is the table, grouped by reading.
func TestReadingTable(t *testing.T) {
	c := loadCatalog(t, os.DirFS("../../content"))
	table := readingTable(c)
	for _, r := range c.Records {
		for _, ch := range r.Name {
			if inGB2312(ch) && table[ch] == "" {
				t.Errorf("%c of the name %q has no reading", ch, r.Name)
			}
		}
	}
	for ch, want := range map[rune]string{'名': "ming", '证': "zheng", '行': "xing", '滠': ""} {
		if got := table[ch]; got != want {
			t.Errorf("reading of %c = %q, want %q", ch, got, want)
		}
	}
	if n := len(table); n < 3755 || n > 4500 {
		t.Errorf("%d characters in the table, want the 3,755 common ones and the names' few others", n)
	}
	file := readingFile(table)
	back := map[rune]string{}
	for _, m := range regexp.MustCompile(`([a-z]+)([^a-z]+)`).FindAllStringSubmatch(file, -1) {
		for _, ch := range m[2] {
			back[ch] = m[1]
		}
	}
	if !maps.Equal(back, table) {
		t.Errorf("r.js does not read back as the table: %d characters, want %d", len(back), len(table))
	}
	if !strings.HasPrefix(file, "a啊阿") {
		t.Errorf("r.js starts %q, want the readings in order, a first", file[:20])
	}
}

// TestMuteFillers checks which fillers of questions the sample's names
// cannot sound like: a question holding one is not read as homophones
// (and so loads no reading table), one whose sound a name holds still is.
func TestMuteFillers(t *testing.T) {
	ix := sampleIndex(t)
	for _, tc := range []struct {
		filler string
		mute   bool
	}{
		{"什么", true},
		{"怎么办", true},
		{"办理", false}, // 计划生育证明（办理户口登记）
		{"证明", false}, // not a filler
	} {
		if got := ix.mute[spoken(tc.filler)]; got != tc.mute {
			t.Errorf("%s: mute %v, want %v", tc.filler, got, tc.mute)
		}
	}
	for _, tc := range []struct {
		text string
		read bool
	}{
		{"无犯罪纪录证明", true},
		{"老人过世了要办什么", false},
		{"户口本怎么办", false},
	} {
		p, _ := ix.readingPlan(plan{must: []word{{clause: clause{text: tc.text}, alts: []alt{newAlt(tc.text, 1)}}}})
		if read := len(p.must[0].alts) > 1; read != tc.read {
			t.Errorf("%s: read as homophones %v, want %v", tc.text, read, tc.read)
		}
	}
}
