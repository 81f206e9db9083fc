package ledger

import "jianzheng/generator/catalog"

// Error is one cell, row or header that could not be mapped: the
// catalog's positioned error, with Line the row and Col the column as a
// spreadsheet program counts them, so that both print FILE:ROW:COL: message.
type Error = catalog.Error

// Errors is every problem in one sheet, sorted by row and column.
type Errors = catalog.ErrorList

// colName is a column's letters: 1 → A, 27 → AA.
func colName(col int) string {
	var s []byte
	for ; col > 0; col = (col - 1) / 26 {
		s = append([]byte{byte('A' + (col-1)%26)}, s...)
	}
	return string(s)
}
