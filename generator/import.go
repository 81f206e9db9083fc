package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing/fstest"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

const importSummary = "turn a 台账 spreadsheet (.xlsx or .csv) into records in content/"

func runImport(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	kind := fl.String("kind", "", "the list the spreadsheet holds: cancelled, village, training or inspection")
	partial := fl.Bool("partial", false, "write the rows that map even if others do not")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator import -kind KIND [flags] FILE.xlsx|FILE.csv\n\n%s\n\nflags:\n", importSummary)
		fl.PrintDefaults()
	}
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	k, ok := kindNamed(*kind)
	if !ok {
		return &usageError{fmt.Sprintf("-kind must be one of cancelled, village, training, inspection (got %q)", *kind)}
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return &usageError{"name one spreadsheet to import"}
	}
	file := fl.Arg(0)
	data, err := ledger.ReadFile(file)
	if err != nil {
		return err
	}
	contentFS, contentDir, err := src.content(true)
	if err != nil {
		return err
	}
	cat, err := catalog.Load(contentFS)
	if err != nil {
		return fmt.Errorf("%w\nimport: fix the content first; nothing was imported", err)
	}
	records, problems, warnings := ledger.ReadWarn(file, data, k, cat)
	if len(warnings) > 0 {
		fmt.Fprintln(stderr, warnings)
	}
	records, clashes := withoutExisting(cat, records)
	problems = append(problems, clashes...)
	if err := problems.Err(); err != nil && (!*partial || len(records) == 0) {
		return fmt.Errorf("%w\nimport: nothing was written", err)
	} else if err != nil {
		fmt.Fprintln(stderr, err)
	}
	if len(records) == 0 {
		fmt.Fprintln(stdout, "import: the spreadsheet holds no records")
		return nil
	}
	// A content file holds at most catalog.MaxFileSize: many rows make several.
	texts := ledger.TOMLFiles(records, catalog.MaxFileSize/2)
	files, taken := map[string][]byte{}, map[string]bool{}
	var targets []string
	for _, text := range texts {
		target := freeName(contentDir, string(k), file, taken)
		files[target], taken[target] = text, true
		targets = append(targets, filepath.Join(contentDir, target))
	}
	if err := validWith(contentFS, files); err != nil {
		return fmt.Errorf("import: the imported records do not pass validation; nothing was written:\n%w", err)
	}
	if err := os.MkdirAll(filepath.Join(contentDir, string(k)), 0o755); err != nil {
		return err
	}
	for i, target := range targets {
		if err := ledger.WriteNew(target, texts[i]); err != nil {
			for _, done := range targets[:i] {
				os.Remove(done)
			}
			return err
		}
	}
	fmt.Fprintf(stdout, "import: wrote %d records to %s\n", len(records), strings.Join(targets, ", "))
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "import: %d rows were left out (listed above)\n", len(problems))
	}
	return nil
}

// withoutExisting drops records whose id the catalog already has: import
// never replaces a record; it says where the existing one is.
func withoutExisting(cat *catalog.Catalog, records []*catalog.Record) ([]*catalog.Record, ledger.Errors) {
	have := map[string]*catalog.Record{}
	for _, r := range cat.Records {
		have[r.ID] = r
	}
	var keep []*catalog.Record
	var problems ledger.Errors
	for _, r := range records {
		if old := have[r.ID]; old != nil {
			problems = append(problems, &ledger.Error{Path: r.Pos.Path, Line: r.Pos.Line, Col: 1, Msg: fmt.Sprintf(
				"%s already exists at %s:%d:%d; import never replaces a record: edit it there, or clear its 编号 to add a new one",
				r.ID, old.Pos.Path, old.Pos.Line, old.Pos.Col)})
			continue
		}
		keep = append(keep, r)
	}
	return keep, problems
}

// validWith loads the catalog with the new files added, in memory.
func validWith(content fs.FS, files map[string][]byte) error {
	overlay := fstest.MapFS{}
	err := fs.WalkDir(content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		b, err := fs.ReadFile(content, p)
		overlay[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		return err
	}
	for name, data := range files {
		overlay[filepath.ToSlash(name)] = &fstest.MapFile{Data: data}
	}
	_, err = catalog.Load(overlay)
	return err
}

var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// freeName picks kind/<name of the spreadsheet>.toml, or a numbered
// variant neither on disk nor taken: an import never overwrites a file.
func freeName(contentDir, kind, file string, taken map[string]bool) string {
	base := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))), "-"), "-")
	if base == "" {
		base = "import"
	}
	for n := 1; ; n++ {
		name := filepath.Join(kind, base+".toml")
		if n > 1 {
			name = filepath.Join(kind, fmt.Sprintf("%s-%d.toml", base, n))
		}
		if _, err := os.Lstat(filepath.Join(contentDir, name)); os.IsNotExist(err) && !taken[name] {
			return name
		}
	}
}

func kindNamed(s string) (catalog.Kind, bool) {
	for _, k := range catalog.Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}
