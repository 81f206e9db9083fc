package publish

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps the folders a and b in one step, with
// renameat2(RENAME_EXCHANGE) (Linux 3.15; ext4, xfs, btrfs, tmpfs and
// most local file systems). It returns errNoExchange where the kernel or
// the file system cannot.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}

// mountPoint reports whether dir is the root of a mount (a container
// volume, a bind mount, a network share), which cannot be renamed: by
// statx's STATX_ATTR_MOUNT_ROOT (Linux 5.8), else by comparing the mount
// id or the device with those of the parent folder. A bind mount of a
// folder of the same file system is found only by the first two.
func mountPoint(dir string) bool {
	const mask = unix.STATX_BASIC_STATS | unix.STATX_MNT_ID
	var st, up unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, mask, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return false // missing, or not a folder: nothing to care about
	}
	if st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	if unix.Statx(unix.AT_FDCWD, filepath.Dir(dir), 0, mask, &up) != nil {
		return false
	}
	if st.Mask&up.Mask&unix.STATX_MNT_ID != 0 {
		return st.Mnt_id != up.Mnt_id
	}
	return st.Dev_major != up.Dev_major || st.Dev_minor != up.Dev_minor
}
