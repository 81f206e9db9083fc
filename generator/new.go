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
