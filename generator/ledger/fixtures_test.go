package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the fixtures and golden files in testdata")

// goodLedger is the good fixture, a small 取消的证明事项 ledger as an office
// would fill it in: 序号 and 编号 columns, ids given for some rows only,
// departments by full name, alias or name without 诸城市, dates and
// grounds written several ways, a blank row, a note of several lines.
// The rows are INFERRED samples (domain brief §5.7), not the city's list.
var goodLedger = [][]string{
	{"序号", "编号", "证明名称", "别名", "使用单位", "开具单位", "设定依据", "证明用途", "取消理由", "取消后办理方式", "取消时间", "公布文号", "备注"},
	{"1", "", "无房证明（住房公积金提取）", "无房产证明、住房情况证明", "住房公积金管理中心", "不动产登记中心", "",
		"提取住房公积金；申请公共租赁住房", "可通过数据共享查证", "不用再开无房证明。公积金中心通过不动产登记信息共享，核查申请人名下有没有住房。", "2018/9/1",
		"诸政办字〔2018〕52号", "公积金中心和不动产登记中心已经联网。\n\n本条是示例。"},
	{"2", "shiye-zhengming", "失业证明（失业保险金申领）", "失业证明", "人社局", "村(居)委会", "",
		"失业保险金申领", "data-sharing", "不用再开失业证明。人社部门在系统内部核查失业登记。", "2018年8月15日",
		"诸政办字[2018]52号", "本条是示例。"},
	{"", "", "", "", "", "", "", "", "", "", "", "", ""},
	{"3", "", "在读证明（城乡居民医保缴费）", "", "诸城市医疗保障局", "学校", "",
		"城乡居民医疗保险参保缴费", "上级明文规定取消", "不用再开在读证明。医保部门通过学籍信息核验。", "2018.10.1",
		"国办发〔2018〕47号；诸政办字〔2018〕52号", "本条是示例。"},
	{"4", "", "残疾证明（残疾人两项补贴）", "残疾情况证明/残疾状况证明", "民政", "村(居)委会", "",
		"残疾人两项补贴申请", "有效证照可以证明", "凭《中华人民共和国残疾人证》办理。", "2018-08-15",
		"诸政办字〔2018〕52号", "本条是示例。"},
	{"5", "", "收入证明（最低生活保障申请）", "低保收入证明", "民政", "村(居)委会", "",
		"最低生活保障申请", "无法律法规依据", "填写《收入情况声明》。民政部门通过居民家庭经济状况核对平台核查。", "2018-08-15",
		"诸政办字〔2018〕52号", "本条是示例。"},
}

// The good ledger in every form Read accepts; each must read to the
// records in good.toml.
var goodFixtures = []string{"good.xlsx", "good-utf8.csv", "good-bom.csv", "good-gb18030.csv"}

func goodCSV(t *testing.T) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(goodLedger); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func makeFixture(t *testing.T, name string) []byte {
	t.Helper()
	switch name {
	case "good-utf8.csv":
		return goodCSV(t)
	case "good-bom.csv":
		return append([]byte("\uFEFF"), goodCSV(t)...)
	case "good-gb18030.csv":
		out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(goodCSV(t))
		if err != nil {
			t.Fatal(err)
		}
		return out
	case "good.xlsx":
		return goodXLSX(t)
	}
	t.Fatalf("no fixture %s", name)
	return nil
}

// goodXLSX lays the ledger out as offices do in Excel: a merged title
// row above the header, a header with a note in full-width parentheses,
// real date cells, and one department merged over the two rows it covers.
func goodXLSX(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	stamp := time.Date(2018, 12, 1, 0, 0, 0, 0, time.UTC)
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &fixedTimeZip{w: zip.NewWriter(w), t: stamp} })
	const sh = "Sheet1"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName(sh, "取消证明事项"))
	const name = "取消证明事项"
	must(f.SetCellStr(name, "A1", "诸城市取消证明事项清单（示例）"))
	must(f.MergeCell(name, "A1", "M1"))
	for i, row := range goodLedger {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			switch {
			case i == 0 && v == "取消时间":
				must(f.SetCellStr(name, cell, "取消时间（年月日）"))
			case i > 0 && j == 10 && v != "":
				d, ok := parseDate(v, v, false)
				if !ok {
					t.Fatalf("fixture date %q", v)
				}
				must(f.SetCellValue(name, cell, time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)))
			case v != "":
				must(f.SetCellStr(name, cell, v))
			}
		}
	}
	last := len(goodLedger) + 1
	must(f.SetCellStr(name, "E"+strconv.Itoa(last), "")) // the merged range shows only its first cell
	must(f.MergeCell(name, "E"+strconv.Itoa(last-1), "E"+strconv.Itoa(last)))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// TestFixtures writes the fixtures with -update, and otherwise checks that
// the text fixtures still match the table above.
func TestFixtures(t *testing.T) {
	for _, name := range goodFixtures {
		path := filepath.Join("testdata", name)
		want := makeFixture(t, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if filepath.Ext(name) == ".csv" && !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: run go test -update", path)
		}
	}
}
