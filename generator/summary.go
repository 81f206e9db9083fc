package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/site"
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
func summarize(w io.Writer, c *catalog.Catalog, files site.Files, bytes int64, out string, took time.Duration) {
	pages := 0
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	fmt.Fprintf(w, "built %s: %s\n", out, c.Site.Title)
	fmt.Fprintf(w, "  records     %s\n", recordCounts(c))
	fmt.Fprintf(w, "  also        %d departments, %d policies, %d synonym groups\n", len(c.Departments), len(c.Policies), len(c.Synonyms))
	fmt.Fprintf(w, "  written     %d pages, %d files, %s\n", pages, len(files), humanBytes(bytes))
	fmt.Fprintf(w, "  time        %s\n", took.Round(time.Millisecond))
	fmt.Fprintf(w, "open %s/index.html in a browser, or copy %s/ to any static web server\n", out, out)
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
