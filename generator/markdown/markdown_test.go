package markdown

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraph", "凭居民户口簿办理。", "<p>凭居民户口簿办理。</p>\n"},
		{"cjk line break adds no space", "凭居民\n户口簿办理。", "<p>凭居民户口簿办理。</p>\n"},
		{"heading shifts", "# 说明", "<h3>说明</h3>\n"},
		{"https link kept", "[政府网](https://www.gov.cn/)", `<p><a href="https://www.gov.cn/">政府网</a></p>` + "\n"},
		{"relative link kept", "[见](../x/index.html)", `<p><a href="../x/index.html">见</a></p>` + "\n"},
		{"javascript link dropped", "[点我](javascript:alert(1))", "<p>点我</p>\n"},
		{"JavaScript upper case", "[点我](JaVaScRiPt:alert(1))", "<p>点我</p>\n"},
		{"data link dropped", "[x](data:text/html,<script>alert(1)</script>)", "<p>x</p>\n"},
		{"protocol-relative dropped", "[x](//evil.example/a)", "<p>x</p>\n"},
		{"colon path dropped", "[x](vbscript:msgbox)", "<p>x</p>\n"},
		{"autolink safe", "<https://www.gov.cn/>", `<p><a href="https://www.gov.cn/">https://www.gov.cn/</a></p>` + "\n"},
		{"image becomes alt", "![图片说明](https://evil.example/x.png)", "<p>图片说明</p>\n"},
		{"raw html dropped", "<script>alert(1)</script>", ""},
		{"inline html dropped", "a<img src=x onerror=alert(1)>b", "<p>ab</p>\n"},
		{"template syntax stays text", "{{.}}", "<p>{{.}}</p>\n"},
		{"entities escaped", `"><svg onload=alert(1)>`, "<p>&quot;&gt;</p>\n"},
	}
	r := New(3)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(r.HTML(tt.in)); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNoScriptSurvives(t *testing.T) {
	r := New(2)
	for _, in := range []string{
		"<script>alert(1)</script>", "[a](javascript:alert(1))", "<a href=\"javascript:x\">a</a>",
		"[a](  javascript:alert(1))", "[a](java\tscript:alert(1))", "<svg/onload=alert(1)>",
		"[a](data:text/html;base64,PHNjcmlwdD4=)", "www.example.com/javascript:alert(1)",
	} {
		out := strings.ToLower(string(r.HTML(in)))
		if strings.Contains(out, "<script") || strings.Contains(out, `href="javascript`) ||
			strings.Contains(out, `href="data`) || strings.Contains(out, "<svg") {
			t.Errorf("HTML(%q) = %q", in, out)
		}
	}
}
