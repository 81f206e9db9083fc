package search

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// TestUI runs testdata/ui.test.js: the search page's script against a
// fake DOM and the fixture's export (results, links, filters, the
// address, hostile text, errors), and the sample catalog's, whose
// answers run to more than a page.
func TestUI(t *testing.T) {
	node := nodePath(t)
	files, err := fixtureIndex(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	sample, _, _ := exportOf(t, os.DirFS("../../content"))
	cmd := exec.Command(node, "--test", "testdata/ui.test.js")
	cmd.Env = append(os.Environ(), "JZ_SITE="+writeSite(t, files), "JZ_SAMPLE="+writeSite(t, sample))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("ui.test.js: %v\n%s", err, out)
	}
}

// TestEngineText checks that search.js holds no interface text of its own
// (no Han characters: the page's data-labels carry every string) and none
// of the constructs the site's CSP or safety rules forbid.
func TestEngineText(t *testing.T) {
	js := string(engineJS)
	for _, r := range js {
		if hanRune(r) {
			t.Fatalf("search.js contains %q: interface text belongs in data-labels", r)
		}
	}
	for _, bad := range []string{`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document\.write`, `\beval\(`, `new Function`, `\.style\b`, `setAttribute\("on`} {
		if regexp.MustCompile(bad).MatchString(js) {
			t.Errorf("search.js uses %s", bad)
		}
	}
}
