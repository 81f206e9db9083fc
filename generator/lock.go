package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// The lock keeps two builds from publishing into one folder at once: it
// is taken by newSiteWriter, before anything is read or recovered, and
// let go at commit or abort. It is the file ".out.lock" beside out (in
// out, for a mount point), holding the process id of its holder, and is
// removed when let go. Where flock exists (lock_flock.go) the kernel
// lets go of a killed process's lock, so a lock file left by a killed
// build is simply taken over; elsewhere (lock_excl.go) such a file must
// be deleted by hand, as the message says.

// lockedError says who holds the lock and what to do.
func lockedError(out, path, holder, advice string) error {
	who := "another process"
	if holder != "" {
		who = "process " + holder
	}
	return fmt.Errorf("-out %s: another build is publishing into it (%s, lock file %s); %s", out, who, path, advice)
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
