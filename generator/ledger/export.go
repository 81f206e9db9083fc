package ledger

import (
	"bytes"
	"encoding/csv"

	"jianzheng/generator/catalog"
)

// CSV exports kind's records as open data: UTF-8 with a byte-order mark
// (without one, Excel on a Chinese Windows reads UTF-8 as GBK) and CRLF
// line ends, one header row of the names Read accepts first, then one row
// per record in id order. Read reads it back to the same records.
func CSV(c *catalog.Catalog, kind catalog.Kind) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(headerRow(kind)) // a bytes.Buffer never fails
	for _, r := range records(c, kind) {
		row := make([]string, len(schemas[kind]))
		for i, col := range schemas[kind] {
			row[i] = exportValue(c, r, col.key)
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

// exportValue is how a key's value is written in a ledger: references by
// the names people read, enums in Chinese, lists joined with "；".
func exportValue(c *catalog.Catalog, r *catalog.Record, key string) string {
	switch key {
	case "id":
		return r.ID
	case "name":
		return r.Name
	case "aliases":
		return joinList(r.Aliases)
	case "department":
		if d := c.Department(r.Department); d != nil {
			return d.Name
		}
		return r.Department
	case "basis":
		return r.Basis
	case "used_for":
		return joinList(r.UsedFor)
	case "policies":
		var numbers []string
		for _, id := range r.Policies {
			numbers = append(numbers, policyNumber(c, id))
		}
		return joinList(numbers)
	case "notes":
		return r.Notes
	case "updated":
		return r.Updated.String()
	case "issuer":
		return r.Issuer
	case "ground":
		return groundNames[r.Ground]
	case "instead":
		return r.Instead
	case "cancelled_on":
		return r.CancelledOn.String()
	case "purpose":
		return r.Purpose
	case "status":
		return statusNames[r.Status]
	case "retention_reason":
		return r.RetentionReason
	case "removed_on":
		return r.RemovedOn.String()
	case "removed_by":
		if r.RemovedBy == "" {
			return ""
		}
		return policyNumber(c, r.RemovedBy)
	case "audience":
		return r.Audience
	case "fee":
		return r.Fee
	case "frequency":
		return r.Frequency
	case "duration":
		return r.Duration
	case "subject":
		return r.Subject
	case "cycle":
		return r.Cycle
	case "window":
		return r.Window
	}
	panic("ledger: no export for key " + key) // a schema and this switch disagree
}

func policyNumber(c *catalog.Catalog, id string) string {
	if p := c.Policy(id); p != nil {
		return p.Number
	}
	return id
}

// dateKeys are written as date cells in workbooks.
var dateKeys = map[string]func(*catalog.Record) catalog.Date{
	"cancelled_on": func(r *catalog.Record) catalog.Date { return r.CancelledOn },
	"removed_on":   func(r *catalog.Record) catalog.Date { return r.RemovedOn },
	"updated":      func(r *catalog.Record) catalog.Date { return r.Updated },
}
