package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
)

// ServeHTTP serves the latest site that built, from memory, as a static
// web server would serve public/; the preview client under /_preview/;
// and, while no build has succeeded, a page listing the problems.
func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
		if !s.has(notFoundPage) {
			http.NotFound(w, r)
			return
		}
		name, status = notFoundPage, http.StatusNotFound
	}
	data, err := s.file(name)
	if err != nil {
		// A template failed on this page. Step 2 will find it too and
		// publish it as a failed build; until then, say so here.
		serveProblems(w, r, problemLines(err))
		return
	}
	if name == searchPage {
		data = pinIndex(data, s.indexN())
	}
	serveFile(w, r, name, data, status)
}

// has reports whether the state serves a file at name (see file).
func (s *buildState) has(name string) bool {
	_, ok := s.indexFile(name)
	return ok || s.site.site.Has(name)
}

// file returns a file of the site, rendering a page the first time, or of
// the search index and open data.
func (s *buildState) file(name string) ([]byte, error) {
	data, ok, err := s.site.file(name)
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
// makes its search page load it (pinIndex). A search page then reads
// every file of the index it started with, even when a newer index is
// swapped in while it is open: the manifest and the shards of two indexes
// never mix. The previous index stays available under its version, and
// the event stream tells a search page on an older index to reload.
const (
	indexPrefix = "/_preview/index/"
	searchPage  = "search/index.html"
	indexFolder = "search/index/"
)

// pinIndex points the search page at index version n; 0 (none yet) is
// answered with not found until an index is built.
func pinIndex(page []byte, n int) []byte {
	return bytes.Replace(page, []byte(`data-index="index/"`), fmt.Appendf(nil, `data-index="%s%d/"`, indexPrefix, n), 1)
}

// serveIndex serves /_preview/index/N/NAME: search/index/NAME of index N.
func serveIndex(w http.ResponseWriter, r *http.Request, s *buildState, rest string) {
	n, name, _ := strings.Cut(rest, "/")
	for _, ix := range []*indexVersion{s.index, s.oldIndex} {
		if ix != nil && strconv.Itoa(ix.n) == n {
			if data, ok := ix.files[indexFolder+name]; ok {
				serveFile(w, r, name, data, http.StatusOK)
				return
			}
		}
	}
	http.NotFound(w, r)
}

func (p *preview) servePreview(w http.ResponseWriter, r *http.Request, name string) {
	if name == "events" {
		p.serveEvents(w, r)
		return
	}
	data, err := previewFiles.ReadFile("preview/" + name)
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

// serveEvents streams server-sent events, each with the version of the
// site, the version of the search index and after a failure the problems:
// {"site": 3, "index": 2, "lines": ["path:line:col: message", …]}.
//
//	ready   on connecting, while the latest build succeeded
//	reload  after a build that succeeded
//	error   on connecting, and after a build that failed
//	search  a new search index is served (see pinIndex)
//
// A client that falls behind skips straight to the newest state, with the
// event that tells it most. The site version lets reload.js, which closes
// the stream while its tab is hidden (browsers allow only six connections
// to a server across all tabs), notice on reconnecting that it missed a
// rebuild; the index version does the same for a search page.
func (p *preview) serveEvents(w http.ResponseWriter, r *http.Request) {
	// The state is taken before the response starts, so that a client
	// whose request has been answered is sure to hear of every later build.
	s := p.state.Load()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	var sent *buildState
	for {
		if name := eventName(sent, s); name != "" {
			writeEvent(w, name, s)
			if rc.Flush() != nil {
				return
			}
		}
		sent = s
		select {
		case <-r.Context().Done():
			return
		case <-s.next:
		}
		s = p.state.Load()
	}
}

// eventName is the event that tells a client who was last sent prev
// (nil: nothing yet) about now, or "" if nothing it needs changed.
func eventName(prev, now *buildState) string {
	switch {
	case prev != nil && now.siteN() == prev.siteN() && slices.Equal(now.problems, prev.problems):
		if now.indexN() != prev.indexN() {
			return "search"
		}
		return ""
	case now.problems != nil:
		return "error"
	case prev == nil:
		return "ready"
	}
	return "reload"
}

func writeEvent(w io.Writer, name string, s *buildState) {
	b, _ := json.Marshal(struct { // cannot fail, and has no newline
		Site  int      `json:"site"`
		Index int      `json:"index"`
		Lines []string `json:"lines,omitempty"`
	}{s.siteN(), s.indexN(), s.problems})
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
}

// problemsPage is served for every page while no build has succeeded. It
// is written here, not with the templates, which may be what is broken.
var problemsPage = template.Must(template.New("problems").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>内容有错误 - 预览</title>
<link rel="stylesheet" href="/_preview/overlay.css">
</head>
<body class="preview-problems-page">
<h1>内容有错误，网站还没能生成</h1>
<ul id="preview-problems" class="preview-problems">
{{- range .}}
<li><code>{{.}}</code></li>
{{- end}}
</ul>
<p class="preview-hint">改正后保存，这里会自动换成生成好的网站。</p>
</body>
</html>
`))

func serveProblems(w http.ResponseWriter, r *http.Request, problems []string) {
	var b bytes.Buffer
	if err := problemsPage.Execute(&b, problems); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// 503: the site is unavailable until the content is fixed.
	serveFile(w, r, "problems.html", b.Bytes(), http.StatusServiceUnavailable)
}
