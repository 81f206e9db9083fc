package catalog

import (
	"strings"
	"testing"
)

// TestPathological feeds files built to exhaust a parser. Each must end
// quickly with a clear error (the test would take minutes and tens of GB
// if the limits were missing).
func TestPathological(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"100,000 nested lists", "x = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000),
			"cancelled/p.toml:1:37: 列表或表嵌套超过 32 层：清单最多只需要 3 层"},
		{"100,000 nested tables", "[" + strings.Repeat("a.", 99_999) + "a]",
			"cancelled/p.toml:1:131: 一行里有超过 64 个点：清单的键只有一段，如 name = \"…\""},
		{"100,000 nested inline tables", "x = " + strings.Repeat("{a=", 100_000) + "1" + strings.Repeat("}", 100_000),
			"cancelled/p.toml:1:101: 列表或表嵌套超过 32 层：清单最多只需要 3 层"},
		{"a 50 MB string", "[[proof]]\nname = \"" + strings.Repeat("证", 50<<20/3) + "\"",
			"cancelled/p.toml:1:1: 文件超过 8 MB：请拆成几个文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(catalogFS(map[string]string{"cancelled/p.toml": tt.src}))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestShapeAllowsOrdinaryFiles(t *testing.T) {
	for name, src := range base {
		if line, col, msg := checkShape(src); msg != "" {
			t.Errorf("%s:%d:%d: %s", name, line, col, msg)
		}
	}
	if _, _, msg := checkShape(`name = "` + strings.Repeat("a.b.", 100) + `" # ` + strings.Repeat(".", 100)); msg != "" {
		t.Errorf("dots inside strings and comments counted: %s", msg)
	}
}
