package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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
	history.Next(prev, cat).Publications[0].Print(stdout, cat, history.Missing(history.Published(prev), cat))
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
