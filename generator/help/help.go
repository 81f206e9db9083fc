// Package help writes the command line's help texts, in Chinese for the
// editorial office: the program's usage (its commands, examples, exit
// codes, the ledger's column names and where the editors' guide is) and
// each command's usage with its flags. Package main owns the commands and
// their flags; this package only says them, so the texts live in one
// place and the program's name is the one it was invoked by.
package help

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

// Command is one subcommand as the help shows it.
type Command struct {
	Name, Summary string
}

// Top writes the program's usage.
func Top(w io.Writer, prog string, cmds []Command) {
	fmt.Fprintf(w, "%s 把一个文件夹里的 TOML 清单生成为减证便民清单网站（静态网页，任何网站服务器都能放）。\n\n", prog)
	fmt.Fprintf(w, "用法：\n  %s <命令> [选项] [参数]\n\n命令：\n", prog)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Summary)
	}
	fmt.Fprintf(w, "\n例子：\n")
	for _, e := range examples {
		fmt.Fprintf(w, "  %s %s\n      %s\n", prog, e[0], e[1])
	}
	fmt.Fprint(w, `
退出码：
  0  成功
  1  内容有错误：每个问题一行，写成 文件:行:列: 说明（文件从内容文件夹算起），一次列出全部
  2  命令用法不对：同时显示用法
  3  程序内部错误：请把信息报告给维护人员

台账（import 读入、网站 data/ 下导出）的列名，第一个是导出时写的名字：
`)
	for _, k := range catalog.Kinds {
		fmt.Fprintf(w, "  %s（-kind %s）：%s\n", k.Spec().Title, k, strings.Join(ledger.ColumnNames(k), " "))
	}
	fmt.Fprintf(w, `  列名的其他写法（如 取消原因、清理原则；使用单位、索要单位）也认，见 README.md。

每个命令的选项：%s <命令> -h
编辑人员请先读 content/编辑指南.md：怎样增删事项、导入台账、看懂错误、重新发布。
`, prog)
}

var examples = [][2]string{
	{"check", "检查内容，一次列出所有错误"},
	{"build", "生成网站到 public/，最后说明与上次发布相比的变化"},
	{"serve", "本机预览 http://127.0.0.1:1313 ，保存后自动刷新"},
	{"diff", "看下次发布与已发布的网站相比有哪些变化"},
	{"import -kind village -dry-run 台账.xlsx", "先看导入台账会新增、修改哪些事项，不写文件"},
	{"import -kind village 台账.xlsx", "导入台账：新增的写进新文件，已有的就地修改"},
	{`new -kind cancelled "居民养犬证明"`, "新建一条事项，编号按名称的拼音自动取"},
	{"init 新清单", "在空文件夹里建一套能直接生成的最小清单"},
	{"search 户口本", "像网站的搜索一样查一个词"},
}

// Usage writes one command's usage: its command line, what it does, and
// its flags with their defaults.
func (c Command) Usage(fl *flag.FlagSet, prog, line string) {
	w := fl.Output()
	fmt.Fprintf(w, "用法：%s %s %s\n\n%s\n", prog, c.Name, line, c.Summary)
	var any bool
	fl.VisitAll(func(f *flag.Flag) {
		if !any {
			fmt.Fprint(w, "\n选项（可以写在参数前面或后面）：\n")
			any = true
		}
		name, usage := flag.UnquoteUsage(f)
		switch name {
		case "string":
			name = " 值"
		case "int":
			name = " 数"
		case "":
		default:
			name = " " + name
		}
		fmt.Fprintf(w, "  -%s%s\n    \t%s", f.Name, name, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, "（默认 %s）", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// flagErrors rephrase the flag package's errors.
var flagErrors = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^flag provided but not defined: (.*)$`), "没有 $1 这个选项"},
	{regexp.MustCompile(`^flag needs an argument: (.*)$`), "选项 $1 后面要写一个值"},
	{regexp.MustCompile(`^invalid (?:value|boolean value) "(.*)" for flag (.*?): .*$`), "选项 $2 的值 \"$1\" 不对"},
}

// FlagError says a flag parsing error in Chinese, naming the flag as typed.
func FlagError(err error) string {
	msg := err.Error()
	for _, f := range flagErrors {
		if f.re.MatchString(msg) {
			return f.re.ReplaceAllString(msg, f.zh)
		}
	}
	return msg
}
