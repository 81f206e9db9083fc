package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"jianzheng/generator/catalog"
)

// recordCounts is one line: records per kind and status.
func recordCounts(c *catalog.Catalog) string {
	var parts []string
	for _, k := range catalog.Kinds {
		current, removed := 0, 0
		for _, r := range c.Records {
			if r.Kind != k {
				continue
			}
			if r.Removed() {
				removed++
			} else {
				current++
			}
		}
		s := fmt.Sprintf("%s %d", k, current)
		if removed > 0 {
			s += fmt.Sprintf(" (+%d removed)", removed)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// summarize prints the one-screen report at the end of a build.
func summarize(out io.Writer, c *catalog.Catalog, w *siteWriter, dir string, took time.Duration) {
	fmt.Fprintf(out, "built %s: %s\n", dir, c.Site.Title)
	fmt.Fprintf(out, "  records     %s\n", recordCounts(c))
	fmt.Fprintf(out, "  also        %d departments, %d policies, %d synonym groups\n", len(c.Departments), len(c.Policies), len(c.Synonyms))
	fmt.Fprintf(out, "  written     %d pages, %d files, %s\n", w.pages, w.files, humanBytes(w.bytes))
	fmt.Fprintf(out, "  time        %s\n", took.Round(time.Millisecond))
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
