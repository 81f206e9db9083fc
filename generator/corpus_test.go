package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianzheng/generator/catalog"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/broken/*.txtar")

// writeCatalog writes testdata/base.txtar plus the content/ files of
// overlay into a new folder and returns its content folder.
func writeCatalog(t *testing.T, overlay *txtar.Archive) string {
	t.Helper()
	base, err := txtar.ParseFile(filepath.Join("testdata", "base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, a := range []*txtar.Archive{base, overlay} {
		for _, f := range a.Files {
			if !strings.HasPrefix(f.Name, "content/") {
				continue
			}
			full := filepath.Join(dir, filepath.FromSlash(f.Name))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return filepath.Join(dir, "content")
}

// TestBrokenCorpus builds every catalog under testdata/broken over a site
// built before: each must exit 1, print exactly its want section (every
// problem as path:line:col: message, sorted), and leave the site
// byte-for-byte unchanged. Refresh the want sections with -update, then
// read the diff.
func TestBrokenCorpus(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.txtar"))
	if len(cases) < 30 {
		t.Fatalf("only %d broken catalogs", len(cases))
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", writeCatalog(t, &txtar.Archive{}), "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("base catalog: exit %d\n%s%s", code, o, e)
	}
	before := snapshot(t, out)
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := build(t, "-content", writeCatalog(t, a), "-templates", "../templates", "-out", out)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			if *update {
				setSection(a, "want", stderr)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := section(a, "want"); stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !problemLine.MatchString(line) {
					t.Errorf("not a path:line:col: message line: %q", line)
				}
			}
		})
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
}

// TestValidEdgeCases builds catalogs that look odd but are valid.
func TestValidEdgeCases(t *testing.T) {
	a, err := txtar.ParseFile(filepath.Join("testdata", "valid-edge-cases.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("很长的用途说明。", catalog.MaxString/24) // 24 bytes each: just under 64 KB, the most one value holds
	a.Files = append(a.Files, txtar.File{Name: "content/village/long.toml", Data: []byte(
		"[[certificate]]\nid = \"c-long\"\nname = \"长证明\"\ndepartment = \"gongan\"\npurpose = \"" + long +
			"\"\nstatus = \"retained\"\nretention_reason = \"测试\"\n")})
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := build(t, "-content", writeCatalog(t, a), "-templates", "../templates", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, page := range []string{"training/t2/index.html", "inspection/i2/index.html", "village/c-long/index.html"} {
		if _, err := os.Stat(filepath.Join(out, page)); err != nil {
			t.Error(err)
		}
	}
}

func section(a *txtar.Archive, name string) string {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func setSection(a *txtar.Archive, name, data string) {
	for i, f := range a.Files {
		if f.Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}
