package catalog

import (
	"strings"
	"testing"
)

// TestBuiltinOff: synonyms.toml may switch built-in groups of everyday
// words off by naming one of their terms; a term that is in no built-in
// group is an error at its own position, with the nearest term offered.
func TestBuiltinOff(t *testing.T) {
	ok := "builtin_off = [\"摆摊\"]\n\n[[synonyms]]\nterms = [\"居民户口簿\", \"户口本\"]\n"
	c, err := Load(catalogFS(map[string]string{"synonyms.toml": ok}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.BuiltinOff) != 1 || c.BuiltinOff[0].Term != "摆摊" || c.BuiltinOff[0].Pos.Line != 1 || len(c.Synonyms) != 1 {
		t.Fatalf("builtin_off = %+v, synonyms %d", c.BuiltinOff, len(c.Synonyms))
	}
	bad := "builtin_off = [\"摆摊\", \"房本本\"]\n"
	_, err = Load(catalogFS(map[string]string{"synonyms.toml": bad}))
	if err == nil || !strings.Contains(err.Error(), "synonyms.toml:1:22: 内置常用词表里没有 \"房本本\"") {
		t.Fatalf("err = %v", err)
	}
	_, err = Load(catalogFS(map[string]string{"synonyms.toml": "builtin_off = \"摆摊\"\n"}))
	if err == nil || !strings.Contains(err.Error(), "synonyms.toml:1:15: builtin_off 要写成列表") {
		t.Fatalf("not a list: %v", err)
	}
}
