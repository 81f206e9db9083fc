package history

import (
	"fmt"
	"io"
	"strings"

	"jianzheng/generator/catalog"
)

// Print writes the publication as diff shows it, in Chinese: each change
// with its cause (the 文号 of its policies), a new item with the list it
// joins and its status, a changed one with the labels of its fields; the
// records missing from the content (which the build refuses to drop);
// and the counts.
func (p *Publication) Print(w io.Writer, c *catalog.Catalog, missing []Item) {
	fmt.Fprintf(w, "%s 的公布（共 %d 条）\n", p.Date, p.Count)
	if p.First {
		fmt.Fprintln(w, "  第一次公布：每一条都是新的")
		return
	}
	cause := func(it Item) string {
		var nums []string
		for _, id := range it.Policies {
			if pol := c.Policy(id); pol != nil {
				nums = append(nums, pol.Number)
			}
		}
		if len(nums) == 0 {
			return ""
		}
		return "；依据 " + strings.Join(nums, "、")
	}
	section := func(title string, items []Item, detail func(Item) string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s（%d）：\n", title, len(items))
		for _, it := range items {
			fmt.Fprintf(w, "  %s/%s  %s%s%s\n", it.Kind, it.ID, it.Name, detail(it), cause(it))
		}
	}
	status := map[string]string{}
	for _, r := range c.Records {
		status[r.ID] = r.Status()
	}
	section("新增", p.Added, func(it Item) string {
		return fmt.Sprintf("：加入%s，状态 %s", catalog.Kind(it.Kind).Spec().Title, statusWord[status[it.ID]])
	})
	section("状态改变", p.Status, func(it Item) string {
		return fmt.Sprintf("：%s → %s", statusWord[it.From], statusWord[it.To])
	})
	section("修改", p.Changed, func(it Item) string {
		var labels []string
		for _, k := range it.Fields {
			if f := catalog.FieldOf(k); f != nil {
				labels = append(labels, f.DiffName())
			}
		}
		return "：改 " + strings.Join(labels, "、")
	})
	section("内容里没有了（生成会拒绝，除非加 -allow-removal）", missing, func(Item) string { return "" })
	fmt.Fprintln(w, p.Counts())
}

// statusWord says a status as the site does (strings.toml's status).
var statusWord = map[string]string{"cancelled": "已取消", "retained": "保留", "removed": "已移出"}
