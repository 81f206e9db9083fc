package main

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/publish"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
	"jianzheng/generator/synth"
	"jianzheng/templates"
)

// benchSizes are the catalog sizes of the build benchmarks; 100,000 runs
// only with JZ_BENCH_100K=1, so that CI stays fast.
func benchSizes() []int {
	if os.Getenv("JZ_BENCH_100K") == "1" {
		return []int{1000, 10000, 100000}
	}
	return []int{1000, 10000}
}

// BenchmarkBuild measures the whole build of a synthetic catalog as build
// runs it: load, validate, render, index, export and write, the pages
// written while the index builds.
//
//	go test ./generator -run '^$' -bench 'Build$' -benchtime 3x
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			content := synth.Catalog(n, 1)
			out := filepath.Join(b.TempDir(), "public")
			defer tuneGC()() // as build does
			b.ResetTimer()
			for range b.N {
				w, err := publish.Open(out, publish.Options{})
				if err != nil {
					b.Fatal(err)
				}
				write := func(files site.Files) error { return w.Write(files) }
				if _, err := pipeline.New(pipeline.Inputs{Content: content, Templates: templates.FS}).Run(nil, write); err != nil {
					b.Fatal(err)
				}
				if err := w.Commit(); err != nil {
					b.Fatal(err)
				}
				n := w.Count()
				b.ReportMetric(float64(n.Bytes)/(1<<20), "MB")
				b.ReportMetric(float64(n.Files), "files")
			}
		})
	}
}

// BenchmarkStages measures each stage alone.
func BenchmarkStages(b *testing.B) {
	for _, n := range benchSizes() {
		content := synth.Catalog(n, 1)
		cat, err := catalog.Load(content)
		if err != nil {
			b.Fatal(err)
		}
		pubs := history.Next(nil, cat).Publications
		b.Run(fmt.Sprintf("load/%d", n), func(b *testing.B) {
			for range b.N {
				if _, err := catalog.Load(content); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("render/%d", n), func(b *testing.B) {
			for range b.N {
				if _, err := site.Render(cat, templates.FS, pubs, site.Search{Index: search.IndexDir}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("search/%d", n), func(b *testing.B) {
			for range b.N {
				if _, err := pipeline.Index(context.Background(), cat); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestScaleDeterministic builds a synthetic catalog of JZ_SCALE records
// twice and compares every file (skipped unless JZ_SCALE is set; run with
// JZ_SCALE=10000 go test ./generator -run ScaleDeterministic -timeout 30m).
func TestScaleDeterministic(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JZ_SCALE"))
	if n == 0 {
		t.Skip("set JZ_SCALE=10000 to build a synthetic catalog of that size twice")
	}
	content := synth.Catalog(n, 1)
	a, err := generate(content)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate(content)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	t.Logf("%d records: %d files, byte-identical", n, len(a))
}

// generate builds content with the built-in templates, in memory.
func generate(content fs.FS) (site.Files, error) {
	files := site.Files{}
	_, err := pipeline.New(pipeline.Inputs{Content: content, Templates: templates.FS}).Run(nil, func(part site.Files) error {
		maps.Copy(files, part)
		return nil
	})
	return files, err
}
