package catalog

import (
	"regexp"
	"sort"
)

// idPattern is the content format's id rule.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// validate checks the rules that span keys, tables and files.
func (l *loader) validate() {
	l.checkIDs(l.depts, "department", func(v any) string { return v.(*Department).ID }, "departments")
	l.checkIDs(l.pols, "policy", func(v any) string { return v.(*Policy).ID }, "policies")
	l.checkIDs(l.recs, "record", func(v any) string { return v.(*Record).ID }, "records in the whole catalog")

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
}

func (l *loader) checkIDs(items []decoded, what string, id func(any) string, scope string) {
	seen := map[string]*table{}
	for _, d := range items {
		v := id(d.v)
		if v == "" {
			continue // already reported as missing or blank
		}
		if !idPattern.MatchString(v) {
			d.t.errAtValue("id", -1, "id %q may use only a-z, 0-9 and -, must start with a letter or digit and be at most 64 characters long", v)
			continue
		}
		if first, dup := seen[v]; dup {
			line, col := first.valueAt("id", -1)
			d.t.errAtValue("id", -1, "%s id %q is already used at %s:%d:%d; ids must be unique among %s",
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
				t.errAtValue(f.Key, -1, "department %q is not in departments.toml%s", v,
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
			t.errAtHeader("%s is removed but has no removed_on: add removed_on = 2018-04-10 (since when)", t.name)
		}
		if _, ok := t.m["removed_by"]; !ok {
			t.errAtHeader("%s is removed but has no removed_by: add removed_by = \"…\" (the id of the policy that removed it)", t.name)
		}
	case "retained":
		for _, key := range []string{"removed_on", "removed_by"} {
			if _, ok := t.m[key]; ok {
				t.errAtKey(key, "%s is only for removed items: set status = \"removed\" or delete %s", key, key)
			}
		}
		for _, u := range r.Kind.Spec().Keys {
			if other := FieldOf(u.InsteadOf); other != nil && other.IsBlank(r) && u.Field.IsBlank(r) {
				t.errAtHeader("%s is retained without a %s: add %s = \"…\" (%s) or %s = \"…\" (%s)",
					t.name, other.Key, other.Key, other.Label, u.Key, u.Label)
			}
		}
	}
}

func (l *loader) checkPolicy(t *table, key string, item int, id string) {
	if l.c.policies[id] == nil {
		t.errAtValue(key, item, "policy %q is not in policies.toml%s", id, DidYouMean(id, sortedKeys(l.c.policies)))
	}
}

// notAfter reports a date later than the publication date.
func (l *loader) notAfter(t *table, key string, d, updated Date) {
	if !d.IsZero() && !updated.IsZero() && d.After(updated) {
		t.errAtValue(key, -1, "%s %s is after the publication date %s (updated in site.toml)", key, d, updated)
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
