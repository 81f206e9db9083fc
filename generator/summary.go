package main

import (
	"fmt"
	"io"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/publish"
)

// summarize prints the one-screen report at the end of a build.
func summarize(out io.Writer, c *catalog.Catalog, n publish.Count, dir string, took time.Duration) {
	fmt.Fprintf(out, "built %s: %s\n", dir, c.Site.Title)
	fmt.Fprintf(out, "  records     %s\n", pipeline.RecordCounts(c))
	fmt.Fprintf(out, "  also        %d departments, %d policies, %d synonym groups\n", len(c.Departments), len(c.Policies), len(c.Synonyms))
	fmt.Fprintf(out, "  written     %d pages, %d files, %s\n", n.Pages, n.Files, humanBytes(n.Bytes))
	fmt.Fprintf(out, "  time        %s\n", took.Round(time.Millisecond))
	if c.Site.BaseURL == "" {
		// A QR code must hold the full address, which only base_url gives.
		fmt.Fprintf(out, "  print       no QR codes on printed records and print pages (…/print.html): base_url in site.toml is empty,\n"+
			"              and a QR code needs the site's full address; set base_url or build with -base-url https://…/\n")
	}
	fmt.Fprintf(out, "open %s/index.html in a browser, or copy %s/ to any static web server\n", dir, dir)
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
