package search

import (
	"bytes"
	"embed"
	"io/fs"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"jianzheng/generator/internal/slim"
)

// engineFiles are the scripts of js/ in the order Engine joins them. Each
// is a classic script declaring one variable named after it, and may use
// only the files before it (TestEngineFiles):
//
//	load.js      loading the index's files (one script element each)
//	analysis.js  text to terms, as analysis.go
//	codes.js     which file holds a term; strings of numbers
//	query.js     a query's text to a plan of words and alternatives, as query.go
//	reading.js   a query read as pinyin, as reading.go
//	needs.js     a query read as needs (filler dropped, known words cut out), as needs.go
//	store.js     the export format: manifest, shards, postings, records
//	score.js     the query tree and bleve's arithmetic, as bquery.go
//	engine.js    the engine's API: open(base), then search(q, k, filter)
//	ui.js        the search page, on that API alone
//	start.js     defines window.JZSearch and starts the page
var engineFiles = []string{
	"load.js", "analysis.js", "codes.js", "query.js", "reading.js", "needs.js", "store.js",
	"score.js", "engine.js", "ui.js", "start.js",
}

//go:embed js/*.js
var engineFS embed.FS

var engineJS = minifyJS(joinEngine(engineFS, engineHead, engineFiles))

// bootFiles are the scripts of js/ that manifest.js begins with, in
// order (boot.js: the search page's head start), under the same rules.
var bootFiles = []string{"codes.js", "boot.js"}

// bootJS is what manifest.js begins with: the joined bootFiles, ended so
// that the manifest's register call follows as a statement of its own.
var bootJS = append(minifyJS(joinEngine(engineFS, bootHead, bootFiles)), ";\n"...)

// minifyJS shortens the joined engine with tdewolff/minify (the minifier
// Hugo uses): it renames local names and drops what a browser does not
// need, which slim, working on whole lines, cannot; the search page's
// budget (TestPageWeight) is mostly this file. The output is
// deterministic, and TestParity runs it, not the sources. A failure is a
// mistake in js/, caught by every test.
func minifyJS(src []byte) []byte {
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	out, err := m.Bytes("application/javascript", src)
	if err != nil {
		panic("search: minifying the engine: " + err.Error())
	}
	return out
}

// engineHead and engineTail wrap the joined files in one function, so
// that their variables stay out of the page, and whose parameter module
// is undefined whatever the page holds; forBrowser has already resolved
// each file's node-only lines. The head names the folder of the sources
// and a line before each file's code names the file ("// ---- js/ui.js";
// the head once listed them all too, bytes the search page's budget now
// spends on life events), so that nobody edits the published file: it is one classic script with no
// dependencies, for file:// and a strict CSP (no modules, no eval, no
// inline styles), whose one global is window.JZSearch (start.js).
const (
	engineHead = "/*! search.js, joined from generator/search/js: edit those. */\n(function (module) {\n\"use strict\";\n"
	bootHead   = "(function (module) {\n" // manifest.js: each byte counts in every first search
	engineTail = "})();\n"
)

// joinEngine joins the code of the named files of fsys's js/ into one
// script that begins with head. A missing file is a mistake in
// engineFiles or bootFiles, caught by every test.
func joinEngine(fsys fs.FS, head string, names []string) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, "js/"+name)
		if err != nil {
			panic("search: engine script missing: " + err.Error())
		}
		b.WriteString("\n// ---- js/" + name + "\n")
		b.Write(forBrowser(slim.JS(data)))
	}
	b.WriteString(engineTail)
	return b.Bytes()
}

// Engine is the browser engine, the file Export writes at EnginePath: the
// scripts of js/ joined in the order of engineFiles. It does not depend
// on the index, so pages that link to it can be rendered while the index
// is still being built.
func Engine() []byte { return engineJS }

// nodeExport and nodeRequire are the two ways a script of js/ speaks to
// node: its last line exports its value, and it takes the values of the
// scripts before it from require. In the joined engine module is always
// undefined, so forBrowser drops the one and keeps the browser's side of
// the other, as the function would choose at run time. It also drops
// each script's own "use strict": engineHead's covers them all, and the
// bytes count against the search page's budget (TestPageWeight).
var (
	nodeExport  = regexp.MustCompile(`(?m)^if \(typeof module === "object"\) module\.exports = \w+;\n`)
	nodeRequire = regexp.MustCompile(`typeof module === "object" \? require\("\./\w+\.js"\) : (\w+)`)
	ownStrict   = regexp.MustCompile(`(?m)^"use strict";\n`)
)

func forBrowser(src []byte) []byte {
	src = ownStrict.ReplaceAll(src, nil)
	return nodeRequire.ReplaceAll(nodeExport.ReplaceAll(src, nil), []byte("$1"))
}
