package catalog

import (
	"net/url"
	"regexp"
	"strings"

	"jianzheng/generator/thesaurus"
)

// Each decoder below reads exactly the keys the content format names for
// its table; table.done then reports every other key as unknown.

func (l *loader) loadSite(d *doc, exists bool) {
	if d == nil {
		if !exists {
			l.errs.Add("site.toml", 1, 1, "缺少 site.toml：请新建它，写上 title、publisher 和 updated")
		}
		return
	}
	t := l.fileTable(d, "site.toml")
	s := &l.c.Site
	s.Title = t.line("title", true)
	s.Publisher = t.line("publisher", true)
	s.Updated = t.date("updated", true)
	s.Language = t.line("language", false)
	if s.Language == "" {
		s.Language = "zh-CN"
	} else if !langTag.MatchString(s.Language) {
		t.errAtValue("language", -1, "language %q 不是语言代码：写 zh-CN 这样的代码", s.Language)
	}
	s.BaseURL = t.line("base_url", false)
	if s.BaseURL != "" {
		if !isWebURL(s.BaseURL) {
			t.errAtValue("base_url", -1, "base_url %q 要写完整网址，以 http:// 或 https:// 开头，或者留空", s.BaseURL)
		} else if !strings.HasSuffix(s.BaseURL, "/") {
			s.BaseURL += "/"
		}
	}
	s.About = t.str("about", false)
	s.Notice = t.line("notice", false)
	t.done()
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// isWebURL accepts absolute http and https addresses only, so that no
// javascript: or data: address from content can become a link.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (l *loader) loadDepartments(d *doc) {
	if d == nil {
		return
	}
	l.otherTables(d, "department", "[[department]] 表")
	for _, t := range l.arrayTables(d, "department", tableLabel("department")) {
		dep := &Department{Pos: t.header()}
		dep.ID = t.line("id", true)
		dep.Name = t.line("name", true)
		dep.Aliases = t.list("aliases", false)
		dep.Phone = t.line("phone", false)
		dep.Address = t.line("address", false)
		dep.Hours = t.line("hours", false)
		dep.URL = l.webURL(t, "url")
		dep.Order = int(t.integer("order"))
		t.done()
		l.c.Departments = append(l.c.Departments, dep)
		l.depts = append(l.depts, decoded{dep, t})
	}
}

func (l *loader) webURL(t *table, key string) string {
	u := t.line(key, false)
	if u != "" && !isWebURL(u) {
		t.errAtValue(key, -1, "%s %q 要写完整网址，以 http:// 或 https:// 开头", key, u)
		return ""
	}
	return u
}

func (l *loader) loadPolicies(d *doc) {
	if d == nil {
		return
	}
	l.otherTables(d, "policy", "[[policy]] 表")
	for _, t := range l.arrayTables(d, "policy", tableLabel("policy")) {
		p := &Policy{Pos: t.header()}
		p.ID = t.line("id", true)
		p.Number = t.line("number", true)
		p.Title = t.line("title", true)
		p.Issuer = t.line("issuer", true)
		p.Issued = t.date("issued", true)
		p.URL = l.webURL(t, "url")
		p.Summary = t.str("summary", false)
		t.done()
		l.c.Policies = append(l.c.Policies, p)
		l.pols = append(l.pols, decoded{p, t})
	}
}

// loadEvents reads events.toml, an optional file: a catalog without it
// has no life events.
func (l *loader) loadEvents(d *doc) {
	if d == nil {
		return
	}
	l.otherTables(d, "event", "[[event]] 表")
	for _, t := range l.arrayTables(d, "event", tableLabel("event")) {
		e := &Event{Pos: t.header()}
		e.ID = t.line("id", true)
		e.Name = t.line("name", true)
		e.Words = t.list("words", false)
		e.Guide = t.str("guide", false)
		e.Records = t.list("records", true)
		t.done()
		l.c.Events = append(l.c.Events, e)
		l.events = append(l.events, decoded{e, t})
	}
}

func (l *loader) loadSynonyms(d *doc) {
	if d == nil {
		return
	}
	l.otherTables(d, "synonyms", "[[synonyms]] 表和 builtin_off", "builtin_off")
	l.loadBuiltinOff(d)
	for _, t := range l.arrayTables(d, "synonyms", firstTerm) {
		g := &Synonyms{Pos: t.header()}
		g.Terms = t.list("terms", true)
		if _, ok := t.m["terms"]; ok && len(g.Terms) == 1 {
			t.errAtValue("terms", -1, "一组同义词至少要两个词，这里只有 %q", g.Terms[0])
		}
		t.done()
		if len(g.Terms) >= 2 {
			l.c.Synonyms = append(l.c.Synonyms, g)
		}
	}
}

// loadBuiltinOff reads builtin_off, the terms whose built-in groups of
// everyday words the catalog switches off: each must be a term of one.
func (l *loader) loadBuiltinOff(d *doc) {
	top := l.fileTable(d, d.path)
	v, ok := top.get("builtin_off", false)
	if !ok {
		return
	}
	if _, isList := v.([]any); !isList {
		top.list("builtin_off", false) // reports the type
		return
	}
	known, terms := map[string]bool{}, []string{}
	add := func(ts []string) {
		for _, t := range ts {
			if !known[t] {
				known[t] = true
				terms = append(terms, t)
			}
		}
	}
	for _, g := range thesaurus.Groups() {
		add(g.Terms)
	}
	for _, s := range thesaurus.Situations() {
		add(s.Says)
		add(s.Means)
	}
	for i, term := range top.list("builtin_off", false) {
		line, col := top.valueAt("builtin_off", i)
		if !known[term] {
			l.errs.Add(d.path, line, col, "内置常用词表里没有 %q%s：builtin_off 只能写内置常用词表里的词，写上一个词就关掉含有它的每一组；不想关，就删掉这一项", term, DidYouMean(term, terms))
			continue
		}
		l.c.BuiltinOff = append(l.c.BuiltinOff, BuiltinOff{term, Pos{d.path, line, col}})
	}
}

func (l *loader) loadRecords(d *doc, kind Kind) {
	spec := kind.Spec()
	name := spec.Table
	l.otherTables(d, name, "[["+name+"]] 事项")
	for _, t := range l.arrayTables(d, name, tableLabel(name)) {
		if len(l.c.Records) == MaxRecords {
			t.errAtHeader("%s", tooManyRecords)
			return
		}
		r := &Record{Kind: kind, Pos: t.header()}
		for _, u := range spec.Keys {
			t.field(r, u)
		}
		t.done()
		l.c.Records = append(l.c.Records, r)
		l.recs = append(l.recs, decoded{r, t})
	}
}

// field reads the key u into r, as its type says.
func (t *table) field(r *Record, u *Use) {
	f := u.Field
	switch f.Type {
	case TypeLine:
		var s string
		if f.Values != nil {
			s = t.enum(f.Key, u.Required, f.Values)
		} else {
			s = t.line(f.Key, u.Required)
		}
		f.SetText(r, or(s, u.Default))
	case TypeMarkdown:
		f.SetText(r, or(t.str(f.Key, u.Required), u.Default))
	case TypeList:
		f.SetList(r, t.list(f.Key, u.Required))
	case TypeDate:
		f.SetDate(r, t.date(f.Key, u.Required))
	}
}

// enum reads a string that must be one of values.
func (t *table) enum(key string, required bool, values []string) string {
	s := t.line(key, required)
	if s == "" {
		return ""
	}
	for _, v := range values {
		if s == v {
			return s
		}
	}
	t.errAtValue(key, -1, "%s 不能是 %q，只能是 %s 之一%s", key, s, quoteAll(values), DidYouMean(s, values))
	return s // kept, so that no rule for a valid value fires on top of this error
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, "、")
}
