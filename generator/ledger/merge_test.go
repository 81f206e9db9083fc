package ledger

import (
	"strings"
	"testing"
	"testing/fstest"

	"jianzheng/generator/catalog"
)

// TestMergeAndRewrite: a row that differs in a column the sheet has
// updates that field only; the record is rewritten in place, and the
// records and comments around it stay as they were.
func TestMergeAndRewrite(t *testing.T) {
	file := `# 公安局的证明
[[proof]]
id = "a"
name = "甲证明"
department = "gongan"
issuer = "派出所"
ground = "licence-proves"
instead = "带上户口簿。"
cancelled_on = 2018-06-30
notes = "旧的说明"

# 下面一条是乙
[[proof]]
id = "b"
name = "乙证明"
department = "gongan"
issuer = "派出所"
ground = "licence-proves"
instead = "带上身份证。"
cancelled_on = 2018-06-30
`
	fsys := fstest.MapFS{
		"site.toml":        {Data: []byte("title = \"t\"\npublisher = \"p\"\nupdated = 2018-12-28\n")},
		"departments.toml": {Data: []byte("[[department]]\nid = \"gongan\"\nname = \"公安局\"\n")},
		"cancelled/a.toml": {Data: []byte(file)},
	}
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	row := *c.Records[0]
	row.Instead, row.Notes = "不用再开证明。", "" // notes: a column the sheet lacks
	same := *c.Records[1]
	plan := Merge(c, catalog.Cancelled, []*catalog.Record{&row, &same}, []string{"id", "name", "instead"})
	if len(plan.Added) != 0 || len(plan.Changed) != 1 || plan.Same != 1 || strings.Join(plan.Changed[0].Keys, ",") != "instead" {
		t.Fatalf("plan %+v", plan)
	}
	got := string(Rewrite(c, "cancelled/a.toml", []byte(file), plan.Changed))
	want := strings.Replace(file, `instead = "带上户口簿。"`, `instead = "不用再开证明。"`, 1)
	if got != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}
}
