package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"jianzheng/content"
	"jianzheng/generator/help"
	"jianzheng/generator/pipeline"
	"jianzheng/templates"
)

// sources are the content and templates folders a command reads. A flag
// left at its default falls back to the embedded copy when the folder
// does not exist, so an installed generator works in any folder.
type sources struct {
	contentDir, templatesDir string
}

func (s *sources) register(fl *flag.FlagSet, withTemplates bool) {
	fl.StringVar(&s.contentDir, "content", "content", "清单内容（TOML 文件）所在的文件夹；没有时用内置的示例")
	if withTemplates {
		fl.StringVar(&s.templatesDir, "templates", "templates", "模板和样式所在的文件夹；没有时用内置的模板")
	}
}

// content returns the content folder, the embedded sample if the default
// folder is missing, and a name for messages.
func (s *sources) content(explicit bool) (fs.FS, string, error) {
	return pick(s.contentDir, explicit, content.FS, "content")
}

func (s *sources) templates(explicit bool) (fs.FS, string, error) {
	return pick(s.templatesDir, explicit, templates.FS, "templates")
}

func pick(dir string, explicit bool, embedded fs.FS, what string) (fs.FS, string, error) {
	info, err := os.Stat(dir)
	switch {
	case err == nil && info.IsDir():
		return os.DirFS(dir), dir, nil
	case err == nil:
		return nil, "", &usageError{fmt.Sprintf("-%s %s 不是文件夹", what, dir)}
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return embedded, "内置的 " + what, nil
	default:
		return nil, "", &usageError{fmt.Sprintf("-%s: %v", what, err)}
	}
}

// inputs resolves the folders of a command that builds the site, and
// names the content folder for messages.
func (s *sources) inputs(fl *flag.FlagSet, baseURL string) (pipeline.Inputs, string, error) {
	content, name, err := s.content(isSet(fl, "content"))
	if err != nil {
		return pipeline.Inputs{}, "", err
	}
	templates, _, err := s.templates(isSet(fl, "templates"))
	if err != nil {
		return pipeline.Inputs{}, "", err
	}
	return pipeline.Inputs{Content: content, Templates: templates, BaseURL: baseURL}, name, nil
}

// parseFlags parses args, turning -h into errHelp and bad flags into a
// usageError, with the flag set's own usage text on stderr. The command
// takes no arguments besides flags.
func parseFlags(fl *flag.FlagSet, args []string, stderr io.Writer) error {
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return &usageError{fmt.Sprintf("多了一个参数 %q：这个命令只接受选项", fl.Arg(0))}
	}
	return nil
}

// parseFlagsArgs is parseFlags for commands that take arguments too.
// Flags may come before or after the arguments (import 台账.xlsx
// -partial), as editors type them; after "--" everything is an argument.
func parseFlagsArgs(fl *flag.FlagSet, args []string, stderr io.Writer) error {
	// The flag package prints its own (English) error and the usage on a
	// bad flag; it says nothing here, and the usage is shown once, below.
	fl.SetOutput(io.Discard)
	defer fl.SetOutput(stderr)
	var rest []string
	for {
		if err := fl.Parse(args); err != nil {
			fl.SetOutput(stderr)
			fl.Usage()
			if errors.Is(err, flag.ErrHelp) {
				return errHelp
			}
			return &usageError{help.FlagError(err)}
		}
		if fl.NArg() == 0 {
			break
		}
		if i := len(args) - fl.NArg() - 1; i >= 0 && args[i] == "--" {
			rest = append(rest, fl.Args()...)
			break
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
	return fl.Parse(append([]string{"--"}, rest...))
}

// setUsage gives fl its command's usage text: the command line, what it
// does, and its flags, in Chinese.
func setUsage(fl *flag.FlagSet, line, summary string) {
	fl.Usage = func() { help.Command{Name: fl.Name(), Summary: summary}.Usage(fl, prog, line) }
}

// isSet reports whether the flag name was given on the command line.
func isSet(fl *flag.FlagSet, name string) bool {
	set := false
	fl.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
