package catalog

import (
	"bytes"
	"slices"
	"sync"
)

// A Loader loads the same catalog again and again, as the preview does
// after every save. It remembers each file's bytes, what they parsed to
// and the records read from them, and parses and reads again only the
// files whose bytes changed: at 10,000 records that is most of the time
// Load takes, and an editor changes one file at a time. The checks
// across files (ids, references, dates) run on every Load, so the result
// and the errors are exactly those of catalog.Load. Records of unchanged
// files are the same *Record values as in the previous Load's catalog.
//
// The zero Loader is ready to use. It holds the parsed files of the last
// Load in memory; one Load runs at a time.
type Loader struct {
	mu    sync.Mutex
	files map[string]*parsed // by path
}

// parsed is one file as read and parsed: its document, or the error that
// kept it from parsing; and for a file of records, once read, its
// records and the problems found in them alone. Nothing here changes once
// made, so a Load may share it with the previous one.
type parsed struct {
	data []byte // nil if the file could not be read
	doc  *doc
	err  ErrorList // the file's encoding or syntax errors

	read bool      // recs and errs are set
	recs []decoded // the file's records
	errs ErrorList // their problems that concern this file alone
}

// parseFile reads and parses one file, reusing the previous Load's
// document when the bytes are the same. It runs in a worker goroutine.
func (l *loader) parseFile(name string) *parsed {
	data, err := read(l.fsys, name)
	if err != nil {
		return &parsed{err: ErrorList{err}} // not kept: reading again costs nothing
	}
	if old := l.cache[name]; old != nil && bytes.Equal(old.data, data) {
		return old
	}
	d, errs := parse(name, data)
	return &parsed{data: data, doc: d, err: errs}
}

// loadFileRecords reads the records of one parsed file, or takes those
// read from the same bytes by the previous Load. Only the limit on
// records in the whole catalog depends on other files; a file that could
// reach it is read afresh, and its records are not kept.
func (l *loader) loadFileRecords(p *parsed, kind Kind) {
	if p.read && len(l.c.Records)+len(p.recs) < MaxRecords {
		for _, d := range p.recs {
			d.t.errs = &l.errs // the checks across files report through the table
			l.c.Records = append(l.c.Records, d.v.(*Record))
		}
		l.recs = append(l.recs, p.recs...)
		l.errs = append(l.errs, p.errs...)
		return
	}
	recs, errs := len(l.recs), len(l.errs)
	l.loadRecords(p.doc, kind)
	if len(l.c.Records) < MaxRecords {
		p.read = true
		p.recs = slices.Clone(l.recs[recs:])
		p.errs = slices.Clone(l.errs[errs:])
	}
}
