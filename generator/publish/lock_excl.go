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
		return nil, lockedError(arg, path, holder, "请等它结束后再生成一次；如果确实没有别的生成在运行，请删掉这个锁文件")
	}
	if err != nil {
		return nil, fmt.Errorf("%s：无法创建锁文件：%w", arg, err)
	}
	writeHolder(f)
	return &outLock{f, path}, nil
}

func (l *outLock) release() {
	l.f.Close()
	os.Remove(l.path)
}
