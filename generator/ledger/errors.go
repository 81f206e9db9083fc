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

// didYouMean returns ` (did you mean "x"?)` for the closest candidate
// within a small edit distance, or "". It mirrors catalog's suggestion, so
// messages from the two packages read alike.
func didYouMean(s string, candidates []string) string {
	limit := max(1, min(3, len([]rune(s))/2))
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
