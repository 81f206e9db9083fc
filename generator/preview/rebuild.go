package preview

// How the preview rebuilds. A whole build of 10,000 records takes ten
// seconds, mostly for the search index, while an editor who saves one
// record wants to see that record now. So a rebuild has two steps:
//
//  1. prepare, in the watch loop: load the catalog (parsing again only
//     the files that changed, see catalog.Loader), check the history as
//     build does, and prepare the site (pipeline steps 1–3). The new
//     version is published at once and the browsers reload; each page
//     renders when it is asked for and is kept for the version's lifetime.
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
	"sync/atomic"
	"time"

	"jianzheng/generator/cores"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/site"
)

// prepare is step 1.
func (p *server) prepare() (*version, error) {
	var v *pipeline.Version
	err := cores.Call(func() (err error) {
		v, err = p.Builder.Prepare()
		return err
	})
	if err != nil {
		return nil, err
	}
	return &version{Version: v, files: site.Files{}}, nil
}

// complete is step 2: it renders every file of v and returns the search
// index and open data, or the first problem. It stops rendering once ctx
// is done.
func (p *server) complete(ctx context.Context, v *version) (index site.Files, err error) {
	err = cores.Call(func() error {
		indexed := cores.Go(func() (site.Files, error) { return p.searchIndex(ctx, v) })
		rendered := pipeline.RenderTo(ctx, v, func(site.Files) error { return nil }) // v keeps the pages
		files, err := indexed()
		if rendered != nil {
			return rendered
		}
		index = files
		return err
	})
	if err != nil {
		return nil, err
	}
	return index, nil
}

// searchIndex returns v's search index and open data, building them the
// first time: step 2 may run again for the same version (see
// pauseComplete). A build that ctx stopped is not kept, so that a version
// that runs again builds its index then.
func (p *server) searchIndex(ctx context.Context, v *version) (site.Files, error) {
	v.mu.Lock()
	indexed := v.indexed
	v.mu.Unlock()
	if !indexed {
		files, err := p.Builder.IndexAndData(ctx, v.Version)
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

// reloadFirst is how long step 2 waits, so that the pages browsers ask
// for on reloading do not wait for the cores.
const reloadFirst = 300 * time.Millisecond

// background is the step 2 of one version, running.
type background struct {
	v      *version
	cancel context.CancelFunc
	done   chan struct{} // closed when it has ended
	ended  atomic.Bool   // it has ended with its outcome published or dropped, not cancelled
}

// startComplete runs step 2 for v in the background, after cancelling
// the one running. Only the loop calls it.
func (p *server) startComplete(ctx context.Context, v *version) {
	prev := p.bg
	if prev != nil {
		prev.cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	bg := &background{v: v, cancel: cancel, done: make(chan struct{})}
	p.bg = bg
	go func() {
		defer close(bg.done)
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
// save has the cores; the loop calls it before preparing a new version.
// If that fails to load, resumeComplete starts step 2 of the version
// still served again, with the pages and index built so far.
func (p *server) pauseComplete() {
	if p.bg != nil {
		p.bg.cancel()
	}
}

func (p *server) resumeComplete(ctx context.Context) {
	if p.bg != nil && !p.bg.ended.Load() {
		p.startComplete(ctx, p.bg.v)
	}
}

// cancelComplete cancels step 2 when the preview stops. It does not wait:
// a search index being built cannot be stopped, and a cancelled step 2
// publishes nothing, so it can end with the process.
func (p *server) cancelComplete() {
	if p.bg != nil {
		p.bg.cancel()
	}
}

// completed publishes the outcome of v's step 2, unless a newer version
// has been prepared since.
func (p *server) completed(v *version, files site.Files, err error, took time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.latest != v {
		return
	}
	took = took.Round(time.Millisecond)
	if err != nil {
		shown := p.state.Load().problems != nil // a newer save failed to load: its problems stay
		if !shown {
			p.reportFailure(err, fmt.Sprintf("重新生成失败，用时 %s（改动：%s）；继续显示上一个每页都生成成功的版本", took, v.changed))
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
	fmt.Fprintf(p.Stdout, "已检查每一页并重建搜索索引，用时 %s\n", took)
	p.publishLocked(func(s *buildState) {
		s.oldIndex, s.index = s.index, &indexVersion{n: p.indexes, files: files}
	})
}
