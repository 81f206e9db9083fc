package main

// The serve command: a live preview for the editorial office. It builds
// the site in memory, serves it over HTTP without writing public/, and
// rebuilds whenever a file under the content or templates folder changes:
// the pages at once, rendered as they are asked for, and every page, the
// search index and the open data in the background (serve_build.go).
// Pages it serves carry one extra script, reload.js, which reloads them
// after a successful rebuild and shows the problems over the page after a
// failed one, while the server keeps serving the last site that built.
// The script and its stylesheet live in preview/.

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
	"jianzheng/generator/history"
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
	return serveUntil(ctx, args, stdout, stderr, nil)
}

// serveUntil is the serve command, ending when ctx is done, so that tests
// can stop it without a signal; setup, if not nil, lets them change the
// preview before it starts.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer, setup func(*preview)) error {
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
	if setup != nil {
		setup(p)
	}
	return p.run(ctx, ln)
}

// preview is one running serve command.
type preview struct {
	job            job         // from the flags; its folders are read afresh by every build
	roots          []watchRoot // folders on disk to watch; built-in ones never change
	stdout, stderr io.Writer
	state          atomic.Pointer[buildState] // set by publishLocked, read by every request
	loader         catalog.Loader             // remembers the parsed content files between builds
	taker          history.Taker              // and the records' entries in the manifest

	// testIndex, when set, replaces building the search index and the open data.
	testIndex func(*catalog.Catalog) (site.Files, error)

	bg *background // the latest version's step 2 (see serve_build.go); only loop uses it

	mu       sync.Mutex   // held while publishing, and for the fields below
	sites    int          // sites prepared so far
	indexes  int          // search indexes built so far
	latest   *siteVersion // the newest site prepared
	verified *siteVersion // the newest site whose every page rendered
}

// watchRoot is a watched folder and the prefix that names its files in
// "changed: …" lines.
type watchRoot struct{ dir, prefix string }

// buildState is what the latest build left. It is replaced whole and never
// changed, so a request sees one consistent site, and an event stream
// waits for next to learn that a newer state exists.
type buildState struct {
	site            *siteVersion  // the site served; nil until one has been prepared
	index, oldIndex *indexVersion // the newest search index, and the one before for search pages that loaded it
	problems        []string      // the latest build's errors, one per line; nil if it succeeded
	next            chan struct{} // closed when the next state replaces this one
}

// siteN and indexN are the versions browsers are told about; 0 for none.
func (s *buildState) siteN() int {
	if s.site == nil {
		return 0
	}
	return s.site.n
}

func (s *buildState) indexN() int {
	if s.index == nil {
		return 0
	}
	return s.index.n
}

func (p *preview) run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := p.watch()
	if err != nil {
		return err
	}
	// Watching starts before the first build, so that a save during it
	// is not missed. The first build is whole: no page is served before
	// every page has rendered and the search index is built.
	start := time.Now()
	v, err := p.prepare()
	var index site.Files
	if err == nil {
		index, err = p.complete(ctx, v)
	}
	if err != nil {
		p.reportFailure(err, "first build failed; serving a page that lists the problems until they are fixed")
		p.publishFailure(err)
	} else {
		fmt.Fprintf(p.stdout, "built %s: %s; %d files in %s\n", v.cat.Site.Title, recordCounts(v.cat),
			len(v.site.Paths())+len(index), time.Since(start).Round(time.Millisecond))
		p.publishSite(v, index)
	}
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
	p.cancelComplete()
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

// publishSite makes v the site that requests and event streams see, with
// the search index and open data in index if they are built already. Only
// run's first build and then loop call it, one at a time.
func (p *preview) publishSite(v *siteVersion, index site.Files) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sites++
	v.n, p.latest = p.sites, v
	if index != nil {
		p.verified = v
		p.indexes++
	}
	p.publishLocked(func(s *buildState) {
		s.site, s.problems = v, nil
		if index != nil {
			s.oldIndex, s.index = s.index, &indexVersion{n: p.indexes, files: index}
		}
	})
}

// publishFailure shows a failed build's problems; the site stays.
func (p *preview) publishFailure(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.publishLocked(func(s *buildState) { s.problems = problemLines(err) })
}

// publishLocked replaces the state with a copy that change has changed,
// and wakes the event streams. p.mu must be held.
func (p *preview) publishLocked(change func(*buildState)) {
	old := p.state.Load()
	s := &buildState{next: make(chan struct{})}
	if old != nil {
		s.site, s.index, s.oldIndex, s.problems = old.site, old.index, old.oldIndex, old.problems
	}
	change(s)
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
