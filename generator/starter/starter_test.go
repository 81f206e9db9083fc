package starter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"jianzheng/generator/catalog"
)

// TestStarterChecks: the starter catalog is valid, with a record of every
// kind, a department, a policy and a synonym group.
func TestStarterChecks(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range Files(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[catalog.Kind]int{}
	for _, r := range c.Records {
		kinds[r.Kind]++
	}
	if len(kinds) != len(catalog.Kinds) || len(c.Departments) != 1 || len(c.Policies) != 1 || len(c.Synonyms) != 1 {
		t.Errorf("kinds %v, %d departments, %d policies, %d synonym groups", kinds, len(c.Departments), len(c.Policies), len(c.Synonyms))
	}
}

// TestWriteRefusesExisting: init never overwrites a file.
func TestWriteRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, time.Now(), []byte("# 编辑指南\n")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("mine"), 0o644)
	if _, err := Write(dir, time.Now(), nil); err == nil || !strings.Contains(err.Error(), "不会覆盖") {
		t.Errorf("second init: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(data) != "mine" {
		t.Error("init overwrote site.toml")
	}
}
