package render

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/genleague"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// modelBefore is model.html as it was before its results and matches were formatted
// in Go (resultrows, matchrows): each cell formatted in the template.
//
//go:embed testdata/model-before.html
var modelBefore string

// testdata holds the templates as they were before their rows were formatted in Go.
//
//go:embed testdata
var testdata embed.FS

// TestModelRowsAsTemplates renders every model page of a small league, with names,
// settings and sources that need escaping, once with model.html and once with the
// template it had before resultrows and matchrows, and wants the same bytes: with
// head-to-head pages for every pair, and with none (links to /compare/).
func TestModelRowsAsTemplates(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	for _, h2h := range []string{config.H2HAll, config.H2HNamed} {
		s := rowsSite(h2h, nil)
		now, err := New(s, defaults, static)
		if err != nil {
			t.Fatal(err)
		}
		before, err := New(s, Overlay{Top: fstest.MapFS{"model.html": {Data: []byte(modelBefore)}}, Base: defaults}, static)
		if err != nil {
			t.Fatal(err)
		}
		kinds, all := samePages(t, "h2h_pages "+h2h, s, now, before, "model")
		if pages := kinds["model"]; pages != 4 {
			t.Fatalf("h2h_pages %s: %d model pages, want 4", h2h, pages)
		}
		for _, want := range []string{`class="res won"`, `class="res lost"`, `class="res drawn"`, `<span class="ci">±0.5</span>`,
			`<div class="setting">5-shot &lt;cot&gt; &amp; &#34;more&#34;</div>`, `Q &lt;&amp;&gt; &#34;x&#39;`, `>https://src.example/a?b=1&amp;c=&lt;</a>`,
			`<td>Named only </td>`, `(1 drawn)`} {
			if !strings.Contains(all, want) {
				t.Errorf("h2h_pages %s: no model page holds %s", h2h, want)
			}
		}
		link := map[string]string{config.H2HAll: `href="/repo/h2h/`, config.H2HNamed: `href="/repo/compare/?a=`}[h2h]
		if !strings.Contains(all, link) {
			t.Errorf("h2h_pages %s: no match links with %s", h2h, link)
		}
	}
}

// rowsSite is a league of four models whose model pages show every kind of result
// and match row.
func rowsSite(h2h string, items []news.Item) *site.Site {
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description = "T", "https://u.github.io/repo/", "d"
	cfg.H2HPages = h2h
	data := &league.Data{
		Clubs: []league.Club{{ID: "c", Name: "Club & Co"}},
		Models: []league.Model{{ID: "a", Name: "A | <b>", Club: "c", ParamsB: 4}, {ID: "b", Name: `B "quoted"`, Club: "c", ParamsB: 5},
			{ID: "d", Name: "D", Club: "c", ParamsB: 5}, {ID: "e", Name: "E", Club: "c", ParamsB: 3}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: `Q <&> "x'`, HigherIsBetter: true, Max: 100},
			{ID: "r", Name: "R", HigherIsBetter: true, Max: 100}, {ID: "s", Name: "S", HigherIsBetter: true, Max: 100, DrawMargin: 1}},
	}
	sources := []league.Source{{Name: "Board", URL: "https://board.example/x", Kind: "independent"},
		{URL: "https://src.example/a?b=1&c=<", Kind: "self-reported"}, {Name: "Named only"}, {}}
	scores := map[string][3]float64{"a": {70, 40, 50}, "b": {60, 50, 50.5}, "d": {60, 50, 50.2}, "e": {10, 90, 20}}
	for _, m := range []string{"a", "b", "d", "e"} {
		for i, b := range []string{"q", "r", "s"} {
			r := league.Result{Model: m, Benchmark: b, Score: scores[m][i], Date: "2026-01-01", File: "x.json", Index: len(data.Results),
				Source: sources[(len(data.Results))%len(sources)]}
			if i == 1 {
				r.Setting = `5-shot <cot> & "more"`
			}
			if m == "a" && i == 0 {
				r.Stderr, r.HasStderr = 0.5, true
			}
			data.Results = append(data.Results, r)
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.Rules{MinShared: 2,
		Divisions: []standings.Division{{ID: "pocket", Name: "Pocket", MaxParamsB: 6}, {ID: "datacenter", Name: "Datacenter"}}}, "")
	s := site.New(cfg, data, season, items)
	s.AddContent(nil, nil)
	return s
}

// partialsBefore is partials.html as it was before a table's rows were formatted
// in Go (standingrows).
//
//go:embed testdata/partials-before.html
var partialsBefore string

// TestStandingRowsAsTemplates renders every page that shows a league table (the
// standings of each date, the pages that carry on long tables, the home page and
// the embeds) of a generated league of more than TableTop models over three dates,
// with a model and a club whose names need escaping, once with partials.html and
// once with the partials it had before standingrows, and wants the same bytes.
func TestStandingRowsAsTemplates(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	l := genleague.Generate(genleague.Params{Models: site.TableTop + 15, Benchmarks: 12, Dates: 3, News: 1, Posts: 1})
	l.Models[0].Name, l.Models[1].Name = `A | <b> "q" & 'r'`, "Ünïcode ‘quote’"
	l.Clubs[0].Name = "Club & <Co>"
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description = "T", "https://u.github.io/repo/", "d"
	data := &league.Data{Clubs: l.Clubs, Models: l.Models, Benchmarks: l.Benchmarks, Results: l.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	s := site.New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	now, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	before, err := New(s, Overlay{Top: fstest.MapFS{"partials.html": {Data: []byte(partialsBefore)}}, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	kinds, all := samePages(t, "", s, now, before, "standings", "tablerows", "home", "embed", "embedtable")
	for _, k := range []string{"standings", "tablerows", "home", "embedtable"} {
		if kinds[k] == 0 {
			t.Errorf("no %s page", k)
		}
	}
	for _, want := range []string{`A | &lt;b&gt; &#34;q&#34; &amp; &#39;r&#39;`, `A | &lt;b&gt; &#34;q&#34; &amp; &#39;r&#39; in the current table`,
		`Club &amp; &lt;Co&gt;`, `class="mv up"`, `class="mv down"`, `class="mv new"`, `: the row on `, `class="now"`, `/page/2/#overall--`} {
		if !strings.Contains(all, want) {
			t.Errorf("no table row holds %s", want)
		}
	}
}

// TestNewsRowsAsTemplates renders the pages that list news (the news pages, the
// home page, model and club pages) of a small league with news whose titles,
// sources and summaries need escaping, once with the templates and once with the
// ones they had before newsrows (and resultrows, matchrows, standingrows), and wants
// the same bytes.
func TestNewsRowsAsTemplates(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	items := []news.Item{
		{ID: "1", Title: `Title <b> & "q" 'r'`, URL: "https://n.example/1?a=1&b=<x>", Date: "2026-01-03T00:00:00Z", Source: "Feed & <Co>",
			Category: "release", SummaryHTML: "<p>Sanitised &amp; <em>kept</em></p>", Models: []string{"a", "b"}, Clubs: []string{"c"}},
		{ID: "2", Title: "Plain", URL: "https://n.example/2", Date: "2026-01-02T00:00:00Z", Source: "S", Category: "research"},
		{ID: "3", Title: "Third", URL: "https://n.example/3", Date: "2026-01-01T00:00:00Z", Source: "S", Category: "policy", Models: []string{"d"}},
	}
	s := rowsSite(config.H2HAll, items)
	before := fstest.MapFS{}
	for _, f := range []string{"partials", "model", "news", "club", "home"} {
		b, err := fs.ReadFile(testdata, "testdata/"+f+"-before.html")
		if err != nil {
			t.Fatal(err)
		}
		before[f+".html"] = &fstest.MapFile{Data: b}
	}
	now, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	old, err := New(s, Overlay{Top: before, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	kinds, all := samePages(t, "", s, now, old, "news", "home", "model", "club")
	for _, k := range []string{"news", "home", "model", "club"} {
		if kinds[k] == 0 {
			t.Errorf("no %s page", k)
		}
	}
	for _, want := range []string{`Title &lt;b&gt; &amp; &#34;q&#34; &#39;r&#39;`, `Feed &amp; &lt;Co&gt;`, `<p>Sanitised &amp; <em>kept</em></p>`,
		`href="https://n.example/1?a=1&amp;b=%3cx%3e"`, `<a href="/repo/models/a/">A | &lt;b&gt;</a>`, `>3 January 2026</time>`} {
		if !strings.Contains(all, want) {
			t.Errorf("no news item holds %s", want)
		}
	}
}

// samePages renders each page of s of one of kinds with now and with before, and
// reports every page whose bytes differ (label, when not empty, leads the message);
// it returns how many pages of each kind there were and all the bytes rendered.
func samePages(t *testing.T, label string, s *site.Site, now, before *Renderer, kinds ...string) (map[string]int, string) {
	t.Helper()
	if label != "" {
		label += ", "
	}
	count, all := map[string]int{}, ""
	for _, p := range s.HTMLPages() {
		if !slices.Contains(kinds, p.Kind) {
			continue
		}
		got, err := now.Page(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := before.Page(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s%s:\n%s\nwant\n%s", label, p.Out, got, want)
		}
		count[p.Kind]++
		all += string(got)
	}
	return count, all
}
