package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPageWeight measures what a first visit transfers, gzip-compressed
// as a static server sends it: the page and every file it links in its
// <head> and its scripts. The budgets are the issue's; the figures are
// logged (go test ./generator -run PageWeight -v) for the README.
func TestPageWeight(t *testing.T) {
	out := builtSample(t)
	tests := []struct {
		page   string
		budget int
	}{
		{"index.html", 20 << 10},
		{"cancelled/hukou-suozaidi-yibao/index.html", 15 << 10},
		{"cancelled/index.html", 20 << 10},
		{"search/index.html", 20 << 10},
		{"events/index.html", 15 << 10},         // issue 18: as light as a record page
		{"events/shenhou/index.html", 15 << 10}, // the sample's longest guide
	}
	for _, tt := range tests {
		html := readFile(t, out, tt.page)
		total, parts := gzipSize(t, []byte(html)), tt.page
		for _, m := range linked.FindAllStringSubmatch(html, -1) {
			if strings.HasSuffix(m[1], "/manifest.js") {
				continue // the index's: with the first search's files (search's TestBudget)
			}
			ref := filepath.Join(filepath.Dir(filepath.Join(out, tt.page)), m[1])
			data, err := os.ReadFile(ref)
			if err != nil {
				t.Fatal(err)
			}
			total += gzipSize(t, data)
			parts += " + " + filepath.Base(ref)
		}
		t.Logf("%-45s %6d B gzip (%s)", tt.page, total, parts)
		if total > tt.budget {
			t.Errorf("%s: %d B, over the budget of %d B", tt.page, total, tt.budget)
		}
	}
}

// linked finds the stylesheet, icon and scripts a page loads.
var linked = regexp.MustCompile(`<(?:link rel="(?:stylesheet|icon)"|script) (?:href|src)="([^"]+)"`)

func gzipSize(t *testing.T, data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
