package preview

// Who may ask. The preview shows unpublished content and has no
// password, so it listens on loopback, and it answers only requests
// that name the address it listens on. A web page elsewhere cannot read
// it through the browser of someone running the preview by pointing a
// name of its own at 127.0.0.1 (DNS rebinding): the browser would send
// that name as the Host, and the preview answers 421 Misdirected Request.

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Default timeouts of the HTTP server: a client has HeaderTimeout to send
// a request's header, and a kept-alive connection that stays idle for
// IdleTimeout is closed. Event streams are not bounded: they last as
// long as the page is open.
const (
	DefaultHeaderTimeout = 10 * time.Second
	DefaultIdleTimeout   = 60 * time.Second
)

// OnLoopback reports whether addr, host:port as the serve command's -addr
// takes it, can be reached from this computer only: localhost or a
// loopback address. An empty host (":1313") listens on every interface.
func OnLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostGuard passes on the requests whose Host names the listening
// address, and answers the others with 421.
type hostGuard struct {
	listen *net.TCPAddr
	next   http.Handler
}

func (g hostGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.allowed(r.Host) {
		http.Error(w, "用这个网址打不开预览：预览只在 "+strings.Join(g.names(), "、")+" 这些地址上打开，请在浏览器里改用其中一个", http.StatusMisdirectedRequest)
		return
	}
	g.next.ServeHTTP(w, r)
}

// allowed reports whether host (a Host header) names the listening
// address: localhost, a loopback address, the address listened on, or
// any address when listening on every interface; with the port listened
// on (which a browser leaves out for port 80).
func (g hostGuard) allowed(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "80"
	}
	if port != strconv.Itoa(g.listen.Port) {
		return false
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && (ip.IsLoopback() || ip.Equal(g.listen.IP) || g.listen.IP.IsUnspecified())
}

// names lists addresses the preview answers at, for the 421 message.
func (g hostGuard) names() []string {
	port := strconv.Itoa(g.listen.Port)
	out := []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port}
	switch ip := g.listen.IP; {
	case ip.IsUnspecified():
		out = append(out, "本机的 IP 地址加 :"+port)
	case !ip.IsLoopback():
		out = append(out, net.JoinHostPort(ip.String(), port))
	}
	return out
}
