// Package pipeline owns the one build sequence, which the build command and
// the live preview both run:
//
//  1. load: read and check the catalog, set the base address given on
//     the command line, and refuse to drop a record that the previous
//     publication had (Builder.Load);
//  2. history: the manifest of the coming publication (Builder.Load);
//  3. prepare the site: templates parsed, every page's data and path
//     known, the search page linking to package search's engine and index
//     folder as template data (PrepareSite);
//  4. render every page (RenderTo);
//  5. build and export the search index (Index), make the open data and
//     the manifest file (Data);
//  6. with Inputs.Offline, the service worker and its list of files
//     (package offline), made from every file emitted before, so they
//     come last (Run only).
//
// Builder.Run runs them all for the build command, handing the files to
// an emit function as they are ready. The preview runs steps 1–3 after
// every save (Builder.Prepare) and 4–5 in the background afterwards
// (RenderTo, Builder.IndexAndData).
//
// The package knows no flags, paths or terminals: the inputs are fs.FS
// values and a manifest, files go to emit, progress to a Progress, and
// every problem comes back as an error (a catalog.ErrorList for content).
//
// # Concurrency
//
// RenderTo renders on every core (cores.Each) and calls emit from the
// calling goroutine only. Run builds the search index and the open data
// on goroutines of their own (cores.Go) while the pages render, since the
// pages need only the engine, which does not depend on the index; once
// all three are done, emit gets the open data and then the index. A
// panic anywhere becomes an error (see package cores).
package pipeline

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
)

// Inputs are what a build reads, resolved by the command from its flags.
type Inputs struct {
	Content, Templates fs.FS
	BaseURL            string            // overrides base_url in site.toml when not empty
	Previous           *history.Manifest // the previous publication's manifest, or nil for the first
	AllowRemoval       bool              // let records of the previous publication disappear
	// Offline publishes the service worker and its list (package
	// offline) and has the pages register it: the build command, unless
	// -no-offline. The preview leaves it false, so that an editor never
	// reads a page kept by a worker.
	Offline bool
}

// Builder runs the build sequence over its Inputs. It remembers the
// content files it parsed and the records it snapshot, and parses and
// snapshots again only what changed (catalog.Loader, history.Taker): the
// preview keeps one Builder for its lifetime, the build command makes a
// new one. One Load runs at a time; the rest is safe for concurrent use.
type Builder struct {
	in Inputs // from New

	mu     sync.Mutex     // held by Load, for the two below
	loader catalog.Loader // the content files of the last Load
	taker  history.Taker  // the records' snapshots of the last Load
}

// New returns a Builder of in.
func New(in Inputs) *Builder { return &Builder{in: in} }

// Version is one version of a site, prepared (steps 1–3) and not yet
// rendered. It does not change.
type Version struct {
	Catalog  *catalog.Catalog
	Manifest *history.Manifest // of the publication this version would be
	Site     *site.Site
}

// Prepare runs steps 1–3: the catalog loaded, its manifest, the site
// prepared.
func (b *Builder) Prepare() (*Version, error) {
	cat, manifest, err := b.Load()
	if err != nil {
		return nil, err
	}
	s, err := PrepareSite(cat, b.in.Templates, manifest, b.in.Offline)
	if err != nil {
		return nil, err
	}
	return &Version{Catalog: cat, Manifest: manifest, Site: s}, nil
}

// Load runs steps 1 and 2: it loads and checks the catalog, sets the
// base address of Inputs, refuses to drop a record of the previous
// publication unless allowed, and returns the manifest that comes next.
func (b *Builder) Load() (*catalog.Catalog, *history.Manifest, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cat, err := b.loader.Load(b.in.Content)
	if err != nil {
		return nil, nil, err
	}
	if b.in.BaseURL != "" {
		cat.Site.BaseURL = strings.TrimSuffix(b.in.BaseURL, "/") + "/"
	}
	if missing := history.Missing(history.Published(b.in.Previous), cat); len(missing) > 0 && !b.in.AllowRemoval {
		return nil, nil, &removalError{missing}
	}
	return cat, b.taker.Next(b.in.Previous, cat), nil
}

// PrepareSite is step 3: the site of cat with the templates in tmpl, its
// search page linking to the engine and to the index folder of package
// search, its pages registering the service worker if offline.
func PrepareSite(cat *catalog.Catalog, tmpl fs.FS, manifest *history.Manifest, offline bool) (*site.Site, error) {
	return site.Prepare(cat, tmpl, manifest.Publications, site.Search{Engine: search.Engine(), Index: search.IndexDir, Offline: offline})
}

// removalError names the records a build would silently drop.
type removalError struct{ missing []history.Item }

func (e *removalError) Error() string {
	var b strings.Builder
	b.WriteString("这些事项已经发布过，现在内容里却没有了：\n")
	for _, it := range e.missing {
		fmt.Fprintf(&b, "  %s/%s  %s\n", it.Kind, it.ID, it.Name)
	}
	b.WriteString("群众可能收藏了它们的网页。要撤下一个事项，请保留它的记录，写上 status = \"removed\"、removed_on 和 removed_by；" +
		"如果这些事项是误发的，请加 -allow-removal 再生成一次。网站没有改动")
	return b.String()
}

// RecordCounts is one line for people: records per kind and status.
func RecordCounts(c *catalog.Catalog) string {
	var parts []string
	for _, k := range catalog.Kinds {
		current, removed := 0, 0
		for _, r := range c.Records {
			if r.Kind != k {
				continue
			}
			if r.Removed() {
				removed++
			} else {
				current++
			}
		}
		s := fmt.Sprintf("%s %d 条", k.Spec().Short, current)
		if removed > 0 {
			s += fmt.Sprintf("（另有 %d 条已移出）", removed)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "，")
}
