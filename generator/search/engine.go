package search

import (
	"bytes"
	"embed"
	"io/fs"
	"strings"
)

// engineFiles are the scripts of js/ in the order Engine joins them. Each
// is a classic script declaring one variable named after it, and may use
// only the files before it (TestEngineFiles):
//
//	load.js      loading the index's files (one script element each)
//	analysis.js  text to terms, as analysis.go
//	query.js     a query's text to a plan of words and alternatives, as query.go
//	reading.js   a query read as pinyin, as reading.go
//	store.js     the export format: manifest, shards, postings, records
//	score.js     the query tree and bleve's arithmetic, as bquery.go
//	engine.js    the engine's API: open(base), then search(q, k, filter)
//	ui.js        the search page, on that API alone
//	start.js     defines window.JZSearch and starts the page
var engineFiles = []string{
	"load.js", "analysis.js", "query.js", "reading.js", "store.js",
	"score.js", "engine.js", "ui.js", "start.js",
}

//go:embed js/*.js
var engineFS embed.FS

var engineJS = joinEngine(engineFS, engineFiles)

// engineHead and engineTail wrap the joined files in one function, so
// that their variables stay out of the page. Its parameter module is
// undefined whatever the page holds, so each file keeps its value to that
// function instead of exporting it as it does under node.
const (
	engineHead = `/* search.js: the offline search of the catalog site.
 *
 * Joined by generator/search (engine.go) from the scripts of
 * generator/search/js, in this order: %s.
 * Edit those, not this file. One classic script with no dependencies, for
 * file:// and a strict CSP: no modules, no eval, no inline styles. Its one
 * global is window.JZSearch (start.js).
 */
(function (module) {
"use strict";
`
	engineTail = "})();\n"
)

// joinEngine joins the code of the named files of fsys's js/ into the
// engine. A missing file is a mistake in engineFiles, caught by every test.
func joinEngine(fsys fs.FS, names []string) []byte {
	var b bytes.Buffer
	b.WriteString(strings.Replace(engineHead, "%s", strings.Join(names, ", "), 1))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, "js/"+name)
		if err != nil {
			panic("search: engine script missing: " + err.Error())
		}
		b.WriteString("\n// ---- js/" + name + "\n")
		b.Write(code(data))
	}
	b.WriteString(engineTail)
	return b.Bytes()
}

// Engine is the browser engine, the file Export writes at EnginePath: the
// scripts of js/ joined in the order of engineFiles. It does not depend
// on the index, so pages that link to it can be rendered while the index
// is still being built.
func Engine() []byte { return engineJS }

// code is src without the lines that hold only a comment: // lines, and
// /* … */ blocks that start and end a line. The scripts keep their
// comments for whoever changes them; a visitor downloads only the code,
// which keeps the first search within its budget (TestBudget). It is safe
// because no line of the scripts is inside a string or template literal
// (TestEngineFiles checks that there are none across lines).
func code(src []byte) []byte {
	var b bytes.Buffer
	block := false
	for _, line := range strings.SplitAfter(string(src), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case block:
			block = !strings.HasSuffix(t, "*/")
		case strings.HasPrefix(t, "/*"):
			block = !strings.HasSuffix(t, "*/")
		case strings.HasPrefix(t, "//"):
		default:
			b.WriteString(line)
		}
	}
	return b.Bytes()
}
