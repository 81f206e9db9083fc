package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

const importSummary = "把台账（.xlsx 或 .csv）导入 content/：按编号或名称找到已有的事项就地修改，新的写成新文件，从不删除"

func runImport(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	kind := fl.String("kind", "", "台账是哪张清单：cancelled（取消的证明）、village（村居证明）、training（培训）或 inspection（年检）")
	partial := fl.Bool("partial", false, "有的行有错时，仍写入没有错的行")
	dryRun := fl.Bool("dry-run", false, "只列出会新增、修改哪些事项，不写任何文件")
	setUsage(fl, "-kind 清单 [选项] 台账.xlsx|台账.csv", importSummary)
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	k, ok := kindNamed(*kind)
	if !ok {
		return &usageError{fmt.Sprintf("-kind 要写 cancelled、village、training 或 inspection 之一（现在是 %q）", *kind)}
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return &usageError{"请写上一个要导入的台账文件"}
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
		return fmt.Errorf("%w\nimport：请先改正内容里的错误；没有导入任何事项", err)
	}
	sheet := ledger.ReadSheet(file, data, k, cat)
	records, problems := sheet.Records, sheet.Problems
	if len(sheet.Warnings) > 0 {
		fmt.Fprintln(stderr, sheet.Warnings)
	}
	if err := problems.Err(); err != nil && (!*partial || len(records) == 0) {
		return fmt.Errorf("%w\nimport：台账有错，没有写任何文件（改正后再导入，或用 -partial 先导入没有错的行）", err)
	} else if err != nil {
		fmt.Fprintln(stderr, err)
	}
	plan := ledger.Merge(cat, k, records, sheet.Keys)
	plan.Print(stdout)
	switch {
	case plan.Empty():
		fmt.Fprintln(stdout, "import：台账与内容一致，没有要改的，没有写任何文件")
		return nil
	case *dryRun:
		fmt.Fprintln(stdout, "import：-dry-run，没有写任何文件")
		return nil
	}
	files := map[string][]byte{} // content-relative path → new text
	for _, ch := range plan.Changed {
		p := ch.Old.Pos.Path
		if files[p] == nil {
			old, err := fs.ReadFile(contentFS, p)
			if err != nil {
				return err
			}
			files[p] = ledger.Rewrite(cat, p, old, plan.Changed)
		}
	}
	var added []string // the new files, which a failed write removes
	// A content file holds at most catalog.MaxFileSize: many rows make several.
	for _, text := range ledger.TOMLFiles(plan.Added, catalog.MaxFileSize/2) {
		name := freeName(contentDir, string(k), file, files)
		files[name] = text
		added = append(added, name)
	}
	if _, err := catalog.LoadWith(contentFS, files); err != nil {
		return fmt.Errorf("import：导入后的内容通不过检查，没有写任何文件：\n%w", err)
	}
	if err := writeImport(stdout, contentDir, files, added); err != nil {
		return err
	}
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "import：有 %d 行没有导入（错误见上）\n", len(problems))
	}
	return nil
}

// unsafeName is what a file name may not hold: path separators, dots
// that could make it hidden, and characters Windows refuses.
var unsafeName = regexp.MustCompile(`[\\/:*?"<>|\x00-\x1f.\s]+`)

// freeName picks kind/<name of the spreadsheet>.toml, keeping its
// Chinese (台账.xlsx → village/台账.toml), or a numbered variant neither
// on disk nor taken: an import never overwrites a file.
func freeName(contentDir, kind, file string, taken map[string][]byte) string {
	base := strings.Trim(unsafeName.ReplaceAllString(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), "-"), "-")
	if base == "" {
		base = "import"
	}
	for n := 1; ; n++ {
		name := kind + "/" + base + ".toml"
		if n > 1 {
			name = fmt.Sprintf("%s/%s-%d.toml", kind, base, n)
		}
		if _, err := os.Lstat(filepath.Join(contentDir, filepath.FromSlash(name))); os.IsNotExist(err) && taken[name] == nil {
			return name
		}
	}
}

// writeImport writes each file whole or not at all (ledger.WriteNew for
// new files, ledger.Replace for rewritten ones), in name order; when one
// fails, the new files written before it are removed again.
func writeImport(stdout io.Writer, contentDir string, files map[string][]byte, added []string) error {
	isNew := map[string]bool{}
	for _, name := range added {
		isNew[name] = true
	}
	var names, written []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		full := filepath.Join(contentDir, filepath.FromSlash(name))
		err := os.MkdirAll(filepath.Dir(full), 0o755)
		if err == nil && isNew[name] {
			err = ledger.WriteNew(full, files[name])
		} else if err == nil {
			err = ledger.Replace(full, files[name])
		}
		if err != nil {
			for _, done := range written {
				os.Remove(done)
			}
			return err
		}
		if isNew[name] {
			written = append(written, full)
		}
		fmt.Fprintf(stdout, "import：已写 %s\n", full)
	}
	return nil
}

func kindNamed(s string) (catalog.Kind, bool) {
	for _, k := range catalog.Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}
