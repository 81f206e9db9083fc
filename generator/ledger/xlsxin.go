package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
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
	data     []byte
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
	s := &xlsxSource{data: data, f: f, sheet: name, rows: rows}
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
// They are read from the worksheet's XML, tag by tag, since excelize's
// GetMergeCells loads the whole worksheet (for 20,000 rows: 250 MB and
// 1.5 s more).
func (s *xlsxSource) merges() ([]mergeRange, error) {
	z, err := zip.NewReader(bytes.NewReader(s.data), int64(len(s.data)))
	if err != nil {
		return nil, err
	}
	part, err := sheetPart(z, s.sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", s.sheet, err)
	}
	rc, err := z.Open(part)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", s.sheet, err)
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 64<<10), MaxCell*2)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) { // one tag or text run at a time
		if i := bytes.IndexByte(data, '>'); i >= 0 {
			return i + 1, data[:i+1], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	var out []mergeRange
	for sc.Scan() {
		m := mergeTag.FindSubmatch(sc.Bytes())
		if m == nil {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(string(m[1]))
		c2, r2, err2 := excelize.CellNameToCoordinates(string(m[2]))
		if err1 == nil && err2 == nil {
			out = append(out, mergeRange{r1, c1, r2, c2})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sheet %q: %v", s.sheet, err)
	}
	return out, nil
}

var mergeTag = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*\bref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"`)

// sheetPart finds the worksheet part of the sheet named name, through the
// workbook and its relationships.
func sheetPart(z *zip.Reader, name string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xmlPart(z, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := xmlPart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, sh := range wb.Sheets {
		if !strings.EqualFold(sh.Name, name) {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == sh.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", errors.New("the workbook does not say where the sheet is")
}

// xmlPart decodes a small part of the workbook (at most 16 MB).
func xmlPart(z *zip.Reader, name string, v any) error {
	rc, err := z.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxSheetInMemory)).Decode(v)
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
