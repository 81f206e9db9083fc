package search

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden.txt")

// TestGolden holds ordinary queries to the answers they had before pinyin,
// homophones and traditional characters were added: the ranked ids,
// scores, notes and partial flags of the parity queries on the sample
// catalog, in testdata/golden.txt (written with -update-golden).
func TestGolden(t *testing.T) {
	fsys := os.DirFS("../../content")
	if _, err := fs.Stat(fsys, "site.toml"); err != nil {
		t.Skip("no sample catalog")
	}
	c := loadCatalog(t, fsys)
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var b strings.Builder
	for _, q := range append(append([]string{}, handQueries...), catalogQueries(c, 0)...) {
		r, err := ix.Search(q, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%q total=%d partial=%v\n", q, r.Total, r.Partial)
		for _, h := range r.Hits {
			fmt.Fprintf(&b, "\t%s %.17g %q\n", h.ID, h.Score, h.Via)
		}
	}
	const path = "testdata/golden.txt"
	if *updateGolden {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < min(len(gl), len(wl)); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("answers differ from %s at line %d:\n  got  %s\n  want %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("answers differ from %s: %d lines, want %d", path, len(gl), len(wl))
	}
}
