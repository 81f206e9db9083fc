package preview

import (
	"errors"
	"net"
	"slices"
	"testing"

	"jianzheng/generator/cores"
)

func TestServeResolve(t *testing.T) {
	files := map[string]bool{"index.html": true, "a/index.html": true, "a/b.css": true}
	for _, c := range []struct{ url, name, redirect string }{
		{"/", "index.html", ""},
		{"/index.html", "index.html", ""},
		{"/a/", "a/index.html", ""},
		{"/a", "", "/a/"},
		{"/a/b.css", "a/b.css", ""},
		{"/a/../a/b.css", "a/b.css", ""},
		{"//a", "", "/a/"},
		{"/missing", "", ""},
		{"/a/b.css/", "", ""},
	} {
		name, redirect := resolve(func(name string) bool { return files[name] }, c.url)
		if name != c.name || redirect != c.redirect {
			t.Errorf("resolve(%q) = %q, %q; want %q, %q", c.url, name, redirect, c.name, c.redirect)
		}
	}
}

func TestServeAddrURL(t *testing.T) {
	for _, c := range []struct {
		ip       string
		url      string
		loopback bool
	}{
		{"127.0.0.1", "http://127.0.0.1:1313/", true},
		{"::1", "http://[::1]:1313/", true},
		{"0.0.0.0", "http://localhost:1313/", false},
		{"::", "http://localhost:1313/", false},
		{"192.168.1.20", "http://192.168.1.20:1313/", false},
	} {
		url, loopback := addrURL(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 1313})
		if url != c.url || loopback != c.loopback {
			t.Errorf("addrURL(%s) = %s, %v; want %s, %v", c.ip, url, loopback, c.url, c.loopback)
		}
	}
}

func TestServeContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a/index.html": "text/html; charset=utf-8", "search.js": "text/javascript; charset=utf-8",
		"sitemap.xml": "application/xml", "index.json": "application/json", "x.csv": "text/csv; charset=utf-8",
		"favicon.svg": "image/svg+xml", "style.css": "text/css; charset=utf-8", "robots.txt": "text/plain; charset=utf-8",
		"feed.atom": "application/atom+xml", "data.unknown-ext": "application/octet-stream",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestServeWithReload(t *testing.T) {
	for in, want := range map[string]string{
		"<body><p>x</p></body></html>": "<body><p>x</p>" + reloadTag + "\n</body></html>",
		"<p>no body end":               "<p>no body end" + reloadTag + "\n",
	} {
		if got := string(withReload([]byte(in))); got != want {
			t.Errorf("withReload(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestProblemLines: a failed build is shown one problem per line, and a
// panic asks to be reported.
func TestProblemLines(t *testing.T) {
	for _, c := range []struct {
		err  error
		want []string
	}{
		{errors.New("a.toml:1:1: x\nb.toml:2:1: y\n"), []string{"a.toml:1:1: x", "b.toml:2:1: y"}},
		{errors.New(""), []string{"生成失败"}},
		{&cores.PanicError{Value: "boom"}, []string{"程序内部错误：boom", "请把这条信息和引起它的内容一起报告给维护人员"}},
	} {
		if got := problemLines(c.err); !slices.Equal(got, c.want) {
			t.Errorf("problemLines(%q) = %q, want %q", c.err, got, c.want)
		}
	}
}
