//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// outLock is a flock(2) on the lock file.
type outLock struct {
	f    *os.File
	path string
}

func lockOut(arg, path string) (*outLock, error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s：无法创建锁文件：%w", arg, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder := lockHolder(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, lockedError(arg, path, holder, "请等它结束后再生成一次")
			}
			return nil, fmt.Errorf("%s：无法锁定锁文件 %s：%w", arg, path, err)
		}
		// The holder before may have removed the file between our open
		// and our flock; then the lock is on a file nobody else opens.
		if a, err := f.Stat(); err == nil {
			if b, err := os.Stat(path); err == nil && os.SameFile(a, b) {
				writeHolder(f)
				return &outLock{f, path}, nil
			}
		}
		f.Close()
	}
	return nil, fmt.Errorf("%s：无法锁定锁文件 %s：它不断被别的生成替换；请等别的生成结束后再生成一次", arg, path)
}

// release removes the file before unlocking it, so that whoever opens
// the path next makes a new file (see lockOut).
func (l *outLock) release() {
	os.Remove(l.path)
	l.f.Close()
}
