package site

import (
	"strings"

	"jianzheng/generator/catalog"
)

// The URL scheme. Every page is a file named by its path from the site
// root; links between pages are relative and point at files
// ("../../cancelled/hukou/index.html"), never at folders, so that the same
// output works under any sub-path of any static server and when opened
// straight from disk (file://), where a folder link shows a directory listing.

func recordPath(r *catalog.Record) string { return string(r.Kind) + "/" + r.ID + "/index.html" }
func kindPath(k catalog.Kind) string      { return string(k) + "/index.html" }
func departmentPath(d *catalog.Department) string {
	return "department/" + d.ID + "/index.html"
}
func policyPath(p *catalog.Policy) string { return "policy/" + p.ID + "/index.html" }
func eventPath(e *catalog.Event) string   { return "events/" + e.ID + "/index.html" }

// SearchPath and NotFoundPath are the pages a server treats specially:
// the preview pins the search page to one version of the index (see
// Site.SearchPage), and a static server answers a missing address with
// the 404 page.
const (
	SearchPath   = "search/index.html"
	NotFoundPath = "404.html"
)

const (
	homePath        = "index.html"
	byGroundPath    = "cancelled/by-ground.html"
	departmentsPath = "department/index.html"
	policiesPath    = "policy/index.html"
	aboutPath       = "about/index.html"
	changesPath     = "changes/index.html"
	azPath          = "a-z/index.html"
	servicesPath    = "service/index.html"
	feedPath        = "changes/feed.xml"
	statsPath       = "stats/index.html"
	eventsPath      = "events/index.html"
)

// printPath is the printable version of a list or department page:
// cancelled/index.html → cancelled/print.html. A file, not a folder,
// beside the list's records, so that it can never take the address of a
// record whose id is "print" (as by-ground.html cannot).
func printPath(page string) string { return strings.TrimSuffix(page, "index.html") + "print.html" }

// pathOf returns the root-relative path of a page target: a record, a
// department, a policy, a kind, a service, an event, or a path given as a
// string.
func pathOf(target any) string {
	switch t := target.(type) {
	case *catalog.Record:
		return recordPath(t)
	case *catalog.Department:
		return departmentPath(t)
	case *catalog.Policy:
		return policyPath(t)
	case catalog.Kind:
		return kindPath(t)
	case *Service:
		return servicePath(t)
	case *catalog.Event:
		return eventPath(t)
	case string:
		return t
	}
	return ""
}

// rootOf is the relative path from a page to the site root: "" for
// index.html, "../../" for cancelled/hukou/index.html.
func rootOf(pagePath string) string {
	return strings.Repeat("../", strings.Count(pagePath, "/"))
}
