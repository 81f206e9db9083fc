package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"jianzheng/generator/site"
)

// writeSite replaces the folder out with files, atomically as far as the
// file system allows: everything is written into a new folder beside out,
// and only when all of it is on disk is out swapped for it. A build that
// fails at any point leaves the previous site exactly as it was.
// Top-level dot entries of the old site (.git, .well-known, …) are carried over.
func writeSite(out string, files site.Files) (int64, error) {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return 0, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return 0, fmt.Errorf("writing the site: %w", err)
	}
	written, err := writeFiles(tmp, files)
	var carried []string
	if err == nil {
		carried, err = moveDotEntries(out, tmp)
	}
	if err == nil {
		err = swap(out, tmp)
	}
	if err != nil {
		for _, name := range carried { // put them back before tmp goes
			os.Rename(filepath.Join(tmp, name), filepath.Join(out, name))
		}
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("writing the site: %w (%s was not changed)", err, out)
	}
	return written, nil
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

// writeFiles writes every file under dir, in path order. (Writing from
// several goroutines was measured slower: files of one folder contend
// for the folder's lock.)
func writeFiles(dir string, files site.Files) (int64, error) {
	if err := os.Chmod(dir, 0o755); err != nil {
		return 0, err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var total int64
	made := map[string]bool{}
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return 0, err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return 0, err
		}
		total += int64(len(files[p]))
	}
	return total, nil
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
