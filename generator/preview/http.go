package preview

// The HTTP handler: the site from memory, as a static web server would
// serve public/, with the reload script in every page.

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"jianzheng/generator/cores"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
)

// ServeHTTP serves the latest site that built, from memory, as a static
// web server would serve public/; the preview client under /_preview/;
// and, while no build has succeeded, a page listing the problems.
func (p *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // the next save changes everything
	s := p.state.Load()
	if name, ok := strings.CutPrefix(r.URL.Path, indexPrefix); ok {
		serveIndex(w, r, s, name)
		return
	}
	if name, ok := strings.CutPrefix(r.URL.Path, "/_preview/"); ok {
		p.servePreview(w, r, name)
		return
	}
	if s.site == nil {
		serveProblems(w, r, s.problems)
		return
	}
	name, redirect := resolve(s.has, r.URL.Path)
	status := http.StatusOK
	if redirect != "" {
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		// Found, not Moved Permanently: a browser would remember a 301
		// after the folder is gone.
		http.Redirect(w, r, redirect, http.StatusFound)
		return
	}
	if name == "" {
		if !s.has(site.NotFoundPath) {
			http.NotFound(w, r)
			return
		}
		name, status = site.NotFoundPath, http.StatusNotFound
	}
	data, err := s.file(name)
	if err != nil {
		// A template failed on this page. Step 2 will find it too and
		// publish it as a failed build; until then, say so here.
		serveProblems(w, r, problemLines(err))
		return
	}
	serveFile(w, r, name, data, status)
}

// has reports whether the state serves a file at name (see file).
func (s *buildState) has(name string) bool {
	_, ok := s.indexFile(name)
	return ok || s.site.Site.Has(name)
}

// file returns a file of the site, rendering a page the first time, or of
// the search index and open data. The search page is rendered for the
// newest index (see indexPrefix).
func (s *buildState) file(name string) ([]byte, error) {
	if name == site.SearchPath {
		var data []byte
		err := cores.Call(func() (err error) {
			data, err = s.site.Site.SearchPage(indexPrefix + strconv.Itoa(s.indexN()) + "/")
			return err
		})
		return data, err
	}
	data, ok, err := s.site.Page(name)
	if !ok {
		data, _ = s.indexFile(name)
	}
	return data, err
}

func (s *buildState) indexFile(name string) ([]byte, bool) {
	if s.index == nil {
		return nil, false
	}
	data, ok := s.index.files[name]
	return data, ok
}

// resolve maps a request path to a file of the site the way a static web
// server does: "/" and "/x/" to their index.html. A folder asked for
// without its slash ("/x") is redirected to "/x/", because the pages'
// links are relative and only work from the folder's own address.
func resolve(has func(string) bool, urlPath string) (name, redirect string) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	if has(name) {
		return name, ""
	}
	if has(path.Join(name, "index.html")) && !strings.HasSuffix(urlPath, "/") {
		return "", strings.TrimSuffix(clean, "/") + "/"
	}
	return "", ""
}

// The search index is served twice: at search/index/, where the site
// has it, and under indexPrefix with its version, from where the preview
// makes its search page load it (site.Site.SearchPage). A search page then
// reads every file of the index it started with, even when a newer index
// is swapped in while it is open: the manifest and the shards of two
// indexes never mix. The previous index stays available under its
// version, and the event stream tells a search page on an older index to
// reload. Index 0 (none built yet) is answered with not found.
const indexPrefix = "/_preview/index/"

// serveIndex serves /_preview/index/N/NAME: search/index/NAME of index N.
func serveIndex(w http.ResponseWriter, r *http.Request, s *buildState, rest string) {
	n, name, _ := strings.Cut(rest, "/")
	for _, ix := range []*indexVersion{s.index, s.oldIndex} {
		if ix != nil && strconv.Itoa(ix.n) == n {
			if data, ok := ix.files[search.IndexDir+name]; ok {
				serveFile(w, r, name, data, http.StatusOK)
				return
			}
		}
	}
	http.NotFound(w, r)
}

func (p *server) servePreview(w http.ResponseWriter, r *http.Request, name string) {
	if name == "events" {
		p.serveEvents(w, r)
		return
	}
	data, err := clientFiles.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	serveFile(w, r, name, data, http.StatusOK)
}

// serveFile writes one file, with the reload script added to HTML.
func serveFile(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = withReload(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// contentTypes are fixed here rather than taken from package mime, which
// reads the system's tables: some give .js as application/x-javascript or
// .xml as text/xml, and the preview should answer alike on every computer.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".atom":        "application/atom+xml",
	".rss":         "application/rss+xml",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// reloadTag is what the server adds to every HTML page it serves. The
// pages' CSP allows scripts from the site only, so it cannot be inline.
const reloadTag = `<script src="/_preview/reload.js"></script>`

// withReload adds reloadTag before the page's last </body>, or at its end.
func withReload(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(reloadTag)+1)
	out = append(out, page[:i]...)
	out = append(out, reloadTag+"\n"...)
	return append(out, page[i:]...)
}
