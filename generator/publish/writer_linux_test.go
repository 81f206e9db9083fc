package publish

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestSwapRealMountPoint publishes into a real mount point: a tmpfs (a
// file system of its own: renames across it fail with EXDEV) and a bind
// mount of a folder of the same file system (the same device: only the
// mount root attribute or mount id tell). It needs root (CAP_SYS_ADMIN)
// and is skipped without.
func TestSwapRealMountPoint(t *testing.T) {
	for _, kind := range []string{"tmpfs", "bind"} {
		t.Run(kind, func(t *testing.T) {
			hooks(t)
			root := t.TempDir()
			out := filepath.Join(root, "public")
			os.Mkdir(out, 0o755)
			var err error
			if kind == "tmpfs" {
				err = unix.Mount("tmpfs", out, "tmpfs", 0, "size=16m")
			} else {
				src := filepath.Join(root, "volume")
				os.Mkdir(src, 0o755)
				err = unix.Mount(src, out, "", unix.MS_BIND, "")
			}
			if err != nil {
				t.Skipf("cannot mount here (needs root): %v", err)
			}
			t.Cleanup(func() { unix.Unmount(out, unix.MNT_DETACH) })
			if !mountPoint(out) || mountPoint(root) {
				t.Fatalf("mountPoint(%s) = %v, mountPoint(%s) = %v", out, mountPoint(out), root, mountPoint(root))
			}
			before, _ := os.Stat(out)
			publishFake(t, out, "v1")
			for name, data := range dots {
				os.MkdirAll(filepath.Join(out, filepath.Dir(name)), 0o755)
				os.WriteFile(filepath.Join(out, name), data, 0o644)
			}
			publishFake(t, out, "v2")
			checkPublished(t, out, "v2")
			after, _ := os.Stat(out)
			if !os.SameFile(before, after) {
				t.Error("the mount point was replaced")
			}
			isMountPoint = func(string) bool { return false } // as on a system that cannot tell: EBUSY or EXDEV, then copy in
			publishFake(t, out, "v1")
			checkPublished(t, out, "v1")
		})
	}
}
