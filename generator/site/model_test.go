package site

import (
	"strings"
	"testing"

	"jianzheng/generator/catalog"
)

// TestDepartmentOrder: an order key first, then pinyin, then id; never by
// id alone.
func TestDepartmentOrder(t *testing.T) {
	ds := []*catalog.Department{
		{ID: "a-bianban", Name: "诸城市机构编制委员会办公室"},
		{ID: "b-caizheng", Name: "诸城市财政局"},
		{ID: "c-gongan", Name: "诸城市公安局", Order: 2},
		{ID: "d-minzheng", Name: "诸城市民政局", Order: 1},
		{ID: "e-tuanshiwei", Name: "共青团诸城市委员会"},
	}
	var got []string
	for _, d := range departmentOrder(ds) {
		got = append(got, d.ID)
	}
	want := "d-minzheng c-gongan e-tuanshiwei b-caizheng a-bianban" // 共青团 (gong), 诸城市财政 (cai), 诸城市机构 (ji)
	if strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
