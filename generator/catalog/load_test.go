package catalog

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// base is a small valid catalog; each case below overrides or adds files.
var base = map[string]string{
	"site.toml": `title = "测试清单"
publisher = "测试编办"
updated = 2018-12-28
`,
	"departments.toml": `[[department]]
id = "gongan"
name = "诸城市公安局"
aliases = ["公安局", "派出所"]

[[department]]
id = "minzheng"
name = "诸城市民政局"
`,
	"policies.toml": `[[policy]]
id = "lu-46"
number = "鲁政办字〔2018〕46号"
title = "关于公布山东省需要村(社区)开具的证明材料清单的通知"
issuer = "山东省人民政府办公厅"
issued = 2018-04-03
`,
	"synonyms.toml": `[[synonyms]]
terms = ["居民户口簿", "户口本"]
`,
	"cancelled/a.toml": `[[proof]]
id = "hukou"
name = "户口所在地证明"
department = "gongan"
issuer = "村(居)委会"
ground = "licence-proves"
instead = "带上居民户口簿。"
cancelled_on = 2018-06-30
policies = ["lu-46"]
`,
	"village/a.toml": `[[certificate]]
id = "jingji"
name = "家庭经济状况证明"
department = "minzheng"
purpose = "申请低保"
status = "retained"
basis = "《社会救助暂行办法》"

[[certificate]]
id = "yangquan"
name = "居民养犬证明"
department = "gongan"
purpose = "养犬登记"
status = "removed"
removed_on = 2018-04-10
removed_by = "lu-46"
`,
	"training/a.toml": `[[training]]
id = "texhong"
name = "特种作业人员安全技术培训"
department = "gongan"
audience = "特种作业人员"
fee = "免费"
`,
	"inspection/a.toml": `[[inspection]]
id = "shetuan"
name = "社会团体年度检查"
department = "minzheng"
subject = "社会团体"
cycle = "每年"
fee = "不收费"
`,
}

func catalogFS(override map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range base {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range override {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	c, err := Load(catalogFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Kind]int{}
	for _, r := range c.Records {
		counts[r.Kind]++
	}
	if counts[Cancelled] != 1 || counts[Village] != 2 || counts[Training] != 1 || counts[Inspection] != 1 {
		t.Errorf("counts = %v", counts)
	}
	if r := c.Records[0]; r.ID != "hukou" || r.CancelledOn.String() != "2018-06-30" || r.Ground != "licence-proves" {
		t.Errorf("first record = %+v", r)
	}
	if c.Department("gongan").Name != "诸城市公安局" || c.Policy("lu-46") == nil {
		t.Error("lookups failed")
	}
	if c.Site.Language != "zh-CN" {
		t.Errorf("default language = %q", c.Site.Language)
	}
	if got := c.Records[len(c.Records)-1].State; got != "retained" {
		t.Errorf("inspection status defaults to %q", got)
	}
}

// TestLoadErrors pins the exact position and message of every rule.
// Each case replaces files of the base catalog ("" deletes one).
func TestLoadErrors(t *testing.T) {
	proof := func(extra string) string {
		return "[[proof]]\nid = \"p1\"\nname = \"证明\"\ndepartment = \"gongan\"\nissuer = \"村委会\"\nground = \"data-sharing\"\ninstead = \"不用开。\"\ncancelled_on = 2018-06-30\n" + extra
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"syntax: missing value", map[string]string{"cancelled/b.toml": "[[proof]]\nid = \n"},
			[]string{
				"cancelled/b.toml:1:1: [[proof]] 缺少 cancelled_on：请加上 cancelled_on = …（从哪天起不再需要，取消时间）",
				"cancelled/b.toml:1:1: [[proof]] 缺少 department：请加上 department = …（使用或实施单位在 departments.toml 里的 id）",
				"cancelled/b.toml:1:1: [[proof]] 缺少 ground：请加上 ground = …（取消原因：no-legal-basis、licence-proves、higher-authority 或 data-sharing）",
				"cancelled/b.toml:1:1: [[proof]] 缺少 instead：请加上 instead = …（取消后群众怎么办）",
				"cancelled/b.toml:1:1: [[proof]] 缺少 issuer：请加上 issuer = …（原来由谁开具）",
				"cancelled/b.toml:1:1: [[proof]] 缺少 name：请加上 name = …（正式名称）",
				"cancelled/b.toml:2:6: TOML 语法错误：等号后面缺少值：写上值，或删掉这一行",
			}},
		{"unknown key with suggestion", map[string]string{"cancelled/b.toml": proof("cancelld_on = 2018-06-30\n")},
			[]string{`cancelled/b.toml:9:1: [[proof]] "p1" 里没有 cancelld_on 这个键（是不是 "cancelled_on"？）`}},
		{"missing required key", map[string]string{"cancelled/b.toml": "[[proof]]\nid = \"p1\"\nname = \"x\"\ndepartment = \"gongan\"\nissuer = \"x\"\nground = \"data-sharing\"\ncancelled_on = 2018-06-30\n"},
			[]string{`cancelled/b.toml:1:1: [[proof]] "p1" 缺少 instead：请加上 instead = …（取消后群众怎么办）`}},
		{"blank required", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `instead = "不用开。"`, `instead = "  "`, 1)},
			[]string{`cancelled/b.toml:7:11: instead 是空的：请填写取消后群众怎么办`}},
		{"wrong type", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `name = "证明"`, `name = 12`, 1)},
			[]string{`cancelled/b.toml:3:8: name 的值要写在英文双引号里，现在是数字`}},
		{"date in quotes", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `cancelled_on = 2018-06-30`, `cancelled_on = "2018-06-30"`, 1)},
			[]string{`cancelled/b.toml:8:16: cancelled_on 是日期，不加引号：写成 cancelled_on = 2018-06-30`}},
		{"bad ground", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `"data-sharing"`, `"data_sharing"`, 1)},
			[]string{`cancelled/b.toml:6:10: ground 不能是 "data_sharing"，只能是 "no-legal-basis"、"licence-proves"、"higher-authority"、"data-sharing" 之一（是不是 "data-sharing"？）`}},
		{"bad id", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `id = "p1"`, `id = "P_1"`, 1)},
			[]string{`cancelled/b.toml:2:6: id "P_1" 只能用小写字母 a-z、数字 0-9 和 -，以字母或数字开头，最长 64 个字符`}},
		{"duplicate id across files", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `id = "p1"`, `id = "hukou"`, 1)},
			[]string{`cancelled/b.toml:2:6: 事项的 id "hukou" 已在 cancelled/a.toml:2:6 用过：全部事项的 id 不能重复，请换一个`}},
		{"dangling department", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `department = "gongan"`, `department = "gongan-ju"`, 1)},
			[]string{`cancelled/b.toml:4:14: 部门 "gongan-ju" 不在 departments.toml 里（是不是 "gongan"？）`}},
		{"dangling policy item", map[string]string{"cancelled/b.toml": proof("policies = [\"lu-46\", \"lu-47\"]\n")},
			[]string{`cancelled/b.toml:9:22: 文件 "lu-47" 不在 policies.toml 里（是不是 "lu-46"？）`}},
		{"date after publication", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `2018-06-30`, `2019-01-02`, 1)},
			[]string{`cancelled/b.toml:8:16: cancelled_on 2019-01-02 晚于本次公布日期 2018-12-28（site.toml 的 updated）：改正日期，或推后 updated`}},
		{"removed without date and policy", map[string]string{"village/a.toml": "[[certificate]]\nid = \"c1\"\nname = \"x\"\ndepartment = \"gongan\"\npurpose = \"x\"\nstatus = \"removed\"\n"},
			[]string{
				`village/a.toml:1:1: [[certificate]] "c1" 已移出，但缺少 removed_by：请加上 removed_by = "…"（移出它的文件在 policies.toml 里的 id）`,
				`village/a.toml:1:1: [[certificate]] "c1" 已移出，但缺少 removed_on：请加上 removed_on = 2018-04-10（从哪天起移出）`,
			}},
		{"retained without basis or reason", map[string]string{"village/a.toml": "\n[[certificate]]\nid = \"c1\"\nname = \"x\"\ndepartment = \"gongan\"\npurpose = \"x\"\nstatus = \"retained\"\n"},
			[]string{`village/a.toml:2:1: [[certificate]] "c1" 保留了，但没有 basis：请加上 basis = "…"（设定依据）或 retention_reason = "…"（保留理由）`}},
		{"table of another kind", map[string]string{"cancelled/b.toml": "[[training]]\nid = \"t\"\n"},
			[]string{`cancelled/b.toml:1:1: cancelled/b.toml 里不认识的表 [[training]]：[[training]] 事项应放在 training/ 里；这个文件只放 [[proof]] 事项`}},
		{"unknown folder", map[string]string{"cancel/b.toml": proof("")},
			[]string{`cancel/b.toml:1:1: 不认识的文件夹 "cancel/"（是不是 "cancelled/"？）：事项放在 cancelled/、village/、training/、inspection/ 里`}},
		{"missing site", map[string]string{"site.toml": ""},
			[]string{`site.toml:1:1: 缺少 site.toml：请新建它，写上 title、publisher 和 updated`}},
		{"invalid utf-8", map[string]string{"cancelled/b.toml": "[[proof]]\nname = \"\xff\"\n"},
			[]string{`cancelled/b.toml:2:9: 文件不是 UTF-8 编码：请另存为 UTF-8（Excel 或 WPS：另存为 → UTF-8）`}},
		{"bad url", map[string]string{"departments.toml": base["departments.toml"] + "url = \"javascript:alert(1)\"\n"},
			[]string{`departments.toml:9:7: url "javascript:alert(1)" 要写完整网址，以 http:// 或 https:// 开头`}},
		{"order in quotes", map[string]string{"departments.toml": base["departments.toml"] + "order = \"1\"\n"},
			[]string{`departments.toml:9:9: order 要写整数，不加引号，如 order = 1，现在是文字`}},
		{"lonely synonym", map[string]string{"synonyms.toml": "[[synonyms]]\nterms = [\"户口本\"]\n"},
			[]string{`synonyms.toml:2:9: 一组同义词至少要两个词，这里只有 "户口本"`}},
		{"retained with removed_on", map[string]string{"inspection/a.toml": "[[inspection]]\nid = \"i\"\nname = \"x\"\ndepartment = \"gongan\"\nsubject = \"x\"\ncycle = \"每年\"\nfee = \"免费\"\nremoved_on = 2018-05-01\n"},
			[]string{`inspection/a.toml:8:1: removed_on 只用于已移出的事项：请写 status = "removed"，或删掉 removed_on`}},
		{"column counts characters", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `name = "证明"`, `name = "证明", aliases = 3`, 1)},
			[]string{"cancelled/b.toml:3:12: TOML 语法错误：一行只能写一个 键 = 值：把后面的内容移到下一行"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(catalogFS(tt.files))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			got := strings.Split(list.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestUpperCaseExtension(t *testing.T) {
	c, err := Load(catalogFS(map[string]string{"training/b.TOML": "[[training]]\nid = \"t2\"\nname = \"培训\"\ndepartment = \"gongan\"\naudience = \"所有人\"\nfee = \"免费\"\n"}))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range c.Records {
		found = found || r.ID == "t2"
	}
	if !found {
		t.Error("a .TOML file was ignored")
	}
}

// TestDepartmentOrder: order is optional and read as a number.
func TestDepartmentOrder(t *testing.T) {
	c, err := Load(catalogFS(map[string]string{"departments.toml": base["departments.toml"] + "order = 2\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Department("minzheng").Order != 2 || c.Department("gongan").Order != 0 {
		t.Errorf("orders: gongan %d, minzheng %d", c.Department("gongan").Order, c.Department("minzheng").Order)
	}
}
