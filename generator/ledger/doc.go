// Package ledger moves catalog records between the content format and the
// editorial office's 台账 (ledger) spreadsheets, and exports the published
// catalog as open data.
//
//   - [Read] maps an .xlsx or .csv ledger of one kind onto records,
//     reporting every cell it cannot map as "FILE:ROW:COL: message".
//   - [TOML] writes records as a content file (content-format.md).
//   - [CSV] and [XLSX] export the catalog with the same columns [Read]
//     accepts, so that an export read back yields the same records.
//
// The office is trusted (as content authors are, see package catalog), but
// its spreadsheets are typed by many hands: the reader is lenient about
// layout and strict about meaning.
//
// # Sheets and encodings
//
// A .csv file is UTF-8, with or without a byte-order mark, or GB18030 (what
// Excel and WPS save as "CSV" on a Chinese Windows): bytes that are valid
// UTF-8 are read as UTF-8, anything else as GB18030. Cells may span lines.
//
// In an .xlsx workbook, the sheet named after the kind's list (below) is
// read; a workbook of one sheet is read whatever its name. Merged cells
// below the header (a department written once for a block of rows) count
// for every cell they cover. Date cells may be real Excel dates or text;
// cells are read as stored (a number without its display format).
//
// A sheet is read row by row as it is unpacked, and what one file may
// make the reader do is bounded (limits.go): its size, what a workbook
// unpacks to, rows, cells and the length of one cell. Cells right of the
// header's last named column are ignored, with a warning. A CSV cell
// that an export quoted against formulas ("'=…", see formula.go) is read
// without the quote; any other cell a spreadsheet would run as a formula
// is read as text, with a warning ([ReadWarn]).
//
// ROW is the row a spreadsheet program shows (for CSV, the record number,
// counting blank rows); COL is the column number, and messages also name it
// by letter and header ("column D 使用单位: …").
//
// # Header row
//
// The header is the first of the first ten rows to hold two or more known
// column names; a title row above it ("诸城市取消证明事项清单") is skipped. Spaces inside a
// name, a leading "*" or "★", full-width parentheses and a trailing
// parenthetical ("取消时间（年月日）") are ignored. 序号 is ignored. Any other
// unknown column is an error with a did-you-mean, and so is a column of
// another kind's list, a column given twice, and a missing required column
// (reported at the header row).
//
// The columns of each list, their order and the names each goes by are
// declared with the record's fields, in the catalog's schema
// (generator/catalog/schema.go): a field's Headers, which a kind may
// replace (the name and department columns lead with the list's own
// word: 证明名称 / 培训事项名称 / 年检事项名称, 使用单位 / 实施部门), and
// the kind's Columns. The first name is what exports write; the others
// are the variants offices use (取消时间 or 取消日期, 备注 or 说明). A
// name may serve two lists (取消时间 is a proof's cancelled_on and a
// certificate's removed_on) but never two columns of one list. A column
// left blank takes the content format's default (a certificate's issuer:
// 村(居)民委员会).
//
// # Cells
//
// Cells are trimmed. A blank row is skipped. Lists (aliases, used_for,
// policies) are split on "；" ";" and line breaks; a cell holding none of
// those is split on "、" "，" "," "/" as well. Departments are matched by
// name, id or alias, or by the name without its city prefix ("公安局" for
// 诸城市公安局) when that is unique. Policies are matched by 文号 (any of
// 〔〕 [] () 【】 as brackets) or id. Grounds accept the principle's
// Chinese name or the content format's value; statuses accept 保留 or
// retained, and 取消, 已取消, 移出, 已移出 or removed. Dates accept
// 2018-06-30, 2018/6/30, 2018.6.30, 2018年6月30日, 20180630 and Excel
// date serials, and must not lie after the publication date. Notes keep
// their line breaks; a note of several lines ends with one, as the
// multi-line strings of content files do.
//
// Each row is checked against what the content format requires of its
// kind: required keys, enums, references, removed items with a date and a
// policy, retained certificates with a basis or a reason.
//
// # Ids
//
// A row's 编号 is its id. It must match the content format's pattern and be
// unique in the sheet; an id that a record of the same kind in the catalog
// already has means the row updates that record (the caller replaces it),
// and one that a record of another kind has is an error. A row without an
// id gets a generated one, "cancelled-049": [IDFor] the kind and the next
// sequence number after the kind's records, skipping every id in the
// catalog and the sheet ([NextID]). Generated ids are stable for the same
// sheet and catalog; export and re-import keep them, since exports carry 编号.
//
// # Exports
//
// [CSV] writes one kind, UTF-8 with a byte-order mark and CRLF line ends
// (so Excel opens Chinese correctly); [XLSX] writes one sheet per kind,
// named after the list. Departments are written by name, policies by 文号,
// grounds and statuses in Chinese, lists joined with "；" (a single item
// that holds a secondary separator gets a trailing "；" so that it is read
// back whole). Both are byte-for-byte the same on every run; the workbook's
// document properties and zip entry times are the publication date.
package ledger
