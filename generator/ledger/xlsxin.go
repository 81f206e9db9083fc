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

// xlsxSource reads the sheet of kind from a workbook, row by row with
// excelize's iterator, which reads the worksheet's XML as a stream (from
// a temporary file when it is larger than maxSheetInMemory). A cell is
// read as stored: an Excel date as its serial number, which parseDate
// understands, a number as written, without its display format.
type xlsxSource struct {
	f        *excelize.File
	sheet    string
	rows     *excelize.Rows
	n        int
	date1904 bool
}

func readXLSX(data []byte, kind catalog.Kind) (*xlsxSource, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzipped, // a ledger is small; a zip bomb is not
		UnzipXMLSizeLimit: maxSheetInMemory,
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("the workbook unpacks to more than %d MB, the most a ledger may: is it a ledger?", MaxUnzipped>>20)
		}
		return nil, fmt.Errorf("cannot open the workbook: %v", err)
	}
	name, err := pickSheet(f.GetSheetList(), kind)
	if err != nil {
		f.Close()
		return nil, err
	}
	rows, err := f.Rows(name)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %q: %v", name, err)
	}
	s := &xlsxSource{f: f, sheet: name, rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

func (s *xlsxSource) close() {
	s.rows.Close()
	s.f.Close()
}

func (s *xlsxSource) next() (row, int, int, bool, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return row{}, 0, 0, false, fmt.Errorf("sheet %q: %v", s.sheet, err)
		}
		return row{}, 0, 0, false, nil
	}
	s.n++ // the iterator yields every row number, blank ones too
	cols, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return row{}, 0, 0, false, fmt.Errorf("sheet %q row %d: %v", s.sheet, s.n, err)
	}
	wide, count := 0, 0
	for j, v := range cols[min(len(cols), MaxColumns):] {
		if cleanCell(v) != "" {
			if count++; wide == 0 {
				wide = MaxColumns + j + 1
			}
		}
	}
	r := row{n: s.n, cells: make([]cell, min(len(cols), MaxColumns))}
	for j := range r.cells {
		r.cells[j] = cell{text: cols[j], raw: cols[j]}
	}
	return r, wide, count, true, nil
}

// merges reads the sheet's merged ranges; called once every row is read.
func (s *xlsxSource) merges() ([]mergeRange, error) {
	merged, err := s.f.GetMergeCells(s.sheet, true)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", s.sheet, err)
	}
	var out []mergeRange
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil {
			out = append(out, mergeRange{r1, c1, r2, c2})
		}
	}
	return out, nil
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
