// Package preview is the live preview of the serve command, for the
// editorial office. It builds the site in memory, serves it over HTTP
// without writing public/, and rebuilds whenever a file under the watched
// folders changes: the pages at once, rendered as they are asked for,
// and every page, the search index and the open data in the background
// (see rebuild.go). Pages it serves carry one extra script, reload.js,
// which reloads them after a successful rebuild and shows the problems
// over the page after a failed one (overlay.css), while the server keeps
// serving the last site that built.
//
// The build itself is package pipeline's, reached through Builder, so
// that the preview shows exactly what the build command would publish;
// tests give a Builder whose search index is a stand-in.
//
// # Versions
//
// Every prepared site is a version, numbered 1, 2, …; every search index
// built is a version of its own, numbered apart, since it comes later.
// Browsers are told both numbers (see events.go). Each index is served at
// search/index/ while it is the newest, and at /_preview/index/N/ while it
// or the one after it is the newest; the search page is pinned to the
// newest one's address when served (site.Site.SearchPage).
//
// # Concurrency
//
//   - The watch loop (watch.go), one goroutine, owns the watcher and runs
//     step 1 of every rebuild, one at a time, then publishes its version.
//   - Step 2 runs on a goroutine of its own per version, one at a time: a
//     new one cancels the running one and waits for it to end.
//   - HTTP handlers read the state: one immutable value, replaced whole
//     (an atomic pointer), so that a request sees one consistent site.
//     They render a page the first time it is asked for and keep it in
//     its version (the version's own lock).
//   - Publishing (server.mu) is one at a time; each new state wakes the
//     event streams by closing the old state's channel.
//
// A panic in any of these becomes an error (package cores), shown like a
// failed build; the preview goes on.
package preview

import (
	"cmp"
	"context"
	"embed"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"jianzheng/generator/pipeline"
	"jianzheng/generator/site"
)

// clientFiles are reload.js and overlay.css, served under /_preview/.
//
//go:embed reload.js overlay.css
var clientFiles embed.FS

// Builder is the build sequence the preview runs: a *pipeline.Builder.
type Builder interface {
	// Prepare is step 1 of a rebuild: the content loaded and checked,
	// the site prepared.
	Prepare() (*pipeline.Version, error)
	// IndexAndData is the slow part of step 2: the search index and the
	// open data of v. It gives up once ctx is done.
	IndexAndData(ctx context.Context, v *pipeline.Version) (site.Files, error)
}

// Config is a preview's inputs, which the serve command makes from its flags.
type Config struct {
	Builder        Builder
	Watch          []Root    // folders on disk to watch; built-in content and templates never change
	Stdout, Stderr io.Writer // a line for every build; problems go to Stderr

	// HeaderTimeout and IdleTimeout bound slow and idle connections;
	// 0 means DefaultHeaderTimeout and DefaultIdleTimeout.
	HeaderTimeout, IdleTimeout time.Duration
}

// Root is a watched folder and the prefix that names its files in
// "changed: …" lines: "" for the content folder, whose files the
// problems name that way too, and "templates/" for the templates.
type Root struct{ Dir, Prefix string }

// server is one running preview.
type server struct {
	Config
	state atomic.Pointer[buildState] // set by publishLocked, read by every request

	bg *background // the latest version's step 2 (see rebuild.go); only the loop uses it

	mu       sync.Mutex // held while publishing, and for the fields below
	sites    int        // sites prepared so far
	indexes  int        // search indexes built so far
	latest   *version   // the newest site prepared
	verified *version   // the newest site whose every page rendered
}

// Serve runs the preview on ln until ctx is done. The first build is
// whole: nothing is served before every page has rendered and the search
// index is built, or the build has failed, when a page listing the
// problems is served until they are fixed. Serve returns nil once ctx is
// done, or the error that stopped the server.
func Serve(ctx context.Context, ln net.Listener, c Config) error {
	p := &server{Config: c}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := p.watch()
	if err != nil {
		return err
	}
	// Watching starts before the first build, so that a save during it
	// is not missed.
	start := time.Now()
	v, err := p.prepare()
	var index site.Files
	if err == nil {
		index, err = p.complete(ctx, v)
	}
	if err != nil {
		p.reportFailure(err, "第一次生成失败：在改正之前，预览显示一页问题清单")
		p.publishFailure(err)
	} else {
		fmt.Fprintf(p.Stdout, "已生成 %s：%s；%d 个文件，用时 %s\n", v.Catalog.Site.Title, pipeline.RecordCounts(v.Catalog),
			len(v.Site.Paths())+len(index), time.Since(start).Round(time.Millisecond))
		p.publishSite(v, index)
	}
	url, loopback := addrURL(ln.Addr())
	fmt.Fprintf(p.Stdout, "预览地址 %s （按 Ctrl-C 停止）\n", url)
	if !loopback {
		fmt.Fprintf(p.Stderr, "注意：别的电脑也能打开 %s，谁打开都能看到还没公布的内容；除非确实需要，请用 -addr 127.0.0.1:1313\n", ln.Addr())
	}
	p.describeRoots()

	var loop sync.WaitGroup
	loop.Go(func() { p.loop(ctx, w) })
	var handler http.Handler = p
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		handler = hostGuard{tcp, p}
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: cmp.Or(c.HeaderTimeout, DefaultHeaderTimeout),
		IdleTimeout:       cmp.Or(c.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    64 << 10,
		// Requests end with ctx, so that open event streams let Shutdown finish.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
		err = fmt.Errorf("serve：预览停止了：%w", err)
	}
	cancel()
	shutdownCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		srv.Close()
	}
	loop.Wait()
	p.cancelComplete()
	fmt.Fprintln(p.Stdout, "预览已停止")
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

func (p *server) describeRoots() {
	if len(p.Watch) == 0 {
		fmt.Fprintln(p.Stdout, "用的是内置的内容和模板：没有要监视的文件夹")
		return
	}
	var dirs []string
	for _, r := range p.Watch {
		dirs = append(dirs, r.Dir)
	}
	fmt.Fprintf(p.Stdout, "正在监视 %s 的改动\n", strings.Join(dirs, " 和 "))
}
