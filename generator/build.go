package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"time"

	"jianzheng/generator/catalog"
	"jianzheng/generator/site"
)

const buildSummary = "read content/ and templates/, write the site into public/"

func runBuild(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	var src sources
	src.register(fl, true)
	out := fl.String("out", "public", "folder to write the site into; replaced only when the build succeeds")
	baseURL := fl.String("base-url", "", "absolute address where the site will live (overrides base_url in site.toml)")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator build [flags]\n\n%s\n\nflags:\n", buildSummary)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &usageError{fmt.Sprintf("-base-url %q must be an absolute http:// or https:// address", *baseURL)}
		}
	}
	start := time.Now()
	cat, contentName, err := loadCatalog(&src, fl)
	if err != nil {
		if _, ok := err.(catalog.ErrorList); ok {
			fmt.Fprintf(stdout, "build: %s has problems; %s was not changed\n", contentName, *out)
		}
		return err
	}
	if *baseURL != "" {
		cat.Site.BaseURL = *baseURL
		if cat.Site.BaseURL[len(cat.Site.BaseURL)-1] != '/' {
			cat.Site.BaseURL += "/"
		}
	}
	tmpl, _, err := src.templates(isSet(fl, "templates"))
	if err != nil {
		return err
	}
	files, err := site.Render(cat, tmpl)
	if err != nil {
		return err
	}
	written, err := writeSite(*out, files)
	if err != nil {
		return err
	}
	summarize(stdout, cat, files, written, *out, time.Since(start))
	return nil
}

const checkSummary = "validate content/ without writing anything"

func runCheck(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	var src sources
	src.register(fl, false)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: go run ./generator check [flags]\n\n%s\n\nflags:\n", checkSummary)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	cat, name, err := loadCatalog(&src, fl)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "check: %s is valid: %s\n", name, recordCounts(cat))
	return nil
}

func loadCatalog(src *sources, fl *flag.FlagSet) (*catalog.Catalog, string, error) {
	fsys, name, err := src.content(isSet(fl, "content"))
	if err != nil {
		return nil, "", err
	}
	cat, err := catalog.Load(fsys)
	return cat, name, err
}
