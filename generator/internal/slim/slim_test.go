package slim

import "testing"

func TestSlim(t *testing.T) {
	for _, tc := range []struct {
		name     string
		slim     func([]byte) []byte
		in, want string
	}{
		{"js", JS,
			"/* head\n * more\n */\nvar a = 1; // dropped too\n  // dropped\n  /* one line */\nvar b = \"//\"; // kept: a quote before it\n\n/*\n*/\nif (a) {\n  b(x / 2); // kept: a slash before it\n}\n",
			"var a = 1;\nvar b = \"//\"; // kept: a quote before it\nif (a) {\nb(x / 2); // kept: a slash before it\n}\n"},
		{"css", CSS,
			"/* a comment */\n\na { color: red; } /* kept */\n/* a\n   block */\n  b {}\n// not a css comment\n",
			"a { color: red; } /* kept */\nb {}\n// not a css comment\n"},
	} {
		if got := string(tc.slim([]byte(tc.in))); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
