package catalog

import "fmt"

// Limits that keep one bad file from exhausting the machine. A catalog
// needs at most three levels of nesting ([[proof]] and a list of strings)
// and a key of one part; BurntSushi/toml takes time and memory that grow
// with the square of nesting depth and of dotted-key length (100,000
// nested tables: minutes and tens of GB). So the loader checks the shape
// of every file before decoding it.
//
// MaxString bounds what one value can do downstream: a 7 MB string once
// passed check and made a 29 MB page, a 7.3 MB search shard and 3 GB of
// memory. The longest text of the sample catalog (site.toml's about) is
// 2.3 KB. A string is measured as written, escapes and all, which is
// never shorter than its value, so that no long string is ever decoded.
const (
	MaxNesting = 32       // brackets and braces open at once
	MaxDots    = 64       // dots outside strings on one line
	MaxRecords = 250_000  // records in the whole catalog
	MaxString  = 64 << 10 // bytes in one string, as written between its quotes
)

var tooManyRecords = fmt.Sprintf("the catalog has more than %d records, the most one build handles; split it into several catalogs", MaxRecords)

// checkShape scans src for nesting and dotted keys beyond the limits,
// skipping strings and comments, and returns where it first found one.
func checkShape(src string) (line, col int, msg string) {
	s := &tomlScanner{src: src, line: 1, col: 1}
	depth, dots := 0, 0
	for !s.eof() {
		switch c := s.peek(); c {
		case '"', '\'':
			line, col := s.line, s.col
			if n := len(s.str()); n > MaxString {
				return line, col, longString(n)
			}
			continue
		case '#':
			s.skipBlank(false)
			continue
		case '[', '{':
			depth++
			if depth > MaxNesting {
				return s.line, s.col, fmt.Sprintf("lists or tables nested more than %d deep: a catalog needs at most 3", MaxNesting)
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case '.':
			dots++
			if dots > MaxDots {
				return s.line, s.col, fmt.Sprintf("more than %d dots in one line: keys in a catalog have one part, like name = \"…\"", MaxDots)
			}
		case '\n':
			dots = 0
		}
		s.advance()
	}
	return 0, 0, ""
}

func longString(n int) string {
	return fmt.Sprintf("this text is %d KB long; one value holds at most %d KB: shorten it, or publish the long text elsewhere and link to it", (n+1023)>>10, MaxString>>10)
}
