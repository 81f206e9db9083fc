//go:build unix

package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFIFO: a named pipe called x.toml is reported, not opened (opening
// it would wait for a writer forever). Only on unix, which has mkfifo.
func TestFIFO(t *testing.T) {
	content := t.TempDir()
	for name, data := range base {
		writeFile(t, filepath.Join(content, name), data)
	}
	os.MkdirAll(filepath.Join(content, "training"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(content, "training", "x.toml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("x.toml", filepath.Join(content, "training", "y.toml")); err != nil {
		t.Fatal(err)
	}
	_, got := loadErrors(t, os.DirFS(content))
	want := []string{
		"training/x.toml:1:1: this is a named pipe (FIFO), not an ordinary file, so it is not read: replace it with a file or remove it",
		"training/y.toml:1:1: this is a named pipe (FIFO), not an ordinary file, so it is not read: replace it with a file or remove it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
