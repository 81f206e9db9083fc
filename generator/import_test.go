package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestImport imports the ledger fixtures into a copy of the sample: good
// sheets (xlsx, GB18030 CSV) add records and update the one whose 编号
// the sample has; importing again changes nothing and says so; a sheet
// with bad rows writes nothing and names each FILE:row:col.
func TestImport(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)

	xlsx := filepath.Join("ledger", "testdata", "good.xlsx")
	before := snapshot(t, content)
	code, stdout, stderr := runCmd(t, "import", "-content", content, "-kind", "cancelled", "-dry-run", xlsx)
	if code != 0 || !strings.Contains(stdout, "新增 cancelled/wufang-zhengming  无房证明（住房公积金提取）：加入取消的证明事项，状态 已取消") ||
		!strings.Contains(stdout, "修改 cancelled/shiye-zhengming") || !strings.Contains(stdout, "-dry-run，没有写任何文件") {
		t.Fatalf("-dry-run: exit %d\n%s%s", code, stdout, stderr)
	}
	if !reflect.DeepEqual(snapshot(t, content), before) {
		t.Fatal("-dry-run wrote")
	}
	counts := map[string]string{}
	for _, sheet := range []string{"good.xlsx", "good-gb18030.csv", "good-bom.csv"} {
		dir := filepath.Join(t.TempDir(), "content")
		copyDir(t, "../content", dir)
		file := filepath.Join("ledger", "testdata", sheet)
		code, stdout, stderr := runCmd(t, "import", "-content", dir, "-kind", "cancelled", file)
		if code != 0 || !strings.Contains(stdout, "import：已写") {
			t.Fatalf("%s: exit %d\n%s%s", sheet, code, stdout, stderr)
		}
		if code, out, errOut := runCmd(t, "check", "-content", dir); code != 0 {
			t.Fatalf("after importing %s: %s%s", sheet, out, errOut)
		}
		counts[sheet] = stdout[strings.Index(stdout, "新增 "+"4"):]
		counts[sheet] = counts[sheet][:strings.Index(counts[sheet], "\n")]
		// The second time, every row finds its record unchanged.
		after := snapshot(t, dir)
		code, stdout, stderr = runCmd(t, "import", "-content", dir, "-kind", "cancelled", file)
		if code != 0 || !strings.Contains(stdout, "新增 0 条，修改 0 条") || !strings.Contains(stdout, "没有要改的") {
			t.Errorf("%s again: exit %d\n%s%s", sheet, code, stdout, stderr)
		}
		if !reflect.DeepEqual(snapshot(t, dir), after) {
			t.Errorf("%s again: files changed", sheet)
		}
	}
	if counts["good.xlsx"] != counts["good-gb18030.csv"] || counts["good.xlsx"] != counts["good-bom.csv"] {
		t.Errorf("the same sheet in three encodings imported differently: %v", counts)
	}

	before = snapshot(t, content)
	bad := filepath.Join("ledger", "testdata", "bad.csv")
	code, _, stderr = runCmd(t, "import", "-content", content, "-kind", "cancelled", bad)
	if code != 1 || !strings.Contains(stderr, bad+":3:") || !strings.Contains(stderr, "没有写任何文件") {
		t.Errorf("bad sheet: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !problemLine.MatchString(line) && !strings.HasPrefix(line, "import：") {
			t.Errorf("not a FILE:row:col: message line: %q", line)
		}
	}
	if len(snapshot(t, content)) != len(before) {
		t.Error("a failed import wrote a file")
	}
	// Flags may follow the file.
	code, stdout, stderr = runCmd(t, "import", "-content", content, bad, "-kind", "cancelled", "-partial")
	if code != 0 || !strings.Contains(stdout, "行没有导入") {
		t.Errorf("-partial: exit %d\n%s%s", code, stdout, stderr)
	}
	// New records go in a file named after the sheet.
	if _, err := os.Stat(filepath.Join(content, "cancelled", "bad.toml")); err != nil {
		t.Error(err)
	}
}

// TestImportChineseName: new records keep the ledger's Chinese file
// name, and a ledger writes its columns the way real ledgers do: 清理原则
// for the principle, 可通过信息共享查询 for data sharing.
func TestImportChineseName(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	sheet := filepath.Join(t.TempDir(), "取消证明台账 2019.csv")
	csv := "证明名称,使用单位,原开具单位,清理原则,取消后办理方式,取消时间\n" +
		"居民收入证明,诸城市民政局,村(居)委会,可通过信息共享查询,民政部门通过核对平台查询。,2018-08-15\n"
	if err := os.WriteFile(sheet, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "import", "-content", content, "-kind", "cancelled", sheet)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(content, "cancelled", "取消证明台账-2019.toml"))
	if err != nil || !strings.Contains(string(data), `ground = "data-sharing"`) || !strings.Contains(string(data), `id = "jumin-shouru-zhengming"`) {
		t.Fatalf("%v\n%s\n%s", err, data, stdout)
	}
}

// TestImportOpenData: the workbook a build publishes (data/catalog.xlsx),
// edited, imports back as updates of the records it holds.
func TestImportOpenData(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	c, err := catalog.Load(os.DirFS(content))
	if err != nil {
		t.Fatal(err)
	}
	var edited *catalog.Record
	for _, r := range c.Records {
		if r.Kind == catalog.Training {
			e := *r
			e.Fee = "免费（2019年起）"
			*r, edited = e, r
			break
		}
	}
	data, err := ledger.XLSX(c)
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "catalog.xlsx")
	os.WriteFile(book, data, 0o644)
	code, stdout, stderr := runCmd(t, "import", "-content", content, "-kind", "training", book)
	if code != 0 || !strings.Contains(stdout, "修改 training/"+edited.ID) || !strings.Contains(stdout, "新增 0 条，修改 1 条，没有变化 29 条") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	c2, err := catalog.Load(os.DirFS(content))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c2.Records {
		if r.ID == edited.ID && r.Fee != "免费（2019年起）" {
			t.Errorf("fee = %q after the import", r.Fee)
		}
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

// TestInit: init writes a catalog that checks and builds, in a new folder
// or the default content/, and never over an existing one.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "新清单")
	code, stdout, stderr := runCmd(t, "init", dir)
	if code != 0 || !strings.Contains(stdout, "编辑指南.md") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if code, o, e := runCmd(t, "check", "-content", dir); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, o, e)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", dir, "-templates", "../templates", "-out", out); code != 0 || !strings.Contains(o, "base_url") {
		t.Fatalf("build: exit %d\n%s%s", code, o, e)
	}
	if code, _, stderr := runCmd(t, "init", dir); code != 1 || !strings.Contains(stderr, "不会覆盖") {
		t.Errorf("init again: exit %d\n%s", code, stderr)
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
	// The target is 5 s (about 1 s here, logged above); the test fails only
	// past a minute, which the quadratic id assignment (34 s on a quiet
	// machine, minutes under load) reached and a linear one never does.
	if took > time.Minute {
		t.Errorf("took %v, want far less than a minute", took)
	}
	if code, out, errOut := runCmd(t, "check", "-content", content); code != 0 {
		t.Fatalf("after importing: %s%s", out, errOut)
	}
}
