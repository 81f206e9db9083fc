package search

import (
	"io/fs"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"jianzheng/generator/catalog"
)

func ids(r *Result) string {
	var out []string
	for _, h := range r.Hits {
		s := h.ID
		if h.Via != "" {
			s += "(" + h.Via + ")"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestSearch pins what the fixture catalog's queries find (as sets; ranking
// is bleve's and is compared with search.js in TestParity).
func TestSearch(t *testing.T) {
	ix := fixtureIndex(t)
	for _, tc := range []struct {
		q, want string
		partial bool
	}{
		{"市民政局", "hukou-zhengming hukou-zhengming shetuan-nianjian jiating-jingji shouru-dibao", false},
		{"社保", "hostile tezhong-zuoye yichu-hunyu", false},                                                      // only in 社保局, the alias; not 社会保险
		{"社会保险", "hostile tezhong-zuoye yichu-hunyu", false},                                                    // no record holds it; read as needs, the built-in group's 社保 finds 社保局's records
		{"开个养狗的证明", "yanggou", false},                                                                           // read as needs: 证明, which most records hold, counts only when nothing else is left
		{"狗要开什么证明", "yanggou", false},                                                                           // so does not a lone character few records hold
		{"证明要什么材料", "hukou-zhengming icp-beian jiating-jingji shouru-dibao wufanzui yanggou yichu-hunyu", true}, // no record holds 材料: the partial fallback reads every term
		{"户籍乱证明", "hukou-zhengming", true},                                                                      // the partial fallback: 户籍 is held, so 证明 does not count
		{"登记乱证明", "hukou-zhengming shetuan-nianjian yanggou yichu-hunyu", true},
		{"社会险保", "", true},                                         // no known word, no record holds it all: a partial match
		{`"社会 保险"`, "shouru-dibao", false},                         // as typed, with the break
		{"户", "hukou-zhengming", false},                            // one character
		{"狗", "yanggou", false},                                    // one character, in an alias
		{"户口本", "hukou-zhengming(居民户口簿)", false},                   // a synonym, and the note
		{"无犯罪证明", "wufanzui(无犯罪记录证明)", false},                      // the same
		{"工商", "icp-beian", false},                                 // a department alias
		{"鲁政办字〔2018〕46号", "icp-beian wufanzui yichu-hunyu", false}, // 文号 in notes and in policies
		{"鲁政办字[2018]46号", "icp-beian wufanzui yichu-hunyu", false},
		{"46号", "icp-beian wufanzui yichu-hunyu", false},
		{"ICP", "icp-beian", false},
		{"２０１８０１２３", "icp-beian", false},
		{"20180123", "icp-beian", false},
		{"证明 -户口", "icp-beian jiating-jingji shouru-dibao wufanzui yanggou yichu-hunyu", false},
		{"-证明", "", false},
		{"。，", "", false},
		{"不存在的词", "", true},
	} {
		r, err := ix.Search(tc.q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.q, err)
		}
		want := strings.Fields(tc.want)
		sort.Strings(want)
		if tc.want == "" && tc.partial {
			want = nil
		}
		if got := ids(r); tc.want != "" && got != strings.Join(dedupe(want), " ") || r.Partial != tc.partial {
			t.Errorf("Search(%q) = %s (partial %v), want %s (partial %v)", tc.q, got, r.Partial, strings.Join(dedupe(want), " "), tc.partial)
		}
		if r.Total != len(r.Hits) {
			t.Errorf("Search(%q, 0): Total %d but %d hits", tc.q, r.Total, len(r.Hits))
		}
	}
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestSubstring checks the central promise: a run of Han characters finds
// exactly the records with a value that contains it. Queries are cut from
// the catalogs' own values.
func TestSubstring(t *testing.T) {
	cats := map[string]fs.FS{"fixture": os.DirFS("testdata/catalog")}
	if _, err := fs.Stat(os.DirFS("../../content"), "site.toml"); err == nil {
		cats["content"] = os.DirFS("../../content")
	}
	for name, fsys := range cats {
		c := loadCatalog(t, fsys)
		ix, err := Build(c)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		rng := rand.New(rand.NewSource(3))
		var values []string
		for _, r := range c.Records {
			for _, vs := range tierValues(c, r) {
				values = append(values, vs...)
			}
		}
		runs := hanRuns(values)
		for i := 0; i < 150 && len(runs) > 0; i++ {
			run := []rune(runs[rng.Intn(len(runs))])
			n := 1 + rng.Intn(min(6, len(run)))
			at := rng.Intn(len(run) - n + 1)
			q := string(run[at : at+n])
			want := map[string]bool{}
			for _, r := range c.Records {
				if recordContains(c, r, q) {
					want[r.ID] = true
				}
			}
			res, err := ix.Search(q, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, h := range res.Hits {
				got[h.ID] = true
			}
			if len(want) == 0 && (res.Partial || len(got) == 0) {
				continue
			}
			if !res.Partial && len(got) == len(want) {
				ok := true
				for id := range want {
					ok = ok && got[id]
				}
				if ok {
					continue
				}
			}
			if th, _ := ix.thes.expand(q, false); len(th) > 1 {
				continue // synonyms add records on purpose
			}
			t.Errorf("%s: %q found %d records (partial %v), %d contain it", name, q, len(got), res.Partial, len(want))
		}
	}
}

// hanRuns are the runs of Han characters in values.
func hanRuns(values []string) []string {
	var out []string
	for _, v := range values {
		for _, f := range strings.FieldsFunc(fold(v), func(r rune) bool { return !hanRune(r) }) {
			if utf8.RuneCountInString(f) > 0 {
				out = append(out, f)
			}
		}
	}
	return out
}

// recordContains reports whether r's indexed values hold q: its tiers,
// and the names and words of its life events (tierTexts).
func recordContains(c *catalog.Catalog, r *catalog.Record, q string) bool {
	vs := tierValues(c, r)
	for _, e := range c.EventsOf(r.ID) {
		vs[1] = append(append(vs[1], e.Name), e.Words...)
	}
	for _, vs := range vs {
		for _, v := range vs {
			if strings.Contains(fold(v), q) {
				return true
			}
		}
	}
	return false
}
