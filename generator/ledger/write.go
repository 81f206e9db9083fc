package ledger

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// syncFile is (*os.File).Sync; tests make it fail as a full disk would.
var syncFile = (*os.File).Sync

// WriteNew writes a new content file at name, whole or not at all: into a
// temporary file in the same folder (".import-*.tmp", which the catalog
// does not read), synced, then linked to name, so that a full disk or a
// kill leaves the content folder as it was, and a file that appeared at
// name meanwhile is never replaced.
func WriteNew(name string, data []byte) (err error) {
	tmp, err := writeTemp(name, data)
	if err != nil {
		return err
	}
	defer removeTemp(tmp, &err)
	if err := os.Link(tmp, name); err == nil {
		return nil
	} else if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("导入时 %s 被别的程序建了出来，没有写入：请再导入一次", name)
	}
	// A file system without hard links: rename, after checking again.
	if _, err := os.Lstat(name); err == nil {
		return fmt.Errorf("导入时 %s 被别的程序建了出来，没有写入：请再导入一次", name)
	}
	return os.Rename(tmp, name)
}

// Replace rewrites an existing content file whole or not at all: a
// temporary file in the same folder, synced, renamed over name.
func Replace(name string, data []byte) (err error) {
	tmp, err := writeTemp(name, data)
	if err != nil {
		return err
	}
	defer removeTemp(tmp, &err)
	return os.Rename(tmp, name)
}

// writeTemp writes data to a synced temporary file beside name and
// returns its path.
func writeTemp(name string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), ".import-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("写 %s 时出错：%w；没有写入任何内容", name, err)
	}
	return f.Name(), nil
}

// removeTemp removes the temporary file once it is linked or renamed (a
// rename leaves nothing to remove), reporting a failure only when nothing
// else failed.
func removeTemp(tmp string, err *error) {
	if rerr := os.Remove(tmp); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && *err == nil {
		*err = rerr
	}
}
