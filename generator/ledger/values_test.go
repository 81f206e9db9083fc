package ledger

import (
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"jianzheng/generator/catalog"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		text, raw string
		date1904  bool
		want      string // "" for not a date
	}{
		{"2018-06-30", "2018-06-30", false, "2018-06-30"},
		{"2018/6/30", "2018/6/30", false, "2018-06-30"},
		{"2018.6.30", "2018.6.30", false, "2018-06-30"},
		{"2018年6月30日", "2018年6月30日", false, "2018-06-30"},
		{"2018 年 6 月 30 日", "2018 年 6 月 30 日", false, "2018-06-30"},
		{"２０１８－０６－３０", "２０１８－０６－３０", false, "2018-06-30"},
		{"2018/6/30 0:00", "2018/6/30 0:00", false, "2018-06-30"},
		{"20180630", "20180630", false, "2018-06-30"},
		{"06-30-18", "43281", false, "2018-06-30"}, // an Excel date cell
		{"6/30/18 12:00", "43281.5", false, "2018-06-30"},
		{"06-30-18", "41819", true, "2018-06-30"}, // 1904 date system
		{"2018-02-30", "2018-02-30", false, ""},
		{"2018-13-01", "2018-13-01", false, ""},
		{"2018", "2018", false, ""}, // a year, not serial 2018
		{"18年6月30日", "18年6月30日", false, ""},
		{"六月", "六月", false, ""},
	}
	for _, tt := range tests {
		d, ok := parseDate(tt.text, tt.raw, tt.date1904)
		if got := d.String(); ok != (tt.want != "") || got != tt.want {
			t.Errorf("parseDate(%q, %q) = %q, %v; want %q", tt.text, tt.raw, got, ok, tt.want)
		}
	}
	for _, s := range []string{"2018-06-30", "2000-01-01", "2024-02-29"} {
		d, _ := parseDate(s, s, false)
		back, ok := fromSerial(int(serial(d)), false)
		if !ok || back != d {
			t.Errorf("serial(%s) reads back as %s", s, back)
		}
	}
}

func TestLists(t *testing.T) {
	tests := []struct {
		cell string
		want []string
	}{
		{"", nil},
		{"户口簿", []string{"户口簿"}},
		{"户口簿；身份证", []string{"户口簿", "身份证"}},
		{"户口簿; 身份证;", []string{"户口簿", "身份证"}},
		{"户口簿\n身份证", []string{"户口簿", "身份证"}},
		{"户口簿、身份证，护照,驾照/居住证", []string{"户口簿", "身份证", "护照", "驾照", "居住证"}},
		{"户口簿、身份证；护照", []string{"户口簿、身份证", "护照"}},
		{"往来港澳/台湾通行证；", []string{"往来港澳/台湾通行证"}},
	}
	for _, tt := range tests {
		if got := splitList(tt.cell); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitList(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
	for _, items := range [][]string{{"甲"}, {"甲", "乙"}, {"甲、乙"}, {"甲/乙", "丙"}, {"a,b"}} {
		if got := splitList(joinList(items)); !reflect.DeepEqual(got, items) {
			t.Errorf("joinList(%q) reads back as %q", items, got)
		}
	}
}

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		kind    catalog.Kind
		header  string
		key     string
		problem bool
	}{
		{catalog.Cancelled, "证明名称", "name", false},
		{catalog.Cancelled, " 证明名称 ", "name", false},
		{catalog.Cancelled, "证明\n名称", "name", false},
		{catalog.Cancelled, "备　　注", "notes", false},
		{catalog.Cancelled, "*取消理由", "ground", false},
		{catalog.Cancelled, "（备注）", "notes", false},
		{catalog.Cancelled, "取消时间（年月日）", "cancelled_on", false},
		{catalog.Cancelled, "id", "id", false},
		{catalog.Cancelled, "证明用途", "used_for", false},
		{catalog.Village, "证明用途", "purpose", false},
		{catalog.Village, "取消时间", "removed_on", false},
		{catalog.Training, "周期", "frequency", false},
		{catalog.Inspection, "周期", "cycle", false},
		{catalog.Cancelled, "序号", "", false},
		{catalog.Cancelled, "状态", "", true},
		{catalog.Training, "保留理由", "", true},
		{catalog.Cancelled, "备考", "", true},
	}
	for _, tt := range tests {
		key, _, problem := match(tt.kind, tt.header)
		if key != tt.key || (problem != "") != tt.problem {
			t.Errorf("match(%s, %q) = %q, %q", tt.kind, tt.header, key, problem)
		}
	}
}

func TestEnums(t *testing.T) {
	grounds := map[string]string{
		"无法律法规依据": "no-legal-basis", "无法律、法规依据": "no-legal-basis", "no-legal-basis": "no-legal-basis",
		"有效证照可以证明": "licence-proves", "License-Proves": "licence-proves",
		"上级明文规定取消": "higher-authority", "可以通过数据共享查证": "data-sharing",
		"可通过数据共享、信息比对自行查证": "data-sharing", "可通过数据共享查证": "data-sharing",
		// By meaning, as real ledgers word it.
		"没有依据": "no-legal-basis", "可通过信息共享查询": "data-sharing", "部门间数据比对核查": "data-sharing",
		"凭有效证照即可证明": "licence-proves", "上级部门明文规定": "higher-authority",
		"其他": "", "无依据，可通过信息共享查询": "", // the second is ambiguous
	}
	for s, want := range grounds {
		if got, ok, _ := parseGround(s); got != want || ok != (want != "") {
			t.Errorf("parseGround(%q) = %q, %v", s, got, ok)
		}
	}
	statuses := map[string]string{"保留": "retained", "retained": "retained", "取消": "removed",
		"已取消": "removed", "移出": "removed", "已移出": "removed", "Removed": "removed", "暂停": ""}
	for s, want := range statuses {
		if got, ok := parseStatus(s); got != want || ok != (want != "") {
			t.Errorf("parseStatus(%q) = %q, %v", s, got, ok)
		}
	}
}

func TestColName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 10: "J", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := colName(n); got != want {
			t.Errorf("colName(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestDepartments(t *testing.T) {
	fsys := withRecords(t, nil)
	fsys["departments.toml"] = &fstest.MapFile{Data: []byte(`
[[department]]
id = "gongan"
name = "诸城市公安局"
aliases = ["公安"]
[[department]]
id = "jiaojing"
name = "诸城市公安局交通警察大队"
aliases = ["公安", "交警"]
[[department]]
id = "shichang"
name = "诸城市市场监督管理局"
`)}
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	x := newRefs(c)
	tests := map[string]string{
		"诸城市公安局":    "gongan",
		"gongan":    "gongan",
		"交警":        "jiaojing",
		"公安局":       "gongan",   // the name without 诸城市
		"市场监督管理局":   "shichang", // 诸城市 is stripped, not 诸城市市
		"公安局交通警察大队": "jiaojing",
		"公安":        `"公安" 可能是 诸城市公安局 或 诸城市公安局交通警察大队：请写全称`,
		"诸城市公按局":    `"诸城市公按局" 不是 departments.toml 里的部门（是不是 "诸城市公安局"？）`,
	}
	for cell, want := range tests {
		id, problem := x.department(c, cell)
		if got := id + problem; got != want {
			t.Errorf("department(%q) = %q, want %q", cell, got, want)
		}
	}
	pols := map[string]string{
		"鲁政办字〔2018〕46号": "luzhengban-2018-46", "鲁政办字[2018]46号": "luzhengban-2018-46",
		"鲁政办字（2018）46号": "luzhengban-2018-46", "鲁政办字【2018】46号": "luzhengban-2018-46",
		"luzhengban-2018-46": "luzhengban-2018-46",
	}
	for cell, want := range pols {
		if id, problem := x.policy(cell); id != want {
			t.Errorf("policy(%q) = %q, %s", cell, id, problem)
		}
	}
}

func TestNameID(t *testing.T) {
	for name, want := range map[string]string{
		"居民养犬证明":         "jumin-yangquan-zhengming",
		"保安员培训":          "baoanyuan-peixun",
		"亲属关系证明（投靠亲属落户）": "qinshu-guanxi-zhengming",
		"特困人员供养条件证明":     "tekun-renyuan-gongyang-tiaojian-zhengming",
		"城乡居民基本养老保险待遇领取人员死亡情况证明": "chengxiang-jumin-jiben-yanglao-zhengming",
		"ICP备案证明": "icp-beian-zhengming",
		"（）":      "",
	} {
		if got := NameID(name); got != want {
			t.Errorf("NameID(%q) = %q, want %q", name, got, want)
		}
		if got := NameID(name); got != "" && !idPattern.MatchString(got) {
			t.Errorf("NameID(%q) = %q: not an id", name, got)
		}
	}
}

// TestIDs: a row without 编号 takes the id of the record of its list with
// its name or alias (so that importing again updates), else a new pinyin
// id, unique however many rows share a name, and the same every time.
func TestIDs(t *testing.T) {
	c := loadSample(t)
	var old *catalog.Record
	for _, r := range c.Records {
		if r.Kind == catalog.Village && len(r.Aliases) > 0 {
			old = r
			break
		}
	}
	x := newIDs(c, catalog.Village, map[string]bool{})
	if id := x.forRecord(&catalog.Record{Name: " " + old.Name + " "}); id != old.ID {
		t.Errorf("by name: %s, want %s", id, old.ID)
	}
	x = newIDs(c, catalog.Village, map[string]bool{})
	if id := x.forRecord(&catalog.Record{Name: old.Aliases[0]}); id != old.ID {
		t.Errorf("by alias: %s, want %s", id, old.ID)
	}
	if id := newIDs(c, catalog.Cancelled, nil).forRecord(&catalog.Record{Name: old.Name}); id == old.ID {
		t.Errorf("a record of another list matched: %s", id)
	}
	x = newIDs(c, catalog.Village, map[string]bool{})
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, x.forRecord(&catalog.Record{Name: "居民养犬证明"}))
	}
	// yangquan-zhengming is the sample's; jumin-yangquan-zhengming is free.
	if want := []string{"jumin-yangquan-zhengming", "jumin-yangquan-zhengming-2", "jumin-yangquan-zhengming-3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
	if id := FreshID(map[string]bool{}, catalog.Inspection, "！！"); id != "inspection-001" {
		t.Errorf("a name with nothing to read: %s", id)
	}
	if id := IDFor(catalog.Inspection, 7); id != "inspection-007" {
		t.Errorf("IDFor = %s", id)
	}
}

// TestIDsLinear: 50,000 rows of one name get their ids in well under a
// few seconds; a search for a free number from -2 up for every row would
// make 1.25 billion lookups, minutes.
func TestIDsLinear(t *testing.T) {
	x := newIDs(&catalog.Catalog{}, catalog.Village, nil)
	start := time.Now()
	var id string
	for i := 0; i < 50_000; i++ {
		id = x.forRecord(&catalog.Record{Name: "居民养犬证明"})
	}
	// A minute is far above a linear run (well under a second) and far
	// below the quadratic search: the bound cannot flake on a busy machine.
	if took := time.Since(start); took > time.Minute || id != "jumin-yangquan-zhengming-50000" {
		t.Errorf("50,000 rows: %v, last id %s", took, id)
	}
}

func TestDecodeText(t *testing.T) {
	for name, data := range map[string][]byte{
		"utf-8":   []byte("证明名称"),
		"bom":     []byte("\uFEFF证明名称"),
		"gb18030": {0xd6, 0xa4, 0xc3, 0xf7, 0xc3, 0xfb, 0xb3, 0xc6},
	} {
		if got, err := decodeText(data); err != nil || got != "证明名称" {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

// TestColumnNamesDistinct pins that no header name, as headers are
// compared, could mean two columns of one list: match takes the first.
func TestColumnNamesDistinct(t *testing.T) {
	for _, kind := range catalog.Kinds {
		owner := map[string]string{}
		for _, c := range schemas[kind] {
			for _, n := range c.names {
				if other, dup := owner[normHeader(n)]; dup && other != c.key {
					t.Errorf("%s: %q names both %s and %s", kind, n, other, c.key)
				}
				owner[normHeader(n)] = c.key
			}
		}
	}
}

// TestEveryFieldExports pins that each kind's columns hold every key the
// kind has, under the name the schema gives it first.
func TestEveryFieldExports(t *testing.T) {
	for _, kind := range catalog.Kinds {
		for _, u := range kind.Spec().Keys {
			if got := headerName(kind, u.Key); got != u.Headers[0] {
				t.Errorf("%s: %s exports as %q, want %q", kind, u.Key, got, u.Headers[0])
			}
		}
	}
}
