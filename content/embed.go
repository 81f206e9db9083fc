// Package content embeds the sample catalog, the 诸城 catalog shaped by
// the seed article, so that `generator build` outside a content folder
// still builds a complete example site. A content/ folder on disk, or
// -content DIR, is read instead when present.
package content

import "embed"

// FS is the sample catalog in the layout package catalog reads, with
// the editors' guide (编辑指南.md), which init copies.
//
//go:embed *.toml *.md cancelled village training inspection
var FS embed.FS
