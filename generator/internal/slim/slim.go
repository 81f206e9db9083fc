// Package slim trims the scripts and stylesheets the site publishes to
// what a visitor's browser needs: their comments and layout are for
// whoever edits them, and every visitor would download them with every
// first page (the page-weight budgets). It removes whole lines only,
// and from JavaScript a trailing comment after code with no quote,
// backtick or slash before it, so it is safe for sources that keep no
// string, template literal or comment across lines — which the project's
// scripts do not (search's TestEngineFiles checks the engine's).
package slim

import "strings"

// JS drops comment-only lines (// … and /* … */ blocks that start and
// end a line), blank lines, indentation and trailing " // comments".
func JS(src []byte) []byte { return lines(src, true) }

// CSS drops comment-only lines (/* … */ blocks that start and end a
// line), blank lines and indentation; a comment after a rule stays.
func CSS(src []byte) []byte { return lines(src, false) }

func lines(src []byte, js bool) []byte {
	var b strings.Builder
	block := false
	for _, line := range strings.SplitAfter(string(src), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case block:
			block = !strings.HasSuffix(t, "*/")
		case strings.HasPrefix(t, "/*"):
			block = !strings.HasSuffix(t, "*/")
		case t == "" || js && strings.HasPrefix(t, "//"):
		default:
			if i := strings.Index(t, " //"); js && i > 0 && !strings.ContainsAny(t[:i], "\"'`/") {
				t = strings.TrimSpace(t[:i])
			}
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}
