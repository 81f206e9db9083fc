package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in the content, at a position in a file.
// Path is slash-separated and relative to the content folder; Line and
// Col count from 1 (Col in characters, as an editor shows them).
type Error struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// ErrorList collects every problem in a catalog, in the manner of
// go/scanner.ErrorList: sorted by path, line and column, printed one per line.
type ErrorList []*Error

// Add appends a problem at path:line:col.
func (l *ErrorList) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return a.Msg < b.Msg
}

// Sort orders the list by position and drops exact duplicates.
func (l *ErrorList) Sort() {
	sort.Sort(*l)
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && *e == *(*l)[i-1] {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// MaxErrorLines is how many problems Error prints. Past that many, the
// rest are mostly one mistake repeated (800,000 empty records once made
// 1.75 million lines, 220 MB, on the terminal); one line counts them.
const MaxErrorLines = 1000

// Error prints the problems one per line, at most MaxErrorLines of
// them, then a line "and N more …".
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l[:min(len(l), MaxErrorLines)] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if n := len(l) - MaxErrorLines; n > 0 {
		fmt.Fprintf(&b, "\n另有 %d 个问题：先改正上面的，再运行一次就能看到其余的", n)
	}
	return b.String()
}

// Err returns nil for an empty list and the sorted list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
