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
// the pages, build and export the search index. It hands the files to
// emit in two parts, each once: the pages, open data and manifest as soon
// as they are rendered, while the index still builds, so that a build
// writes them meanwhile; then the index. A build that fails after the
// first part has gone out returns the error; emit's files are then to be
// thrown away (build writes into a folder that replaces the site only on
// success).
func generateTo(j job, emit func(site.Files) error) (*catalog.Catalog, error) {
	j.progress.stage("loading and checking the content")
	cat, err := j.load(catalog.Load)
	if err != nil {
		return nil, err
	}
	manifest := history.Next(j.previous, cat)
	// The index builds while the pages render and are written: the pages
	// need only the engine, which does not depend on the index.
	type indexed struct {
		files site.Files
		err   error
	}
	j.progress.stage("rendering pages and indexing %d records for search", len(cat.Records))
	done := make(chan indexed, 1)
	go func() {
		defer func() { // a panic here would end the process past run's recover
			if r := recover(); r != nil {
				done <- indexed{nil, fmt.Errorf("building the search index: internal error: %v", r)}
			}
		}()
		files, err := searchFiles(context.Background(), cat)
		done <- indexed{files, err}
	}()
	files, err := site.Render(cat, j.templates, manifest.Publications, site.Files{search.EnginePath: search.Engine()})
	if err == nil {
		err = addData(files, cat)
	}
	if err == nil {
		files[manifestPath] = manifest.JSON()
		err = emit(files)
	}
	index := <-done
	if err != nil {
		return nil, err
	}
	if index.err != nil {
		return nil, index.err
	}
	delete(index.files, search.EnginePath) // rendered under its hashed name already
	if err := emit(index.files); err != nil {
		return nil, err
	}
	return cat, nil
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

// addData adds the open data files.
func addData(files site.Files, cat *catalog.Catalog) error {
	data, err := ledger.DataFiles(cat)
	if err != nil {
		return err
	}
	for name, b := range data {
		files[name] = b
	}
	return nil
}

// searchFiles builds the search index and exports it with its engine. It
// gives up with ctx's error once ctx is done.
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
