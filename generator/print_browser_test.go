package main

// Browser tests of issue 16: the printed record and the printable lists
// (Page.printToPDF on A4), the QR code as a phone would see it, the
// charts under axe at both widths, and pictures for a person to look at.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// printBase is the address the print tests build the sample for: the
// sample's site.toml leaves base_url empty, and a QR code needs one.
const printBase = "https://example.org/jianzheng/"

var printSite struct {
	once sync.Once
	dir  string
	err  error
}

// builtSampleWithBase is the sample built once with -base-url printBase.
func builtSampleWithBase(t *testing.T) string {
	t.Helper()
	printSite.once.Do(func() {
		dir, err := os.MkdirTemp("", "jz-print-")
		if err != nil {
			printSite.err = err
			return
		}
		out := filepath.Join(dir, "public")
		var o, e strings.Builder
		if code := run([]string{"build", "-content", "../content", "-templates", "../templates", "-out", out, "-base-url", printBase}, &o, &e); code != 0 {
			printSite.err = fmt.Errorf("build exited %d: %s%s", code, o.String(), e.String())
		}
		printSite.dir = out
	})
	if printSite.err != nil {
		t.Fatal(printSite.err)
	}
	return printSite.dir
}

// printPDF prints the open page on A4 with the page's own margins, as a
// browser's print dialog does with "default" settings.
func (b *browserSession) printPDF(t *testing.T) []byte {
	t.Helper()
	var pdf []byte
	b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		yes := true
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes})
		pdf = res.Data
		return err
	}))
	return pdf
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
var pdfCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)

// pdfPages counts a PDF's pages: its page objects, checked against the
// page tree's /Count.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
	n := len(pdfPage.FindAll(pdf, -1))
	if m := pdfCount.FindSubmatch(pdf); m != nil {
		c, _ := strconv.Atoi(string(append(m[1], m[2]...)))
		if c != n {
			t.Fatalf("PDF has %d page objects but /Count %d", n, c)
		}
	}
	return n
}

func (b *browserSession) printMedia(t *testing.T, on bool) {
	media := ""
	if on {
		media = "print"
	}
	b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// recordsToPrint are, for each kind, the record of pageTypes and the
// three records whose pages are longest: the ones most likely to spill
// onto a second sheet.
func recordsToPrint(t *testing.T, dir string) []string {
	out := map[string]bool{}
	for _, p := range pageTypes {
		if strings.Count(p, "/") == 2 && !strings.HasSuffix(p, "/print.html") && !strings.HasPrefix(p, "department/") && !strings.HasPrefix(p, "service/") && !strings.HasPrefix(p, "policy/") && !strings.HasPrefix(p, "events/") {
			out[p] = true
		}
	}
	for _, kind := range []string{"cancelled", "village", "training", "inspection"} {
		type sized struct {
			path string
			size int64
		}
		var pages []sized
		entries, _ := os.ReadDir(filepath.Join(dir, kind))
		for _, e := range entries {
			if !e.IsDir() || e.Name() == "print.html" {
				continue
			}
			p := kind + "/" + e.Name() + "/index.html"
			if st, err := os.Stat(filepath.Join(dir, p)); err == nil {
				pages = append(pages, sized{p, st.Size()})
			}
		}
		sort.Slice(pages, func(i, j int) bool {
			return pages[i].size > pages[j].size || pages[i].size == pages[j].size && pages[i].path < pages[j].path
		})
		for i := 0; i < 3 && i < len(pages); i++ {
			out[pages[i].path] = true
		}
	}
	var list []string
	for p := range out {
		list = append(list, p)
	}
	sort.Strings(list)
	return list
}

// TestBrowserPrintRecordOnePage prints records of every kind on A4:
// each fits one sheet, with its name, status, what to do now, the
// office's contact, its basis, the publication date and a QR code with
// the address as text.
func TestBrowserPrintRecordOnePage(t *testing.T) {
	dir := builtSampleWithBase(t)
	b := newBrowser(t, browserOptions{})
	base := fileURL(dir)
	for _, p := range recordsToPrint(t, dir) {
		b.open(t, base+p)
		if n := pdfPages(t, b.printPDF(t)); n != 1 {
			t.Errorf("%s prints on %d pages, want 1", p, n)
		}
		b.printMedia(t, true)
		missing := eval[[]string](t, b, `(() => {
		  const shown = s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; };
		  const text = document.querySelector('main').innerText + document.querySelector('.sitefoot').innerText;
		  const out = [];
		  for (const s of ['h1', '.status .badge', '.now', '.print-qr svg', '.sitefoot time']) if (!shown(s)) out.push(s);
		  for (const w of ['设定依据', '电话', '本次公布', '`+printBase+`']) if (!text.includes(w)) out.push(w);
		  for (const s of ['.masthead', '.sitenav', '.modes', '.search-bar', '.crumbs', '.footlinks']) if (shown(s)) out.push('printed: ' + s);
		  return out; })()`)
		if len(missing) > 0 {
			t.Errorf("%s in print: %v", p, missing)
		}
		addr := eval[string](t, b, `document.querySelector('.print-url').textContent`)
		if want := printBase + strings.TrimSuffix(p, "index.html"); addr != want {
			t.Errorf("%s prints the address %q, want %q", p, addr, want)
		}
		b.printMedia(t, false)
	}
	for _, pr := range b.takeProblems() {
		t.Error(pr)
	}
}

// TestBrowserPrintQRDecodes screenshots the print view of a record's QR
// code and reads it back, as a phone would, to base_url + kind/id/.
func TestBrowserPrintQRDecodes(t *testing.T) {
	dir := builtSampleWithBase(t)
	b := newBrowser(t, browserOptions{width: 688}) // A4's width inside print.css's margins
	for _, p := range []string{"cancelled/hukou-suozaidi-yibao/index.html", "village/hukou-dengji-biangeng-cun/index.html"} {
		b.open(t, fileURL(dir)+p)
		b.printMedia(t, true)
		img, err := chromedp.Run(b.ctx, chromedp.ScreenshotScale(chromedp.CSS(".print-qr svg"), 2))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := decodeQRPNG(t, img), printBase+strings.TrimSuffix(p, "index.html"); got != want {
			t.Errorf("%s: QR code reads %q, want %q", p, got, want)
		}
		if p == "cancelled/hukou-suozaidi-yibao/index.html" {
			b.screenshot(t, "print-record-a4")
			os.WriteFile(filepath.Join("testdata", "artifacts", "print-record.pdf"), b.printPDF(t), 0o644)
		}
	}
	b.open(t, fileURL(dir)+"village/print.html")
	img, err := chromedp.Run(b.ctx, chromedp.ScreenshotScale(chromedp.CSS(".print-qr-list svg"), 2))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQRPNG(t, img); got != printBase+"village/" {
		t.Errorf("village print page: QR code reads %q", got)
	}
	for _, pr := range b.takeProblems() {
		t.Error(pr)
	}
}

func decodeQRPNG(t *testing.T, data []byte) string {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("cannot read the QR code: %v", err)
	}
	return res.GetText()
}

// TestBrowserPrintLists prints the printable lists on A4: a table whose
// header repeats on every sheet and whose rows are never cut across two
// (Chromium honours break-inside: avoid on rows; the test checks the
// rule holds on every row and that the long list runs over several
// sheets), one QR code, and nothing of the site's frame.
func TestBrowserPrintLists(t *testing.T) {
	dir := builtSampleWithBase(t)
	b := newBrowser(t, browserOptions{})
	for _, p := range []string{"cancelled/print.html", "village/print.html", "training/print.html",
		"inspection/print.html", "department/gongan/print.html"} {
		b.open(t, fileURL(dir)+p)
		pages := pdfPages(t, b.printPDF(t))
		b.printMedia(t, true)
		r := eval[struct {
			Rows, Avoid, Items, QR int
			Header                 bool
			Frame                  []string
		}](t, b, `(() => {
		  const rows = [...document.querySelectorAll('.print-table tbody tr')];
		  const shown = s => [...document.querySelectorAll(s)].filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0);
		  return { Rows: rows.length, Avoid: rows.filter(r => getComputedStyle(r).breakInside === 'avoid').length,
		    Items: document.querySelectorAll('.print-table tbody tr').length, QR: shown('.print-qr-list svg').length,
		    Header: [...document.querySelectorAll('.print-table thead')].every(h => getComputedStyle(h).display === 'table-header-group'),
		    Frame: ['.masthead', '.sitenav', '.modes', '.crumbs', '.footlinks', '.print-hint'].filter(s => shown(s).length) }; })()`)
		if r.Rows == 0 || r.Avoid != r.Rows || !r.Header || r.QR != 1 || len(r.Frame) > 0 {
			t.Errorf("%s: %d rows, %d unbreakable; header repeats %v; %d QR codes; printed frame %v", p, r.Rows, r.Avoid, r.Header, r.QR, r.Frame)
		}
		if p == "cancelled/print.html" && pages < 2 {
			t.Errorf("%s: the 48 cancelled proofs print on %d page", p, pages)
		}
		t.Logf("%s: %d rows on %d A4 pages", p, r.Rows, pages)
		if p == "cancelled/print.html" {
			b.screenshot(t, "print-list-a4")
		}
		b.printMedia(t, false)
	}
	for _, pr := range b.takeProblems() {
		t.Error(pr)
	}
}

// TestBrowserStatsAxe runs axe over the 统计 page and a print page at a
// phone's and a desktop's width, plain and in 大字 + 高对比, checks the
// layout (no sideways scrolling, targets, no overlaps), that the charts
// keep their size and colours in each mode, and writes pictures.
func TestBrowserStatsAxe(t *testing.T) {
	axe, err := os.ReadFile(axePath())
	if err != nil {
		if requireBrowser() {
			t.Fatalf("axe-core not found at %s; %s", axePath(), enableBrowserHelp)
		}
		t.Skipf("axe tests skipped: %v; %s", err, enableBrowserHelp)
	}
	dir := builtSampleWithBase(t)
	base := serve(t, dir)
	for _, width := range []int{375, 1280} {
		b := newBrowser(t, browserOptions{width: width})
		for _, p := range []string{"stats/index.html", "index.html", "cancelled/print.html"} {
			for _, mode := range []string{"", "large+contrast"} {
				b.open(t, base+p)
				if mode != "" {
					b.click(t, `label[for="mode-large"]`)
					b.click(t, `label[for="mode-contrast"]`)
				}
				for _, pr := range eval[layoutReport](t, b, layoutCheckJS).problems() {
					t.Errorf("%s %dpx %s: %s", p, width, mode, pr)
				}
				for _, v := range axeViolations(t, b, axe) {
					t.Errorf("%s %dpx %s: %s", p, width, mode, v)
				}
				if p == "stats/index.html" {
					c := eval[struct {
						Charts, MinFont int
						Fill            string
					}](t, b, `(() => { const svgs = [...document.querySelectorAll('.chart-svg')];
					  const px = svgs.map(s => 16 * s.getBoundingClientRect().width / s.viewBox.baseVal.width);
					  return { Charts: svgs.length, MinFont: Math.round(Math.min(...px)),
					    Fill: getComputedStyle(document.querySelector('.seg-cancelled')).fill }; })()`)
					wantFill := "rgb(138, 28, 18)"
					if mode != "" {
						wantFill = "rgb(0, 0, 0)"
					}
					if c.Charts != 4 || c.MinFont < 16 || c.Fill != wantFill {
						t.Errorf("stats %dpx %s: %d charts, chart text %d px, bar colour %s (want %s)", width, mode, c.Charts, c.MinFont, c.Fill, wantFill)
					}
					// A timeline row, a link, shows its focus (in a page that
					// has the focus: headless windows may not have it).
					b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
						return err
					}))
					if f := eval[string](t, b, `(() => { const a = document.querySelector('.chart-svg a'); a.focus();
					  const s = (document.activeElement === a) + ' ' + getComputedStyle(a.querySelector('.chart-hit')).fillOpacity;
					  a.blur(); return s; })()`); f != "true 1" {
						t.Errorf("stats %dpx %s: a focused timeline row does not show its focus: %s", width, mode, f)
					}
					name := fmt.Sprintf("stats-%d", width)
					if mode != "" {
						name += "-large-contrast"
					}
					b.screenshot(t, name)
				}
				if mode != "" {
					b.click(t, `label[for="mode-large"]`)
					b.click(t, `label[for="mode-contrast"]`)
				}
			}
		}
		for _, pr := range b.takeProblems() {
			t.Errorf("%dpx: %s", width, pr)
		}
	}
}
