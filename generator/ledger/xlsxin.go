package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
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

// xlsxSource reads the sheet of kind from a workbook, row by row, from
// the worksheet's XML as it is unpacked. It is not excelize's Rows
// iterator: that fills each row up to its last cell, and a workbook of
// 17 KB with a cell at column XFD (the 16,384th) in every row then takes
// minutes and gigabytes; this keeps the first MaxColumns cells of a row
// and only counts the others. A cell is read as stored: an Excel date as
// its serial number, which parseDate understands, a number as written,
// without its display format, a formula as its last result.
type xlsxSource struct {
	sheet    string
	date1904 bool
	rc       io.ReadCloser
	d        *xml.Decoder
	sst      []string // shared strings
	scanned  int      // <c> elements read, blank and ignored ones too
	last     int      // the number of the last row read
	merged   []mergeRange
}

// maxScanned bounds the cells of a sheet read at all, kept or not: a
// sheet of blank formatted cells has many, a bomb has millions.
const maxScanned = 5 * MaxCells

func readXLSX(data []byte, kind catalog.Kind) (*xlsxSource, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("打不开这个工作簿，它不是完好的 .xlsx 文件（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", err)
	}
	var total uint64
	for _, f := range z.File {
		if total += f.UncompressedSize64; total > MaxUnzipped {
			return nil, fmt.Errorf("这个工作簿解压后超过 %d MB，台账不会这么大：请确认选对了文件；如果是台账，请拆成几个文件", MaxUnzipped>>20)
		}
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xmlPart(z, "xl/workbook.xml", &wb); err != nil {
		return nil, fmt.Errorf("打不开这个工作簿，它的 xl/workbook.xml 坏了（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", err)
	}
	if err := xmlPart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, fmt.Errorf("打不开这个工作簿，它的 xl/_rels/workbook.xml.rels 坏了（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", err)
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(t, "/")
		}
		return path.Join("xl", t)
	}
	var names []string
	for _, sh := range wb.Sheets {
		names = append(names, sh.Name)
	}
	name, err := pickSheet(names, kind)
	if err != nil {
		return nil, err
	}
	s := &xlsxSource{sheet: name, date1904: wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"}
	part := ""
	for _, sh := range wb.Sheets {
		for _, r := range rels.Rels {
			if sh.Name == name && r.ID == sh.ID {
				part = target(r.Target)
			}
		}
	}
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			if s.sst, err = readSST(z, target(r.Target)); err != nil {
				return nil, err
			}
		}
	}
	if s.rc, err = z.Open(part); err != nil {
		return nil, fmt.Errorf("工作表 %q 打不开（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", name, err)
	}
	s.d = xml.NewDecoder(bufio.NewReaderSize(s.rc, 64<<10))
	return s, nil
}

func (s *xlsxSource) close() { s.rc.Close() }

// xmlPart decodes a small part of the workbook.
func xmlPart(z *zip.Reader, name string, v any) error {
	rc, err := z.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxPart)).Decode(v)
}

// readSST reads the shared strings: the text of each <si>, its runs
// joined, without phonetic guides (<rPh>).
func readSST(z *zip.Reader, name string) ([]string, error) {
	rc, err := z.Open(name)
	if err != nil {
		return nil, nil // a workbook without shared strings
	}
	defer rc.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	var out []string
	var b strings.Builder
	size, inT, inPh := 0, false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("读不了这个工作簿里的文字（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if size += b.Len(); size > maxStrings {
					return nil, fmt.Errorf("这个工作簿里的文字超过 %d MB，台账不会这么多：请确认选对了文件；如果是台账，请拆成几个文件", maxStrings>>20)
				}
				out = append(out, b.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				b.Write(t)
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// next reads the next <row> of the sheet.
func (s *xlsxSource) next() (row, int, int, bool, error) {
	var r row
	inRow, col, typ := false, 0, ""
	var v, is strings.Builder
	inV, inIs, inT, inPh := false, false, false, false
	wide, count := 0, 0
	fail := func(err error) (row, int, int, bool, error) {
		return row{}, 0, 0, false, fmt.Errorf("工作表 %q：%v", s.sheet, err)
	}
	for {
		tok, err := s.d.RawToken()
		if err == io.EOF {
			return row{}, 0, 0, false, nil
		}
		if err != nil {
			return fail(fmt.Errorf("内容坏了，读不下去（%v）：请用 Excel 或 WPS 打开，另存为 .xlsx 再导入", err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				n, err := strconv.Atoi(attr(t, "r"))
				if err != nil || n < 1 {
					n = s.last + 1
				}
				r, inRow, col = row{n: n}, true, 0
			case "c":
				if s.scanned++; s.scanned > maxScanned {
					return fail(fmt.Errorf("第 %d 行：单元格（连空的在内）超过 %d 个，台账不会这么多：请确认选对了文件；如果是台账，请删掉表格下面和右边多余的空行、空列再保存", r.n, maxScanned))
				}
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c
					}
				}
				typ = attr(t, "t")
				v.Reset()
				is.Reset()
			case "v":
				inV = true
			case "is":
				inIs = true
			case "t":
				inT = true
			case "rPh":
				inPh = true
			case "mergeCell":
				if m := mergeRef.FindStringSubmatch(attr(t, "ref")); m != nil {
					c1, r1, err1 := excelize.CellNameToCoordinates(m[1])
					c2, r2, err2 := excelize.CellNameToCoordinates(m[2])
					if err1 == nil && err2 == nil {
						s.merged = append(s.merged, mergeRange{r1, c1, r2, c2})
					}
				}
			}
		case xml.CharData:
			switch {
			case inV && v.Len() <= MaxCell:
				v.Write(t)
			case inIs && inT && !inPh && is.Len() <= MaxCell:
				is.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIs = false
			case "t":
				inT = false
			case "rPh":
				inPh = false
			case "c":
				if !inRow {
					continue
				}
				text := s.value(typ, v.String(), is.String())
				switch {
				case text == "":
				case col <= MaxColumns:
					for len(r.cells) < col {
						r.cells = append(r.cells, cell{})
					}
					r.cells[col-1] = cell{text: text, raw: text}
				default:
					if count++; wide == 0 || col < wide {
						wide = col
					}
				}
			case "row":
				s.last = r.n
				return r, wide, count, true, nil
			}
		}
	}
}

var mergeRef = regexp.MustCompile(`^([A-Z]+[0-9]+):([A-Z]+[0-9]+)$`)

// value is a cell's text by its type: a shared string, an inline one, a
// boolean, or what <v> holds (a number, a formula's text result, an error).
func (s *xlsxSource) value(typ, v, inline string) string {
	switch typ {
	case "s":
		if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= 0 && i < len(s.sst) {
			return s.sst[i]
		}
		return ""
	case "inlineStr":
		return inline
	case "b":
		if strings.TrimSpace(v) == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	return v
}

// merges returns the sheet's merged ranges, which follow its rows.
func (s *xlsxSource) merges() ([]mergeRange, error) {
	for {
		if _, _, _, ok, err := s.next(); err != nil || !ok {
			return s.merged, err
		}
	}
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
			return "", fmt.Errorf("工作簿里只有一张工作表 %q，它是「%s」，不是「%s」：请用 -kind 选对清单", names[0], ListTitle(k), ListTitle(kind))
		}
		return names[0], nil
	}
	return "", fmt.Errorf("没有名为 %s 的工作表，这个工作簿里有 %s：请把要导入的工作表改名为 %s",
		ListTitle(kind), strings.Join(quote(names), "、"), ListTitle(kind))
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
