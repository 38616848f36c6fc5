package feed

import (
	"fmt"
	"testing"
)

// TestURLFields checks the feed's site and self URLs and an entry's URL with every
// kind of link: written, or refused with the exact message.
func TestURLFields(t *testing.T) {
	links := []struct {
		url string
		ok  bool
	}{
		{"https://e.org/x", true},
		{"http://e.org", true},
		{"HTTPS://E.ORG/", true},
		{"javascript:alert(1)", false},
		{"javascript://x/%0Aalert(1)", false}, // a host, but not http(s)
		{"ftp://e.org/", false},
		{"//e.org/x", false},
		{"/repo/", false},
		{"https://", false}, // no host
		{"https:///x", false},
		{"https://e.org/%zz", false}, // does not parse
		{" https://e.org/", false},   // surrounding space
		{"https://e.org/ ", false},
		{"", false},
	}
	fields := []struct {
		name string
		set  func(f *Feed, u string)
		want func(f Feed, u string) string
	}{
		{"site URL", func(f *Feed, u string) { f.SiteURL = u },
			func(f Feed, u string) string {
				return fmt.Sprintf("feed: site URL %q is not an absolute http(s) URL", u)
			}},
		{"self URL", func(f *Feed, u string) { f.SelfURL = u },
			func(f Feed, u string) string {
				return fmt.Sprintf("feed: self URL %q is not an absolute http(s) URL", u)
			}},
		{"entry URL", func(f *Feed, u string) { f.Entries[1].URL = u },
			func(f Feed, u string) string {
				return fmt.Sprintf("feed: entry 2 (%q): URL %q is not an absolute http(s) URL", f.Entries[1].ID, u)
			}},
	}
	for _, fl := range fields {
		for _, l := range links {
			t.Run(fl.name+"/"+l.url, func(t *testing.T) {
				f := sampleFeed()
				fl.set(&f, l.url)
				prefix := map[string]string{"atom": "atom: ", "rss": "rss: ", "json": "json feed: "}
				for _, w := range writers {
					_, err := w.write(f)
					switch {
					case l.ok && err != nil:
						t.Errorf("%s: %v", w.name, err)
					case !l.ok && (err == nil || err.Error() != prefix[w.name]+fl.want(f, l.url)):
						t.Errorf("%s: error = %v\nwant %s%s", w.name, err, prefix[w.name], fl.want(f, l.url))
					}
				}
			})
		}
	}
}
