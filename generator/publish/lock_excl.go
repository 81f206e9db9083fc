//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// outLock is a lock file created exclusively: without flock, a lock
// file left by a killed build cannot be told from a live one, so the
// message asks the operator to delete it.
type outLock struct {
	f    *os.File
	path string
}

func lockOut(arg, path string) (*outLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		holder := ""
		if g, err := os.Open(path); err == nil {
			holder = lockHolder(g)
			g.Close()
		}
		return nil, lockedError(arg, path, holder, "wait for it to finish, then build again; if no build is running, delete the lock file")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot make the lock file: %w", arg, err)
	}
	writeHolder(f)
	return &outLock{f, path}, nil
}

func (l *outLock) release() {
	l.f.Close()
	os.Remove(l.path)
}
