package render

import (
	"errors"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/feed"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// dataSite is testSite's league with its results on the days given (none: a league
// that has no results yet), and the CNAME given.
func dataSite(t *testing.T, cname string, days ...string) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description, cfg.CNAME = "T", "https://u.github.io/repo/", "d", cname
	data := &league.Data{
		Clubs:      []league.Club{{ID: "c", Name: "Club"}},
		Models:     []league.Model{{ID: "a", Name: "A", Club: "c", ParamsB: 4}, {ID: "b", Name: "B", Club: "c", ParamsB: 20}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	for d, day := range days {
		for _, m := range []string{"a", "b"} {
			for i, bm := range []string{"q", "r"} {
				score := 50.0 + float64(i) + float64(d)
				if m == "b" {
					score += 10
				}
				data.Results = append(data.Results, league.Result{Model: m, Benchmark: bm, Score: score, Date: day, File: "x.json", Index: len(data.Results)})
			}
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.Rules{MinShared: 2,
		Divisions: []standings.Division{{ID: "pocket", Name: "Pocket", MaxParamsB: 6}, {ID: "datacenter", Name: "Datacenter"}}}, "")
	s := site.New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	return s
}

// dataRenderer is the renderer of s with the built-in templates.
func dataRenderer(t *testing.T, s *site.Site) *Renderer {
	t.Helper()
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	r, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// dataFiles runs DataFiles, its emit failing on the path fail, and returns what it
// emitted by path and the paths in the order emitted.
func dataFiles(r *Renderer, fail string) (map[string]string, []string, error) {
	files := map[string]string{}
	var order []string
	err := r.DataFiles(func(p string, b []byte) error {
		if p == fail {
			return errors.New("no room for " + p)
		}
		files[p] = string(b)
		order = append(order, p)
		return nil
	})
	return files, order, err
}

// TestDataFiles checks every file DataFiles writes besides the pages: a snapshot
// file per dated snapshot, standings.json the latest one's, each latest table as
// CSV and Markdown, the feeds, each model as JSON, the sitemap and the hosting
// files, CNAME only when the site has one.
func TestDataFiles(t *testing.T) {
	r := dataRenderer(t, dataSite(t, " league.example.org ", "2026-01-01", "2026-02-01"))
	files, order, err := dataFiles(r, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		".nojekyll", "CNAME", "css/highlight.css", "feed.json", "feed.xml",
		"models/a/model.json", "models/b/model.json", "news/feed.xml", "posts/feed.xml",
		"robots.txt", "rss.xml", "sitemap.xml", "standings.json",
		"standings/2026-01-01/standings.json", "standings/2026-02-01/standings.json",
		"standings/datacenter.csv", "standings/datacenter.md", "standings/feed.xml",
		"standings/overall.csv", "standings/overall.md", "standings/pocket.csv", "standings/pocket.md",
	}
	got := append([]string(nil), order...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files:\n%q\nwant\n%q", got, want)
	}
	if files["CNAME"] != "league.example.org\n" {
		t.Errorf("CNAME = %q", files["CNAME"])
	}
	latest := files["standings/2026-02-01/standings.json"]
	// b in overall and datacenter, a in overall and pocket.
	if files["standings.json"] != latest || !strings.Contains(latest, `"as_of": "2026-02-01"`) ||
		strings.Count(latest, `"model": "b"`) != 2 || strings.Count(latest, `"model": "a"`) != 2 {
		t.Errorf("standings.json is not the latest snapshot's:\n%s", files["standings.json"])
	}
	if !strings.Contains(files["standings/2026-01-01/standings.json"], `"as_of": "2026-01-01"`) {
		t.Errorf("the first snapshot's file:\n%s", files["standings/2026-01-01/standings.json"])
	}
	if !strings.Contains(files["standings/overall.md"], "Overall table as of 2026-02-01") {
		t.Errorf("overall.md is not the latest table's:\n%s", files["standings/overall.md"])
	}

	// A league without results: one undated snapshot, no file of its own, its
	// tables listed with no rows; and no CNAME.
	files, _, err = dataFiles(dataRenderer(t, dataSite(t, "")), "")
	if err != nil {
		t.Fatal(err)
	}
	for p := range files {
		if p == "CNAME" || strings.HasPrefix(p, "standings/") && strings.HasSuffix(p, "standings.json") {
			t.Errorf("a league without results wrote %s", p)
		}
	}
	if sj := files["standings.json"]; !strings.Contains(sj, `"as_of": ""`) || !strings.Contains(sj, `"rows": []`) || strings.Contains(sj, "null") {
		t.Errorf("standings.json of a league without results:\n%s", sj)
	}

	// Each file that cannot be written stops DataFiles with its error.
	for _, p := range want {
		if _, _, err := dataFiles(r, p); err == nil || err.Error() != "no room for "+p {
			t.Errorf("%s not written: err = %v", p, err)
		}
	}
}

// TestTagURI: a feed entry's tag URI is under the base URL's host name, or under
// "ai-league" when the base URL has no host or does not parse.
func TestTagURI(t *testing.T) {
	s := dataSite(t, "")
	for _, tt := range []struct{ base, want string }{
		{"https://u.github.io/repo/", "tag:u.github.io,2026-02-01:posts/x"},
		{"https://league.example.org:8443/", "tag:league.example.org,2026-02-01:posts/x"},
		{"/repo/", "tag:ai-league,2026-02-01:posts/x"},
		{"://bad", "tag:ai-league,2026-02-01:posts/x"},
	} {
		s.Config.BaseURL = tt.base
		if got := tagURI(s, "2026-02-01T10:00:00Z", "posts/x"); got != tt.want {
			t.Errorf("base %q: %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestMergeEntriesUncapped: a limit of 0 keeps every entry.
func TestMergeEntriesUncapped(t *testing.T) {
	got := mergeEntries(0, []feed.Entry{{ID: "a", Updated: day("2026-01-01")}}, []feed.Entry{{ID: "b", Updated: day("2026-01-02")}})
	if len(got) != 2 || got[0].ID != "b" || got[1].ID != "a" {
		t.Errorf("mergeEntries(0) = %+v, want b then a", got)
	}
}

// TestSitemapsByHand: up to the limit one sitemap; past it, files of limit URLs
// sorted by URL, none empty, and an index of them; an emit that fails stops it with
// its error.
func TestSitemapsByHand(t *testing.T) {
	defer func(n int) { sitemapLimit = n }(sitemapLimit)
	sitemapLimit = 2
	s := dataSite(t, "")
	urls := func(locs ...string) []feed.SitemapURL {
		var out []feed.SitemapURL
		for _, l := range locs {
			out = append(out, feed.SitemapURL{Loc: "https://u.github.io/repo/" + l})
		}
		return out
	}
	files := map[string]string{}
	emit := func(p string, b []byte) error { files[p] = string(b); return nil }

	b, err := sitemaps(s, urls("b/", "a/"), emit)
	if err != nil || !strings.Contains(string(b), "<urlset") || strings.Count(string(b), "<url>") != 2 || len(files) != 0 {
		t.Errorf("two URLs: want one sitemap, nothing else emitted; got %v, %d files:\n%s", err, len(files), b)
	}

	b, err = sitemaps(s, urls("c/", "a/", "d/", "b/"), emit)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(b), "<sitemap>") != 2 || !strings.Contains(string(b), "https://u.github.io/repo/sitemaps/1.xml") ||
		!strings.Contains(string(b), "https://u.github.io/repo/sitemaps/2.xml") {
		t.Errorf("four URLs: index\n%s", b)
	}
	if len(files) != 2 {
		t.Errorf("four URLs: %d files, want 2", len(files))
	}
	for name, want := range map[string][]string{"sitemaps/1.xml": {"a/", "b/"}, "sitemaps/2.xml": {"c/", "d/"}} {
		f := files[name]
		if strings.Count(f, "<url>") != 2 || !strings.Contains(f, "repo/"+want[0]+"<") || !strings.Contains(f, "repo/"+want[1]+"<") {
			t.Errorf("%s, want %v:\n%s", name, want, f)
		}
	}

	_, err = sitemaps(s, urls("c/", "a/", "b/"), func(p string, b []byte) error { return errors.New("no room for " + p) })
	if err == nil || err.Error() != "no room for sitemaps/1.xml" {
		t.Errorf("a failing emit: err = %v", err)
	}
}
