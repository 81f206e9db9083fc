package preview_test

// Tests of the preview through its HTTP interface: each serves a copy of
// the sample with the real build on 127.0.0.1:0, edits it, and waits for
// what the server says (see package previewtest).

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"jianzheng/generator/catalog"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/preview"
	"jianzheng/generator/preview/previewtest"
	"jianzheng/generator/site"
)

// root is the repository, which holds the sample content and templates.
const root = "../.."

// reloadTag is what the preview adds to every page.
const reloadTag = `<script src="/_preview/reload.js"></script>`

// TestServe follows one editing session: browse, fix a name, make a
// mistake, correct it.
func TestServe(t *testing.T) {
	content, templates := previewtest.CopySample(t, root)
	pv := startPreview(t, content, templates, nil)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")

	body := pv.Get(t, "/", http.StatusOK, "text/html; charset=utf-8")
	if !strings.Contains(body, reloadTag+"\n</body>") {
		t.Errorf("home page: no %s before </body>", reloadTag)
	}
	body = pv.Get(t, rec.URL, http.StatusOK, "text/html; charset=utf-8")
	if !strings.Contains(body, html.EscapeString(rec.Name)) || !strings.Contains(body, reloadTag) {
		t.Errorf("%s: want the name %q and the reload script", rec.URL, rec.Name)
	}
	pv.Get(t, "/_preview/reload.js", http.StatusOK, "text/javascript; charset=utf-8")
	pv.Get(t, "/_preview/overlay.css", http.StatusOK, "text/css; charset=utf-8")
	pv.Get(t, "/robots.txt", http.StatusOK, "text/plain; charset=utf-8") // no sitemap.xml: the sample has no base_url
	resp := pv.Do(t, strings.TrimSuffix(rec.URL, "/"))
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != rec.URL {
		t.Errorf("%s without its slash: %s to %q, want 302 to %s", rec.URL, resp.Status, resp.Header.Get("Location"), rec.URL)
	}
	notFound := pv.Get(t, "/no/such/page", http.StatusNotFound, "text/html; charset=utf-8")
	if page := pv.Get(t, "/404.html", http.StatusOK, "text/html; charset=utf-8"); notFound != page {
		t.Errorf("a missing page is not answered with the site's 404.html")
	}

	events := pv.Subscribe(t)
	if ev := previewtest.NextEvent(t, events); ev.Name != "ready" || ev.Data != `{"site":1,"index":1}` {
		t.Fatalf("on connecting: event %q %s, want ready {\"site\":1,\"index\":1}", ev.Name, ev.Data)
	}

	renamed := strings.Replace(rec.File, rec.NameLine, `name = "预览测试：改过的名称"`, 1)
	previewtest.WriteContent(t, content, rec.Path, renamed)
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" || ev.Site() != 2 {
		t.Fatalf("after a good edit: event %q %s, want reload of site 2", ev.Name, ev.Data)
	}
	t.Log(pv.WaitLine(t, "重新生成用时 "))
	if body := pv.Get(t, rec.URL, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, "预览测试：改过的名称") {
		t.Errorf("after the rebuild %s does not show the new name", rec.URL)
	}

	broken := strings.Replace(renamed, "\n"+rec.IDLine+"\n", "\n"+rec.IDLine+"\nnmae = \"x\"\n", 1)
	want := fmt.Sprintf(`%s:%d:1: [[proof]] %q 里没有 nmae 这个键（是不是 "name"？）`, rec.Path, rec.IDAt+1, rec.ID)
	previewtest.WriteContent(t, content, rec.Path, broken)
	ev := previewtest.NextEvent(t, events)
	var got struct {
		Site  int
		Lines []string
	}
	if ev.Name != "error" || json.Unmarshal([]byte(ev.Data), &got) != nil || got.Site != 2 || !slices.Equal(got.Lines, []string{want}) {
		t.Fatalf("after a mistake: event %q %s, want error with site 2 and lines [%q]", ev.Name, ev.Data, want)
	}
	if body := pv.Get(t, rec.URL, http.StatusOK, "text/html; charset=utf-8"); !strings.Contains(body, "预览测试：改过的名称") {
		t.Errorf("while the content is broken %s is not the last good version", rec.URL)
	}
	if !strings.Contains(pv.Stderr(), "\n"+want+"\n") {
		t.Errorf("terminal does not show %q:\n%s", want, pv.Stderr())
	}

	previewtest.WriteContent(t, content, rec.Path, renamed)
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" || ev.Site() != 3 {
		t.Fatalf("after the fix: event %q %s, want reload of site 3", ev.Name, ev.Data)
	}
	t.Log(pv.WaitLine(t, "重新生成用时 "))
}

// TestServeFirstBuildFails: a server that starts on broken content lists
// the problems, as text, and serves the site once they are fixed.
func TestServeFirstBuildFails(t *testing.T) {
	content, templates := previewtest.CopySample(t, root)
	rec := previewtest.FirstRecord(t, content, "cancelled/gongan.toml")
	hostile := strings.Replace(rec.File, "\n"+rec.IDLine+"\n", "\n"+rec.IDLine+"\n\"<img src=x>\" = 1\n", 1)
	previewtest.WriteContent(t, content, rec.Path, hostile)
	pv := startPreview(t, content, templates, nil)

	body := pv.Get(t, "/", http.StatusServiceUnavailable, "text/html; charset=utf-8")
	want := fmt.Sprintf(`%s:%d:1: [[proof]] %q 里没有 <img src=x> 这个键`, rec.Path, rec.IDAt+1, rec.ID)
	if !strings.Contains(body, html.EscapeString(want)) || strings.Contains(body, "<img") || !strings.Contains(body, reloadTag) {
		t.Errorf("problems page: want %q as text and the reload script:\n%s", want, body)
	}
	events := pv.Subscribe(t)
	if ev := previewtest.NextEvent(t, events); ev.Name != "error" || !strings.Contains(ev.Data, `{"site":0,"index":0,"lines":["`) || !strings.Contains(ev.Data, `\u003cimg src=x\u003e`) {
		t.Fatalf("on connecting: event %q %s, want the current error", ev.Name, ev.Data)
	}
	previewtest.WriteContent(t, content, rec.Path, rec.File)
	if ev := previewtest.NextEvent(t, events); ev.Name != "reload" {
		t.Fatalf("after the fix: event %q %s, want reload", ev.Name, ev.Data)
	}
	if body := pv.Get(t, "/", http.StatusOK, "text/html; charset=utf-8"); strings.Contains(body, "preview-problems") {
		t.Errorf("after the fix / is still the problems page")
	}
}

// startPreview serves a preview of the folders content and templates,
// watching both, as the serve command does. index, if not nil, stands
// for the search index and the open data.
func startPreview(t testing.TB, content, templates string, index func(*catalog.Catalog) (site.Files, error)) *previewtest.Server {
	t.Helper()
	b := pipeline.New(pipeline.Inputs{Content: os.DirFS(content), Templates: os.DirFS(templates)})
	var builder preview.Builder = b
	if index != nil {
		builder = stubIndex{b, index}
	}
	return previewtest.Start(t, func(ctx context.Context, stdout, stderr io.Writer) error {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer ln.Close()
		return preview.Serve(ctx, ln, preview.Config{
			Builder: builder,
			Watch:   []preview.Root{{Dir: content}, {Dir: templates, Prefix: "templates/"}},
			Stdout:  stdout, Stderr: stderr,
		})
	})
}

// stubIndex is the real build but for the search index and the open
// data, which index makes.
type stubIndex struct {
	*pipeline.Builder
	index func(*catalog.Catalog) (site.Files, error)
}

func (s stubIndex) IndexAndData(_ context.Context, v *pipeline.Version) (site.Files, error) {
	return s.index(v.Catalog)
}
