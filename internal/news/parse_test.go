package news

import (
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/pull"
)

var (
	testModels = []league.Model{
		{ID: "gemma-4-12b", Name: "Gemma 4 12B", Club: "google", Aliases: []string{"google/gemma-4-12B-it"}},
		{ID: "gemma-4-31b", Name: "Gemma 4 31B", Club: "google"},
		{ID: "qwen3.5-27b", Name: "Qwen3.5 27B", Club: "alibaba", Aliases: []string{"Qwen/Qwen3.5-27B"}},
		{ID: "qwen3.5-2b", Name: "Qwen3.5 2B", Club: "alibaba"},
		{ID: "deepseek-v4-flash", Name: "DeepSeek V4 Flash", Club: "deepseek"},
		{ID: "mistral-small-4", Name: "Mistral Small 4", Club: "mistral"},
	}
	testClubs = []league.Club{
		{ID: "google", Name: "Google DeepMind"},
		{ID: "alibaba", Name: "Alibaba Qwen (Tongyi Lab)"},
		{ID: "deepseek", Name: "DeepSeek"},
		{ID: "mistral", Name: "Mistral AI"},
	}
)

// siteFS is a site root holding the given cached feeds (testdata file names by
// feed id) and news.yaml.
func siteFS(t *testing.T, newsYAML string, feeds map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	if newsYAML != "" {
		fsys[CuratedFile] = &fstest.MapFile{Data: []byte(newsYAML)}
	}
	for id, file := range feeds {
		ext := ".xml"
		if strings.HasSuffix(file, ".json") {
			ext = ".json"
		}
		fsys[pull.CacheDir+"/feeds/"+id+ext] = &fstest.MapFile{Data: mustRead(t, "testdata/"+file)}
	}
	return fsys
}

func TestLoadFeeds(t *testing.T) {
	fsys := siteFS(t, "", map[string]string{"lab": "rss.xml", "atom": "atom.xml", "jf": "feed.json"})
	feeds := []config.Feed{
		{ID: "lab", Name: "Lab Blog", URL: "https://lab.example/feed", Category: "release"},
		{ID: "atom", Name: "Atom News", URL: "https://atom.example/feed", Category: "research"},
		{ID: "jf", Name: "JSON News", URL: "https://json.example/feed.json", Category: "benchmark"},
		{ID: "missing", Name: "Never pulled", URL: "https://none.example/feed", Category: "policy"},
	}
	items, err := Load(fsys, feeds, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Item{
		{ID: "json-1", Title: "Mistral Small 4 benchmarks", URL: "https://json.example/mistral-small-4",
			Date: "2026-06-05T12:00:00Z", Source: "JSON News", Category: "benchmark",
			SummaryHTML: "<p>Mistral AI posts numbers.</p>", Models: []string{"mistral-small-4"}, Clubs: []string{"mistral"}},
		{ID: "tag:atom.example,2026:1", Title: "DeepSeek V4 Flash notes", URL: "https://atom.example/posts/v4-flash",
			Date: "2026-06-04T10:00:00Z", Source: "Atom News", Category: "research",
			SummaryHTML: "<p>Updated date only, DeepSeek-V4-Flash.</p>", Models: []string{"deepseek-v4-flash"}, Clubs: []string{"deepseek"}},
		{ID: "lab-post-12", Title: "Introducing Gemma 4 12B & friends", URL: "https://lab.example/blog/gemma-4-12b",
			Date: "2026-06-03T07:30:00Z", Source: "Lab Blog", Category: "release",
			SummaryHTML: `<p>Google&#39;s <b>Gemma 4 12B</b> is out. See <a href="https://lab.example/card" rel="nofollow noopener">the card</a>.</p>`,
			Models:      []string{"gemma-4-12b"}, Clubs: []string{"google"}},
		{ID: "https://lab.example/blog/relative", Title: "Relative link post", URL: "https://lab.example/blog/relative",
			Date: "2026-06-02T08:00:00Z", Source: "Lab Blog", Category: "release",
			SummaryHTML: "Plain summary about Qwen3.5-27B.", Models: []string{"qwen3.5-27b"}, Clubs: []string{"alibaba"}},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("Load:\n got %s\nwant %s", dump(items), dump(want))
	}
}

func dump(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "\n  %+v", it)
	}
	return b.String()
}

// every returns each string field of an item, for checks that must hold for all.
func every(it Item) []string {
	return append([]string{it.ID, it.Title, it.URL, it.Date, it.Source, it.Category, it.SummaryHTML}, append(it.Models, it.Clubs...)...)
}

func TestLoadHostileFeed(t *testing.T) {
	fsys := siteFS(t, "", map[string]string{"evil": "hostile.xml"})
	items, err := Load(fsys, []config.Feed{{ID: "evil", URL: "https://evil.example/rss", Category: "release"}}, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("items = %s, want only the one with an http(s) link", dump(items))
	}
	it := items[0]
	for _, field := range every(it) {
		lower := strings.ToLower(field)
		for _, bad := range []string{"<script", "<iframe", "<style", "<img", "<svg", "<form", "<input",
			"onerror", "onclick", "onload", "onmouseover", "javascript:", "data:", "alert(", "style=", "class=", "target="} {
			if strings.Contains(lower, bad) {
				t.Errorf("%q survived in %q", bad, field)
			}
		}
	}
	if it.Title != "Breaking news" {
		t.Errorf("title = %q, want the text only", it.Title)
	}
	if it.Source != "Hostile" {
		t.Errorf("source = %q, want the feed title as text", it.Source)
	}
	if !strings.Contains(it.SummaryHTML, `<a href="https://ok.example/" rel="nofollow noopener">ok</a>`) {
		t.Errorf("summary lost the safe link: %s", it.SummaryHTML)
	}
}

func TestLoadDedupAndMerge(t *testing.T) {
	rss := func(title, link, guid, date, desc string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>c</title><item><title>` + title +
			`</title><link>` + link + `</link>` + guid + `<pubDate>` + date + `</pubDate><description>` + desc +
			`</description></item></channel></rss>`
	}
	fsys := fstest.MapFS{
		CuratedFile: {Data: []byte(`
- title: Curated title
  url: https://news.example/a
  date: 2026-06-01
  source: Curated
  category: policy
  models: [gemma-4-31b]
`)},
		pull.CacheDir + "/feeds/one.xml": {Data: []byte(rss("Feed title for Qwen3.5 27B", "https://news.example/a", "", "Tue, 02 Jun 2026 08:00:00 GMT", "From one."))},
		pull.CacheDir + "/feeds/two.xml": {Data: []byte(rss("Second copy", "https://mirror.example/b", "<guid>shared-guid</guid>", "Tue, 02 Jun 2026 08:00:00 GMT", "From two."))},
		// Same GUID as in two, another link: the same item, so two's fields win.
		pull.CacheDir + "/feeds/three.xml": {Data: []byte(rss("Third copy mentions Mistral Small 4", "https://other.example/c", "<guid>shared-guid</guid>", "Wed, 03 Jun 2026 08:00:00 GMT", ""))},
	}
	feeds := []config.Feed{
		{ID: "one", Name: "One", Category: "release"},
		{ID: "two", Name: "Two", Category: "research"},
		{ID: "three", Name: "Three", Category: "benchmark"},
	}
	items, err := Load(fsys, feeds, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Item{
		{ID: "shared-guid", Title: "Second copy", URL: "https://mirror.example/b", Date: "2026-06-02T08:00:00Z",
			Source: "Two", Category: "research", SummaryHTML: "From two.",
			Models: []string{"mistral-small-4"}, Clubs: []string{"mistral"}},
		{ID: "https://news.example/a", Title: "Curated title", URL: "https://news.example/a", Date: "2026-06-01T00:00:00Z",
			Source: "Curated", Category: "policy", SummaryHTML: "From one.",
			Models: []string{"gemma-4-31b", "qwen3.5-27b"}, Clubs: []string{"alibaba", "google"}},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("Load:\n got %s\nwant %s", dump(items), dump(want))
	}
}

func TestLoadIncludeExclude(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>`)
	for i, title := range []string{
		"Executive order on Artificial Intelligence",
		"New AI testing rules",
		"Said again: rain in Spain", // "ai" only inside words
		"Executive Order on tariffs",
		"AI order, sponsored",
		"Qwen3.5 lands",
	} {
		fmt.Fprintf(&b, `<item><title>%s</title><link>https://p.example/%d</link><pubDate>Tue, 02 Jun 2026 0%d:00:00 GMT</pubDate><description>d</description></item>`, title, i, i)
	}
	b.WriteString(`</channel></rss>`)
	fsys := fstest.MapFS{pull.CacheDir + "/feeds/policy.xml": {Data: []byte(b.String())}}
	cases := []struct {
		name             string
		include, exclude []string
		want             []string
	}{
		{"no lists", nil, nil, []string{"Qwen3.5 lands", "AI order, sponsored", "Executive Order on tariffs", "Said again: rain in Spain", "New AI testing rules", "Executive order on Artificial Intelligence"}},
		{"include whole words", []string{"artificial intelligence", "AI"}, nil, []string{"AI order, sponsored", "New AI testing rules", "Executive order on Artificial Intelligence"}},
		{"include a name before its version", []string{"qwen"}, nil, []string{"Qwen3.5 lands"}},
		{"include and exclude", []string{"artificial intelligence", "ai"}, []string{"Sponsored"}, []string{"New AI testing rules", "Executive order on Artificial Intelligence"}},
		{"exclude only", nil, []string{"executive order"}, []string{"Qwen3.5 lands", "AI order, sponsored", "Said again: rain in Spain", "New AI testing rules"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := Load(fsys, []config.Feed{{ID: "policy", Name: "P", Category: "policy", Include: c.include, Exclude: c.exclude}}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.Title)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("titles = %q, want %q", got, c.want)
			}
		})
	}
}

func TestTagger(t *testing.T) {
	tg := newTagger(testModels, testClubs)
	cases := []struct {
		text          string
		models, clubs []string
	}{
		{"Gemma 4 12B is out", []string{"gemma-4-12b"}, []string{"google"}},
		{"gemma 4 12b, GEMMA-4-31B", []string{"gemma-4-12b", "gemma-4-31b"}, []string{"google"}},
		{"Gemma 4 is out", nil, nil},
		{"Gemma 4 123B is out", nil, nil},
		{"weights at google/gemma-4-12B-it", []string{"gemma-4-12b"}, []string{"google"}},
		{"Qwen3.5 27B beats Qwen3.5 2B", []string{"qwen3.5-27b", "qwen3.5-2b"}, []string{"alibaba"}},
		{"Qwen3.5-27B", []string{"qwen3.5-27b"}, []string{"alibaba"}},
		{"Qwen3.5 270B", nil, nil},
		{"Qwen3.5 2B.", []string{"qwen3.5-2b"}, []string{"alibaba"}},
		{"Qwen 3.5 27B", []string{"qwen3.5-27b"}, []string{"alibaba"}},
		{"Qwen3.52B", nil, nil},
		{"Qwen3.5 2Bx", nil, nil},
		{"DeepSeeker and Googled", nil, nil},
		{"Google and DeepSeek sign", nil, []string{"deepseek", "google"}},
		{"Mistral AI ships", nil, []string{"mistral"}},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			models, clubs := tg.tag(normalise(c.text))
			if !reflect.DeepEqual(models, c.models) || !reflect.DeepEqual(clubs, c.clubs) {
				t.Errorf("tag = %q %q, want %q %q", models, clubs, c.models, c.clubs)
			}
		})
	}
}

func TestLoadCapAndOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>`)
	for i := range MaxItemsPerFeed + 100 {
		// Minutes from 0 to 599, in scrambled order; every other pair shares a date.
		m := (i * 7) % (MaxItemsPerFeed + 100)
		fmt.Fprintf(&b, `<item><title>t%d</title><link>https://c.example/%03d</link><pubDate>Tue, 02 Jun 2026 %02d:%02d:00 GMT</pubDate></item>`, m, m, (m/2)/60, (m/2)%60)
	}
	b.WriteString(`</channel></rss>`)
	fsys := fstest.MapFS{pull.CacheDir + "/feeds/big.xml": {Data: []byte(b.String())}}
	items, err := Load(fsys, []config.Feed{{ID: "big", Category: "research"}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != MaxItemsPerFeed {
		t.Fatalf("len = %d, want %d", len(items), MaxItemsPerFeed)
	}
	for i := 1; i < len(items); i++ {
		a, b := items[i-1], items[i]
		if a.Date < b.Date || (a.Date == b.Date && a.ID > b.ID) {
			t.Fatalf("items %d and %d out of order: %v %v", i-1, i, a, b)
		}
	}
	if items[0].URL != "https://c.example/598" || items[len(items)-1].URL != "https://c.example/101" {
		t.Errorf("kept %s … %s, want the newest (598 … 101)", items[0].URL, items[len(items)-1].URL)
	}
}

func TestLoadCurated(t *testing.T) {
	good := `# hand-curated
- title: "Gemma 4 12B:   sized for laptops"
  url: https://teqvolt.com/ai-news/gemma-4-12b
  date: 2026-06-09
  source: Teqvolt
  category: release
  models: [gemma-4-12b, qwen3.5-27b]
- title: Policy item
  url: https://aidose.example/eo
  date: "2026-06-03"
  source: AI Dose
  category: policy
  models: []
`
	items, err := Load(fstest.MapFS{CuratedFile: {Data: []byte(good)}}, nil, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Item{
		{ID: "https://teqvolt.com/ai-news/gemma-4-12b", Title: "Gemma 4 12B: sized for laptops", URL: "https://teqvolt.com/ai-news/gemma-4-12b",
			Date: "2026-06-09T00:00:00Z", Source: "Teqvolt", Category: "release",
			Models: []string{"gemma-4-12b", "qwen3.5-27b"}, Clubs: []string{"alibaba", "google"}},
		{ID: "https://aidose.example/eo", Title: "Policy item", URL: "https://aidose.example/eo",
			Date: "2026-06-03T00:00:00Z", Source: "AI Dose", Category: "policy"},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("Load:\n got %s\nwant %s", dump(items), dump(want))
	}

	errCases := []struct{ name, yaml, want string }{
		{"unknown key", "- title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: policy\n  titel: x\n",
			`data/news.yaml:6:3: item 1: unknown key "titel" (did you mean "title"?)`},
		{"unknown model", "- title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: release\n  models: [gemma-4-12b, gemma-4-13b]\n",
			`data/news.yaml:6:25: item 1: unknown model "gemma-4-13b" (did you mean "gemma-4-12b"?)`},
		{"bad date", "- title: t\n  url: https://a.example/\n  date: 2026-06-31\n  source: s\n  category: policy\n",
			`data/news.yaml:3:9: item 1: date "2026-06-31": expected YYYY-MM-DD, years 1000 to 9999`},
		{"year 1", "- title: t\n  url: https://a.example/\n  date: 0001-01-01\n  source: s\n  category: policy\n",
			`data/news.yaml:3:9: item 1: date "0001-01-01": expected YYYY-MM-DD, years 1000 to 9999`},
		{"byte-order mark", "\ufeff- title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: policy\n  titel: x\n",
			`data/news.yaml:6:3: item 1: unknown key "titel" (did you mean "title"?)`},
		{"bad category", "- title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: polcy\n",
			`data/news.yaml:5:13: item 1: unknown category "polcy" (want one of release, policy, benchmark, research) (did you mean "policy"?)`},
		{"bad url", "- title: t\n  url: javascript:alert(1)\n  date: 2026-06-01\n  source: s\n  category: policy\n",
			`data/news.yaml:2:8: item 1: url "javascript:alert(1)" is not an absolute http(s) URL`},
		{"missing keys", "- title: t\n  url: https://a.example/\n",
			"data/news.yaml:1:3: item 1: missing \"date\"\ndata/news.yaml:1:3: item 1: missing \"source\"\ndata/news.yaml:1:3: item 1: missing \"category\""},
		{"empty title", "- title: \"\"\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: policy\n",
			`data/news.yaml:1:3: item 1: title is empty`},
		{"repeated key", "- title: t\n  title: u\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: policy\n",
			`data/news.yaml:2:3: item 1: key "title" repeated (first at line 1)`},
		{"duplicate url", "- {title: t, url: https://a.example/, date: 2026-06-01, source: s, category: policy}\n- {title: u, url: https://a.example/, date: 2026-06-02, source: s, category: policy}\n",
			`data/news.yaml:2:14: item 2: url "https://a.example/" already listed by the item at line 1`},
		{"not a list", "title: t\n", `data/news.yaml:1:1: expected a list of news items, got a mapping`},
		{"item not a mapping", "- just text\n", `data/news.yaml:1:3: item 1: expected a mapping of keys to values, got "just text"`},
		{"models not a list", "- {title: t, url: https://a.example/, date: 2026-06-01, source: s, category: policy, models: gemma-4-12b}\n",
			`data/news.yaml:1:94: item 1: models: expected a list of model ids, got "gemma-4-12b"`},
		{"empty models, then a bad category", "- models:\n  title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: polcy\n",
			`data/news.yaml:6:13: item 1: unknown category "polcy" (want one of release, policy, benchmark, research) (did you mean "policy"?)`},
		{"models not a list, then a bad category", "- models: gemma-4-12b\n  title: t\n  url: https://a.example/\n  date: 2026-06-01\n  source: s\n  category: polcy\n",
			`data/news.yaml:1:11: item 1: models: expected a list of model ids, got "gemma-4-12b"` + "\n" +
				`data/news.yaml:6:13: item 1: unknown category "polcy" (want one of release, policy, benchmark, research) (did you mean "policy"?)`},
		{"syntax error", "- title: [unclosed\n", `data/news.yaml:1:10: close the list with "]", or quote the value`},
	}
	for _, c := range errCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{CuratedFile: {Data: []byte(c.yaml)}}, nil, testModels, testClubs)
			if err == nil || err.Error() != c.want {
				t.Errorf("err = %v\nwant %s", err, c.want)
			}
		})
	}
}

func TestLoadCachedFeedErrors(t *testing.T) {
	cases := []struct{ name, file, data, want string }{
		{"not a feed", "x.xml", "<html><body>hi</body></html>", "data/cache/feeds/x.xml: feed x: not an RSS, Atom or JSON feed"},
		{"broken JSON feed", "x.json", `{"version": "https://jsonfeed.org/version/1.1", "items": [`, "data/cache/feeds/x.json: feed x: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{pull.CacheDir + "/feeds/" + c.file: {Data: []byte(c.data)}}
			_, err := Load(fsys, []config.Feed{{ID: "x"}}, nil, nil)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("err = %v, want prefix %q", err, c.want)
			}
		})
	}
	t.Run("bad id", func(t *testing.T) {
		_, err := Load(fstest.MapFS{}, []config.Feed{{ID: "../x"}}, nil, nil)
		if want := `feed "../x": id must be`; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("err = %v, want prefix %q", err, want)
		}
	})
}

// TestBundledNews loads the site's own news.yaml, when it exists, against the
// model ids of the site's models.yaml.
func TestBundledNews(t *testing.T) {
	root := os.DirFS("../..")
	data, err := fs.ReadFile(root, "data/models.yaml")
	if err != nil {
		t.Skip("no data/models.yaml yet")
	}
	var models []league.Model
	var raw []struct{ ID, Club string }
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, m := range raw {
		models = append(models, league.Model{ID: m.ID, Club: m.Club})
	}
	items, err := Load(root, nil, models, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Skip("no data/news.yaml yet")
	}
	for i := 1; i < len(items); i++ {
		if items[i-1].Date < items[i].Date {
			t.Errorf("not newest first at %d", i)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "hostile.xml"} {
		f.Add(mustReadF(f, "testdata/"+name))
	}
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>\xe9</title></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","url":"/x","date_published":"2026-01-01T00:00:00Z"}]}`))
	tg := newTagger(testModels, testClubs)
	feed := config.Feed{ID: "fuzz", URL: "https://fuzz.example/feed", Category: "research", Include: []string{"a"}, Exclude: []string{"zz"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := parseFeed(data, config.Feed{ID: feed.ID, URL: feed.URL, Category: feed.Category}, tg)
		if err != nil {
			return
		}
		_, _ = parseFeed(data, feed, tg)
		for _, it := range items {
			if !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Errorf("URL %q is not http(s)", it.URL)
			}
			if it.Title == "" || it.ID == "" || it.Date == "" {
				t.Errorf("empty title, id or date: %+v", it)
			}
			lower := strings.ToLower(it.SummaryHTML)
			for _, bad := range []string{"<script", "<iframe", "<style", `href="javascript`, `href="data`} {
				if strings.Contains(lower, bad) {
					t.Errorf("%q in summary %q", bad, it.SummaryHTML)
				}
			}
			if eventHandler.MatchString(it.SummaryHTML) {
				t.Errorf("event handler in summary %q", it.SummaryHTML)
			}
			if looksLikeMarkup(it.Title) {
				t.Errorf("markup in title %q", it.Title)
			}
		}
	})
}

var eventHandler = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)

func mustReadF(f *testing.F, name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTaggerShortNames: a name of three characters tags; one of two does not.
func TestTaggerShortNames(t *testing.T) {
	tg := newTagger([]league.Model{{ID: "phi", Name: "Phi", Club: "ms"}, {ID: "xy", Name: "XY", Club: "ms"}},
		[]league.Club{{ID: "ms", Name: "MS"}})
	models, clubs := tg.tag(normalise("Phi and XY from MS"))
	if !reflect.DeepEqual(models, []string{"phi"}) || !reflect.DeepEqual(clubs, []string{"ms"}) {
		t.Errorf("tag = %q %q, want [phi] [ms]", models, clubs)
	}
}

// TestNormalise: what tagging and keywords match against.
func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"Qwen3.5-27B":        "qwen 3.5 27b",
		"Qwen/Qwen3.5-27B":   "qwen qwen 3.5 27b",
		".5 and 3.":          "5 and 3",
		"a.b":                "a.b",
		"..":                 "",
		"3 .5 and 3. 5":      "3 5 and 3 5",
		"Gemma 4: it's out!": "gemma 4 it s out",
	} {
		if got := normalise(in); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
}
