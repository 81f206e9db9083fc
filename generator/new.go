package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/ledger"
)

const newSummary = "新建一条事项：编号按名称的拼音自动取，必填的键都列好，别的事项没写完也能用"

func runNew(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	kind := fl.String("kind", "", "哪张清单：cancelled、village、training 或 inspection")
	setUsage(fl, `-kind 清单 [选项] "名称"`, newSummary)
	if err := parseFlagsArgs(fl, args, stderr); err != nil {
		return err
	}
	k, ok := kindNamed(*kind)
	if !ok {
		return &usageError{fmt.Sprintf("-kind 要写 cancelled、village、training 或 inspection 之一（现在是 %q）", *kind)}
	}
	name := strings.TrimSpace(strings.Join(fl.Args(), " "))
	if name == "" {
		fl.Usage()
		return &usageError{"请写上新事项的名称，用引号括起来"}
	}
	contentFS, dir, err := src.content(true)
	if err != nil {
		return err
	}
	// Only the ids matter here, so that a record can be started while
	// others are unfinished; check validates the rest.
	used, err := catalog.IDs(contentFS)
	if err != nil {
		return err
	}
	id := ledger.FreshID(used, k, name)
	file := filepath.Join(dir, string(k), id+".toml")
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("new：%s 已经存在", file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	updated := catalog.Date{}
	if c, err := catalog.Load(contentFS); err == nil {
		updated = c.Site.Updated
	} else {
		updated = today()
	}
	if err := os.WriteFile(file, []byte(scaffold(k, id, name, updated)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "new：已写好 %s\n请填好每个 \"\"，再运行：%s check\n", file, prog)
	return nil
}

// today is the date for a new record's dates when the catalog does not
// load (site.toml's updated cannot be read).
func today() catalog.Date {
	t := time.Now()
	return catalog.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// scaffold is a record with every required key and every key the schema
// gives a note for `new` (catalog.Use.Comment), in the order files write
// them: the strings left blank for the editor (check points at each one)
// unless the schema suggests a value, dates set to the publication date.
func scaffold(k catalog.Kind, id, name string, updated catalog.Date) string {
	var b strings.Builder
	spec := k.Spec()
	fmt.Fprintf(&b, "[[%s]]\n", spec.Table)
	for _, u := range spec.Keys {
		if !u.Required && u.Comment == "" {
			continue
		}
		switch {
		case u.Key == "id":
			fmt.Fprintf(&b, "id = %q", id)
		case u.Key == "name":
			fmt.Fprintf(&b, "name = %s", strconv.Quote(name))
		case u.Field.Type == catalog.TypeDate:
			fmt.Fprintf(&b, "%s = %s", u.Key, updated)
		default:
			fmt.Fprintf(&b, "%s = %q", u.Key, u.Suggest)
		}
		if u.Comment != "" {
			b.WriteString("  # " + u.Comment)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
