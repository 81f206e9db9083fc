package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianzheng/generator/catalog"
)

// cell is one spreadsheet cell: the text the sheet shows, and the value
// it stores (for an Excel date, its serial number; for CSV, the text).
// quoted is a CSV cell an export wrote with a leading "'" (formula.go),
// which Read drops.
type cell struct {
	text, raw string
	quoted    bool
}

// row is one spreadsheet row and its number as a spreadsheet shows it.
type row struct {
	n     int
	cells []cell
}

func (r row) blank() bool {
	for _, c := range r.cells {
		if cleanCell(c.text) != "" {
			return false
		}
	}
	return true
}

// sheet is what Read needs of a file: its rows, and for xlsx the date system.
type sheet struct {
	rows     []row
	date1904 bool
}

// load reads a ledger file by its extension.
func load(name string, data []byte, kind catalog.Kind) (*sheet, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		return readCSV(data)
	case ".xlsx", ".xlsm":
		return readXLSX(data, kind)
	case ".xls", ".et":
		return nil, errors.New("this is an old-style workbook: open it in Excel or WPS and save it as .xlsx (另存为 → Excel 工作簿)")
	}
	return nil, fmt.Errorf("cannot read %q: a ledger is an .xlsx workbook or a .csv file", path.Ext(name))
}

// decodeText returns a CSV file's text. Valid UTF-8 is UTF-8; anything
// else is taken to be GB18030, the superset of GBK and GB2312 that Excel
// and WPS write on a Chinese Windows. The check is sound because Chinese
// text in GB18030 is almost never valid UTF-8.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("the file is neither UTF-8 nor GB18030: save it as CSV UTF-8 (另存为 → CSV UTF-8)")
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), nil
}

// readCSV reads every record. Rows are numbered as a spreadsheet program
// numbers them: csv.Reader skips blank lines and lets a quoted cell span
// lines, so the number is worked out from where each record starts and
// the previous one ends.
func readCSV(data []byte) (*sheet, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // rows of any width; missing cells are blank
	r.LazyQuotes = true    // a quote inside an unquoted cell (他说"行") is text
	s := &sheet{}
	n, end := 0, 0 // spreadsheet row and text line where the last record ended
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("CSV syntax at line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		start, _ := r.FieldPos(0)
		n += start - end
		last, _ := r.FieldPos(len(rec) - 1)
		end = last + strings.Count(rec[len(rec)-1], "\n")
		cells := make([]cell, len(rec))
		for i, v := range rec {
			v, q := fromCSVCell(v)
			cells[i] = cell{v, v, q}
		}
		s.rows = append(s.rows, row{n: n, cells: cells})
	}
}
