package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Which files the catalog reads: ordinary files only, and a symbolic
// link only while it stays inside the content folder. Opening a named
// pipe waits for a writer that may never come (a FIFO named x.toml once
// hung check and build forever), a device can be read without end, and
// a link to /etc/passwd or to another catalog would publish a file that
// nobody put in the content folder. Both are decided from the folder
// listing and Lstat, before anything is opened. Links can be checked
// only in a file system that implements fs.ReadLinkFS, as os.DirFS and
// fstest.MapFS do; an embed.FS holds no links.

// maxLinks bounds the links followed for one file, as the kernel's
// MAXSYMLINKS (40) does, so that a loop of links ends.
const maxLinks = 40

// tomlFiles lists every .toml file in fsys that may be read, in byte
// order of path, and a problem for each one that may not.
func tomlFiles(fsys fs.FS) ([]string, ErrorList, error) {
	var files []string
	var refused ErrorList
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // .git and friends
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(p), ".toml") || strings.HasPrefix(d.Name(), ".") { // .TOML too: Windows editors save it so
			return nil
		}
		if msg := checkFile(fsys, p, d.Type()); msg != "" {
			refused.Add(p, 1, 1, "%s", msg)
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(err, fs.ErrPermission) {
			return nil, nil, fmt.Errorf("读不了内容文件夹里的 %s：没有权限；请让管理电脑的同事开放读的权限", pe.Path)
		}
		return nil, nil, fmt.Errorf("读不了内容文件夹：%w", err)
	}
	sort.Strings(files)
	return files, refused, nil
}

// checkFile says why the entry name of type typ may not be read, or "".
func checkFile(fsys fs.FS, name string, typ fs.FileMode) string {
	if typ&fs.ModeSymlink != 0 {
		r := linkResolver{fsys: fsys}
		target, err := r.walk(".", name, "")
		var esc *escapeError
		switch {
		case errors.As(err, &esc):
			return fmt.Sprintf("这是指向内容文件夹以外 %q 的链接，不会读取：请把文件复制到内容文件夹里", esc.target)
		case errors.Is(err, errLinkLoop):
			return "这个链接绕了一圈又指回自己：请修正链接，或换成文件本身"
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Sprintf("这个链接指向的 %q 不存在：请修正或删掉链接", r.first)
		case err != nil:
			return fmt.Sprintf("读不了这个文件：%v", err)
		}
		info, err := fs.Lstat(fsys, target)
		if err != nil {
			return fmt.Sprintf("读不了这个文件：%v", err)
		}
		typ = info.Mode().Type()
	}
	if typ.IsRegular() {
		return ""
	}
	what := "特殊文件"
	switch {
	case typ&fs.ModeNamedPipe != 0:
		what = "命名管道（FIFO）"
	case typ&fs.ModeDevice != 0:
		what = "设备文件"
	case typ&fs.ModeSocket != 0:
		what = "套接字"
	case typ.IsDir():
		what = "指向文件夹的链接"
	}
	return fmt.Sprintf("这是%s，不是普通文件，不会读取：请换成文件或删掉", what)
}

var errLinkLoop = errors.New("链接太多，或者链接绕成了一个圈")

// escapeError is a link whose target lies outside the file system.
type escapeError struct{ target string }

func (e *escapeError) Error() string { return "链接指向内容文件夹以外的 " + e.target }

// linkResolver follows links inside fsys the way the kernel does, one
// path element at a time, so that a link through a linked folder is
// caught too.
type linkResolver struct {
	fsys  fs.FS
	links int
	first string // the target of the first link followed, for messages
}

// walk resolves rel, slash-separated, from the folder dir (already free
// of links) and returns the path it names, free of links. via is the
// target of the link being followed, "" for the path listed.
func (r *linkResolver) walk(dir, rel, via string) (string, error) {
	for _, elem := range strings.Split(rel, "/") {
		switch elem {
		case "", ".":
			continue
		case "..":
			if dir == "." {
				return "", &escapeError{via}
			}
			dir = path.Dir(dir)
			continue
		}
		p := path.Join(dir, elem)
		info, err := fs.Lstat(r.fsys, p)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			dir = p
			continue
		}
		if r.links++; r.links > maxLinks {
			return "", errLinkLoop
		}
		target, err := fs.ReadLink(r.fsys, p)
		if err != nil {
			return "", err
		}
		if r.first == "" {
			r.first = target
		}
		if filepath.IsAbs(target) || filepath.VolumeName(target) != "" || path.IsAbs(filepath.ToSlash(target)) {
			return "", &escapeError{target}
		}
		if dir, err = r.walk(dir, filepath.ToSlash(target), target); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// has reports whether the list holds a problem in the file name.
func (l ErrorList) has(name string) bool {
	for _, e := range l {
		if e.Path == name {
			return true
		}
	}
	return false
}
