// Package history keeps the record of publications: what each build
// changed against the publication before it. The record travels with the
// site itself, in data/manifest.json, so that any copy of a published site
// is enough to continue its history.
//
// # The manifest
//
//	{
//	  "format": 1,
//	  "publications": [ newest first: {date, policies, count, added, removed, status, changed} ],
//	  "baseline": { id: entry },   the catalog as the publication before the newest one left it
//	  "current":  { id: entry }    the catalog as the newest publication left it
//	}
//
// An entry holds a record's kind, name and status and a short hash of
// each of its fields, enough to say which fields changed without keeping
// a second copy of the catalog.
//
// # Publications
//
// A publication is named by site.updated. A build whose date is that of the
// newest publication replaces it, comparing with the baseline again, so
// rebuilding while editing neither piles up publications nor changes the
// output of an unchanged catalog. A build with a later date starts a new
// publication whose baseline is the newest one's state.
package history

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"jianzheng/generator/catalog"
)

// FormatVersion is the manifest format this package reads and writes.
const FormatVersion = 1

// Manifest is data/manifest.json.
type Manifest struct {
	Format       int            `json:"format"`
	Publications []*Publication `json:"publications"`
	Baseline     Snapshot       `json:"baseline"`
	Current      Snapshot       `json:"current"`
}

// Snapshot is the state of a catalog: entries by record id.
type Snapshot map[string]Entry

// Entry is one record as a snapshot keeps it.
type Entry struct {
	Kind   string            `json:"kind"`
	Name   string            `json:"name"`
	Status string            `json:"status"`
	Fields map[string]string `json:"fields"` // key → hash of the value
}

// Publication is what one publication changed.
type Publication struct {
	Date     string   `json:"date"`
	Policies []string `json:"policies,omitempty"` // ids of the policies behind the changes
	Count    int      `json:"count"`              // records in the catalog
	First    bool     `json:"first,omitempty"`    // no publication before it
	Added    []Item   `json:"added,omitempty"`
	Removed  []Item   `json:"removed,omitempty"` // gone from the content (allowed by the editor)
	Status   []Item   `json:"status,omitempty"`  // status changes, e.g. retained → removed
	Changed  []Item   `json:"changed,omitempty"` // other fields changed
}

// Empty reports whether the publication changed no record.
func (p *Publication) Empty() bool {
	return len(p.Added)+len(p.Removed)+len(p.Status)+len(p.Changed) == 0
}

// Item is one record in a list of changes.
type Item struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	From   string   `json:"from,omitempty"` // status before
	To     string   `json:"to,omitempty"`   // status after
	Fields []string `json:"fields,omitempty"`
}

// Read parses a manifest, refusing one of another format version.
func Read(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading the previous publication's manifest: %v", err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("the previous publication's manifest has format %d; this generator reads format %d", m.Format, FormatVersion)
	}
	return &m, nil
}

// JSON is the manifest as published: indented, keys in a fixed order.
func (m *Manifest) JSON() []byte {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		panic(err) // only plain strings, ints and maps: cannot fail
	}
	return append(b, '\n')
}

// Take snapshots the catalog.
func Take(c *catalog.Catalog) Snapshot {
	s := Snapshot{}
	for _, r := range c.Records {
		status := r.Status
		if r.Kind == catalog.Cancelled {
			status = "cancelled"
		}
		fields := map[string]string{}
		for key, value := range recordFields(r) {
			if value != "" {
				fields[key] = hash(value)
			}
		}
		s[r.ID] = Entry{Kind: string(r.Kind), Name: r.Name, Status: status, Fields: fields}
	}
	return s
}

// recordFields lists a record's fields as text, by content-format key.
func recordFields(r *catalog.Record) map[string]string {
	return map[string]string{
		"name": r.Name, "aliases": strings.Join(r.Aliases, "\x00"), "department": r.Department,
		"basis": r.Basis, "policies": strings.Join(r.Policies, "\x00"), "used_for": strings.Join(r.UsedFor, "\x00"),
		"notes": r.Notes, "updated": r.Updated.String(), "issuer": r.Issuer, "ground": r.Ground,
		"instead": r.Instead, "cancelled_on": r.CancelledOn.String(), "status": r.Status,
		"retention_reason": r.RetentionReason, "removed_on": r.RemovedOn.String(), "removed_by": r.RemovedBy,
		"purpose": r.Purpose, "audience": r.Audience, "fee": r.Fee, "frequency": r.Frequency,
		"duration": r.Duration, "subject": r.Subject, "cycle": r.Cycle, "window": r.Window,
	}
}

func hash(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())
}

func sortItems(items []Item) {
	sort.Slice(items, func(i, j int) bool {
		if items[i].Kind != items[j].Kind {
			return kindOrder(items[i].Kind) < kindOrder(items[j].Kind)
		}
		return items[i].ID < items[j].ID
	})
}

func kindOrder(k string) int {
	for i, kind := range catalog.Kinds {
		if string(kind) == k {
			return i
		}
	}
	return len(catalog.Kinds)
}
