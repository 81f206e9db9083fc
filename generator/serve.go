package main

// The serve command: a live preview for the editorial office. It builds
// the site in memory with generate, serves it over HTTP without writing
// public/, and rebuilds whenever a file under the content or templates
// folder changes. Pages it serves carry one extra script, reload.js, which
// reloads them after a successful rebuild and shows the problems over the
// page after a failed one, while the server keeps serving the last site
// that built. The script and its stylesheet live in preview/.

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

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
