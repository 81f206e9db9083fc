package ledger

// Tests of the limits (limits.go) on hostile and large spreadsheets. The
// workbooks are written here by hand, part by part, since excelize itself
// would fill every row to column XFD.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jianzheng/generator/catalog"
)

// rawXLSX writes a workbook of one sheet, 台账, whose sheetData body
// writes, at the given compression level.
func rawXLSX(t testing.TB, level int, body func(w io.Writer)) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, level) })
	part := func(name, text string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	body(w)
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xmlRow writes row n of cells as inline strings, from column A, and
// extra cells at the named columns.
func xmlRow(w io.Writer, n int, cells []string, extra map[string]string) {
	fmt.Fprintf(w, `<row r="%d">`, n)
	for j, v := range cells {
		if v != "" {
			fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, colName(j+1), n, html.EscapeString(v))
		}
	}
	for col, v := range extra {
		fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col, n, html.EscapeString(v))
	}
	io.WriteString(w, `</row>`)
}

// ledgerRows is a header and n good rows of cancelled proofs, each named
// apart, without 编号, so that every one gets a generated id.
func ledgerRows(n int) [][]string {
	rows := [][]string{goodLedger[0]}
	for i := range n {
		r := append([]string(nil), goodLedger[1]...)
		r[0], r[2] = "", fmt.Sprintf("无房证明 %d", i+1)
		rows = append(rows, r)
	}
	return rows
}

// keep writes a generated workbook to $JZ_LEDGER_OUT, if set, to time
// the import command on it: JZ_LEDGER_OUT=/tmp/x go test ./generator/ledger -run Read
func keep(t *testing.T, name string, data []byte) {
	if dir := os.Getenv("JZ_LEDGER_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// measure runs f and returns how long it took and the peak of the heap
// in use while it ran, sampled every millisecond after a collection.
func measure(f func()) (time.Duration, uint64) {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	start := time.Now()
	f()
	took := time.Since(start)
	close(stop)
	wg.Wait()
	return took, peak.Load()
}

// TestReadSparseXLSX: a sheet with a cell at column XFD, the last, in
// every one of 20,000 rows is read row by row in bounded memory and
// time: the cells right of the header are ignored, with one warning.
// (GetRows once filled every row to XFD: over 6 GB for a 17 KB file.)
func TestReadSparseXLSX(t *testing.T) {
	if testing.Short() {
		t.Skip("bounds at scale: the full run only")
	}
	c := loadSample(t)
	rows := ledgerRows(20_000)
	data := rawXLSX(t, flate.BestCompression, func(w io.Writer) {
		for i, r := range rows {
			xmlRow(w, i+1, r, map[string]string{"XFD": "x"})
		}
		for n := len(rows) + 1; n <= len(rows)+20_000; n++ { // and rows of nothing but XFD
			xmlRow(w, n, nil, map[string]string{"XFD": "x"})
		}
	})
	keep(t, "sparse.xlsx", data)
	var recs []*catalog.Record
	var errs, warns Errors
	took, peak := measure(func() { recs, errs, warns = ReadWarn("sparse.xlsx", data, catalog.Cancelled, c) })
	t.Logf("sparse xlsx: %d KB, 40,000 rows with a cell at XFD: read in %v, heap peak %d MB", len(data)>>10, took.Round(time.Millisecond), peak>>20)
	if errs != nil {
		t.Fatalf("errors:\n%v", errs)
	}
	if len(recs) != 20_000 || recs[19_999].ID != "wufang-zhengming-20000" {
		t.Errorf("%d records, the last %s", len(recs), recs[len(recs)-1].ID)
	}
	if want := "sparse.xlsx:2:16384: 注意：最后一个有列名的是 M 列，它右边的 40000 个单元格没有导入（第一个在这里的 XFD 列）：要导入，请在第 1 行给这些列写上列名"; len(warns) != 1 || warns[0].Error() != want {
		t.Errorf("warnings:\n%v\nwant:\n%s", warns, want)
	}
	checkBounds(t, took, peak)
}

// TestReadLedgerRows: 20,000 rows without ids read in linear time (id
// assignment was quadratic: 20,000 rows took 34 s), from xlsx and CSV.
func TestReadLedgerRows(t *testing.T) {
	if testing.Short() {
		t.Skip("bounds at scale: the full run only")
	}
	c := loadSample(t)
	rows := ledgerRows(20_000)
	xlsx := rawXLSX(t, flate.DefaultCompression, func(w io.Writer) {
		for i, r := range rows {
			xmlRow(w, i+1, r, nil)
		}
	})
	var b bytes.Buffer
	if err := csv.NewWriter(&b).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"big.xlsx": xlsx, "big.csv": b.Bytes()} {
		keep(t, name, data)
		var recs []*catalog.Record
		var errs Errors
		took, peak := measure(func() { recs, errs = Read(name, data, catalog.Cancelled, c) })
		t.Logf("%s: %d KB, 20,000 rows: read in %v, heap peak %d MB", name, len(data)>>10, took.Round(time.Millisecond), peak>>20)
		if errs != nil || len(recs) != 20_000 {
			t.Fatalf("%s: %d records, errors:\n%v", name, len(recs), errs)
		}
		checkBounds(t, took, peak)
	}
}

// TestReadZipBomb: a workbook that unpacks to more than MaxUnzipped is
// refused before it is unpacked; one just under the limit whose sheet is
// millions of rows stops at MaxRows, the sheet streamed from a temporary
// file.
func TestReadZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("bounds at scale: the full run only")
	}
	c := loadSample(t)
	const rowXML = `<row><c t="inlineStr"><is><t>证明</t></is></c><c t="inlineStr"><is><t>公安局</t></is></c></row>`
	bomb := func(size int) []byte {
		return rawXLSX(t, flate.BestCompression, func(w io.Writer) {
			xmlRow(w, 1, goodLedger[0], nil)
			chunk := strings.Repeat(rowXML, 1<<14)
			for n := 0; n < size; n += len(chunk) {
				io.WriteString(w, chunk)
			}
		})
	}
	for _, c2 := range []struct {
		size int
		want string
	}{
		{MaxUnzipped + 1<<20, fmt.Sprintf("bomb.xlsx:1:1: 这个工作簿解压后超过 %d MB，台账不会这么大：请确认选对了文件；如果是台账，请拆成几个文件", MaxUnzipped>>20)},
		{MaxUnzipped - 8<<20, fmt.Sprintf("bomb.xlsx:100001:1: 表格超过 %d 行，一份台账最多这么多行：请拆成几个文件", MaxRows)},
	} {
		data := bomb(c2.size)
		keep(t, fmt.Sprintf("bomb-%d.xlsx", c2.size>>20), data)
		var errs Errors
		took, peak := measure(func() { _, errs = Read("bomb.xlsx", data, catalog.Cancelled, c) })
		t.Logf("zip bomb: %d KB unpacking to %d MB: refused in %v, heap peak %d MB", len(data)>>10, c2.size>>20, took.Round(time.Millisecond), peak>>20)
		if len(errs) != 1 || errs[0].Error() != c2.want {
			t.Errorf("errors:\n%v\nwant:\n%s", errs, c2.want)
		}
		checkBounds(t, took, peak)
	}
}

// TestReadCaps: a cell longer than MaxCell is an error at the cell, and a
// line of a million commas is refused before it is split.
func TestReadCaps(t *testing.T) {
	c := loadSample(t)
	var b bytes.Buffer
	b.WriteString(strings.Join(goodLedger[0], ",") + "\n")
	r := append([]string(nil), goodLedger[1]...)
	r[12] = strings.Repeat("长", MaxCell/3+1)
	b.WriteString(strings.Join(r, ",") + "\n")
	_, errs := Read("long.csv", b.Bytes(), catalog.Cancelled, c)
	if want := "long.csv:2:13: M 列：这个单元格的文字有 65 KB，一个单元格最多 64 KB：请缩短，或把长文发在别处再链接过去"; len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", errs, want)
	}
	_, errs = Read("wide.csv", []byte(strings.Join(goodLedger[0], ",")+"\n"+strings.Repeat(",", 1_000_000)), catalog.Cancelled, c)
	if want := "wide.csv:1:1: 第 2 行有超过 16384 个逗号，而台账最多也就几十列：请确认选对了文件"; len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", errs, want)
	}
	if _, errs = Read("huge.csv", make([]byte, MaxFileSize+1), catalog.Cancelled, c); len(errs) != 1 || errs[0].Error() != "huge.csv:1:1: 文件大于 64 MB，一份台账最大只能这么大：请拆成几个文件" {
		t.Errorf("errors:\n%v", errs)
	}
}

// checkBounds holds a read to 200 MB of heap, the bound, which
// does not depend on the machine's load. Time does: the target (5 s; about
// 1 s here) is read off the logged figures, and the test fails only at 60
// s, which no linear reader reaches on any machine and the quadratic or
// fill-every-row readers these tests were written against did.
func checkBounds(t *testing.T, took time.Duration, peak uint64) {
	t.Helper()
	if took > time.Minute || peak > 200<<20 {
		t.Errorf("took %v and %d MB; want at most 200 MB (and far less than a minute)", took, peak>>20)
	}
}
