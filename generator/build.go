package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/publish"
	"jianzheng/generator/site"
)

const buildSummary = "读 content/ 和 templates/，生成网站写到 public/"

func runBuild(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	var src sources
	src.register(fl, true)
	out := fl.String("out", "public", "网站写到哪个文件夹；只有生成成功才替换")
	baseURL := fl.String("base-url", "", "网站上线后的完整网址（代替 site.toml 的 base_url）")
	previous := fl.String("previous", "", "上次发布的网站（文件夹或它的 data/manifest.json），用来比较变化；不写就是 -out")
	allowRemoval := fl.Bool("allow-removal", false, "允许上次发布过的事项消失（只用于撤回误发的事项）")
	compress := fl.Bool("compress", false, "同时为每个文本文件写一个 .gz 压缩版，供能直接发送压缩文件的服务器使用")
	noOffline := fl.Bool("no-offline", false, "不发布离线用的 sw.js 和 offline.json（用于不允许 Service Worker 的服务器）")
	setUsage(fl, "[选项]", buildSummary)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if err := checkBaseURL(*baseURL); err != nil {
		return err
	}
	start := time.Now()
	in, contentName, err := src.inputs(fl, *baseURL)
	if err != nil {
		return err
	}
	// The writer comes first: it locks -out and finishes or undoes what
	// a stopped build left there, so the manifest read next is that of
	// the site as published.
	w, err := publish.Open(*out, publish.Options{Flag: "-out", Log: log.New(stderr, "build：", 0)})
	var bad *publish.BadOutError
	if errors.As(err, &bad) {
		return &usageError{bad.Error()}
	}
	if err != nil {
		return err
	}
	defer w.Abort()
	if *previous == "" {
		*previous = *out
	}
	if in.Previous, err = readManifest(*previous); err != nil {
		return err
	}
	in.AllowRemoval = *allowRemoval
	in.Offline = !*noOffline
	defer tuneGC()()
	progress := newProgress(stdout, time.Second)
	defer progress.done()
	cat, err := pipeline.New(in).Run(progress, func(files site.Files) error {
		if *compress {
			if err := addGzip(files); err != nil {
				return err
			}
		}
		return w.Write(files)
	})
	if err != nil {
		progress.done() // clear the progress line before the problems
		if isContentError(err) {
			fmt.Fprintf(stdout, "build：%s 有错误，%s 没有改动\n", contentName, *out)
		}
		return err
	}
	if err := w.Commit(); err != nil {
		return err
	}
	progress.done()
	summarize(stdout, cat, w.Count(), *out, time.Since(start), in.Previous)
	return nil
}

// tuneGC sets the garbage collector for a build, unless GOGC or
// GOMEMLIMIT in the environment say otherwise, and returns a function
// that restores it. The heap may grow to three times what is live (GOGC
// 200) but the collector works harder as the process nears 2.6 GiB: a
// build allocates much short-lived memory, and collecting it took about a
// tenth of the time. Measured on 2 cores: 10,000 records 4.3 s → 4.0 s
// within 600 MB; 100,000 records 51 s and 2.0 GB → 41 s and 1.7 GB. Since
// the search index holds its pairs of terms (format 14), what is live at
// 100,000 records passes 1.7 GiB, and a limit there only kept the
// collector running: 132 s and 2.3 GB at 1.7 GiB, 93 s and 2.7 GB at 2.6.
func tuneGC() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(200)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(2600 << 20)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

const checkSummary = "检查 content/ 的内容，一次列出所有错误，不写任何文件"

func runCheck(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	setUsage(fl, "[选项]", checkSummary)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	cat, name, err := loadCatalog(&src, fl)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "check：%s 没有错误：%s\n", name, pipeline.RecordCounts(cat))
	return nil
}

func loadCatalog(src *sources, fl *flag.FlagSet) (*catalog.Catalog, string, error) {
	fsys, name, err := src.content(isSet(fl, "content"))
	if err != nil {
		return nil, "", err
	}
	cat, err := catalog.Load(fsys)
	return cat, name, err
}

// manifestPath is where a site keeps its history of publications.
const manifestPath = pipeline.ManifestPath

// checkBaseURL validates a -base-url flag.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &usageError{fmt.Sprintf("-base-url %q 要写完整网址，以 http:// 或 https:// 开头", s)}
	}
	return nil
}

// isContentError reports whether err lists problems in the content.
func isContentError(err error) bool {
	var list catalog.ErrorList
	return errors.As(err, &list)
}
