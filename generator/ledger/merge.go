package ledger

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"jianzheng/generator/catalog"
)

// A Plan is what importing a sheet does to the catalog. An import adds
// the rows that name no record, updates the records whose rows say
// something else in a column the sheet has, and never deletes: a record
// the sheet leaves out stays as it is, and so does every field of a
// column the sheet does not have. Importing the same sheet again finds
// every row the same.
type Plan struct {
	Kind    catalog.Kind
	Added   []*catalog.Record
	Changed []Change
	Same    int // rows that match their record in every column
}

// A Change is one record the import updates.
type Change struct {
	Old, New *catalog.Record
	Keys     []string // the keys whose value changes, in the schema's order
}

// Empty reports whether the import changes nothing.
func (p *Plan) Empty() bool { return len(p.Added) == 0 && len(p.Changed) == 0 }

// Merge plans the import of recs, read from a sheet of kind whose header
// has columns (keys; see Columns), into c. Rows are matched to records by
// id: Read has given each row the id of its record, by the sheet's 编号
// or by name or alias.
func Merge(c *catalog.Catalog, kind catalog.Kind, recs []*catalog.Record, columns []string) *Plan {
	plan := &Plan{Kind: kind}
	have := map[string]*catalog.Record{}
	for _, r := range c.Records {
		if r.Kind == kind {
			have[r.ID] = r
		}
	}
	for _, rec := range recs {
		old := have[rec.ID]
		if old == nil {
			plan.Added = append(plan.Added, rec)
			continue
		}
		merged := *old
		var keys []string
		for _, u := range kind.Spec().Keys {
			f := u.Field
			if f.Key == "id" || !slices.Contains(columns, f.Key) || sameField(f, old, rec) {
				continue
			}
			copyField(f, &merged, rec)
			keys = append(keys, f.Key)
		}
		if len(keys) == 0 {
			plan.Same++
			continue
		}
		plan.Changed = append(plan.Changed, Change{Old: old, New: &merged, Keys: keys})
	}
	return plan
}

func sameField(f *catalog.Field, a, b *catalog.Record) bool {
	switch f.Type {
	case catalog.TypeList:
		return slices.Equal(f.List(a), f.List(b))
	case catalog.TypeDate:
		return f.Date(a) == f.Date(b)
	}
	return f.Text(a) == f.Text(b)
}

func copyField(f *catalog.Field, dst, src *catalog.Record) {
	switch f.Type {
	case catalog.TypeList:
		f.SetList(dst, f.List(src))
	case catalog.TypeDate:
		f.SetDate(dst, f.Date(src))
	default:
		f.SetText(dst, f.Text(src))
	}
}

// Print writes the plan as diff does: what is added, to which list and
// with which status, what changes and in which fields, and the counts.
func (p *Plan) Print(w io.Writer) {
	list := p.Kind.Spec().Title
	for _, r := range p.Added {
		fmt.Fprintf(w, "  新增 %s/%s  %s：加入%s，状态 %s\n", r.Kind, r.ID, r.Name, list, statusShown[r.Status()])
	}
	for _, c := range p.Changed {
		var labels []string
		for _, k := range c.Keys {
			labels = append(labels, catalog.FieldOf(k).DiffName())
		}
		fmt.Fprintf(w, "  修改 %s/%s  %s：改 %s（在 %s）\n", c.Old.Kind, c.Old.ID, c.Old.Name,
			strings.Join(labels, "、"), c.Old.Pos.Path)
	}
	fmt.Fprintf(w, "新增 %d 条，修改 %d 条，没有变化 %d 条；导入从不删除事项\n", len(p.Added), len(p.Changed), p.Same)
}

// statusShown says a record's status as the site does.
var statusShown = map[string]string{"cancelled": "已取消", "retained": "保留", "removed": "已移出"}

// Rewrite returns the text of the content file data (at path) with the
// records of changes that live in it replaced by their new version. A
// record's table runs from its header to the next record's header, less
// the blank and comment lines before that one; the record is written as
// TOML writes it, so comments inside the table are not kept.
func Rewrite(c *catalog.Catalog, path string, data []byte, changes []Change) []byte {
	var starts []int // every record header line in the file
	for _, r := range c.Records {
		if r.Pos.Path == path {
			starts = append(starts, r.Pos.Line)
		}
	}
	sort.Ints(starts)
	lines := bytes.SplitAfter(data, []byte("\n"))
	var mine []Change
	for _, ch := range changes {
		if ch.Old.Pos.Path == path {
			mine = append(mine, ch)
		}
	}
	sort.Slice(mine, func(i, j int) bool { return mine[i].Old.Pos.Line > mine[j].Old.Pos.Line })
	for _, ch := range mine {
		from := ch.Old.Pos.Line - 1
		to := len(lines)
		if i := sort.SearchInts(starts, ch.Old.Pos.Line+1); i < len(starts) {
			to = starts[i] - 1
		}
		for to > from+1 {
			t := bytes.TrimSpace(lines[to-1])
			if len(t) != 0 && t[0] != '#' {
				break
			}
			to--
		}
		lines = slices.Replace(lines, from, to, TOML([]*catalog.Record{ch.New}))
	}
	return bytes.Join(lines, nil)
}
