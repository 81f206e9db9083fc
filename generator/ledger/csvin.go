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
	bad   bool // a cell was too long to read (see bigCells)
}

func (r row) blank() bool {
	for _, c := range r.cells {
		if cleanCell(c.text) != "" {
			return false
		}
	}
	return true
}

// load opens a ledger file by its extension, as a source of rows; for
// xlsx, date1904 is the workbook's date system.
func load(name string, data []byte, kind catalog.Kind) (src source, date1904 bool, closer func(), err error) {
	if len(data) > MaxFileSize {
		return nil, false, nil, errors.New(tooBig("")) // the position names the file
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		src, err := readCSV(data)
		return src, false, func() {}, err
	case ".xlsx", ".xlsm":
		x, err := readXLSX(data, kind)
		if err != nil {
			return nil, false, nil, err
		}
		return x, x.date1904, x.close, nil
	case ".xls", ".et":
		return nil, false, nil, errors.New("这是旧格式的工作簿：请用 Excel 或 WPS 打开，另存为 .xlsx（另存为 → Excel 工作簿）")
	}
	if path.Ext(name) == "" {
		return nil, false, nil, errors.New("文件名没有扩展名，看不出是什么文件：台账要是 .xlsx 工作簿或 .csv 文件")
	}
	return nil, false, nil, fmt.Errorf("读不了 %s 文件：台账要是 .xlsx 工作簿或 .csv 文件", path.Ext(name))
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
		return "", errors.New("文件的文字编码既不是 UTF-8 也不是 GB18030，读不出来：请用 Excel 或 WPS 打开，另存为 CSV UTF-8（另存为 → CSV UTF-8）")
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), nil
}

// maxSeparators is the most commas one line of a CSV file may hold: a
// line of a million commas would otherwise make a million cells at once.
const maxSeparators = 16_384

// csvSource reads a CSV file record by record. Rows are numbered as a
// spreadsheet program numbers them: csv.Reader skips blank lines and lets
// a quoted cell span lines, so the number is worked out from where each
// record starts and the previous one ends.
type csvSource struct {
	r      *csv.Reader
	n, end int // spreadsheet row and text line where the last record ended
}

func readCSV(data []byte) (*csvSource, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	for line, rest := 1, text; rest != ""; line++ {
		l, after, _ := strings.Cut(rest, "\n")
		if strings.Count(l, ",") > maxSeparators {
			return nil, fmt.Errorf("第 %d 行有超过 %d 个逗号，而台账最多也就几十列：请确认选对了文件", line, maxSeparators)
		}
		rest = after
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // rows of any width; missing cells are blank
	r.LazyQuotes = true    // a quote inside an unquoted cell (他说"行") is text
	return &csvSource{r: r}, nil
}

func (s *csvSource) next() (row, int, int, bool, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return row{}, 0, 0, false, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			what := "格式有误"
			if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
				what = "引号没有配对"
			}
			return row{}, 0, 0, false, fmt.Errorf("第 %d 行%s，读不下去（%v）：请用 Excel 或 WPS 打开，另存为 CSV UTF-8 再导入", pe.Line, what, pe.Err)
		}
		return row{}, 0, 0, false, err
	}
	start, _ := s.r.FieldPos(0)
	s.n += start - s.end
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.end = last + strings.Count(rec[len(rec)-1], "\n")
	wide, count := 0, 0
	for j, v := range rec[min(len(rec), MaxColumns):] {
		if cleanCell(v) != "" {
			if count++; wide == 0 {
				wide = MaxColumns + j + 1
			}
		}
	}
	cells := make([]cell, min(len(rec), MaxColumns))
	for i := range cells {
		v, q := fromCSVCell(rec[i])
		cells[i] = cell{v, v, q}
	}
	return row{n: s.n, cells: cells}, wide, count, true, nil
}
