package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteNew: a new file is written whole; an existing one is never
// replaced; a failed write leaves the folder as it was, without a
// temporary file.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.toml")
	if err := WriteNew(name, []byte("x = 1\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "x = 1\n" {
		t.Errorf("wrote %q", b)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	err := WriteNew(name, []byte("x = 2\n"))
	if err == nil || !strings.Contains(err.Error(), "被别的程序建了出来") {
		t.Errorf("over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "x = 1\n" {
		t.Errorf("the existing file was replaced: %q", b)
	}
	if os.Getuid() != 0 { // root writes into a read-only folder
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		if err := WriteNew(filepath.Join(ro, "b.toml"), []byte("x = 1\n")); err == nil {
			t.Error("writing into a read-only folder did not fail")
		}
	}
	syncFile = func(*os.File) error { return syscall.ENOSPC }
	err = WriteNew(filepath.Join(dir, "c.toml"), []byte("x = 1\n"))
	syncFile = (*os.File).Sync
	if err == nil || !strings.Contains(err.Error(), "no space left on device；没有写入任何内容") {
		t.Errorf("on a full disk: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "a.toml" && got != "a.toml ro" {
		t.Errorf("the folder holds %s", got)
	}
}
