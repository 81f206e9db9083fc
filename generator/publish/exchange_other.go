//go:build !linux

package publish

// exchangeDirs is not available outside Linux (macOS's renamex_np
// RENAME_SWAP would do, but is untested here): publishing falls back to
// the journaled two-step swap.
func exchangeDirs(a, b string) error { return errNoExchange }

// mountPoint cannot tell portably; a mount point is then recognised when
// renaming it fails with EBUSY or EXDEV, and the site, written beside
// it, is copied in before its entries are moved in (see moveIn).
func mountPoint(dir string) bool { return false }
