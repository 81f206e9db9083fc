package site

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"jianzheng/templates"
)

// TestPreparedPages: a page rendered alone is the page Files renders, every
// file is found by Has and Page, and nothing else is.
func TestPreparedPages(t *testing.T) {
	s, err := Prepare(loadFixture(t), templates.FS, nil, Search{Engine: []byte("/* the search engine */"), Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.Files()
	if err != nil {
		t.Fatal(err)
	}
	if paths := s.Paths(); len(paths) != len(files) {
		t.Errorf("Paths lists %d files, Files renders %d", len(paths), len(files))
	}
	for _, name := range s.Paths() {
		want, ok := files[name]
		if !ok {
			t.Errorf("Paths lists %s, which Files does not render", name)
		}
		got, ok, err := s.Page(name)
		if !ok || err != nil || !bytes.Equal(got, want) || !s.Has(name) {
			t.Errorf("Page(%q): %v, %v, same bytes %v; Has %v", name, ok, err, bytes.Equal(got, want), s.Has(name))
		}
	}
	for _, name := range []string{"", "cancelled", "cancelled/no-such-id/index.html", "assets/search.js"} {
		if _, ok, _ := s.Page(name); ok || s.Has(name) {
			t.Errorf("Page(%q) found a file", name)
		}
	}
}

// TestPreparedRenderError: a template that fails while executing fails
// Files and Page of the pages that use it, and no other page.
func TestPreparedRenderError(t *testing.T) {
	tmpl := copyTemplates(t)
	tmpl["record.html"] = &fstest.MapFile{Data: []byte(`{{define "title"}}x{{end}}{{define "main"}}{{index .Record.Aliases 99}}{{end}}`)}
	s, err := Prepare(loadFixture(t), tmpl, nil, Search{Index: "search/index/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Files(); err == nil || !strings.Contains(err.Error(), "record.html") {
		t.Errorf("Files: %v, want an error naming record.html", err)
	}
	if _, ok, err := s.Page("cancelled/hukou/index.html"); !ok || err == nil {
		t.Errorf("Page of a record: %v, %v; want an error", ok, err)
	}
	if _, ok, err := s.Page("index.html"); !ok || err != nil {
		t.Errorf("Page of the home page: %v, %v", ok, err)
	}
}

// copyTemplates is the built-in templates as a map, to change one.
func copyTemplates(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
