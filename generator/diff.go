package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
)

const diffSummary = "列出下次生成与已发布的网站相比有哪些变化"

func runDiff(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("diff", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	against := fl.String("against", "public", "已发布的网站（文件夹）或它的 data/manifest.json")
	setUsage(fl, "[选项]", diffSummary)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	prev, err := readManifest(*against)
	if err != nil {
		return err
	}
	cat, _, err := loadCatalog(&src, fl)
	if err != nil {
		return err
	}
	if prev == nil {
		fmt.Fprintf(stdout, "%s holds no earlier publication: the next build is the first, with %d records\n", *against, len(cat.Records))
		return nil
	}
	printDiff(stdout, cat, history.Next(prev, cat).Publications[0], history.Missing(history.Published(prev), cat))
	return nil
}

// readManifest reads the previous publication's manifest from a built
// site or a manifest file; nil, without error, when there is none yet.
func readManifest(path string) (*history.Manifest, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, filepath.FromSlash(manifestPath))
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := history.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return m, nil
}

func printDiff(w io.Writer, c *catalog.Catalog, p *history.Publication, missing []history.Item) {
	fmt.Fprintf(w, "publication of %s (%d records)\n", p.Date, p.Count)
	if p.First {
		fmt.Fprintln(w, "  the first publication: every record is new")
		return
	}
	section := func(title string, items []history.Item, detail func(history.Item) string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(items))
		for _, it := range items {
			fmt.Fprintf(w, "  %s/%s  %s%s\n", it.Kind, it.ID, it.Name, detail(it))
		}
	}
	none := func(history.Item) string { return "" }
	section("added", p.Added, none)
	section("status changed", p.Status, func(it history.Item) string { return fmt.Sprintf("  (%s → %s)", it.From, it.To) })
	section("changed", p.Changed, func(it history.Item) string { return "  (" + strings.Join(it.Fields, ", ") + ")" })
	section("missing from the content (build refuses without -allow-removal)", missing, none)
	if p.Empty() && len(missing) == 0 {
		fmt.Fprintln(w, "  no record changed")
	}
	if len(p.Policies) > 0 {
		fmt.Fprintln(w, "policies behind these changes:")
		for _, id := range p.Policies {
			if pol := c.Policy(id); pol != nil {
				fmt.Fprintf(w, "  %s  %s\n", pol.Number, pol.Title)
			}
		}
	}
}
