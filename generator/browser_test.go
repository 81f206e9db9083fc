package main

// The harness for the browser tests: Debian's Chromium driven by chromedp
// against the built sample site, over http and from file://.
//
// Without a browser the tests skip and say how to enable them; with
// JZ_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser or axe-core is a
// failure. Screenshots go to testdata/artifacts/ (gitignored).

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"jianzheng/generator/internal/browsertest"
)

const enableBrowserHelp = browsertest.Help

func requireBrowser() bool { return browsertest.Required() }

func axePath() string {
	if p := os.Getenv("JZ_AXE"); p != "" {
		return p
	}
	return filepath.Join("..", ".ci", "npm", "node_modules", "axe-core", "axe.min.js")
}

// sampleSite is the sample built once for all browser tests.
var sampleSite struct {
	once sync.Once
	dir  string
	err  error
}

func builtSample(t *testing.T) string {
	t.Helper()
	sampleSite.once.Do(func() {
		dir, err := os.MkdirTemp("", "jz-browser-")
		if err != nil {
			sampleSite.err = err
			return
		}
		out := filepath.Join(dir, "public")
		var o, e strings.Builder
		if code := run([]string{"build", "-content", "../content", "-templates", "../templates", "-out", out}, &o, &e); code != 0 {
			sampleSite.err = fmt.Errorf("build exited %d: %s%s", code, o.String(), e.String())
		}
		sampleSite.dir = out
	})
	if sampleSite.err != nil {
		t.Fatal(sampleSite.err)
	}
	return sampleSite.dir
}

// browserSession is one headless Chromium with one tab, recording every
// console error, failed request and CSP violation it sees.
type browserSession struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

type browserOptions struct {
	noJS          bool
	width, height int // the viewport; 1280 and 900 if zero
}

func newBrowser(t *testing.T, opt browserOptions) *browserSession {
	t.Helper()
	exe := browsertest.Chromium(t)
	if opt.width == 0 {
		opt.width = 1280
	}
	if opt.height == 0 {
		opt.height = 900
	}
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(opt.width, opt.height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOpts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b := &browserSession{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, b.listen); err != nil {
		t.Fatal(err)
	}
	steps := []chromedp.Action[chromedp.Void]{
		enable(log.Enable), enable(network.Enable), enable(runtime.Enable),
		chromedp.EmulateViewport(int64(opt.width), int64(opt.height)),
	}
	if opt.noJS {
		steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return b
}

func enable[P any](cmd cdp.Command[P, cdp.Empty]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		var p P
		_, err := cdp.Call(ctx, tg, cmd, p)
		return err
	})
}

func (b *browserSession) listen(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p = "console error: " + strings.Join(args, " ")
		}
	case *runtime.EventExceptionThrown:
		p = "uncaught exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			p += " " + ev.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Source == log.EntrySourceSecurity {
			p = fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p = "failed request: " + ev.ErrorText + " " + string(ev.RequestID)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p = fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	}
	if p != "" {
		b.mu.Lock()
		b.problems = append(b.problems, p)
		b.mu.Unlock()
	}
}

// takeProblems returns and clears what went wrong since the last call.
func (b *browserSession) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

func (b *browserSession) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// open loads a page and waits for it; url is absolute.
func (b *browserSession) open(t *testing.T, url string) {
	t.Helper()
	b.do(t, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body")))
}

func (b *browserSession) click(t *testing.T, selector string) {
	t.Helper()
	b.do(t, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// eval evaluates a JavaScript expression (awaiting a promise) as a T.
func eval[T any](t *testing.T, b *browserSession, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", expr, err)
	}
	return v
}

// tryEval is eval for moments when the page may be navigating: it returns
// the error instead of failing the test.
func tryEval[T any](b *browserSession, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

func (b *browserSession) screenshot(t *testing.T, name string) {
	t.Helper()
	img, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // 100: lossless PNG
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "artifacts")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// serve serves dir on 127.0.0.1 and returns its base URL (ending in /).
func serve(t *testing.T, dir string) string {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func fileURL(dir string) string {
	abs, _ := filepath.Abs(dir)
	return "file://" + filepath.ToSlash(abs) + "/"
}
