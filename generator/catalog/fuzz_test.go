package catalog

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader as a record file: it must
// never panic, and every error must point inside the file.
// Longer runs: go test ./generator/catalog -fuzz FuzzLoad -fuzztime 10m
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		base["cancelled/a.toml"], base["village/a.toml"], "", "[[proof]]\nid = \n",
		"[[proof]]\r\nid = \"x\"\r\n", "\uFEFF[[proof]]\nname = '''a\nb'''\n", "a.b.c = [1, [2, {x = 3}]]",
		"[[proof]]\nid = \"p\"\n[proof.x]\ny = 1\n", "[[proof]]\n\"quoted key\" = \"v\"\n", "[x]\n[[x.y]]\n[[x.y]]\nz = 1",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := catalogFS(nil)
		fsys["cancelled/fuzz.toml"] = &fstest.MapFile{Data: data}
		_, err := Load(fsys)
		var list ErrorList
		if err == nil {
			return
		}
		if !errors.As(err, &list) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		lines := strings.Count(string(data), "\n") + 2
		for _, e := range list {
			if e.Line < 1 || e.Col < 1 || e.Path == "cancelled/fuzz.toml" && e.Line > lines {
				t.Errorf("position outside the file: %v", e)
			}
		}
	})
}
