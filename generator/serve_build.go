package main

// How the preview rebuilds. A whole build of 10,000 records takes ten
// seconds, mostly for the search index, while an editor who saves one
// record wants to see that record now. So a rebuild has two steps:
//
//  1. prepare, in the watch loop: load the catalog (parsing again only
//     the files that changed, see catalog.Loader), check the history as
//     build does, and prepare the site (site.Prepare: the templates
//     parsed, every page's data and path known). The new version is
//     published at once and the browsers reload; each page renders when
//     it is asked for and is kept for the version's lifetime.
//  2. complete, in the background: render every page, since a template
//     that fails on one page fails the build as it would fail build; and
//     build the search index and the open data. Until they are ready the
//     previous ones stay served. A failure is published like a failed
//     build: back to the last version whose every page rendered, with the
//     problems over the page.
//
// Step 2 starts a moment after the publication, once the browsers have
// asked for their pages. A save stops its rendering at once, so that
// preparing the next version has the cores; if that version loads, the
// older one's results are dropped, and if not, the older one's step 2
// starts again with the pages and index it has. The index build stops
// between batches too (search.BuildContext) and is then not kept; the
// next step 2 waits for it to stop, so that two index builds never share
// the two cores.

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	"jianzheng/generator/history"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
)

// siteVersion is one prepared site and the files rendered from it so far.
type siteVersion struct {
	n        int    // counts the sites prepared, so that browsers can tell versions apart
	changed  string // the files whose change led to it, for messages
	cat      *catalog.Catalog
	manifest *history.Manifest
	site     *site.Site

	mu       sync.Mutex
	files    site.Files // rendered so far
	indexed  bool       // index and indexErr are set
	index    site.Files // the search index and open data
	indexErr error
}

// indexVersion is the search index and the open data of one catalog.
type indexVersion struct {
	n     int        // counts the indexes built; search pages load /_preview/index/n/
	files site.Files // search/index/…, data/…
}

// file returns the file at name, rendering it the first time.
func (v *siteVersion) file(name string) ([]byte, bool, error) {
	v.mu.Lock()
	data, ok := v.files[name]
	v.mu.Unlock()
	if ok {
		return data, true, nil
	}
	data, ok, err := v.site.Page(name)
	if ok && err == nil {
		v.mu.Lock()
		v.files[name] = data
		v.mu.Unlock()
	}
	return data, ok, err
}

// prepare is step 1. A panic becomes an error like any other, so that the
// preview survives it.
func (p *preview) prepare() (v *siteVersion, err error) {
	defer recoverAs(&err, "")
	j := p.job
	cat, err := j.load(p.loader.Load)
	if err != nil {
		return nil, err
	}
	manifest := p.taker.Next(j.previous, cat)
	s, err := site.Prepare(cat, j.templates, manifest.Publications, site.Files{search.EnginePath: search.Engine()})
	if err != nil {
		return nil, err
	}
	return &siteVersion{cat: cat, manifest: manifest, site: s, files: site.Files{}}, nil
}

// complete is step 2: it renders every file of v and returns the search
// index and open data, or the first problem. It stops rendering once ctx
// is done.
func (p *preview) complete(ctx context.Context, v *siteVersion) (files site.Files, err error) {
	defer recoverAs(&err, "")
	type indexed struct {
		files site.Files
		err   error
	}
	done := make(chan indexed, 1)
	go func() {
		var ix indexed
		defer func() { done <- ix }()
		defer recoverAs(&ix.err, "building the search index: ")
		ix.files, ix.err = p.searchIndex(ctx, v)
	}()
	err = renderAll(ctx, v)
	ix := <-done
	if err != nil {
		return nil, err
	}
	return ix.files, ix.err
}

// searchIndex returns v's search index and open data, building them the
// first time: step 2 may run again for the same version (see
// pauseComplete). A build that ctx stopped is not kept, so that a version
// that runs again builds its index then.
func (p *preview) searchIndex(ctx context.Context, v *siteVersion) (site.Files, error) {
	v.mu.Lock()
	indexed := v.indexed
	v.mu.Unlock()
	if !indexed {
		files, err := p.indexFiles(ctx, v)
		if ctx.Err() != nil && err != nil {
			return nil, err
		}
		v.mu.Lock()
		v.indexed, v.index, v.indexErr = true, files, err
		v.mu.Unlock()
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.index, v.indexErr
}

// indexFiles are the search index and the open data, as generate makes them.
func (p *preview) indexFiles(ctx context.Context, v *siteVersion) (site.Files, error) {
	if p.testIndex != nil {
		return p.testIndex(v.cat)
	}
	files, err := searchFiles(ctx, v.cat)
	if err != nil {
		return nil, err
	}
	data, err := dataFiles(v.cat, v.manifest)
	if err != nil {
		return nil, err
	}
	maps.Copy(files, data)
	return files, nil
}

// renderAll renders every file of v on every core, and returns the first
// page that failed in the site's order, as build would report it.
func renderAll(ctx context.Context, v *siteVersion) error {
	paths := v.site.Paths()
	return cores.Each(len(paths), func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return renderOne(v, paths[i])
	})
}

func renderOne(v *siteVersion, name string) (err error) {
	defer recoverAs(&err, "rendering "+name+": ")
	_, _, err = v.file(name)
	return err
}

// recoverAs turns a panic into *err. A panic in any goroutine but the
// command's own would end the process past run's recover.
func recoverAs(err *error, prefix string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%sinternal error: %v\nplease report this, with the content that caused it", prefix, r)
	}
}

// reloadFirst is how long step 2 waits, so that the pages browsers ask
// for on reloading do not wait for the cores.
const reloadFirst = 300 * time.Millisecond

// background is the step 2 of one version, running.
type background struct {
	v      *siteVersion
	cancel context.CancelFunc
	done   chan struct{} // closed when it has ended
	ended  atomic.Bool   // it has ended with its outcome published or dropped, not cancelled
}

// startComplete runs step 2 for v in the background, after cancelling
// the one running. Only loop calls it.
func (p *preview) startComplete(ctx context.Context, v *siteVersion) {
	prev := p.bg
	if prev != nil {
		prev.cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	bg := &background{v: v, cancel: cancel, done: make(chan struct{})}
	p.bg = bg
	go func() {
		defer close(bg.done)
		defer func() { // a panic here would end the process
			if r := recover(); r != nil {
				fmt.Fprintf(p.stderr, "serve: internal error in the background: %v\nplease report this, with the content that caused it\n", r)
			}
		}()
		if prev != nil {
			<-prev.done // one at a time: each uses every core
		}
		// The browsers reload as soon as v is published; their requests
		// go first.
		select {
		case <-ctx.Done():
			return
		case <-time.After(reloadFirst):
		}
		start := time.Now()
		files, err := p.complete(ctx, v)
		if ctx.Err() != nil {
			return // paused or superseded: see pauseComplete
		}
		p.completed(v, files, err, time.Since(start))
		bg.ended.Store(true)
	}()
}

// pauseComplete stops rendering in the running step 2, so that the next
// save has the cores; loop calls it before preparing a new version. If
// that fails to load, resumeComplete starts step 2 of the version still
// served again, with the pages and index built so far.
func (p *preview) pauseComplete() {
	if p.bg != nil {
		p.bg.cancel()
	}
}

func (p *preview) resumeComplete(ctx context.Context) {
	if p.bg != nil && !p.bg.ended.Load() {
		p.startComplete(ctx, p.bg.v)
	}
}

// cancelComplete cancels step 2 when the preview stops. It does not wait:
// a search index being built cannot be stopped, and a cancelled step 2
// publishes nothing, so it can end with the process.
func (p *preview) cancelComplete() {
	if p.bg != nil {
		p.bg.cancel()
	}
}

// completed publishes the outcome of v's step 2, unless a newer version
// has been prepared since.
func (p *preview) completed(v *siteVersion, files site.Files, err error, took time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.latest != v {
		return
	}
	took = took.Round(time.Millisecond)
	if err != nil {
		shown := p.state.Load().problems != nil // a newer save failed to load: its problems stay
		if !shown {
			p.reportFailure(err, fmt.Sprintf("rebuild failed after %s (changed: %s); serving the last version whose every page rendered", took, v.changed))
		}
		p.publishLocked(func(s *buildState) {
			s.site = p.verified
			if !shown {
				s.problems = problemLines(err)
			}
		})
		return
	}
	p.verified = v
	p.indexes++
	fmt.Fprintf(p.stdout, "checked every page and rebuilt the search index in %s\n", took)
	p.publishLocked(func(s *buildState) {
		s.oldIndex, s.index = s.index, &indexVersion{n: p.indexes, files: files}
	})
}
