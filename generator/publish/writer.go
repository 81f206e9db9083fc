package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// Options are what Open needs to know besides the folder.
type Options struct {
	// Flag is the command-line flag that named the folder, such as
	// "-out": errors about the folder as given start with it ("-out
	// public: …"). Empty, they start with the folder's name alone.
	Flag string
	// Log receives, a line each, what the operator should know: what
	// recovery did, dot entries that could not be carried over, and why
	// the process ended on a signal. Nil discards them.
	Log *log.Logger
}

// Count is what a Writer has written.
type Count struct {
	Files int
	Pages int   // files whose names end in .html
	Bytes int64 // their contents
}

// A BadOutError means the folder, as given, cannot be published into: it
// holds something other than a site, or its links go round in a loop. It
// is for the user to fix, not the system (package main reports it as
// wrong usage).
type BadOutError struct{ msg string }

func (e *BadOutError) Error() string { return e.msg }

// A Writer publishes one site into one folder: see the package comment.
type Writer struct {
	out   string          // the folder as given (cleaned), for messages
	arg   string          // the folder as given with Options.Flag, for errors about it
	log   *log.Logger     // from Options.Log, or one that discards
	dir   string          // the folder published into: out, or where a link at out leads
	state string          // folder of the lock and the journal: dir's parent, or dir if a mount point
	mount bool            // dir is a mount point: publish by moving entries in (moveIn)
	lock  *outLock        // held until Commit or Abort
	mu    sync.Mutex      // held while writing and publishing; a signal waits for it
	quiet func()          // stops catching signals
	tmp   string          // the new folder; "" once committed or aborted
	made  map[string]bool // folders created under tmp
	count Count           // written so far
}

// Open locks out, finishes or undoes a publication that a stopped build
// left halfway, removes the leftovers of earlier builds, checks that out
// may be replaced and makes the new folder. Until Commit or Abort, it
// catches SIGINT and SIGTERM (see the package comment).
func Open(out string, opts Options) (*Writer, error) {
	out = filepath.Clean(out)
	w := &Writer{out: out, arg: out, log: opts.Log}
	if opts.Flag != "" {
		w.arg = opts.Flag + " " + out
	}
	if w.log == nil {
		w.log = log.New(io.Discard, "", 0)
	}
	var err error
	if w.dir, err = resolveOut(out, w.arg); err != nil {
		return nil, err
	}
	w.state = filepath.Dir(w.dir)
	if err := os.MkdirAll(w.state, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建文件夹 %s：%w", w.state, err)
	}
	if w.mount = isMountPoint(w.dir); w.mount {
		w.state = w.dir
	}
	if w.lock, err = lockOut(w.arg, filepath.Join(w.state, w.prefix()+"lock")); err != nil {
		return nil, err
	}
	if err := w.recover(); err != nil {
		w.lock.release()
		return nil, err
	}
	if err := checkReplaceable(w.dir, w.arg); err != nil {
		w.lock.release()
		return nil, err
	}
	// Beside dir; inside it if a mount point, as a rename cannot leave a mount.
	if w.tmp, err = makeTemp(w.state, w.prefix()+"new-"); err != nil {
		w.lock.release()
		return nil, fmt.Errorf("写网站时出错：%w", err)
	}
	w.made = map[string]bool{w.tmp: true}
	w.quiet = w.catchSignals()
	return w, nil
}

func makeTemp(dir, prefix string) (string, error) {
	tmp, err := os.MkdirTemp(dir, prefix)
	if err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// prefix starts the names of the writer's own files and folders beside
// (or, for a mount point, in) the site: ".public." for public.
func (w *Writer) prefix() string { return "." + filepath.Base(w.dir) + "." }

// Write writes files, keyed by slash-separated paths from the site's
// root (a site.Files is such a map), into the new folder, in path order.
// It may be called any number of times before Commit. (Writing from
// several goroutines was measured slower: files of one folder contend
// for the folder's lock; and the other core is indexing meanwhile.) On
// an error the writer is aborted.
func (w *Writer) Write(files map[string][]byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmp == "" {
		return fmt.Errorf("写网站时出错：已经发布或放弃过了")
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		full := filepath.Join(w.tmp, filepath.FromSlash(p))
		if d := filepath.Dir(full); !w.made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return w.fail(err)
			}
			w.made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return w.fail(err)
		}
		w.count.Files++
		if strings.HasSuffix(p, ".html") {
			w.count.Pages++
		}
		w.count.Bytes += int64(len(files[p]))
	}
	return nil
}

// Count says what has been written so far.
func (w *Writer) Count() Count {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.count
}

// Commit puts the new folder in place of the old site and lets go of
// the lock. If it fails, the old site is as it was, unless the error
// says that the next build will finish the publication.
func (w *Writer) Commit() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmp == "" {
		return fmt.Errorf("写网站时出错：已经发布或放弃过了")
	}
	if err := w.publish(); err != nil {
		var u *unfinished
		if errors.As(err, &u) {
			w.tmp = "" // the journal needs it: the next build finishes the job
			w.finish()
			return fmt.Errorf("写网站时出错：%w", err)
		}
		return w.fail(err)
	}
	w.tmp = ""
	w.finish()
	return nil
}

// Abort throws the new folder away and lets go of the lock, unless
// Commit did already; it may be deferred right after Open.
func (w *Writer) Abort() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.abortLocked()
}

func (w *Writer) abortLocked() {
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
		w.tmp = ""
	}
	w.finish()
}

// finish stops catching signals and lets go of the lock; it is called
// with w.mu held, at most once doing anything.
func (w *Writer) finish() {
	if w.quiet != nil {
		w.quiet()
		w.quiet = nil
	}
	if w.lock != nil {
		w.lock.release()
		w.lock = nil
	}
}

// fail aborts, with w.mu held.
func (w *Writer) fail(err error) error {
	w.abortLocked()
	return fmt.Errorf("写网站时出错：%w（%s 没有改动）", err, w.out)
}

// catchSignals removes the new folder and ends the process on SIGINT or
// SIGTERM (exit code 128 + the signal's number, as a shell reports a
// process killed by it). It waits for a write or a commit under way, so
// that a commit is never cut in half. It returns a function that stops.
func (w *Writer) catchSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			w.mu.Lock()
			what := fmt.Sprintf("%s 没有改动", w.out)
			if w.tmp == "" {
				what = fmt.Sprintf("%s 已经发布好了", w.out)
			}
			w.abortLocked()
			name, code := "信号", 1
			if n, ok := sig.(syscall.Signal); ok {
				name, code = signalNames[n], 128+int(n)
			}
			// On a line of its own, after the ^C the terminal echoed.
			fmt.Fprintf(w.log.Writer(), "\n%s已停止（%s）；%s\n", w.log.Prefix(), name, what)
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

var signalNames = map[syscall.Signal]string{syscall.SIGINT: "SIGINT，即按了 Ctrl-C", syscall.SIGTERM: "SIGTERM"}

// checkReplaceable refuses to replace a folder that holds something other
// than a previous build, so that a mistyped folder cannot delete someone's
// files. arg names the folder as given.
func checkReplaceable(dir, arg string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s：%w", arg, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
				return &BadOutError{fmt.Sprintf("%s 不是空的，里面也没有 index.html：看起来不是生成的网站，为免删掉别人的文件，不会替换它；请清空它，或换一个文件夹", arg)}
			}
			return nil
		}
	}
	return nil
}

// resolveOut follows links at out to the folder they lead to, which
// need not exist yet. Publishing replaces that folder and leaves the
// links as they are. arg names out in errors.
func resolveOut(out, arg string) (string, error) {
	p := out
	for range 40 {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || err == nil && info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if err != nil {
			return "", fmt.Errorf("%s：%w", arg, err)
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", fmt.Errorf("%s：%w", arg, err)
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return "", &BadOutError{fmt.Sprintf("%s：链接太多，或者链接绕成了一个圈：请让它直接指向一个文件夹", arg)}
}
