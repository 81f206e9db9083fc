package ledger

import (
	"regexp"
	"strings"

	"jianzheng/generator/catalog"
)

// blankHelp says what to write in a required cell left blank.
func blankHelp(f *catalog.Field) string {
	if f.Key == "ground" {
		return f.Blank + "：" + list(groundList())
	}
	return f.Blank
}

func groundList() []string {
	var out []string
	for _, g := range catalog.Grounds {
		out = append(out, groundNames[g])
	}
	return out
}

// idPattern is the content format's id rule.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// record maps one row, or returns nil after reporting why it cannot.
func (p *parser) record(r row) *catalog.Record {
	before := len(p.errs)
	p.strayCells(r)
	rec := &catalog.Record{Kind: p.kind, Pos: catalog.Pos{Path: p.file, Line: r.n, Col: 1}}
	spec := p.kind.Spec()
	for _, u := range spec.Keys {
		p.field(r, rec, u)
	}
	if spec.Use("status") != nil {
		p.status(r, rec)
	}
	if len(p.errs) > before || r.bad {
		return nil
	}
	return rec
}

// field reads the cell of u's key into rec, as its field's type and
// references say. The status and the keys that depend on it are read by
// status.
func (p *parser) field(r row, rec *catalog.Record, u *catalog.Use) {
	f := u.Field
	switch {
	case f.Key == "id":
		rec.ID = p.id(r)
	case f.Key == "status" || f.Key == "removed_on" || f.Key == "removed_by":
	case f.Key == "ground":
		rec.Ground = p.ground(r)
	case f.Ref == catalog.RefDepartment:
		f.SetText(rec, p.department(r))
	case f.Ref == catalog.RefPolicy && f.Type == catalog.TypeList:
		f.SetList(rec, p.policies(r))
	case f.Type == catalog.TypeList:
		f.SetList(rec, splitList(p.cellText(r, f.Key)))
	case f.Type == catalog.TypeMarkdown:
		f.SetText(rec, cleanNotes(p.cellText(r, f.Key)))
	case f.Type == catalog.TypeDate:
		f.SetDate(rec, p.date(r, f.Key))
	case f.Values != nil || f.Ref != catalog.RefNone:
		panic("ledger: no reader for the column " + f.Key) // the schema has a kind of value this file does not know
	default:
		v := p.text(r, f.Key)
		if v == "" {
			v = u.Default // the content format's default
		}
		f.SetText(rec, v)
	}
}

// text reads a one-line value, reporting a blank one the format requires.
func (p *parser) text(r row, key string) string {
	v := p.cellText(r, key)
	if u := p.kind.Spec().Use(key); v == "" && hasKey(p.at, key) && u != nil && u.Required && blankHelp(u.Field) != "" {
		p.blankAt(r, key, blankHelp(u.Field))
	}
	return v
}

func (p *parser) id(r row) string {
	v := p.cellText(r, "id")
	if v == "" {
		return ""
	}
	if !idPattern.MatchString(v) {
		hint := ""
		if low := strings.ToLower(v); idPattern.MatchString(low) {
			hint = `（是不是 "` + low + `"？）`
		}
		p.errAt(r, "id", "%q 不能作编号%s：只用小写字母 a-z、数字 0-9 和 -，以字母或数字开头，最长 64 个字符", v, hint)
		return ""
	}
	if first, dup := p.seen[v]; dup {
		p.errAt(r, "id", "%q 已是第 %d 行的编号：编号不能重复", v, first)
		return ""
	}
	p.seen[v] = r.n
	if old := p.existing[v]; old != nil && old.Kind != p.kind {
		p.errAt(r, "id", "%q 已是 [[%s]] %q 的编号（%s:%d）：整个清单的编号不能重复",
			v, old.Kind.Table(), old.Name, old.Pos.Path, old.Pos.Line)
		return ""
	}
	return v
}

func (p *parser) department(r row) string {
	v := p.text(r, "department")
	if v == "" {
		return ""
	}
	id, problem := p.refs.department(p.c, v)
	if problem != "" {
		p.errAt(r, "department", "%s", problem)
	}
	return id
}

func (p *parser) policies(r row) []string {
	var ids []string
	for _, v := range splitList(p.cellText(r, "policies")) {
		id, problem := p.refs.policy(v)
		if problem != "" {
			p.errAt(r, "policies", "%s", problem)
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

func (p *parser) ground(r row) string {
	v := p.text(r, "ground")
	if v == "" {
		return ""
	}
	g, ok, both := parseGround(v)
	switch {
	case len(both) > 1:
		var names []string
		for _, b := range both {
			names = append(names, groundNames[b])
		}
		p.errAt(r, "ground", "%q 同时像 %s 这几条原则：请写明是哪一条", v, strings.Join(names, "、"))
	case !ok:
		p.errAt(r, "ground", "%q 不是四条取消原则之一：请写 %s%s",
			v, list(groundList()), catalog.DidYouMean(v, groundList()))
	}
	return g
}

// date reads a date cell; a blank required one is reported by text.
func (p *parser) date(r row, key string) catalog.Date {
	v := p.text(r, key)
	if v == "" {
		return catalog.Date{}
	}
	j := p.at[key]
	d, ok := parseDate(r.get(j).text, r.get(j).raw, p.date1904)
	if !ok {
		p.errAt(r, key, "%q 不是日期：写成 2018-06-30、2018/6/30 或 2018年6月30日", v)
		return catalog.Date{}
	}
	if updated := p.c.Site.Updated; !updated.IsZero() && d.After(updated) {
		p.errAt(r, key, "%s 晚于本次公布日期 %s（site.toml 的 updated）", d, updated)
	}
	return d
}
