package ledger

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"jianzheng/generator/catalog"
)

// withRecords is the sample's root files with files of records in place
// of its own: what `generator import` produces beside an existing catalog.
func withRecords(t *testing.T, files map[string][]byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"site.toml", "departments.toml", "policies.toml", "synonyms.toml"} {
		data, err := os.ReadFile("../../content/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestTOMLLoads renders the whole sample catalog with TOML, one file per
// kind, and loads it back with catalog.Load.
func TestTOMLLoads(t *testing.T) {
	c := loadSample(t)
	files := map[string][]byte{}
	for _, kind := range catalog.Kinds {
		files[string(kind)+"/all.toml"] = TOML(records(c, kind))
	}
	back, err := catalog.Load(withRecords(t, files))
	if err != nil {
		t.Fatalf("loading TOML output:\n%v", err)
	}
	sameRecords(t, "TOML", back.Records, c.Records)
}

// TestTOMLEscapes round-trips values that need escaping through the
// catalog's own decoder.
func TestTOMLEscapes(t *testing.T) {
	c := loadSample(t)
	base := *records(c, catalog.Training)[0]
	tricky := []struct{ name, notes string }{
		{`引号"和\反斜杠`, `单行 "引号" 和 \ 反斜杠`},
		{"制表\t符", "两行\n没有结尾换行"},
		{"三个引号", "里面有\"\"\"三个引号\n和结尾的引号\""},
		{"控制字符\x01和\x7f", "行一\r\n行二\n"},
		{"结尾换行", "很多行\n\n\n"},
	}
	var recs []*catalog.Record
	for i, tt := range tricky {
		r := base
		r.ID = IDFor(catalog.Training, i+1)
		r.Name, r.Notes = tt.name, tt.notes
		r.Aliases = []string{`别"名`, `别\名`}
		recs = append(recs, &r)
	}
	back, err := catalog.Load(withRecords(t, map[string][]byte{"training/t.toml": TOML(recs)}))
	if err != nil {
		t.Fatalf("loading:\n%v\n%s", err, TOML(recs))
	}
	sameRecords(t, "escapes", back.Records, recs)
}

func TestTOMLShape(t *testing.T) {
	c := loadSample(t)
	var village, training *catalog.Record
	for _, r := range c.Records {
		if r.ID == "hukou-dengji-biangeng-cun" {
			village = r
		}
		if r.ID == "tezhong-zuoye-anquan-peixun" {
			training = r
		}
	}
	got := string(TOML([]*catalog.Record{village, training}))
	want := `[[certificate]]
id = "hukou-dengji-biangeng-cun"
name = "户口登记项目内容变更申请证明"
aliases = ["改户口证明", "户口更正证明"]
department = "gongan"
issuer = "村(居)民委员会"
purpose = "原来用来证明户口簿上的姓名、出生日期等登记内容有错，需要变更更正。"
status = "removed"
removed_on = 2018-04-10
removed_by = "luzhengban-2018-46"
used_for = ["户口登记项目变更更正"]
policies = ["zhuzhengban-2017-88", "luzhengban-2018-46", "zhuzhengban-2018-21"]
notes = """
现在由派出所根据户籍档案和有关证件调查核实，不用再到村里开。

本条是示例。
"""

[[training]]
id = "tezhong-zuoye-anquan-peixun"
name = "特种作业人员安全技术培训"
aliases = ["特种作业培训", "电工证培训", "焊工证培训"]
department = "yingji"
audience = "从事电工、焊接与热切割、高处作业、制冷与空调等特种作业的人员"
fee = "考核不收费。培训由具备条件的培训机构承担，收费标准在机构公示。"
frequency = "取证前参加一次；操作证每3年复审一次"
duration = "复审培训不少于8个学时"
basis = "《特种作业人员安全技术培训考核管理规定》（国家安全生产监督管理总局令第30号）"
used_for = ["特种作业操作证申请", "特种作业操作证复审"]
policies = ["zhuzhengban-2018-75"]
notes = """
连续从事本工种10年以上、没有违法行为的，经发证机关同意，复审可以改为每6年一次。

本条是示例。
"""
`
	if got != want {
		t.Errorf("TOML:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, `status = "retained"`) {
		t.Error("a retained training's default status is written out")
	}
}
