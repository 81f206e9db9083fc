// Package offline makes a built site readable without the network after
// the first visit (issue 13, item 4), over http and https: under file://
// the site already is. It owns two files at the site root:
//
//	sw.js         the service worker: var V="<version>"; then worker.js
//	offline.json  {"v": version, "bytes": total, "cap": Cap, "core": […], "files": […]}
//
// The version is the first 16 hex digits of the SHA-256 of every other
// file of the site (their paths, sizes and bytes, by path), so any change
// makes a new worker, a new cache ("jz-" + version) and the removal of the
// old one. core are the files the worker keeps from its install (the
// home and search pages, the assets, the index's manifest); files are what
// the home page's 离线使用 saves: core, every list page (an .html file at
// most one folder deep but a print page) and the whole search index; bytes
// is their size, uncompressed, and above Cap the home page offers no
// saving. Paths are from the site root. Same site, same bytes.
//
// The worker (worker.js) serves pages network first, and the files of the
// index's hashed folder and the assets (hashed names) cache first, and keeps the manifest of its own
// build; see the comment at its top for the update rules.
package offline

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

// Paths of the two files, and the most a reader may be asked to save.
const (
	WorkerPath = "sw.js"
	ListPath   = "offline.json"
	Cap        = 20 << 20 // bytes, uncompressed: the README names it
)

//go:embed worker.js
var workerJS []byte

// Digests collects what Files needs of each file of a site, in whatever
// order a build emits them: its size and SHA-256. Not safe for
// concurrent use.
type Digests map[string]digest

type digest struct {
	size int
	sum  [sha256.Size]byte
}

// Add records the files.
func (d Digests) Add(files map[string][]byte) {
	for p, data := range files {
		d[p] = digest{len(data), sha256.Sum256(data)}
	}
}

// list is offline.json.
type list struct {
	V     string   `json:"v"`
	Bytes int      `json:"bytes"`
	Cap   int      `json:"cap"`
	Core  []string `json:"core"`
	Files []string `json:"files"`
}

// Files returns sw.js and offline.json for the site whose files d has seen.
func (d Digests) Files() map[string][]byte {
	paths := make([]string, 0, len(d))
	for p := range d {
		if p != WorkerPath && p != ListPath && !strings.HasSuffix(p, ".gz") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	h := sha256.New()
	l := list{Cap: Cap, Core: []string{}, Files: []string{}}
	for _, p := range paths {
		f := d[p]
		fmt.Fprintf(h, "%s\x00%d\x00", p, f.size)
		h.Write(f.sum[:])
		core, save := kind(p)
		if core {
			l.Core = append(l.Core, p)
		}
		if core || save {
			l.Files = append(l.Files, p)
			l.Bytes += f.size
		}
	}
	l.V = hex.EncodeToString(h.Sum(nil))[:16]
	js, _ := json.Marshal(l) // strings and ints only: cannot fail
	var sw bytes.Buffer
	sw.WriteString(`var V = "` + l.V + "\";\n")
	sw.Write(workerJS)
	return map[string][]byte{WorkerPath: sw.Bytes(), ListPath: append(js, '\n')}
}

// kind says whether the file at p is one the worker keeps from its
// install (core) or one the reader may save (save).
func kind(p string) (core, save bool) {
	switch {
	case p == "index.html" || p == "search/index.html" || p == "search/index/manifest.js":
		return true, true
	case strings.HasPrefix(p, "assets/"):
		return true, true
	case strings.HasPrefix(p, "search/index/"):
		return false, true
	case path.Ext(p) == ".html" && strings.Count(p, "/") <= 1 && path.Base(p) != "print.html":
		return false, true
	}
	return false, false
}
