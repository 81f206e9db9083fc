package site

import (
	"html/template"
	"io/fs"
	"sort"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
)

// Site is a catalog made ready to render: its templates parsed, its
// assets named, every page's data built and its path known, and the
// files that are not pages (assets, sitemap.xml, robots.txt, the feed)
// made. Rendering is left for later, so that the preview can render only
// the pages someone asks for; the build renders every page with Page on
// every core, handing them to the writer as they come (package pipeline).
// A Site does not change once prepared and is safe for concurrent use.
type Site struct {
	tmpls  map[string]*template.Template
	pages  []*Page          // in the model's order, which is the order errors are found in
	byPath map[string]*Page // the same pages
	static Files            // every file that is not a page
}

// Prepare does everything Render does but render the pages: see Render.
// Its errors are the same as Render's, except a template's failure while
// executing, which Page or Files reports.
func Prepare(c *catalog.Catalog, tmpl fs.FS, history []*history.Publication, search Search) (*Site, error) {
	strs, err := loadStrings(tmpl)
	if err != nil {
		return nil, err
	}
	static := Files{}
	assets, err := addAssets(tmpl, map[string][]byte{engineAsset: search.Engine}, static)
	if err != nil {
		return nil, err
	}
	m := newModel(c, strs, history)
	m.search = searchLinks(assets, search.Index)
	fm := funcs(c, strs)
	fm["asset"] = assets.path
	fm["service"] = func(name string) *Service { return m.svcByName[name] }
	tmpls, err := parseTemplates(tmpl, fm)
	if err != nil {
		return nil, err
	}
	s := &Site{tmpls: tmpls, pages: m.pages(), byPath: map[string]*Page{}, static: static}
	for _, p := range s.pages {
		p.Offline = search.Offline
		s.byPath[p.Path] = p
	}
	// The sitemap lists the pages and any other .html file, so it is made
	// from the paths alone, before anything is rendered.
	paths := Files{}
	for name := range static {
		paths[name] = nil
	}
	for name := range s.byPath {
		paths[name] = nil
	}
	// A sitemap holds absolute addresses only (sitemaps.org): without
	// base_url there is none; the build says so (see MissingBaseURL).
	if c.Site.BaseURL != "" {
		static["sitemap.xml"] = sitemap(paths, c.Site.BaseURL)
	}
	static["robots.txt"] = robots(c.Site.BaseURL)
	static[feedPath] = feed(c, strs, history)
	return s, nil
}

// Has reports whether the site has a file at path, without rendering it.
func (s *Site) Has(path string) bool {
	_, page := s.byPath[path]
	_, file := s.static[path]
	return page || file
}

// Paths lists every file of the site: the pages in the order Files
// renders them, then the other files by name.
func (s *Site) Paths() []string {
	paths := make([]string, 0, len(s.pages)+len(s.static))
	for _, p := range s.pages {
		paths = append(paths, p.Path)
	}
	var rest []string
	for name := range s.static {
		if s.byPath[name] == nil {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(paths, rest...)
}

// Page renders the page at path, or returns the file there; ok is false
// if the site has nothing at path. A page takes precedence over another
// file of the same path, as in Files. A template's failure is an error;
// a panic (a bug) is left to the caller, which runs Page through package
// cores.
func (s *Site) Page(path string) (data []byte, ok bool, err error) {
	if p := s.byPath[path]; p != nil {
		data, err := renderPage(s.tmpls[p.template], p)
		return data, true, err
	}
	data, ok = s.static[path]
	return data, ok, nil
}

// Files renders every page and returns them with the other files: the
// whole site, as Render returns it. The first page that fails, in the
// model's order, is the error.
func (s *Site) Files() (Files, error) {
	files := make(Files, len(s.static)+len(s.pages))
	for name, data := range s.static {
		files[name] = data
	}
	if err := renderPages(s.tmpls, s.pages, files); err != nil {
		return nil, err
	}
	return files, nil
}
