package ledger

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"jianzheng/generator/catalog"
)

// column is a content-format key and the ledger header names it goes by.
// names[0] is what exports write, so that an export reads back.
type column struct {
	key   string
	names []string
	field *catalog.Field
}

// schemas lists each kind's columns in export order, as the catalog's
// schema declares them.
var schemas = func() map[catalog.Kind][]column {
	out := map[catalog.Kind][]column{}
	for _, k := range catalog.Kinds {
		spec := k.Spec()
		for _, key := range spec.Columns {
			u := spec.Use(key)
			out[k] = append(out[k], column{key, u.Headers, u.Field})
		}
	}
	return out
}()

// required lists the columns a sheet of each kind must have: the keys the
// content format requires, but the id, which is generated when absent.
var required = func() map[catalog.Kind][]string {
	out := map[catalog.Kind][]string{}
	for _, k := range catalog.Kinds {
		for _, u := range k.Spec().Keys {
			if u.Required && u.Key != "id" {
				out[k] = append(out[k], u.Key)
			}
		}
	}
	return out
}()

// ignored headers carry display order only; the id is a stable slug.
var ignored = []string{"序号"}

// ListTitle is kind's list name, the name of its sheet in exports.
func ListTitle(kind catalog.Kind) string {
	if s := kind.Spec(); s != nil {
		return s.Title
	}
	return ""
}

// headerName returns the name an export writes for key in kind's sheet.
func headerName(kind catalog.Kind, key string) string {
	for _, c := range schemas[kind] {
		if c.key == key {
			return c.names[0]
		}
	}
	return key
}

// normHeader folds a header cell to the form names are compared in:
// full-width letters and parentheses narrowed, every space removed (wrapped
// headers hold line breaks, and offices pad names: "备　　注"), and a
// required-marker star dropped.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Trim(s, "*★☆")
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = s[1 : len(s)-1]
	}
	return strings.ToUpper(s)
}

// dropParenthetical drops a trailing note: "取消时间(年月日)" → "取消时间".
func dropParenthetical(s string) string {
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// match finds the key a header cell names in kind's sheet. ok is false for
// an ignored column; a non-empty problem explains an unusable header.
func match(kind catalog.Kind, header string) (key string, ok bool, problem string) {
	h := normHeader(header)
	for _, try := range []string{h, dropParenthetical(h)} {
		for _, n := range ignored {
			if try == n {
				return "", false, ""
			}
		}
		for _, c := range schemas[kind] {
			for _, n := range c.names {
				if try == normHeader(n) {
					return c.key, true, ""
				}
			}
		}
	}
	for _, other := range catalog.Kinds {
		if other == kind {
			continue
		}
		for _, c := range schemas[other] {
			for _, n := range c.names {
				if h == n || dropParenthetical(h) == n {
					return "", false, fmt.Sprintf("%q 是%s的列，不是%s的：请确认这张表是哪张清单，或删掉这一列",
						header, ListTitle(other), ListTitle(kind))
				}
			}
		}
	}
	var names []string
	for _, c := range schemas[kind] {
		names = append(names, c.names...)
	}
	if hint := catalog.DidYouMean(h, names); hint != "" {
		return "", false, fmt.Sprintf("不认识的列名 %q%s", header, hint)
	}
	return "", false, fmt.Sprintf("不认识的列名 %q：%s的列有 %s", header, ListTitle(kind), exportNames(kind))
}

// ColumnNames are kind's ledger columns by the names exports write, in
// their order: what an office's ledger should be headed with.
func ColumnNames(kind catalog.Kind) []string {
	var names []string
	for _, c := range schemas[kind] {
		names = append(names, c.names[0])
	}
	return names
}

// exportNames lists kind's columns by their first names, for messages.
func exportNames(kind catalog.Kind) string {
	var names []string
	for _, c := range schemas[kind] {
		names = append(names, c.names[0])
	}
	return strings.Join(names, " ")
}
