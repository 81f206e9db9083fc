package ledger

import (
	"regexp"
	"strings"

	"jianzheng/generator/catalog"
)

// blankHelp says what to write in a required cell left blank.
var blankHelp = map[string]string{
	"name":         "write the official name (名称)",
	"department":   "write the department that uses or runs it, by its name in departments.toml",
	"issuer":       "write who issued the proof (原开具单位), e.g. 村(居)委会",
	"ground":       "write the principle it was cancelled under: " + list(groundList()),
	"instead":      "write what a resident does now instead (取消后办理方式)",
	"cancelled_on": "write since when it is no longer required, like 2018-06-30",
	"purpose":      "write what the certificate proves and why (证明用途)",
	"status":       "write 保留 or 已移出",
	"audience":     "write who must attend (培训对象)",
	"fee":          "write 免费 or 不收费, or the fee and its basis",
	"subject":      "write what is inspected (年检对象)",
	"cycle":        "write how often (每年, 每两年…)",
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
	rec.ID = p.id(r)
	rec.Name = p.text(r, "name")
	rec.Aliases = splitList(p.cellText(r, "aliases"))
	rec.Department = p.department(r)
	rec.Basis = p.text(r, "basis")
	rec.Policies = p.policies(r)
	rec.UsedFor = splitList(p.cellText(r, "used_for"))
	rec.Notes = cleanNotes(p.cellText(r, "notes"))
	rec.Updated = p.date(r, "updated")
	switch p.kind {
	case catalog.Cancelled:
		rec.Issuer = p.text(r, "issuer")
		rec.Ground = p.ground(r)
		rec.Instead = p.text(r, "instead")
		rec.CancelledOn = p.date(r, "cancelled_on")
	case catalog.Village:
		rec.Issuer = p.text(r, "issuer")
		if rec.Issuer == "" {
			rec.Issuer = "村(居)民委员会" // the content format's default
		}
		rec.Purpose = p.text(r, "purpose")
		rec.RetentionReason = p.text(r, "retention_reason")
		p.status(r, rec)
	case catalog.Training:
		rec.Audience = p.text(r, "audience")
		rec.Fee = p.text(r, "fee")
		rec.Frequency = p.text(r, "frequency")
		rec.Duration = p.text(r, "duration")
		p.status(r, rec)
	case catalog.Inspection:
		rec.Subject = p.text(r, "subject")
		rec.Cycle = p.text(r, "cycle")
		rec.Fee = p.text(r, "fee")
		rec.Window = p.text(r, "window")
		p.status(r, rec)
	}
	if len(p.errs) > before {
		return nil
	}
	return rec
}

// text reads a one-line value, reporting a blank one the format requires.
func (p *parser) text(r row, key string) string {
	v := p.cellText(r, key)
	if v == "" && hasKey(p.at, key) && blankHelp[key] != "" && isRequired(p.kind, key) {
		p.blankAt(r, key, blankHelp[key])
	}
	return v
}

func isRequired(kind catalog.Kind, key string) bool {
	for _, k := range required[kind] {
		if k == key {
			return true
		}
	}
	return false
}

func (p *parser) id(r row) string {
	v := p.cellText(r, "id")
	if v == "" {
		return ""
	}
	if !idPattern.MatchString(v) {
		hint := ""
		if low := strings.ToLower(v); idPattern.MatchString(low) {
			hint = ` (did you mean "` + low + `"?)`
		}
		p.errAt(r, "id", "%q is not an id%s: use a-z, 0-9 and -, starting with a letter or digit, at most 64 characters", v, hint)
		return ""
	}
	if first, dup := p.seen[v]; dup {
		p.errAt(r, "id", "%q is already the id of row %d; ids must be unique", v, first)
		return ""
	}
	p.seen[v] = r.n
	if old := p.existing[v]; old != nil && old.Kind != p.kind {
		p.errAt(r, "id", "%q is already the id of %s %q (%s:%d); ids must be unique across the catalog",
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
	g, ok := parseGround(v)
	if !ok {
		p.errAt(r, "ground", "%q is not one of the four principles: write %s%s",
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
		p.errAt(r, key, "%q is not a date: write it like 2018-06-30, 2018/6/30 or 2018年6月30日", v)
		return catalog.Date{}
	}
	if updated := p.c.Site.Updated; !updated.IsZero() && d.After(updated) {
		p.errAt(r, key, "%s is after the publication date %s (updated in site.toml)", d, updated)
	}
	return d
}
