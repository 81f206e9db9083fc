package ledger

import (
	"fmt"
	"sort"
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
	s := ReadSheet(name, data, kind, c)
	return s.Records, s.Problems
}

// Sheet is what ReadSheet found in one spreadsheet.
type Sheet struct {
	Records  []*catalog.Record
	Problems Errors   // see Read
	Warnings Errors   // see ReadWarn
	Keys     []string // the keys the header names, sorted, so that Merge updates only those
}

// ReadWarn is Read, and also returns warnings (see Sheet).
func ReadWarn(name string, data []byte, kind catalog.Kind, c *catalog.Catalog) (recs []*catalog.Record, errs, warnings Errors) {
	s := ReadSheet(name, data, kind, c)
	return s.Records, s.Problems, s.Warnings
}

// ReadSheet reads the spreadsheet once (see Read), returning its records,
// its problems, its warnings (cells that do not stop the import but that
// the office should look at, such as a cell that a spreadsheet would run
// as a formula) and the keys its header names.
func ReadSheet(name string, data []byte, kind catalog.Kind, c *catalog.Catalog) Sheet {
	var recs []*catalog.Record
	p := &parser{file: name, kind: kind, c: c, refs: newRefs(c), at: map[string]int{},
		taken: map[string]bool{}, seen: map[string]int{}, existing: map[string]*catalog.Record{}}
	if _, ok := schemas[kind]; !ok {
		p.errs.Add(name, 1, 1, "没有 %q 这张清单：可以是 %v", kind, catalog.Kinds)
		return Sheet{Problems: p.errs}
	}
	src, date1904, closeSrc, err := load(name, data, kind)
	if err != nil {
		p.errs.Add(name, 1, 1, "%v", err)
		return Sheet{Problems: p.errs}
	}
	defer closeSrc()
	p.date1904 = date1904
	for _, r := range c.Records {
		p.existing[r.ID] = r
	}
	body, ok, err := p.readRows(src)
	if e, isPos := err.(*Error); isPos {
		p.errs = append(p.errs, e)
		return Sheet{Problems: p.errs}
	} else if err != nil {
		p.errs.Add(name, 1, 1, "%v", err)
		return Sheet{Problems: p.errs}
	}
	if !ok {
		p.errs.Add(name, 1, 1, "表格是空的：第一行写列名（%s）", exportNames(kind))
		return Sheet{Problems: p.errs}
	}
	for _, r := range body {
		if v := p.cellText(r, "id"); v != "" {
			p.taken[v] = true // so that no generated id takes a row's own
		}
	}
	for _, r := range body {
		if r.blank() {
			continue
		}
		p.formulas(r)
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
	p.warns.Sort()
	p.errs.Sort()
	return Sheet{Records: recs, Problems: p.errs, Warnings: p.warns, Keys: p.keysNamed()}
}

// keysNamed lists the keys the header names, sorted.
func (p *parser) keysNamed() []string {
	var keys []string
	for k := range p.at {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// parser holds one sheet's header and what it has seen so far.
type parser struct {
	file     string
	kind     catalog.Kind
	c        *catalog.Catalog
	refs     *refs
	date1904 bool
	errs     Errors
	warns    Errors

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

// formulas warns about each cell of a known column that a spreadsheet
// would run as a formula (formula.go), unless an export quoted it.
func (p *parser) formulas(r row) {
	for j, key := range p.keys {
		if c := r.get(j); key != "" && !c.quoted && (formulaLike(c.text) || formulaLike(cleanCell(c.text))) {
			v := []rune(cleanCell(c.text))
			if len(v) > 40 {
				v = append(v[:40], '…')
			}
			p.warns.Add(p.file, r.n, j+1, "注意：%s 列 %s 的 %q 开头像电子表格的公式（= + - @）：已按文字导入，不会当公式算；导出 CSV 时会在它前面加一个 '",
				colName(j+1), p.headers[j], string(v))
		}
	}
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
