package site

import "strings"

// PrintPage is a printable list: the items of one list or one department
// as a table for A4 paper, for a wall or a notice board (村务公开栏), with
// one QR code that leads to the page online.
type PrintPage struct {
	Title  string  // the list's or department's name
	Online string  // root-relative path of the page online: cancelled/index.html
	URL    string  // its absolute address, when base_url is set; else ""
	Lists  []*List // the items, by list
}

// printPage is the print page at path of the page online, listing lists.
func (m *model) printPage(path, title, online string, lists []*List) *Page {
	p := m.page(path, "print.html")
	p.Print = &PrintPage{Title: title, Online: online, Lists: lists}
	if base := m.c.Site.BaseURL; base != "" {
		p.Print.URL = base + printTarget(online)
	}
	return p
}

// printTarget is the address a server shows for a page: without index.html.
func printTarget(page string) string { return strings.TrimSuffix(page, "index.html") }
