package config

import (
	"fmt"
	"strings"
	"testing"
)

// linkCases are the URLs every URL field of site.yaml is checked with.
var linkCases = []struct {
	url string
	ok  bool
}{
	{"https://e.org/x", true},
	{"http://e.org", true},
	{"HTTPS://E.ORG/", true},
	{"https://e.org:8443/a?b=c#d", true},
	{"javascript:alert(1)", false},
	{"javascript://x/%0Aalert(1)", false}, // has a host, but not http(s)
	{"ftp://e.org/", false},
	{"data:text/html,x", false},
	{"//e.org/x", false},
	{"e.org", false},
	{"/about/", false},
	{"https://", false},
	{"https:///x", false},
	{"https://e.org/%zz", false},
	{" https://e.org/", false},
}

// TestLinkFields checks the feed url and results_urls with every link case: the
// URL kept as given, or the exact message at the value's line and column.
func TestLinkFields(t *testing.T) {
	fields := []struct {
		name string
		text func(u string) string
		got  func(c Config) string
		want func(u string, col int) string // the message on line 3
	}{
		{"feed url",
			func(u string) string {
				return fmt.Sprintf("title: T\nfeeds:\n  - {id: f, name: F, category: release, url: %q}\n", u)
			},
			func(c Config) string { return c.Feeds[0].URL },
			func(u string, col int) string {
				return fmt.Sprintf("site.yaml:3:%d: feed 1: %q is not an absolute http(s) URL", col, u)
			}},
		{"results_urls",
			func(u string) string { return fmt.Sprintf("title: T\nresults_urls:\n  - %q\n", u) },
			func(c Config) string { return strings.Join(c.ResultsURLs, " ") },
			func(u string, col int) string {
				return fmt.Sprintf("site.yaml:3:%d: results_urls 1: %q is not an absolute http(s) URL", col, u)
			}},
	}
	for _, f := range fields {
		for _, lc := range linkCases {
			t.Run(f.name+"/"+lc.url, func(t *testing.T) {
				text := f.text(lc.url)
				c, err := load(t, text)
				if lc.ok {
					if err != nil {
						t.Fatalf("rejected: %v", err)
					}
					if got := f.got(c); got != lc.url {
						t.Errorf("loaded %q, want %q", got, lc.url)
					}
					return
				}
				line := strings.Split(text, "\n")[2]
				col := strings.Index(line, fmt.Sprintf("%q", lc.url)) + 1
				if want := f.want(lc.url, col); err == nil || err.Error() != want {
					t.Errorf("error = %v\nwant    %s", err, want)
				}
				if f.name == "results_urls" && len(c.ResultsURLs) != 0 {
					t.Errorf("kept the rejected URL: %q", c.ResultsURLs)
				}
			})
		}
	}
}

// TestBaseURLLinks checks base_url with every link case: it must also have no
// query or fragment, and it is kept with a trailing slash.
func TestBaseURLLinks(t *testing.T) {
	for _, lc := range linkCases {
		t.Run(lc.url, func(t *testing.T) {
			c, err := load(t, fmt.Sprintf("base_url: %q\n", lc.url))
			switch {
			case lc.ok && strings.ContainsAny(lc.url, "?#"):
				want := fmt.Sprintf("site.yaml:1:11: base_url must not have a query or fragment, got %q", lc.url)
				if err == nil || err.Error() != want {
					t.Errorf("error = %v\nwant    %s", err, want)
				}
			case lc.ok:
				want := strings.TrimSuffix(lc.url, "/") + "/"
				if err != nil || c.BaseURL != want {
					t.Errorf("base_url = %q, %v; want %q", c.BaseURL, err, want)
				}
			default:
				want := fmt.Sprintf(`site.yaml:1:11: base_url must be an absolute http(s) URL like "https://user.github.io/repo/", got %q`, lc.url)
				if err == nil || err.Error() != want {
					t.Errorf("error = %v\nwant    %s", err, want)
				}
			}
		})
	}
}
