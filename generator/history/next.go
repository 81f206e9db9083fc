package history

import (
	"sort"

	"jianzheng/generator/catalog"
)

// Next returns the manifest after publishing c, given the previous
// publication's manifest (nil when there is none). See the package
// comment for how a publication of the same date is replaced.
func Next(prev *Manifest, c *catalog.Catalog) *Manifest { return new(Taker).Next(prev, c) }

// Next is history.Next, taking c's snapshot with t.
func (t *Taker) Next(prev *Manifest, c *catalog.Catalog) *Manifest {
	date := c.Site.Updated.String()
	now := t.Take(c)
	next := &Manifest{Format: FormatVersion, Current: now}
	if prev == nil || len(prev.Publications) == 0 {
		next.Baseline = Snapshot{}
		next.Publications = []*Publication{{Date: date, Count: len(now), First: true}}
		return next
	}
	latest := prev.Publications[0]
	older := prev.Publications[1:]
	base := prev.Current
	if date == latest.Date {
		base = prev.Baseline // the same publication, rebuilt: compare with what came before it
	} else {
		older = prev.Publications
	}
	next.Baseline = base
	since := "" // the date of the publication this one follows
	if len(older) > 0 {
		since = older[0].Date
	}
	p := compare(base, now, c, since)
	p.Date, p.Count = date, len(now)
	if date == latest.Date && latest.First {
		p = &Publication{Date: date, Count: len(now), First: true}
	}
	next.Publications = append([]*Publication{p}, older...)
	return next
}

// Published is what a build must keep: the records the previous site
// actually published (its current set), whatever the dates. A rebuild
// on the same date replaces the publication in the list of changes, but
// the records it published are on the web all the same: comparing with
// the publication before (as the list of changes does) would let a record
// deleted between two builds of one date vanish without a word. Nil when
// there is no previous publication.
func Published(prev *Manifest) Snapshot {
	if prev == nil || len(prev.Publications) == 0 {
		return nil
	}
	return prev.Current
}

// Missing lists the records of base that c no longer has: pages residents
// may have bookmarked. A build refuses to drop them unless told to.
func Missing(base Snapshot, c *catalog.Catalog) []Item {
	have := map[string]bool{}
	for _, r := range c.Records {
		have[r.ID] = true
	}
	var out []Item
	for id, e := range base {
		if !have[id] {
			out = append(out, Item{ID: id, Kind: e.Kind, Name: e.Name})
		}
	}
	sortItems(out)
	return out
}

// compare lists what changed from base to now, and the policies behind
// it: for each change, its causes (see causes); for the publication,
// every change's causes. A record's other policies, cited long before,
// caused nothing now.
func compare(base, now Snapshot, c *catalog.Catalog, since string) *Publication {
	p := &Publication{}
	policies := map[string]bool{}
	byID := map[string]*catalog.Record{}
	for _, r := range c.Records {
		byID[r.ID] = r
	}
	for id, e := range now {
		r := byID[id]
		old, existed := base[id]
		item := Item{ID: id, Kind: e.Kind, Name: e.Name}
		switch {
		case !existed:
			item.Policies = causes(r, c, since, true)
			p.Added = append(p.Added, item)
		case old.Status != e.Status || old.Kind != e.Kind:
			item.From, item.To = old.Status, e.Status
			item.Policies = causes(r, c, since, true)
			p.Status = append(p.Status, item)
		default:
			item.Fields = changedFields(old.Fields, e.Fields)
			if len(item.Fields) == 0 {
				continue
			}
			item.Policies = causes(r, c, since, false)
			p.Changed = append(p.Changed, item)
		}
		for _, id := range item.Policies {
			policies[id] = true
		}
	}
	p.Removed = Missing(base, c)
	sortItems(p.Added)
	sortItems(p.Status)
	sortItems(p.Changed)
	for id := range policies {
		p.Policies = append(p.Policies, id)
	}
	sort.Strings(p.Policies)
	return p
}

// causes are the policies behind a change of r: the policy that removed
// it, if its status is what changed (or it is new), and those it cites
// that were issued after the publication before (since, a date; every
// policy it cites when there is none).
func causes(r *catalog.Record, c *catalog.Catalog, since string, status bool) []string {
	var out []string
	if status && r.RemovedBy != "" {
		out = append(out, r.RemovedBy)
	}
	for _, id := range r.Policies {
		if pol := c.Policy(id); pol != nil && pol.Issued.String() > since && id != r.RemovedBy {
			out = append(out, id)
		}
	}
	return out
}

func changedFields(old, now map[string]string) []string {
	var out []string
	for key, h := range now {
		if old[key] != h {
			out = append(out, key)
		}
	}
	for key := range old {
		if _, ok := now[key]; !ok {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}
