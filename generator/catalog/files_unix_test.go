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
		"training/x.toml:1:1: 这是命名管道（FIFO），不是普通文件，不会读取：请换成文件或删掉",
		"training/y.toml:1:1: 这是命名管道（FIFO），不是普通文件，不会读取：请换成文件或删掉",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
