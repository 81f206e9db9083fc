package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	data, err := os.ReadFile(filepath.Join(content, "training", "training-031.toml"))
	if err != nil || !strings.Contains(string(data), `name = "老年人防诈骗培训"`) {
		t.Fatalf("scaffold: %v\n%s", err, data)
	}
	// Ready to fill in: check points at each blank.
	code, _, stderr = runCmd(t, "check", "-content", content)
	for _, want := range []string{"training/training-031.toml:4:14:", "training/training-031.toml:5:12:", "training/training-031.toml:6:7:"} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("check after new: exit %d, want %s in\n%s", code, want, stderr)
		}
	}
}

// TestImportManyRows: 20,000 rows import in a few seconds (id assignment
// was quadratic: 34 s), into several files, since one content file holds
// at most 8 MB; the catalog then checks.
func TestImportManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 rows: the full run only")
	}
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	var b strings.Builder
	b.WriteString("证明名称,使用单位,开具单位,取消理由,取消后办理方式,取消时间,公布文号\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "无房证明 %d,住房公积金管理中心,不动产登记中心,可通过数据共享查证,%s,2018-09-01,诸政办字〔2018〕52号\n", i+1, strings.Repeat("不用再开无房证明。", 30))
	}
	sheet := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(sheet, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, stdout, stderr := runCmd(t, "import", "-content", content, "-kind", "cancelled", sheet)
	took := time.Since(start)
	t.Logf("20,000 rows: %v\n%s", took.Round(time.Millisecond), stdout)
	if code != 0 || !strings.Contains(stdout, "many-2.toml") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if took > 5*time.Second {
		t.Errorf("took %v, want at most 5 s", took)
	}
	if code, out, errOut := runCmd(t, "check", "-content", content); code != 0 {
		t.Fatalf("after importing: %s%s", out, errOut)
	}
}
