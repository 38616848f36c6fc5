package news

import (
	"regexp"
	"strings"
	"testing"
)

var badURL = regexp.MustCompile(`(?i)<[^>]*\s(href|src|action|formaction|xlink:href|srcset|poster)\s*=\s*["']?\s*(javascript|vbscript|data|file):`)

// FuzzSanitizeHTML feeds arbitrary HTML to the feed sanitiser: what comes out
// must hold no script, style, iframe, event handler or non-http(s) link, and
// PlainText must hold no markup at all.
func FuzzSanitizeHTML(f *testing.F) {
	for _, s := range []string{
		`<p>Hello <a href="https://e.org/" onclick="x()">link</a></p>`,
		`<script>alert(1)</script><img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt&#58;alert(1)">y</a>`,
		`<iframe src="https://e.org/"></iframe><style>p{}</style>`,
		`<svg><a xlink:href="data:text/html,x">z</a></svg>`,
		`<<script>script>alert(1)<</script>/script>`,
		`<p title="a&quot; onmouseover=&quot;x">t</p>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := strings.ToLower(SanitizeHTML(in))
		for _, bad := range []string{"<script", "<style", "<iframe", "<object", "<embed"} {
			if strings.Contains(out, bad) {
				t.Fatalf("%q survives in %q (from %q)", bad, out, in)
			}
		}
		// Text may say "javascript:"; a link may not lead there.
		if badURL.MatchString(out) {
			t.Fatalf("a non-http(s) link survives in %q (from %q)", out, in)
		}
		if eventHandler.MatchString(out) {
			t.Fatalf("event handler in %q (from %q)", out, in)
		}
		if text := PlainText(in); strings.ContainsAny(text, "<>") && looksLikeMarkup(text) {
			t.Fatalf("markup in plain text %q (from %q)", text, in)
		}
	})
}
