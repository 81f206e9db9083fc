package search

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"jianzheng/generator/catalog"
	"jianzheng/generator/synth"
)

// benchSizes are the catalog sizes benchmarked; 100,000 records only with
// JZ_BENCH_100K=1 (a build takes minutes).
func benchSizes() []int {
	if os.Getenv("JZ_BENCH_100K") != "" {
		return []int{1000, 10000, 100000}
	}
	return []int{1000, 10000}
}

var (
	benchMu   sync.Mutex
	benchCats = map[int]*catalog.Catalog{}
)

func benchCatalog(b *testing.B, n int) *catalog.Catalog {
	benchMu.Lock()
	defer benchMu.Unlock()
	if c := benchCats[n]; c != nil {
		return c
	}
	c := loadCatalog(b, synth.Catalog(n, 1))
	benchCats[n] = c
	return c
}

// go test -run '^$' -bench 'Build|Export' ./generator/search
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := benchCatalog(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix, err := Build(c)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
		})
	}
}

func BenchmarkExport(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, err := Build(benchCatalog(b, n))
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			b.ResetTimer()
			var files map[string][]byte
			for i := 0; i < b.N; i++ {
				if files, err = ix.Export(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			raw := 0
			for _, f := range files {
				raw += len(f)
			}
			b.ReportMetric(float64(len(files)), "files")
			b.ReportMetric(float64(raw)/1e6, "MB")
		})
	}
}

// BenchmarkQueryJS times search.js under node once every shard a query
// needs is loaded: ns/op is the median over the queries and repetitions
// (the brief's bound is 5 ms), p90-ms the 90th percentile.
//
//	go test -run '^$' -bench QueryJS ./generator/search
func BenchmarkQueryJS(b *testing.B) {
	queries := append(append([]string{}, representative...), handQueries...)
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, err := Build(benchCatalog(b, n))
			if err != nil {
				b.Fatal(err)
			}
			files, err := ix.Export()
			ix.Close()
			if err != nil {
				b.Fatal(err)
			}
			root := writeSite(b, files)
			b.ResetTimer()
			b.StopTimer()
			var r struct {
				Median float64 `json:"median_ms"`
				P90    float64 `json:"p90_ms"`
				Max    float64 `json:"max_ms"`
			}
			runNode(b, root, map[string]any{"mode": "bench", "n": pageHits, "queries": queries, "reps": max(3, min(b.N, 20))}, &r)
			b.ReportMetric(r.Median*1e6, "ns/op")
			b.ReportMetric(r.P90, "p90-ms")
			b.ReportMetric(r.Max, "max-ms")
		})
	}
}
