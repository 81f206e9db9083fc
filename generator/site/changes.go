package site

import (
	"strings"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
)

// Publication is one entry of the changes page: a history.Publication
// with its policies and records resolved, so templates can link them.
type Publication struct {
	Date     catalog.Date
	Anchor   string // id on the changes page: p-2018-12-28
	Line     string // the publication in one line, as the feed titles it
	Summary  string // Line without its date, for under a heading that shows it
	First    bool
	Count    int
	Policies []*catalog.Policy
	Added    []Change
	Status   []Change // e.g. retained → removed
	Changed  []Change
	Removed  []Change // gone from the catalog
}

// Empty reports whether the publication changed no record.
func (p *Publication) Empty() bool {
	return len(p.Added)+len(p.Status)+len(p.Changed)+len(p.Removed) == 0
}

// Change is one record in a publication; Record is nil once it is gone.
type Change struct {
	history.Item
	Record *catalog.Record
}

func newPublication(c *catalog.Catalog, s *Strings, p *history.Publication) *Publication {
	out := &Publication{Date: parseDate(p.Date), Anchor: "p-" + p.Date, Line: summaryLine(c, s, p), First: p.First, Count: p.Count}
	out.Summary = out.Line
	if rest, ok := strings.CutPrefix(out.Line, out.Date.Chinese()); ok {
		out.Summary = strings.TrimLeft(rest, " ：:，,")
	}
	for _, id := range p.Policies {
		if pol := c.Policy(id); pol != nil {
			out.Policies = append(out.Policies, pol)
		}
	}
	byID := map[string]*catalog.Record{}
	for _, r := range c.Records {
		byID[r.ID] = r
	}
	resolve := func(items []history.Item) []Change {
		var out []Change
		for _, it := range items {
			out = append(out, Change{Item: it, Record: byID[it.ID]})
		}
		return out
	}
	out.Added, out.Status, out.Changed, out.Removed = resolve(p.Added), resolve(p.Status), resolve(p.Changed), resolve(p.Removed)
	return out
}

// parseDate reads the ISO dates the manifest keeps.
func parseDate(s string) catalog.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return catalog.Date{}
	}
	return catalog.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}
