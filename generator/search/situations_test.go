package search

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// situationFiles hold what residents type when something has happened to
// them, with the records they would want to see (issue #18), and the
// figures TestSituations asks of the sample catalog on each: a floor under
// what the search reaches today, so that no change loses ground (issue #18
// aims at 95% and 95%). They are held-out sets: see their headers before
// changing anything they could tune. situations2.txt was written later,
// blind to the engine, the thesaurus, the synonyms and the first set, so
// it also measures the changes made after the first set's misses were seen.
var situationFiles = []struct {
	path            string
	success, recall float64 // share of queries with a relevant record in the top 3; mean share of the relevant records in the top 20
}{
	{"testdata/situations.txt", 0.95, 0.95},
	{"testdata/situations2.txt", 0.93, 0.91},
}

// maxRelevant bounds the judgements of one query: more than that and the
// query is too vague to judge (an office's name keeps its 12 most central).
const maxRelevant = 12

// situation is one query of situations.txt and its relevant record ids.
type situation struct {
	File     string // its file's base name
	Line     int
	Category string // from the "## " comment above it; "" before any
	Query    string
	Relevant []string
}

// readSituations reads a situations file: "query<TAB>id id …" lines,
// comments starting with #, blank lines; a comment "## name" names the
// category of the queries below it. Errors name the file and line.
func readSituations(name string) ([]situation, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	base := path.Base(name)
	var out []situation
	seen := map[string]int{}
	category := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: not UTF-8", base, n)
		}
		if strings.HasPrefix(line, "## ") {
			category = strings.TrimSpace(strings.TrimPrefix(line, "## "))
			continue
		}
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		q, ids, ok := strings.Cut(line, "\t")
		q = strings.TrimSpace(q)
		switch {
		case !ok:
			return nil, fmt.Errorf("%s:%d: no tab between the query and its ids: %q", base, n, line)
		case q == "":
			return nil, fmt.Errorf("%s:%d: empty query", base, n)
		case strings.Contains(ids, "\t"):
			return nil, fmt.Errorf("%s:%d: more than one tab; ids are separated by spaces", base, n)
		}
		if prev, dup := seen[q]; dup {
			return nil, fmt.Errorf("%s:%d: query %q already on line %d", base, n, q, prev)
		}
		seen[q] = n
		s := situation{File: base, Line: n, Category: category, Query: q, Relevant: strings.Fields(ids)}
		if len(s.Relevant) == 0 || len(s.Relevant) > maxRelevant {
			return nil, fmt.Errorf("%s:%d: %d relevant ids, want 1 to %d", base, n, len(s.Relevant), maxRelevant)
		}
		dups := map[string]bool{}
		for _, id := range s.Relevant {
			if dups[id] {
				return nil, fmt.Errorf("%s:%d: id %s twice", base, n, id)
			}
			dups[id] = true
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	return out, nil
}

// measureSituations asks ix every query of set and returns success@3, the
// share of queries with at least one relevant id in the top 3 hits, and
// recall@20, the mean over queries of |relevant ∩ top 20| / min(|relevant|,
// 20). misses describes each query that failed success@3 or found fewer
// than all of its relevant ids in the top 20, with its top 3 ids.
func measureSituations(ix *Index, set []situation) (success3, recall20 float64, misses []string) {
	if len(set) == 0 {
		return 0, 0, nil
	}
	for _, s := range set {
		top, err := topIDs(ix, s.Query, 20)
		if err != nil {
			misses = append(misses, fmt.Sprintf("%s:%d %q: %v", s.File, s.Line, s.Query, err))
			continue
		}
		rank := map[string]int{}
		for i, id := range top {
			rank[id] = i + 1
		}
		hit3, found := false, 0
		var lost []string
		for _, id := range s.Relevant {
			r, ok := rank[id]
			if ok {
				found++
			} else {
				lost = append(lost, id)
			}
			if ok && r <= 3 {
				hit3 = true
			}
		}
		recall := float64(found) / float64(min(len(s.Relevant), 20))
		if hit3 {
			success3++
		}
		recall20 += recall
		if !hit3 || recall < 1 {
			var b strings.Builder
			fmt.Fprintf(&b, "%s:%d [%s] %q: ", s.File, s.Line, s.Category, s.Query)
			if !hit3 {
				b.WriteString("none relevant in top 3; ")
			}
			fmt.Fprintf(&b, "recall@20 %d/%d", found, len(s.Relevant))
			if len(lost) > 0 {
				fmt.Fprintf(&b, " (not in top 20: %s)", strings.Join(lost, " "))
			}
			fmt.Fprintf(&b, "; top 3: %s", strings.Join(top[:min(3, len(top))], " "))
			if len(top) == 0 {
				b.WriteString("(no hits)")
			}
			misses = append(misses, b.String())
		}
	}
	n := float64(len(set))
	return success3 / n, recall20 / n, misses
}

// topIDs are the ids of the first n hits of q.
func topIDs(ix *Index, q string, n int) ([]string, error) {
	r, err := ix.Search(q, n)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(r.Hits))
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids, nil
}

// loadSituations reads the situation file at p, failing t on any error.
func loadSituations(t *testing.T, p string) []situation {
	t.Helper()
	set, err := readSituations(p)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// sampleFS is the sample catalog, or a skip when it is not there.
func sampleFS(t *testing.T) fs.FS {
	t.Helper()
	fsys := os.DirFS("../../content")
	if _, err := fs.Stat(fsys, "site.toml"); err != nil {
		t.Skip("no sample catalog")
	}
	return fsys
}

// TestSituationsIDsExist checks every judged id against the sample catalog.
func TestSituationsIDsExist(t *testing.T) {
	c := loadCatalog(t, sampleFS(t))
	for _, f := range situationFiles {
		set := loadSituations(t, f.path)
		for _, s := range set {
			for _, id := range s.Relevant {
				if c.Record(id) == nil {
					t.Errorf("%s:%d: no record %q in the sample catalog", s.File, s.Line, id)
				}
			}
		}
		if len(set) < 110 {
			t.Errorf("%s: %d queries, want at least 110", f.path, len(set))
		}
	}
}

// TestSituations measures the search of the sample catalog on each
// situation file: it fails below the file's floors.
func TestSituations(t *testing.T) {
	c := loadCatalog(t, sampleFS(t))
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, f := range situationFiles {
		t.Run(path.Base(f.path), func(t *testing.T) {
			success, recall := logSituations(t, ix, loadSituations(t, f.path))
			if success < f.success || recall < f.recall {
				t.Errorf("success@3 %.1f%% recall@20 %.1f%%, want at least %.1f%% and %.1f%%",
					100*success, 100*recall, 100*f.success, 100*f.recall)
			}
		})
	}
}

// TestSituationsWithoutEventsAndSynonyms measures the same without the
// catalog's life events and synonyms, to show what they contribute. It
// only logs. Setting Catalog.Events and Catalog.Synonyms to nil is not
// enough on its own: Load has already filed each record's events (the
// unexported map behind EventsOf), whose names and words Build indexes.
// So the catalog is loaded without events.toml and synonyms.toml, and the
// fields are set to nil besides.
func TestSituationsWithoutEventsAndSynonyms(t *testing.T) {
	fsys := sampleFS(t)
	bare := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "events.toml" || p == "synonyms.toml" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		bare[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c := loadCatalog(t, bare)
	c.Events, c.Synonyms = nil, nil
	for _, r := range c.Records {
		if len(c.EventsOf(r.ID)) > 0 {
			t.Fatalf("record %s still has life events", r.ID)
		}
	}
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, f := range situationFiles {
		t.Run(path.Base(f.path), func(t *testing.T) { logSituations(t, ix, loadSituations(t, f.path)) })
	}
}

// logSituations measures set on ix and logs the figures, those of each
// category, and every miss.
func logSituations(t *testing.T, ix *Index, set []situation) (success, recall float64) {
	t.Helper()
	success, recall, misses := measureSituations(ix, set)
	t.Logf("success@3 %.1f%% recall@20 %.1f%% (%d queries)", 100*success, 100*recall, len(set))
	var order []string
	byCat := map[string][]situation{}
	for _, s := range set {
		if _, ok := byCat[s.Category]; !ok {
			order = append(order, s.Category)
		}
		byCat[s.Category] = append(byCat[s.Category], s)
	}
	for _, cat := range order {
		s3, r20, _ := measureSituations(ix, byCat[cat])
		t.Logf("  %-9s success@3 %5.1f%% recall@20 %5.1f%% (%d queries)", cat, 100*s3, 100*r20, len(byCat[cat]))
	}
	t.Logf("%d misses:", len(misses))
	for _, m := range misses {
		t.Logf("  %s", m)
	}
	return success, recall
}

// TestReadSituations checks the reader's format and its errors.
func TestReadSituations(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := dir + "/s.txt"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	set, err := readSituations(write("# head\n\n## life\n老人过世了\ta b\n## office\n派出所\tc\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []situation{{"s.txt", 4, "life", "老人过世了", []string{"a", "b"}}, {"s.txt", 6, "office", "派出所", []string{"c"}}}
	if fmt.Sprint(set) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", set, want)
	}
	for text, msg := range map[string]string{
		"# x\n老人过世了 a b\n":                      "s.txt:2: no tab",
		"\n\n\ta\n":                             "s.txt:3: empty query",
		"q\t\n":                                 "s.txt:1: 0 relevant ids",
		"q\ta\tb\n":                             "s.txt:1: more than one tab",
		"q\ta a\n":                              "s.txt:1: id a twice",
		"q\ta\nq\tb\n":                          "s.txt:2: query \"q\" already on line 1",
		"q\t" + strings.Repeat("x ", 13) + "\n": "s.txt:1: 13 relevant ids",
	} {
		_, err := readSituations(write(text))
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: error %v, want one containing %q", text, err, msg)
		}
	}
	// An empty set needs no index.
	if s, r, m := measureSituations(nil, nil); s != 0 || r != 0 || m != nil {
		t.Errorf("empty set: %v %v %v", s, r, m)
	}
}
