package ledger

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
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
		return nil, cannotRead(name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, cannotRead(name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s 是%s，不是普通文件：台账要是一个 .xlsx 或 .csv 文件", name, fileType(fi.Mode().Type()))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, cannotRead(name, err)
	}
	if len(data) > MaxFileSize {
		return nil, errors.New(tooBig(name))
	}
	return data, nil
}

// cannotRead says in plain words why the ledger file name could not be
// read.
func cannotRead(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s：没有这个文件：请检查文件名和它所在的文件夹", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s：没有读这个文件的权限：请让管理电脑的同事开放权限，或把文件复制到自己的文件夹里", name)
	}
	return fmt.Errorf("%s：读不了这个文件（%v）", name, err)
}

// fileType names a type of file that is not an ordinary one.
func fileType(t fs.FileMode) string {
	switch {
	case t.IsDir():
		return "文件夹"
	case t&fs.ModeNamedPipe != 0:
		return "命名管道（FIFO）"
	case t&fs.ModeDevice != 0:
		return "设备文件"
	case t&fs.ModeSocket != 0:
		return "套接字"
	}
	return "特殊文件"
}

// tooBig refuses a file larger than MaxFileSize; name, if not "", starts
// the message.
func tooBig(name string) string {
	msg := fmt.Sprintf("文件大于 %d MB，一份台账最大只能这么大：请拆成几个文件", MaxFileSize>>20)
	if name != "" {
		msg = name + "：" + msg
	}
	return msg
}
