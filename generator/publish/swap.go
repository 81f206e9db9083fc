package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// The ways of swapping a site in, and their guarantees, are described in
// the package comment (doc.go).

// Test hooks. publishRename and publishExchange do the renames, so that
// a test can make them fail; publishStep is called after each step of a
// publication, so that a test can kill the process there and check what
// the next build makes of it; isMountPoint can be told that any folder
// is one.
var (
	publishRename   = os.Rename
	publishExchange = exchangeDirs
	publishStep     = func(name string) {}
	isMountPoint    = mountPoint
)

// errNoExchange means the system or file system cannot swap two folders
// in one step.
var errNoExchange = errors.New("这里不能一步交换两个文件夹")

// unfinished means a publication failed past its journal and could not
// be undone: the journal and the new folder stay, and the next build
// finishes the publication. state says what the folder holds meanwhile.
type unfinished struct {
	err   error
	state string
}

func (e *unfinished) Error() string {
	return fmt.Sprintf("%v；%s：请再运行一次 build 把发布完成", e.err, e.state)
}

func (e *unfinished) Unwrap() error { return e.err }

// cannotRename reports an error from renaming a mount point or across one.
func cannotRename(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV)
}

// publish puts w.tmp in place of w.dir.
func (w *Writer) publish() error {
	if w.mount {
		return w.moveIn()
	}
	if _, err := os.Lstat(w.dir); errors.Is(err, fs.ErrNotExist) {
		return publishRename(w.tmp, w.dir)
	}
	err := publishExchange(w.tmp, w.dir)
	switch {
	case err == nil:
		publishStep("exchanged")
		// w.tmp now holds the old site.
		if err := moveDots(w.tmp, w.dir); err != nil {
			w.log.Printf("已发布 %s，但没能把原来名字以点开头的文件（如 .git）搬过来（%v）；它们在 %s，下次生成时会搬过来", w.out, err, w.tmp)
			return nil
		}
		publishStep("dots")
		os.RemoveAll(w.tmp)
		return nil
	case cannotRename(err):
		return w.moveIn()
	case errors.Is(err, errNoExchange):
		return w.twoStep()
	}
	return err
}

// twoStep swaps with two renames, journaled so that the next build can
// finish what a killed one began.
func (w *Writer) twoStep() error {
	j := journal{mode: "swap", tmp: w.tmp, old: w.tmp + ".old"}
	if err := w.writeJournal(j); err != nil {
		return err
	}
	publishStep("journal")
	if err := publishRename(w.dir, j.old); err != nil {
		w.removeJournal()
		if cannotRename(err) {
			return w.moveIn()
		}
		return err
	}
	publishStep("aside")
	if err := publishRename(w.tmp, w.dir); err != nil {
		if publishRename(j.old, w.dir) != nil {
			return &unfinished{err, fmt.Sprintf("原来的网站暂时移到了 %s", j.old)}
		}
		w.removeJournal()
		return err
	}
	publishStep("swapped")
	if err := moveDots(j.old, w.dir); err != nil {
		w.log.Printf("已发布 %s，但没能把原来名字以点开头的文件（如 .git）搬过来（%v）；它们在 %s，下次生成时会搬过来", w.out, err, j.old)
		return nil
	}
	publishStep("dots")
	w.removeJournal()
	os.RemoveAll(j.old)
	return nil
}

// moveIn publishes into a folder that cannot be renamed: see above. The
// new site is normally written inside w.dir already; if it was written
// beside it (a mount point not recognised as one), it is copied in first.
func (w *Writer) moveIn() error {
	if filepath.Dir(w.tmp) != w.dir {
		stage, err := makeTemp(w.dir, w.prefix()+"new-")
		if err != nil {
			return err
		}
		if err := os.CopyFS(stage, os.DirFS(w.tmp)); err != nil {
			os.RemoveAll(stage)
			return err
		}
		os.RemoveAll(w.tmp)
		w.tmp = stage
	}
	entries, err := os.ReadDir(w.tmp)
	if err != nil {
		return err
	}
	j := journal{mode: "move", tmp: w.tmp, old: w.tmp + ".old"}
	for _, e := range entries {
		j.names = append(j.names, e.Name())
	}
	if err := w.writeJournal(j); err != nil {
		return err
	}
	publishStep("journal")
	if err := w.finishMove(j); err != nil {
		return &unfinished{err, "文件夹里现在只有一部分新网站"}
	}
	return nil
}

// finishMove moves the entries of j.tmp into w.dir, the old ones of the
// same name into j.old first, then the old entries the new site lacks.
// It takes up where an interrupted run stopped: an entry already moved
// is no longer in j.tmp. assets/ goes first, so that the new pages, as
// they arrive, find their stylesheet and scripts.
func (w *Writer) finishMove(j journal) error {
	if err := os.MkdirAll(j.old, 0o755); err != nil {
		return err
	}
	names := slices.Clone(j.names)
	slices.SortStableFunc(names, func(a, b string) int {
		return boolInt(b == "assets") - boolInt(a == "assets")
	})
	for _, name := range names {
		from, to := filepath.Join(j.tmp, name), filepath.Join(w.dir, name)
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if _, err := os.Lstat(to); err == nil {
			if err := publishRename(to, filepath.Join(j.old, name)); err != nil {
				return err
			}
		}
		if err := publishRename(from, to); err != nil {
			return err
		}
		publishStep("moved " + name)
	}
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") && !slices.Contains(j.names, e.Name()) {
			if err := publishRename(filepath.Join(w.dir, e.Name()), filepath.Join(j.old, e.Name())); err != nil {
				return err
			}
		}
	}
	w.removeJournal()
	os.RemoveAll(j.old)
	os.RemoveAll(j.tmp)
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// moveDots moves the top-level dot entries of from into to, except the
// writer's own (which start with a dot too, in a mount point).
func moveDots(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			if err := publishRename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
