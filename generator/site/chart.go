package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Chart is a horizontal bar chart, drawn at build time as inline SVG
// (Chart.SVG, the template function chart) and given to the templates as
// data too, for the table beside it. Every bar is a row; a row's bar is
// made of one segment per series, in Series order. The numbers are counts
// of the catalog's records (see stats.go), so a test can check each
// segment against the model.
//
// A chart whose rows link somewhere (the timeline: each marker leads to
// the policy that caused it) cannot be role="img", whose children are
// presentational, so that its links would be lost to screen readers and
// keyboards (and axe reports nested-interactive). Such a chart is drawn
// as role="group" named by its <title>, each link named by its own text;
// every other chart is role="img". Both carry <title> and <desc>, and the
// desc states every number.
type Chart struct {
	ID     string   // unique on its page: prefixes the ids inside the SVG
	Title  string   // the chart's name: <title>, and the heading beside it
	Desc   string   // every number in words: <desc>
	Label  string   // the header of the table's first column (清单, 部门, …)
	Group  string   // the header of the group column (月份), when rows are grouped
	Series []Series // the segments of each bar, in order
	Rows   []*ChartRow
	Unit   string // 项, for the table's cells
	// Links makes each bar with an Href a link in the drawing too (the
	// timeline's markers); otherwise only the table beside it links.
	Links bool
}

// A Series is one kind of segment: a status or an event.
type Series struct {
	Class string // the CSS class suffix: cancelled, retained, removed, ground
	Label string // 保留, 已移出清单, 取消证明
}

// A ChartRow is one bar.
type ChartRow struct {
	Group  string // a heading the row sits under (a month), or ""
	Label  string // what the bar counts: a list, a department, a policy
	Href   string // root-relative page of Label, or "" (the rest of the departments)
	Values []int  // one per series
	Text   string // the row in words, as the chart shows it above the bar
}

// Total is the length of the row's bar.
func (r *ChartRow) Total() int {
	n := 0
	for _, v := range r.Values {
		n += v
	}
	return n
}

// Max is the longest bar's total (at least 1).
func (c *Chart) Max() int {
	m := 1
	for _, r := range c.Rows {
		m = max(m, r.Total())
	}
	return m
}

// The geometry of a chart, in SVG user units. The drawing is 260 units
// wide, narrower than a phone: at 375 px it is drawn at about 1.3:1, so
// its 16-unit text is about 21 px there, the size of the page's text,
// and the 大字 mode's at 375 px; the stylesheet caps its width in rem, so
// that elsewhere it grows with the text size.
const (
	chartWidth   = 260
	chartFont    = 16
	chartLine    = 22 // one line of a row's text
	chartBar     = 18 // a bar's height
	chartGap     = 14 // below a bar
	chartHeading = 34 // a group's heading (a month)
	chartIndent  = 20 // rows under a heading: room for the timeline's axis
)

// SVG draws the chart. root leads from the page to the site root, for
// the links of a linked chart. Every text is escaped; classes, not style
// attributes, give the colours (the CSP allows no inline style), so that
// the 高对比 mode and print can restyle the chart.
func (c *Chart) SVG(root string) template.HTML {
	var b strings.Builder
	indent := 0
	if c.Group != "" {
		indent = chartIndent
	}
	barWidth := float64(chartWidth - indent - 2)
	scale := barWidth / float64(c.Max())

	// Lay out first: the height depends on how the texts wrap.
	var body strings.Builder
	y := 4
	group := ""
	var axisTop, axisBottom int
	for i, r := range c.Rows {
		if c.Group != "" && (i == 0 || r.Group != group) {
			group = r.Group
			if i == 0 {
				axisTop = y + chartHeading/2
			}
			fmt.Fprintf(&body, `<g class="chart-month"><circle class="chart-marker" cx="%d" cy="%d" r="6"/>`+
				`<text x="%d" y="%d" font-weight="700">%s</text></g>`,
				chartIndent/2, y+chartHeading/2, chartIndent+2, y+chartHeading/2+chartFont*3/8, esc(r.Group))
			axisBottom = y + chartHeading/2
			y += chartHeading
		}
		lines := wrapText(r.Text, float64(chartWidth-indent-2), chartFont)
		height := len(lines)*chartLine + 6 + chartBar + chartGap
		link := c.Links && r.Href != ""
		if link {
			// The whole row is the link's target: a transparent rectangle
			// gives it its height, at least 44 px at a phone's width.
			fmt.Fprintf(&body, `<a href="%s"><rect class="chart-hit" x="%d" y="%d" width="%d" height="%d" fill="#fff" fill-opacity="0"/>`,
				esc(root+r.Href), indent, y, chartWidth-indent, height)
		}
		for j, line := range lines {
			fmt.Fprintf(&body, `<text x="%d" y="%d">%s</text>`, indent, y+(j+1)*chartLine-5, esc(line))
		}
		by := y + len(lines)*chartLine + 2
		x := float64(indent)
		for j, v := range r.Values {
			if v == 0 {
				continue
			}
			w := float64(v) * scale
			s := c.Series[j]
			fmt.Fprintf(&body, `<rect class="seg seg-%s" x="%s" y="%d" width="%s" height="%d" data-label="%s" data-value="%d"`,
				esc(s.Class), num(x), by, num(w), chartBar, esc(s.Label), v)
			if s.Class == "removed" {
				fmt.Fprintf(&body, ` fill="url(#%s-hatch)"`, esc(c.ID))
			} else {
				fmt.Fprintf(&body, ` fill="%s"`, seriesFill[s.Class])
			}
			body.WriteString("/>")
			x += w
		}
		if link {
			body.WriteString("</a>")
		}
		y += height
	}
	height := y

	role := `role="img"`
	if c.Links {
		role = `role="group"`
	}
	fmt.Fprintf(&b, `<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%d" %s aria-labelledby="%s-title" aria-describedby="%s-desc">`,
		chartWidth, height, chartWidth, height, chartFont, role, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
	// Removed items are hatched, so that they differ from the rest without
	// colour: in print, in 高对比 and for those who do not see colours.
	fmt.Fprintf(&b, `<defs><pattern id="%s-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`+
		`<rect class="hatch-bg" width="6" height="6" fill="#fff"/><rect class="hatch-line" width="3" height="6" fill="#4a4a4a"/></pattern></defs>`, esc(c.ID))
	if c.Group != "" && axisBottom > axisTop {
		fmt.Fprintf(&b, `<line class="chart-axis" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#4a4a4a" stroke-width="2"/>`, chartIndent/2, axisTop, chartIndent/2, axisBottom)
	}
	b.WriteString(body.String())
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// seriesFill are the colours a chart has without its stylesheet (in a
// feed reader, or saved alone); the stylesheet sets them again by class,
// with the 高对比 mode's. Each passes 3:1 against white (WCAG 1.4.11).
var seriesFill = map[string]string{
	"cancelled": "#8a1c12", // 7.9:1
	"retained":  "#14532d", // 9.6:1
	"ground":    "#0b4a8b", // 8.9:1
}

// wrapText breaks s into lines no wider than width, measured roughly:
// a Chinese character is one em, digits and Latin letters about 0.6 em.
// It breaks anywhere, as Chinese text does, but keeps a run of digits or
// Latin letters whole where it can.
func wrapText(s string, width float64, font int) []string {
	var lines []string
	var line []rune
	w := 0.0
	for _, r := range s {
		cw := runeWidth(r) * float64(font)
		if w+cw > width && len(line) > 0 {
			cut := len(line)
			// Break after a comma or colon in the second half of the
			// line rather than inside a word.
			for i := len(line) - 1; i >= len(line)/2; i-- {
				if strings.ContainsRune("，：；、", line[i]) {
					cut = i + 1
					break
				}
			}
			if cut == len(line) && isWord(r) {
				for cut > 0 && isWord(line[cut-1]) {
					cut--
				}
				if cut == 0 {
					cut = len(line)
				}
			}
			lines = append(lines, string(line[:cut]))
			line = append([]rune{}, line[cut:]...)
			w = 0
			for _, x := range line {
				w += runeWidth(x) * float64(font)
			}
		}
		line = append(line, r)
		w += cw
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, string(line))
	}
	return lines
}

func runeWidth(r rune) float64 {
	switch {
	case r == ' ':
		return 0.3
	case r < utf8.RuneSelf:
		return 0.62
	}
	return 1
}

func isWord(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// num writes a length with at most two decimals, the same on every machine.
func num(f float64) string {
	return strconv.FormatFloat(float64(int64(f*100+0.5))/100, 'f', -1, 64)
}

func esc(s string) string { return template.HTMLEscapeString(s) }
