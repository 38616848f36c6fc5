package news

import (
	"fmt"
	"html"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/pull"
)

// TestCuratedLinks checks the url of a news.yaml item with every kind of link: kept
// as given, or the exact message at the value's line and column.
func TestCuratedLinks(t *testing.T) {
	tests := []struct {
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
		{"https://e.org/a\tb", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			src := fmt.Sprintf("- title: T\n  url: %q\n  date: 2026-06-01\n  source: S\n  category: policy\n", tt.url)
			items, err := Load(fstest.MapFS{CuratedFile: {Data: []byte(src)}}, nil, testModels, testClubs)
			if tt.ok {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if len(items) != 1 || items[0].URL != tt.url || items[0].ID != tt.url {
					t.Errorf("items = %s, want one with url and id %q", dump(items), tt.url)
				}
				return
			}
			want := fmt.Sprintf("data/news.yaml:2:8: item 1: url %q is not an absolute http(s) URL", tt.url)
			if err == nil || err.Error() != want {
				t.Errorf("error = %v\nwant    %s", err, want)
			}
			if len(items) != 0 {
				t.Errorf("kept %s", dump(items))
			}
		})
	}
}

// rssItem is one <item> of a test feed.
type rssItem struct{ title, link, guid, desc string }

// rss is an RSS 2.0 feed whose channel links to channelLink, with items dated a
// day apart from 2026-06-01 on (the first item newest).
func rss(channelLink string, items ...rssItem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Lab</title><link>%s</link>\n", html.EscapeString(channelLink))
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link>", html.EscapeString(it.title), html.EscapeString(it.link))
		if it.guid != "" {
			fmt.Fprintf(&b, "<guid>%s</guid>", html.EscapeString(it.guid))
		}
		fmt.Fprintf(&b, "<description>%s</description><pubDate>%s</pubDate></item>\n",
			html.EscapeString(it.desc), fmt.Sprintf("Mon, %02d Jun 2026 10:00:00 GMT", 28-i))
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// loadRSS loads one cached feed with the given XML.
func loadRSS(t *testing.T, feed config.Feed, xml string) []Item {
	t.Helper()
	fsys := fstest.MapFS{pull.CacheDir + "/feeds/" + feed.ID + ".xml": {Data: []byte(xml)}}
	items, err := Load(fsys, []config.Feed{feed}, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestFeedItemLinks checks which item links of a pulled feed reach a page, and how:
// absolute http(s) links with a host, relative ones resolved against the feed,
// scheme and host lowercased; nothing else, and nothing with a user, control
// characters or characters that break out of an attribute.
func TestFeedItemLinks(t *testing.T) {
	tests := []struct {
		link string
		want string // "" when the item is dropped
	}{
		{"https://e.org/x", "https://e.org/x"},
		{"http://e.org", "http://e.org"},
		{"HTTPS://E.ORG/Path", "https://e.org/Path"},
		{"  https://e.org/space  ", "https://e.org/space"},
		{"/blog/rel", "https://lab.example/blog/rel"},
		{"rel2", "https://lab.example/news/rel2"},
		{"//cdn.example/p", "https://cdn.example/p"},
		{"javascript:alert(1)", ""},
		{"javascript://x/%0Aalert(1)", ""},
		{"ftp://e.org/f", ""},
		{"data:text/html,x", ""},
		{"https://user:pw@e.org/u", ""},
		{"https://e.org/a\"b", ""},
		{"https://e.org/<b>", ""},
		{"https://e.org/a>b", ""},
		{"https://e.org/a\tb", ""},
		{"https://e.org/%zz", ""},
		{"https://", ""},
		{"https:///nohost", ""},
	}
	var items []rssItem
	for i, tt := range tests {
		items = append(items, rssItem{title: fmt.Sprintf("item %02d", i), link: tt.link})
	}
	feed := config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}
	got := map[string]string{}
	for _, it := range loadRSS(t, feed, rss("https://lab.example/news/", items...)) {
		got[it.Title] = it.URL
	}
	for i, tt := range tests {
		if g := got[fmt.Sprintf("item %02d", i)]; g != tt.want {
			t.Errorf("link %q: got %q, want %q", tt.link, g, tt.want)
		}
	}
}

// TestFeedBaseURL checks what relative links resolve against: the channel's own
// link when it is an http(s) URL with a host, else the URL the feed was pulled from.
func TestFeedBaseURL(t *testing.T) {
	tests := []struct {
		channel string
		want    string
	}{
		{"https://lab.example/news/", "https://lab.example/news/p"},
		{" https://lab.example/x/ ", "https://lab.example/x/p"},
		{"javascript://lab.example/", "https://pulled.example/feeds/p"},
		{"ftp://lab.example/", "https://pulled.example/feeds/p"},
		{"https://", "https://pulled.example/feeds/p"},
		{"/relative/", "https://pulled.example/feeds/p"},
		{"", "https://pulled.example/feeds/p"},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			feed := config.Feed{ID: "lab", Name: "Lab", URL: "https://pulled.example/feeds/rss", Category: "release"}
			items := loadRSS(t, feed, rss(tt.channel, rssItem{title: "T", link: "p"}))
			if len(items) != 1 || items[0].URL != tt.want {
				t.Errorf("items = %s, want one linking to %s", dump(items), tt.want)
			}
		})
	}
	t.Run("no usable base", func(t *testing.T) {
		feed := config.Feed{ID: "lab", Name: "Lab", URL: "ftp://pulled.example/rss", Category: "release"}
		items := loadRSS(t, feed, rss("mailto:x@e.org", rssItem{title: "T", link: "p"}, rssItem{title: "U", link: "https://e.org/u"}))
		if len(items) != 1 || items[0].URL != "https://e.org/u" {
			t.Errorf("items = %s, want only the absolute link", dump(items))
		}
	})
}

// TestFeedSummaryExcerpt checks that a summary whose sanitised HTML is longer than
// 4096 bytes becomes a plain-text excerpt of at most 600 characters, and that one
// just under the limit is kept as HTML.
func TestFeedSummaryExcerpt(t *testing.T) {
	word := "<b>league</b> " // 14 bytes of HTML, 7 characters of text
	long := strings.Repeat(word, 4097/len(word)+1)
	short := "<p>" + strings.Repeat("x", 4096-len("<p></p>")) + "</p>" // exactly 4096 bytes
	feed := config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}
	items := loadRSS(t, feed, rss("https://lab.example/",
		rssItem{title: "long", link: "/long", desc: long}, rssItem{title: "short", link: "/short", desc: short}))
	got := map[string]string{}
	for _, it := range items {
		got[it.Title] = it.SummaryHTML
	}
	excerpt := got["long"]
	if !strings.HasPrefix(excerpt, "<p>league league ") || !strings.HasSuffix(excerpt, "</p>") || strings.Contains(excerpt, "<b>") {
		t.Errorf("long summary = %.80q…, want a plain-text excerpt in <p>", excerpt)
	}
	text := strings.TrimSuffix(strings.TrimPrefix(excerpt, "<p>"), "</p>")
	if n := len([]rune(text)); n > 601 || n < 500 {
		t.Errorf("excerpt is %d characters, want about 600", n)
	}
	if got["short"] != short {
		t.Errorf("a summary of 4096 bytes was changed: %.80q…", got["short"])
	}
}

// TestFeedGUIDs checks an item's id: its GUID, or its link when the GUID is missing
// or longer than 512 bytes.
func TestFeedGUIDs(t *testing.T) {
	feed := config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}
	g512, g513 := strings.Repeat("g", 512), strings.Repeat("h", 513)
	items := loadRSS(t, feed, rss("https://lab.example/",
		rssItem{title: "a", link: "/a", guid: "tag:lab,1"}, rssItem{title: "b", link: "/b"},
		rssItem{title: "c", link: "/c", guid: g512}, rssItem{title: "d", link: "/d", guid: g513}))
	got := map[string]string{}
	for _, it := range items {
		got[it.Title] = it.ID
	}
	want := map[string]string{"a": "tag:lab,1", "b": "https://lab.example/b", "c": g512, "d": "https://lab.example/d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

// TestAtomEntryLinks checks which link of an Atom entry an item links to: its
// alternate link, even when a self link comes first; its self link when it has no
// alternate.
func TestAtomEntryLinks(t *testing.T) {
	const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lab</title><id>urn:lab</id><updated>2026-06-02T00:00:00Z</updated>
<entry><title>Self first</title><id>urn:1</id><updated>2026-06-02T00:00:00Z</updated>
  <link rel="self" href="https://lab.example/entries/1.xml"/><link rel="alternate" href="https://lab.example/talk"/></entry>
<entry><title>Only self</title><id>urn:2</id><updated>2026-06-01T00:00:00Z</updated>
  <link rel="self" href="https://lab.example/entries/2"/></entry>
</feed>`
	feed := config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/atom.xml", Category: "release"}
	items := loadRSS(t, feed, atom)
	got := map[string]string{}
	for _, it := range items {
		got[it.Title] = it.URL
	}
	want := map[string]string{"Self first": "https://lab.example/talk", "Only self": "https://lab.example/entries/2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links = %v, want %v", got, want)
	}
}

// TestFeedItemsAfterDropped: items after one that is dropped (no date, no title,
// no usable link) are still read.
func TestFeedItemsAfterDropped(t *testing.T) {
	const feed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lab</title><link>https://lab.example/</link>
<item><title>Undated</title><link>https://lab.example/undated</link></item>
<item><title>Dated</title><link>https://lab.example/dated</link><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
<item><title></title><link>https://lab.example/untitled</link><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
<item><title>After untitled</title><link>https://lab.example/after-untitled</link><pubDate>Mon, 01 Jun 2026 09:00:00 GMT</pubDate></item>
<item><title>No link</title><link>mailto:x@lab.example</link><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
<item><title>After no link</title><link>https://lab.example/after-no-link</link><pubDate>Mon, 01 Jun 2026 08:00:00 GMT</pubDate></item>
</channel></rss>`
	items := loadRSS(t, config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}, feed)
	var titles []string
	for _, it := range items {
		titles = append(titles, it.Title)
	}
	if want := []string{"Dated", "After untitled", "After no link"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("titles = %q, want %q", titles, want)
	}
}

// TestFeedSameGUIDSameDate: two items of one feed with the same GUID and date are
// one item, with the fields of the later one in the feed (it updates the earlier,
// as a fresh copy of a feed updates its archive).
func TestFeedSameGUIDSameDate(t *testing.T) {
	const feed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lab</title><link>https://lab.example/</link>
<item><title>First</title><link>https://lab.example/first</link><guid>g1</guid><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
<item><title>Second</title><link>https://lab.example/second</link><guid>g1</guid><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`
	items := loadRSS(t, config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}, feed)
	if len(items) != 1 || items[0].Title != "Second" || items[0].URL != "https://lab.example/second" {
		t.Errorf("items = %s, want the second alone", dump(items))
	}
}

// TestMergeByLinkFirst: a feed item whose link is one item's and whose GUID is
// another's is merged into the item with its link.
func TestMergeByLinkFirst(t *testing.T) {
	const curated = `- {title: X, url: "https://a.example/x", date: 2026-06-01, source: S, category: release}
- {title: Y, url: "https://a.example/y", date: 2026-06-01, source: S, category: release}
`
	const feed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lab</title><link>https://lab.example/</link>
<item><title>Gemma 4 12B is out</title><link>https://a.example/x</link><guid>https://a.example/y</guid><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`
	f := config.Feed{ID: "lab", Name: "Lab", URL: "https://lab.example/feed.xml", Category: "release"}
	fsys := fstest.MapFS{CuratedFile: {Data: []byte(curated)}, pull.CacheDir + "/feeds/lab.xml": {Data: []byte(feed)}}
	items, err := Load(fsys, []config.Feed{f}, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	models := map[string][]string{}
	for _, it := range items {
		models[it.Title] = it.Models
	}
	want := map[string][]string{"X": {"gemma-4-12b"}, "Y": nil}
	if len(items) != 2 || !reflect.DeepEqual(models, want) {
		t.Errorf("items = %s, want X tagged with gemma-4-12b and Y untagged", dump(items))
	}
}
