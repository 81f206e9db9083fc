package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const oneTraining = "[[training]]\nid = \"t2\"\nname = \"培训\"\ndepartment = \"gongan\"\naudience = \"所有人\"\nfee = \"免费\"\n"

// loadErrors loads fsys and returns its problems, one per line; it fails
// the test if Load does not return within a few seconds (a FIFO once
// made it wait forever).
func loadErrors(t *testing.T, fsys fs.FS) (*Catalog, []string) {
	t.Helper()
	type result struct {
		c   *Catalog
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := Load(fsys)
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		if r.err == nil {
			return r.c, nil
		}
		var list ErrorList
		if !errors.As(r.err, &list) {
			t.Fatalf("err = %v, want an ErrorList", r.err)
		}
		return r.c, strings.Split(list.Error(), "\n")
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return within 10 s")
		return nil, nil
	}
}

// TestOnlyFilesAndLinksInside pins what happens to links and special
// files named *.toml: a link that stays inside the content folder is
// read, anything else is reported at its path and never opened.
func TestOnlyFilesAndLinksInside(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
	}{
		{"link inside", fstest.MapFS{"shared/t.txt": {Data: []byte(oneTraining)}, "training/b.toml": link("../shared/t.txt")}, nil},
		{"link to a link inside", fstest.MapFS{"shared/t.txt": {Data: []byte(oneTraining)}, "shared/u": link("t.txt"), "training/b.toml": link("../shared/u")}, nil},
		{"link up and out", fstest.MapFS{"training/b.toml": link("../../secret.toml")},
			[]string{`training/b.toml:1:1: 这是指向内容文件夹以外 "../../secret.toml" 的链接，不会读取：请把文件复制到内容文件夹里`}},
		{"absolute link", fstest.MapFS{"training/b.toml": link("/etc/passwd")},
			[]string{`training/b.toml:1:1: 这是指向内容文件夹以外 "/etc/passwd" 的链接，不会读取：请把文件复制到内容文件夹里`}},
		{"through a linked folder", fstest.MapFS{"shared": link("/srv/other-catalog"), "training/b.toml": link("../shared/t.toml")},
			[]string{`training/b.toml:1:1: 这是指向内容文件夹以外 "/srv/other-catalog" 的链接，不会读取：请把文件复制到内容文件夹里`}},
		{"loop", fstest.MapFS{"training/b.toml": link("c.toml"), "training/c.toml": link("b.toml")},
			[]string{
				`training/b.toml:1:1: 这个链接绕了一圈又指回自己：请修正链接，或换成文件本身`,
				`training/c.toml:1:1: 这个链接绕了一圈又指回自己：请修正链接，或换成文件本身`,
			}},
		{"dangling", fstest.MapFS{"training/b.toml": link("gone.toml")},
			[]string{`training/b.toml:1:1: 这个链接指向的 "gone.toml" 不存在：请修正或删掉链接`}},
		{"link to a folder", fstest.MapFS{"training/b.toml": link("../village")},
			[]string{`training/b.toml:1:1: 这是指向文件夹的链接，不是普通文件，不会读取：请换成文件或删掉`}},
		{"named pipe", fstest.MapFS{"training/b.toml": {Mode: fs.ModeNamedPipe}},
			[]string{`training/b.toml:1:1: 这是命名管道（FIFO），不是普通文件，不会读取：请换成文件或删掉`}},
		{"device", fstest.MapFS{"training/b.toml": {Mode: fs.ModeDevice | fs.ModeCharDevice}},
			[]string{`training/b.toml:1:1: 这是设备文件，不是普通文件，不会读取：请换成文件或删掉`}},
		{"site.toml a pipe", fstest.MapFS{"site.toml": {Mode: fs.ModeNamedPipe}},
			[]string{`site.toml:1:1: 这是命名管道（FIFO），不是普通文件，不会读取：请换成文件或删掉`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := catalogFS(nil)
			for name, f := range tt.files {
				fsys[name] = f
			}
			c, got := loadErrors(t, fsys)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.want == nil && !hasRecord(c, "t2") {
				t.Error("the record behind the link was not read")
			}
		})
	}
}

// TestLinksOnDisk checks the same on a real folder through os.DirFS,
// which is what build and check read.
func TestLinksOnDisk(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for name, data := range base {
		writeFile(t, filepath.Join(content, name), data)
	}
	writeFile(t, filepath.Join(dir, "secret.toml"), oneTraining)
	writeFile(t, filepath.Join(content, "shared", "t.txt"), strings.Replace(oneTraining, "t2", "t3", 1))
	if err := os.Symlink("../../secret.toml", filepath.Join(content, "training", "out.toml")); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	if err := os.Symlink("../shared/t.txt", filepath.Join(content, "training", "in.toml")); err != nil {
		t.Fatal(err)
	}
	_, got := loadErrors(t, os.DirFS(content))
	want := `training/out.toml:1:1: 这是指向内容文件夹以外 "../../secret.toml" 的链接，不会读取：请把文件复制到内容文件夹里`
	if strings.Join(got, "\n") != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	os.Remove(filepath.Join(content, "training", "out.toml"))
	c, got := loadErrors(t, os.DirFS(content))
	if got != nil || !hasRecord(c, "t3") {
		t.Errorf("a link inside the content folder was not read: %v", got)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLongString: one string holds at most MaxString bytes, reported at
// the string; a string of exactly MaxString bytes is fine.
func TestLongString(t *testing.T) {
	rec := func(notes string) string {
		return "[[training]]\nid = \"t2\"\nname = \"培训\"\ndepartment = \"gongan\"\naudience = \"所有人\"\nfee = \"免费\"\nnotes = " + notes + "\n"
	}
	tests := []struct{ name, src, want string }{
		{"at the limit", rec(`"` + strings.Repeat("a", MaxString) + `"`), ""},
		{"one byte over", rec(`"` + strings.Repeat("a", MaxString+1) + `"`),
			"training/b.toml:7:9: 这段文字长 65 KB，一个值最多 64 KB：请缩短，或把长文发在别处再链接过去"},
		{"7 MB of Chinese, multi-line", rec(`"""` + "\n" + strings.Repeat("证明材料\n", 7<<20/13) + `"""`),
			"training/b.toml:7:9: 这段文字长 7168 KB，一个值最多 64 KB：请缩短，或把长文发在别处再链接过去"},
		{"in a list", rec(`"x"` + "\naliases = [\"a\", '" + strings.Repeat("b", MaxString+10) + "']"),
			"training/b.toml:8:17: 这段文字长 65 KB，一个值最多 64 KB：请缩短，或把长文发在别处再链接过去"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := loadErrors(t, catalogFS(map[string]string{"training/b.toml": tt.src}))
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestErrorCap: past MaxErrorLines problems, one line counts the rest;
// the lines shown are the first in sorted order.
func TestErrorCap(t *testing.T) {
	var src strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&src, "[[training]]\nid = \"t%04d\"\n", i) // each lacks name, department, audience and fee
	}
	_, got := loadErrors(t, catalogFS(map[string]string{"training/b.toml": src.String()}))
	if len(got) != MaxErrorLines+1 {
		t.Fatalf("%d lines, want %d", len(got), MaxErrorLines+1)
	}
	if want := "另有 5000 个问题：先改正上面的，再运行一次就能看到其余的"; got[MaxErrorLines] != want {
		t.Errorf("last line %q, want %q", got[MaxErrorLines], want)
	}
	if !strings.HasPrefix(got[0], "training/b.toml:1:1: ") || !strings.HasPrefix(got[MaxErrorLines-1], "training/b.toml:499:1: ") {
		t.Errorf("not the first problems in order: %q … %q", got[0], got[MaxErrorLines-1])
	}
	short := ErrorList{{Path: "a.toml", Line: 1, Col: 1, Msg: "x"}}
	if short.Error() != "a.toml:1:1: x" {
		t.Errorf("one problem printed as %q", short.Error())
	}
}

func hasRecord(c *Catalog, id string) bool {
	if c == nil {
		return false
	}
	for _, r := range c.Records {
		if r.ID == id {
			return true
		}
	}
	return false
}
