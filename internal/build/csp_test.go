package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ai-league/ai-league/internal/render"
)

// TestPagesKeepTheirPolicy builds the test site and reads every page as a browser
// would: each declares the Content-Security-Policy first in <head> (after the
// charset), and holds nothing the policy would block: no inline script with code (JSON
// data blocks only), no event-handler attribute, no style attribute or <style>
// element, no javascript: URL.
func TestPagesKeepTheirPolicy(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "out")
	build(t, options(src, out))
	pages := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		pages++
		for _, problem := range policyProblems(t, []byte(read(t, p))) {
			t.Errorf("%s: %s", rel, problem)
		}
		return nil
	})
	if pages < 20 {
		t.Errorf("only %d pages checked", pages)
	}
}

func TestPolicyProblems(t *testing.T) {
	head := `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="` + render.ContentSecurityPolicy + `"><title>x</title></head><body>`
	for page, want := range map[string]string{
		head + `<script src="/js/a.js"></script><script type="application/json" data-chart="c">{}</script></body></html>`: "",
		head + `<script>alert(1)</script></body></html>`:                                                                  "inline script",
		head + `<p onclick="x()">x</p></body></html>`:                                                                     "event handler onclick",
		head + `<p style="color:red">x</p></body></html>`:                                                                 "style attribute",
		head + `<style>p{}</style></body></html>`:                                                                         "<style> element",
		head + `<a href="javascript:alert(1)">x</a></body></html>`:                                                        "javascript: URL",
		`<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body></body></html>`:                    "no Content-Security-Policy",
		`<!DOCTYPE html><html><head><meta charset="utf-8"><script src="/a.js"></script><meta http-equiv="Content-Security-Policy" content="` + render.ContentSecurityPolicy + `"></head><body></body></html>`: "not first in <head>",
	} {
		got := strings.Join(policyProblems(t, []byte(page)), "; ")
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("problems = %q, want %q, in\n%s", got, want, page)
		}
	}
}

// policyProblems lists what in page breaks the site's Content-Security-Policy.
func policyProblems(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	var head *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "head" && head == nil {
				head = n
			}
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
				switch {
				case strings.HasPrefix(a.Key, "on"):
					problems = append(problems, "event handler "+a.Key+" on <"+n.Data+">")
				case a.Key == "style":
					problems = append(problems, "style attribute on <"+n.Data+">")
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					problems = append(problems, "javascript: URL in <"+n.Data+">")
				}
			}
			switch {
			case n.Data == "style":
				problems = append(problems, "<style> element")
			case n.Data == "script" && attr["src"] == "" && attr["type"] != "application/json":
				problems = append(problems, "inline script (put code in static/js/, data in a JSON block)")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if head == nil {
		return append(problems, "no <head>")
	}
	var first []*html.Node
	for c := head.FirstChild; c != nil && len(first) < 2; c = c.NextSibling {
		if c.Type == html.ElementNode {
			first = append(first, c)
		}
	}
	isCSP := func(n *html.Node) bool {
		for _, a := range n.Attr {
			if a.Key == "http-equiv" && strings.EqualFold(a.Val, "Content-Security-Policy") {
				for _, b := range n.Attr {
					if b.Key == "content" && b.Val == render.ContentSecurityPolicy {
						return true
					}
				}
			}
		}
		return false
	}
	switch {
	case len(first) == 2 && isCSP(first[1]):
	case bytes.Contains(page, []byte("Content-Security-Policy")):
		problems = append(problems, "the Content-Security-Policy meta tag is not first in <head> after the charset")
	default:
		problems = append(problems, "no Content-Security-Policy meta tag")
	}
	return problems
}
