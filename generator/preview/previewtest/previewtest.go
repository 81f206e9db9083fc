// Package previewtest runs a live preview for tests, as net/http/httptest
// runs a server: over a copy of the sample content and templates, on
// 127.0.0.1:0, with its terminal lines and its event stream at hand.
// Package preview's tests use it, and so do the serve command's, which
// start the preview through the command and its flags.
//
// Waiting is always for something the server says (a line on stdout, an
// event on /_preview/events), never for a fixed time.
package previewtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Wait bounds every wait for the server but the first build's.
const Wait = 10 * time.Second

// FirstBuildWait bounds the first build, which is whole: a minute and
// more for a large synthetic catalog.
const FirstBuildWait = 5 * time.Minute

// CopySample copies the repository's content/ and templates/ folders,
// found under root, into a temporary folder.
func CopySample(t testing.TB, root string) (content, templates string) {
	t.Helper()
	dir := t.TempDir()
	content, templates = filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	if err := os.CopyFS(content, os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(templates, os.DirFS(filepath.Join(root, "templates"))); err != nil {
		t.Fatal(err)
	}
	return content, templates
}

// Record is the first record of a content file, found by reading it
// rather than named in a test, so that tests survive edits to the sample.
type Record struct {
	Path, File       string // path relative to content, and its text
	ID, Name, URL    string
	IDLine, NameLine string // the lines `id = "…"` and `name = "…"`
	IDAt             int    // line number of IDLine
}

var tomlString = regexp.MustCompile(`^(id|name) = "([^"\\]*)"$`)

// FirstRecord reads the first record of the content file at path.
func FirstRecord(t testing.TB, content, path string) Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	r := Record{Path: path, File: string(data)}
	for i, line := range strings.Split(r.File, "\n") {
		m := tomlString.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] == "id" && r.ID == "":
			r.ID, r.IDLine, r.IDAt = m[2], line, i+1
		case m[1] == "name" && r.ID != "" && r.Name == "":
			r.Name, r.NameLine = m[2], line
		}
	}
	if r.Name == "" {
		t.Fatalf("%s: no record with a plain id and name", path)
	}
	r.URL = "/" + strings.Split(path, "/")[0] + "/" + r.ID + "/"
	return r
}

// WriteContent writes text to the content file at path, as an editor saves.
func WriteContent(t testing.TB, content, path, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(path)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Server is one preview running for a test.
type Server struct {
	URL     string // http://127.0.0.1:PORT/
	lines   chan string
	stderr  *lockedBuffer
	stopped chan struct{} // closed when serve has returned err
	err     error
	client  *http.Client
}

// Start runs serve, which serves a preview until its ctx is done, and
// returns once the preview says where it serves. The preview stops when
// the test ends, and must stop cleanly.
func Start(t testing.TB, serve func(ctx context.Context, stdout, stderr io.Writer) error) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{lines: make(chan string, 1000), stderr: &lockedBuffer{}, stopped: make(chan struct{}),
		client: &http.Client{
			Timeout:       Wait,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	stdout := &lineWriter{lines: s.lines}
	go func() {
		defer close(s.stopped)
		s.err = serve(ctx, stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.stopped:
			if s.err != nil {
				t.Errorf("serve: %v", s.err)
			}
		case <-time.After(Wait):
			t.Errorf("serve did not stop within %s of its context ending", Wait)
		}
		if t.Failed() {
			t.Logf("serve's stderr:\n%s", s.stderr.String())
		}
	})
	line := s.WaitLineWithin(t, "预览地址 http://", FirstBuildWait)
	s.URL = strings.Fields(line)[1]
	return s
}

// Stderr is what the preview has written to stderr so far.
func (s *Server) Stderr() string { return s.stderr.String() }

// WaitLine returns the next line of stdout that starts with prefix.
func (s *Server) WaitLine(t testing.TB, prefix string) string {
	t.Helper()
	return s.WaitLineWithin(t, prefix, Wait)
}

// WaitLineWithin is WaitLine, waiting at most wait.
func (s *Server) WaitLineWithin(t testing.TB, prefix string, wait time.Duration) string {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case line := <-s.lines:
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-s.stopped:
			t.Fatalf("serve stopped: %v\n%s", s.err, s.stderr.String())
		case <-timeout:
			t.Fatalf("no line %q on stdout within %s", prefix, wait)
		}
	}
}

// Do fetches path, not following redirects.
func (s *Server) Do(t testing.TB, path string) *http.Response {
	t.Helper()
	resp, err := s.client.Get(strings.TrimSuffix(s.URL, "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// Get fetches path and checks its status and Content-Type.
func (s *Server) Get(t testing.TB, path string, status int, ctype string) string {
	t.Helper()
	resp := s.Do(t, path)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status || resp.Header.Get("Content-Type") != ctype {
		t.Errorf("GET %s: %s, %q; want %d, %q", path, resp.Status, resp.Header.Get("Content-Type"), status, ctype)
	}
	return string(body)
}

// Event is one server-sent event of /_preview/events.
type Event struct{ Name, Data string }

// Subscribe opens /_preview/events; once it returns, every later build is
// reported on the channel.
func (s *Server) Subscribe(t testing.TB) <-chan Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"_preview/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %s, %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan Event)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev Event
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				select {
				case events <- ev:
				case <-ctx.Done():
					return
				}
				ev = Event{}
			} else if v, ok := strings.CutPrefix(line, "event: "); ok {
				ev.Name = v
			} else if v, ok := strings.CutPrefix(line, "data: "); ok {
				ev.Data = v
			}
		}
	}()
	return events
}

// NextEvent returns the next event but "search", which comes whenever a
// search index is ready (see WaitEvent).
func NextEvent(t testing.TB, events <-chan Event) Event {
	t.Helper()
	for {
		if ev := WaitEvent(t, events); ev.Name != "search" {
			return ev
		}
	}
}

// WaitEvent returns the next event.
func WaitEvent(t testing.TB, events <-chan Event) Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(Wait):
		t.Fatalf("no event within %s", Wait)
		return Event{}
	}
}

// Site and Index are the versions the event names.
func (ev Event) Site() int  { return ev.versions().Site }
func (ev Event) Index() int { return ev.versions().Index }

func (ev Event) versions() (v struct{ Site, Index int }) {
	json.Unmarshal([]byte(ev.Data), &v)
	return v
}

// lineWriter sends what is written to it, line by line, to lines.
type lineWriter struct {
	mu      sync.Mutex
	partial []byte
	lines   chan<- string
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, b...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		w.lines <- string(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
