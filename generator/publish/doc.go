// Package publish puts a finished site in place of the previous one, so
// that the site is never lost. Open takes an output folder ("public"); a
// Writer writes the new site's files into a new folder beside it (Write),
// and only when all of them are on disk does the new folder take the
// place of the old (Commit). Abort, a Write or Commit that fails, or
// SIGINT or SIGTERM leave the previous site exactly as it was and remove
// the new folder.
//
//	w, err := publish.Open("public", publish.Options{Flag: "-out", Log: logger})
//	if err != nil { … }
//	defer w.Abort() // does nothing after a Commit
//	… w.Write(files) as they are ready …
//	err = w.Commit()
//
// The package knows no flags, commands or terminals: the caller names
// the flag that gave the folder (Options.Flag, for errors about it),
// gives a logger for what the operator should know (Options.Log) and
// chooses the exit code of every error; a BadOutError is the user's to
// fix. It prints nothing itself and ends the process only on a signal.
//
// # Guarantees
//
//   - Nothing is replaced that does not look like a built site: a folder
//     with entries other than dot entries but no index.html is refused
//     (BadOutError), so that a mistyped folder cannot delete someone's
//     files.
//   - The top-level dot entries of the old site (.git, .well-known, …)
//     are carried over into the new one, which should have none of its
//     own.
//   - Two writers never publish into one folder at once (see The lock).
//   - A publication stopped at any point, even by SIGKILL or a power cut
//     after the file system's journal, is finished or undone by the next
//     Open before anything else: the folder then holds a whole site, the
//     old one if nothing had been renamed yet, else the new one, with its
//     dot entries (see Recovery).
//   - A visitor sees the old site or the new one, never a mix, where the
//     folders can be exchanged in one step (Linux); with the two-step swap
//     there is, for a moment, no site at all, and into a mount point, for
//     the moments the moves take, a mix of both. See How a site is swapped
//     in.
//
// # How a site is swapped in
//
// Commit puts the new folder in place of the old, and the next Open
// recovers when a publication is killed halfway:
//
//   - The folder does not exist yet: one rename, which is atomic.
//   - Linux: renameat2(RENAME_EXCHANGE) swaps the two folders in one
//     step (exchange_linux.go); a visitor sees the old site or the new
//     one. The old site's dot entries then move into the new one and the
//     old folder is removed. A publication killed in between leaves the
//     old folder under its temporary name; the next Open moves its dot
//     entries home before removing it (cleanLeftovers).
//   - Elsewhere, or on a file system without the exchange: a journaled
//     two-step swap (twoStep). The journal, a small file beside the
//     folder, names the folders; then the folder is renamed aside and the
//     new one renamed in. Between the two renames there is no folder: the
//     next Open reads the journal and finishes the swap (or, should the
//     new folder be gone, puts the old one back) before doing anything
//     else.
//   - The folder is a mount point (a container volume, a network share):
//     a mount point cannot be renamed (EBUSY), nor can anything be
//     renamed across it (EXDEV). The new site is written inside it, in a
//     dot folder, and its top-level entries are moved in one by one
//     (moveIn), assets/ first, each replacing the old entry of that name;
//     then the old entries the new site lacks go. This is not atomic:
//     during the moves a visitor may get a page of the new site next to
//     one of the old. It is journaled too, and the next Open finishes it.
//     On Linux a mount point is recognised before writing (statx);
//     elsewhere when the rename fails, and the new site is then copied in
//     first.
//
// A publication that fails past its journal and cannot be undone says so
// in Commit's error ("run build again to finish publishing"): the journal
// and the new folder stay for the next Open.
//
// # Links
//
// A folder given as a symbolic link (or a chain of them) publishes into
// the folder the link leads to, which need not exist yet; the link stays
// as it is, and the new folder, the lock and the journal go beside the
// folder it leads to.
//
// # Recovery
//
// Open, once it holds the lock, finishes or undoes the publication a
// stopped one left halfway, by its journal (recover.go). A journal is
// written before the first rename and removed after the last; it ends
// with a line "end", and one without it was cut short before any rename
// and is ignored. A missing folder beside an old site set aside without
// a journal (as versions before the journal left it) is recovered the
// same way. Open then removes the temporary folders that earlier
// publications left (only the writer's own, see Names); a dot entry at the
// top of one is the old site's and goes back into the folder first, and
// if the folder already has an entry of that name the leftover is kept
// and the operator told (Options.Log).
//
// # The lock
//
// From Open to Commit or Abort a Writer holds a lock on the folder, taken
// before anything is read or recovered, so that two builds never publish
// into one folder at once, also through a link. It is the file
// ".NAME.lock" beside the folder (in it, for a mount point), holding the
// process id of its holder, and is removed when let go. A second Open
// fails at once with "another build is publishing into it (process
// 1234, lock file …)". Where flock exists (lock_flock.go) the kernel lets
// go of a killed process's lock, so a lock file left by a killed build
// is simply taken over; elsewhere (lock_excl.go, Windows) such a file
// must be deleted by hand, as the message says.
//
// # Signals
//
// From Open to Commit or Abort, SIGINT and SIGTERM remove the new folder
// and let go of the lock, after a Write or a Commit under way finishes (a
// swap is never cut in half); then a line goes to Options.Log ("stopped
// (SIGINT, Ctrl-C); public was not changed", or "… was already
// published") and the process ends with exit code 128 + the signal's
// number, as a shell reports a process killed by it: 130 and 143.
//
// # Names
//
// The writer's own files and folders all start with "." + NAME + ".",
// where NAME is the last element of the folder published into:
// ".public.new-123" (a new folder), ".public.new-123.old" (an old site on
// its way out), ".public.lock" and ".public.journal". Open removes the
// folders it finds with that prefix and "new-", and nothing else.
package publish
