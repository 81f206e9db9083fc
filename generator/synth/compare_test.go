package synth

import (
	"bytes"
	"cmp"
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"jianzheng/generator/catalog"
)

// The versions issue 7 names as the yardstick: a full build with the search
// index must take at most a third of what these two take together.
const (
	hugoVersion     = "0.160.0"
	pagefindVersion = "1.6.0"
)

// TestHugoPagefind builds the same synthetic records with Hugo + Pagefind
// and with our generator, twice each, and logs times and sizes. It installs
// the tools (Hugo compiles for minutes the first time), so it is opt-in;
// -count=1 keeps go test from replaying a cached result:
//
//	JZ_COMPARE=1 JZ_COMPARE_N=10000 go test ./generator/synth -run HugoPagefind -count=1 -v -timeout 30m
func TestHugoPagefind(t *testing.T) {
	if os.Getenv("JZ_COMPARE") != "1" {
		t.Skip("set JZ_COMPARE=1 (and JZ_COMPARE_N) to compare with Hugo + Pagefind")
	}
	n, err := strconv.Atoi(cmp.Or(os.Getenv("JZ_COMPARE_N"), "10000"))
	if err != nil {
		t.Fatal(err)
	}
	hugo, pagefind := installHugo(t), installPagefind(t)
	files := Catalog(n, 1)
	cat, err := catalog.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	content, hugoSite, jz := filepath.Join(tmp, "content"), filepath.Join(tmp, "hugo"), filepath.Join(tmp, "jz")
	for name, f := range files {
		write(t, filepath.Join(content, filepath.FromSlash(name)), string(f.Data))
	}
	writeHugoSite(t, hugoSite, cat)
	timed(t, "../..", "go", "build", "-o", jz, "./generator")
	load, _ := os.ReadFile("/proc/loadavg") // others' work on the machine skews wall times
	t.Logf("%d records; load average before: %s", len(cat.Records), strings.Fields(string(load) + " ? ? ?")[:3])
	// Every run writes into new folders, so each is a full build, and none
	// pays for deleting files (ext4 here charges the next writer seconds of
	// system time for it); the second run has warm disk caches and binaries.
	var h, p, o [2]measure
	var public, ours string
	for i := range 2 {
		public, ours = filepath.Join(hugoSite, fmt.Sprint("public", i)), filepath.Join(tmp, fmt.Sprint("ours", i))
		h[i] = timed(t, hugoSite, hugo, "--quiet", "--destination", public)
		p[i] = timed(t, hugoSite, pagefind, "--site", public)
		o[i] = timed(t, tmp, jz, "build", "-content", content, "-out", ours)
	}
	hf, hb := du(t, public, "pagefind")
	pf, pb := du(t, filepath.Join(public, "pagefind"), "")
	of, ob := du(t, ours, "")
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-14s %9s %9s %9s %10s %7s %12s\n", "tool", "1st run", "2nd run", "2nd CPU", "peak RSS", "files", "bytes")
	row := func(name string, m [2]measure, files int, size int64) {
		fmt.Fprintf(&b, "%-14s %8.2fs %8.2fs %8.2fs %7d MB %7d %12d\n", name, m[0].wall.Seconds(), m[1].wall.Seconds(),
			m[1].cpu.Seconds(), max(m[0].rssKB, m[1].rssKB)/1024, files, size)
	}
	row("Hugo", h, hf, hb)
	row("Pagefind", p, pf, pb)
	row("Hugo+Pagefind", [2]measure{h[0].plus(p[0]), h[1].plus(p[1])}, hf+pf, hb+pb)
	row("ours", o, of, ob)
	fmt.Fprintf(&b, "ours / (Hugo+Pagefind): %.3f (1st run), %.3f (2nd run); issue 7 asks for at most 0.333\n",
		o[0].wall.Seconds()/h[0].plus(p[0]).wall.Seconds(), o[1].wall.Seconds()/h[1].plus(p[1]).wall.Seconds())
	t.Log(b.String())
}

// measure is one run: wall time, and the CPU time (user + system) and peak
// resident set of the process and any child it waited for (Pagefind's npm
// wrapper runs the real binary). CPU time shows what others' load hides.
type measure struct {
	wall, cpu time.Duration
	rssKB     int64
}

// plus is the two tools run one after the other: times add, memory doesn't.
func (m measure) plus(n measure) measure {
	return measure{m.wall + n.wall, m.cpu + n.cpu, max(m.rssKB, n.rssKB)}
}

func timed(t *testing.T, dir, name string, args ...string) measure {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out // ours and Pagefind report progress; keep it for errors only
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && args[0] == "--quiet" { // Hugo's --quiet hides its errors too
		timed(t, dir, name, args[1:]...)
	}
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out.Bytes())
	}
	ps := cmd.ProcessState
	return measure{wall, ps.UserTime() + ps.SystemTime(), ps.SysUsage().(*syscall.Rusage).Maxrss} // KB on Linux
}

// du counts the files and bytes under dir, leaving out the folder skip.
func du(t *testing.T, dir, skip string) (files int, size int64) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info fs.FileInfo, err error) error {
		if err == nil && info.IsDir() && info.Name() == skip {
			return filepath.SkipDir
		}
		if err == nil && info.Mode().IsRegular() {
			files, size = files+1, size+info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, size
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// installHugo finds Hugo in PATH or GOPATH/bin, or builds the standard
// (not extended) edition there with go install.
func installHugo(t *testing.T) string {
	gobin := filepath.Join(filepath.SplitList(build.Default.GOPATH)[0], "bin")
	for _, hugo := range []string{"hugo", filepath.Join(gobin, "hugo")} {
		if out, err := exec.Command(hugo, "version").Output(); err == nil && strings.Contains(string(out), "v"+hugoVersion+" ") {
			return hugo
		}
	}
	t.Logf("installing Hugo %s into %s (compiles for several minutes)", hugoVersion, gobin)
	cmd := exec.Command("go", "install", "github.com/gohugoio/hugo@v"+hugoVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot install Hugo %s with go install: %v\n%s", hugoVersion, err, out)
	}
	return filepath.Join(gobin, "hugo")
}

// installPagefind installs Pagefind's npm package into the user's cache.
// Its wrapper runs the linux-x64 binary that comes as an optional
// dependency (the extended edition, which segments Chinese).
func installPagefind(t *testing.T) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no cache folder for Pagefind: %v", err)
	}
	dir := filepath.Join(cache, "jianzheng", "pagefind-"+pagefindVersion)
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if out, err := exec.Command(bin, "--version").Output(); err == nil && strings.Contains(string(out), pagefindVersion) {
		return bin
	}
	t.Logf("installing Pagefind %s into %s", pagefindVersion, dir)
	if out, err := exec.Command("npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "pagefind@"+pagefindVersion).CombinedOutput(); err != nil {
		t.Skipf("cannot install Pagefind %s with npm: %v\n%s", pagefindVersion, err, out)
	}
	if out, err := exec.Command(bin, "--version").CombinedOutput(); err != nil {
		t.Skipf("Pagefind %s installed but does not run: %v\n%s", pagefindVersion, err, out)
	}
	return bin
}

// The Hugo site has only what the comparison is about: a page per record
// and a list per kind, grouped by department as ours; no theme, and none
// of taxonomies, feeds or sitemap, which would only add to Hugo's time.
// Only record pages carry data-pagefind-body: our index holds only records.
// The menu is a cached partial, as Hugo's docs advise: site.Sections in
// every page's template would cost Hugo some 2 ms a page.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "/"
languageCode = "zh-CN"
title = "合成清单"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]`,
	"layouts/baseof.html": `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<header><a href="/">{{ site.Title }}</a>{{ partialCached "nav.html" . }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>`,
	"layouts/_partials/nav.html": `<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>`,
	"layouts/single.html": `{{ define "main" }}<nav><a href="/">首页</a> › <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<article data-pagefind-body><h1>{{ .Title }}</h1>
{{ .Content }}</article>
<p><a href="{{ .Parent.RelPermalink }}">返回{{ .Parent.Title }}</a></p>{{ end }}`,
	"layouts/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><p>共 {{ len .Pages }} 项</p>
{{ range .Pages.GroupByParam "department" }}<section><h2>{{ .Key }} {{ len .Pages }} 项</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ end }}{{ end }}`,
	"layouts/home.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ len .Pages }} 项</li>{{ end }}</ul>{{ end }}`,
}

var kindTitles = map[catalog.Kind]string{
	catalog.Cancelled: "取消的证明事项", catalog.Village: "社区(村)开具证明材料",
	catalog.Training: "保留的政府培训事项", catalog.Inspection: "保留的年检事项",
}

func writeHugoSite(t *testing.T, dir string, c *catalog.Catalog) {
	for name, s := range hugoFiles {
		write(t, filepath.Join(dir, name), s)
	}
	for k, title := range kindTitles {
		write(t, filepath.Join(dir, "content", string(k), "_index.md"), "+++\ntitle = "+strconv.Quote(title)+"\n+++\n")
	}
	for _, r := range c.Records {
		write(t, filepath.Join(dir, "content", string(r.Kind), r.ID, "index.md"), hugoPage(c, r))
	}
}

// hugoPage is a record as Markdown with TOML front matter, with the texts
// templates/record.html shows. strconv.Quote is valid TOML for these texts.
func hugoPage(c *catalog.Catalog, r *catalog.Record) string {
	d := c.Department(r.Department)
	now := []string{}
	field := [][2]string{{"名称", r.Name}, {"状态", "保留"}}
	switch {
	case r.Kind == catalog.Cancelled:
		now = append(now, r.Instead, "从 "+r.CancelledOn.Chinese()+" 起，办事不用再提供“"+r.Name+"”。如果还有人向您要，可以拨打 12345 反映。")
		field = append(field[:1], [][2]string{{"状态", "已取消"}, {"取消后怎么办", r.Instead}, {"取消原因", r.Ground},
			{"原来由谁开具", r.Issuer}, {"取消时间", r.CancelledOn.Chinese()}}...)
	case r.Removed():
		gone := "从 " + r.RemovedOn.Chinese() + " 起，这一项已移出清单，不再要求办理。"
		if r.Kind == catalog.Village {
			gone = "社区(村)从 " + r.RemovedOn.Chinese() + " 起不再开具这个证明，办事部门也不得再要求您提供。"
		}
		if now = append(now, gone); c.Policy(r.RemovedBy) != nil {
			now = append(now, "依据："+c.Policy(r.RemovedBy).Number+"《"+c.Policy(r.RemovedBy).Title+"》")
		}
		field[1][1] = "已移出清单"
	case r.Kind == catalog.Village:
		now = append(now, "需要时，到"+r.Issuer+"开具。", "用途："+r.Purpose)
	case r.Kind == catalog.Training:
		now = append(now, r.Audience+"需要参加。", "收费："+r.Fee+"。多久一次："+r.Frequency+"。学时："+r.Duration)
	default:
		now = append(now, r.Subject+"需要办理，"+r.Cycle+"。", "收费："+r.Fee+"。办理时间："+r.Window)
	}
	switch r.Kind {
	case catalog.Village:
		field = append(field, [][2]string{{"证明用途", r.Purpose}, {"开具单位", r.Issuer}, {"保留理由", r.RetentionReason}}...)
	case catalog.Training:
		field = append(field, [][2]string{{"培训对象", r.Audience}, {"收费", r.Fee}, {"多久一次", r.Frequency}, {"学时", r.Duration}}...)
	case catalog.Inspection:
		field = append(field, [][2]string{{"年检对象", r.Subject}, {"周期", r.Cycle}, {"收费", r.Fee}, {"办理时间", r.Window}}...)
	}
	if r.Removed() {
		field = append(field, [2]string{"移出清单时间", r.RemovedOn.Chinese()})
	}
	unit := "主管部门"
	if r.Kind == catalog.Cancelled {
		unit = "使用单位"
	}
	var policies []string
	for _, id := range r.Policies {
		if p := c.Policy(id); p != nil {
			policies = append(policies, p.Number+"《"+p.Title+"》")
		}
	}
	field = append(field, [][2]string{{"设定依据", cmp.Or(r.Basis, "无")}, {"涉及的办事事项", strings.Join(r.UsedFor, "、")},
		{unit, d.Name + "，电话：" + d.Phone}, {"相关文件", strings.Join(policies, "、")}, {"也叫", strings.Join(r.Aliases, "、")}}...)

	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\n[params]\nkind = %q\ndepartment = %s\nnow = %s\n+++\n\n## 现在怎么办\n\n%s\n\n## 详细信息\n\n",
		strconv.Quote(r.Name), r.Kind, strconv.Quote(d.Name), strconv.Quote(now[0]), strings.Join(now, "\n\n"))
	for _, f := range field {
		if f[1] != "" {
			fmt.Fprintf(&b, "- %s：%s\n", f[0], f[1])
		}
	}
	if r.Notes != "" {
		fmt.Fprintf(&b, "\n## 说明\n\n%s\n", r.Notes)
	}
	return b.String()
}
