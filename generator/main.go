// Command generator builds the static 减证便民 catalog site.
//
//	generator build   [-content DIR] [-templates DIR] [-out DIR] [-base-url URL] …
//	generator check   [-content DIR]
//	generator serve | diff | search | import | new   (see -h)
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
	"sort"

	"jianzheng/generator/cores"
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "generator: unknown command %q\n\n", args[0])
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
		fmt.Fprintf(stderr, "generator %s: %s\n", args[0], ue.msg)
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
	fmt.Fprintf(stderr, "generator: internal error: %v\nplease report this, with the content that caused it\n", value)
	return 3
}

func usage(w io.Writer) {
	fmt.Fprint(w, `generator builds the static 减证便民 catalog site from a folder of TOML records.

Usage:
  go run ./generator <command> [flags]

Commands:
`)
	var names []string
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, `
Run "go run ./generator <command> -h" for a command's flags.
Start here: "go run ./generator build", then open public/index.html.
`)
}

var errHelp = errors.New("help shown")
