package ledger

import (
	"fmt"
	"sort"
)

// source yields a sheet's rows in order, each with at most MaxColumns
// cells; wide is the first column right of those that holds a value (0
// for none) and count how many such cells the row holds. next returns
// ok false after the last row.
type source interface {
	next() (r row, wide, count int, ok bool, err error)
}

// merger is a source whose merged ranges are known once every row is read.
type merger interface {
	merges() ([]mergeRange, error)
}

// mergeRange is a merged range of cells, 1-based and inclusive.
type mergeRange struct{ r1, c1, r2, c2 int }

// readRows reads src to the end: it finds the header (see header), reads
// it, and returns the non-blank rows below it, each cut at the header's
// last named column, with merged ranges filled in. Every limit (limits.go)
// is checked as the rows come, so that memory stays bounded.
func (p *parser) readRows(src source) (body []row, found bool, err error) {
	var head []row // rows up to the header
	rows := 0
	width := -1 // columns kept below the header, once it is known
	var beyond struct{ n, row, col int }
	// keep cuts a row below the header at width and keeps it.
	keep := func(r row, wide, count int) error {
		if len(r.cells) > width {
			for j, c := range r.cells[width:] {
				if cleanCell(c.text) != "" {
					if count++; wide == 0 || width+j+1 < wide {
						wide = width + j + 1
					}
				}
			}
			r.cells = r.cells[:width]
		}
		if count > 0 {
			if beyond.n == 0 {
				beyond.row, beyond.col = r.n, wide
			}
			beyond.n += count
		}
		if r.blank() {
			return nil
		}
		if (len(body)+1)*max(width, 1) > MaxCells {
			return &Error{Path: p.file, Line: r.n, Col: 1, Msg: fmt.Sprintf(
				"表格的单元格超过 %d 个（%d 列乘以行数，列数算到最后一个有列名的列）：请拆成几个文件", MaxCells, width)}
		}
		body = append(body, r)
		return nil
	}
	for {
		r, wide, count, ok, err := src.next()
		if err != nil {
			return nil, false, err
		}
		if !ok {
			break
		}
		if !r.blank() {
			if rows++; rows > MaxRows {
				return nil, false, &Error{Path: p.file, Line: r.n, Col: 1, Msg: fmt.Sprintf(
					"表格超过 %d 行，一份台账最多这么多行：请拆成几个文件", MaxRows)}
			}
			p.bigCells(&r)
		}
		if width >= 0 {
			if err := keep(r, wide, count); err != nil {
				return nil, false, err
			}
			continue
		}
		if r.blank() {
			if len(head) < 10 {
				head = append(head, r)
			}
			continue
		}
		head = append(head, r)
		if i := p.findHeader(head); i >= 0 {
			width = p.useHeader(head[i])
			for _, b := range head[i+1:] {
				if err := keep(b, 0, 0); err != nil {
					return nil, false, err
				}
			}
			head = nil
		}
	}
	if width < 0 {
		for _, r := range head {
			if !r.blank() {
				width = p.useHeader(r)
				break
			}
		}
	}
	if width < 0 {
		return nil, false, nil
	}
	if beyond.n > 0 {
		p.warns.Add(p.file, beyond.row, beyond.col, "注意：最后一个有列名的是 %s 列，它右边的 %d 个单元格没有导入（第一个在这里的 %s 列）：要导入，请在第 %d 行给这些列写上列名",
			colName(width), beyond.n, colName(beyond.col), p.headRow)
	}
	if m, ok := src.(merger); ok {
		ranges, err := m.merges()
		if err != nil {
			return nil, false, err
		}
		fillMerged(body, ranges, width)
	}
	return body, true, nil
}

// findHeader returns the index in head of the header row, or -1 while
// that is not yet known: the first of the first ten rows to hold two or
// more known column names, or else the first non-blank row.
func (p *parser) findHeader(head []row) int {
	last := len(head) - 1
	if last < 10 && p.known(head[last]) >= 2 {
		return last
	}
	if last < 9 {
		return -1
	}
	for i, r := range head {
		if !r.blank() {
			return i
		}
	}
	return -1
}

// known counts the cells of r that name a column.
func (p *parser) known(r row) int {
	n := 0
	for _, c := range r.cells {
		if _, ok, problem := match(p.kind, cleanCell(c.text)); ok || (problem == "" && cleanCell(c.text) != "") {
			n++
		}
	}
	return n
}

// useHeader reads the header row and returns the number of columns kept
// below it: up to its last named one.
func (p *parser) useHeader(r row) int {
	p.readHeader(r)
	width := len(p.headers)
	for width > 0 && p.headers[width-1] == "" {
		width--
	}
	return width
}

// bigCells reports each cell longer than MaxCell and empties it; the row
// is then left out.
func (p *parser) bigCells(r *row) {
	for j, c := range r.cells {
		if len(c.text) > MaxCell || len(c.raw) > MaxCell {
			p.errs.Add(p.file, r.n, j+1, "%s 列：这个单元格的文字有 %d KB，一个单元格最多 %d KB：请缩短，或把长文发在别处再链接过去",
				colName(j+1), (max(len(c.text), len(c.raw))+1023)>>10, MaxCell>>10)
			r.cells[j] = cell{}
			r.bad = true
		}
	}
}

// fillMerged copies a merged range's value into every cell it covers in
// rows (sorted by number), up to width columns: a ledger often writes a
// department once beside a block of rows.
func fillMerged(rows []row, ranges []mergeRange, width int) {
	at := func(n int) int { return sort.Search(len(rows), func(i int) bool { return rows[i].n >= n }) }
	for _, m := range ranges {
		i := at(m.r1)
		if i == len(rows) || rows[i].n != m.r1 || m.c1 > width {
			continue
		}
		top := rows[i].get(m.c1 - 1)
		for ; i < len(rows) && rows[i].n <= m.r2; i++ {
			for c := m.c1; c <= min(m.c2, width); c++ {
				rows[i].set(c-1, top)
			}
		}
	}
}
