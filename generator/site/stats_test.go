package site

import (
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"rsc.io/qr"

	"jianzheng/content"
	"jianzheng/generator/catalog"
	"jianzheng/generator/synth"
	"jianzheng/templates"
)

// svgNode is enough of SVG to read a chart back.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n *svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *svgNode) walk(f func(*svgNode)) {
	f(n)
	for i := range n.Children {
		n.Children[i].walk(f)
	}
}

// drawnSegment is a bar segment as the SVG draws it.
type drawnSegment struct {
	label string
	value int
	width float64
}

// readChart parses a chart's SVG: its role, title, desc, the texts and,
// per row, the segments in the order drawn (a row's segments share a y).
func readChart(t *testing.T, svg string) (root svgNode, texts []string, rows [][]drawnSegment) {
	t.Helper()
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
	}
	byY := map[string][]drawnSegment{}
	var ys []float64
	root.walk(func(n *svgNode) {
		switch {
		case n.XMLName.Local == "text":
			texts = append(texts, n.Text)
		case n.XMLName.Local == "rect" && strings.Contains(n.attr("class"), "seg "):
			v, err := strconv.Atoi(n.attr("data-value"))
			if err != nil {
				t.Fatalf("segment without a value: %v", n.Attrs)
			}
			w, _ := strconv.ParseFloat(n.attr("width"), 64)
			y := n.attr("y")
			if byY[y] == nil {
				f, _ := strconv.ParseFloat(y, 64)
				ys = append(ys, f)
			}
			byY[y] = append(byY[y], drawnSegment{n.attr("data-label"), v, w})
		}
	})
	sort.Float64s(ys)
	for _, y := range ys {
		rows = append(rows, byY[strconv.FormatFloat(y, 'f', -1, 64)])
	}
	return root, texts, rows
}

// want is a chart as the test counts it from the records: per row, its
// label and its non-zero segments.
type wantRow struct {
	label string
	segs  []drawnSegment // label and value
}

// checkChart compares a chart's SVG with rows counted independently:
// every bar's segments (label, value, and a width in proportion), every
// row's text, the desc stating every number, and the accessible frame.
func checkChart(t *testing.T, c *Chart, want []wantRow) {
	t.Helper()
	root, texts, rows := readChart(t, string(c.SVG("../")))
	role := "img"
	if c.Links {
		role = "group"
	}
	if root.attr("role") != role || root.attr("aria-labelledby") != c.ID+"-title" || root.attr("aria-describedby") != c.ID+"-desc" {
		t.Errorf("%s: role %q, labelled by %q, described by %q", c.ID, root.attr("role"), root.attr("aria-labelledby"), root.attr("aria-describedby"))
	}
	var title, desc string
	root.walk(func(n *svgNode) {
		switch n.XMLName.Local {
		case "title":
			title = n.Text
		case "desc":
			desc = n.Text
		}
	})
	if title != c.Title || title == "" {
		t.Errorf("%s: title %q", c.ID, title)
	}
	allText := strings.Join(texts, "")
	max := 0
	var drawnRows [][]drawnSegment
	for _, w := range want {
		n := 0
		for _, s := range w.segs {
			n += s.value
		}
		max = int(math.Max(float64(max), float64(n)))
		if len(w.segs) > 0 {
			drawnRows = append(drawnRows, w.segs)
		}
		// The row's words, as drawn (wrapped over lines) and in the desc.
		if !strings.Contains(allText, w.label+"：") {
			t.Errorf("%s: no row labelled %q in %q", c.ID, w.label, allText)
		}
		for _, s := range w.segs {
			phrase := fmt.Sprintf("%d 项", s.value)
			if len(c.Series) > 1 {
				phrase = s.label + " " + phrase
			}
			if !strings.Contains(desc, w.label+"：") || !strings.Contains(desc, phrase) {
				t.Errorf("%s: desc lacks %q for %q: %s", c.ID, phrase, w.label, desc)
			}
		}
	}
	if len(rows) != len(drawnRows) {
		t.Fatalf("%s: %d bars drawn, want %d: %v", c.ID, len(rows), len(drawnRows), rows)
	}
	scale := float64(chartWidth-2) / float64(max)
	if c.Group != "" {
		scale = float64(chartWidth-chartIndent-2) / float64(max)
	}
	for i, got := range rows {
		if len(got) != len(drawnRows[i]) {
			t.Errorf("%s bar %d: segments %v, want %v", c.ID, i, got, drawnRows[i])
			continue
		}
		for j, g := range got {
			w := drawnRows[i][j]
			if g.label != w.label || g.value != w.value || math.Abs(g.width-float64(w.value)*scale) > 0.01 {
				t.Errorf("%s bar %d segment %d: %q %d (%.2f wide), want %q %d (%.2f wide)",
					c.ID, i, j, g.label, g.value, g.width, w.label, w.value, float64(w.value)*scale)
			}
		}
	}
}

func sampleCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestChartsCountTheCatalog draws the charts of the sample and of the
// fixture and checks every bar against counts taken here from the
// records, by Record.Status, without the code under test.
func TestChartsCountTheCatalog(t *testing.T) {
	for name, c := range map[string]*catalog.Catalog{"sample": sampleCatalog(t), "fixture": loadFixture(t)} {
		t.Run(name, func(t *testing.T) {
			s, err := loadStrings(templates.FS)
			if err != nil {
				t.Fatal(err)
			}
			st := newModel(c, s, nil).stats
			label := map[string]string{"cancelled": "已取消", "retained": "保留", "removed": "已移出清单"}
			order := []string{"cancelled", "retained", "removed"}
			segs := func(count map[string]int) []drawnSegment {
				var out []drawnSegment
				for _, k := range order {
					if count[k] > 0 {
						out = append(out, drawnSegment{label: label[k], value: count[k]})
					}
				}
				return out
			}

			// By list and status.
			var byList []wantRow
			for _, k := range catalog.Kinds {
				count := map[string]int{}
				for _, r := range c.Records {
					if r.Kind == k {
						count[r.Status()]++
					}
				}
				byList = append(byList, wantRow{k.Spec().Title, segs(count)})
			}
			checkChart(t, st.ByList, byList)
			if name == "sample" {
				// The figures the README gives for the sample.
				want := "取消的证明事项：已取消 48 项；社区(村)开具证明材料清单：保留 12 项，已移出清单 9 项；保留的政府培训事项：保留 30 项；保留的年检事项：保留 29 项。"
				if st.ByList.Desc != want {
					t.Errorf("by list: desc %q, want %q", st.ByList.Desc, want)
				}
			}

			// Cancelled proofs by ground.
			var byGround []wantRow
			for _, g := range catalog.Grounds {
				n := 0
				for _, r := range c.Records {
					if r.Kind == catalog.Cancelled && r.Ground == g {
						n++
					}
				}
				var sg []drawnSegment
				if n > 0 {
					sg = []drawnSegment{{label: "已取消", value: n}}
				}
				byGround = append(byGround, wantRow{s.Ground[g].Label, sg})
			}
			checkChart(t, st.ByGround, byGround)

			// By department: the top ten by total, ties in id order, then the rest.
			type dept struct {
				name  string
				count map[string]int
				total int
			}
			var depts []dept
			for _, d := range c.Departments {
				dp := dept{name: d.Name, count: map[string]int{}}
				for _, r := range c.Records {
					if r.Department == d.ID {
						dp.count[r.Status()]++
						dp.total++
					}
				}
				if dp.total > 0 {
					depts = append(depts, dp)
				}
			}
			sort.SliceStable(depts, func(i, j int) bool { return depts[i].total > depts[j].total })
			var byDept []wantRow
			rest := map[string]int{}
			for i, d := range depts {
				if i < TopDepartments {
					byDept = append(byDept, wantRow{d.name, segs(d.count)})
					continue
				}
				for k, v := range d.count {
					rest[k] += v
				}
			}
			if len(depts) > TopDepartments {
				byDept = append(byDept, wantRow{fmt.Sprintf("其他 %d 个部门", len(depts)-TopDepartments), segs(rest)})
			}
			checkChart(t, st.ByDepartment, byDept)

			// The timeline: by month, then by policy (id order).
			type ev struct{ month, policy string }
			events := map[ev][2]int{}
			for _, r := range c.Records {
				if r.Kind == catalog.Cancelled {
					cause := ""
					for _, id := range r.Policies {
						p := c.Policy(id)
						if !p.Issued.After(r.CancelledOn) && (cause == "" || p.Issued.After(c.Policy(cause).Issued)) {
							cause = id
						}
					}
					e := events[ev{r.CancelledOn.String()[:7], cause}]
					e[0]++
					events[ev{r.CancelledOn.String()[:7], cause}] = e
				} else if r.Removed() {
					e := events[ev{r.RemovedOn.String()[:7], r.RemovedBy}]
					e[1]++
					events[ev{r.RemovedOn.String()[:7], r.RemovedBy}] = e
				}
			}
			var keys []ev
			for k := range events {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				if keys[i].month != keys[j].month {
					return keys[i].month < keys[j].month
				}
				return keys[i].policy < keys[j].policy // policies are sorted by id
			})
			var timeline []wantRow
			for _, k := range keys {
				var sg []drawnSegment
				if n := events[k][0]; n > 0 {
					sg = append(sg, drawnSegment{label: "取消证明", value: n})
				}
				if n := events[k][1]; n > 0 {
					sg = append(sg, drawnSegment{label: "移出清单", value: n})
				}
				timeline = append(timeline, wantRow{c.Policy(k.policy).Number, sg})
			}
			checkChart(t, st.Timeline, timeline)
			// Each marker links to its policy's page.
			root, _, _ := readChart(t, string(st.Timeline.SVG("../")))
			var links []string
			root.walk(func(n *svgNode) {
				if n.XMLName.Local == "a" {
					links = append(links, n.attr("href"))
				}
			})
			if len(links) != len(keys) {
				t.Fatalf("timeline: %d links, want %d", len(links), len(keys))
			}
			for i, k := range keys {
				if want := "../policy/" + k.policy + "/index.html"; links[i] != want {
					t.Errorf("timeline marker %d links to %s, want %s", i, links[i], want)
				}
			}
		})
	}
}

// TestChartGolden pins one chart's SVG byte for byte: the fixture's
// items by list and status (testdata/chart-by-list.svg; -update rewrites).
func TestChartGolden(t *testing.T) {
	s, err := loadStrings(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	got := string(newModel(loadFixture(t), s, nil).stats.ByList.SVG("")) + "\n"
	golden := filepath.Join("testdata", "chart-by-list.svg")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("chart differs from %s (run with -update to accept):\n%s", golden, firstDiff(string(want), got))
	}
}

// TestChartEscapes: a department's name is text in the SVG, never markup.
func TestChartEscapes(t *testing.T) {
	c := &Chart{ID: "x", Title: `<b>"t"</b>`, Series: []Series{{Class: "ground", Label: "a&b"}},
		Rows: []*ChartRow{{Label: "<script>", Href: `x"y`, Values: []int{2}, Text: `<script>alert(1)</script>`}}, Links: true}
	svg := string(c.SVG(""))
	if strings.Contains(svg, "<script") || strings.Contains(svg, "<b>") || strings.Contains(svg, `x"y`) {
		t.Errorf("unescaped text in %s", svg)
	}
	readChart(t, svg)
}

// TestWrapText: rows wrap to the drawing's width, after punctuation
// where they can, never splitting a number.
func TestWrapText(t *testing.T) {
	lines := wrapText("诸城市人力资源和社会保障局：已取消 5 项，保留 7 项，已移出清单 2 项", chartWidth-2, chartFont)
	want := []string{"诸城市人力资源和社会保障局：", "已取消 5 项，保留 7 项，", "已移出清单 2 项"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("wrapped as %q, want %q", lines, want)
	}
	lines = wrapText(strings.Repeat("字", 19)+"12345", 320, 16)
	if lines[len(lines)-1] != "12345" {
		t.Errorf("number split: %q", lines)
	}
}

var qrPath = regexp.MustCompile(`<path d="([^"]+)"`)
var qrView = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)

// TestQRCode draws an address as SVG, checks its modules against the
// library's matrix and decodes it back with a QR reader (gozxing, a Go
// port of ZXing, used only here).
func TestQRCode(t *testing.T) {
	for _, addr := range []string{"https://example.org/jianzheng/cancelled/hukou-suozaidi-yibao/", "https://example.gov.cn/jzbm/village/"} {
		svg, err := qrSVG(addr)
		if err != nil {
			t.Fatal(err)
		}
		m := qrView.FindStringSubmatch(string(svg))
		d := qrPath.FindStringSubmatch(string(svg))
		if m == nil || d == nil {
			t.Fatalf("not a QR SVG: %s", svg)
		}
		n, _ := strconv.Atoi(m[1])
		dark := make([][]bool, n)
		for i := range dark {
			dark[i] = make([]bool, n)
		}
		var x, y, w int
		for _, cmd := range strings.Split(strings.TrimSuffix(d[1], "z"), "z") {
			if _, err := fmt.Sscanf(cmd, "M%d %dh%dv1h-%d", &x, &y, &w, &w); err != nil {
				t.Fatalf("path command %q: %v", cmd, err)
			}
			for i := 0; i < w; i++ {
				dark[y][x+i] = true
			}
		}
		code, err := qr.Encode(addr, qrLevel)
		if err != nil {
			t.Fatal(err)
		}
		if n != code.Size+2*qrQuiet {
			t.Fatalf("%d modules a side, want %d", n, code.Size+2*qrQuiet)
		}
		for yy := 0; yy < n; yy++ {
			for xx := 0; xx < n; xx++ {
				if dark[yy][xx] != code.Black(xx-qrQuiet, yy-qrQuiet) {
					t.Fatalf("module %d,%d differs from the library's matrix", xx, yy)
				}
			}
		}
		if got := decodeQR(t, dark, 8); got != addr {
			t.Errorf("decodes to %q, want %q", got, addr)
		}
	}
	if svg, err := qrSVG(""); svg != "" || err != nil {
		t.Errorf("qr of nothing: %q, %v", svg, err)
	}
}

// decodeQR reads a module grid, drawn at scale pixels a module.
func decodeQR(t *testing.T, dark [][]bool, scale int) string {
	t.Helper()
	n := len(dark)
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for y := 0; y < n*scale; y++ {
		for x := 0; x < n*scale; x++ {
			c := color.Gray{255}
			if dark[y/scale][x/scale] {
				c = color.Gray{0}
			}
			img.SetGray(x, y, c)
		}
	}
	return decodeQRImage(t, img)
}

// decodeQRImage decodes the QR code in img, or fails t.
func decodeQRImage(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("cannot decode the QR code: %v", err)
	}
	return res.GetText()
}

// TestTimelineBounded: at scale, the timeline shows at most the latest
// TimelineMonths months, TimelinePolicies policies and a rest row in
// each, and one row for the months before, and loses no item on the way.
func TestTimelineBounded(t *testing.T) {
	c, err := catalog.Load(synth.Catalog(3000, 1))
	if err != nil {
		t.Fatal(err)
	}
	s, err := loadStrings(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	tl := newModel(c, s, nil).stats.Timeline
	events := 0
	for _, r := range c.Records {
		if r.Kind == catalog.Cancelled && !r.CancelledOn.IsZero() || r.Removed() && !r.RemovedOn.IsZero() {
			events++
		}
	}
	total, months := 0, map[string]int{}
	for _, r := range tl.Rows {
		total += r.Total()
		months[r.Group]++
	}
	if total != events {
		t.Errorf("timeline counts %d items, the catalog has %d", total, events)
	}
	if len(months) > TimelineMonths+1 {
		t.Errorf("timeline shows %d months, want at most %d and one for the months before", len(months), TimelineMonths+1)
	}
	for m, n := range months {
		if n > TimelinePolicies+1 {
			t.Errorf("%s: %d rows, want at most %d", m, n, TimelinePolicies+1)
		}
	}
	if svg := tl.SVG(""); len(svg) > 60<<10 {
		t.Errorf("timeline SVG is %d bytes", len(svg))
	}
	t.Logf("%d records: %d timeline rows over %d months", len(c.Records), len(tl.Rows), len(months))
}
