package ledger

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"jianzheng/generator/catalog"
)

// XLSX exports the catalog as a workbook with one sheet per kind, named
// after the list (ListTitle) and in the site's order, with the columns of
// CSV. Dates are date cells shown as 2018-06-30; the header row is bold
// and stays in view.
//
// The bytes are the same on every run, so that a rebuild of an unchanged
// catalog changes no file: the document's created and modified times and
// every zip entry's time are the publication date (excelize otherwise
// writes zero times, and its default document dates are 2006's).
func XLSX(c *catalog.Catalog) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	stamp := time.Date(c.Site.Updated.Year, c.Site.Updated.Month, c.Site.Updated.Day, 0, 0, 0, 0, time.UTC)
	if c.Site.Updated.IsZero() {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) // the earliest zip time
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &fixedTimeZip{w: zip.NewWriter(w), t: stamp} })
	x := &xlsxWriter{f: f, c: c}
	if err := x.styles(); err != nil {
		return nil, err
	}
	// Before any sheet is streamed: SetActiveSheet reads every sheet back.
	f.SetActiveSheet(0)
	for i, kind := range catalog.Kinds {
		name := ListTitle(kind)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := x.sheet(name, kind); err != nil {
			return nil, fmt.Errorf("工作表 %s：%w", name, err)
		}
	}
	iso := stamp.Format(time.RFC3339)
	err := f.SetDocProps(&excelize.DocProperties{
		Title: c.Site.Title, Subject: "开放数据", Creator: c.Site.Publisher, LastModifiedBy: c.Site.Publisher,
		Created: iso, Modified: iso, Language: c.Site.Language,
	})
	if err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type xlsxWriter struct {
	f          *excelize.File
	c          *catalog.Catalog
	head, date int // style ids
}

func (x *xlsxWriter) styles() error {
	var err error
	x.head, err = x.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	format := "yyyy-mm-dd"
	x.date, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	return err
}

// sheet writes one kind's records through excelize's stream writer, which
// writes rows as XML at once: setting cells one by one kept a cell object
// per value and took most of the open data's time at 10,000 records.
func (x *xlsxWriter) sheet(name string, kind catalog.Kind) error {
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for j := range schemas[kind] {
		width := 14.0
		if schemas[kind][j].field.Long {
			width = 36
		}
		if err := sw.SetColWidth(j+1, j+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(schemas[kind]))
	for j, h := range headerRow(kind) {
		row[j] = excelize.Cell{StyleID: x.head, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i, r := range records(x.c, kind) {
		for j, col := range schemas[kind] {
			row[j] = x.cell(r, col.field)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cell is one value: a date as a date cell, anything else as text (never
// as a number or formula, whatever it looks like), nil when empty.
func (x *xlsxWriter) cell(r *catalog.Record, f *catalog.Field) any {
	if f.Type == catalog.TypeDate {
		if d := f.Date(r); !d.IsZero() {
			return excelize.Cell{StyleID: x.date, Value: serial(d)}
		}
		return nil
	}
	if v := exportValue(x.c, r, f); v != "" {
		return v
	}
	return nil
}

// fixedTimeZip is archive/zip with every entry stamped at one time and
// written in name order when it closes: excelize creates the stream
// writer's sheets in map order, which differs from run to run.
type fixedTimeZip struct {
	w       *zip.Writer
	t       time.Time
	entries map[string]*bytes.Buffer
}

func (z *fixedTimeZip) Create(name string) (io.Writer, error) {
	if z.entries == nil {
		z.entries = map[string]*bytes.Buffer{}
	}
	if z.entries[name] != nil {
		return nil, fmt.Errorf("xlsx: entry %s written twice", name)
	}
	b := &bytes.Buffer{}
	z.entries[name] = b
	return b, nil
}

func (z *fixedTimeZip) AddFS(fsys fs.FS) error { return z.w.AddFS(fsys) }

func (z *fixedTimeZip) Close() error {
	for _, name := range slices.Sorted(maps.Keys(z.entries)) {
		w, err := z.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.t})
		if err != nil {
			return err
		}
		if _, err := w.Write(z.entries[name].Bytes()); err != nil {
			return err
		}
	}
	return z.w.Close()
}
