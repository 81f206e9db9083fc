package search

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"jianzheng/generator/synth"
)

// TestBoot: the search page's head start (boot.js, the code manifest.js
// begins with) asks only for files that the engine asks for in its first
// wave after the manifest, so that it never costs a phone a request the
// search would not make; and it names most of them, so that it saves the
// wave its name promises. The queries are the phone benchmark's, the
// situation questions and a few of every shape (traditional characters,
// pinyin, quotes, exclusions, departments, symbols).
func TestBoot(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fsys    fs.FS
		queries []string
	}{
		{"content", os.DirFS("../../content"), bootQueries(t, true)},
		{"synth-2000", synth.Catalog(2000, 1), bootQueries(t, false)}, // the situations are the sample's
	} {
		queries := tc.queries
		t.Run(tc.name, func(t *testing.T) {
			_, files := exported(t, loadCatalog(t, tc.fsys))
			root, dir := writeSite(t, files), IndexDir+indexFolder(t, files)+"/"
			var asked [][]string
			runNode(t, root, map[string]any{"mode": "boot", "queries": queries}, &asked)
			var loads []struct {
				Files []string
				Wave  []int
			}
			runNode(t, root, map[string]any{"mode": "loads", "n": pageHits, "queries": queries}, &loads)
			named, first := 0, 0
			for i, q := range queries {
				wave := map[string]bool{}
				for j, f := range loads[i].Files {
					if loads[i].Wave[j] == 2 { // the manifest is wave 1
						wave[strings.TrimSuffix(strings.TrimPrefix(f, dir), ".js")] = true
					}
				}
				first += len(wave)
				for _, f := range asked[i] {
					if !wave[f] {
						t.Errorf("%q: boot.js asks for %s, which the engine's first wave does not (%v)", q, f, loads[i].Files)
					}
					named++
				}
			}
			t.Logf("boot.js names %d of the %d files of %d queries' first waves", named, first, len(queries))
			if named < first*9/10 {
				t.Errorf("boot.js names %d of the %d files of the first waves, fewer than 90%%", named, first)
			}
		})
	}
}

// bootQueries are the queries TestBoot asks: the phone benchmark's, a
// few of every shape, and if situations the situation questions.
func bootQueries(t *testing.T, situations bool) []string {
	qs := []string{"戶口本", "hukouben", "swzm", "-证明 户口", `"死亡 证明"`, "ＡＢＣ证明", "B超", "2018", "市民政局", "公安局 户口", "   ", "！？", "证"}
	b, err := os.ReadFile("../testdata/phone-queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			qs = append(qs, line)
		}
	}
	for _, p := range []string{"testdata/situations.txt", "testdata/situations2.txt"} {
		if !situations {
			break
		}
		for _, s := range loadSituations(t, p) {
			qs = append(qs, s.Query)
		}
	}
	return qs
}

// TestHomophoneOneFile: a word read as homophones asks for r.js alone
// when the manifest has y, for r.js carries y.js's data, where the
// readings' terms are: one request, not two, on the way of every Han
// query that matches nothing as typed.
func TestHomophoneOneFile(t *testing.T) {
	_, files := exported(t, loadCatalog(t, os.DirFS("../../content")))
	root, dir := writeSite(t, files), IndexDir+indexFolder(t, files)+"/"
	if files[dir+"y.js"] == nil {
		t.Fatal("the sample's terms of Latin letters are not in y.js")
	}
	queries := []string{"无犯罪纪录证明", "户口所在地证名"}
	var res []struct{ Reading string }
	runNode(t, root, map[string]any{"mode": "search", "n": pageHits, "queries": queries}, &res)
	var loads []struct{ Files []string }
	runNode(t, root, map[string]any{"mode": "loads", "n": pageHits, "queries": queries}, &loads)
	for i, q := range queries {
		if res[i].Reading != "homophone" {
			t.Errorf("%q read as %q, want homophone", q, res[i].Reading)
		}
		got := map[string]bool{}
		for _, f := range loads[i].Files {
			got[strings.TrimPrefix(f, dir)] = true
		}
		if !got["r.js"] || got["y.js"] {
			t.Errorf("%q loads %v: want r.js, and no y.js", q, loads[i].Files)
		}
	}
}
