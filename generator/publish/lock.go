package publish

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// The lock: see the package comment. Its flock(2) form is in
// lock_flock.go, the exclusively created file elsewhere in lock_excl.go.

// lockedError says who holds the lock and what to do.
func lockedError(arg, path, holder, advice string) error {
	who := "另一个进程"
	if holder != "" {
		who = "进程号 " + holder
	}
	return fmt.Errorf("%s：另一次生成正在往这个文件夹里发布（%s，锁文件 %s）；%s", arg, who, path, advice)
}

// lockHolder reads the process id written in a lock file.
func lockHolder(f *os.File) string {
	data, _ := io.ReadAll(io.LimitReader(f, 64))
	return strings.TrimSpace(string(data))
}

// writeHolder writes this process's id into the lock file f.
func writeHolder(f *os.File) {
	f.Truncate(0)
	f.WriteAt([]byte(fmt.Sprintf("%d\n", os.Getpid())), 0)
}
