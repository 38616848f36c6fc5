package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/genleague"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// testPosts are posts with every front-matter field, hostile text in each, and
// posts without the optional ones.
func testPosts() []content.Post {
	return []content.Post{
		{File: "content/posts/all.md", Slug: "all", Title: `All <b> & "fields" 'q' +1`, Date: "2026-01-05", Time: "2026-01-05T10:30:00Z",
			Summary: `Summary <i> & "more"`, Tags: []string{"derby", "a b", "x&y<z>", "ünï", "javascript:alert(1)"},
			Models: []string{"a", "b", "nobody", "x y&z"}, HTML: "<p>Body &amp; <em>kept</em></p>\n<pre><code>x &lt; y</code></pre>"},
		{File: "content/posts/bare.md", Slug: "bare", Title: "Bare", Date: "2026-01-04", Time: "2026-01-04T00:00:00Z", HTML: ""},
		{File: "content/posts/untitled.md", Slug: "untitled", Date: "2026-01-03", Time: "2026-01-03T00:00:00Z", Tags: []string{"derby"},
			HTML: "<p>No title</p>"},
		{File: "content/posts/models.md", Slug: "models", Title: "Only models", Date: "2026-01-02", Time: "2026-01-02T00:00:00Z",
			Models: []string{"d"}, HTML: "<p>m</p>"},
	}
}

// goAndTemplates returns the renderer of s with the built-in templates, which
// writes kinds in Go, and one that executes the templates for every kind.
func goAndTemplates(t *testing.T, s *site.Site) (goRenderer, tmpl *Renderer) {
	t.Helper()
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	r, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	for k := range goMains {
		if r.pages[k] == nil {
			t.Fatalf("the built-in templates of %s are not known as the built-in ones", k)
		}
	}
	plain := *r
	plain.pages = nil
	return r, &plain
}

// TestGoPagesAsTemplates renders every page of the kinds written in Go (posts,
// head-to-heads) both ways, in Go and from the built-in templates, and wants the
// same bytes: a small league whose names, sources and news need escaping, under a
// base path and at the root of its host, with posts with every front-matter field
// and none of the optional ones; and a generated league with hostile names.
func TestGoPagesAsTemplates(t *testing.T) {
	items := []news.Item{{ID: "1", Title: `T <1>`, URL: "https://n.example/1", Date: "2026-01-03T00:00:00Z", Source: "S",
		Category: "release", Models: []string{"a"}}}
	type variant struct {
		label string
		s     *site.Site
	}
	var variants []variant
	for _, base := range []string{"https://u.github.io/repo/", "https://league.example/"} {
		for _, h2h := range []string{config.H2HAll, config.H2HNamed} {
			s := rowsSite(h2h, items)
			s.Config.BaseURL = base
			its := items
			if !strings.Contains(base, "/repo/") {
				its = nil // (no news at all)
			}
			s2 := site.New(s.Config, s.Data, s.Season, its)
			s2.AddContent(testPosts(), []content.Page{{Slug: "about", Title: `About <us>`, HTML: "<p>x</p>"}})
			variants = append(variants, variant{base + " " + h2h, s2})
		}
	}
	l := genleague.Generate(genleague.Params{Models: site.ModelMatches + 10, Benchmarks: 8, Dates: 3, News: 20, Posts: 3})
	l.Models[0].Name, l.Models[1].Name, l.Models[2].Name = `A | <b> "q" & 'r' +`, "Ünïcode ‘quote’ 𝄞", "javascript:alert(1)"
	m := &l.Models[0]
	m.ActiveParamsB, m.EffectiveParamsB, m.License, m.Released = 3.5, 2, `MIT <&> "x"`, "2025-02-03"
	m.ContextLabel, m.ContextTokens, m.Modalities, m.Source = "128k <tokens>", 131072, []string{"text", "image & <video>"}, "https://x.example/a b/c?d=<e>&f"
	m = &l.Models[1]
	m.ParamsB, m.ContextLabel, m.Source = 0, "8k", "javascript:alert(1)"
	l.Models = append(l.Models, league.Model{ID: "lonely", Name: "Lonely <one>", Club: l.Clubs[0].ID, ParamsB: 1})
	l.Results = append(l.Results, league.Result{Model: "lonely", Benchmark: l.Benchmarks[0].ID, Score: 1, Date: l.Results[0].Date, File: "x.json"})
	l.Models = append(l.Models, league.Model{ID: "idle", Name: "Idle", Club: l.Clubs[0].ID})
	var items2 []news.Item
	// more than a model page lists: two more for one model, one more for another
	for i := range site.ModelNews + 2 {
		models := []string{l.Models[0].ID}
		if i > 0 {
			models = append(models, l.Models[1].ID)
		}
		items2 = append(items2, news.Item{ID: "n" + strconv.Itoa(i), Title: "N", URL: "https://n.example/", Date: "2026-01-03T00:00:00Z",
			Source: "S", Category: "release", Models: models})
	}
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description, cfg.Language = `Site <&> "t"`, "https://u.github.io/a&b/", `D "d" <x>`, "de"
	cfg.League.MinShared = 1 // (more than ModelMatches matches for some)
	data := &league.Data{Clubs: l.Clubs, Models: l.Models, Benchmarks: l.Benchmarks, Results: l.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	for _, h2h := range []string{config.H2HNeighbours, config.H2HNamed} {
		cfg.H2HPages = h2h
		gen := site.New(cfg, data, season, items2)
		posts := testPosts()
		posts[0].Models = append(posts[0].Models, l.Models[0].ID)
		gen.AddContent(posts, nil)
		variants = append(variants, variant{"generated " + h2h, gen})
	}

	seen := map[string]int{}
	var all strings.Builder
	for _, v := range variants {
		g, plain := goAndTemplates(t, v.s)
		count, pages := sameGoPages(t, v.label, v.s, g, plain)
		for k := range goMains {
			if count[k] == 0 && !strings.HasSuffix(v.label, config.H2HNamed) {
				t.Errorf("%s: no %s page", v.label, k)
			}
			seen[k] += count[k]
		}
		all.WriteString(pages)
	}
	for _, want := range []string{
		`<h1>All &lt;b&gt; &amp; &#34;fields&#34; &#39;q&#39; &#43;1</h1>`, `<title>All &lt;b&gt; &amp; &#34;fields&#34; &#39;q&#39; &#43;1 · T</title>`,
		`<a href="/repo/tags/x&amp;y%3cz%3e/">#x&amp;y&lt;z&gt;</a>`, `<a href="/repo/tags/#ZgotmplZ/">#javascript:alert(1)</a>`,
		`<a href="/repo/models/x%20y&amp;z/">x y&amp;z</a>`, `<p class="tags">About: <a href="/models/d/">D</a></p>`,
		`<title>T</title>`, `<meta property="og:title" content="T">`, `<div class="prose"></div>`,
		`<a href="/a&amp;b/models/`, `Site &lt;&amp;&gt; &#34;t&#34;`, `<html lang="de">`, `<meta name="twitter:card" content="summary_large_image">`,
		`<figure class="chart-figure">`, `<script src="/repo/js/charts.js"></script>`, `the match is <strong>drawn</strong>.`,
		` wins the match.`, ` with 1 drawn over `, `Both play in: <a href="/repo/standings/#`, `A | &lt;b&gt; &#34;q&#34; &amp; &#39;r&#39; &#43;`,
		`Ünïcode ‘quote’ 𝄞`, `<a href="/a&amp;b/models/`,
		`B total, 3.5B active, 2B effective</dd>`, `<dd>MIT &lt;&amp;&gt; &#34;x&#34;</dd>`, `<dd>3 February 2025</dd>`,
		`<dd>128k &lt;tokens&gt; (131072 tokens)</dd>`, `<dd>text, image &amp; &lt;video&gt;</dd>`,
		`<a href="https://x.example/a%20b/c?d=%3ce%3e&amp;f" rel="nofollow noopener">c?d=&lt;e&gt;&amp;f</a>`,
		`<a href="#ZgotmplZ" rel="nofollow noopener">javascript:alert(1)</a>`, `<dd>8k</dd>`, `<h2 id="commentary">Commentary</h2>`,
		`<article class="post-card">`, `older items mention`, `older item mentions`, `No news mentions Lonely &lt;one&gt; yet.`,
		`Idle has not met another model over 1 or more shared benchmarks yet.`, `<p>No results yet.</p>`,
		`<h2 id="record">Record`, ` more matches: `, `<li>No news yet.</li>`, `<nav class="pager" aria-label="Pages"><a rel="prev" href="/a&amp;b/news/`,
		`<span>Page 2 of `, `">Older →</a></nav>`, `<a href="/a&amp;b/news/release/" aria-current="page">release</a>`,
		`<a href="/repo/news/" aria-current="page">All</a>`, `<a href="/repo/tags/derby/">#derby <span class="muted">(2)</span></a>`,
		`<h2 id="tags">Tags</h2>`, `<td class="num">-`, `<td class="num">&#43;`,
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no page holds %s", want)
		}
	}
	if !regexp.MustCompile(`<p>\d+ matches: \d+ won, \d+ drawn, \d+ lost. <a href="/a&amp;b/compare/\?a=`).MatchString(all.String()) {
		t.Error("no model page lists none of its matches")
	}
	t.Logf("pages compared: %v", seen)
}

// TestOwnTemplatesOverGoPages: a site with a template of its own for a kind written
// in Go, for the layout, or for any partial, gets its pages from its templates; the
// other kinds are still written in Go.
func TestOwnTemplatesOverGoPages(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	read := func(name string) string {
		b, err := fs.ReadFile(defaults, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	s := rowsSite(config.H2HAll, []news.Item{{ID: "1", Title: "T", URL: "https://n.example/1", Date: "2026-01-03T00:00:00Z",
		Source: "S", Category: "release", Models: []string{"a"}}})
	s.AddContent(testPosts(), nil)
	for _, c := range []struct {
		label string
		files fstest.MapFS
		want  map[string]string // kind -> a string its pages hold
		off   []string          // the kinds no longer written in Go; nil for all
	}{
		{"own post.html", fstest.MapFS{"post.html": {Data: []byte(`{{define "main"}}<p class="mine">{{.Data.Title}}</p>{{end}}`)}},
			map[string]string{"post": `<p class="mine">Bare</p>`}, []string{"post"}},
		{"own h2h.html with a partial of its own", fstest.MapFS{"h2h.html": {Data: []byte(read("h2h.html") + `{{define "extra"}}x{{end}}`)}},
			nil, []string{"h2h"}},
		{"own base.html", fstest.MapFS{"base.html": {Data: []byte(strings.Replace(read("base.html"), "<body class=", "<body data-mine class=", 1))}},
			map[string]string{"post": "<body data-mine class=", "h2h": "<body data-mine class=", "model": "<body data-mine class="}, nil},
		{"own figure partial", fstest.MapFS{"partials.html": {Data: []byte(strings.Replace(read("partials.html"), `<figure class="chart-figure">`,
			`<figure class="mine">`, 1))}}, map[string]string{"h2h": `<figure class="mine">`}, nil},
		{"own share-meta in the kind's file", fstest.MapFS{"post.html": {Data: []byte(read("post.html") +
			`{{define "share-meta"}}<meta name="mine">{{end}}`)}}, map[string]string{"post": `<meta name="mine">`}, []string{"post"}},
		{"own postcard partial", fstest.MapFS{"partials.html": {Data: []byte(strings.Replace(read("partials.html"), `<article class="post-card">`,
			`<article class="mine">`, 1))}}, map[string]string{"model": `<article class="mine">`, "list": `<article class="mine">`}, nil},
		{"own newsitem partial", fstest.MapFS{"partials.html": {Data: []byte(strings.Replace(read("partials.html"), `<li class="news-item">`,
			`<li class="mine">`, 1))}}, map[string]string{"model": `<li class="mine">`, "news": `<li class="mine">`}, nil},
		{"own news.html and list.html", fstest.MapFS{"news.html": {Data: []byte(strings.Replace(read("news.html"), "News feed", "Feed", 1))},
			"list.html": {Data: []byte(strings.Replace(read("list.html"), "Commentary feed", "Feed", 1))}},
			map[string]string{"news": `">Feed</a></p>`, "list": `">Feed</a></p>`}, []string{"news", "list"}},
		{"own model.html", fstest.MapFS{"model.html": {Data: []byte(strings.Replace(read("model.html"), "Head-to-heads</h2>", "Matches</h2>", 1))}},
			map[string]string{"model": `<h2 id="h2h">Matches</h2>`}, []string{"model"}},
	} {
		r, err := New(s, Overlay{Top: c.files, Base: defaults}, static)
		if err != nil {
			t.Fatal(err)
		}
		for k := range goMains {
			if goes := r.pages[k] != nil; goes != (c.off != nil && !slices.Contains(c.off, k)) {
				t.Errorf("%s: %s written in Go: %v", c.label, k, goes)
			}
		}
		held := map[string]bool{}
		for _, p := range s.HTMLPages() {
			want, ok := c.want[p.Kind]
			if !ok {
				continue
			}
			got, err := r.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(got), want) {
				held[p.Kind] = true
			}
		}
		for k, want := range c.want {
			if !held[k] {
				t.Errorf("%s: no %s page holds %s", c.label, k, want)
			}
		}
	}
}

// TestGoPageErrors: a page whose data is not its kind's, and a layout part or a
// model's results that fail, fail the page with their error.
func TestGoPageErrors(t *testing.T) {
	s := rowsSite(config.H2HAll, nil)
	s.AddContent(testPosts(), nil)
	r, _ := goAndTemplates(t, s)
	for _, c := range []struct {
		kind string
		data any
		want string
	}{
		{"post", site.H2HView{}, "render x/index.html: a post page with data of type site.H2HView"},
		{"h2h", 7, "render x/index.html: a h2h page with data of type int"},
		{"h2h", site.H2HView{}, "render x/index.html: a h2h page with data of type site.H2HView"},
		{"model", site.ModelView{}, "render x/index.html: a model page with data of type site.ModelView"},
		{"model", &content.Post{}, "render x/index.html: a model page with data of type *content.Post"},
	} {
		_, err := r.Page(&site.Page{Kind: c.kind, Out: "x/index.html", Data: c.data})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s page of %T: err = %v, want %s", c.kind, c.data, err, c.want)
		}
	}
	var model *site.Page
	for _, p := range s.HTMLPages() {
		if p.Kind == "model" {
			model = p
			break
		}
	}
	for _, fail := range []string{"head-links", "site-header", "site-footer", "results"} {
		g := *r.pages["model"]
		g.part = func(name, kind string) (template.HTML, error) {
			if name == fail {
				return "", errors.New("no " + name + " for " + kind)
			}
			return r.pages["model"].part(name, kind)
		}
		if fail == "results" {
			g.results = func(*htmlw, site.ModelView) error { return errors.New("no results for " + model.Path) }
		}
		plain := *r
		plain.pages = map[string]*goPage{"model": &g}
		_, err := plain.Page(model)
		want := "render " + model.Out + ": no " + fail + " for model"
		if fail == "results" {
			want = "render " + model.Out + ": no results for " + model.Path
		}
		if err == nil || err.Error() != want {
			t.Errorf("failing %s: err = %v, want %s", fail, err, want)
		}
	}
}

// BenchmarkGoPages renders every page of each kind written in Go of a generated
// league with posts, in Go and from the templates (go test -bench GoPages -benchmem).
func BenchmarkGoPages(b *testing.B) {
	l := genleague.Generate(genleague.Params{Models: 60, Benchmarks: 20, Dates: 3, News: 200, Posts: 3})
	cfg := config.Default()
	cfg.H2HPages = config.H2HAll
	data := &league.Data{Clubs: l.Clubs, Models: l.Models, Benchmarks: l.Benchmarks, Results: l.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	var items []news.Item
	for i, n := range l.News {
		items = append(items, news.Item{ID: strconv.Itoa(i), Title: n.Title, URL: n.URL, Date: n.Date, Source: n.Source,
			Category: n.Category, Models: n.Models})
	}
	s := site.New(cfg, data, season, items)
	s.AddContent(testPosts(), nil)
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	r, err := New(s, defaults, static)
	if err != nil {
		b.Fatal(err)
	}
	plain := *r
	plain.pages = nil
	for _, kind := range []string{"post", "h2h", "model", "news", "list"} {
		var pages []*site.Page
		for _, p := range s.HTMLPages() {
			if p.Kind == kind {
				pages = append(pages, p)
			}
		}
		for _, way := range []struct {
			name string
			r    *Renderer
		}{{"go", r}, {"templates", &plain}} {
			b.Run(kind+"/"+way.name, func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					if _, err := way.r.Page(pages[i%len(pages)]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestPathAndFloat: htmlw.path writes what url writes for the joined path, and
// htmlw.float what num formats.
func TestPathAndFloat(t *testing.T) {
	names := []string{"", "x", "a b", "%41", "%4", "%", "x:y", "javascript:alert(1)", `<&>"'+`, "ü€", "a/b", "?q#f"}
	for _, dir := range []string{"/", "/repo/", "/a&b/benchmarks/", "rel/", "javascript:", "/no-slash", "http://x/", "javascript:/", "x:/", "/p%4", "/p%"} {
		for _, name := range names {
			got, want := &htmlw{}, &htmlw{}
			got.path(dir, name)
			want.url(dir + name + "/")
			if string(got.b) != string(want.b) {
				t.Errorf("path(%q, %q) wrote %q, want %q", dir, name, got.b, want.b)
			}
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -2.5, 77.25, 1e21, 1e-7, 123456789.125, math.NaN(), math.Inf(1), math.Inf(-1)} {
		w := &htmlw{}
		w.float(x)
		if string(w.b) != num(x) {
			t.Errorf("float(%v) wrote %q, want %q", x, w.b, num(x))
		}
	}
}

// sameGoPages renders the pages of s of the kinds written in Go with g, in Go, and
// with plain, from the templates, and reports where they differ. Of a league of
// more than ModelMatches models it takes the model pages of the first four models
// and of those without a club (added by the test), and one head-to-head in 20.
func sameGoPages(t *testing.T, label string, s *site.Site, g, plain *Renderer) (map[string]int, string) {
	t.Helper()
	big := len(s.Data.Models) > site.ModelMatches
	count, all := map[string]int{}, ""
	for _, p := range s.HTMLPages() {
		if goMains[p.Kind] == nil {
			continue
		}
		if big && p.Kind == "model" && !slices.ContainsFunc(s.Data.Models[:4], func(m league.Model) bool { return p.Path == "models/"+m.ID+"/" }) &&
			!strings.Contains(p.Path, "/lonely/") && !strings.Contains(p.Path, "/idle/") {
			continue
		}
		if big && p.Kind == "h2h" {
			if count["h2h skipped"]++; count["h2h skipped"]%20 != 1 {
				continue
			}
		}
		got, want := bothWays(t, g, plain, p)
		if string(got) != string(want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s, %s differs at byte %d:\n%s\nwant\n%s", label, p.Out, i, got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
		}
		count[p.Kind]++
		all += string(got)
	}
	return count, all
}

// TestGoPagesRareData: the pages written in Go agree with the templates on data the
// other tests' leagues do not hold: a model that took as many benchmarks as it lost
// (a benchmark difference of 0, which {{signed}} writes as "+0"), and a
// head-to-head whose view names no table both play in.
func TestGoPagesRareData(t *testing.T) {
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description, cfg.H2HPages = "T", "https://u.github.io/repo/", "d", config.H2HAll
	data := &league.Data{
		Clubs:      []league.Club{{ID: "c", Name: "Club"}},
		Models:     []league.Model{{ID: "a", Name: "A", Club: "c", ParamsB: 4}, {ID: "b", Name: "B", Club: "c", ParamsB: 20}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	// a takes q, b takes r: one benchmark each, a drawn match (0-1-0), both even (+0)
	for _, r := range []league.Result{{Model: "a", Benchmark: "q", Score: 60}, {Model: "a", Benchmark: "r", Score: 40},
		{Model: "b", Benchmark: "q", Score: 40}, {Model: "b", Benchmark: "r", Score: 60}} {
		r.Date, r.File, r.Index = "2026-01-01", "x.json", len(data.Results)
		data.Results = append(data.Results, r)
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.Rules{MinShared: 2}, "")
	s := site.New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	g, plain := goAndTemplates(t, s)
	same := func(p *site.Page) string {
		t.Helper()
		got, want := bothWays(t, g, plain, p)
		if string(got) != string(want) {
			t.Errorf("%s: the Go page differs from the templates':\n%s\nwant\n%s", p.Out, got, want)
		}
		return string(got)
	}
	seen := 0
	for _, p := range s.HTMLPages() {
		switch p.Kind {
		case "model":
			if page := same(p); !strings.Contains(page, `<td class="num">0-1-0</td><td class="num">&#43;0</td>`) {
				t.Errorf("%s: no even record (+0):\n%s", p.Out, page)
			}
			seen++
		case "h2h":
			if page := same(p); !strings.Contains(page, " Both play in: ") {
				t.Errorf("%s names no table:\n%s", p.Out, page)
			}
			cp := *p
			v := cp.Data.(site.H2HView)
			v.Tables = nil
			cp.Data = v
			if page := same(&cp); strings.Contains(page, "Both play in") {
				t.Errorf("%s without tables still names them:\n%s", p.Out, page)
			}
			seen++
		}
	}
	if seen != 3 {
		t.Errorf("%d model and head-to-head pages, want 3", seen)
	}
}

// bothWays renders p with the Go pages (g) and with the templates (plain).
func bothWays(t *testing.T, g, plain *Renderer, p *site.Page) (got, want []byte) {
	t.Helper()
	got, err := g.Page(p)
	if err != nil {
		t.Fatal(err)
	}
	want, err = plain.Page(p)
	if err != nil {
		t.Fatal(err)
	}
	return got, want
}

// TestPageBuf: a page in the renderer's buffer is the page Page copies out, for the
// kinds written in Go and from templates; Page's pages are their own, and a buffer
// not yet released is no other page's: every page of the site held at once, then
// compared with Page's, then released.
func TestPageBuf(t *testing.T) {
	s := rowsSite(config.H2HAll, nil)
	s.AddContent(testPosts(), nil)
	r, plain := goAndTemplates(t, s)
	for _, way := range []*Renderer{r, plain} {
		pages := s.HTMLPages()
		wants := make([][]byte, len(pages))
		for i, p := range pages {
			b, err := way.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			wants[i] = b
		}
		held := make([][]byte, len(pages))
		releases := make([]func(), len(pages))
		kinds := map[string]bool{}
		for i, p := range pages {
			b, release, err := way.PageBuf(p)
			if err != nil {
				t.Fatal(err)
			}
			held[i], releases[i] = b, release
			kinds[p.Kind] = true
		}
		for i, p := range pages {
			if !bytes.Equal(held[i], wants[i]) {
				t.Errorf("%s (%s): PageBuf's bytes differ from Page's", p.Out, p.Kind)
			}
		}
		for _, release := range releases {
			release()
		}
		if !kinds["post"] || !kinds["standings"] || len(pages) < 10 {
			t.Fatalf("the site lacks kinds to test: %v", kinds)
		}
	}
	if _, _, err := r.PageBuf(&site.Page{Kind: "post", Out: "x/index.html", Data: 7}); err == nil ||
		err.Error() != "render x/index.html: a post page with data of type int" {
		t.Errorf("PageBuf of a bad page: err = %v", err)
	}
}
