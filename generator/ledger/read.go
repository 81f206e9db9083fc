package ledger

import (
	"fmt"
	"strings"

	"jianzheng/generator/catalog"
)

// Read parses a 台账 spreadsheet, an .xlsx workbook or a .csv file chosen by
// name's extension, into records of kind. c is the loaded catalog the
// records are to join: departments, policies and ids are resolved against
// it, and dates checked against its publication date.
//
// Every problem is reported, each at its row and the column of the
// offending cell; the records of rows without problems are returned as
// well, in row order, so that the caller chooses between importing all or
// nothing and importing what is good. A row whose 编号 names a record of
// the same kind in c is an update of that record.
func Read(name string, data []byte, kind catalog.Kind, c *catalog.Catalog) ([]*catalog.Record, Errors) {
	p := &parser{file: name, kind: kind, c: c, refs: newRefs(c), at: map[string]int{},
		taken: map[string]bool{}, seen: map[string]int{}, existing: map[string]*catalog.Record{}}
	if _, ok := schemas[kind]; !ok {
		p.errs.Add(name, 1, 1, "没有 %q 这张清单：可以是 %v", kind, catalog.Kinds)
		return nil, p.errs
	}
	s, err := load(name, data, kind)
	if err != nil {
		p.errs.Add(name, 1, 1, "%v", err)
		return nil, p.errs
	}
	p.date1904 = s.date1904
	for _, r := range c.Records {
		p.existing[r.ID] = r
	}
	body, ok := p.header(s.rows)
	if !ok {
		p.errs.Add(name, 1, 1, "表格是空的：第一行写列名（%s）", exportNames(kind))
		return nil, p.errs
	}
	for _, r := range body {
		if v := p.cellText(r, "id"); v != "" {
			p.taken[v] = true // so that no generated id takes a row's own
		}
	}
	var recs []*catalog.Record
	for _, r := range body {
		if r.blank() {
			continue
		}
		if rec := p.record(r); rec != nil {
			recs = append(recs, rec)
		}
	}
	ids := newIDs(c, kind, p.taken)
	for _, rec := range recs {
		if rec.ID == "" {
			rec.ID = ids.forRecord(rec)
		}
	}
	if p.incomplete {
		recs = nil // every row lacks a required key
	}
	if len(p.errs) == 0 {
		return recs, nil
	}
	p.errs.Sort()
	return recs, p.errs
}

// parser holds one sheet's header and what it has seen so far.
type parser struct {
	file     string
	kind     catalog.Kind
	c        *catalog.Catalog
	refs     *refs
	date1904 bool
	errs     Errors

	headRow    int
	headers    []string       // header cells, trimmed
	keys       []string       // the key each column holds, "" for none
	at         map[string]int // key → 0-based column
	missing    map[string]bool
	incomplete bool

	existing map[string]*catalog.Record // the catalog's records by id
	taken    map[string]bool            // ids of the sheet and generated ones
	seen     map[string]int             // id → the row that first used it
}

// header finds the header row: the first of the first ten rows to hold two
// or more known column names, or else the first non-blank row. It returns
// the rows below it.
func (p *parser) header(rows []row) ([]row, bool) {
	idx := -1
	for i, r := range rows {
		if i >= 10 {
			break
		}
		known := 0
		for _, c := range r.cells {
			if _, ok, problem := match(p.kind, cleanCell(c.text)); ok || (problem == "" && cleanCell(c.text) != "") {
				known++
			}
		}
		if known >= 2 {
			idx = i
			break
		}
	}
	if idx < 0 {
		for i, r := range rows {
			if !r.blank() {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		return nil, false
	}
	p.readHeader(rows[idx])
	return rows[idx+1:], true
}

func (p *parser) readHeader(r row) {
	p.headRow = r.n
	for j, c := range r.cells {
		h := cleanCell(c.text)
		p.headers = append(p.headers, h)
		p.keys = append(p.keys, "")
		if h == "" {
			continue
		}
		key, ok, problem := match(p.kind, h)
		switch {
		case problem != "":
			p.errs.Add(p.file, r.n, j+1, "%s 列：%s", colName(j+1), problem)
		case !ok:
			// 序号 and the like
		case hasKey(p.at, key):
			first := p.at[key]
			p.errs.Add(p.file, r.n, j+1, "%s 列 %s 与 %s 列 %s 是同一列：只留一列",
				colName(j+1), h, colName(first+1), p.headers[first])
		default:
			p.keys[j] = key
			p.at[key] = j
		}
	}
	p.missing = map[string]bool{}
	for _, key := range required[p.kind] {
		if !hasKey(p.at, key) {
			p.missing[key] = true
			p.incomplete = true
			p.errs.Add(p.file, r.n, 1, "缺少 %s 列（%s）：请在列名那一行加上这一列",
				headerName(p.kind, key), key)
		}
	}
}

func hasKey(m map[string]int, key string) bool {
	_, ok := m[key]
	return ok
}

// strayCells reports a value in a column without a header, since it
// would otherwise be dropped without a word.
func (p *parser) strayCells(r row) {
	for j, c := range r.cells {
		if cleanCell(c.text) == "" {
			continue
		}
		if j >= len(p.headers) || p.headers[j] == "" {
			p.errs.Add(p.file, r.n, j+1, "%s 列没有列名：请在第 %d 行写上列名，或清空这一列",
				colName(j+1), p.headRow)
		}
	}
}

// cellText is key's cell in r, cleaned; "" when the sheet has no such column.
func (p *parser) cellText(r row, key string) string {
	j, ok := p.at[key]
	if !ok {
		return ""
	}
	return cleanCell(r.get(j).text)
}

// errAt reports a problem with key's cell in r, naming the column.
func (p *parser) errAt(r row, key, format string, args ...any) {
	j := p.at[key]
	p.errs.Add(p.file, r.n, j+1, "%s 列 %s：%s", colName(j+1), p.headers[j], fmt.Sprintf(format, args...))
}

// blankAt reports a blank cell that must be filled.
func (p *parser) blankAt(r row, key, why string) {
	j := p.at[key]
	p.errs.Add(p.file, r.n, j+1, "%s 列 %s 是空的：%s", colName(j+1), p.headers[j], why)
}

// list is the words of a message: "a、b 或 c".
func list(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], "、") + " 或 " + words[len(words)-1]
}
