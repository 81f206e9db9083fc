package site

import (
	"path"
	"strings"
)

// Search is where the search page finds the browser engine and the
// exported index. Package site does not know package search: the build
// fills this in, and the preview moves the index (see Site.SearchPage).
type Search struct {
	Engine []byte // the engine script, published under assets/ with a hashed name like the templates' assets
	Index  string // the index folder: from the site root ("search/index/"), or an absolute address ("/_preview/index/3/")
	// Offline is whether the site publishes a service worker at its root,
	// sw.js (package offline): then every page has site.js register it
	// and the home page offers 离线使用 (Page.Offline). The build sets it
	// unless -no-offline; the preview never does.
	Offline bool
}

// SearchLinks is the search page's Page.Search: the links its template
// writes, {{.Root}}{{.Search.Engine}} and data-index="{{.Search.Index}}".
type SearchLinks struct {
	Engine string // the engine's published path from the site root: assets/search.3f2a1b4c.js
	Index  string // the index folder as the page links to it: "index/", or an absolute address
}

// engineAsset is the engine's name among the assets, so that a template
// may also write {{asset "search.js"}}.
const engineAsset = "search.js"

// searchLinks are the links of the search page, to the engine published
// as assets named and to the index folder.
func searchLinks(assets assetNames, index string) *SearchLinks {
	return &SearchLinks{Engine: assets[engineAsset], Index: linkFrom(SearchPath, index)}
}

// linkFrom is the link from the page at page to target, both from the
// site root: relative to the page's folder when target is inside it
// ("search/index/" from search/index.html is "index/"), else through the
// root. An absolute address is left as it is.
func linkFrom(page, target string) string {
	if strings.HasPrefix(target, "/") || strings.Contains(target, "://") {
		return target
	}
	if dir := path.Dir(page); dir != "." {
		if rest, ok := strings.CutPrefix(target, dir+"/"); ok {
			return rest
		}
	}
	return rootOf(page) + target
}

// SearchPage renders the search page as Page does, but reading the index
// at index (from the site root, or an absolute address). The preview
// serves every version of the index at an address of its own and pins
// each search page it serves to one of them, so that a search page never
// reads the files of two versions.
func (s *Site) SearchPage(index string) ([]byte, error) {
	p := *s.byPath[SearchPath]
	links := *p.Search
	links.Index = linkFrom(SearchPath, index)
	p.Search = &links
	return renderPage(s.tmpls[p.template], &p)
}
