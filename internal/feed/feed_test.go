package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// siteURL is a project site under the base path /repo/.
const siteURL = "https://ai-league.github.io/repo/"

// sampleFeed is a small feed with a post, a news item and a standings change,
// titles and content that need escaping, and root-relative links.
func sampleFeed() Feed {
	day := func(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }
	return Feed{
		Title:    "AI League",
		Subtitle: "Open-weight models, ranked like a <league> & argued over",
		SiteURL:  siteURL,
		SelfURL:  siteURL + "feed.xml",
		ID:       "tag:ai-league.github.io,2026:feed",
		Author:   "The Commissioner",
		Language: "en",
		Entries: []Entry{
			{
				ID:         "tag:ai-league.github.io,2026:standings/2026-06-05/overall/leader",
				Title:      "New leader of Overall: qwen3.5-27b",
				URL:        siteURL + "standings/2026-06-05/",
				Published:  day(5),
				Summary:    "qwen3.5-27b takes first place in Overall.",
				Content:    `<p><a href="/repo/models/qwen3.5-27b/">qwen3.5-27b</a> leads <a href="#overall">Overall</a>.</p>`,
				Categories: []string{"standings"},
			},
			{
				ID:         siteURL + "posts/week-one/",
				Title:      "Week one: Q&A <and> upsets",
				URL:        siteURL + "posts/week-one/",
				Published:  day(2),
				Updated:    day(3).Add(90 * time.Minute),
				Summary:    "What a <b>start</b> & what a table.",
				Content:    "<p>Read the <a href=\"../../methodology/\">rules</a> &amp; see\n<img src=\"/repo/img/chart.png\" srcset=\"/repo/img/chart.png 1x, /repo/img/chart@2x.png 2x\" alt=\"chart\"></p>",
				Categories: []string{"commentary", "week-1"},
				Author:     "Guest Pundit",
			},
			{
				ID:        "tag:ai-league.github.io,2026:news/abc123",
				Title:     "Lab releases a 7B model",
				URL:       siteURL + "news/",
				Published: day(1),
				Summary:   "A short news item without content.",
			},
		},
	}
}

// atomDoc is what the tests read back from an Atom document.
type atomDoc struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle"`
	Updated  string   `xml:"updated"`
	Links    []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Link  struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Author    string `xml:"author>name"`
		Summary   string `xml:"summary"`
		Content   struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// rssDoc is what the tests read back from an RSS document.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		// AtomLink comes before Link: encoding/xml gives an element to the
		// first field that matches, and "link" matches any namespace.
		AtomLink struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories  []string `xml:"category"`
			Description string   `xml:"description"`
			Encoded     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestAtom(t *testing.T) {
	f := sampleFeed()
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	var d atomDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("does not parse back: %v", err)
	}
	checks := []struct{ name, got, want string }{
		{"lang", d.Lang, "en"},
		{"id", d.ID, f.ID},
		{"title", d.Title, f.Title},
		{"subtitle", d.Subtitle, f.Subtitle},
		{"updated (newest entry Updated)", d.Updated, "2026-06-05T00:00:00Z"},
		{"author", d.Author, "The Commissioner"},
		{"self rel", d.Links[0].Rel + " " + d.Links[0].Type + " " + d.Links[0].Href, "self application/atom+xml " + f.SelfURL},
		{"alternate", d.Links[1].Rel + " " + d.Links[1].Type + " " + d.Links[1].Href, "alternate text/html " + siteURL},
		{"entry id", d.Entries[1].ID, f.Entries[1].ID},
		{"entry title", d.Entries[1].Title, "Week one: Q&A <and> upsets"},
		{"entry link", d.Entries[1].Link.Href, f.Entries[1].URL},
		{"entry published", d.Entries[1].Published, "2026-06-02T00:00:00Z"},
		{"entry updated", d.Entries[1].Updated, "2026-06-03T01:30:00Z"},
		{"updated from published", d.Entries[0].Updated, "2026-06-05T00:00:00Z"},
		{"entry author", d.Entries[1].Author, "Guest Pundit"},
		{"inherited author", d.Entries[0].Author, ""},
		{"summary", d.Entries[1].Summary, f.Entries[1].Summary},
		{"content type", d.Entries[1].Content.Type, "html"},
		{"content", d.Entries[1].Content.Body, AbsoluteHTML(f.Entries[1].Content, f.Entries[1].URL)},
		{"categories", d.Entries[1].Categories[0].Term + "," + d.Entries[1].Categories[1].Term, "commentary,week-1"},
		{"no content", d.Entries[2].Content.Type + d.Entries[2].Content.Body, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(d.Entries) != 3 {
		t.Errorf("%d entries, want 3", len(d.Entries))
	}
}

// rfc822Strict is the date form the site checker accepts without warnings:
// weekday, two-digit day, four-digit year, seconds, numeric zone.
var rfc822Strict = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$`)

func TestRSS(t *testing.T) {
	f := sampleFeed()
	f.SelfURL = siteURL + "rss.xml"
	b, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	var d rssDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("does not parse back: %v", err)
	}
	ch := d.Channel
	it := ch.Items
	checks := []struct{ name, got, want string }{
		{"version", d.Version, "2.0"},
		{"title", ch.Title, f.Title},
		{"link", ch.Link, siteURL},
		{"description", ch.Description, f.Subtitle},
		{"language", ch.Language, "en"},
		{"lastBuildDate", ch.LastBuildDate, "Fri, 05 Jun 2026 00:00:00 +0000"},
		{"atom:link", ch.AtomLink.Rel + " " + ch.AtomLink.Type + " " + ch.AtomLink.Href, "self application/rss+xml " + f.SelfURL},
		{"item title", it[1].Title, "Week one: Q&A <and> upsets"},
		{"item link", it[1].Link, f.Entries[1].URL},
		{"permalink guid", it[1].GUID.IsPermaLink + " " + it[1].GUID.Value, "true " + f.Entries[1].ID},
		{"tag guid", it[0].GUID.IsPermaLink + " " + it[0].GUID.Value, "false " + f.Entries[0].ID},
		{"pubDate", it[1].PubDate, "Tue, 02 Jun 2026 00:00:00 +0000"},
		{"creator", it[1].Creator, "Guest Pundit"},
		{"categories", strings.Join(it[1].Categories, ","), "commentary,week-1"},
		{"description is summary as HTML", it[1].Description, "What a &lt;b&gt;start&lt;/b&gt; &amp; what a table."},
		{"content:encoded", it[1].Encoded, AbsoluteHTML(f.Entries[1].Content, f.Entries[1].URL)},
		{"no content", it[2].Encoded, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for i, item := range it {
		if !rfc822Strict.MatchString(item.PubDate) {
			t.Errorf("item %d pubDate %q is not strict RFC 822", i+1, item.PubDate)
		}
	}
}

func TestRSSDates(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), "Tue, 02 Jun 2026 00:00:00 +0000"},
		{time.Date(2026, 1, 9, 23, 5, 7, 999, time.UTC), "Fri, 09 Jan 2026 23:05:07 +0000"},
		// Other zones are converted to UTC, never written as "UTC" or "CEST".
		{time.Date(2026, 6, 2, 1, 30, 0, 0, time.FixedZone("CEST", 2*3600)), "Mon, 01 Jun 2026 23:30:00 +0000"},
	}
	for _, tt := range tests {
		got := rfc822(tt.in)
		if got != tt.want {
			t.Errorf("rfc822(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if !rfc822Strict.MatchString(got) {
			t.Errorf("rfc822(%v) = %q does not match the strict pattern", tt.in, got)
		}
	}
}

func TestJSON(t *testing.T) {
	f := sampleFeed()
	f.SelfURL = siteURL + "feed.json"
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Language    string `json:"language"`
		Authors     []struct {
			Name string `json:"name"`
		} `json:"authors"`
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("does not parse back: %v", err)
	}
	if bytes.Contains(b, []byte(`<`)) {
		t.Errorf("a raw < in the JSON feed; want it escaped as \\u003c")
	}
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"version", d.Version, "https://jsonfeed.org/version/1.1"},
		{"title", d.Title, f.Title},
		{"home_page_url", d.HomePageURL, siteURL},
		{"feed_url", d.FeedURL, f.SelfURL},
		{"language", d.Language, "en"},
		{"authors", d.Authors[0].Name, "The Commissioner"},
		{"id", d.Items[1]["id"], f.Entries[1].ID},
		{"url", d.Items[1]["url"], f.Entries[1].URL},
		{"title", d.Items[1]["title"], "Week one: Q&A <and> upsets"},
		{"content_html", d.Items[1]["content_html"], AbsoluteHTML(f.Entries[1].Content, f.Entries[1].URL)},
		{"summary", d.Items[1]["summary"], f.Entries[1].Summary},
		{"date_published", d.Items[1]["date_published"], "2026-06-02T00:00:00Z"},
		{"date_modified", d.Items[1]["date_modified"], "2026-06-03T01:30:00Z"},
		{"tags", d.Items[1]["tags"], []any{"commentary", "week-1"}},
		{"item author", d.Items[1]["authors"], []any{map[string]any{"name": "Guest Pundit"}}},
		{"content_text without content", d.Items[2]["content_text"], f.Entries[2].Summary},
		{"no content_html without content", d.Items[2]["content_html"], nil},
	}
	for _, c := range checks {
		if !equalJSON(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// equalJSON compares decoded JSON values by their encoding.
func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// writers lists the three feed writers by name.
var writers = []struct {
	name  string
	write func(Feed) ([]byte, error)
}{
	{"atom", Atom},
	{"rss", RSS},
	{"json", JSON},
}

func TestEmptyFeed(t *testing.T) {
	f := sampleFeed()
	f.Entries = nil
	// With no entries the feed date is a fixed fallback, never the clock.
	want := map[string]string{
		"atom": "<updated>1970-01-01T00:00:00Z</updated>",
		"rss":  "<lastBuildDate>Thu, 01 Jan 1970 00:00:00 +0000</lastBuildDate>",
		"json": `"items": []`,
	}
	for _, w := range writers {
		b, err := w.write(f)
		if err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if !bytes.Contains(b, []byte(want[w.name])) {
			t.Errorf("%s: empty feed lacks %s:\n%s", w.name, want[w.name], b)
		}
	}
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Feed)
		want   []string // substrings of the error
	}{
		{"no title", func(f *Feed) { f.Title = " " }, []string{"feed: empty title"}},
		{"relative site URL", func(f *Feed) { f.SiteURL = "/repo/" }, []string{`site URL "/repo/"`}},
		{"relative self URL", func(f *Feed) { f.SelfURL = "feed.xml" }, []string{`self URL "feed.xml"`}},
		{"bad feed id", func(f *Feed) { f.ID = "feed" }, []string{`id "feed" is not an absolute IRI`}},
		{"duplicate entry id", func(f *Feed) { f.Entries[2].ID = f.Entries[0].ID }, []string{"entry 3", "duplicate id (also entry 1)"}},
		{"relative entry id", func(f *Feed) { f.Entries[0].ID = "/posts/x/" }, []string{"entry 1", "id is not an absolute IRI"}},
		{"entry without title", func(f *Feed) { f.Entries[1].Title = "" }, []string{"entry 2", "empty title"}},
		{"relative entry URL", func(f *Feed) { f.Entries[1].URL = "/repo/posts/x/" }, []string{"entry 2", `URL "/repo/posts/x/"`}},
		{"entry without date", func(f *Feed) { f.Entries[2].Published = time.Time{} }, []string{"entry 3", "no date"}},
		{"all reported at once", func(f *Feed) { f.Title = ""; f.Entries[0].URL = "" }, []string{"empty title", "entry 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := sampleFeed()
			tt.change(&f)
			for _, w := range writers {
				b, err := w.write(f)
				if err == nil {
					t.Fatalf("%s: no error; wrote %d bytes", w.name, len(b))
				}
				for _, want := range tt.want {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s: error %q does not mention %q", w.name, err, want)
					}
				}
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	f := sampleFeed()
	f.ID, f.Author, f.Subtitle = "", "", ""
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	var d atomDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.ID != f.SelfURL {
		t.Errorf("feed id = %q, want the self URL %q", d.ID, f.SelfURL)
	}
	if d.Author != f.Title {
		t.Errorf("feed author = %q, want the title %q", d.Author, f.Title)
	}
	b, err = RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	var r rssDoc
	if err := xml.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.Channel.Description != f.Title {
		t.Errorf("channel description = %q, want the title", r.Channel.Description)
	}
}

func TestUniqueIDs(t *testing.T) {
	f := sampleFeed()
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	var d atomDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range d.Entries {
		if seen[e.ID] {
			t.Errorf("duplicate id %q", e.ID)
		}
		seen[e.ID] = true
	}
}

// TestControlCharacters checks that text XML cannot hold does not make the
// document unreadable.
func TestControlCharacters(t *testing.T) {
	f := sampleFeed()
	f.Entries[0].Title = "bell\x07 and nul\x00"
	for _, w := range writers[:2] {
		b, err := w.write(f)
		if err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if err := xml.Unmarshal(b, new(struct{})); err != nil {
			t.Errorf("%s: not well-formed: %v", w.name, err)
		}
	}
}

func TestGolden(t *testing.T) {
	f := sampleFeed()
	self := map[string]string{"atom": "feed.xml", "rss": "rss.xml", "json": "feed.json"}
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			f.SelfURL = siteURL + self[w.name]
			got, err := w.write(f)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := w.write(f)
			if !bytes.Equal(got, again) {
				t.Fatal("two runs give different bytes")
			}
			golden(t, self[w.name], got)
		})
	}
}

// golden compares got with testdata/golden/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff\ngot:\n%s", path, got)
	}
}
