package site

import (
	"fmt"
	"sort"
	"strings"

	"jianzheng/generator/catalog"
)

// Stats are the charts of the home page and the 统计 page, counted from
// the catalog's records by their Status (catalog.Record.Status).
type Stats struct {
	ByList       *Chart // items by list and status
	ByGround     *Chart // current cancelled proofs by ground
	ByDepartment *Chart // items by department: the top TopDepartments, the rest summed
	Timeline     *Chart // cancellations and removals by month and policy
	// Data are the open data files the charts are drawn from, by
	// root-relative path (package ledger writes them).
	Data []DataLink
}

// A DataLink is one open data file.
type DataLink struct {
	Path, Label string
}

// TopDepartments is how many departments the department chart names.
const TopDepartments = 10

// TimelineMonths and TimelinePolicies bound the timeline: the latest
// months it shows one by one, and the policies it names in one month.
const (
	TimelineMonths   = 24
	TimelinePolicies = 3
)

// statusSeries are the series of the charts by status, in the order a
// bar is drawn.
var statusSeries = []string{"cancelled", "retained", "removed"}

func (m *model) countStats() *Stats {
	t := m.s.Chart
	status := make([]Series, len(statusSeries))
	for i, s := range statusSeries {
		status[i] = Series{Class: s, Label: m.s.Status[s]}
	}
	unit := t["unit"]
	st := &Stats{}

	// Items by list and status.
	st.ByList = &Chart{ID: "chart-lists", Title: t["by_list"], Label: t["list"], Series: status, Unit: unit}
	for _, l := range m.lists {
		r := &ChartRow{Label: l.Label.Title, Href: kindPath(l.Kind), Values: make([]int, len(status))}
		for _, rec := range append(append([]*catalog.Record{}, l.Current...), l.Removed...) {
			r.Values[indexOf(statusSeries, rec.Status())]++
		}
		st.ByList.Rows = append(st.ByList.Rows, r)
	}

	// Cancelled proofs by ground.
	st.ByGround = &Chart{ID: "chart-grounds", Title: t["by_ground"], Label: t["ground"],
		Series: []Series{{Class: "ground", Label: m.s.Status["cancelled"]}}, Unit: unit}
	for _, g := range m.groundGroups() {
		st.ByGround.Rows = append(st.ByGround.Rows, &ChartRow{Label: g.Title, Href: byGroundPath + "#ground-" + g.ID, Values: []int{len(g.Records)}})
	}

	// Items by department: the top ones, the rest summed.
	byDept := map[string][]int{}
	for _, rec := range m.c.Records {
		if byDept[rec.Department] == nil {
			byDept[rec.Department] = make([]int, len(status))
		}
		byDept[rec.Department][indexOf(statusSeries, rec.Status())]++
	}
	var depts []*ChartRow
	for _, d := range m.c.Departments { // by id: ties keep that order
		if v := byDept[d.ID]; v != nil {
			depts = append(depts, &ChartRow{Label: d.Name, Href: departmentPath(d), Values: v})
		}
	}
	sort.SliceStable(depts, func(i, j int) bool { return depts[i].Total() > depts[j].Total() })
	st.ByDepartment = &Chart{ID: "chart-departments", Title: fmt.Sprintf(t["by_department"], min(TopDepartments, len(depts))),
		Label: t["department"], Series: status, Unit: unit}
	if len(depts) > TopDepartments {
		rest := &ChartRow{Label: fmt.Sprintf(t["rest"], len(depts)-TopDepartments), Values: make([]int, len(status))}
		for _, r := range depts[TopDepartments:] {
			for i, v := range r.Values {
				rest.Values[i] += v
			}
		}
		depts = append(depts[:TopDepartments:TopDepartments], rest)
	}
	st.ByDepartment.Rows = depts

	st.Timeline = m.timeline()

	for _, c := range []*Chart{st.ByList, st.ByGround, st.ByDepartment, st.Timeline} {
		c.describe(t)
	}
	st.Data = []DataLink{{"data/catalog.xlsx", t["data_xlsx"]}}
	for _, l := range m.lists {
		st.Data = append(st.Data, DataLink{"data/" + string(l.Kind) + ".csv", fmt.Sprintf(t["data_csv"], l.Label.Title)})
	}
	st.Data = append(st.Data, DataLink{"data/catalog.json", t["data_json"]})
	return st
}

// timeline counts the cancellations and removals of each month, by the
// policy that caused them: for a removal its removed_by; for a cancelled
// proof the latest of its policies issued on or before its cancelled_on
// (the decision that took effect), or none.
func (m *model) timeline() *Chart {
	t := m.s.Chart
	c := &Chart{ID: "chart-timeline", Title: t["timeline"], Label: t["policy"], Group: t["month"],
		Series: []Series{{Class: "cancelled", Label: t["event_cancelled"]}, {Class: "removed", Label: t["event_removed"]}},
		Unit:   t["unit"], Links: true}
	type key struct {
		month  string // 2018-08, sorts by time
		policy string
	}
	counts := map[key][]int{}
	add := func(d catalog.Date, policy string, series int) {
		k := key{fmt.Sprintf("%04d-%02d", d.Year, d.Month), policy}
		if counts[k] == nil {
			counts[k] = make([]int, 2)
		}
		counts[k][series]++
	}
	for _, r := range m.c.Records {
		switch {
		case r.Kind == catalog.Cancelled && !r.CancelledOn.IsZero():
			add(r.CancelledOn, m.cause(r), 0)
		case r.Removed() && !r.RemovedOn.IsZero():
			add(r.RemovedOn, r.RemovedBy, 1)
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	order := map[string]int{}
	for i, p := range m.c.Policies {
		order[p.ID] = i + 1 // no policy (0) comes first
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].month != keys[j].month {
			return keys[i].month < keys[j].month
		}
		return order[keys[i].policy] < order[keys[j].policy]
	})
	// A long history keeps its latest TimelineMonths months; the months
	// before are summed in one row. A month with many policies names the
	// TimelinePolicies with most items; the rest are summed.
	var months []string
	for i, k := range keys {
		if i == 0 || k.month != keys[i-1].month {
			months = append(months, k.month)
		}
	}
	first := ""
	if len(months) > TimelineMonths {
		first = months[len(months)-TimelineMonths]
	}
	earlier := &ChartRow{Values: make([]int, 2)}
	earlierPolicies := map[string]bool{}
	var monthRows []*ChartRow
	var rest *ChartRow
	restPolicies := 0
	flush := func() {
		sort.SliceStable(monthRows, func(i, j int) bool { return monthRows[i].Total() > monthRows[j].Total() })
		for i, r := range monthRows {
			if i < TimelinePolicies || len(monthRows) == TimelinePolicies+1 {
				c.Rows = append(c.Rows, r)
				continue
			}
			if rest == nil {
				rest = &ChartRow{Group: r.Group, Values: make([]int, 2)}
			}
			restPolicies++
			rest.Values[0] += r.Values[0]
			rest.Values[1] += r.Values[1]
		}
		if rest != nil {
			rest.Label = fmt.Sprintf(t["rest_policies"], restPolicies)
			c.Rows = append(c.Rows, rest)
		}
		monthRows, rest, restPolicies = nil, nil, 0
	}
	for i, k := range keys {
		if k.month < first {
			earlier.Values[0] += counts[k][0]
			earlier.Values[1] += counts[k][1]
			earlierPolicies[k.policy] = true
			continue
		}
		if i > 0 && k.month != keys[i-1].month && keys[i-1].month >= first {
			flush()
		}
		var year, month int
		fmt.Sscanf(k.month, "%d-%d", &year, &month)
		r := &ChartRow{Group: fmt.Sprintf(t["month_label"], year, month), Label: t["no_policy"], Values: counts[k]}
		if p := m.c.Policy(k.policy); p != nil {
			r.Label, r.Href = p.Number, policyPath(p)
		}
		monthRows = append(monthRows, r)
	}
	flush()
	if first != "" {
		var year, month int
		fmt.Sscanf(first, "%d-%d", &year, &month)
		earlier.Group = fmt.Sprintf(t["earlier"], year, month)
		earlier.Label = fmt.Sprintf(t["policies"], len(earlierPolicies))
		c.Rows = append([]*ChartRow{earlier}, c.Rows...)
	}
	return c
}

// cause is the policy that cancelled proof r: the latest of its policies
// issued on or before the day it was cancelled, or "".
func (m *model) cause(r *catalog.Record) string {
	var best *catalog.Policy
	for _, id := range r.Policies {
		p := m.c.Policy(id)
		if p == nil || p.Issued.After(r.CancelledOn) {
			continue
		}
		if best == nil || p.Issued.After(best.Issued) {
			best = p
		}
	}
	if best == nil {
		return ""
	}
	return best.ID
}

// describe writes each row's text and the chart's desc from the numbers.
func (c *Chart) describe(t map[string]string) {
	var desc []string
	group := ""
	for _, r := range c.Rows {
		var parts []string
		for i, v := range r.Values {
			if v > 0 && len(c.Series) > 1 {
				parts = append(parts, fmt.Sprintf(t["segment"], c.Series[i].Label, v))
			}
		}
		if len(parts) == 0 { // one series says no more than its count
			parts = append(parts, fmt.Sprintf(t["count"], r.Total()))
		}
		r.Text = fmt.Sprintf(t["row"], r.Label, strings.Join(parts, t["and"]))
		line := r.Text
		if r.Group != "" && r.Group != group {
			group = r.Group
			line = r.Group + t["after_group"] + line
		}
		desc = append(desc, line)
	}
	c.Desc = strings.Join(desc, t["sep"]) + t["end"]
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	panic("site: unknown status " + s) // Status returns one of statusSeries
}
