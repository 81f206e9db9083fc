package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jianzheng/generator/publish"
)

// TestSampleCounts checks the figures a resident sees on the home page and
// the items on each list page: 48 / 12 (+9 removed) / 30 / 29.
func TestSampleCounts(t *testing.T) {
	out := buildSample(t)
	home := readFile(t, out, "index.html")
	counts := regexp.MustCompile(`<strong>(\d+)</strong>`).FindAllStringSubmatch(home, -1)
	var got []string
	for _, m := range counts {
		got = append(got, m[1])
	}
	if strings.Join(got, "/") != "48/12/30/29" {
		t.Errorf("home page counts = %v, want 48/12/30/29", got)
	}
	if !strings.Contains(home, "另有 9 项已移出清单") {
		t.Errorf("home page does not mention the 9 removed village certificates")
	}
	tests := []struct {
		list             string
		current, removed int
	}{
		{"cancelled", 48, 0}, {"village", 12, 9}, {"training", 30, 0}, {"inspection", 29, 0},
	}
	for _, tt := range tests {
		page := readFile(t, out, tt.list+"/index.html")
		all := strings.Count(page, "data-record-id=")
		removedAt := strings.Index(page, `id="removed"`)
		removed := 0
		if removedAt >= 0 {
			removed = strings.Count(page[removedAt:], "data-record-id=")
		}
		if all-removed != tt.current || removed != tt.removed {
			t.Errorf("%s: %d current and %d removed items, want %d and %d", tt.list, all-removed, removed, tt.current, tt.removed)
		}
		// every item has its own page
		entries, _ := os.ReadDir(filepath.Join(out, tt.list))
		dirs := 0
		for _, e := range entries {
			if e.IsDir() {
				dirs++
			}
		}
		if dirs != tt.current+tt.removed {
			t.Errorf("%s: %d record pages, want %d", tt.list, dirs, tt.current+tt.removed)
		}
	}
	removedPage := readFile(t, out, "village/"+firstRemovedVillage(t, out)+"/index.html")
	if !strings.Contains(removedPage, "鲁政办字〔2018〕46号") || !strings.Contains(removedPage, "不再开具") {
		t.Errorf("a removed certificate's page does not say since when and by which policy")
	}
}

func firstRemovedVillage(t *testing.T, out string) string {
	page := readFile(t, out, "village/index.html")
	i := strings.Index(page, `id="removed"`)
	m := regexp.MustCompile(`data-record-id="([a-z0-9-]+)"`).FindStringSubmatch(page[i:])
	if m == nil {
		t.Fatal("no removed village certificate listed")
	}
	return m[1]
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDeterministic builds the sample twice: every file is byte-identical.
func TestDeterministic(t *testing.T) {
	a, b := snapshot(t, buildSample(t)), snapshot(t, buildSample(t))
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
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

// TestBrokenContentChangesNothing breaks the sample in several files at
// once: the build lists every problem as path:line:col: message, sorted,
// exits 1 and leaves the previously built site byte-for-byte as it was.
func TestBrokenContentChangesNothing(t *testing.T) {
	out := buildSample(t)
	os.MkdirAll(filepath.Join(out, ".git"), 0o755)
	os.WriteFile(filepath.Join(out, ".git", "HEAD"), []byte("ref: main\n"), 0o644)
	before := snapshot(t, out)

	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	appendFile(t, filepath.Join(content, "cancelled", "zz-broken.toml"), `
[[proof]]
id = "Bad_ID"
name = "坏记录"
department = "no-such-department"
issuer = "村委会"
ground = "because"
instead = ""
cancelld_on = 2018-01-01
`)
	appendFile(t, filepath.Join(content, "village", "zz-broken.toml"), "[[certificate]]\nid = \"x\"\nname = \"y\n")

	code, stdout, stderr := build(t, "-content", content, "-templates", "../templates", "-out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := []string{
		`cancelled/zz-broken.toml:2:1: [[proof]] "Bad_ID" 缺少 cancelled_on：请加上 cancelled_on = …（从哪天起不再需要，取消时间）`,
		`cancelled/zz-broken.toml:3:6: id "Bad_ID" 只能用小写字母 a-z、数字 0-9 和 -，以字母或数字开头，最长 64 个字符`,
		`cancelled/zz-broken.toml:5:14: 部门 "no-such-department" 不在 departments.toml 里`,
		`cancelled/zz-broken.toml:7:10: ground 不能是 "because"，只能是 "no-legal-basis"、"licence-proves"、"higher-authority"、"data-sharing" 之一`,
		`cancelled/zz-broken.toml:8:11: instead 是空的：请填写取消后群众怎么办`,
		`cancelled/zz-broken.toml:9:1: [[proof]] "Bad_ID" 里没有 cancelld_on 这个键（是不是 "cancelled_on"？）`,
		// The syntax error on line 3 hides nothing else of its file.
		`village/zz-broken.toml:1:1: [[certificate]] "x" 缺少 department：请加上 department = …（使用或实施单位在 departments.toml 里的 id）`,
		`village/zz-broken.toml:1:1: [[certificate]] "x" 缺少 purpose：请加上 purpose = …（证明什么、用来办什么，证明用途）`,
		`village/zz-broken.toml:1:1: [[certificate]] "x" 缺少 status：请加上 status = …（retained 保留，或 removed 已移出）`,
		`village/zz-broken.toml:3:10: TOML 语法错误：字符串没有结束：缺少右引号（一个值写在一行里，两端各有一个英文双引号 "）`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(want, "\n"))
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.new-*"))
	if len(siblings) > 0 {
		t.Errorf("left temporary folders behind: %v", siblings)
	}
}

func TestRebuildKeepsDotEntries(t *testing.T) {
	out := buildSample(t)
	os.WriteFile(filepath.Join(out, ".nojekyll"), nil, 0o644)
	os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644)
	if code, o, e := build(t, "-content", "../content", "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	if _, err := os.Stat(filepath.Join(out, ".nojekyll")); err != nil {
		t.Errorf("dot entry lost: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Errorf("a file of the previous build survived the rebuild")
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("precious"), 0o644)
	code, _, stderr := build(t, "-content", "../content", "-templates", "../templates", "-out", out)
	if code != 2 || !strings.Contains(stderr, "看起来不是生成的网站，为免删掉别人的文件，不会替换它；请清空它，或换一个文件夹") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if readFile(t, out, "thesis.docx") != "precious" {
		t.Error("foreign file touched")
	}
}

// TestBuildLockedThenLinked runs the build command: while another
// writer holds -out it stops with exit code 1, naming the lock; then it
// builds through a link to -out, which stays a link.
func TestBuildLockedThenLinked(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "public")
	link := filepath.Join(root, "public")
	os.MkdirAll(filepath.Dir(target), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a link: %v", err)
	}
	w, err := publish.Open(target, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := build(t, "-content", "../content", "-templates", "../templates", "-out", link)
	if code != 1 || !strings.Contains(stderr, "另一次生成正在往这个文件夹里发布") || !strings.Contains(stderr, ".public.lock") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	w.Abort()
	if code, stdout, stderr := build(t, "-content", "../content", "-templates", "../templates", "-out", link); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("-out is no longer a link: %v", err)
	}
	readFile(t, target, "index.html")
	if left := leftovers(target); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// leftovers lists the writer's own files (".public.*") beside and in dir.
func leftovers(dir string) []string {
	var left []string
	for _, where := range []string{filepath.Dir(dir), dir} {
		entries, _ := os.ReadDir(where)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public.") {
				left = append(left, filepath.Join(where, e.Name()))
			}
		}
	}
	return left
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "命令："},
		{[]string{"-h"}, 0, "退出码", ""},
		{[]string{"-h"}, 0, "编辑指南.md", ""},
		{[]string{"-h"}, 0, "证明名称", ""},
		{[]string{"frobnicate"}, 2, "", `没有 "frobnicate" 这个命令`},
		{[]string{"build", "-nope"}, 2, "", "没有 -nope 这个选项"},
		{[]string{"build", "-h"}, 0, "", "-base-url"},
		{[]string{"build", "-base-url", "javascript:alert(1)"}, 2, "", "要写完整网址"},
		{[]string{"build", "extra"}, 2, "", `多了一个参数 "extra"`},
		{[]string{"check", "-content", "/no/such/folder"}, 2, "", "-content"},
		{[]string{"check", "-content", "../content"}, 0, "取消的证明 48 条，村居可开的证明 12 条（另有 9 条已移出），保留的培训 30 条，保留的年检 29 条", ""},
		{[]string{"import", "x.csv", "-kind"}, 2, "", "选项 -kind 后面要写一个值"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.inStdout) || !strings.Contains(stderr.String(), tt.inStderr) {
			t.Errorf("run(%q) = %d\nstdout: %s\nstderr: %s", tt.args, code, stdout.String(), stderr.String())
		}
	}
}

// TestBuildHelpOneDefault: each flag says its default once (-templates
// used to say it in its text and again after it).
func TestBuildHelpOneDefault(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"build", "-h"}, &stdout, &stderr)
	if n := strings.Count(stderr.String(), "默认"); n != 3 {
		t.Errorf("build -h says 默认 %d times, want 3 (-content, -out, -templates):\n%s", n, stderr.String())
	}
	if strings.Count(stderr.String(), "（默认 templates）") != 1 {
		t.Errorf("build -h:\n%s", stderr.String())
	}
}

// TestBadFlagOnce: a bad flag shows the usage once, in Chinese, without
// the flag package's English line.
func TestBadFlagOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"import", "x.csv", "-kind"}, &stdout, &stderr)
	if code != 2 || strings.Count(stderr.String(), "用法：") != 1 || strings.Contains(stderr.String(), "flag needs") {
		t.Errorf("exit %d\n%s", code, stderr.String())
	}
}

// TestFlagsAfterArguments: import 台账.csv -partial reads -partial as a flag.
func TestFlagsAfterArguments(t *testing.T) {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	partial := fl.Bool("partial", false, "")
	kind := fl.String("kind", "", "")
	if err := parseFlagsArgs(fl, []string{"台账.csv", "-partial", "-kind", "village", "--", "-x.csv"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !*partial || *kind != "village" || strings.Join(fl.Args(), " ") != "台账.csv -x.csv" {
		t.Errorf("partial %v, kind %q, args %q", *partial, *kind, fl.Args())
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

var problemLine = regexp.MustCompile(`^[^:\s][^:]*:\d+:\d+: \S.*$`)

func TestCompress(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", "../content", "-templates", "../templates", "-out", out, "-compress"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	files := snapshot(t, out)
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			gz, ok := files[name+".gz"]
			if !ok {
				t.Fatalf("no %s.gz", name)
			}
			r, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := io.ReadAll(r)
			if !bytes.Equal(plain, data) {
				t.Errorf("%s.gz does not hold %s", name, name)
			}
		}
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b, 10*time.Millisecond)
	p.Stage("loading")
	time.Sleep(500 * time.Millisecond)
	p.Stage("writing %d files", 3)
	p.Count("wrote %d of %d files", 1, 3) // not a line of its own in a log
	p.done()
	if got := b.String(); got != "loading…\nwriting 3 files…\n" {
		t.Errorf("progress printed %q", got)
	}
	var term strings.Builder
	tp := newProgress(&term, 10*time.Millisecond)
	tp.tty = true // as on a terminal: one line, rewritten
	tp.Stage("writing %d files", 3)
	// Wait until the line shows (the timer may fire late on a busy
	// machine), then past the ten-a-second limit, so the count shows too.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		tp.mu.Lock()
		shown := tp.shown
		tp.mu.Unlock()
		if shown || time.Now().After(deadline) {
			break
		}
	}
	time.Sleep(150 * time.Millisecond)
	tp.Count("wrote %d of %d files", 2, 3)
	tp.done()
	if got, want := term.String(), "\r\033[Kwriting 3 files…\r\033[Kwrote 2 of 3 files…\r\033[K"; got != want {
		t.Errorf("on a terminal, progress printed %q, want %q", got, want)
	}
	var quiet strings.Builder
	q := newProgress(&quiet, 10*time.Millisecond)
	q.Stage("loading")
	q.done()
	time.Sleep(100 * time.Millisecond)
	if quiet.Len() != 0 {
		t.Errorf("a short build printed %q", quiet.String())
	}
}
