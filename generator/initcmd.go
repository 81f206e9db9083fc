package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"time"

	"jianzheng/content"
	"jianzheng/generator/starter"
)

const initSummary = "在一个空文件夹里建一套最小的清单（每张清单一个示例事项、一个部门、一个文件、同义词和编辑指南），能直接检查和生成"

func runInit(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	setUsage(fl, "[文件夹]", initSummary)
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return &usageError{"只写一个文件夹"}
	}
	dir := "content"
	if fl.NArg() == 1 {
		dir = fl.Arg(0)
	}
	guide, err := fs.ReadFile(content.FS, "编辑指南.md")
	if err != nil {
		return err
	}
	wrote, err := starter.Write(dir, time.Now(), guide)
	if err != nil {
		return err
	}
	for _, f := range wrote {
		fmt.Fprintf(stdout, "init：已写 %s\n", f)
	}
	fmt.Fprintf(stdout, "先读 %s/编辑指南.md，改好 site.toml，再运行：%s check -content %s，然后 %s build -content %s\n", dir, prog, dir, prog, dir)
	return nil
}
