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
//	                  each item: {id, kind, name, from, to, fields, policies (its causes)}
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

// Counts says in one line what the publication changed, for the end of
// build's summary and of diff.
func (p *Publication) Counts() string {
	if p.First {
		return fmt.Sprintf("与上次公布相比：第一次公布，共 %d 条", p.Count)
	}
	if p.Empty() {
		return "与上次公布相比：没有事项改变"
	}
	return fmt.Sprintf("与上次公布相比：新增 %d 条，删除 %d 条，状态改变 %d 条，修改 %d 条",
		len(p.Added), len(p.Removed), len(p.Status), len(p.Changed))
}

// Item is one record in a list of changes.
type Item struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	From   string   `json:"from,omitempty"` // status before
	To     string   `json:"to,omitempty"`   // status after
	Fields []string `json:"fields,omitempty"`
	// Policies are the ids of the policies that caused the change: the
	// one that removed the item, and new ones it cites (issued after the
	// publication before).
	Policies []string `json:"policies,omitempty"`
}

// Read parses a manifest, refusing one of another format version.
func Read(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("读不了上次公布的记录（data/manifest.json）：%v", err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("上次公布的记录（data/manifest.json）是第 %d 版格式，本程序只读第 %d 版：请用生成它的那个版本的程序", m.Format, FormatVersion)
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
func Take(c *catalog.Catalog) Snapshot { return new(Taker).Take(c) }

// A Taker snapshots successive versions of one catalog, as the preview
// does after every save, and hashes only the records it has not seen in
// the version before: catalog.Loader keeps the same *catalog.Record for
// every record of a file that did not change. The zero Taker is ready to
// use; one Take runs at a time.
type Taker struct {
	seen map[*catalog.Record]Entry
}

// Take snapshots the catalog.
func (t *Taker) Take(c *catalog.Catalog) Snapshot {
	s := make(Snapshot, len(c.Records))
	seen := make(map[*catalog.Record]Entry, len(c.Records))
	for _, r := range c.Records {
		e, ok := t.seen[r]
		if !ok {
			e = entry(r)
		}
		s[r.ID], seen[r] = e, e
	}
	t.seen = seen // records gone from the catalog are forgotten
	return s
}

// entry is one record as a snapshot keeps it. Its Fields are shared by
// the snapshots of a Taker, and never changed.
func entry(r *catalog.Record) Entry {
	fields := map[string]string{}
	recordFields(r, func(key, value string) {
		if value != "" {
			fields[key] = hash(value)
		}
	})
	return Entry{Kind: string(r.Kind), Name: r.Name, Status: r.Status(), Fields: fields}
}

// recordFields gives each of a record's fields but its id to add as text,
// with its content-format key: every field of the catalog's schema, lists
// joined with NUL. (A function rather than a map: a build takes every
// record's snapshot, and so does the preview after every save.)
func recordFields(r *catalog.Record, add func(key, value string)) {
	for _, f := range catalog.Fields() {
		switch {
		case f.Key == "id":
		case f.Type == catalog.TypeList:
			add(f.Key, strings.Join(f.List(r), "\x00"))
		default:
			add(f.Key, f.Text(r))
		}
	}
}

// hash is the 64-bit FNV-1a hash of s in 16 hex digits.
func hash(s string) string {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = "0123456789abcdef"[h&15]
		h >>= 4
	}
	return string(b[:])
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
