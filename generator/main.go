// Command generator builds the static 减证便民 catalog site.
//
//	generator build   [-content DIR] [-templates DIR] [-out DIR] [-base-url URL] …
//	generator check   [-content DIR]
//	generator serve | diff | search | import | new | init   (see -h)
//
// It is the only part of the program that knows about flags, real paths
// and exit codes: 0 success, 1 invalid content (every problem listed as
// path:line:col: message), 2 wrong usage, 3 an internal error (a bug).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"jianzheng/generator/cores"
	"jianzheng/generator/help"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: its one-line summary and what it runs.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"build":  {buildSummary, runBuild},
	"check":  {checkSummary, runCheck},
	"diff":   {diffSummary, runDiff},
	"import": {importSummary, runImport},
	"init":   {initSummary, runInit},
	"new":    {newSummary, runNew},
	"search": {searchSummary, runSearch},
	"serve":  {serveSummary, runServe},
}

// usageError means the command line was wrong: exit 2, with usage text.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// run executes one command line and returns the exit code. A panic, here
// or in the work of package cores, is turned into a short message and
// exit code 3, so that no stack trace ever reaches an editor.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = internalError(stderr, r)
		}
	}()
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		usage(stdout)
		return 0
	}
	if len(args) == 0 {
		usage(stderr) // a command is missing: wrong usage, like any other
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "%s：没有 %q 这个命令\n\n", prog, args[0])
		usage(stderr)
		return 2
	}
	err := cmd.run(args[1:], stdout, stderr)
	var ue *usageError
	var pe *cores.PanicError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s %s：%s\n", prog, args[0], ue.msg)
		return 2
	case errors.As(err, &pe):
		return internalError(stderr, pe.Value)
	default:
		fmt.Fprintln(stderr, err)
		return 1
	}
}

// internalError reports a panic, a bug, and returns its exit code.
func internalError(stderr io.Writer, value any) int {
	fmt.Fprintf(stderr, "%s：程序内部错误：%v\n请把这条信息和引起它的内容一起报告给维护人员\n", prog, value)
	return 3
}

func usage(w io.Writer) {
	var names []string
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	var cmds []help.Command
	for _, name := range names {
		cmds = append(cmds, help.Command{Name: name, Summary: commands[name].summary})
	}
	help.Top(w, prog, cmds)
}

// prog is the program as it was invoked, for usage texts: "go run
// ./generator" under go run (whose binary lives in a temporary folder),
// else the name it was called by.
var prog = func() string {
	if strings.Contains(os.Args[0], "go-build") {
		return "go run ./generator"
	}
	return filepath.Base(os.Args[0])
}()

var errHelp = errors.New("help shown")
