// Package templates embeds the default templates and assets, so that an
// installed generator works in any folder. A templates/ folder on disk,
// when present, replaces them whole (see generator/main.go).
package templates

import "embed"

// FS holds layout.html, the page templates, strings.toml and assets/.
//
//go:embed *.html strings.toml assets
var FS embed.FS
