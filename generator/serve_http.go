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
	"strconv"
	"strings"

	"jianzheng/generator/site"
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
	if name, ok := strings.CutPrefix(r.URL.Path, "/_preview/"); ok {
		p.servePreview(w, r, name)
		return
	}
	s := p.state.Load()
	if s.files == nil {
		serveProblems(w, r, s.problems)
		return
	}
	name, redirect := resolve(s.files, r.URL.Path)
	switch {
	case redirect != "":
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		// Found, not Moved Permanently: a browser would remember a 301
		// after the folder is gone.
		http.Redirect(w, r, redirect, http.StatusFound)
	case name != "":
		serveFile(w, r, name, s.files[name], http.StatusOK)
	case s.files[notFoundPage] != nil:
		serveFile(w, r, notFoundPage, s.files[notFoundPage], http.StatusNotFound)
	default:
		http.NotFound(w, r)
	}
}

// resolve maps a request path to a file of the site the way a static web
// server does: "/" and "/x/" to their index.html. A folder asked for
// without its slash ("/x") is redirected to "/x/", because the pages'
// links are relative and only work from the folder's own address.
func resolve(files site.Files, urlPath string) (name, redirect string) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	if _, ok := files[name]; ok {
		return name, ""
	}
	if _, ok := files[path.Join(name, "index.html")]; ok && !strings.HasSuffix(urlPath, "/") {
		return "", strings.TrimSuffix(clean, "/") + "/"
	}
	return "", ""
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
// site (the number of builds that have succeeded) and after a failure its
// problems: {"site": 3, "lines": ["path:line:col: message", …]}.
//
//	ready   on connecting, while the latest build succeeded
//	reload  after a build that succeeded
//	error   on connecting, and after a build that failed
//
// A client that falls behind skips straight to the newest state. The site
// version lets reload.js, which closes the stream while its tab is hidden
// (browsers allow only six connections to a server across all tabs),
// notice on reconnecting that it missed a rebuild.
func (p *preview) serveEvents(w http.ResponseWriter, r *http.Request) {
	// The state is taken before the response starts, so that a client
	// whose request has been answered is sure to hear of every later build.
	s := p.state.Load()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	name := "ready"
	for {
		if s.problems != nil {
			name = "error"
		}
		writeEvent(w, name, s)
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.next:
		}
		s, name = p.state.Load(), "reload"
	}
}

func writeEvent(w io.Writer, name string, s *buildState) {
	b, _ := json.Marshal(struct { // cannot fail, and has no newline
		Site  int      `json:"site"`
		Lines []string `json:"lines,omitempty"`
	}{s.site, s.problems})
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
