package search

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"户口本 证明", "+户口本 +证明"},
		{"  户口本\u3000证明\t", "+户口本 +证明"},
		{`"社会 保险" 证明`, "+社会 保险 +证明"},
		{"“社会 保险”", "+社会 保险"},
		{`证明 -户口 -"某 某"`, "+证明 -户口 -某 某"},
		{"－户口 证明", "-户口 +证明"},
		{"- 证明", "+证明"},       // a lone - is punctuation
		{"证明 证明 ＂证明＂", "+证明"}, // repeats go
		{"证明 -证明", "+证明 -证明"},
		{"〔〕 ，。 证明", "+证明"}, // clauses without terms go
		{`"unclosed phrase`, "+unclosed phrase"},
		{"", ""},
	} {
		var parts []string
		for _, c := range parseQuery(tc.in) {
			sign := "+"
			if c.not {
				sign = "-"
			}
			parts = append(parts, sign+c.text)
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("parseQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if n := len(parseQuery(strings.Repeat("词 ", 40) + strings.Repeat("字", 3))); n > maxClauses {
		t.Errorf("parseQuery kept %d clauses, more than %d", n, maxClauses)
	}
}

func TestExpand(t *testing.T) {
	ix := fixtureIndex(t)
	for _, tc := range []struct{ in, alts, official string }{
		{"户口本", "户口本|居民户口簿|户口簿", "居民户口簿"},
		{"“户口本”", "“户口本”|居民户口簿|户口簿", "居民户口簿"},
		{"居民户口簿", "居民户口簿|户口本|户口簿", ""}, // the official term needs no note
		{"工商", "工商|诸城市市场监督管理局|dept:shichang", "诸城市市场监督管理局"},
		{"户口", "户口", ""},
	} {
		alts, official := ix.thes.expand(tc.in, false)
		var texts []string
		for _, a := range alts {
			if a.dept {
				texts = append(texts, "dept:"+a.terms[0])
			} else {
				texts = append(texts, a.text)
			}
		}
		if got := strings.Join(texts, "|"); got != tc.alts || official != tc.official {
			t.Errorf("expand(%q) = %s, %q; want %s, %q", tc.in, got, official, tc.alts, tc.official)
		}
	}
}

func TestNewAlt(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"市民政局", "n[市民 民政 政局]"},
		{"户", "u[户]"},
		{"46号", "n[46 号]"},
		{"社会，保险", "n[社会  保险]"},
		{"A类证明", "n[a 类证 证明]"},
		{"“户”。", "u[户]"},
	} {
		a := newAlt(tc.in, 1)
		fam := map[bool]string{false: "n", true: "u"}[a.unigram]
		if got := fmt.Sprintf("%s%v", fam, a.terms); got != tc.want {
			t.Errorf("newAlt(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func fixtureIndex(t testing.TB) *Index { return indexOf(t, "testdata/catalog") }

// sampleIndex is the sample catalog's index (content/), closed when the
// test ends.
func sampleIndex(t testing.TB) *Index { return indexOf(t, "../../content") }

func indexOf(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Build(loadCatalog(t, os.DirFS(dir)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
