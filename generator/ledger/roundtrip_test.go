package ledger

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"jianzheng/generator/catalog"
)

// loadSample loads the sample catalog the repository ships.
func loadSample(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatalf("loading the sample catalog: %v", err)
	}
	return c
}

// sameRecords compares records field by field, ignoring Pos (a file
// position means different things in TOML and in a sheet).
func sameRecords(t *testing.T, what string, got, want []*catalog.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d records, want %d", what, len(got), len(want))
	}
	for i := range want {
		g, w := *got[i], *want[i]
		g.Pos, w.Pos = catalog.Pos{}, catalog.Pos{}
		gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
		for f := 0; f < gv.NumField(); f++ {
			if !reflect.DeepEqual(gv.Field(f).Interface(), wv.Field(f).Interface()) {
				t.Errorf("%s: record %d (%s) %s = %#v, want %#v", what, i, w.ID,
					gv.Type().Field(f).Name, gv.Field(f).Interface(), wv.Field(f).Interface())
			}
		}
	}
}

func TestRoundTripCSV(t *testing.T) {
	c := loadSample(t)
	for _, kind := range catalog.Kinds {
		data := CSV(c, kind)
		got, errs := Read(string(kind)+".csv", data, kind, c)
		if errs != nil {
			t.Fatalf("%s: reading the export back:\n%v", kind, errs)
		}
		sameRecords(t, string(kind)+".csv", got, records(c, kind))
	}
}

func TestRoundTripXLSX(t *testing.T) {
	c := loadSample(t)
	data, err := XLSX(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range catalog.Kinds {
		got, errs := Read("catalog.xlsx", data, kind, c)
		if errs != nil {
			t.Fatalf("%s: reading the export back:\n%v", kind, errs)
		}
		sameRecords(t, "catalog.xlsx "+string(kind), got, records(c, kind))
	}
}

// TestExportsDeterministic builds each export several times: map order and
// clocks must not reach the bytes.
func TestExportsDeterministic(t *testing.T) {
	c := loadSample(t)
	first, err := XLSX(c)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		again, err := XLSX(c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("XLSX run %d differs from run 0", i+1)
		}
		for _, kind := range catalog.Kinds {
			if !bytes.Equal(CSV(c, kind), CSV(c, kind)) {
				t.Fatalf("CSV(%s) differs between runs", kind)
			}
		}
	}
}

// TestXLSXStamps checks that every time in the workbook is the
// publication date: zip entries and document properties.
func TestXLSXStamps(t *testing.T) {
	c := loadSample(t)
	data, err := XLSX(c)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2018, 12, 28, 0, 0, 0, 0, time.UTC)
	for _, f := range z.File {
		if !f.Modified.Equal(want) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, want)
		}
		if f.Name == "docProps/core.xml" {
			rc, _ := f.Open()
			core, _ := io.ReadAll(rc)
			rc.Close()
			for _, s := range []string{"2018-12-28T00:00:00Z", c.Site.Publisher} {
				if !strings.Contains(string(core), s) {
					t.Errorf("docProps/core.xml lacks %q:\n%s", s, core)
				}
			}
			if strings.Contains(string(core), "2006-09-16") {
				t.Errorf("docProps/core.xml keeps excelize's default date:\n%s", core)
			}
		}
	}
}

func TestCSVShape(t *testing.T) {
	c := loadSample(t)
	data := CSV(c, catalog.Cancelled)
	if !bytes.HasPrefix(data, []byte("\uFEFF编号,证明名称,别名,使用单位,开具单位,设定依据,证明用途,取消理由,取消后办理方式,取消时间,公布文号,备注,更新时间\r\n")) {
		t.Errorf("header row:\n%q", data[:min(len(data), 200)])
	}
	const row = "qinshu-guanxi-toukao-luohu,亲属关系证明（投靠亲属落户）,亲属证明；家庭关系证明,诸城市公安局,派出所（申请人户口所在地）,,投靠亲属落户,可通过数据共享查证,"
	if !bytes.Contains(data, []byte("\r\n"+row)) {
		t.Errorf("no row starting %q", row)
	}
}
