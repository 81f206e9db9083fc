package main

import (
	"fmt"
	"io"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/publish"
	"jianzheng/generator/site"
)

// summarize prints the one-screen report at the end of a build, ending
// with what changed since the previous publication.
func summarize(out io.Writer, c *catalog.Catalog, n publish.Count, dir string, took time.Duration, prev *history.Manifest) {
	fmt.Fprintf(out, "已生成 %s：%s\n", dir, c.Site.Title)
	fmt.Fprintf(out, "  事项    %s\n", pipeline.RecordCounts(c))
	fmt.Fprintf(out, "  另有    %d 个部门，%d 个文件，%d 组同义词\n", len(c.Departments), len(c.Policies), len(c.Synonyms))
	fmt.Fprintf(out, "  写出    %d 个网页，%d 个文件，%s\n", n.Pages, n.Files, humanBytes(n.Bytes))
	fmt.Fprintf(out, "  用时    %s\n", took.Round(time.Millisecond))
	fmt.Fprintf(out, "用浏览器打开 %s/index.html，或把 %s/ 整个复制到网站服务器上\n", dir, dir)
	if warn := site.MissingBaseURL(c); warn != "" {
		fmt.Fprintln(out, warn)
	}
	fmt.Fprintln(out, history.Next(prev, c).Publications[0].Counts())
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
