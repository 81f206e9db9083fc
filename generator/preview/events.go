package preview

// The event stream that reload.js listens to, and the page served while
// no build has succeeded.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
)

// serveEvents streams server-sent events, each with the version of the
// site, the version of the search index and after a failure the problems:
// {"site": 3, "index": 2, "lines": ["path:line:col: message", …]}.
//
//	ready   on connecting, while the latest build succeeded
//	reload  after a build that succeeded
//	error   on connecting, and after a build that failed
//	search  a new search index is served (see indexPrefix)
//
// A client that falls behind skips straight to the newest state, with the
// event that tells it most. The site version lets reload.js, which closes
// the stream while its tab is hidden (browsers allow only six connections
// to a server across all tabs), notice on reconnecting that it missed a
// rebuild; the index version does the same for a search page.
func (p *server) serveEvents(w http.ResponseWriter, r *http.Request) {
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
