package publish

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests drive Writer on small sites of a few files, so that they
// run in milliseconds; TestRebuildKeepsDotEntries,
// TestBrokenContentChangesNothing and TestBuildLockedThenLinked
// (generator/build_test.go) do the same through a whole build.

// fakeSite is version v of a small site; v1 has a folder v2 lacks.
func fakeSite(v string) map[string][]byte {
	files := map[string][]byte{
		"index.html":             []byte("home " + v),
		"assets/style.css":       []byte("css " + v),
		"cancelled/a/index.html": []byte("a " + v),
		"data/manifest.json":     []byte(v),
	}
	if v == "v1" {
		files["old-only/index.html"] = []byte("gone in v2")
	}
	return files
}

// dots are the operator's entries in -out, which every build keeps.
var dots = map[string][]byte{".git/HEAD": []byte("ref: main\n"), ".well-known/security.txt": []byte("Contact: x\n")}

// publishFake publishes fakeSite(v) into out.
func publishFake(t *testing.T, out, v string) {
	t.Helper()
	w, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Write(fakeSite(v)); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

// firstSite makes out hold v1 and the dot entries.
func firstSite(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	publishFake(t, out, "v1")
	for name, data := range dots {
		os.MkdirAll(filepath.Join(out, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(out, name), data, 0o644)
	}
	return out
}

// checkPublished fails unless dir holds exactly version v and the dot
// entries, and nothing of the writer's own is left beside or in it
// (except keep, a writer's folder still in use).
func checkPublished(t *testing.T, dir, v string, keep ...string) {
	t.Helper()
	want := map[string][]byte{}
	for name, data := range fakeSite(v) {
		want[name] = data
	}
	maps.Copy(want, dots)
	got := map[string][]byte{}
	for name, data := range snapshot(t, dir) {
		if !strings.HasPrefix(name, ".public.") {
			got[name] = data
		}
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Errorf("%s holds %q, want %q", dir, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	if left := leftovers(t, dir, keep...); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// leftovers lists the writer's files beside and in dir, except keep.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	var left []string
	for _, where := range []string{filepath.Dir(dir), dir} {
		entries, _ := os.ReadDir(where)
		for _, e := range entries {
			p := filepath.Join(where, e.Name())
			if strings.HasPrefix(e.Name(), ".public.") && !slices.Contains(keep, p) {
				left = append(left, p)
			}
		}
	}
	return left
}

// notices receives the notices of the writers that open opens.
var notices io.Writer = io.Discard

// open opens a writer on out with the options the build command gives.
func open(out string) (*Writer, error) {
	return Open(out, Options{Flag: "-out", Log: log.New(notices, "build：", 0)})
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// hooks saves the test hooks and restores them when t ends; notices go
// into the buffer returned.
func hooks(t *testing.T) *bytes.Buffer {
	rename, exchange, step, mount, saved := publishRename, publishExchange, publishStep, isMountPoint, notices
	var buf bytes.Buffer
	notices = &buf
	t.Cleanup(func() {
		publishRename, publishExchange, publishStep, isMountPoint, notices = rename, exchange, step, mount, saved
	})
	return &buf
}

func noExchange(a, b string) error { return errNoExchange }

// busy fails like renaming a mount point: EBUSY for dir itself.
func busy(dir string) (func(a, b string) error, func(a, b string) error) {
	rename := func(a, b string) error {
		if a == dir || b == dir {
			return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EBUSY}
		}
		return os.Rename(a, b)
	}
	exchange := func(a, b string) error { return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EBUSY} }
	return rename, exchange
}

func TestSwapEveryWay(t *testing.T) {
	tests := []struct {
		name  string
		setup func(out string)
	}{
		{"exchange", func(string) {}},
		{"two-step", func(string) { publishExchange = noExchange }},
		{"mount point, detected", func(string) { isMountPoint = func(string) bool { return true } }},
		{"mount point, EBUSY on exchange", func(out string) { publishRename, publishExchange = busy(out) }},
		{"mount point, EBUSY on two-step", func(out string) {
			publishRename, _ = busy(out)
			publishExchange = noExchange
		}},
	}
	if runtime.GOOS != "linux" {
		tests = tests[1:] // exchangeDirs is errNoExchange
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hooks(t)
			out := firstSite(t)
			before, _ := os.Stat(out)
			tt.setup(out)
			publishFake(t, out, "v2")
			checkPublished(t, out, "v2")
			after, _ := os.Stat(out)
			if strings.HasPrefix(tt.name, "mount") && !os.SameFile(before, after) {
				t.Error("the mount point was replaced, not published into")
			}
		})
	}
}

// TestSwapSecondRenameFails: when the new folder cannot be renamed in,
// the old site goes back and the journal goes.
func TestSwapSecondRenameFails(t *testing.T) {
	hooks(t)
	out := firstSite(t)
	publishExchange = noExchange
	publishRename = func(a, b string) error {
		if b == out && !strings.HasSuffix(a, ".old") {
			return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EIO}
		}
		return os.Rename(a, b)
	}
	w, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(fakeSite("v2"))
	if err := w.Commit(); err == nil || !strings.Contains(err.Error(), "public 没有改动") {
		t.Errorf("commit: %v", err)
	}
	checkPublished(t, out, "v1")
}

// TestSwapLink: -out as a link publishes into the link's target and
// leaves the link; a link to a folder not made yet works too.
func TestSwapLink(t *testing.T) {
	hooks(t)
	root := t.TempDir()
	target := filepath.Join(root, "sites", "public")
	link := filepath.Join(root, "public")
	if err := os.Symlink("sites/public", link); err != nil {
		t.Skipf("cannot make a link: %v", err)
	}
	for _, v := range []string{"v1", "v2"} {
		publishFake(t, link, v)
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("after %s, -out is no longer a link: %v", v, err)
		}
		if v == "v1" {
			for name, data := range dots {
				os.MkdirAll(filepath.Join(target, filepath.Dir(name)), 0o755)
				os.WriteFile(filepath.Join(target, name), data, 0o644)
			}
		}
	}
	checkPublished(t, target, "v2")
	if entries, _ := os.ReadDir(root); len(entries) != 2 {
		t.Errorf("beside the link: %v", entries)
	}
}

// TestWriteCleansLeftovers: a build removes the folders earlier builds
// left (its own prefix only), moving dot entries in them back into -out,
// and keeps a folder whose dot entry -out has too.
func TestWriteCleansLeftovers(t *testing.T) {
	notes := hooks(t)
	out := firstSite(t)
	parent := filepath.Dir(out)
	os.RemoveAll(filepath.Join(out, ".well-known"))
	mk := func(name string, files ...string) {
		for _, f := range files {
			p := filepath.Join(parent, name, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(f), 0o644)
		}
	}
	for i := range 29 {
		mk(fmt.Sprintf(".public.new-%d", i), "index.html", "cancelled/a/index.html")
	}
	mk(".public.new-30.old", "index.html")
	mk(".public.new-31", ".well-known/security.txt") // lost by a killed build: comes home
	mk(".public.new-32", ".git/HEAD")                // out has .git: kept
	mk(".other.new-1", "index.html")                 // not ours
	mk(".public.newer", "index.html")                // not ours
	os.WriteFile(filepath.Join(parent, ".public.new-file"), nil, 0o644)

	w, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	got, _ := os.ReadDir(parent)
	var names []string
	for _, e := range got {
		if p := filepath.Join(parent, e.Name()); p != w.tmp && p != w.lock.path {
			names = append(names, e.Name())
		}
	}
	want := []string{".other.new-1", ".public.new-32", ".public.new-file", ".public.newer", "public"}
	if !slices.Equal(names, want) {
		t.Errorf("beside -out: %q, want %q", names, want)
	}
	if data, err := os.ReadFile(filepath.Join(out, ".well-known/security.txt")); err != nil || string(data) != ".well-known/security.txt" {
		t.Errorf("the dot entry of a leftover did not come home: %q %v", data, err)
	}
	for _, s := range []string{
		"build：删除了 " + out + " 旁边 31 个临时文件夹，是之前停止的生成留下的\n",
		"build：保留了停止的生成留下的 " + filepath.Join(parent, ".public.new-32") + "：里面有 .git，而 " + out + " 里也有一个同名的；请比较两者，再删掉这个文件夹\n",
	} {
		if !strings.Contains(notes.String(), s) {
			t.Errorf("notices %q lack %q", notes, s)
		}
	}
}

// TestSwapLegacyState is what the issue found: builds before the journal,
// killed between their two renames, left no -out, the old site in
// .public.new-N.old and the new one (with .git) in .public.new-N.
func TestSwapLegacyState(t *testing.T) {
	for _, withNew := range []bool{true, false} {
		t.Run(fmt.Sprint("new folder there: ", withNew), func(t *testing.T) {
			notes := hooks(t)
			out := firstSite(t)
			aside := filepath.Join(filepath.Dir(out), ".public.new-7.old")
			if err := os.Rename(out, aside); err != nil {
				t.Fatal(err)
			}
			want := "v1"
			if withNew {
				want = "v2"
				tmp := filepath.Join(filepath.Dir(out), ".public.new-7")
				for name, data := range fakeSite("v2") {
					os.MkdirAll(filepath.Join(tmp, filepath.Dir(name)), 0o755)
					os.WriteFile(filepath.Join(tmp, name), data, 0o644)
				}
				for _, name := range []string{".git", ".well-known"} { // the old code moved them first
					if err := os.Rename(filepath.Join(aside, name), filepath.Join(tmp, name)); err != nil {
						t.Fatal(err)
					}
				}
			}
			w, err := open(out)
			if err != nil {
				t.Fatal(err)
			}
			checkPublished(t, out, want, w.tmp, w.lock.path)
			w.Abort()
			if !strings.Contains(notes.String(), "build："+out+" 不见了：上次生成停止前把它移到了一边") {
				t.Errorf("notices: %q", notes)
			}
		})
	}
}

// TestLockContention: a second writer on the same folder, also through
// a link, fails with the holder's process id and the lock file; once the
// first lets go, or if the lock file is left by a dead process, the
// next one gets it.
func TestLockContention(t *testing.T) {
	hooks(t)
	out := firstSite(t)
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(out, link)
	w, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	lockFile := filepath.Join(filepath.Dir(out), ".public.lock")
	for _, o := range []string{out, link} {
		_, err := open(o)
		want := fmt.Sprintf("-out %s：另一次生成正在往这个文件夹里发布（进程号 %d，锁文件 %s）；请等它结束后再生成一次", o, os.Getpid(), lockFile)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("second writer on %s: %v\nwant …%s", o, err, want)
		}
	}
	checkPublished(t, out, "v1", w.tmp, lockFile) // the second writer touched nothing
	w.Abort()
	if _, err := os.Stat(lockFile); err == nil {
		t.Error("the lock file stayed after abort")
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" || strings.HasSuffix(runtime.GOOS, "bsd") {
		os.WriteFile(lockFile, []byte("999999999\n"), 0o644) // left by a killed build
	}
	publishFake(t, out, "v2")
	checkPublished(t, out, "v2")
}

// TestSwapKilled kills a publishing process after each step of each way
// of publishing, then checks that the next build finds a whole site (the
// old one if nothing had been renamed yet, else the new one) with its
// dot entries, and nothing left over.
func TestSwapKilled(t *testing.T) {
	if testing.Short() && runtime.GOOS != "linux" {
		t.Skip("runs a process per case")
	}
	tests := []struct {
		mode, step, want string
		noOut            bool // the state the issue found: no -out at all
	}{
		{"exchange", "exchanged", "v2", false},
		{"exchange", "dots", "v2", false},
		{"two-step", "journal", "v1", false},
		{"two-step", "aside", "v2", true},
		{"two-step", "swapped", "v2", false},
		{"two-step", "dots", "v2", false},
		{"mount", "journal", "v2", false},
		{"mount", "moved assets", "v2", false},
		{"mount", "moved data", "v2", false},
		{"mount", "moved index.html", "v2", false},
	}
	for _, tt := range tests {
		if tt.mode == "exchange" && runtime.GOOS != "linux" {
			continue
		}
		t.Run(tt.mode+" "+tt.step, func(t *testing.T) {
			notes := hooks(t)
			out := firstSite(t)
			cmd := helper(t, out, tt.mode, tt.step)
			if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != -1 {
				t.Fatalf("the helper was not killed: %v", err)
			}
			if _, err := os.Stat(out); os.IsNotExist(err) != tt.noOut {
				t.Errorf("after the kill, -out exists: %v; want %v", err == nil, !tt.noOut)
			}
			if tt.mode == "mount" {
				isMountPoint = func(string) bool { return true }
			}
			w, err := open(out)
			if err != nil {
				t.Fatal(err)
			}
			checkPublished(t, out, tt.want, w.tmp, w.lock.path)
			w.Abort()
			publishFake(t, out, "v3-after-"+tt.want)
			if t.Failed() {
				t.Logf("notices: %s", notes)
			}
		})
	}
}

// helper runs TestWriteHelperProcess to publish v2 into out.
func helper(t *testing.T, out, mode, killAt string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteHelperProcess$")
	cmd.Env = append(os.Environ(), "JZ_WRITE_HELPER_OUT="+out, "JZ_WRITE_HELPER_MODE="+mode, "JZ_WRITE_HELPER_KILL="+killAt)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestWriteHelperProcess is not a test: run by helper, it publishes v2,
// killing itself with SIGKILL at JZ_WRITE_HELPER_KILL, or, for "wait",
// prints the new folder's path once written and waits for a signal.
func TestWriteHelperProcess(t *testing.T) {
	out := os.Getenv("JZ_WRITE_HELPER_OUT")
	if out == "" {
		t.Skip("run by other tests")
	}
	notices = os.Stderr // as build gives its stderr
	switch os.Getenv("JZ_WRITE_HELPER_MODE") {
	case "two-step":
		publishExchange = noExchange
	case "mount":
		isMountPoint = func(string) bool { return true }
	}
	killAt := os.Getenv("JZ_WRITE_HELPER_KILL")
	publishStep = func(s string) {
		if s == killAt {
			p, _ := os.FindProcess(os.Getpid())
			p.Kill()
			select {}
		}
	}
	w, err := open(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := w.Write(fakeSite("v2")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if killAt == "wait" {
		fmt.Println(w.tmp)
		select {}
	}
	w.Commit()
	os.Exit(3) // the step never came
}

// TestWriteSignal: SIGINT and SIGTERM remove the new folder and the
// lock; the exit code is 128 + the signal's number, as a shell reports.
func TestWriteSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM to send")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			out := firstSite(t)
			cmd := helper(t, out, "exchange", "wait")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			tmp := strings.TrimSpace(line)
			if err != nil || !strings.HasPrefix(filepath.Base(tmp), ".public.new-") {
				cmd.Process.Kill()
				t.Fatalf("helper said %q, %v", line, err)
			}
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the helper did not stop")
			}
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit code %d, want %d", code, 128+int(sig))
			}
			name := map[syscall.Signal]string{syscall.SIGINT: "SIGINT，即按了 Ctrl-C", syscall.SIGTERM: "SIGTERM"}[sig]
			if want := fmt.Sprintf("\nbuild：已停止（%s）；%s 没有改动\n", name, out); !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q lacks %q", stderr.String(), want)
			}
			checkPublished(t, out, "v1")
		})
	}
}

// TestSwapUnfinished: a publication that fails past its journal and
// cannot be undone says so, keeps the new folder, and the next build
// finishes it.
func TestSwapUnfinished(t *testing.T) {
	tests := []struct {
		name, want string
		setup      func(out string)
	}{
		{"two-step, neither rename back", "原来的网站暂时移到了", func(out string) {
			publishExchange = noExchange
			publishRename = func(a, b string) error {
				if b == out {
					return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EIO}
				}
				return os.Rename(a, b)
			}
		}},
		{"moving in, halfway", "文件夹里现在只有一部分新网站", func(out string) {
			isMountPoint = func(string) bool { return true }
			publishRename = func(a, b string) error {
				if b == filepath.Join(out, "data") {
					return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EIO}
				}
				return os.Rename(a, b)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hooks(t)
			out := firstSite(t)
			tt.setup(out)
			w, err := open(out)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(fakeSite("v2"))
			err = w.Commit()
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "请再运行一次 build 把发布完成") {
				t.Errorf("commit: %v", err)
			}
			publishRename = os.Rename
			w, err = open(out)
			if err != nil {
				t.Fatal(err)
			}
			checkPublished(t, out, "v2", w.tmp, w.lock.path)
			w.Abort()
		})
	}
}

// TestSwapJournalCutShort: a journal without its last line was being
// written when the build was killed, before any rename: it is ignored,
// and the old site stays.
func TestSwapJournalCutShort(t *testing.T) {
	hooks(t)
	out := firstSite(t)
	cmd := helper(t, out, "mount", "journal")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("the helper was not killed: %v", err)
	}
	journalFile := filepath.Join(out, ".public.journal")
	data, err := os.ReadFile(journalFile)
	if err != nil || !strings.HasSuffix(string(data), "\nname index.html\nend\n") {
		t.Fatalf("journal %q, %v", data, err)
	}
	os.WriteFile(journalFile, []byte(strings.TrimSuffix(string(data), "index.html\nend\n")+"ind"), 0o644)
	isMountPoint = func(string) bool { return true }
	w, err := open(out)
	if err != nil {
		t.Fatal(err)
	}
	checkPublished(t, out, "v1", w.tmp, w.lock.path)
	w.Abort()
}
