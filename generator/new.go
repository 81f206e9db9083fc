package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

const newSummary = "start a new record with the next free id and every required key"

func runNew(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	kind := fl.String("kind", "", "cancelled, village, training or inspection")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator new -kind KIND [flags] \"名称\"\n\n%s\n\nflags:\n", newSummary)
		fl.PrintDefaults()
	}
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	k, ok := kindNamed(*kind)
	if !ok {
		return &usageError{fmt.Sprintf("-kind must be one of cancelled, village, training, inspection (got %q)", *kind)}
	}
	name := strings.TrimSpace(strings.Join(fl.Args(), " "))
	if name == "" {
		fl.Usage()
		return &usageError{"give the new record's name, in quotes"}
	}
	contentFS, dir, err := src.content(true)
	if err != nil {
		return err
	}
	cat, err := catalog.Load(contentFS)
	if err != nil {
		return fmt.Errorf("%w\nnew: fix the content first", err)
	}
	id := ledger.NextID(cat, k, nil)
	file := filepath.Join(dir, string(k), id+".toml")
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("new: %s exists already", file)
	}
	if err := os.WriteFile(file, []byte(scaffold(k, id, name, cat.Site.Updated)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "new: wrote %s\nfill in every \"\" and run: go run ./generator check\n", file)
	return nil
}

// scaffold is a record with every required key, the strings left blank
// for the editor (check points at each one) and dates set to the
// publication date.
func scaffold(k catalog.Kind, id, name string, updated catalog.Date) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[[%s]]\n", k.Table())
	fmt.Fprintf(&b, "id = %q  # 网址的一部分，公布后不要再改\n", id)
	fmt.Fprintf(&b, "name = %s\n", strconv.Quote(name))
	b.WriteString("department = \"\"  # departments.toml 里部门的 id，例如 \"gongan\"\n")
	switch k {
	case catalog.Cancelled:
		b.WriteString("issuer = \"\"  # 原来由谁开具，例如 村(居)委会、派出所\n")
		b.WriteString("ground = \"\"  # 取消原因：no-legal-basis、licence-proves、higher-authority 或 data-sharing\n")
		b.WriteString("instead = \"\"  # 现在怎么办，用居民一看就懂的话写\n")
		fmt.Fprintf(&b, "cancelled_on = %s  # 从哪天起不再需要\n", updated)
	case catalog.Village:
		b.WriteString("purpose = \"\"  # 证明用途\n")
		b.WriteString("status = \"retained\"  # retained 保留，removed 已移出\n")
		b.WriteString("basis = \"\"  # 设定依据；没有依据时删掉这一行，写 retention_reason（保留理由）\n")
	case catalog.Training:
		b.WriteString("audience = \"\"  # 培训对象\n")
		b.WriteString("fee = \"\"  # 免费，或收费标准和依据\n")
	case catalog.Inspection:
		b.WriteString("subject = \"\"  # 年检对象\n")
		b.WriteString("cycle = \"\"  # 多久一次，例如 每年\n")
		b.WriteString("fee = \"\"  # 不收费，或收费标准和依据\n")
	}
	return b.String()
}
