package catalog

import (
	"regexp"
	"sort"
	"strings"
)

// idPattern is the content format's id rule.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// validate checks the rules that span keys, tables and files.
func (l *loader) validate() {
	l.checkIDs(l.depts, "部门", func(v any) string { return v.(*Department).ID }, "部门")
	l.checkIDs(l.pols, "文件", func(v any) string { return v.(*Policy).ID }, "文件")
	l.checkIDs(l.recs, "事项", func(v any) string { return v.(*Record).ID }, "全部事项")
	l.checkIDs(l.events, "一件事", func(v any) string { return v.(*Event).ID }, "events.toml 里")

	l.c.departments = map[string]*Department{}
	for _, d := range l.c.Departments {
		if _, dup := l.c.departments[d.ID]; !dup {
			l.c.departments[d.ID] = d
		}
	}
	l.c.policies = map[string]*Policy{}
	for _, p := range l.c.Policies {
		if _, dup := l.c.policies[p.ID]; !dup {
			l.c.policies[p.ID] = p
		}
	}
	updated := l.c.Site.Updated
	for _, d := range l.pols {
		l.notAfter(d.t, "issued", d.v.(*Policy).Issued, updated)
	}
	for _, d := range l.recs {
		l.checkRecord(d.v.(*Record), d.t)
	}
	l.checkNames()
	l.c.records = map[string]*Record{}
	for _, r := range l.c.Records {
		if _, dup := l.c.records[r.ID]; !dup {
			l.c.records[r.ID] = r
		}
	}
	l.c.eventsOf = map[string][]*Event{}
	for _, d := range l.events {
		e := d.v.(*Event)
		l.checkEvent(e, d.t)
		for i, id := range e.Records {
			if !contains(e.Records[:i], id) {
				l.c.eventsOf[id] = append(l.c.eventsOf[id], e)
			}
		}
	}
}

// checkEvent checks that an event's records exist, each once. A record
// may belong to several events: a death and a pension both need it.
func (l *loader) checkEvent(e *Event, t *table) {
	var ids []string // suggestions, sorted once and only if needed
	seen := map[string]int{}
	for i, id := range e.Records {
		if l.c.records[id] == nil {
			if ids == nil {
				ids = sortedKeys(l.c.records)
			}
			t.errAtValue("records", i, "事项 %q 不在清单里%s：records 写事项的 id", id, DidYouMean(id, ids))
			continue
		}
		if first, dup := seen[id]; dup {
			t.errAtValue("records", i, "records 的第 %d 项 %q 与第 %d 项重复：一件事里每个事项只列一次", i+1, id, first+1)
			continue
		}
		seen[id] = i
	}
}

// checkNames reports two records of one list with the same name (spaces
// aside): a resident cannot tell them apart, and it is how importing one
// ledger twice showed before import matched rows by name. Both
// positions are named.
func (l *loader) checkNames() {
	seen := map[string]*table{}
	for _, d := range l.recs {
		r := d.v.(*Record)
		name := strings.Join(strings.Fields(r.Name), "")
		if name == "" {
			continue
		}
		key := string(r.Kind) + "\x00" + name
		first, dup := seen[key]
		if !dup {
			seen[key] = d.t
			continue
		}
		line, col := first.valueAt("name", -1)
		d.t.errAtValue("name", -1, "%s 的名称 %q 与 %s:%d:%d 的 %s 重复：同一张清单里名称不能重复，请合并两条，或在名称后用括号写明用途",
			d.t.name, r.Name, first.file, line, col, first.name)
	}
}

func (l *loader) checkIDs(items []decoded, what string, id func(any) string, scope string) {
	seen := map[string]*table{}
	for _, d := range items {
		v := id(d.v)
		if v == "" {
			continue // already reported as missing or blank
		}
		if !idPattern.MatchString(v) {
			d.t.errAtValue("id", -1, "id %q 只能用小写字母 a-z、数字 0-9 和 -，以字母或数字开头，最长 64 个字符", v)
			continue
		}
		if first, dup := seen[v]; dup {
			line, col := first.valueAt("id", -1)
			d.t.errAtValue("id", -1, "%s的 id %q 已在 %s:%d:%d 用过：%s的 id 不能重复，请换一个",
				what, v, first.file, line, col, scope)
			continue
		}
		seen[v] = d.t // its position is found only if needed: that costs more than the rest
	}
}

func (l *loader) checkRecord(r *Record, t *table) {
	updated := l.c.Site.Updated
	for _, u := range r.Kind.Spec().Keys {
		f := u.Field
		switch {
		case f.Type == TypeDate:
			l.notAfter(t, f.Key, f.Date(r), updated)
		case f.Ref == RefDepartment:
			if v := f.Text(r); v != "" && l.c.departments[v] == nil {
				t.errAtValue(f.Key, -1, "部门 %q 不在 departments.toml 里%s", v,
					DidYouMean(v, sortedKeys(l.c.departments)))
			}
		case f.Ref == RefPolicy && f.Type == TypeList:
			for i, p := range f.List(r) {
				l.checkPolicy(t, f.Key, i, p)
			}
		case f.Ref == RefPolicy:
			if v := f.Text(r); v != "" {
				l.checkPolicy(t, f.Key, -1, v)
			}
		}
	}

	switch r.State {
	case "removed":
		if _, ok := t.m["removed_on"]; !ok {
			t.errAtHeader("%s 已移出，但缺少 removed_on：请加上 removed_on = 2018-04-10（从哪天起移出）", t.name)
		}
		if _, ok := t.m["removed_by"]; !ok {
			t.errAtHeader("%s 已移出，但缺少 removed_by：请加上 removed_by = \"…\"（移出它的文件在 policies.toml 里的 id）", t.name)
		}
	case "retained":
		for _, key := range []string{"removed_on", "removed_by"} {
			if _, ok := t.m[key]; ok {
				t.errAtKey(key, "%s 只用于已移出的事项：请写 status = \"removed\"，或删掉 %s", key, key)
			}
		}
		for _, u := range r.Kind.Spec().Keys {
			if other := FieldOf(u.InsteadOf); other != nil && other.IsBlank(r) && u.Field.IsBlank(r) {
				t.errAtHeader("%s 保留了，但没有 %s：请加上 %s = \"…\"（%s）或 %s = \"…\"（%s）",
					t.name, other.Key, other.Key, other.Label, u.Key, u.Label)
			}
		}
	}
}

func (l *loader) checkPolicy(t *table, key string, item int, id string) {
	if l.c.policies[id] == nil {
		t.errAtValue(key, item, "文件 %q 不在 policies.toml 里%s", id, DidYouMean(id, sortedKeys(l.c.policies)))
	}
}

// notAfter reports a date later than the publication date.
func (l *loader) notAfter(t *table, key string, d, updated Date) {
	if !d.IsZero() && !updated.IsZero() && d.After(updated) {
		t.errAtValue(key, -1, "%s %s 晚于本次公布日期 %s（site.toml 的 updated）：改正日期，或推后 updated", key, d, updated)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortCatalog(c *Catalog) {
	sort.SliceStable(c.Departments, func(i, j int) bool { return c.Departments[i].ID < c.Departments[j].ID })
	sort.SliceStable(c.Policies, func(i, j int) bool { return c.Policies[i].ID < c.Policies[j].ID })
	order := map[Kind]int{}
	for i, k := range Kinds {
		order[k] = i
	}
	sort.SliceStable(c.Records, func(i, j int) bool {
		a, b := c.Records[i], c.Records[j]
		if a.Kind != b.Kind {
			return order[a.Kind] < order[b.Kind]
		}
		return a.ID < b.ID
	})
}
