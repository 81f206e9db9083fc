package site

import (
	"fmt"
	"html/template"
	"strings"

	"rsc.io/qr"
)

// The QR codes on printed pages are drawn at build time, as inline SVG,
// by rsc.io/qr. It was chosen over github.com/yeqown/go-qrcode/v2 and
// github.com/skip2/go-qrcode, both served by the Go module proxy, because
// its output is deterministic and it needs nothing else: yeqown's scores
// the eight masks on eight goroutines and keeps whichever lowest score
// arrives first, so two masks that tie can give different codes from one
// build to the next; skip2's last commit is from 2020 and has no release.
// rsc.io/qr always uses mask 0, which any reader decodes (the test decodes
// every code it checks), and hands over the modules (Code.Black), which
// is all an SVG needs.

// qrLevel is the error correction: M (15 %) survives a crease or a smudge
// on a printed sheet while keeping a site's address at version 3 or 4.
const qrLevel = qr.M

// qrQuiet is the margin of light modules a reader needs around the code.
const qrQuiet = 4

// qrSVG draws text as a QR code: one path of unit squares in a viewBox
// of modules, so that it prints sharp at any size. The code is an image
// whose words are the address itself, which the page prints beside it.
// It is empty if text is empty or too long to encode.
func qrSVG(text string) (template.HTML, error) {
	if text == "" {
		return "", nil
	}
	code, err := qr.Encode(text, qrLevel)
	if err != nil {
		return "", fmt.Errorf("qr code of %q: %w", text, err)
	}
	n := code.Size + 2*qrQuiet
	var d strings.Builder
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; x++ {
			if !code.Black(x, y) {
				continue
			}
			// A run of dark modules on a row is one rectangle.
			run := 1
			for code.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x+qrQuiet, y+qrQuiet, run, run)
			x += run - 1
		}
	}
	return template.HTML(fmt.Sprintf(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path d="%s" fill="#000"/></svg>`,
		n, n, n*4, n*4, esc(text), n, n, d.String())), nil
}
