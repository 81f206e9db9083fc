package search

import (
	"bytes"
	"encoding/json"
	"jianzheng/generator/catalog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// nodePath finds node, or skips the test: the Go side of every test still
// runs in CI images without it, and CI installs it.
func nodePath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: skipping the search.js side (install Node.js ≥ 18 to run it)")
	}
	return p
}

// writeSite writes files under a new temporary directory and returns it.
func writeSite(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runNode sends req to testdata/harness.js, running against the export in
// root, and decodes its answer into resp.
func runNode(t testing.TB, root string, req, resp any) {
	t.Helper()
	node := nodePath(t)
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	harness, err := filepath.Abs("testdata/harness.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, harness, root)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), resp); err != nil {
		t.Fatalf("node harness answer: %v\n%.500s", err, stdout.String())
	}
}

// engineOnly is a site with nothing but the engine, for analysis tests.
func engineOnly(t testing.TB) string {
	return writeSite(t, map[string][]byte{EnginePath: engineJS})
}

// exported builds c's index, closed when the test ends, and its export.
func exported(t testing.TB, c *catalog.Catalog) (*Index, map[string][]byte) {
	t.Helper()
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := ix.Export()
	if err != nil {
		t.Fatal(err)
	}
	return ix, files
}
