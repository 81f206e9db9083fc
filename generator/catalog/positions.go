package catalog

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml reports positions for syntax errors only: its MetaData
// keeps one position per key path, and every [[proof]] shares the path
// "proof.name". So the catalog, once a file has parsed, scans the source a
// second time and records where each key, value and array element is
// written. Paths join segments with pathSep; array-of-table elements and
// array items add their index as a segment ("proof␟3␟name").

const pathSep = "\x1f"

func keyPath(parts ...string) string { return strings.Join(parts, pathSep) }

// pos is where a key (Line, Col) and its value (ValLine, ValCol) start.
type pos struct{ Line, Col, ValLine, ValCol int }

type positions map[string]pos

// scanPositions indexes a source that BurntSushi/toml has already accepted,
// so it can be lenient about anything malformed.
func scanPositions(src string) positions {
	s := &tomlScanner{src: src, line: 1, col: 1}
	idx := positions{}
	counts := map[string]int{} // array-of-tables path → elements seen
	var table []string
	for {
		s.skipBlank(true)
		if s.eof() {
			return idx
		}
		line, col := s.line, s.col
		if s.peek() == '[' {
			double := strings.HasPrefix(s.src[s.i:], "[[")
			s.advance()
			if double {
				s.advance()
			}
			keys, _ := s.keys()
			table = resolveTable(keys, double, counts)
			// Each prefix too, so that a message about the table as a
			// whole ("unknown table") points at its first header.
			for i := 1; i <= len(table); i++ {
				idx.put(keyPath(table[:i]...), pos{line, col, line, col})
			}
			s.skipLine()
			continue
		}
		keys, kpos := s.keys()
		if s.peek() != '=' { // not TOML after all; give up quietly
			return idx
		}
		s.advance()
		s.skipBlank(false)
		val := pos{ValLine: s.line, ValCol: s.col}
		for i := range keys {
			p := val
			p.Line, p.Col = kpos[i].Line, kpos[i].Col
			idx.put(keyPath(append(append([]string{}, table...), keys[:i+1]...)...), p)
		}
		s.value(idx, keyPath(append(append([]string{}, table...), keys...)...))
	}
}

func (idx positions) put(path string, p pos) {
	if _, ok := idx[path]; !ok {
		idx[path] = p
	}
}

// resolveTable turns a header's keys into a path, inserting the current
// element index after every array of tables it passes through.
func resolveTable(keys []string, double bool, counts map[string]int) []string {
	var path []string
	for i, k := range keys {
		path = append(path, k)
		last := i == len(keys)-1
		if last && double {
			p := keyPath(path...)
			n := counts[p]
			counts[p] = n + 1
			path = append(path, strconv.Itoa(n))
		} else if n, ok := counts[keyPath(path...)]; ok {
			path = append(path, strconv.Itoa(n-1))
		}
	}
	return path
}

type tomlScanner struct {
	src       string
	i         int
	line, col int
}

func (s *tomlScanner) eof() bool { return s.i >= len(s.src) }

func (s *tomlScanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *tomlScanner) advance() {
	if s.eof() {
		return
	}
	r, n := utf8.DecodeRuneInString(s.src[s.i:])
	s.i += n
	if r == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
}

// skipBlank skips spaces, tabs, comments and, if newlines, line ends.
func (s *tomlScanner) skipBlank(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && newlines:
			s.advance()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *tomlScanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		if c := s.peek(); c == '"' || c == '\'' {
			s.str()
			continue
		}
		s.advance()
	}
}

// keys reads a dotted key up to '=' or ']' and the position of each part.
func (s *tomlScanner) keys() ([]string, []pos) {
	var keys []string
	var at []pos
	for !s.eof() {
		s.skipBlank(false)
		p := pos{Line: s.line, Col: s.col}
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			keys, at = append(keys, s.str()), append(at, p)
		case isBareKeyByte(c):
			start := s.i
			for !s.eof() && isBareKeyByte(s.peek()) {
				s.advance()
			}
			keys, at = append(keys, s.src[start:s.i]), append(at, p)
		default:
			return keys, at
		}
		s.skipBlank(false)
		if s.peek() != '.' {
			return keys, at
		}
		s.advance()
	}
	return keys, at
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// str reads a basic, literal or multi-line string and returns its raw text
// (escapes are left alone: only keys, which are rarely quoted, use it).
// It finds the end by bytes and then moves the position in one step: the
// scanner runs over every file and strings are most of a catalog.
func (s *tomlScanner) str() string {
	q := s.src[s.i]
	delim := s.src[s.i : s.i+1]
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(delim, 3)) {
		delim = s.src[s.i : s.i+3]
	}
	start := s.i + len(delim)
	j := start
	for j < len(s.src) {
		c := s.src[j]
		switch {
		case q == '"' && c == '\\':
			j += 2
			continue
		case c == '\n' && len(delim) == 1:
			s.moveTo(j)
			return s.src[start:j]
		case c == q && strings.HasPrefix(s.src[j:], delim):
			end := j
			j += len(delim)
			for len(delim) == 3 && j < len(s.src) && s.src[j] == q { // """a"""" ends with a quote
				j++
				end++
			}
			s.moveTo(j)
			return s.src[start:end]
		}
		j++
	}
	s.moveTo(len(s.src))
	return s.src[start:]
}

// moveTo advances to byte offset j, counting lines and characters.
func (s *tomlScanner) moveTo(j int) {
	j = min(j, len(s.src))
	seg := s.src[s.i:j]
	if nl := strings.Count(seg, "\n"); nl > 0 {
		s.line += nl
		s.col = utf8.RuneCountInString(seg[strings.LastIndexByte(seg, '\n')+1:]) + 1
	} else {
		s.col += utf8.RuneCountInString(seg)
	}
	s.i = j
}

// value skips one value, recording the position of each array item.
func (s *tomlScanner) value(idx positions, path string) {
	switch c := s.peek(); c {
	case '"', '\'':
		s.str()
	case '[':
		s.advance()
		for n := 0; ; n++ {
			s.skipBlank(true)
			if s.eof() || s.peek() == ']' {
				s.advance()
				return
			}
			item := keyPath(path, strconv.Itoa(n))
			idx.put(item, pos{s.line, s.col, s.line, s.col})
			s.value(idx, item)
			s.skipBlank(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	case '{':
		s.advance()
		for {
			s.skipBlank(true)
			if s.eof() || s.peek() == '}' {
				s.advance()
				return
			}
			keys, kpos := s.keys()
			if s.peek() != '=' {
				s.skipLine()
				return
			}
			s.advance()
			s.skipBlank(false)
			val := pos{ValLine: s.line, ValCol: s.col}
			for i := range keys {
				p := val
				p.Line, p.Col = kpos[i].Line, kpos[i].Col
				idx.put(keyPath(path, keyPath(keys[:i+1]...)), p)
			}
			s.value(idx, keyPath(path, keyPath(keys...)))
			s.skipBlank(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	default: // number, date, boolean: up to a delimiter
		for !s.eof() {
			c := s.peek()
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '#' || c == '\r' {
				return
			}
			s.advance()
		}
	}
}
