package ledger

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one cell, row or header that could not be mapped. Row and Col
// count from 1, as a spreadsheet program shows them.
type Error struct {
	File     string
	Row, Col int
	Msg      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Row, e.Col, e.Msg)
}

// Errors is every problem in one sheet, sorted by row and column.
type Errors []*Error

func (l *Errors) add(file string, row, col int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Row: row, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by position and drops exact duplicates.
func (l *Errors) Sort() {
	sort.SliceStable(*l, func(i, j int) bool {
		a, b := (*l)[i], (*l)[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && *e == *(*l)[i-1] {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Error prints every problem, one per line.
func (l Errors) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list and the sorted list otherwise.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// colName is a column's letters: 1 → A, 27 → AA.
func colName(col int) string {
	var s []byte
	for ; col > 0; col = (col - 1) / 26 {
		s = append([]byte{byte('A' + (col-1)%26)}, s...)
	}
	return string(s)
}
