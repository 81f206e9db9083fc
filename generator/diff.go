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
		fmt.Fprintf(stdout, "%s 里没有以前的公布：下次生成是第一次公布，共 %d 条\n", *against, len(cat.Records))
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
	fmt.Fprintf(w, "%s 的公布（共 %d 条）\n", p.Date, p.Count)
	if p.First {
		fmt.Fprintln(w, "  第一次公布：每一条都是新的")
		return
	}
	cause := func(it history.Item) string {
		var nums []string
		for _, id := range it.Policies {
			if pol := c.Policy(id); pol != nil {
				nums = append(nums, pol.Number)
			}
		}
		if len(nums) == 0 {
			return ""
		}
		return "；依据 " + strings.Join(nums, "、")
	}
	section := func(title string, items []history.Item, detail func(history.Item) string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s（%d）：\n", title, len(items))
		for _, it := range items {
			fmt.Fprintf(w, "  %s/%s  %s%s%s\n", it.Kind, it.ID, it.Name, detail(it), cause(it))
		}
	}
	status := map[string]string{}
	for _, r := range c.Records {
		status[r.ID] = r.Status()
	}
	section("新增", p.Added, func(it history.Item) string {
		return fmt.Sprintf("：加入%s，状态 %s", catalog.Kind(it.Kind).Spec().Title, statusWord[status[it.ID]])
	})
	section("状态改变", p.Status, func(it history.Item) string {
		return fmt.Sprintf("：%s → %s", statusWord[it.From], statusWord[it.To])
	})
	section("修改", p.Changed, func(it history.Item) string {
		var labels []string
		for _, k := range it.Fields {
			if f := catalog.FieldOf(k); f != nil {
				labels = append(labels, f.DiffName())
			}
		}
		return "：改 " + strings.Join(labels, "、")
	})
	section("内容里没有了（生成会拒绝，除非加 -allow-removal）", missing, func(history.Item) string { return "" })
	fmt.Fprintln(w, p.Counts())
}

// statusWord says a status as the site does.
var statusWord = map[string]string{"cancelled": "已取消", "retained": "保留", "removed": "已移出"}
