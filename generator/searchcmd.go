package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"jianzheng/generator/search"
)

const searchSummary = "像网站的搜索一样查询，列出结果的编号、名称和得分"

// readingNames say in the office's words how a query that matched nothing
// as typed was read (search.Result.Reading).
var readingNames = map[string]string{"pinyin": "拼音", "homophone": "同音字", "needs": "要办的事（去掉问话的词）"}

func runSearch(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("search", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	n := fl.Int("n", 20, "最多列出几条结果")
	setUsage(fl, "[选项] 查询词", searchSummary)
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	q := strings.Join(fl.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fl.Usage()
		return &usageError{"请写上要查的词，如：search 户口本"}
	}
	if *n < 1 {
		return &usageError{"-n 至少是 1"}
	}
	cat, _, err := loadCatalog(&src, fl)
	if err != nil {
		return err
	}
	ix, err := search.Build(cat)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(q, *n)
	if err != nil {
		return err
	}
	for _, e := range res.Events { // the life events the query names come first, as on the search page
		fmt.Fprintf(stdout, "一件事：%s（events/%s/index.html）\n", e.Name, e.ID)
	}
	switch {
	case res.Total == 0:
		fmt.Fprintf(stdout, "没有事项与 %q 相符\n", q)
		return nil
	case res.Reading != "":
		fmt.Fprintf(stdout, "没有事项与 %q 原样相符；按%s来读，有 %d 条%s：\n", q, readingNames[res.Reading], res.Total, map[bool]string{true: "（只含其中一些词）"}[res.Partial])
	case res.Partial:
		fmt.Fprintf(stdout, "没有事项包含 %q 的每个词；%d 条包含其中一些：\n", q, res.Total)
	default:
		fmt.Fprintf(stdout, "%d 条与 %q 相符：\n", res.Total, q)
	}
	for i, h := range res.Hits {
		via := ""
		if h.Via != "" {
			via = "  （按“" + h.Via + "”）"
		}
		fmt.Fprintf(stdout, "%3d  %-10.6f  %-10s  %-36s  %s%s\n", i+1, h.Score, h.Kind, h.ID, h.Name, via)
	}
	return nil
}
