package main

// Tests of the serve command: each starts the real command, with its flags,
// on 127.0.0.1:0 over a copy of the sample, and stops it by cancelling its
// context. Waiting is always for something the server says (a line on
// stdout, an event on /_preview/events), never for a fixed time.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const serveWait = 10 * time.Second

// firstBuildWait bounds the first build, which is whole: a minute and
// more for a large synthetic catalog.
const firstBuildWait = 5 * time.Minute

// TestServe follows one editing session: browse, fix a name, make a
// mistake, correct it.
func TestServe(t *testing.T) {
	content, templates := copySample(t)
	pv := startPreview(t, content, templates)
	rec := firstRecord(t, content, "cancelled/gongan.toml")

	body := pv.get(t, "/", http.StatusOK, "text/html; charset=utf-8")
	if !strings.Contains(body, reloadTag+"\n</body>") {
		t.Errorf("home page: no %s before </body>", reloadTag)
	}
	body = pv.get(t, rec.url, http.StatusOK, "text/html; charset=utf-8")
	if !strings.Contains(body, html.EscapeString(rec.name)) || !strings.Contains(body, reloadTag) {
		t.Errorf("%s: want the name %q and the reload script", rec.url, rec.name)
	}
	pv.get(t, "/_preview/reload.js", http.StatusOK, "text/javascript; charset=utf-8")
	pv.get(t, "/_preview/overlay.css", http.StatusOK, "text/css; charset=utf-8")
	pv.get(t, "/sitemap.xml", http.StatusOK, "application/xml")
	resp := pv.do(t, strings.TrimSuffix(rec.url, "/"))
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != rec.url {
		t.Errorf("%s without its slash: %s to %q, want 302 to %s", rec.url, resp.Status, resp.Header.Get("Location"), rec.url)
	}
	notFound := pv.get(t, "/no/such/page", http.StatusNotFound, "text/html; charset=utf-8")
	if page := pv.get(t, "/404.html", http.StatusOK, "text/html; charset=utf-8"); notFound != page {
		t.Errorf("a missing page is not answered with the site's 404.html")
	}

	events := pv.subscribe(t)
	if ev := nextEvent(t, events); ev.name != "ready" || ev.data != `{"site":1,"index":1}` {
		t.Fatalf("on connecting: event %q %s, want ready {\"site\":1,\"index\":1}", ev.name, ev.data)
	}

	renamed := strings.Replace(rec.file, rec.nameLine, `name = "预览测试：改过的名称"`, 1)
	writeContent(t, content, rec.path, renamed)
	if ev := nextEvent(t, events); ev.name != "reload" || ev.site() != 2 {
		t.Fatalf("after a good edit: event %q %s, want reload of site 2", ev.name, ev.data)
	}
	t.Log(pv.waitLine(t, "rebuilt in "))
	if body := pv.get(t, rec.url, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, "预览测试：改过的名称") {
		t.Errorf("after the rebuild %s does not show the new name", rec.url)
	}

	broken := strings.Replace(renamed, "\n"+rec.idLine+"\n", "\n"+rec.idLine+"\nnmae = \"x\"\n", 1)
	want := fmt.Sprintf(`%s:%d:1: unknown key "nmae" in proof %q (did you mean "name"?)`, rec.path, rec.idAt+1, rec.id)
	writeContent(t, content, rec.path, broken)
	ev := nextEvent(t, events)
	var got struct {
		Site  int
		Lines []string
	}
	if ev.name != "error" || json.Unmarshal([]byte(ev.data), &got) != nil || got.Site != 2 || !slices.Equal(got.Lines, []string{want}) {
		t.Fatalf("after a mistake: event %q %s, want error with site 2 and lines [%q]", ev.name, ev.data, want)
	}
	if body := pv.get(t, rec.url, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, "预览测试：改过的名称") {
		t.Errorf("while the content is broken %s is not the last good version", rec.url)
	}
	if !strings.Contains(pv.stderr.String(), "\n"+want+"\n") {
		t.Errorf("terminal does not show %q:\n%s", want, pv.stderr.String())
	}

	writeContent(t, content, rec.path, renamed)
	if ev := nextEvent(t, events); ev.name != "reload" || ev.site() != 3 {
		t.Fatalf("after the fix: event %q %s, want reload of site 3", ev.name, ev.data)
	}
	t.Log(pv.waitLine(t, "rebuilt in "))
}

// TestServeFirstBuildFails: a server that starts on broken content lists
// the problems, as text, and serves the site once they are fixed.
func TestServeFirstBuildFails(t *testing.T) {
	content, templates := copySample(t)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	hostile := strings.Replace(rec.file, "\n"+rec.idLine+"\n", "\n"+rec.idLine+"\n\"<img src=x>\" = 1\n", 1)
	writeContent(t, content, rec.path, hostile)
	pv := startPreview(t, content, templates)

	body := pv.get(t, "/", http.StatusServiceUnavailable, "text/html; charset=utf-8")
	want := fmt.Sprintf(`%s:%d:1: unknown key "<img src=x>" in proof %q`, rec.path, rec.idAt+1, rec.id)
	if !strings.Contains(body, html.EscapeString(want)) || strings.Contains(body, "<img") || !strings.Contains(body, reloadTag) {
		t.Errorf("problems page: want %q as text and the reload script:\n%s", want, body)
	}
	events := pv.subscribe(t)
	if ev := nextEvent(t, events); ev.name != "error" || !strings.Contains(ev.data, `{"site":0,"index":0,"lines":["`) || !strings.Contains(ev.data, `\u003cimg src=x\u003e`) {
		t.Fatalf("on connecting: event %q %s, want the current error", ev.name, ev.data)
	}
	writeContent(t, content, rec.path, rec.file)
	if ev := nextEvent(t, events); ev.name != "reload" {
		t.Fatalf("after the fix: event %q %s, want reload", ev.name, ev.data)
	}
	if body := pv.get(t, "/", http.StatusOK, "text/html; charset=utf-8"); strings.Contains(body, "preview-problems") {
		t.Errorf("after the fix / is still the problems page")
	}
}

// TestServeOverlayInBrowser checks what only a browser can: reload.js
// works under the pages' CSP, shows a failed build over the page as text,
// closes, shows again on a page opened while the content is broken,
// reloads the page once it is fixed, and catches up with a rebuild that
// happened while its tab was hidden.
func TestServeOverlayInBrowser(t *testing.T) {
	b := newBrowser(t, browserOptions{})
	content, templates := copySample(t)
	pv := startPreview(t, content, templates)
	rec := firstRecord(t, content, "cancelled/gongan.toml")
	hostile := strings.Replace(rec.file, "\n"+rec.idLine+"\n", "\n"+rec.idLine+"\n\"<img src=x>\" = 1\n", 1)

	b.open(t, pv.url+strings.TrimPrefix(rec.url, "/"))
	eval[bool](t, b, `window.previewMarker = true`)
	writeContent(t, content, rec.path, hostile)
	b.do(t, chromedp.WaitVisible(chromedp.CSS(".preview-overlay")))
	got := eval[[]string](t, b, `[document.querySelector(".preview-heading").textContent,
		document.querySelector(".preview-problems").textContent,
		String(document.querySelectorAll(".preview-overlay img").length),
		String(window.previewMarker)]`)
	want := []string{"内容有错误，页面显示的是上一次成功的版本", fmt.Sprintf(`%s:%d:1: unknown key "<img src=x>" in proof %q`, rec.path, rec.idAt+1, rec.id), "0", "true"}
	if !slices.Equal(got, want) {
		t.Errorf("overlay: got %q, want %q", got, want)
	}
	b.click(t, ".preview-close")
	b.do(t, chromedp.WaitNotPresent(chromedp.CSS(".preview-overlay")))

	b.open(t, pv.url) // opened while broken: the overlay comes with it
	b.do(t, chromedp.WaitVisible(chromedp.CSS(".preview-overlay")))
	eval[bool](t, b, `window.previewMarker = true`)
	writeContent(t, content, rec.path, rec.file)
	waitReloaded(t, b)

	// Hide the tab (as far as the page can tell), rebuild, show it again.
	events := pv.subscribe(t)
	nextEvent(t, events) // ready
	eval[bool](t, b, `window.previewMarker = true;
		Object.defineProperty(document, "hidden", {value: true, configurable: true});
		document.dispatchEvent(new Event("visibilitychange")); true`)
	writeContent(t, content, rec.path, rec.file+"\n")
	if ev := nextEvent(t, events); ev.name != "reload" {
		t.Fatalf("event %q %s, want reload", ev.name, ev.data)
	}
	if eval[bool](t, b, `window.previewMarker === undefined`) {
		t.Error("a hidden page heard of a rebuild: its event stream is still open")
	}
	eval[bool](t, b, `delete document.hidden; document.dispatchEvent(new Event("visibilitychange")); true`)
	waitReloaded(t, b)

	for _, p := range b.takeProblems() {
		t.Errorf("browser: %s", p)
	}
}

// waitReloaded waits until the page has been loaded again, which clears
// window.previewMarker, and shows no overlay.
func waitReloaded(t *testing.T, b *browserSession) {
	t.Helper()
	deadline := time.Now().Add(serveWait)
	for {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.previewMarker === undefined && document.readyState === "complete" && !document.querySelector(".preview-overlay")`))
		if err == nil && v {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the page was not loaded again")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServeResolve(t *testing.T) {
	files := map[string]bool{"index.html": true, "a/index.html": true, "a/b.css": true}
	for _, c := range []struct{ url, name, redirect string }{
		{"/", "index.html", ""},
		{"/index.html", "index.html", ""},
		{"/a/", "a/index.html", ""},
		{"/a", "", "/a/"},
		{"/a/b.css", "a/b.css", ""},
		{"/a/../a/b.css", "a/b.css", ""},
		{"//a", "", "/a/"},
		{"/missing", "", ""},
		{"/a/b.css/", "", ""},
	} {
		name, redirect := resolve(func(name string) bool { return files[name] }, c.url)
		if name != c.name || redirect != c.redirect {
			t.Errorf("resolve(%q) = %q, %q; want %q, %q", c.url, name, redirect, c.name, c.redirect)
		}
	}
}

func TestServeAddrURL(t *testing.T) {
	for _, c := range []struct {
		ip       string
		url      string
		loopback bool
	}{
		{"127.0.0.1", "http://127.0.0.1:1313/", true},
		{"::1", "http://[::1]:1313/", true},
		{"0.0.0.0", "http://localhost:1313/", false},
		{"::", "http://localhost:1313/", false},
		{"192.168.1.20", "http://192.168.1.20:1313/", false},
	} {
		url, loopback := addrURL(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 1313})
		if url != c.url || loopback != c.loopback {
			t.Errorf("addrURL(%s) = %s, %v; want %s, %v", c.ip, url, loopback, c.url, c.loopback)
		}
	}
}

func TestServeContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a/index.html": "text/html; charset=utf-8", "search.js": "text/javascript; charset=utf-8",
		"sitemap.xml": "application/xml", "index.json": "application/json", "x.csv": "text/csv; charset=utf-8",
		"favicon.svg": "image/svg+xml", "style.css": "text/css; charset=utf-8", "robots.txt": "text/plain; charset=utf-8",
		"feed.atom": "application/atom+xml", "data.unknown-ext": "application/octet-stream",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestServeWithReload(t *testing.T) {
	for in, want := range map[string]string{
		"<body><p>x</p></body></html>": "<body><p>x</p>" + reloadTag + "\n</body></html>",
		"<p>no body end":               "<p>no body end" + reloadTag + "\n",
	} {
		if got := string(withReload([]byte(in))); got != want {
			t.Errorf("withReload(%q) = %q, want %q", in, got, want)
		}
	}
}

// copySample copies ../content and ../templates into a temporary folder.
func copySample(t testing.TB) (content, templates string) {
	t.Helper()
	dir := t.TempDir()
	content, templates = filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(templates, os.DirFS("../templates")); err != nil {
		t.Fatal(err)
	}
	return content, templates
}

// sampleRecord is the first record of a content file, found by reading it
// rather than named here, so that the test survives edits to the sample.
type sampleRecord struct {
	path, file       string // path relative to content, and its text
	id, name, url    string
	idLine, nameLine string // the lines `id = "…"` and `name = "…"`
	idAt             int    // line number of idLine
}

var tomlString = regexp.MustCompile(`^(id|name) = "([^"\\]*)"$`)

func firstRecord(t testing.TB, content, path string) sampleRecord {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	r := sampleRecord{path: path, file: string(data)}
	for i, line := range strings.Split(r.file, "\n") {
		m := tomlString.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] == "id" && r.id == "":
			r.id, r.idLine, r.idAt = m[2], line, i+1
		case m[1] == "name" && r.id != "" && r.name == "":
			r.name, r.nameLine = m[2], line
		}
	}
	if r.name == "" {
		t.Fatalf("%s: no record with a plain id and name", path)
	}
	r.url = "/" + strings.Split(path, "/")[0] + "/" + r.id + "/"
	return r
}

func writeContent(t testing.TB, content, path, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(path)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// previewRun is one serve command running for a test.
type previewRun struct {
	url     string // http://127.0.0.1:PORT/
	lines   chan string
	stderr  *lockedBuffer
	stopped chan struct{} // closed when serveUntil has returned err
	err     error
	client  *http.Client
}

func startPreview(t testing.TB, content, templates string) *previewRun {
	t.Helper()
	return startPreviewWith(t, content, templates, nil)
}

// startPreviewWith starts serve after setup has changed its preview.
func startPreviewWith(t testing.TB, content, templates string, setup func(*preview)) *previewRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pv := &previewRun{lines: make(chan string, 1000), stderr: &lockedBuffer{}, stopped: make(chan struct{}),
		client: &http.Client{
			Timeout:       serveWait,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	stdout := &lineWriter{lines: pv.lines}
	go func() {
		defer close(pv.stopped)
		pv.err = serveUntil(ctx, []string{"-content", content, "-templates", templates, "-addr", "127.0.0.1:0",
			"-previous", filepath.Join(content, "no-previous-publication")}, stdout, pv.stderr, setup)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-pv.stopped:
			if pv.err != nil {
				t.Errorf("serve: %v", pv.err)
			}
		case <-time.After(serveWait):
			t.Errorf("serve did not stop within %s of its context ending", serveWait)
		}
		if t.Failed() {
			t.Logf("serve's stderr:\n%s", pv.stderr.String())
		}
	})
	line := pv.waitLineWithin(t, "serving http://", firstBuildWait)
	pv.url = strings.Fields(line)[1]
	return pv
}

// waitLine returns the next line of stdout that starts with prefix.
func (pv *previewRun) waitLine(t testing.TB, prefix string) string {
	t.Helper()
	return pv.waitLineWithin(t, prefix, serveWait)
}

func (pv *previewRun) waitLineWithin(t testing.TB, prefix string, wait time.Duration) string {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case line := <-pv.lines:
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-pv.stopped:
			t.Fatalf("serve stopped: %v\n%s", pv.err, pv.stderr.String())
		case <-timeout:
			t.Fatalf("no line %q on stdout within %s", prefix, wait)
		}
	}
}

func (pv *previewRun) do(t testing.TB, path string) *http.Response {
	t.Helper()
	resp, err := pv.client.Get(strings.TrimSuffix(pv.url, "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// get fetches path and checks its status and Content-Type.
func (pv *previewRun) get(t testing.TB, path string, status int, ctype string) string {
	t.Helper()
	resp := pv.do(t, path)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status || resp.Header.Get("Content-Type") != ctype {
		t.Errorf("GET %s: %s, %q; want %d, %q", path, resp.Status, resp.Header.Get("Content-Type"), status, ctype)
	}
	return string(body)
}

type serverEvent struct{ name, data string }

// subscribe opens /_preview/events; once it returns, every later build is
// reported on the channel.
func (pv *previewRun) subscribe(t testing.TB) <-chan serverEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", pv.url+"_preview/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %s, %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan serverEvent)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev serverEvent
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				select {
				case events <- ev:
				case <-ctx.Done():
					return
				}
				ev = serverEvent{}
			} else if v, ok := strings.CutPrefix(line, "event: "); ok {
				ev.name = v
			} else if v, ok := strings.CutPrefix(line, "data: "); ok {
				ev.data = v
			}
		}
	}()
	return events
}

// nextEvent returns the next event but "search", which comes whenever a
// search index is ready (see waitEvent).
func nextEvent(t testing.TB, events <-chan serverEvent) serverEvent {
	t.Helper()
	for {
		if ev := waitEvent(t, events); ev.name != "search" {
			return ev
		}
	}
}

func waitEvent(t testing.TB, events <-chan serverEvent) serverEvent {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(serveWait):
		t.Fatalf("no event within %s", serveWait)
		return serverEvent{}
	}
}

// site and index are the versions the event names.
func (ev serverEvent) site() int  { return ev.versions().Site }
func (ev serverEvent) index() int { return ev.versions().Index }

func (ev serverEvent) versions() (v struct{ Site, Index int }) {
	json.Unmarshal([]byte(ev.data), &v)
	return v
}

// lineWriter sends what is written to it, line by line, to lines.
type lineWriter struct {
	mu      sync.Mutex
	partial []byte
	lines   chan<- string
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, b...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		w.lines <- string(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
