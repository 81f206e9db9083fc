package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestImport imports the ledger fixtures into a copy of the sample: good
// sheets (xlsx, GB18030 CSV) become valid records; a sheet with bad rows
// writes nothing and names each FILE:row:col; nothing is ever replaced.
func TestImport(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)

	// The fixtures hold a row whose 编号 the sample already has: import
	// refuses to replace it, and with -partial imports the other rows.
	xlsx := filepath.Join("ledger", "testdata", "good.xlsx")
	code, _, stderr := runCmd(t, "import", "-content", content, "-kind", "cancelled", xlsx)
	if code != 1 || !strings.Contains(stderr, xlsx+":4:1: shiye-zhengming already exists at cancelled/renshe.toml:20:1") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	counts := map[string]string{}
	for _, sheet := range []string{"good.xlsx", "good-gb18030.csv", "good-bom.csv"} {
		dir := filepath.Join(t.TempDir(), "content")
		copyDir(t, "../content", dir)
		code, stdout, stderr := runCmd(t, "import", "-content", dir, "-kind", "cancelled", "-partial", filepath.Join("ledger", "testdata", sheet))
		if code != 0 || !strings.Contains(stdout, "import: wrote") {
			t.Fatalf("%s: exit %d\n%s%s", sheet, code, stdout, stderr)
		}
		if code, out, errOut := runCmd(t, "check", "-content", dir); code != 0 {
			t.Fatalf("after importing %s: %s%s", sheet, out, errOut)
		}
		counts[sheet] = strings.SplitN(stdout, " to ", 2)[0]
	}
	if counts["good.xlsx"] != counts["good-gb18030.csv"] || counts["good.xlsx"] != counts["good-bom.csv"] {
		t.Errorf("the same sheet in three encodings imported differently: %v", counts)
	}

	before := snapshot(t, content)
	bad := filepath.Join("ledger", "testdata", "bad.csv")
	code, _, stderr = runCmd(t, "import", "-content", content, "-kind", "cancelled", bad)
	if code != 1 || !strings.Contains(stderr, bad+":3:") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("bad sheet: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !problemLine.MatchString(line) && !strings.HasPrefix(line, "import:") {
			t.Errorf("not a FILE:row:col: message line: %q", line)
		}
	}
	if len(snapshot(t, content)) != len(before) {
		t.Error("a failed import wrote a file")
	}
	code, stdout, stderr := runCmd(t, "import", "-content", content, "-kind", "cancelled", "-partial", bad)
	if code != 0 || !strings.Contains(stdout, "rows were left out") {
		t.Errorf("-partial: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestNew(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	code, stdout, stderr := runCmd(t, "new", "-content", content, "-kind", "training", "老年人防诈骗培训")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	// The id is the name's pinyin, as the sample's ids.
	data, err := os.ReadFile(filepath.Join(content, "training", "laonian-renfang-zhapian-peixun.toml"))
	if err != nil || !strings.Contains(string(data), `name = "老年人防诈骗培训"`) {
		t.Fatalf("scaffold: %v\n%s", err, data)
	}
	// Ready to fill in: check points at each blank.
	code, _, stderr = runCmd(t, "check", "-content", content)
	for _, want := range []string{"training/laonian-renfang-zhapian-peixun.toml:4:14:", "training/laonian-renfang-zhapian-peixun.toml:5:12:", "training/laonian-renfang-zhapian-peixun.toml:6:7:"} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("check after new: exit %d, want %s in\n%s", code, want, stderr)
		}
	}
	// A second record while the first is unfinished: new needs only a free id.
	code, stdout, stderr = runCmd(t, "new", "-content", content, "-kind", "training", "老年人防诈骗培训")
	if code != 0 {
		t.Fatalf("second new: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(content, "training", "laonian-renfang-zhapian-peixun-2.toml")); err != nil {
		t.Errorf("second new of the same name: %v\n%s", err, stdout)
	}
}
