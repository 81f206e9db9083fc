package site

import (
	"sort"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
)

// Page is what every template receives. See the package comment.
type Page struct {
	Path      string // from the site root: cancelled/hukou/index.html
	Root      string // back to the site root: ../../
	Canonical string // absolute address, when base_url is set
	Site      *catalog.Site
	S         *Strings
	Lists     []*List // the four lists, in catalog.Kinds order
	// HeaderSearch is false on the pages that have a search form of
	// their own (home, search), so that a page has one such form.
	HeaderSearch bool
	Changes      []*Publication
	// Search is the search page's links to the engine and the index;
	// nil on other pages.
	Search *SearchLinks
	// Offline is Search.Offline: the site has a service worker, sw.js.
	Offline bool

	List        *List
	Record      *catalog.Record
	Department  *DepartmentPage
	Policy      *PolicyPage
	Departments []*DepartmentPage
	Policies    []*PolicyPage
	Grounds     []*Group
	Letters     []*Letter
	Services    []*Service
	Service     *Service
	// Event is a life event's page; Events all of them, in the order of
	// events.toml, on the events index and the home page.
	Event  *EventPage
	Events []*EventPage
	// Stats are the charts, on the home page and the 统计 page.
	Stats *Stats
	// Print is a printable list's data, on its print page.
	Print *PrintPage

	template string
}

// List is one kind's items, or the part of them a department or policy has.
type List struct {
	Kind    catalog.Kind
	Label   KindStrings
	Current []*catalog.Record // cancelled proofs, or retained items
	Removed []*catalog.Record // removed certificates, trainings, inspections
	Groups  []*Group          // Current by department, in departmentOrder
}

// Count is the list's headline figure: its current items.
func (l *List) Count() int { return len(l.Current) }

// Group is a run of records under one heading (a department or a ground).
type Group struct {
	ID         string // for the anchor: a department or ground id
	Title      string
	Plain      string // for grounds: the principle in plain words
	Department *catalog.Department
	Records    []*catalog.Record
}

// DepartmentPage is a department with everything it uses or runs.
type DepartmentPage struct {
	D     *catalog.Department
	Lists []*List // only kinds with items
	Count int
}

// PolicyPage is a policy with everything it decided.
type PolicyPage struct {
	P     *catalog.Policy
	Lists []*List
	Count int
}

// EventPage is a life event (一件事) with its records, in the editor's
// order: what a resident meets first comes first.
type EventPage struct {
	E       *catalog.Event
	Records []*catalog.Record
}

type model struct {
	c         *catalog.Catalog
	s         *Strings
	lists     []*List
	changes   []*Publication
	svcs      []*Service
	svcByName map[string]*Service
	search    *SearchLinks          // for the search page
	depts     []*catalog.Department // in reading order (departmentOrder)
	stats     *Stats                // for the home and 统计 pages
	events    []*EventPage          // for the home and events pages
}

func newModel(c *catalog.Catalog, s *Strings, pubs []*history.Publication) *model {
	m := &model{c: c, s: s, depts: departmentOrder(c.Departments)}
	for _, p := range pubs {
		m.changes = append(m.changes, newPublication(c, s, p))
	}
	for _, k := range catalog.Kinds {
		m.lists = append(m.lists, m.newList(k, m.c.Records))
	}
	m.svcs = m.services()
	m.stats = m.countStats()
	for _, e := range c.Events {
		ep := &EventPage{E: e}
		for _, id := range e.Records {
			ep.Records = append(ep.Records, c.Record(id))
		}
		m.events = append(m.events, ep)
	}
	m.svcByName = map[string]*Service{}
	for _, sv := range m.svcs {
		m.svcByName[sv.Name] = sv
	}
	return m
}

// newList is the list of kind k among records.
func (m *model) newList(k catalog.Kind, records []*catalog.Record) *List {
	l := &List{Kind: k, Label: m.s.Kind[string(k)]}
	byDept := map[string]*Group{}
	for _, r := range records {
		if r.Kind != k {
			continue
		}
		if r.Removed() {
			l.Removed = append(l.Removed, r)
			continue
		}
		l.Current = append(l.Current, r)
		g := byDept[r.Department]
		if g == nil {
			d := m.c.Department(r.Department)
			g = &Group{ID: d.ID, Title: d.Name, Department: d}
			byDept[r.Department] = g
		}
		g.Records = append(g.Records, r)
	}
	for _, d := range m.depts {
		if g := byDept[d.ID]; g != nil {
			l.Groups = append(l.Groups, g)
		}
	}
	return l
}

// subLists splits records into lists by kind, dropping empty ones. The
// callers pass the records of one department, policy or service, indexed
// once (see byKey), so that building every such page stays linear in the
// size of the catalog.
func (m *model) subLists(records []*catalog.Record) ([]*List, int) {
	var out []*List
	n := 0
	for _, k := range catalog.Kinds {
		l := m.newList(k, records)
		if len(l.Current)+len(l.Removed) > 0 {
			out = append(out, l)
			n += len(l.Current) + len(l.Removed)
		}
	}
	return out, n
}

func (m *model) page(path, tmpl string) *Page {
	p := &Page{Path: path, Root: rootOf(path), Site: &m.c.Site, S: m.s, Lists: m.lists, Changes: m.changes, template: tmpl,
		HeaderSearch: path != homePath && path != SearchPath}
	if base := m.c.Site.BaseURL; base != "" {
		p.Canonical = base + strings.TrimSuffix(path, "index.html") // the address a server shows
	}
	return p
}

// pages lists every page of the site.
func (m *model) pages() []*Page {
	search := m.page(SearchPath, "search.html")
	search.Search = m.search
	home, stats := m.page(homePath, "home.html"), m.page(statsPath, "stats.html")
	home.Stats, stats.Stats = m.stats, m.stats
	home.Events = m.events
	pages := []*Page{home, m.page(aboutPath, "about.html"), search, m.page(changesPath, "changes.html"), stats}
	nf := m.page(NotFoundPath, "404.html")
	// 404.html is served at any depth, where no relative link holds: its
	// links are absolute with base_url. Without it they stay relative, so
	// that the page works at the top of the site and from disk, as every
	// page does, and the build warns that at depth it needs base_url
	// (MissingBaseURL): links from the server's root would break both
	// file:// and a site under a sub-path.
	nf.Root = m.c.Site.BaseURL
	pages = append(pages, nf)

	for _, l := range m.lists {
		p := m.page(kindPath(l.Kind), "list.html")
		p.List = l
		pages = append(pages, p, m.printPage(printPath(kindPath(l.Kind)), l.Label.Title, kindPath(l.Kind), []*List{l}))
		for _, r := range append(append([]*catalog.Record{}, l.Current...), l.Removed...) {
			rp := m.page(recordPath(r), "record.html")
			rp.Record, rp.List = r, l
			pages = append(pages, rp)
		}
	}
	si := m.page(servicesPath, "services.html")
	si.Services = m.svcs
	pages = append(pages, si)
	for _, sv := range m.svcs {
		p := m.page(servicePath(sv), "service.html")
		p.Service = sv
		pages = append(pages, p)
	}

	az := m.page(azPath, "a-z.html")
	az.Letters = azLetters(m.c.Records)
	pages = append(pages, az)

	g := m.page(byGroundPath, "by-ground.html")
	g.List, g.Grounds = m.lists[0], m.groundGroups()
	pages = append(pages, g)

	byDept := byKey(m.c.Records, func(r *catalog.Record) []string { return []string{r.Department} })
	var depts []*DepartmentPage
	for _, d := range m.depts {
		lists, n := m.subLists(byDept[d.ID])
		dp := &DepartmentPage{D: d, Lists: lists, Count: n}
		depts = append(depts, dp)
		p := m.page(departmentPath(d), "department.html")
		p.Department = dp
		pages = append(pages, p)
		if n > 0 {
			pages = append(pages, m.printPage(printPath(departmentPath(d)), d.Name, departmentPath(d), lists))
		}
	}
	di := m.page(departmentsPath, "departments.html")
	di.Departments = depts
	pages = append(pages, di)
	search.Departments = depts // their phones, for a search that names one

	byPolicy := byKey(m.c.Records, func(r *catalog.Record) []string { return r.Refs(catalog.RefPolicy) })
	var pols []*PolicyPage
	for _, pol := range m.c.Policies {
		lists, n := m.subLists(byPolicy[pol.ID])
		pp := &PolicyPage{P: pol, Lists: lists, Count: n}
		pols = append(pols, pp)
		p := m.page(policyPath(pol), "policy.html")
		p.Policy = pp
		pages = append(pages, p)
	}
	pi := m.page(policiesPath, "policies.html")
	pi.Policies = pols
	pages = append(pages, pi)

	// Life events: a catalog without events.toml has no events pages, so
	// that no page links to an empty index.
	if len(m.events) > 0 {
		ei := m.page(eventsPath, "events.html")
		ei.Events = m.events
		pages = append(pages, ei)
	}
	for _, e := range m.events {
		p := m.page(eventPath(e.E), "event.html")
		p.Event = e
		pages = append(pages, p)
	}
	return pages
}

// byKey indexes records under each key keys gives them, keeping their
// order; a record listed twice under one key counts once, an empty key
// not at all.
func byKey(records []*catalog.Record, keys func(*catalog.Record) []string) map[string][]*catalog.Record {
	out := map[string][]*catalog.Record{}
	for _, r := range records {
		ks := keys(r)
		for i, k := range ks {
			if k != "" && !contains(ks[:i], k) {
				out[k] = append(out[k], r)
			}
		}
	}
	return out
}

// groundGroups groups the cancelled proofs by the principle that cancelled them.
func (m *model) groundGroups() []*Group {
	var out []*Group
	for _, ground := range catalog.Grounds {
		gs := m.s.Ground[ground]
		g := &Group{ID: ground, Title: gs.Label, Plain: gs.Plain}
		for _, r := range m.lists[0].Current {
			if r.Ground == ground {
				g.Records = append(g.Records, r)
			}
		}
		out = append(out, g)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// departmentOrder is the order in which a resident reads departments:
// those with an order key first, smallest first, then the rest by the
// pinyin of the name, as in a phone book (ids such as bianban, canlian
// read as random). Ties go by id, so that the order is always the same.
func departmentOrder(ds []*catalog.Department) []*catalog.Department {
	out := append([]*catalog.Department(nil), ds...)
	key := make(map[*catalog.Department]string, len(out))
	for _, d := range out {
		key[d] = sortKey(d.Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Order != 0) != (b.Order != 0) {
			return a.Order != 0
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if key[a] != key[b] {
			return key[a] < key[b]
		}
		return a.ID < b.ID
	})
	return out
}
