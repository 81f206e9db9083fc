package ledger

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianzheng/generator/catalog"
)

// sheetKind is the kind whose list a sheet is named after: its title or
// another of the names the schema gives it, folded by normHeader.
func sheetKind(name string) (catalog.Kind, bool) {
	h := normHeader(name)
	for _, k := range catalog.Kinds {
		for _, n := range append([]string{k.Spec().Title}, k.Spec().Sheets...) {
			if h == normHeader(n) {
				return k, true
			}
		}
	}
	return "", false
}

// readXLSX reads the sheet of kind from a workbook.
func readXLSX(data []byte, kind catalog.Kind) (*sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    512 << 20, // a ledger is small; a zip bomb is not
		UnzipXMLSizeLimit: 128 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open the workbook: %v", err)
	}
	defer f.Close()
	name, err := pickSheet(f.GetSheetList(), kind)
	if err != nil {
		return nil, err
	}
	text, err := f.GetRows(name)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", name, err)
	}
	raw, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", name, err)
	}
	s := &sheet{}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	for i, cells := range text {
		r := row{n: i + 1, cells: make([]cell, len(cells))}
		for j, t := range cells {
			r.cells[j] = cell{text: t, raw: t}
			if i < len(raw) && j < len(raw[i]) {
				r.cells[j].raw = raw[i][j]
			}
		}
		s.rows = append(s.rows, r)
	}
	if err := fillMerged(f, name, s); err != nil {
		return nil, err
	}
	return s, nil
}

// pickSheet chooses the sheet named after kind's list; a workbook of one
// sheet is read whatever its name, unless the name is another list's.
func pickSheet(names []string, kind catalog.Kind) (string, error) {
	for _, n := range names {
		if k, ok := sheetKind(n); ok && k == kind {
			return n, nil
		}
	}
	if len(names) == 1 {
		if k, ok := sheetKind(names[0]); ok {
			return "", fmt.Errorf("the only sheet, %q, is the list %s, not %s", names[0], ListTitle(k), ListTitle(kind))
		}
		return names[0], nil
	}
	return "", fmt.Errorf("no sheet is named %s; the workbook has %s: rename the sheet to read",
		ListTitle(kind), strings.Join(quote(names), ", "))
}

// fillMerged copies a merged range's value into every cell it covers: a
// ledger often writes a department once beside a block of rows.
func fillMerged(f *excelize.File, name string, s *sheet) error {
	merged, err := f.GetMergeCells(name)
	if err != nil {
		return fmt.Errorf("sheet %q: %v", name, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(s.rows) {
			continue
		}
		top := s.rows[r1-1].get(c1 - 1)
		for r := r1; r <= min(r2, len(s.rows)); r++ {
			for c := c1; c <= c2; c++ {
				s.rows[r-1].set(c-1, top)
			}
		}
	}
	return nil
}

func (r row) get(i int) cell {
	if i < len(r.cells) {
		return r.cells[i]
	}
	return cell{}
}

func (r *row) set(i int, c cell) {
	for len(r.cells) <= i {
		r.cells = append(r.cells, cell{})
	}
	r.cells[i] = c
}

func quote(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}
