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
	tmp, err := os.CreateTemp(filepath.Dir(name), ".import-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if rerr := os.Remove(tmp.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
			err = rerr
		}
	}()
	_, err = tmp.Write(data)
	if err == nil {
		err = syncFile(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w; nothing was written", name, err)
	}
	if err := os.Link(tmp.Name(), name); err == nil {
		return nil
	} else if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s appeared while importing; nothing was written: run the import again", name)
	}
	// A file system without hard links: rename, after checking again.
	if _, err := os.Lstat(name); err == nil {
		return fmt.Errorf("%s appeared while importing; nothing was written: run the import again", name)
	}
	return os.Rename(tmp.Name(), name)
}
