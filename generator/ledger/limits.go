package ledger

import (
	"errors"
	"fmt"
	"io"
	"os"

	"jianzheng/generator/catalog"
)

// Limits on what one spreadsheet may make Read do. A ledger is a few
// thousand rows of a dozen columns; a hostile or broken file is not: a
// 17 KB workbook with cells at column XFD (the last, 16,384th) once made
// the reader fill 6 GB, and an 851 KB zip bomb 3 GB. So a file is read
// row by row, keeping only the columns up to the header's last one, and
// past any of these limits Read stops with an error that names it.
const (
	// MaxFileSize is the size of a ledger file, in bytes.
	MaxFileSize = 64 << 20
	// MaxUnzipped is what a workbook may unpack to in all, as its zip
	// directory says (archive/zip holds each part to its stated size).
	// The worksheet is read as it is unpacked; the shared strings, kept
	// in memory, may hold maxStrings bytes, and the workbook's small
	// parts (workbook.xml, its relationships) are read up to maxPart.
	MaxUnzipped = 256 << 20
	maxStrings  = 64 << 20
	maxPart     = 16 << 20
	// MaxRows is the number of non-blank rows of a sheet.
	MaxRows = 100_000
	// MaxColumns is the number of columns read: the header row and the
	// rows above it are read up to column IV; the rows below it up to
	// the header's last named column, and the cells right of that are
	// ignored (with one warning that counts them).
	MaxColumns = 256
	// MaxCells is the number of cells kept, rows times columns.
	MaxCells = 2_000_000
	// MaxCell is the size of one cell, in bytes, the longest string a
	// content file may hold.
	MaxCell = catalog.MaxString
)

// ReadFile reads a ledger file for Read: an ordinary file of at most
// MaxFileSize bytes.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not an ordinary file (%s): a ledger is an .xlsx or .csv file", name, fi.Mode().Type())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		err = errors.New(tooBig(name))
	}
	return data, err
}

func tooBig(name string) string {
	return fmt.Sprintf("%s: the file is larger than %d MB, the most a ledger may be: split it into several files", name, MaxFileSize>>20)
}
