package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows the stages of a long build. A build that ends within a
// second prints nothing. After that, on a terminal the current stage is
// rewritten in place on one line; elsewhere (CI logs) each stage is one
// plain line, so logs stay quiet and line-oriented.
type progress struct {
	w       io.Writer
	tty     bool
	mu      sync.Mutex
	msg     string
	shown   bool
	timer   *time.Timer
	printed time.Time // when the line was last written
}

// newProgress starts a report that shows itself after delay (a second, in builds).
func newProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w, tty: isTerminal(w)}
	p.timer = time.AfterFunc(delay, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.shown = true
		p.print()
	})
	return p
}

// Stage names what the build does now.
func (p *progress) Stage(format string, args ...any) { p.set(true, format, args...) }

// Count updates the current stage's counts ("3,000 of 19,611 files"): on
// a terminal the line is rewritten, at most ten times a second; elsewhere
// nothing is printed, so that logs get one line per stage.
func (p *progress) Count(format string, args ...any) { p.set(false, format, args...) }

func (p *progress) set(stage bool, format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msg = fmt.Sprintf(format, args...)
	if p.shown && (stage || p.tty && time.Since(p.printed) >= 100*time.Millisecond) {
		p.print()
	}
}

func (p *progress) print() {
	p.printed = time.Now()
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s…", p.msg)
	} else {
		fmt.Fprintf(p.w, "%s…\n", p.msg)
	}
}

// done clears the progress line before the summary.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.timer.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	p.shown = false
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
