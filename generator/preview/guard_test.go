package preview

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"jianzheng/generator/pipeline"
	"jianzheng/generator/site"
)

func TestServeOnLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "[::1]:1313": true, "127.0.0.2:0": true,
		"0.0.0.0:1313": false, ":1313": false, "[::]:1313": false, "192.168.1.20:1313": false,
		"example.org:1313": false, "127.0.0.1": false,
	} {
		if got := OnLoopback(addr); got != want {
			t.Errorf("OnLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestServeHostGuard: only a Host naming the listening address is
// answered; any other (a DNS-rebinding page's name) gets 421.
func TestServeHostGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "site") })
	bodies := map[string]string{
		"127.0.0.1:1313": "用这个网址打不开预览：预览只在 localhost:1313、127.0.0.1:1313、[::1]:1313 这些地址上打开，请在浏览器里改用其中一个\n",
		"0.0.0.0:1313":   "用这个网址打不开预览：预览只在 localhost:1313、127.0.0.1:1313、[::1]:1313、本机的 IP 地址加 :1313 这些地址上打开，请在浏览器里改用其中一个\n",
	}
	for _, c := range []struct {
		listen string
		hosts  map[string]int
	}{
		{"127.0.0.1:1313", map[string]int{
			"127.0.0.1:1313": 200, "localhost:1313": 200, "LocalHost:1313": 200, "[::1]:1313": 200,
			"evil.example:1313": 421, "127.0.0.1.nip.io:1313": 421, "127.0.0.1:1314": 421,
			"127.0.0.1": 421, "localhost": 421, "": 421, "192.168.1.20:1313": 421,
		}},
		{"127.0.0.1:80", map[string]int{"localhost": 200, "127.0.0.1": 200, "[::1]": 200, "evil.example": 421}},
		{"0.0.0.0:1313", map[string]int{"192.168.1.20:1313": 200, "localhost:1313": 200, "evil.example:1313": 421}},
		{"192.168.1.20:1313", map[string]int{"192.168.1.20:1313": 200, "127.0.0.1:1313": 200, "192.168.1.21:1313": 421, "evil.example:1313": 421}},
	} {
		tcp, err := net.ResolveTCPAddr("tcp", c.listen)
		if err != nil {
			t.Fatal(err)
		}
		g := hostGuard{tcp, ok}
		for host, want := range c.hosts {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = host
			w := httptest.NewRecorder()
			g.ServeHTTP(w, r)
			if w.Code != want {
				t.Errorf("listening on %s, Host %q: %d, want %d", c.listen, host, w.Code, want)
			}
			if want == 421 && !strings.Contains(w.Body.String(), "localhost:"+tcp.AddrPort().String()[strings.LastIndex(tcp.AddrPort().String(), ":")+1:]) {
				t.Errorf("421 body does not name the address: %q", w.Body.String())
			}
			if body := bodies[c.listen]; want == 421 && body != "" && w.Body.String() != body {
				t.Errorf("listening on %s, 421 body %q, want %q", c.listen, w.Body.String(), body)
			}
		}
	}
}

// failing is a Builder whose every build fails: the preview then serves
// a page of problems, which is enough to talk HTTP to it.
type failing struct{}

func (failing) Prepare() (*pipeline.Version, error) { return nil, errors.New("x.toml:1:1: broken") }
func (failing) IndexAndData(context.Context, *pipeline.Version) (site.Files, error) {
	return nil, errors.New("unreachable")
}

// TestServeTimeouts: a client that sends half a header, and a kept-alive
// connection left idle, are closed; a foreign Host gets 421 from the
// running server.
func TestServeTimeouts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, Config{Builder: failing{}, Stdout: io.Discard, Stderr: io.Discard,
			HeaderTimeout: 200 * time.Millisecond, IdleTimeout: 300 * time.Millisecond})
	}()
	defer func() { cancel(); <-done }()
	addr := ln.Addr().String()

	closedWithin := func(what string, conn net.Conn, r *bufio.Reader, limit time.Duration) {
		t.Helper()
		start := time.Now()
		conn.SetReadDeadline(start.Add(5 * time.Second))
		if _, err := r.ReadByte(); err != io.EOF {
			t.Errorf("%s: read %v, want the server to close the connection", what, err)
		} else if took := time.Since(start); took > limit {
			t.Errorf("%s: closed after %v, want within %v", what, took, limit)
		}
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n") // and no more
	closedWithin("half a header", conn, bufio.NewReader(conn), 2*time.Second)

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	r := bufio.NewReader(idle)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable { // the page of problems
		t.Errorf("GET / with Host %s: %s, want 503", addr, resp.Status)
	}
	closedWithin("an idle connection", idle, r, 2*time.Second)

	req, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
	req.Host = "rebind.evil.example:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host %s: %s, want 421", req.Host, resp.Status)
	}
}
