package catalog

import (
	"errors"
	"strings"
	"testing"
)

const eventsToml = `[[event]]
id = "shenhou"
name = "身后事"
words = ["过世", "后事", "丧事"]
guide = "先开死亡证明，再注销户口。"
records = ["yangquan", "hukou"]

[[event]]
id = "kaidian"
name = "开店"
records = ["shetuan"]
`

// TestEvents: events.toml is optional, read in its own order, and its
// records are found whatever their kind.
func TestEvents(t *testing.T) {
	c, err := Load(catalogFS(nil))
	if err != nil || len(c.Events) != 0 {
		t.Fatalf("without events.toml: %v, %d events", err, len(c.Events))
	}
	c, err = Load(catalogFS(map[string]string{"events.toml": eventsToml}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Events) != 2 || c.Events[0].ID != "shenhou" || c.Events[1].ID != "kaidian" {
		t.Fatalf("events = %+v", c.Events)
	}
	e := c.Events[0]
	if e.Name != "身后事" || strings.Join(e.Words, ",") != "过世,后事,丧事" || e.Guide == "" ||
		strings.Join(e.Records, ",") != "yangquan,hukou" || e.Pos.Line != 1 {
		t.Errorf("event = %+v", e)
	}
	if c.Record("yangquan") == nil || c.Record("nope") != nil {
		t.Error("Record lookup")
	}
}

// TestEventErrors pins the position and message of every events rule.
func TestEventErrors(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"unknown record", "[[event]]\nid = \"a\"\nname = \"开店\"\nrecords = [\"hukou\", \"hukuo\"]\n",
			[]string{`events.toml:4:21: 事项 "hukuo" 不在清单里（是不是 "hukou"？）：records 写事项的 id`}},
		{"record twice", "[[event]]\nid = \"a\"\nname = \"开店\"\nrecords = [\"hukou\", \"shetuan\", \"hukou\"]\n",
			[]string{`events.toml:4:32: records 的第 3 项 "hukou" 与第 1 项重复：一件事里每个事项只列一次`}},
		{"duplicate id", "[[event]]\nid = \"a\"\nname = \"开店\"\nrecords = [\"hukou\"]\n\n[[event]]\nid = \"a\"\nname = \"建房\"\nrecords = [\"hukou\"]\n",
			[]string{`events.toml:7:6: 一件事的 id "a" 已在 events.toml:2:6 用过：events.toml 里的 id 不能重复，请换一个`}},
		{"blank name", "[[event]]\nid = \"a\"\nname = \" \"\nrecords = [\"hukou\"]\n",
			[]string{`events.toml:3:8: name 是空的：请填写这件事的名称，如 身后事`}},
		{"no records", "[[event]]\nid = \"a\"\nname = \"开店\"\n",
			[]string{`events.toml:1:1: [[event]] "a" 缺少 records：请加上 records = …（这件事涉及的事项的 id，按办理顺序，如 ["siwang-zhengming-huohua"]）`}},
		{"unknown key", "[[event]]\nid = \"a\"\nname = \"开店\"\nword = [\"开个店\"]\nrecords = [\"hukou\"]\n",
			[]string{`events.toml:4:1: [[event]] "a" 里没有 word 这个键（是不是 "words"？）`}},
		{"other table", "[[events]]\nid = \"a\"\n",
			[]string{`events.toml:1:1: events.toml 里不认识的表 [[events]]（是不是 "event"？）；这个文件只放 [[event]] 表`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(catalogFS(map[string]string{"events.toml": tt.file}))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			if got := list.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}
