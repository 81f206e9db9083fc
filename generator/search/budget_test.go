package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"

	"jianzheng/generator/synth"
)

// representative are the queries whose first search the budgets bound:
// names, synonyms, a department, a phrase with a second word; one a line
// in testdata/representative.txt, which the generator's
// TestFirstSearchWeight reads too.
var representative = func() []string {
	b, err := os.ReadFile("testdata/representative.txt")
	if err != nil {
		panic(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}()

// broad queries match much of any catalog (a word in every name, one
// character, the 文号 cited most): their first search is reported, not
// bounded; it grows with the number of matches, whose postings scoring
// and the filters' counts need.
var broad = []string{"证明", "户"}

// read are queries that match only when read as pinyin or homophones, or
// are typed in traditional characters: reported, not bounded (they load
// the s file or r.js beside the shards of an ordinary search).
var read = []string{"hukouben", "hkb", "swzm", "无犯罪纪录证明", "户口所在地证名", "戶口所在地證明", "辦理"}

// gzipSize is the size of b gzipped as a web server would (level 6).
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// pageHits is the first page of results the search page asks for
// (ui.js PAGE; TestPageHits holds the two together).
const pageHits = 5

// TestPageHits checks that the budgets measure the page the search page
// shows: ui.js's PAGE is pageHits.
func TestPageHits(t *testing.T) {
	ui, err := engineFS.ReadFile("js/ui.js")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("var PAGE = %d,", pageHits); !strings.Contains(string(ui), want) {
		t.Errorf("js/ui.js has no %q: the budgets measure another page than the search page shows", want)
	}
}

// firstSearch reports, for each query, the bytes (gzipped, file by file) a
// visitor downloads for a first search from a cold cache: the engine, the
// manifest and the shards of the first page of results (as the page asks:
// pageHits). The page itself is not included.
func firstSearch(t *testing.T, files map[string][]byte, queries []string) (sizes, counts, waves []int, report string) {
	var loads []struct {
		Files []string
		Waves int
	}
	runNode(t, writeSite(t, files), map[string]any{"mode": "loads", "n": pageHits, "queries": queries}, &loads)
	dir := IndexDir + indexFolder(t, files) + "/"
	var b strings.Builder
	engine := gzipSize(files[EnginePath])
	fmt.Fprintf(&b, "  engine %s: %d B gzip (%d B raw)\n", EnginePath, engine, len(files[EnginePath]))
	for i, q := range queries {
		total, kinds := engine, map[string]int{}
		for _, f := range loads[i].Files {
			n := gzipSize(files[f])
			total += n
			kinds[strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(f, dir), IndexDir), "/", 2)[0]] += n
		}
		var parts []string
		for k, n := range kinds {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimSuffix(k, ".js"), n))
		}
		sort.Strings(parts)
		fmt.Fprintf(&b, "  %-22s %4d files %d waves %7d B gzip with engine  (%s)\n", q, len(loads[i].Files)+1, loads[i].Waves, total, strings.Join(parts, ", "))
		sizes = append(sizes, total)
		counts = append(counts, len(loads[i].Files)+1)
		waves = append(waves, loads[i].Waves)
	}
	return sizes, counts, waves, b.String()
}

// exportOf builds and exports the catalog in fsys; it returns the files,
// the number of records and the 文号 of the policy cited most, a
// representative query that has answers.
func exportOf(t *testing.T, fsys fs.FS) (map[string][]byte, int, string) {
	c := loadCatalog(t, fsys)
	cited := map[string]int{}
	for _, r := range c.Records {
		for _, p := range r.Policies {
			cited[p]++
		}
	}
	number, most := "", -1
	for _, p := range c.Policies {
		if cited[p.ID] > most {
			number, most = p.Number, cited[p.ID]
		}
	}
	_, files := exported(t, c)
	return files, len(c.Records), number
}

func describe(files map[string][]byte) string {
	raw, gz := 0, 0
	for _, b := range files {
		raw += len(b)
	}
	for name, b := range files {
		if strings.HasSuffix(name, "manifest.js") || name == EnginePath {
			gz += gzipSize(b)
		}
	}
	return fmt.Sprintf("%d files, %d B raw", len(files), raw)
}

// TestBudget measures first-search transfer, gzipped file by file, from a
// cold cache for the first page of results (pageHits): the engine, the
// manifest and every shard the query loads. It enforces the budgets for
// the representative queries at 10,000 synthetic records: ≤ 60 KB. The
// sample's are reported: issue 3 bounds them with the page (≤ 40 KB),
// which the generator's TestFirstSearchWeight weighs from the built site. With JZ_BENCH_100K=1 it also reports
// 100,000 records against 150 KB, without failing: see the report.
//
//	go test -run TestBudget -v ./generator/search
func TestBudget(t *testing.T) {
	nodePath(t)
	type budget struct {
		name    string
		fsys    func() fs.FS
		limit   int // 0: figures only
		enforce bool
	}
	budgets := []budget{
		{"sample", func() fs.FS { return os.DirFS("../../content") }, 0, false},
		{"synth-10000", func() fs.FS { return synth.Catalog(10000, 1) }, 60 << 10, true},
	}
	if os.Getenv("JZ_BENCH_100K") != "" {
		budgets = append(budgets, budget{"synth-100000", func() fs.FS { return synth.Catalog(100000, 1) }, 150 << 10, false})
	}
	for _, bd := range budgets {
		t.Run(bd.name, func(t *testing.T) {
			fsys := bd.fsys()
			if _, err := fs.Stat(fsys, "site.toml"); err != nil {
				t.Skip("no catalog")
			}
			if testing.Short() && bd.name != "sample" {
				t.Skip("-short")
			}
			files, n, number := exportOf(t, fsys)
			queries := append(append(append(append([]string{}, representative...), broad...), number), read...)
			sizes, _, _, report := firstSearch(t, files, queries)
			var over []string
			for i, q := range representative {
				if bd.limit > 0 && sizes[i] > bd.limit {
					over = append(over, fmt.Sprintf("%s needs %d B", q, sizes[i]))
				}
			}
			budget := fmt.Sprintf("budget %d B for the representative queries", bd.limit)
			if bd.limit == 0 {
				budget = "the representative queries (their budget, with the page, is TestFirstSearchWeight's in the generator)"
			}
			t.Logf("%d records; export %s; %s; broad ones, the 文号 cited most and queries read as pinyin are listed last:\n%s",
				n, describe(files), budget, report)
			if len(over) > 0 && bd.enforce {
				t.Errorf("over the budget of %d B: %s", bd.limit, strings.Join(over, "; "))
			} else if len(over) > 0 {
				t.Logf("OVER the budget of %d B: %s", bd.limit, strings.Join(over, "; "))
			}
		})
	}
}
