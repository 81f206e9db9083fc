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
		return slices.ContainsFunc(ix.builtin.groups, func(g []string) bool { return slices.Contains(g, term) })
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

// TestBuiltinSituations: a built-in situation the sample uses widens what
// residents say with the services it means, in the needs reading only and
// never the other way round; builtin_off naming a saying switches it off.
func TestBuiltinSituations(t *testing.T) {
	c := loadCatalog(t, os.DirFS("../../content"))
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(ix.builtin.situations) == 0 {
		t.Fatal("no built-in situation is used on the sample")
	}
	s := ix.builtin.situations[0]
	say, means := s[0][0], s[1][0]
	texts := func(alts []alt) []string {
		var out []string
		for _, a := range alts {
			out = append(out, a.text)
		}
		return out
	}
	if alts, _ := ix.thes.expand(say, false); len(alts) != 1 {
		t.Errorf("as typed, %s is widened: %v", say, texts(alts))
	}
	alts, official := ix.thes.expand(say, true)
	if !slices.Contains(texts(alts), means) || official != means {
		t.Errorf("in the needs reading, %s does not call up %s: %v (official %q)", say, means, texts(alts), official)
	}
	for _, a := range alts[1:] {
		if a.weight != builtinWeight {
			t.Errorf("%s: %s at weight %v, want %v", say, a.text, a.weight, builtinWeight)
		}
	}
	if alts, _ := ix.thes.expand(means, true); slices.Contains(texts(alts), say) {
		t.Errorf("%s calls up the saying %s: %v", means, say, texts(alts))
	}
	c.BuiltinOff = []catalog.BuiltinOff{{Term: say}}
	off, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	defer off.Close()
	if slices.ContainsFunc(off.builtin.situations, func(o [2][]string) bool { return slices.Contains(o[0], say) }) {
		t.Errorf("builtin_off = [%q] left its situation on", say)
	}
}
