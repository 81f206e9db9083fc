package ledger

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
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
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &fixedTimeZip{zip.NewWriter(w), stamp} })
	x := &xlsxWriter{f: f, c: c}
	if err := x.styles(); err != nil {
		return nil, err
	}
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
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
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

func (x *xlsxWriter) sheet(name string, kind catalog.Kind) error {
	f := x.f
	for j, h := range headerRow(kind) {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(name, cell, h); err != nil {
			return err
		}
		width := 14.0
		if k := schemas[kind][j].key; k == "name" || k == "instead" || k == "notes" || k == "basis" || k == "purpose" {
			width = 36
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(schemas[kind]), 1)
	if err := f.SetCellStyle(name, "A1", last, x.head); err != nil {
		return err
	}
	for i, r := range records(x.c, kind) {
		for j, col := range schemas[kind] {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := x.cell(name, cell, r, col.key); err != nil {
				return err
			}
		}
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// cell writes one value: a date as a date cell, anything else as text
// (never as a number or formula, whatever it looks like).
func (x *xlsxWriter) cell(sheet, cell string, r *catalog.Record, key string) error {
	if get, ok := dateKeys[key]; ok {
		d := get(r)
		if d.IsZero() {
			return nil
		}
		if err := x.f.SetCellFloat(sheet, cell, serial(d), 0, 64); err != nil {
			return err
		}
		return x.f.SetCellStyle(sheet, cell, cell, x.date)
	}
	if v := exportValue(x.c, r, key); v != "" {
		return x.f.SetCellStr(sheet, cell, v)
	}
	return nil
}

// fixedTimeZip is archive/zip with every entry stamped at one time.
type fixedTimeZip struct {
	w *zip.Writer
	t time.Time
}

func (z *fixedTimeZip) Create(name string) (io.Writer, error) {
	return z.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.t})
}

func (z *fixedTimeZip) AddFS(fsys fs.FS) error { return z.w.AddFS(fsys) }
func (z *fixedTimeZip) Close() error           { return z.w.Close() }
