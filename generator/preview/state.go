package preview

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"jianzheng/generator/cores"
	"jianzheng/generator/pipeline"
	"jianzheng/generator/site"
)

// version is one prepared site and the files rendered from it so far. It
// is a pipeline.Pages, so that step 2 renders it with pipeline.RenderTo
// and keeps what it renders.
type version struct {
	*pipeline.Version
	n       int    // counts the sites prepared, so that browsers can tell versions apart
	changed string // the files whose change led to it, for messages

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

// Paths lists every file of the site, in the order errors are reported in.
func (v *version) Paths() []string { return v.Site.Paths() }

// Page returns the file at name, rendering it the first time. It is
// called from HTTP handlers, so a panic becomes an error here.
func (v *version) Page(name string) (data []byte, ok bool, err error) {
	v.mu.Lock()
	data, ok = v.files[name]
	v.mu.Unlock()
	if ok {
		return data, true, nil
	}
	err = cores.Call(func() (err error) {
		data, ok, err = v.Site.Page(name)
		return err
	})
	if ok && err == nil {
		v.mu.Lock()
		v.files[name] = data
		v.mu.Unlock()
	}
	return data, ok, err
}

// buildState is what the latest build left. It is replaced whole and never
// changed, so a request sees one consistent site, and an event stream
// waits for next to learn that a newer state exists.
type buildState struct {
	site            *version      // the site served; nil until one has been prepared
	index, oldIndex *indexVersion // the newest search index, and the one before for search pages that loaded it
	problems        []string      // the latest build's errors, one per line; nil if it succeeded
	next            chan struct{} // closed when the next state replaces this one
}

// siteN and indexN are the versions browsers are told about; 0 for none.
func (s *buildState) siteN() int {
	if s.site == nil {
		return 0
	}
	return s.site.n
}

func (s *buildState) indexN() int {
	if s.index == nil {
		return 0
	}
	return s.index.n
}

// publishSite makes v the site that requests and event streams see, with
// the search index and open data in index if they are built already. Only
// Serve's first build and then the loop call it, one at a time.
func (p *server) publishSite(v *version, index site.Files) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sites++
	v.n, p.latest = p.sites, v
	if index != nil {
		p.verified = v
		p.indexes++
	}
	p.publishLocked(func(s *buildState) {
		s.site, s.problems = v, nil
		if index != nil {
			s.oldIndex, s.index = s.index, &indexVersion{n: p.indexes, files: index}
		}
	})
}

// publishFailure shows a failed build's problems; the site stays.
func (p *server) publishFailure(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.publishLocked(func(s *buildState) { s.problems = problemLines(err) })
}

// publishLocked replaces the state with a copy that change has changed,
// and wakes the event streams. p.mu must be held.
func (p *server) publishLocked(change func(*buildState)) {
	old := p.state.Load()
	s := &buildState{next: make(chan struct{})}
	if old != nil {
		s.site, s.index, s.oldIndex, s.problems = old.site, old.index, old.oldIndex, old.problems
	}
	change(s)
	p.state.Store(s)
	if old != nil {
		close(old.next)
	}
}

// problemLines splits an error into its lines: for a catalog.ErrorList,
// one "path:line:col: message" per problem. A panic asks to be reported.
func problemLines(err error) []string {
	var lines []string
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	if lines == nil {
		lines = []string{"生成失败"}
	}
	if _, ok := errors.AsType[*cores.PanicError](err); ok {
		lines = append(lines, "请把这条信息和引起它的内容一起报告给维护人员")
	}
	return lines
}

// reportFailure prints a failed build to the terminal the way build does:
// a line saying what happened, then each problem on a line of its own.
func (p *server) reportFailure(err error, what string) {
	fmt.Fprintln(p.Stderr, what+":")
	for _, line := range problemLines(err) {
		fmt.Fprintln(p.Stderr, line)
	}
}
