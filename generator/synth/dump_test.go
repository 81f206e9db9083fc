package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestDump writes a synthetic catalog to JZ_SYNTH_DIR, for measuring the
// command line on it: JZ_SYNTH_DIR=/tmp/c10k JZ_SYNTH_N=10000 go test ./generator/synth -run Dump
func TestDump(t *testing.T) {
	dir := os.Getenv("JZ_SYNTH_DIR")
	if dir == "" {
		t.Skip("set JZ_SYNTH_DIR (and JZ_SYNTH_N) to write a synthetic catalog")
	}
	n := 10000
	if s := os.Getenv("JZ_SYNTH_N"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			t.Fatal(err)
		}
	}
	for name, f := range Catalog(n, 1) {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
