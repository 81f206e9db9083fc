package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// What Open does before anything else (see Recovery in the package
// comment): finish or undo the publication a stopped build left halfway,
// by its journal, then remove the temporary folders of earlier builds.

// journal is a publication under way, written before its first rename
// and removed after its last. Paths are stored relative to the folder
// that holds out, one "key value" per line, and a last line "end": a
// journal without it was cut short, so no rename had happened yet.
type journal struct {
	mode     string   // "swap" (twoStep) or "move" (moveIn)
	tmp, old string   // the new folder; where the old site goes
	names    []string // move: the new site's top-level entries
}

func (w *Writer) journalPath() string { return filepath.Join(w.state, w.prefix()+"journal") }

func (w *Writer) writeJournal(j journal) error {
	base := filepath.Dir(w.dir)
	var b strings.Builder
	fmt.Fprintf(&b, "mode %s\n", j.mode)
	for _, kv := range [][2]string{{"tmp", j.tmp}, {"old", j.old}} {
		rel, err := filepath.Rel(base, kv[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %s\n", kv[0], filepath.ToSlash(rel))
	}
	for _, name := range j.names {
		fmt.Fprintf(&b, "name %s\n", name)
	}
	b.WriteString("end\n")
	f, err := os.OpenFile(w.journalPath(), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (w *Writer) removeJournal() { os.Remove(w.journalPath()) }

// readJournal reads the journal, if there is one. A journal cut short
// (the build was killed while writing it, before any rename) or naming
// folders that are not the writer's own is ignored, and the leftovers
// are then removed as any others.
func (w *Writer) readJournal() (journal, bool) {
	f, err := os.Open(w.journalPath())
	if err != nil {
		return journal{}, false
	}
	defer f.Close()
	var j journal
	base := filepath.Dir(w.dir)
	own := func(rel string) string {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if !filepath.IsLocal(filepath.FromSlash(rel)) || !strings.HasPrefix(filepath.Base(p), w.prefix()+"new-") ||
			(filepath.Dir(p) != base && filepath.Dir(p) != w.dir) {
			return ""
		}
		return p
	}
	sc := bufio.NewScanner(f)
	complete := false
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "end":
			complete = true
		case "mode":
			j.mode = value
		case "tmp":
			j.tmp = own(value)
		case "old":
			j.old = own(value)
		case "name":
			if value != "" && filepath.IsLocal(value) && !strings.ContainsAny(value, `/\`) {
				j.names = append(j.names, value)
			}
		}
	}
	if !complete || (j.mode != "swap" && j.mode != "move") || j.tmp == "" || j.old == "" {
		return journal{}, false
	}
	return j, true
}

// recover finishes or undoes a publication that a killed build left
// halfway, then removes the temporary folders of earlier builds.
func (w *Writer) recover() error {
	_, statErr := os.Lstat(w.dir)
	missing := errors.Is(statErr, fs.ErrNotExist)
	j, ok := w.readJournal()
	if !ok && missing {
		j, ok = w.legacySwap()
	}
	if ok {
		if err := w.resume(j, missing); err != nil {
			return fmt.Errorf("上次生成往 %s 发布到一半时停止了，补完那次发布时出错：%w", w.out, err)
		}
	}
	w.removeJournal()
	return w.cleanLeftovers()
}

// resume finishes the publication j.
func (w *Writer) resume(j journal, missing bool) error {
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	switch {
	case j.mode == "move" && exists(j.tmp):
		w.log.Printf("上次生成往 %s 发布到一半时停止了：现在把那次发布补完", w.out)
		return w.finishMove(j)
	case j.mode == "swap" && missing && exists(j.tmp):
		w.log.Printf("%s 不见了：上次生成停止前把它移到了一边；现在发布那次已经生成好的网站", w.out)
		return publishRename(j.tmp, w.dir)
	case j.mode == "swap" && missing && exists(j.old):
		w.log.Printf("%s 不见了：上次生成停止前把它移到了一边；现在把它放回原处", w.out)
		return publishRename(j.old, w.dir)
	}
	return nil // nothing was renamed yet, or all was: the leftovers go
}

// legacySwap recognises an out set aside by a two-step swap without a
// journal, as builds before the journal left it when killed between the
// renames: the newest ".out.new-*.old" beside a missing out.
func (w *Writer) legacySwap() (journal, bool) {
	parent := filepath.Dir(w.dir)
	matches, _ := filepath.Glob(filepath.Join(parent, globEscape(w.prefix())+"new-*.old"))
	var best journal
	var newest int64
	for _, old := range matches {
		info, err := os.Stat(old)
		if err != nil || !info.IsDir() {
			continue
		}
		if t := info.ModTime().UnixNano(); best.old == "" || t > newest {
			best, newest = journal{mode: "swap", tmp: strings.TrimSuffix(old, ".old"), old: old}, t
		}
	}
	return best, best.old != ""
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(s)
}

// cleanLeftovers removes the temporary folders that earlier builds left
// beside out (or in it, for a mount point): killed builds, or builds of
// versions that did not clean up. A dot entry found at the top of one is
// the old site's (.git, …: a new site has none) and goes back into out
// first; if out already has an entry of that name, the folder is kept
// and the operator told.
func (w *Writer) cleanLeftovers() error {
	removed := 0
	for _, where := range []string{filepath.Dir(w.dir), w.dir} {
		entries, err := os.ReadDir(where)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() || !strings.HasPrefix(e.Name(), w.prefix()+"new-") {
				continue
			}
			left := filepath.Join(where, e.Name())
			if kept := rescueDots(left, w.dir); kept != "" {
				w.log.Printf("保留了停止的生成留下的 %s：里面有 %s，而 %s 里也有一个同名的；请比较两者，再删掉这个文件夹", left, kept, w.out)
				continue
			}
			if err := os.RemoveAll(left); err != nil {
				return fmt.Errorf("删除停止的生成留下的 %s 时出错：%w", left, err)
			}
			removed++
		}
	}
	if removed > 0 {
		w.log.Printf("删除了 %[2]s 旁边 %[1]d 个临时文件夹，是之前停止的生成留下的", removed, w.out)
	}
	return nil
}

// rescueDots moves the top-level dot entries of left into dir and
// returns the name of one it could not move, or "".
func rescueDots(left, dir string) string {
	entries, err := os.ReadDir(left)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		to := filepath.Join(dir, e.Name())
		if _, err := os.Lstat(to); err == nil {
			return e.Name()
		}
		if err := publishRename(filepath.Join(left, e.Name()), to); err != nil {
			return e.Name()
		}
	}
	return ""
}
