package catalog

import (
	"bytes"
	"sync"
)

// A Loader loads the same catalog again and again, as the preview does
// after every save. It remembers each file's bytes and what they parsed
// to, and parses again only the files whose bytes changed: at 10,000
// records parsing is most of the time Load takes, and an editor changes
// one file at a time. Everything after parsing (reading the tables,
// checking ids and references across files) runs on every Load, so the
// result and the errors are exactly those of catalog.Load.
//
// The zero Loader is ready to use. It holds the parsed files of the last
// Load in memory; one Load runs at a time.
type Loader struct {
	mu    sync.Mutex
	files map[string]*parsed // by path
}

// parsed is one file as read and parsed: its document, or the error that
// kept it from parsing. Documents are only read once parsed, so a Load
// may share them with the previous one.
type parsed struct {
	data []byte // nil if the file could not be read
	doc  *doc
	err  *Error
}

// parseFile reads and parses one file, reusing the previous Load's
// document when the bytes are the same. It runs in a worker goroutine.
func (l *loader) parseFile(name string) *parsed {
	data, err := read(l.fsys, name)
	if err != nil {
		return &parsed{err: err} // not kept: reading again costs nothing
	}
	if old := l.cache[name]; old != nil && bytes.Equal(old.data, data) {
		return old
	}
	d, err := safeParse(name, data)
	return &parsed{data: data, doc: d, err: err}
}
