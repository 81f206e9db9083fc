package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"jianzheng/generator/site"
)

// siteWriter replaces the folder out with a new site so that the site
// is never lost: files are written into a new folder as they come
// (write), and only when all of them are on disk does the new folder
// take the place of the old (commit, see publish.go for how). A build
// that fails at any point (abort), or is stopped by SIGINT or SIGTERM,
// leaves the previous site exactly as it was and removes its new folder.
// Top-level dot entries of the old site (.git, .well-known, …) are
// carried over.
//
// From newSiteWriter to commit or abort, the writer holds a lock on out
// (lock_*.go), so that two builds never publish into one folder; before
// anything else it finishes or undoes a publication that a killed build
// left halfway and removes the temporary folders of earlier runs.
type siteWriter struct {
	out   string          // -out as given, for messages
	dir   string          // the folder published into: out, or where a link at out leads
	state string          // folder of the lock and the journal: dir's parent, or dir if a mount point
	mount bool            // dir is a mount point: publish by moving entries in (moveIn)
	lock  *outLock        // held until commit or abort
	mu    sync.Mutex      // held while writing and publishing; a signal waits for it
	quiet func()          // stops catching signals
	tmp   string          // the new folder; "" once committed or aborted
	made  map[string]bool // folders created under tmp
	files int
	pages int   // files ending in .html
	bytes int64 // written
}

// newSiteWriter locks out, recovers from interrupted builds, checks that
// out may be replaced and makes the new folder.
func newSiteWriter(out string) (*siteWriter, error) {
	out = filepath.Clean(out)
	dir, err := resolveOut(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	w := &siteWriter{out: out, dir: dir, state: parent}
	if w.mount = isMountPoint(dir); w.mount {
		w.state = dir
	}
	if w.lock, err = lockOut(out, filepath.Join(w.state, w.prefix()+"lock")); err != nil {
		return nil, err
	}
	if err := w.recover(); err != nil {
		w.lock.release()
		return nil, err
	}
	if err := checkReplaceable(dir, out); err != nil {
		w.lock.release()
		return nil, err
	}
	// Beside dir; inside it if a mount point, as a rename cannot leave a mount.
	if w.tmp, err = makeTemp(w.state, w.prefix()+"new-"); err != nil {
		w.lock.release()
		return nil, fmt.Errorf("writing the site: %w", err)
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
// (or, for a mount point, in) the site: ".public." for -out public.
func (w *siteWriter) prefix() string { return "." + filepath.Base(w.dir) + "." }

// write writes files into the new folder, in path order. (Writing from
// several goroutines was measured slower: files of one folder contend
// for the folder's lock; and the other core is indexing meanwhile.)
func (w *siteWriter) write(files site.Files) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmp == "" {
		return fmt.Errorf("writing the site: already committed or aborted")
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
		w.files++
		if strings.HasSuffix(p, ".html") {
			w.pages++
		}
		w.bytes += int64(len(files[p]))
	}
	return nil
}

// commit puts the new folder in place of out.
func (w *siteWriter) commit() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmp == "" {
		return fmt.Errorf("writing the site: already committed or aborted")
	}
	if err := w.publish(); err != nil {
		var u *unfinished
		if errors.As(err, &u) {
			w.tmp = "" // the journal needs it: the next build finishes the job
			w.finish()
			return fmt.Errorf("writing the site: %w", err)
		}
		return w.fail(err)
	}
	w.tmp = ""
	w.finish()
	return nil
}

// abort throws the new folder away, unless it was committed.
func (w *siteWriter) abort() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.abortLocked()
}

func (w *siteWriter) abortLocked() {
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
		w.tmp = ""
	}
	w.finish()
}

// finish stops catching signals and lets go of the lock; it is called
// with w.mu held, at most once doing anything.
func (w *siteWriter) finish() {
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
func (w *siteWriter) fail(err error) error {
	w.abortLocked()
	return fmt.Errorf("writing the site: %w (%s was not changed)", err, w.out)
}

// catchSignals removes the new folder and ends the process on SIGINT or
// SIGTERM (exit code 128 + the signal's number, as a shell reports a
// process killed by it). It waits for a write or a commit under way, so
// that a commit is never cut in half. It returns a function that stops.
func (w *siteWriter) catchSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			w.mu.Lock()
			what := fmt.Sprintf("%s was not changed", w.out)
			if w.tmp == "" {
				what = fmt.Sprintf("%s was already published", w.out)
			}
			w.abortLocked()
			name, code := "a signal", 1
			if n, ok := sig.(syscall.Signal); ok {
				name, code = signalNames[n], 128+int(n)
			}
			fmt.Fprintf(os.Stderr, "\nbuild: stopped (%s); %s\n", name, what)
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

var signalNames = map[syscall.Signal]string{syscall.SIGINT: "SIGINT, Ctrl-C", syscall.SIGTERM: "SIGTERM"}

// checkReplaceable refuses to replace a folder that holds something other
// than a previous build, so that a mistyped -out cannot delete someone's files.
func checkReplaceable(dir, out string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
				return &usageError{fmt.Sprintf("-out %s is not empty and holds no index.html: it does not look like a built site, so it will not be replaced; empty it or choose another folder", out)}
			}
			return nil
		}
	}
	return nil
}

// resolveOut follows links at out to the folder they lead to, which
// need not exist yet. Publishing replaces that folder and leaves the
// links as they are.
func resolveOut(out string) (string, error) {
	p := out
	for range 40 {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || err == nil && info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if err != nil {
			return "", fmt.Errorf("-out %s: %w", out, err)
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", fmt.Errorf("-out %s: %w", out, err)
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return "", &usageError{fmt.Sprintf("-out %s: too many links, or links in a loop", out)}
}
