package site

import "testing"

func TestCSSCode(t *testing.T) {
	src := "/* one\n   two */\na { color: red; } /* kept */\n  /* alone */\nb {}\n"
	if got, want := string(cssCode([]byte(src))), "a { color: red; } /* kept */\nb {}\n"; got != want {
		t.Errorf("cssCode:\n got %q\nwant %q", got, want)
	}
}
