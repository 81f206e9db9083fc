package ledger

import "jianzheng/generator/catalog"

// status reads 状态 and the columns that depend on it, and checks the
// rules the catalog checks: a removed item says since when and by which
// policy; a retained one has neither; a retained certificate without a
// basis says why it is kept (the schema's InsteadOf). Status is required
// for certificates and defaults to retained for trainings and inspections.
func (p *parser) status(r row, rec *catalog.Record) {
	rec.State = "retained"
	if p.missing["status"] {
		return // reported once, at the header
	}
	if v := p.text(r, "status"); v != "" {
		s, ok := parseStatus(v)
		if !ok {
			p.errAt(r, "status", "%q 不是状态：请写 保留 或 已移出", v)
			return
		}
		rec.State = s
	}
	rec.RemovedOn = p.date(r, "removed_on")
	rec.RemovedBy = p.removedBy(r)
	switch rec.State {
	case "removed":
		p.need(r, "removed_on", "已移出的事项要写移出日期，如 2018-04-10")
		p.need(r, "removed_by", "已移出的事项要写移出它的文件的文号")
	case "retained":
		for _, key := range []string{"removed_on", "removed_by"} {
			if p.cellText(r, key) != "" {
				p.errAt(r, key, "只有已移出的事项才填这一格：请把 %s 改为 已移出，或清空这一格", p.statusHeader())
			}
		}
		for _, u := range p.kind.Spec().Keys {
			if other := catalog.FieldOf(u.InsteadOf); other != nil && other.IsBlank(rec) && u.Field.IsBlank(rec) {
				p.need(r, u.Key, u.Field.Blank)
			}
		}
	}
}

// need reports that key's cell is blank although the row's status needs
// it: at the cell, or at 状态 when the sheet has no such column.
func (p *parser) need(r row, key, why string) {
	if p.cellText(r, key) != "" {
		return
	}
	if !hasKey(p.at, key) {
		p.errAt(r, "status", "%s：请加一列 %s", why, headerName(p.kind, key))
		return
	}
	p.blankAt(r, key, why)
}

func (p *parser) statusHeader() string {
	if j, ok := p.at["status"]; ok {
		return p.headers[j]
	}
	return headerName(p.kind, "status")
}

func (p *parser) removedBy(r row) string {
	v := p.cellText(r, "removed_by")
	if v == "" {
		return ""
	}
	id, problem := p.refs.policy(v)
	if problem != "" {
		p.errAt(r, "removed_by", "%s", problem)
	}
	return id
}
