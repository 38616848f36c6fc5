package feed

import (
	"strings"
	"testing"
)

func TestAbsoluteHTML(t *testing.T) {
	const page = "https://u.github.io/repo/posts/week-one/"
	tests := []struct {
		name, in, want string
	}{
		{"root-relative keeps the base path it already has",
			`<a href="/repo/models/x/">x</a>`,
			`<a href="https://u.github.io/repo/models/x/">x</a>`},
		{"relative",
			`<a href="../../methodology/">rules</a>`,
			`<a href="https://u.github.io/repo/methodology/">rules</a>`},
		{"relative file",
			`<img src="chart.png" alt="c">`,
			`<img src="https://u.github.io/repo/posts/week-one/chart.png" alt="c">`},
		{"fragment",
			`<a href="#table">t</a>`,
			`<a href="https://u.github.io/repo/posts/week-one/#table">t</a>`},
		{"query",
			`<a href="?page=2">next</a>`,
			`<a href="https://u.github.io/repo/posts/week-one/?page=2">next</a>`},
		{"protocol-relative",
			`<a href="//cdn.example.org/x.js">x</a>`,
			`<a href="https://cdn.example.org/x.js">x</a>`},
		{"already absolute is untouched",
			`<a HREF="https://other.example/x?a=1&amp;b=2">x</a>`,
			`<a HREF="https://other.example/x?a=1&amp;b=2">x</a>`},
		{"mailto untouched",
			`<a href="mailto:a@example.org">mail</a>`,
			`<a href="mailto:a@example.org">mail</a>`},
		{"javascript left as is",
			`<a href="javascript:alert(1)">x</a>`,
			`<a href="javascript:alert(1)">x</a>`},
		{"data URL untouched",
			`<img src="data:image/png;base64,AAAA">`,
			`<img src="data:image/png;base64,AAAA">`},
		{"empty href untouched",
			`<a href="">self</a>`,
			`<a href="">self</a>`},
		{"srcset",
			`<img srcset="a.png 1x, /repo/b.png 2x">`,
			`<img srcset="https://u.github.io/repo/posts/week-one/a.png 1x, https://u.github.io/repo/b.png 2x">`},
		{"srcset already absolute",
			`<img srcset="https://x.example/a.png 1x,https://x.example/b.png 2x">`,
			`<img srcset="https://x.example/a.png 1x,https://x.example/b.png 2x">`},
		{"other attributes and text kept byte for byte",
			"<p class=x>Tom &amp; Jerry<br>\n<!-- /c/ --><a title='/t/' href=/m/>m</a></p>",
			"<p class=x>Tom &amp; Jerry<br>\n<!-- /c/ --><a title=\"/t/\" href=\"https://u.github.io/m/\">m</a></p>"},
		{"script and style text untouched",
			`<script>var a = '<a href="/x/">';</script><style>a{background:url(/y.png)}</style>`,
			`<script>var a = '<a href="/x/">';</script><style>a{background:url(/y.png)}</style>`},
		{"poster, cite and xlink:href",
			`<video poster="/p.png"></video><blockquote cite="/q/"></blockquote><svg><use xlink:href="/s.svg#i"/></svg>`,
			`<video poster="https://u.github.io/p.png"></video><blockquote cite="https://u.github.io/q/"></blockquote><svg><use xlink:href="https://u.github.io/s.svg#i"/></svg>`},
		{"unparsable URL left as is",
			`<a href="/%zz/">x</a>`,
			`<a href="/%zz/">x</a>`},
		{"malformed HTML does not crash",
			`<a href="/x/"<b>unclosed <img src=`,
			`<a href="https://u.github.io/x/" <b="">unclosed <img src=`},
		{"plain text", "no tags at all", "no tags at all"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AbsoluteHTML(tt.in, page); got != tt.want {
				t.Errorf("AbsoluteHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAbsoluteHTMLBadPage(t *testing.T) {
	for _, page := range []string{"", "/repo/posts/x/", "::"} {
		in := `<a href="/x/">x</a>`
		if got := AbsoluteHTML(in, page); got != in {
			t.Errorf("page %q: got %q, want the input unchanged", page, got)
		}
	}
}

// FuzzAbsoluteHTML checks that content from any author neither crashes the
// rewriter nor loses text: input without tags comes back unchanged.
func FuzzAbsoluteHTML(f *testing.F) {
	for _, s := range []string{
		`<a href="/x/">x</a>`, `<img srcset="a 1x, b 2x">`, `<a href="#f">`, "<a href=\"\x00\">",
		`<svg><use xlink:href="/s.svg#i"/></svg>`, `<a href="/x/"<b>`, "plain & text",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := AbsoluteHTML(in, "https://u.github.io/repo/posts/x/")
		if !strings.Contains(in, "<") && out != in {
			t.Errorf("text without tags changed: %q -> %q", in, out)
		}
	})
}
