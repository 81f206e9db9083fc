package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"jianzheng/generator/site"
)

// siteWriter replaces the folder out with a new site, atomically as far
// as the file system allows: files are written into a new folder beside
// out as they come (write), and only when all of them are on disk is out
// swapped for it (commit). A build that fails at any point (abort) leaves
// the previous site exactly as it was. Top-level dot entries of the old
// site (.git, .well-known, …) are carried over.
type siteWriter struct {
	out, tmp string
	made     map[string]bool // folders created under tmp
	files    int
	pages    int   // files ending in .html
	bytes    int64 // written
}

// newSiteWriter checks that out may be replaced and makes the new folder.
func newSiteWriter(out string) (*siteWriter, error) {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, fmt.Errorf("writing the site: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("writing the site: %w", err)
	}
	return &siteWriter{out: out, tmp: tmp, made: map[string]bool{tmp: true}}, nil
}

// write writes files into the new folder, in path order. (Writing from
// several goroutines was measured slower: files of one folder contend
// for the folder's lock; and the other core is indexing meanwhile.)
func (w *siteWriter) write(files site.Files) error {
	if w.tmp == "" {
		return fmt.Errorf("writing the site: already committed or aborted")
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		full := filepath.Join(w.tmp, filepath.FromSlash(p))
		if d := filepath.Dir(full); !w.made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return w.fail(err)
			}
			w.made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return w.fail(err)
		}
		w.files++
		if strings.HasSuffix(p, ".html") {
			w.pages++
		}
		w.bytes += int64(len(files[p]))
	}
	return nil
}

// commit swaps the new folder in for out.
func (w *siteWriter) commit() error {
	carried, err := moveDotEntries(w.out, w.tmp)
	if err == nil {
		err = swap(w.out, w.tmp)
	}
	if err != nil {
		for _, name := range carried { // put them back before tmp goes
			os.Rename(filepath.Join(w.tmp, name), filepath.Join(w.out, name))
		}
		return w.fail(err)
	}
	w.tmp = ""
	return nil
}

// abort throws the new folder away, unless it was committed.
func (w *siteWriter) abort() {
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
		w.tmp = ""
	}
}

func (w *siteWriter) fail(err error) error {
	w.abort()
	return fmt.Errorf("writing the site: %w (%s was not changed)", err, w.out)
}

// checkReplaceable refuses to replace a folder that holds something other
// than a previous build, so that a mistyped -out cannot delete someone's files.
func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				return &usageError{fmt.Sprintf("-out %s is not empty and holds no index.html: it does not look like a built site, so it will not be replaced; empty it or choose another folder", out)}
			}
			return nil
		}
	}
	return nil
}

// moveDotEntries moves the top-level dot entries of from into to and
// returns their names.
func moveDotEntries(from, to string) ([]string, error) {
	entries, err := os.ReadDir(from)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var moved []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return moved, err
		}
		moved = append(moved, e.Name())
	}
	return moved, err
}

// swap puts the new folder in place of out, moving the old one aside first
// and back again should the second rename fail.
func swap(out, tmp string) error {
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
