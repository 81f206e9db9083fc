package site

import (
	"os"
	"strings"
	"testing"
)

// TestDocsNameEveryTemplate keeps the README's template list and this
// package's doc in step with pageTypes, the templates Prepare requires.
func TestDocsNameEveryTemplate(t *testing.T) {
	for _, doc := range []struct{ path, start, end string }{
		{"../../README.md", "`templates/` holds", "The\ndata each template receives"},
		{"site.go", "// # Templates", "// # Template data"},
	} {
		b, err := os.ReadFile(doc.path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		i := strings.Index(text, doc.start)
		j := strings.Index(text, doc.end)
		if i < 0 || j < i {
			t.Fatalf("%s: cannot find the template list between %q and %q", doc.path, doc.start, doc.end)
		}
		for _, name := range append([]string{"layout.html", "strings.toml"}, pageTypes...) {
			if !strings.Contains(text[i:j], name) {
				t.Errorf("%s does not name the template %s", doc.path, name)
			}
		}
	}
}
