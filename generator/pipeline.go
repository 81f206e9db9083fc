package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/site"
)

// job is one build's inputs, resolved to file systems.
type job struct {
	content, templates fs.FS
	baseURL            string // overrides site.toml when not empty
}

// generate runs the whole build in memory: load and validate the
// catalog, render the pages, build and export the search index. It
// writes nothing; build writes its result, serve serves it.
func generate(j job) (*catalog.Catalog, site.Files, error) {
	cat, err := catalog.Load(j.content)
	if err != nil {
		return nil, nil, err
	}
	if j.baseURL != "" {
		cat.Site.BaseURL = strings.TrimSuffix(j.baseURL, "/") + "/"
	}
	files, err := site.Render(cat, j.templates)
	if err != nil {
		return nil, nil, err
	}
	return cat, files, nil
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
