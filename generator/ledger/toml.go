package ledger

import (
	"bytes"
	"fmt"
	"strings"

	"jianzheng/generator/catalog"
)

// TOML renders records as a content file: one [[proof]], [[certificate]],
// [[training]] or [[inspection]] table per record, in the given order,
// separated by blank lines. Keys come in the order the schema gives the
// kind's keys, which is the order the sample catalog writes them (id,
// name, aliases, department, the kind's own keys, basis, used_for,
// policies, notes, updated); empty optional keys are left out, and so is
// a default the schema does not ask to write out (status = "retained"
// where it is the default). A note of several lines is a multi-line
// string, as an editor would type it. The output depends on records
// alone.
//
// The encoder is written out by hand because BurntSushi/toml's encoder orders keys
// by name and writes every string on one line, which would make imported
// files read unlike the ones the office maintains.
func TOML(records []*catalog.Record) []byte {
	var b bytes.Buffer
	for i, r := range records {
		if i > 0 {
			b.WriteByte('\n')
		}
		w := &tomlWriter{&b}
		spec := r.Kind.Spec()
		fmt.Fprintf(&b, "[[%s]]\n", spec.Table)
		for _, u := range spec.Keys {
			f := u.Field
			switch f.Type {
			case catalog.TypeLine:
				if v := f.Text(r); v != u.Default || u.Explicit {
					w.str(f.Key, v)
				}
			case catalog.TypeMarkdown:
				w.notes(f.Key, f.Text(r))
			case catalog.TypeList:
				w.list(f.Key, f.List(r))
			case catalog.TypeDate:
				w.date(f.Key, f.Date(r))
			}
		}
	}
	return b.Bytes()
}

type tomlWriter struct{ b *bytes.Buffer }

func (w *tomlWriter) str(key, v string) {
	if v != "" {
		fmt.Fprintf(w.b, "%s = %s\n", key, basicString(v))
	}
}

func (w *tomlWriter) date(key string, d catalog.Date) {
	if !d.IsZero() {
		fmt.Fprintf(w.b, "%s = %s\n", key, d)
	}
}

func (w *tomlWriter) list(key string, items []string) {
	if len(items) == 0 {
		return
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = basicString(s)
	}
	fmt.Fprintf(w.b, "%s = [%s]\n", key, strings.Join(q, ", "))
}

// notes writes Markdown on its own lines between """ when it has several,
// so that the file shows the note as the reader will see it.
func (w *tomlWriter) notes(key, v string) {
	if !strings.Contains(v, "\n") {
		w.str(key, v)
		return
	}
	// A newline right after the opening """ is not part of the value.
	fmt.Fprintf(w.b, "%s = \"\"\"\n%s\"\"\"\n", key, escape(v, true))
}

func basicString(s string) string { return `"` + escape(s, false) + `"` }

// escape escapes s for a TOML basic string, or for a multi-line basic
// string if multiline, where line breaks stay as they are. Every quote is
// escaped in both, so that no run of three can end the string early.
func escape(s string, multiline bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' && multiline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TOMLFiles is TOML split into files of at most max bytes each (but for
// a single record longer than that), records kept in order: a content
// file holds at most catalog.MaxFileSize, and an import of 20,000 rows
// makes more. With one file, it is TOML(records).
func TOMLFiles(records []*catalog.Record, max int) [][]byte {
	var files [][]byte
	var cur []byte
	for _, r := range records {
		one := TOML([]*catalog.Record{r})
		if len(cur) > 0 && len(cur)+1+len(one) > max {
			files, cur = append(files, cur), nil
		}
		if len(cur) > 0 {
			cur = append(cur, '\n')
		}
		cur = append(cur, one...)
	}
	if len(cur) > 0 {
		files = append(files, cur)
	}
	return files
}
