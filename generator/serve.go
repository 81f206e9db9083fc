package main

// The serve command: a live preview for the editorial office. It builds
// the site in memory with generate, serves it over HTTP without writing
// public/, and rebuilds whenever a file under the content or templates
// folder changes. Pages it serves carry one extra script, reload.js, which
// reloads them after a successful rebuild and shows the problems over the
// page after a failed one, while the server keeps serving the last site
// that built. The script and its stylesheet live in preview/.

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"jianzheng/generator/catalog"
	"jianzheng/generator/site"
)

const serveSummary = "build into memory and serve a live preview that rebuilds on every save"

// previewFiles are reload.js and overlay.css, served under /_preview/.
//
//go:embed preview
var previewFiles embed.FS

// reloadTag is what the server adds to every HTML page it serves. The
// pages' CSP allows scripts from the site only, so it cannot be inline.
const reloadTag = `<script src="/_preview/reload.js"></script>`

// settle is how long the folders must stay quiet before a rebuild: one
// save is often several events (write, chmod, a temporary file renamed
// over the old one), and a git checkout is hundreds.
const settle = 100 * time.Millisecond

// notFoundPage is where package site puts the page for missing addresses.
const notFoundPage = "404.html"

func runServe(args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stdout, stderr)
}

// serveUntil is the serve command, ending when ctx is done, so that tests
// can stop it without a signal.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	var src sources
	src.register(fl, true)
	addr := fl.String("addr", "127.0.0.1:1313", "address to listen on; the preview has no password, so keep it on loopback")
	baseURL := fl.String("base-url", "", "absolute address where the site will live (overrides base_url in site.toml)")
	previous := fl.String("previous", "public", "the previous publication (a built site or its data/manifest.json), read once at start, so that the preview shows what the next build would")
	allowRemoval := fl.Bool("allow-removal", false, "let records of the previous publication disappear, as build -allow-removal does")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator serve [flags]\n\n%s\n\nflags:\n", serveSummary)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if err := checkBaseURL(*baseURL); err != nil {
		return err
	}
	j, _, err := src.job(fl, *baseURL)
	if err != nil {
		return err
	}
	if j.previous, err = readManifest(*previous); err != nil {
		return err
	}
	j.allowRemoval = *allowRemoval
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w (is another preview running? choose another -addr)", err)
	}
	defer ln.Close()
	p := &preview{job: j, stdout: stdout, stderr: stderr}
	if _, builtIn := j.content.(embed.FS); !builtIn {
		p.roots = append(p.roots, watchRoot{src.contentDir, ""}) // named as in error messages
	}
	if _, builtIn := j.templates.(embed.FS); !builtIn {
		p.roots = append(p.roots, watchRoot{src.templatesDir, filepath.Base(src.templatesDir) + "/"})
	}
	return p.run(ctx, ln)
}

// preview is one running serve command.
type preview struct {
	job            job         // from the flags; its folders are read afresh by every build
	roots          []watchRoot // folders on disk to watch; built-in ones never change
	stdout, stderr io.Writer
	state          atomic.Pointer[buildState] // set by publish, read by every request
}

// watchRoot is a watched folder and the prefix that names its files in
// "changed: …" lines.
type watchRoot struct{ dir, prefix string }

// buildState is what the latest build left. It is replaced whole and never
// changed, so a request sees one consistent site, and an event stream
// waits for next to learn that a newer state exists.
type buildState struct {
	files    site.Files    // the last site that built; nil until one has
	site     int           // how many builds have succeeded: the version of files
	problems []string      // the latest build's errors, one per line; nil if it succeeded
	next     chan struct{} // closed when the next state replaces this one
}

func (p *preview) run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := p.watch()
	if err != nil {
		return err
	}
	// Watching starts before the first build, so that a save during it
	// is not missed.
	start := time.Now()
	cat, files, err := p.build()
	if err != nil {
		p.reportFailure(err, "first build failed; serving a page that lists the problems until they are fixed")
	} else {
		fmt.Fprintf(p.stdout, "built %s: %s; %d files in %s\n", cat.Site.Title, recordCounts(cat),
			len(files), time.Since(start).Round(time.Millisecond))
	}
	p.publish(files, err)
	url, loopback := addrURL(ln.Addr())
	fmt.Fprintf(p.stdout, "serving %s (Ctrl-C to stop)\n", url)
	if !loopback {
		fmt.Fprintf(p.stderr, "warning: %s can be reached from other computers, and the preview shows unpublished content to anyone who opens it; use -addr 127.0.0.1:1313 unless that is what you want\n", ln.Addr())
	}
	p.describeRoots()

	var loop sync.WaitGroup
	loop.Go(func() { p.loop(ctx, w) })
	srv := &http.Server{
		Handler:           p,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, so that open event streams let Shutdown finish.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}
	cancel()
	shutdownCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		srv.Close()
	}
	loop.Wait()
	fmt.Fprintln(p.stdout, "preview stopped")
	return err
}

// addrURL is the address to open in a browser, and whether only this
// computer can reach it.
func addrURL(a net.Addr) (string, bool) {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/", false
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)) + "/", tcp.IP.IsLoopback()
}

func (p *preview) describeRoots() {
	if len(p.roots) == 0 {
		fmt.Fprintln(p.stdout, "using the built-in content and templates: nothing to watch")
		return
	}
	var dirs []string
	for _, r := range p.roots {
		dirs = append(dirs, r.dir)
	}
	fmt.Fprintf(p.stdout, "watching %s for changes\n", strings.Join(dirs, " and "))
}

// build runs generate. A panic in it becomes an error like any other, so
// that the preview survives it.
func (p *preview) build() (cat *catalog.Catalog, files site.Files, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v\nplease report this, with the content that caused it", r)
		}
	}()
	return generate(p.job)
}

// publish makes a build's result the state that requests and event streams
// see: its files, or if it failed its problems and the last files that
// built. Only run's first build and then loop publish, one at a time.
func (p *preview) publish(files site.Files, err error) {
	old := p.state.Load()
	s := &buildState{files: files, next: make(chan struct{})}
	if old != nil {
		s.files, s.site = old.files, old.site
	}
	if err != nil {
		s.problems = problemLines(err)
	} else {
		s.files, s.site = files, s.site+1
	}
	p.state.Store(s)
	if old != nil {
		close(old.next)
	}
}

// problemLines splits an error into its lines: for a catalog.ErrorList,
// one "path:line:col: message" per problem.
func problemLines(err error) []string {
	var lines []string
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	if lines == nil {
		lines = []string{"build failed"}
	}
	return lines
}

// reportFailure prints a failed build to the terminal the way build does:
// a line saying what happened, then each problem on a line of its own.
func (p *preview) reportFailure(err error, what string) {
	fmt.Fprintln(p.stderr, what+":")
	for _, line := range problemLines(err) {
		fmt.Fprintln(p.stderr, line)
	}
}

// watch starts watching every folder under the roots. fsnotify watches
// folders, not trees, so each one is added; loop adds those created later.
func (p *preview) watch() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: watching for changes: %w", err)
	}
	for _, r := range p.roots {
		if err := addTree(w, r.dir); err != nil {
			w.Close()
			return nil, fmt.Errorf("serve: watching %s: %w", r.dir, err)
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it but hidden ones (.git).
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case p != dir && ignored(d.Name()):
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// ignored reports whether a change to a file of this name can be ignored:
// hidden files (.git, .DS_Store, vim's .swp) and editor backups (name~).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// loop rebuilds once the folders have been quiet for settle after a change,
// until ctx is done. It owns w.
func (p *preview) loop(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	changed := map[string]string{} // name → its path if it was created since the last build
	var quiet <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			name, ok := p.changeName(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						fmt.Fprintf(p.stderr, "serve: watching %s: %v\n", ev.Name, err)
					}
				}
				changed[name] = ev.Name
			} else if _, seen := changed[name]; !seen {
				changed[name] = ""
			}
			quiet = time.After(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(p.stderr, "serve: watching for changes: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) { // changes were lost: rebuild anyway
				changed["(too many changes to list)"] = ""
				quiet = time.After(settle)
			}
		case <-quiet:
			quiet = nil
			p.rebuildAfter(changed)
			changed = map[string]string{}
		}
	}
}

// changeName names the changed file relative to its root, or reports
// that the event does not matter.
func (p *preview) changeName(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
		return "", false
	}
	for _, r := range p.roots {
		rel, err := filepath.Rel(r.dir, ev.Name)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r.prefix + filepath.ToSlash(rel), true
		}
	}
	return filepath.ToSlash(ev.Name), true
}

// describeChanges lists changed files for the "changed: …" line. Files
// created and gone again since the last build are left out: they are the
// temporary files of editors that save by renaming (and of sed -i).
func describeChanges(changed map[string]string) string {
	var names, gone []string
	for name, created := range changed {
		if _, err := os.Lstat(created); created != "" && err != nil {
			gone = append(gone, name)
		} else {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		names = gone
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("and %d more", len(names)-3))
	}
	return strings.Join(names, ", ")
}

// rebuildAfter rebuilds and prints one line, plus the problems if any.
func (p *preview) rebuildAfter(changed map[string]string) {
	what := describeChanges(changed)
	// The terminal hears first, then the browsers, so that whoever
	// reacts to a browser's reload finds the terminal up to date.
	start := time.Now()
	_, files, err := p.build()
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case err == nil:
		fmt.Fprintf(p.stdout, "rebuilt in %s (changed: %s)\n", took, what)
	case p.state.Load().files == nil:
		p.reportFailure(err, fmt.Sprintf("rebuild failed in %s (changed: %s); still nothing to serve", took, what))
	default:
		p.reportFailure(err, fmt.Sprintf("rebuild failed in %s (changed: %s); still serving the last version that built", took, what))
	}
	p.publish(files, err)
}

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
