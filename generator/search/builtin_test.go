package search

import (
	"os"
	"slices"
	"testing"

	"jianzheng/generator/catalog"
)

// TestBuiltinGroups: the built-in groups a catalog uses are those some
// record can match, less those synonyms.toml switches off; they widen the
// needs reading only.
func TestBuiltinGroups(t *testing.T) {
	c := loadCatalog(t, os.DirFS("../../content"))
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	has := func(ix *Index, term string) bool {
		return slices.ContainsFunc(ix.builtin, func(g []string) bool { return slices.Contains(g, term) })
	}
	if !has(ix, "摆摊") {
		t.Fatal("the group of 摆摊 is not used on the sample")
	}
	if alts, _ := ix.thes.expand("摆摊", false); len(alts) != 1 {
		t.Errorf("as typed, 摆摊 is widened: %d alternatives", len(alts))
	}
	if alts, _ := ix.thes.expand("摆摊", true); len(alts) < 2 || alts[1].weight != builtinWeight {
		t.Errorf("in the needs reading, 摆摊 is not widened at half weight: %+v", alts)
	}
	c.BuiltinOff = []catalog.BuiltinOff{{Term: "摆摊"}}
	off, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer off.Close()
	if has(off, "摆摊") {
		t.Error("builtin_off = [\"摆摊\"] left its group on")
	}
}
