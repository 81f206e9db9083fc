// Package site renders a catalog into the pages of a static website, in
// memory: a map from each file's path (from the site root) to its bytes.
//
// # Templates
//
// The templates folder holds one layout, layout.html, which defines the
// page frame and calls the blocks "title" and "main"; one page template
// per page type, each defining those two blocks (the list is pageTypes):
//
//	home.html         the home page: counts, life events, the latest publication
//	list.html         one of the four lists, grouped by department
//	by-ground.html    cancelled proofs by ground (the four principles)
//	record.html       one record
//	department.html   one department and everything it uses, issues or runs
//	departments.html  the index of departments
//	policy.html       one policy and the records it decided
//	policies.html     the index of policies
//	service.html      one service (办理事项) and the records it concerns
//	services.html     the index of services
//	event.html        one life event (一件事): its guide and records in order
//	events.html       the index of life events (none without events.toml)
//	a-z.html          every record by the pinyin of its name
//	changes.html      the publications, newest first
//	about.html        the publication and its accessibility statement
//	search.html       the search page, run by the engine (package search)
//	404.html          the page for an address that does not exist
//	stats.html        统计: the charts, with their tables and open data links
//	print.html        a printable list (of a list or a department) for A4: …/print.html
//
// charts.html is parsed beside the layout into every page type: it
// defines the blocks "chart" (a chart as inline SVG with its data table)
// and "print-qr" (a record's QR code and address, shown only in print).
//
// Beside them: strings.toml with the interface texts several templates
// share (the names of the lists and of record fields join them from the
// catalog's schema: see Strings); and assets/, copied to the site as is (a stylesheet or script trimmed by package slim). Each page
// template is parsed into its own copy of the layout under its file name,
// so errors name the real file. There is no lookup cascade: the page type
// picks the file.
//
// # Template data
//
// Every template receives a *Page: Path and Root (the relative way back to
// the site root, "../../"), the Site settings, the shared Strings, all four
// Lists (for navigation and counts), the Changes (publications, newest
// first), and the one field its page type fills: List, Record,
// Department, Policy, Departments, Policies, Grounds, Letters, Event,
// Events (home and the events index: see EventPage), Stats
// (home and 统计: the charts, see Stats and Chart) or Print (a print
// page: see PrintPage); the
// search page's Search holds its links to the engine and to the index
// folder (see SearchLinks), which the build and the preview choose, and
// its Departments their contact details, for a search that names one.
// Offline, on every page, says the site has a service worker (sw.js at
// the root, package offline): the layout has site.js register it and the
// home page offers 离线使用 with assets/offline.js.
// Departments are always in reading order: those with an order key first,
// then by the pinyin of their names. The functions are:
//
//	asset NAME         the published path of assets/NAME (its name carries a content hash)
//	href ROOT TARGET   relative link to a record, department, policy, kind, service, event or root-relative path
//	md LEVEL TEXT      Markdown (see package markdown), headings starting at LEVEL
//	department ID      the *catalog.Department with that id
//	service NAME       the *Service (办理事项) of that name, with its page
//	policy ID          the *catalog.Policy with that id
//	eventsOf ID        the life events (*catalog.Event) that list the record with that id, in the order of events.toml
//	status RECORD      "cancelled", "retained" or "removed" (Record.Status)
//	statusLabel RECORD that status in words, from strings.toml
//	kindShort RECORD   the short name of the record's list, from the catalog's schema
//	details RECORD     the fields the record's kind lists on its page: []Detail, from the schema
//	fieldLabel KEY     a field's name where changes are listed, from the schema
//	dict K V …         a map, to pass several values to a partial
//	booktitle TITLE    a document title in 《》, whether or not it has them
//	json VALUE         VALUE as JSON, for data-* attributes read by scripts
//	chart ROOT CHART   the *Chart drawn as inline SVG (role="img", <title>, <desc>)
//	qr TEXT            TEXT (an address) as a QR code in inline SVG; "" for ""
//
// Everything from content is escaped by html/template for its context.
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	"jianzheng/generator/history"
	"jianzheng/generator/markdown"
)

// Files is a rendered site: path from the site root → contents.
type Files map[string][]byte

// pageTypes are the page templates a templates folder must provide.
var pageTypes = []string{"home.html", "list.html", "by-ground.html", "record.html", "department.html",
	"departments.html", "policy.html", "policies.html", "about.html", "search.html", "404.html", "changes.html", "a-z.html", "services.html", "service.html",
	"stats.html", "print.html", "event.html", "events.html"}

// partials are the templates parsed beside the layout into every page
// type: they define only named blocks that pages share.
var partials = []string{"charts.html"}

// Render renders every page of c with the templates in tmpl; history is
// the record of publications, newest first, for the changes page and feed;
// search says where the search page finds the engine, which joins the
// site's assets, and the index, which the build adds itself.
func Render(c *catalog.Catalog, tmpl fs.FS, history []*history.Publication, search Search) (Files, error) {
	s, err := Prepare(c, tmpl, history, search)
	if err != nil {
		return nil, err
	}
	return s.Files()
}

func funcs(c *catalog.Catalog, s *Strings) template.FuncMap {
	renderers := map[int]*markdown.Renderer{}
	for level := 1; level <= 6; level++ {
		renderers[level] = markdown.New(level)
	}
	return template.FuncMap{
		"href": func(root string, target any) string { return root + pathOf(target) },
		"md": func(level int, src string) template.HTML {
			return renderers[min(max(level, 1), 6)].HTML(src)
		},
		"department":  c.Department,
		"status":      (*catalog.Record).Status,
		"statusLabel": func(r *catalog.Record) string { return s.Status[r.Status()] },
		"kindShort":   func(r *catalog.Record) string { return s.Kind[string(r.Kind)].Short },
		"dict":        dict,
		"tel":         tel,
		"booktitle":   bookTitle,
		"letterID": func(letter string) string {
			if letter == "#" {
				return "az-other"
			}
			return "az-" + letter
		},
		"policy":     c.Policy,
		"eventsOf":   c.EventsOf,
		"details":    details,
		"fieldLabel": fieldLabel,
		"chart":      func(root string, c *Chart) template.HTML { return c.SVG(root) },
		"qr":         qrSVG,
		"json": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
	}
}

// renderPages executes every page on every core (templates are safe for
// concurrent use) and adds them to files. Each page's bytes depend only on
// its own data, so the output does not depend on the schedule; the error
// is that of the first page that fails, in the model's order.
func renderPages(tmpls map[string]*template.Template, pages []*Page, files Files) error {
	out := make([][]byte, len(pages))
	err := cores.Each(len(pages), func(i int) (err error) {
		out[i], err = renderPage(tmpls[pages[i].template], pages[i])
		return err
	})
	if err != nil {
		return err
	}
	for i, p := range pages {
		files[p.Path] = out[i]
	}
	return nil
}

// pageBuffers are reused for rendering: a page is copied out at its size,
// since a buffer's spare capacity, kept for every page, once made up half
// the memory of a build.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage executes one page. html/template turns a panic in a
// template function into an error; any other panic is the caller's to
// recover (cores.Each does, for Files).
func renderPage(t *template.Template, p *Page) ([]byte, error) {
	b := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(b)
	b.Reset()
	if err := t.ExecuteTemplate(b, "layout.html", p); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", p.Path, err)
	}
	return bytes.Clone(b.Bytes()), nil
}

// bookTitle puts a document's title in 《》, once: editors write titles
// with and without them.
func bookTitle(title string) string {
	return "《" + strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(title), "《"), "》") + "》"
}

// tel turns a phone number into a tel: link, or "" when it holds
// anything but digits, spaces and - + ( ).
func tel(phone string) template.URL {
	var digits strings.Builder
	for _, r := range phone {
		switch {
		case r >= '0' && r <= '9' || r == '+':
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '（' || r == '）':
		default:
			return ""
		}
	}
	if digits.Len() == 0 {
		return ""
	}
	return template.URL("tel:" + digits.String())
}

// dict builds a map from key, value pairs, to pass several values to a
// partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// parseTemplates parses each page type into its own copy of the layout.
func parseTemplates(fsys fs.FS, fm template.FuncMap) (map[string]*template.Template, error) {
	layoutSrc, err := fs.ReadFile(fsys, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	layout, err := template.New("layout.html").Funcs(fm).Parse(string(layoutSrc))
	if err != nil {
		return nil, fmt.Errorf("templates/%w", err)
	}
	for _, name := range partials {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("templates: cannot read %s (%v): a templates folder replaces the built-in templates whole", name, err)
		}
		if _, err := layout.New(name).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("templates/%w", err)
		}
	}
	pages := map[string]*template.Template{}
	for _, name := range pageTypes {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("templates: cannot read %s (%v): a templates folder replaces the built-in templates whole, "+
				"so it needs layout.html, strings.toml, assets/ and every page template: %s", name, err, strings.Join(pageTypes, ", "))
		}
		t, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("templates/%w", err)
		}
		pages[name] = t
	}
	return pages, nil
}

// sitemap lists every page but the 404 page, absolute when baseURL is set.
func sitemap(files Files, baseURL string) []byte {
	var paths []string
	for p := range files {
		if strings.HasSuffix(p, ".html") && p != NotFoundPath {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range paths {
		loc := strings.TrimSuffix(p, "index.html")
		if baseURL != "" {
			loc = baseURL + loc
		} else if loc == "" {
			loc = "./"
		}
		b.WriteString("<url><loc>")
		template.HTMLEscape(&b, []byte(loc))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "Sitemap: " + baseURL + "sitemap.xml\n"
	}
	return []byte(s)
}
