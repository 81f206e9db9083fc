package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"strings"

	"jianzheng/generator/catalog"
	"jianzheng/generator/history"
)

// feed is changes/feed.xml: an Atom feed with one entry per publication.
// Atom wants absolute ids; without base_url they are derived from the
// site's title, and links are relative to the feed itself (index.html
// beside it: RFC 4287 resolves them against the feed's address), since a
// link relative to the site's root would resolve to
// changes/changes/index.html. The build warns that readers get absolute
// links only with base_url (MissingBaseURL).
func feed(c *catalog.Catalog, s *Strings, pubs []*history.Publication) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    link   `xml:"link"`
		Summary string `xml:"summary"`
	}
	type atom struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Links   []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	base := c.Site.BaseURL
	id := base + "changes/"
	if base == "" {
		h := fnv.New64a()
		h.Write([]byte(c.Site.Title + "\x00" + c.Site.Publisher))
		id = fmt.Sprintf("urn:jianzheng:%016x:", h.Sum64())
	}
	f := atom{Title: c.Site.Title + " · " + s.Changes["title"], ID: id, Updated: c.Site.Updated.String() + "T00:00:00Z",
		Author: c.Site.Publisher, Links: []link{{Href: changesHref(base)}}}
	if base != "" {
		f.Links = append(f.Links, link{Href: base + feedPath, Rel: "self"})
	}
	for _, p := range pubs {
		f.Entries = append(f.Entries, entry{
			Title:   summaryLine(c, s, p),
			ID:      id + p.Date,
			Updated: p.Date + "T00:00:00Z",
			Link:    link{Href: changesHref(base) + "#p-" + p.Date},
			Summary: entrySummary(c, p),
		})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		panic(err) // plain strings only: cannot fail
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// changesHref is the changes page as the feed links it.
func changesHref(base string) string {
	if base == "" {
		return "index.html" // beside changes/feed.xml
	}
	return base + "changes/index.html"
}

// MissingBaseURL says what a site built without base_url lacks, for the
// build to warn about; "" when base_url is set.
func MissingBaseURL(c *catalog.Catalog) string {
	if c.Site.BaseURL != "" {
		return ""
	}
	return "注意：site.toml 没有写 base_url（也没有 -base-url），所以没有生成 sitemap.xml（它只能用完整网址）；" +
		"订阅 changes/feed.xml 里的链接是相对地址，404.html 放在子目录下显示时样式和链接会失效，" +
		"打印的事项和清单（…/print.html）上没有二维码（二维码要装完整网址）。" +
		"写上网站的完整网址（如 base_url = \"https://example.gov.cn/jzbm/\"）再生成即可"
}

// summaryLine is a publication in one line: its date and what changed.
func summaryLine(c *catalog.Catalog, s *Strings, p *history.Publication) string {
	d := parseDate(p.Date).Chinese()
	if p.First {
		return fmt.Sprintf(s.Changes["first"], d, p.Count)
	}
	var parts []string
	for _, part := range []struct {
		n   int
		key string
	}{{len(p.Added), "added"}, {len(p.Status), "status"}, {len(p.Changed), "changed"}, {len(p.Removed), "removed"}} {
		if part.n > 0 {
			parts = append(parts, fmt.Sprintf(s.Changes[part.key+"_count"], part.n))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, s.Changes["none"])
	}
	return fmt.Sprintf(s.Changes["line"], d, strings.Join(parts, "，"))
}

// entrySummary names the records and policies of a publication.
func entrySummary(c *catalog.Catalog, p *history.Publication) string {
	var lines []string
	for _, id := range p.Policies {
		if pol := c.Policy(id); pol != nil {
			lines = append(lines, pol.Number+bookTitle(pol.Title))
		}
	}
	for _, list := range [][]history.Item{p.Added, p.Status, p.Changed, p.Removed} {
		for _, it := range list {
			lines = append(lines, it.Name)
		}
	}
	return strings.Join(lines, "\n")
}
