package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"jianzheng/content"
	"jianzheng/generator/cores"
	"jianzheng/generator/history"
	"jianzheng/generator/site"
	"jianzheng/templates"
)

func sample() Inputs { return Inputs{Content: content.FS, Templates: templates.FS} }

// TestRunIsPrepareRenderIndex: the build command's Run and the preview's
// steps (Prepare, then RenderTo and IndexAndData) make the same files.
func TestRunIsPrepareRenderIndex(t *testing.T) {
	built := site.Files{}
	if _, err := New(sample()).Run(nil, func(files site.Files) error {
		for name, data := range files {
			if _, twice := built[name]; twice {
				t.Errorf("%s emitted twice", name)
			}
			built[name] = data
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	b := New(sample())
	v, err := b.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	stepped := site.Files{}
	if err := RenderTo(context.Background(), v.Site, func(files site.Files) error {
		maps.Copy(stepped, files)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rest, err := b.IndexAndData(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(stepped, rest)

	if len(built) != len(stepped) {
		t.Errorf("Run made %d files, the steps %d", len(built), len(stepped))
	}
	for name, data := range built {
		if !bytes.Equal(stepped[name], data) {
			t.Errorf("%s differs", name)
		}
	}
	for _, name := range []string{"index.html", "search/index.html", "search/index/manifest.js", ManifestPath, "data/catalog.json"} {
		if _, ok := built[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	if !strings.Contains(string(built["search/index.html"]), `data-index="index/"`) {
		t.Errorf("the search page does not read the index at search/index/")
	}
}

// pages is a site of n pages named "p0", "p1", …; page fails or panics
// on some.
type pages struct {
	n    int
	page func(i int) ([]byte, error)
}

func (p pages) Paths() []string {
	var out []string
	for i := range p.n {
		out = append(out, fmt.Sprint("p", i))
	}
	return out
}

func (p pages) Page(path string) ([]byte, bool, error) {
	var i int
	fmt.Sscanf(path, "p%d", &i)
	data, err := p.page(i)
	return data, true, err
}

func TestRenderToChunks(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	got := site.Files{}
	err := RenderTo(context.Background(), pages{1200, func(i int) ([]byte, error) { return []byte{byte(i)}, nil }}, func(files site.Files) error {
		mu.Lock()
		defer mu.Unlock()
		sizes = append(sizes, len(files))
		maps.Copy(got, files)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sizes, []int{renderChunk, renderChunk, 1200 - 2*renderChunk}) || len(got) != 1200 {
		t.Errorf("emitted chunks of %v, %d files in all", sizes, len(got))
	}
}

// TestRenderToFirstError: the error is the first failing page in the
// site's order, whatever the schedule; a panic is an error too; and
// nothing of a failed site is emitted at the end.
func TestRenderToFirstError(t *testing.T) {
	for range 10 {
		emitted := 0
		err := RenderTo(context.Background(), pages{100, func(i int) ([]byte, error) {
			switch i {
			case 30, 70:
				return nil, fmt.Errorf("page %d fails", i)
			case 50:
				panic("page 50 panics")
			}
			return []byte("ok"), nil
		}}, func(files site.Files) error { emitted += len(files); return nil })
		if err == nil || err.Error() != "page 30 fails" || emitted != 0 {
			t.Fatalf("error %v, %d files emitted; want page 30's, none", err, emitted)
		}
	}
	err := RenderTo(context.Background(), pages{10, func(i int) ([]byte, error) {
		if i == 3 {
			panic("page 3 panics")
		}
		return nil, nil
	}}, func(site.Files) error { return nil })
	if _, ok := errors.AsType[*cores.PanicError](err); !ok {
		t.Errorf("a panicking page: %v, want a *cores.PanicError", err)
	}
}

func TestRenderToCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := RenderTo(ctx, pages{10, func(int) ([]byte, error) { return nil, nil }}, func(site.Files) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestLoad: the base address of Inputs wins over site.toml's, and a
// record of the previous publication may not disappear unless allowed.
func TestLoad(t *testing.T) {
	in := sample()
	in.BaseURL = "https://example.org/jz"
	cat, manifest, err := New(in).Load()
	if err != nil {
		t.Fatal(err)
	}
	if cat.Site.BaseURL != "https://example.org/jz/" || !manifest.Publications[0].First {
		t.Errorf("base URL %q, first publication %v", cat.Site.BaseURL, manifest.Publications[0].First)
	}

	prev := history.Next(nil, cat)
	prev.Publications[0].Date = "2000-01-01" // an earlier publication, which had one more record
	prev.Current["gone"] = history.Entry{Kind: "cancelled", Name: "已删除的证明", Status: "cancelled"}
	in.Previous = prev
	if _, _, err := New(in).Load(); err == nil || !strings.Contains(err.Error(), "cancelled/gone  已删除的证明") {
		t.Errorf("a record gone: %v, want it named", err)
	}
	in.AllowRemoval = true
	if _, _, err := New(in).Load(); err != nil {
		t.Errorf("a record gone, removal allowed: %v", err)
	}
}
