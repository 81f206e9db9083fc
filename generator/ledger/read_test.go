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
		`bad.csv:1:10: J 列：不认识的列名 "备考"（是不是 "备注"？）`,
		`bad.csv:3:4: D 列 使用单位："诸城市民证局" 不是 departments.toml 里的部门（是不是 "诸城市民政局"？）`,
		`bad.csv:4:8: H 列 取消时间："2018-02-30" 不是日期：写成 2018-06-30、2018/6/30 或 2018年6月30日`,
		`bad.csv:5:7: G 列 取消后办理方式 是空的：请填写取消后群众怎么办（取消后办理方式）`,
		`bad.csv:6:6: F 列 取消理由："其他" 不是四条取消原则之一：请写 无法律法规依据、有效证照可以证明、上级明文规定取消 或 可通过数据共享查证`,
		`bad.csv:8:8: H 列 取消时间：2019-03-01 晚于本次公布日期 2018-12-28（site.toml 的 updated）`,
		`bad.csv:9:9: I 列 公布文号："鲁政办字〔2018〕64号" 不是 policies.toml 里的文件（是不是 "鲁政办字〔2018〕46号"？）`,
		`bad.csv:10:2: B 列 编号："Bad-ID" 不能作编号（是不是 "bad-id"？）：只用小写字母 a-z、数字 0-9 和 -，以字母或数字开头，最长 64 个字符`,
		`bad.csv:11:2: B 列 编号："jidongche-anquan-jianyan" 已是 [[inspection]] "机动车安全技术检验" 的编号（inspection/jiaotong.toml:3）：整个清单的编号不能重复`,
		`bad.csv:15:2: B 列 编号："chongfu" 已是第 14 行的编号：编号不能重复`,
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A cell right of the last named column is ignored, with a warning.
	if w := "bad.csv:12:11: 注意：最后一个有列名的是 J 列，它右边的 1 个单元格没有导入（第一个在这里的 K 列）：要导入，请在第 1 行给这些列写上列名"; len(warns) != 1 || warns[0].Error() != w {
		t.Errorf("warnings:\n%v\nwant:\n%s", warns, w)
	}
	// The good rows come back too, for -partial: rows 2, 12, 13 and 14.
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, " ") != "haode-zhengming duochuyi-gede-zhengming liangxingde-zhengming chongfu" {
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
		[]string{"t.csv:1:1: 缺少 取消理由 列（ground）：请在列名那一行加上这一列"},
	}, {
		"column of another list", catalog.Cancelled,
		"证明名称,使用单位,开具单位,取消理由,取消后办理方式,取消时间,培训对象\n",
		[]string{`t.csv:1:7: G 列："培训对象" 是保留的政府培训事项的列，不是取消的证明事项的：请确认这张表是哪张清单，或删掉这一列`},
	}, {
		"same column twice", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准,收费\n",
		[]string{"t.csv:1:5: E 列 收费 与 D 列 收费标准 是同一列：只留一列"},
	}, {
		"unknown column without a near name", catalog.Inspection,
		"年检事项名称,实施部门,年检对象,年检周期,收费标准,结果形式\n",
		[]string{`t.csv:1:6: F 列：不认识的列名 "结果形式"：保留的年检事项的列有 编号 年检事项名称 别名 实施部门 年检对象 年检周期 收费标准 办理时间 设定依据 所涉事项 状态 移出时间 移出文件 公布文号 备注 更新时间`},
	}, {
		"removed without date and policy", catalog.Village,
		"证明名称,使用单位,证明用途,状态,移出时间,移出文件\n甲,民政局,用途,已移出,,\n",
		[]string{
			"t.csv:2:5: E 列 移出时间 是空的：已移出的事项要写移出日期，如 2018-04-10",
			"t.csv:2:6: F 列 移出文件 是空的：已移出的事项要写移出它的文件的文号",
		},
	}, {
		"removed without the columns", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准,状态\n甲,应急管理局,人员,免费,已取消\n",
		[]string{
			"t.csv:2:5: E 列 状态：已移出的事项要写移出它的文件的文号：请加一列 移出文件",
			"t.csv:2:5: E 列 状态：已移出的事项要写移出日期，如 2018-04-10：请加一列 移出时间",
		},
	}, {
		"retained with a removal date", catalog.Inspection,
		"年检事项名称,实施部门,年检对象,年检周期,收费标准,状态,移出时间\n甲,交通运输局,车辆,每年,不收费,保留,2018-04-10\n",
		[]string{"t.csv:2:7: G 列 移出时间：只有已移出的事项才填这一格：请把 状态 改为 已移出，或清空这一格"},
	}, {
		"retained certificate without basis or reason", catalog.Village,
		"证明名称,使用单位,证明用途,状态,设定依据,保留理由\n甲,民政局,用途,保留,,\n",
		[]string{"t.csv:2:6: F 列 保留理由 是空的：没有设定依据而保留的证明，要写保留理由"},
	}, {
		"bad status", catalog.Village,
		"证明名称,使用单位,证明用途,状态,设定依据\n甲,民政局,用途,暂停,《条例》\n",
		[]string{`t.csv:2:4: D 列 状态："暂停" 不是状态：请写 保留 或 已移出`},
	}, {
		"blank department", catalog.Training,
		"培训事项名称,实施部门,培训对象,收费标准\n甲,,人员,免费\n",
		[]string{"t.csv:2:2: B 列 实施部门 是空的：请填写使用或实施单位，用 departments.toml 里的名称"},
	}, {
		"title row, padded and annotated headers", catalog.Inspection,
		"诸城市年检目录,,,,\n*年检事项名称,实施　部门,年检对象,年检周期（次）,（收费标准）\n甲,交通运输局,车辆,每年,不收费\n",
		nil,
	}, {
		"empty sheet", catalog.Cancelled, "\n\n",
		[]string{"t.csv:1:1: 表格是空的：第一行写列名（编号 证明名称 别名 使用单位 开具单位 设定依据 证明用途 取消理由 取消后办理方式 取消时间 公布文号 备注 更新时间）"},
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
		{"a.txt", []byte("x"), catalog.Cancelled, `a.txt:1:1: 读不了 .txt 文件：台账要是 .xlsx 工作簿或 .csv 文件`},
		{"台账", []byte("x"), catalog.Cancelled, `台账:1:1: 文件名没有扩展名，看不出是什么文件：台账要是 .xlsx 工作簿或 .csv 文件`},
		{"a.xls", []byte("x"), catalog.Cancelled, "a.xls:1:1: 这是旧格式的工作簿：请用 Excel 或 WPS 打开，另存为 .xlsx（另存为 → Excel 工作簿）"},
		{"a.xlsx", []byte("not a zip"), catalog.Cancelled, "a.xlsx:1:1: 打不开这个工作簿，它不是完好的 .xlsx 文件（zip: not a valid zip file）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入"},
		{"good.xlsx", good, catalog.Training, `good.xlsx:1:1: 工作簿里只有一张工作表 "取消证明事项"，它是「取消的证明事项」，不是「保留的政府培训事项」：请用 -kind 选对清单`},
		{"two.xlsx", twoSheets(t), catalog.Village, `two.xlsx:1:1: 没有名为 社区(村)开具证明材料清单 的工作表，这个工作簿里有 "Sheet1"、"培训"：请把要导入的工作表改名为 社区(村)开具证明材料清单`},
		{"a.csv", []byte("x"), "other", `a.csv:1:1: 没有 "other" 这张清单：可以是 [cancelled village training inspection]`},
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
