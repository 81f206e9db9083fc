package search

import (
	"flag"
	"os"
	"testing"
)

var updateFolded = flag.Bool("update-folded", false, "rewrite js/folded.js from fold_table.go")

// TestFoldedJS holds js/folded.js to foldPairs, and checks under node
// that it names every traditional character of the pairs, and no other.
func TestFoldedJS(t *testing.T) {
	want := foldedJS()
	if *updateFolded {
		if err := os.WriteFile("js/folded.js", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("js/folded.js")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("js/folded.js is not what fold_table.go gives: go test -run TestFoldedJS -update-folded ./generator/search")
	}
	var resp struct{ Size, Missing int }
	runNode(t, engineOnly(t), map[string]any{"mode": "folded", "inputs": []string{foldPairs}}, &resp)
	if n := len([]rune(foldPairs)) / 2; resp.Size != n || resp.Missing != 0 {
		t.Errorf("folded.js holds %d characters and misses %d of the %d of fold_table.go", resp.Size, resp.Missing, n)
	}
}
