package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianzheng/generator/catalog"
)

// TestReadGood reads the good ledger in each of its forms: every form
// yields the same records, and their TOML is testdata/good.toml.
func TestReadGood(t *testing.T) {
	c := loadSample(t)
	golden := filepath.Join("testdata", "good.toml")
	rows := map[string][]int{ // Pos.Line of each record: the sheet's row numbers
		"good.xlsx": {3, 4, 6, 7, 8},
		"csv":       {2, 3, 5, 6, 7},
	}
	var first []*catalog.Record
	for _, name := range goodFixtures {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		recs, errs := Read(name, data, catalog.Cancelled, c)
		if errs != nil {
			t.Fatalf("%s:\n%v", name, errs)
		}
		want := rows["csv"]
		if name == "good.xlsx" {
			want = rows[name]
		}
		for i, r := range recs {
			if i < len(want) && (r.Pos.Path != name || r.Pos.Line != want[i]) {
				t.Errorf("%s: record %d at %s:%d, want row %d", name, i, r.Pos.Path, r.Pos.Line, want[i])
			}
		}
		if first == nil {
			first = recs
			got := TOML(recs)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: TOML differs from %s (run go test -update if intended):\n%s", name, golden, got)
			}
			continue
		}
		sameRecords(t, name+" against "+goodFixtures[0], recs, first)
	}
}

// TestReadBad pins every message for testdata/bad.csv, one problem a row.
func TestReadBad(t *testing.T) {
	c := loadSample(t)
	data, err := os.ReadFile("testdata/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, errs, warns := ReadWarn("bad.csv", data, catalog.Cancelled, c)
	want := []string{
		`bad.csv:1:10: column J: unknown column "备考" (did you mean "备注"?)`,
		`bad.csv:3:4: column D 使用单位: "诸城市民证局" is not a department in departments.toml (did you mean "诸城市民政局"?)`,
		`bad.csv:4:8: column H 取消时间: "2018-02-30" is not a date: write it like 2018-06-30, 2018/6/30 or 2018年6月30日`,
		`bad.csv:5:7: column G 取消后办理方式 is blank: write what a resident does now instead (取消后办理方式)`,
		`bad.csv:6:6: column F 取消理由: "没有依据" is not one of the four principles: write 无法律法规依据, 有效证照可以证明, 上级明文规定取消 or 可通过数据共享查证`,
		`bad.csv:8:8: column H 取消时间: 2019-03-01 is after the publication date 2018-12-28 (updated in site.toml)`,
		`bad.csv:9:9: column I 公布文号: "鲁政办字〔2018〕64号" is not a policy in policies.toml (did you mean "鲁政办字〔2018〕46号"?)`,
		`bad.csv:10:2: column B 编号: "Bad-ID" is not an id (did you mean "bad-id"?): use a-z, 0-9 and -, starting with a letter or digit, at most 64 characters`,
		`bad.csv:11:2: column B 编号: "jidongche-anquan-jianyan" is already the id of inspection "机动车安全技术检验" (inspection/jiaotong.toml:3); ids must be unique across the catalog`,
		`bad.csv:15:2: column B 编号: "chongfu" is already the id of row 14; ids must be unique`,
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A cell right of the last named column is ignored, with a warning.
	if w := "bad.csv:12:11: warning: ignored 1 cell right of the last named column J, the first here in column K: name its column in row 1 to import it"; len(warns) != 1 || warns[0].Error() != w {
		t.Errorf("warnings:\n%v\nwant:\n%s", warns, w)
	}
	// The good rows come back too, for -partial: rows 2, 12, 13 and 14.
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, " ") != "cancelled-049 cancelled-050 cancelled-051 chongfu" {
		t.Errorf("good records %v", ids)
	}
	if len(recs) == 4 && recs[2].Instead != "带上户口簿，\n到派出所办理。" {
		t.Errorf("multi-line cell: %q", recs[2].Instead)
	}
}

// TestReadSheetProblems covers problems of the header and of rows whose
// validity depends on other cells, on small inline sheets.
func TestReadSheetProblems(t *testing.T) {
	c := loadSample(t)
	tests := []struct {
		name string
		kind catalog.Kind
		csv  string
		want []string
	}{{
		"missing required column", catalog.Cancelled,
		"证明名称,使用单位,开具单位,取消后办理方式,取消时间\n甲,公安局,派出所,凭户口簿,2018-08-15\n",
		[]string{"t.csv:1:1: missing column 取消理由 (ground): add it to the header row"},
	}, {
		"column of another list", catalog.Cancelled,
		"证明名称,使用单位,开具单位,取消理由,取消后办理方式,取消时间,培训对象\n",
		[]string{`t.csv:1:7: column G: "培训对象" is a column of 保留的政府培训事项, not of 取消的证明事项: check the list this sheet belongs to, or delete the column`},
	}, {
		"same column twice", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准,收费\n",
		[]string{"t.csv:1:5: column E 收费: the same column as D 收费标准; keep one"},
	}, {
		"unknown column without a near name", catalog.Inspection,
		"年检事项名称,实施部门,年检对象,年检周期,收费标准,结果形式\n",
		[]string{`t.csv:1:6: column F: unknown column "结果形式": 保留的年检事项 takes 编号 年检事项名称 别名 实施部门 年检对象 年检周期 收费标准 办理时间 设定依据 所涉事项 状态 移出时间 移出文件 公布文号 备注 更新时间`},
	}, {
		"removed without date and policy", catalog.Village,
		"证明名称,使用单位,证明用途,状态,移出时间,移出文件\n甲,民政局,用途,已移出,,\n",
		[]string{
			"t.csv:2:5: column E 移出时间 is blank: a removed item needs the date it was removed, like 2018-04-10",
			"t.csv:2:6: column F 移出文件 is blank: a removed item needs the 文号 of the policy that removed it",
		},
	}, {
		"removed without the columns", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准,状态\n甲,应急管理局,人员,免费,已取消\n",
		[]string{
			"t.csv:2:5: column E 状态: a removed item needs the date it was removed, like 2018-04-10; add a 移出时间 column",
			"t.csv:2:5: column E 状态: a removed item needs the 文号 of the policy that removed it; add a 移出文件 column",
		},
	}, {
		"retained with a removal date", catalog.Inspection,
		"年检事项名称,实施部门,年检对象,年检周期,收费标准,状态,移出时间\n甲,交通运输局,车辆,每年,不收费,保留,2018-04-10\n",
		[]string{"t.csv:2:7: column G 移出时间: only a removed item has one: set 状态 to 已移出 or clear the cell"},
	}, {
		"retained certificate without basis or reason", catalog.Village,
		"证明名称,使用单位,证明用途,状态,设定依据,保留理由\n甲,民政局,用途,保留,,\n",
		[]string{"t.csv:2:6: column F 保留理由 is blank: a certificate retained without a 设定依据 needs the reason it is kept"},
	}, {
		"bad status", catalog.Village,
		"证明名称,使用单位,证明用途,状态,设定依据\n甲,民政局,用途,暂停,《条例》\n",
		[]string{`t.csv:2:4: column D 状态: "暂停" is not a status: write 保留 or 已移出`},
	}, {
		"blank department", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准\n甲,,人员,免费\n",
		[]string{"t.csv:2:2: column B 实施部门 is blank: write the department that uses or runs it, by its name in departments.toml"},
	}, {
		"title row, padded and annotated headers", catalog.Inspection,
		"诸城市年检目录,,,,\n*年检事项名称,实施　部门,年检对象,年检周期（次）,（收费标准）\n甲,交通运输局,车辆,每年,不收费\n",
		nil,
	}, {
		"empty sheet", catalog.Cancelled, "\n\n",
		[]string{"t.csv:1:1: the sheet is empty: the first row names the columns (编号 证明名称 别名 使用单位 开具单位 设定依据 证明用途 取消理由 取消后办理方式 取消时间 公布文号 备注 更新时间)"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Read("t.csv", []byte(tt.csv), tt.kind, c)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestReadFiles covers problems with the file as a whole.
func TestReadFiles(t *testing.T) {
	c := loadSample(t)
	good, err := os.ReadFile("testdata/good.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		kind catalog.Kind
		want string
	}{
		{"a.txt", []byte("x"), catalog.Cancelled, `a.txt:1:1: cannot read ".txt": a ledger is an .xlsx workbook or a .csv file`},
		{"a.xls", []byte("x"), catalog.Cancelled, "a.xls:1:1: this is an old-style workbook: open it in Excel or WPS and save it as .xlsx (另存为 → Excel 工作簿)"},
		{"a.xlsx", []byte("not a zip"), catalog.Cancelled, "a.xlsx:1:1: cannot open the workbook: zip: not a valid zip file"},
		{"good.xlsx", good, catalog.Training, `good.xlsx:1:1: the only sheet, "取消证明事项", is the list 取消的证明事项, not 保留的政府培训事项`},
		{"two.xlsx", twoSheets(t), catalog.Village, `two.xlsx:1:1: no sheet is named 社区(村)开具证明材料清单; the workbook has "Sheet1", "培训": rename the sheet to read`},
		{"a.csv", []byte("x"), "other", `a.csv:1:1: unknown kind "other": want one of [cancelled village training inspection]`},
	}
	for _, tt := range tests {
		_, errs := Read(tt.name, tt.data, tt.kind, c)
		if errs.Error() != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, errs, tt.want)
		}
	}
}

func twoSheets(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("培训"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
