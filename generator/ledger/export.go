package ledger

import (
	"bytes"
	"encoding/csv"

	"jianzheng/generator/catalog"
)

// CSV exports kind's records as open data: UTF-8 with a byte-order mark
// (without one, Excel on a Chinese Windows reads UTF-8 as GBK) and CRLF
// line ends, one header row of the names Read accepts first, then one row
// per record in id order. A cell a spreadsheet would run as a formula
// ("=…", "+…", "@…") starts with "'" (see formula.go). Read reads it back
// to the same records.
func CSV(c *catalog.Catalog, kind catalog.Kind) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(headerRow(kind)) // a bytes.Buffer never fails
	for _, r := range records(c, kind) {
		row := make([]string, len(schemas[kind]))
		for i, col := range schemas[kind] {
			row[i] = csvCell(exportValue(c, r, col.field))
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

func headerRow(kind catalog.Kind) []string {
	var h []string
	for _, col := range schemas[kind] {
		h = append(h, col.names[0])
	}
	return h
}

// records is kind's records, in the catalog's order (by id).
func records(c *catalog.Catalog, kind catalog.Kind) []*catalog.Record {
	var out []*catalog.Record
	for _, r := range c.Records {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// exportValue is how a field's value is written in a ledger: references
// by the names people read, enums in Chinese, lists joined with "；".
func exportValue(c *catalog.Catalog, r *catalog.Record, f *catalog.Field) string {
	switch {
	case f.Key == "ground":
		return groundNames[r.Ground]
	case f.Key == "status":
		return statusNames[r.State]
	case f.Ref == catalog.RefDepartment:
		if d := c.Department(f.Text(r)); d != nil {
			return d.Name
		}
		return f.Text(r)
	case f.Ref == catalog.RefPolicy && f.Type == catalog.TypeList:
		var numbers []string
		for _, id := range f.List(r) {
			numbers = append(numbers, policyNumber(c, id))
		}
		return joinList(numbers)
	case f.Ref == catalog.RefPolicy:
		if id := f.Text(r); id != "" {
			return policyNumber(c, id)
		}
		return ""
	case f.Type == catalog.TypeList:
		return joinList(f.List(r))
	}
	return f.Text(r)
}

func policyNumber(c *catalog.Catalog, id string) string {
	if p := c.Policy(id); p != nil {
		return p.Number
	}
	return id
}
