package catalog

import (
	"io/fs"
	"strings"
	"testing/fstest"
)

// IDs returns every id the records of the content in fsys use, read as
// leniently as possible: a file with syntax errors gives the ids of the
// lines that parse, and nothing is validated. It is for `new`, which
// needs a free id while other records are still being written.
func IDs(fsys fs.FS) (map[string]bool, error) {
	files, _, err := tomlFiles(fsys)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, name := range files {
		if _, ok := kindOfPath(name); !ok {
			continue
		}
		data, rerr := read(fsys, name)
		if rerr != nil {
			continue
		}
		d, _ := parse(name, data)
		if d == nil {
			continue
		}
		for _, v := range d.m {
			tables, _ := v.([]map[string]any)
			for _, t := range tables {
				if id, ok := t["id"].(string); ok && id != "" {
					ids[id] = true
				}
			}
		}
	}
	return ids, nil
}

// LoadWith is Load of fsys with files (slash-separated paths in the
// content folder) added or replaced, all in memory: how import checks
// what it is about to write.
func LoadWith(fsys fs.FS, files map[string][]byte) (*Catalog, error) {
	overlay := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		overlay[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		overlay[name] = &fstest.MapFile{Data: data}
	}
	return Load(overlay)
}
