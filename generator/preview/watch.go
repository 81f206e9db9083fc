package preview

// The watcher: changes under the watched folders become a rebuild once
// the folders have been quiet for a moment.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the folders must stay quiet before a rebuild: one
// save is often several events (write, chmod, a temporary file renamed
// over the old one), and a git checkout is hundreds.
const settle = 100 * time.Millisecond

// watch starts watching every folder under the roots. fsnotify watches
// folders, not trees, so each one is added; loop adds those created later.
func (p *server) watch() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve：无法监视改动：%w", err)
	}
	for _, r := range p.Watch {
		if err := addTree(w, r.Dir); err != nil {
			w.Close()
			return nil, fmt.Errorf("serve：无法监视 %s：%w", r.Dir, err)
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
func (p *server) loop(ctx context.Context, w *fsnotify.Watcher) {
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
						fmt.Fprintf(p.Stderr, "serve：无法监视 %s：%v\n", ev.Name, err)
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
			fmt.Fprintf(p.Stderr, "serve：监视改动时出错：%v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) { // changes were lost: rebuild anyway
				changed["（改动太多，没有一一列出）"] = ""
				quiet = time.After(settle)
			}
		case <-quiet:
			quiet = nil
			p.rebuildAfter(ctx, changed)
			changed = map[string]string{}
		}
	}
}

// changeName names the changed file relative to its root, or reports
// that the event does not matter.
func (p *server) changeName(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
		return "", false
	}
	for _, r := range p.Watch {
		rel, err := filepath.Rel(r.Dir, ev.Name)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r.Prefix + filepath.ToSlash(rel), true
		}
	}
	return filepath.ToSlash(ev.Name), true
}

// describeChanges lists changed files for the line "重新生成……（改动：…）". Files
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
		names = append(names[:3], fmt.Sprintf("另有 %d 个", len(names)-3))
	}
	return strings.Join(names, "、")
}

// rebuildAfter prepares the new version of the site, prints one line,
// plus the problems if any, publishes it and starts its step 2 (see
// rebuild.go).
func (p *server) rebuildAfter(ctx context.Context, changed map[string]string) {
	what := describeChanges(changed)
	// The terminal hears first, then the browsers, so that whoever
	// reacts to a browser's reload finds the terminal up to date.
	start := time.Now()
	p.pauseComplete()
	v, err := p.prepare()
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case err == nil:
		fmt.Fprintf(p.Stdout, "重新生成用时 %s （改动：%s）\n", took, what)
	case p.state.Load().site == nil:
		p.reportFailure(err, fmt.Sprintf("重新生成失败，用时 %s（改动：%s）；还没有能显示的版本", took, what))
	default:
		p.reportFailure(err, fmt.Sprintf("重新生成失败，用时 %s（改动：%s）；继续显示上一个生成成功的版本", took, what))
	}
	if err != nil {
		p.publishFailure(err)
		p.resumeComplete(ctx)
		return
	}
	v.changed = what
	p.publishSite(v, nil)
	p.startComplete(ctx, v)
}
