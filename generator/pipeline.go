package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	"jianzheng/generator/history"
	"jianzheng/generator/ledger"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
)

// job is one build's inputs, resolved to file systems.
type job struct {
	content, templates fs.FS
	baseURL            string            // overrides site.toml when not empty
	previous           *history.Manifest // the previous publication's, or nil
	allowRemoval       bool              // let records of the previous publication go
	progress           *progress         // nil: quiet
}

// generate runs the whole build in memory and returns every file: the
// preview serves them, tests read them. It writes nothing.
func generate(j job) (*catalog.Catalog, site.Files, error) {
	files := site.Files{}
	cat, err := generateTo(j, func(part site.Files) error {
		maps.Copy(files, part)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return cat, files, nil
}

// generateTo runs the whole build: load and validate the catalog, render
// the pages, build and export the search index, make the open data. It
// hands the files to emit as they are ready, the pages in chunks while
// they render and the index builds, so that a build writes them
// meanwhile; the open data and the index come last. emit is called from
// one goroutine at a time. A build that fails after some files have gone
// out returns the error; emit's files are then to be thrown away (build
// writes into a folder that replaces the site only on success).
func generateTo(j job, emit func(site.Files) error) (*catalog.Catalog, error) {
	j.progress.stage("loading and checking the content")
	cat, err := j.load(catalog.Load)
	if err != nil {
		return nil, err
	}
	manifest := history.Next(j.previous, cat)
	// The index builds while the pages render and are written: the pages
	// need only the engine, which does not depend on the index.
	j.progress.stage("indexing %d records for search", len(cat.Records))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	index := inBackground("building the search index", func() (site.Files, error) { return searchFiles(ctx, cat) })
	data := inBackground("making the open data", func() (site.Files, error) { return dataFiles(cat, manifest) })
	s, err := site.Prepare(cat, j.templates, manifest.Publications, site.Files{search.EnginePath: search.Engine()})
	if err == nil {
		total, written := len(s.Paths()), 0
		j.progress.stage("rendering and writing %d files, indexing %d records for search", total, len(cat.Records))
		err = renderTo(s, func(files site.Files) error {
			if err := emit(files); err != nil {
				return err
			}
			written += len(files)
			j.progress.count("rendered and written %d of %d files, indexing %d records for search", written, total, len(cat.Records))
			return nil
		})
	}
	if err != nil {
		cancel()
	}
	j.progress.stage("finishing the search index of %d records", len(cat.Records))
	dataFiles, dataErr := data()
	indexFiles, indexErr := index()
	for _, e := range []error{err, dataErr, indexErr} {
		if e != nil {
			return nil, e
		}
	}
	j.progress.stage("writing the open data and the search index")
	if err := emit(dataFiles); err != nil {
		return nil, err
	}
	if err := emit(indexFiles); err != nil {
		return nil, err
	}
	return cat, nil
}

// inBackground runs work in a goroutine and returns a function that waits
// for its result. A panic there would end the process past run's
// recover, so it becomes an error that says what was being done.
func inBackground(what string, work func() (site.Files, error)) func() (site.Files, error) {
	type result struct {
		files site.Files
		err   error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{nil, fmt.Errorf("%s: internal error: %v", what, r)}
			}
		}()
		files, err := work()
		done <- result{files, err}
	}()
	return func() (site.Files, error) {
		r := <-done
		return r.files, r.err
	}
}

// renderChunk is how many rendered files renderTo hands over at a time.
const renderChunk = 500

// renderTo renders every file of s on every core and hands them to emit
// in chunks as they are ready, so that the pages are written while others
// render and never all wait in memory. The error is the first failing
// page in the site's order, whatever the schedule, as Render reports it.
func renderTo(s *site.Site, emit func(site.Files) error) error {
	paths := s.Paths()
	type rendered struct {
		i    int
		data []byte
		err  error
	}
	out := make(chan rendered, renderChunk)
	go func() {
		err := cores.Each(len(paths), func(i int) error {
			data, _, err := s.Page(paths[i])
			out <- rendered{i, data, err}
			return nil
		})
		if err != nil { // a panic
			out <- rendered{len(paths) - 1, nil, err}
		}
		close(out)
	}()
	failed, failedAt := error(nil), len(paths)
	var emitErr error
	chunk := site.Files{}
	for r := range out {
		switch {
		case r.err != nil:
			if r.i < failedAt {
				failed, failedAt = r.err, r.i
			}
		case failed == nil && emitErr == nil:
			chunk[paths[r.i]] = r.data
			if len(chunk) == renderChunk {
				emitErr, chunk = emit(chunk), site.Files{}
			}
		}
	}
	if failed != nil {
		return failed
	}
	if emitErr != nil {
		return emitErr
	}
	return emit(chunk)
}

// load loads the catalog with load (catalog.Load, or a Loader's), sets
// the -base-url override, and refuses to drop a published record: the
// steps every build and preview starts with.
func (j job) load(load func(fs.FS) (*catalog.Catalog, error)) (*catalog.Catalog, error) {
	cat, err := load(j.content)
	if err != nil {
		return nil, err
	}
	if j.baseURL != "" {
		cat.Site.BaseURL = strings.TrimSuffix(j.baseURL, "/") + "/"
	}
	if missing := history.Missing(history.Baseline(j.previous, cat), cat); len(missing) > 0 && !j.allowRemoval {
		return nil, &removalError{missing}
	}
	return cat, nil
}

// dataFiles are the open data files and the history of publications.
func dataFiles(cat *catalog.Catalog, manifest *history.Manifest) (site.Files, error) {
	files, err := ledger.DataFiles(cat)
	if err != nil {
		return nil, err
	}
	out := site.Files(files)
	out[manifestPath] = manifest.JSON()
	return out, nil
}

// searchFiles builds the search index and exports it, without the engine,
// which the site renders under its hashed name. It gives up with ctx's
// error once ctx is done.
func searchFiles(ctx context.Context, cat *catalog.Catalog) (site.Files, error) {
	ix, err := search.BuildContext(ctx, cat)
	if err != nil {
		return nil, fmt.Errorf("building the search index: %w", err)
	}
	defer ix.Close()
	files, err := ix.Export()
	if err != nil {
		return nil, fmt.Errorf("exporting the search index: %w", err)
	}
	delete(files, search.EnginePath)
	return files, nil
}

// manifestPath is where a site keeps its history of publications.
const manifestPath = "data/manifest.json"

// removalError names the records a build would silently drop.
type removalError struct{ missing []history.Item }

func (e *removalError) Error() string {
	var b strings.Builder
	b.WriteString("these records were published before but are missing from the content now:\n")
	for _, it := range e.missing {
		fmt.Fprintf(&b, "  %s/%s  %s\n", it.Kind, it.ID, it.Name)
	}
	b.WriteString("residents may have bookmarked their pages: to retire an item, keep its record and set status = \"removed\" " +
		"with removed_on and removed_by; if the records were published by mistake, build again with -allow-removal")
	return b.String()
}

// checkBaseURL validates a -base-url flag.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &usageError{fmt.Sprintf("-base-url %q must be an absolute http:// or https:// address", s)}
	}
	return nil
}

// isContentError reports whether err lists problems in the content.
func isContentError(err error) bool {
	var list catalog.ErrorList
	return errors.As(err, &list)
}
