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
			[]string{"cancelled/b.toml:2:6: TOML syntax: expected value but found '\\n' instead"}},
		{"unknown key with suggestion", map[string]string{"cancelled/b.toml": proof("cancelld_on = 2018-06-30\n")},
			[]string{`cancelled/b.toml:9:1: unknown key "cancelld_on" in proof "p1" (did you mean "cancelled_on"?)`}},
		{"missing required key", map[string]string{"cancelled/b.toml": "[[proof]]\nid = \"p1\"\nname = \"x\"\ndepartment = \"gongan\"\nissuer = \"x\"\nground = \"data-sharing\"\ncancelled_on = 2018-06-30\n"},
			[]string{`cancelled/b.toml:1:1: proof "p1" has no "instead": add instead = … (what a resident does now instead, 取消后办理方式)`}},
		{"blank required", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `instead = "不用开。"`, `instead = "  "`, 1)},
			[]string{`cancelled/b.toml:7:11: "instead" is blank: write what a resident does now instead, 取消后办理方式`}},
		{"wrong type", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `name = "证明"`, `name = 12`, 1)},
			[]string{`cancelled/b.toml:3:8: "name" must be a string in quotes, not a number`}},
		{"date in quotes", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `cancelled_on = 2018-06-30`, `cancelled_on = "2018-06-30"`, 1)},
			[]string{`cancelled/b.toml:8:16: "cancelled_on" must be a date written without quotes, like cancelled_on = 2018-06-30`}},
		{"bad ground", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `"data-sharing"`, `"data_sharing"`, 1)},
			[]string{`cancelled/b.toml:6:10: ground "data_sharing" is not one of "no-legal-basis", "licence-proves", "higher-authority", "data-sharing" (did you mean "data-sharing"?)`}},
		{"bad id", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `id = "p1"`, `id = "P_1"`, 1)},
			[]string{`cancelled/b.toml:2:6: id "P_1" may use only a-z, 0-9 and -, must start with a letter or digit and be at most 64 characters long`}},
		{"duplicate id across files", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `id = "p1"`, `id = "hukou"`, 1)},
			[]string{`cancelled/b.toml:2:6: record id "hukou" is already used at cancelled/a.toml:2:6; ids must be unique among records in the whole catalog`}},
		{"dangling department", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `department = "gongan"`, `department = "gongan-ju"`, 1)},
			[]string{`cancelled/b.toml:4:14: department "gongan-ju" is not in departments.toml (did you mean "gongan"?)`}},
		{"dangling policy item", map[string]string{"cancelled/b.toml": proof("policies = [\"lu-46\", \"lu-47\"]\n")},
			[]string{`cancelled/b.toml:9:22: policy "lu-47" is not in policies.toml (did you mean "lu-46"?)`}},
		{"date after publication", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `2018-06-30`, `2019-01-02`, 1)},
			[]string{`cancelled/b.toml:8:16: cancelled_on 2019-01-02 is after the publication date 2018-12-28 (updated in site.toml)`}},
		{"removed without date and policy", map[string]string{"village/a.toml": "[[certificate]]\nid = \"c1\"\nname = \"x\"\ndepartment = \"gongan\"\npurpose = \"x\"\nstatus = \"removed\"\n"},
			[]string{
				`village/a.toml:1:1: certificate "c1" is removed but has no removed_by: add removed_by = "…" (the id of the policy that removed it)`,
				`village/a.toml:1:1: certificate "c1" is removed but has no removed_on: add removed_on = 2018-04-10 (since when)`,
			}},
		{"retained without basis or reason", map[string]string{"village/a.toml": "\n[[certificate]]\nid = \"c1\"\nname = \"x\"\ndepartment = \"gongan\"\npurpose = \"x\"\nstatus = \"retained\"\n"},
			[]string{`village/a.toml:2:1: certificate "c1" is retained without a basis: add basis = "…" (设定依据) or retention_reason = "…" (保留理由)`}},
		{"table of another kind", map[string]string{"cancelled/b.toml": "[[training]]\nid = \"t\"\n"},
			[]string{`cancelled/b.toml:1:1: unknown table "training" in cancelled/b.toml: [[training]] records belong in training/; this file holds only [[proof]] records`}},
		{"unknown folder", map[string]string{"cancel/b.toml": proof("")},
			[]string{`cancel/b.toml:1:1: unknown folder "cancel/" (did you mean "cancelled/"?): records go in cancelled/, village/, training/, inspection/`}},
		{"missing site", map[string]string{"site.toml": ""},
			[]string{`site.toml:1:1: missing site.toml: create it with title, publisher and updated`}},
		{"invalid utf-8", map[string]string{"cancelled/b.toml": "[[proof]]\nname = \"\xff\"\n"},
			[]string{`cancelled/b.toml:2:9: the file is not UTF-8: save it as UTF-8 (in Excel or WPS: 另存为 → UTF-8)`}},
		{"bad url", map[string]string{"departments.toml": base["departments.toml"] + "url = \"javascript:alert(1)\"\n"},
			[]string{`departments.toml:9:7: url "javascript:alert(1)" must be a full address starting with http:// or https://`}},
		{"order in quotes", map[string]string{"departments.toml": base["departments.toml"] + "order = \"1\"\n"},
			[]string{`departments.toml:9:9: "order" must be a whole number without quotes, like order = 1, not a string`}},
		{"lonely synonym", map[string]string{"synonyms.toml": "[[synonyms]]\nterms = [\"户口本\"]\n"},
			[]string{`synonyms.toml:2:9: a synonyms group needs two or more terms; "户口本" stands alone`}},
		{"retained with removed_on", map[string]string{"inspection/a.toml": "[[inspection]]\nid = \"i\"\nname = \"x\"\ndepartment = \"gongan\"\nsubject = \"x\"\ncycle = \"每年\"\nfee = \"免费\"\nremoved_on = 2018-05-01\n"},
			[]string{`inspection/a.toml:8:1: removed_on is only for removed items: set status = "removed" or delete removed_on`}},
		{"column counts characters", map[string]string{"cancelled/b.toml": strings.Replace(proof(""), `name = "证明"`, `name = "证明", aliases = 3`, 1)},
			[]string{"cancelled/b.toml:3:12: TOML syntax: expected a top-level item to end with a newline, comment, or EOF, but got ',' instead"}},
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
