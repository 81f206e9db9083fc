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

var tooManyRecords = fmt.Sprintf("清单超过 %d 条事项，一次生成最多处理这么多：请拆成几份清单", MaxRecords)

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
				return s.line, s.col, fmt.Sprintf("列表或表嵌套超过 %d 层：清单最多只需要 3 层", MaxNesting)
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case '.':
			dots++
			if dots > MaxDots {
				return s.line, s.col, fmt.Sprintf("一行里有超过 %d 个点：清单的键只有一段，如 name = \"…\"", MaxDots)
			}
		case '\n':
			dots = 0
		}
		s.advance()
	}
	return 0, 0, ""
}

func longString(n int) string {
	return fmt.Sprintf("这段文字长 %d KB，一个值最多 %d KB：请缩短，或把长文发在别处再链接过去", (n+1023)>>10, MaxString>>10)
}
