package search

import (
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"jianzheng/generator/catalog"
)

// TestEngineNeverThrows runs 10,000 generated queries (huge, only
// punctuation, unpaired surrogates, RTL and zero-width marks, regex
// characters, emoji, NUL) through the shipped engine over the sample's
// index: none may throw, and each must settle within a bound generous
// enough for a loaded CI machine (the figure is logged).
func TestEngineNeverThrows(t *testing.T) {
	c, err := catalog.Load(os.DirFS("../../content"))
	if err != nil {
		t.Skip("no sample catalog")
	}
	_, files := exported(t, c)
	var resp struct {
		Errors []struct{ Q, Error string }
		Failed int
		MaxMS  float64 `json:"max_ms"`
	}
	count := 10000
	if testing.Short() {
		count = 1000 // a smoke set; the full run tries ten times as many
	}
	runNode(t, writeSite(t, files), map[string]any{"mode": "adversarial", "count": count, "seed": 7}, &resp)
	for _, e := range resp.Errors {
		t.Errorf("query %q threw: %s", e.Q, e.Error)
	}
	if resp.Failed > 0 {
		t.Errorf("%d of 10,000 queries threw", resp.Failed)
	}
	t.Logf("slowest of 10,000 adversarial queries: %.1f ms", resp.MaxMS)
	if resp.MaxMS > 5000 {
		t.Errorf("a query took %.0f ms", resp.MaxMS)
	}
}

// TestSearchNeverFails sends the same kinds of input, and invalid UTF-8,
// through the Go reference.
func TestSearchNeverFails(t *testing.T) {
	c, err := catalog.Load(os.DirFS("../../content"))
	if err != nil {
		t.Skip("no sample catalog")
	}
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	pools := []string{`.*+?^${}()|[]\/"'-`, "户口本市民政局证明死亡〔〕号", "\u200F\u202E\u200B\u2028\uFEFF\x00\t\n",
		"😀👨‍👩‍👧🇨🇳", "２０１８ＩＣＰ（）！？", "\xff\xfe\xed", `"" -- -"`}
	rng := rand.New(rand.NewSource(7))
	var slowest time.Duration
	for i := range 2000 {
		var q strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			p := []rune(pools[rng.Intn(len(pools))])
			q.WriteRune(p[rng.Intn(len(p))])
		}
		if i%500 == 0 {
			q.WriteString(strings.Repeat("户口本", 30000))
		}
		start := time.Now()
		if _, err := ix.Search(q.String(), 10); err != nil {
			t.Errorf("Search(%.40q): %v", q.String(), err)
		}
		slowest = max(slowest, time.Since(start))
	}
	t.Logf("slowest of 2,000 adversarial queries in Go: %v", slowest)
}
