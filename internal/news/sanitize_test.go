package news

import "testing"

func TestSanitizeHTML(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"formatting kept", `<p>A <strong>b</strong> <em>c</em></p>`, `<p>A <strong>b</strong> <em>c</em></p>`},
		{"script dropped with content", `a<script>alert(1)</script>b`, `ab`},
		{"style dropped with content", `<style>p{display:none}</style>x`, `x`},
		{"iframe dropped", `<iframe src="https://x.example/"></iframe>y`, `y`},
		{"event handler dropped", `<p onclick="alert(1)">z</p>`, `<p>z</p>`},
		{"style attribute dropped", `<p style="color:red" class="c" id="i">z</p>`, `<p>z</p>`},
		{"image dropped", `<img src="https://x.example/a.png" onerror="alert(1)">w`, `w`},
		{"http link kept with rel", `<a href="https://x.example/a?b=1&amp;c=2">l</a>`, `<a href="https://x.example/a?b=1&amp;c=2" rel="nofollow noopener">l</a>`},
		{"rel and target replaced", `<a href="http://x.example/" rel="opener" target="_blank">l</a>`, `<a href="http://x.example/" rel="nofollow noopener">l</a>`},
		{"javascript link", `<a href="javascript:alert(1)">l</a>`, `l`},
		{"mixed-case javascript link", `<a href="JaVaScRiPt:alert(1)">l</a>`, `l`},
		{"data link", `<a href="data:text/html,hi">l</a>`, `l`},
		{"relative link", `<a href="/x">l</a>`, `l`},
		{"mailto link", `<a href="mailto:a@b.example">l</a>`, `l`},
		{"text quotes escaped", `say rel="nofollow"`, `say rel=&#34;nofollow&#34;`},
		{"form dropped", `<form action="https://x.example/"><input value="v"><button>b</button></form>`, `b`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SanitizeHTML(c.in); got != c.want {
				t.Errorf("SanitizeHTML(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"tags removed", `<p>Hello <b>world</b></p>`, `Hello world`},
		{"entities decoded", `Tom &amp; Jerry &eacute; &#8212;`, `Tom & Jerry é —`},
		{"space collapsed", "  a \n\t b  ", `a b`},
		{"blocks separate words", `<p>a</p><p>b</p><br>c`, `a b c`},
		{"script content dropped", `x<script>alert(1)</script>y`, `xy`},
		{"style content dropped", `<style>.a{}</style>z`, `z`},
		{"escaped markup stripped", `&lt;script&gt;alert(1)&lt;/script&gt;News`, `News`},
		{"double-escaped text shown as the reader sees it", `&amp;lt;b&amp;gt;bold`, `&lt;b&gt;bold`},
		{"markup nested in escaped markup stripped", `&lt;i&gt;&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;&lt;/i&gt;y`, `y`},
		{"less-than kept as text", `a < b and 3<4`, `a < b and 3<4`},
		{"deep nesting defused", `&lt;i&gt;&amp;lt;i&amp;gt;&amp;amp;lt;i&amp;amp;gt;&amp;amp;amp;lt;b&amp;amp;amp;gt;x`, `‹i>&lt;b&gt;x`},
		{"deep nesting ending in <", `&lt;i&gt;&amp;lt;i&amp;gt;&amp;amp;lt;i&amp;amp;gt;&amp;amp;amp;lt;b&amp;amp;amp;gt;x<`, `‹i>&lt;b&gt;x<`},
		{"text ending in <", `a &lt;`, `a <`},
		{"stray end tag of a skipped element", `a</script>b`, `ab`},
		{"end tag inside a skipped element", `<svg><g>x</g></svg>y`, `y`},
		{"self-closing block separates words", `a<br/>b<hr/>c`, `a b c`},
		{"end tag of a block separates words", `a</div>b`, `a b`},
		{"no leading space from a start tag", `<p>a`, `a`},
		{"no leading space from an end tag", `</p>a`, `a`},
		{"no leading space from a self-closing tag", `<br/>a`, `a`},
		{"control characters are space", "a\x01b\x7fc", `a b c`},
		{"invalid UTF-8 is space", "a\xffb", `a b`},
		{"escaped <a> stripped", `&lt;a&gt;x`, `x`},
		{"escaped <z> stripped", `&lt;z&gt;x`, `x`},
		{"escaped <A> stripped", `&lt;A&gt;x`, `x`},
		{"escaped <Z> stripped", `&lt;Z&gt;x`, `x`},
		{"escaped end tag stripped", `&lt;/q&gt;x`, `x`},
		{"escaped comment stripped", `&lt;!--c--&gt;x`, `x`},
		{"escaped processing instruction stripped", `&lt;?p?&gt;x`, `x`},
		{"< before characters that start no tag kept", `&lt;@ &lt;[ &lt;` + "`" + ` &lt;{ &lt;1`, "<@ <[ <` <{ <1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := PlainText(c.in); got != c.want {
				t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four five", 15, "one two three…"},
		{"ééééééééééé", 5, "ééééé…"},
		{"abcdef gh", 8, "abcdef g…"},          // the space at 3/4 of the cut is too early to cut at
		{"abcdefg hi", 9, "abcdefg…"},          // past 3/4: cut at the space
		{"ab cdefghijkl", 12, "ab cdefghijk…"}, // a space early in the text: no cut there
		{"abc d", 4, "abc…"},                   // the trailing space is trimmed
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := truncate(c.in, c.n); got != c.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
			}
		})
	}
}
