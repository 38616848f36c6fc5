package render

import (
	"html/template"
	"io/fs"
	"math/rand/v2"
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

// TestHTMLWriterAsTemplates: each of htmlw's escapers writes what html/template
// writes for a string in the same place: every single byte, a percent sign before
// every byte, hostile strings, and random strings of URL, HTML and multi-byte characters.
func TestHTMLWriterAsTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(
		`<p>{{.}}</p><a title="{{.}}" href="{{.}}">x</a><a href="/p/{{.}}">y</a><a href="/p#{{.}}">z</a>`))
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
		// a percent sign before each byte, in the first and in the second place after it
		// (kept only before two hex digits)
		cases = append(cases, "%"+string([]byte{byte(c)})+"0", "%0"+string([]byte{byte(c)}))
	}
	cases = append(cases, "", "javascript:alert(1)", "JavaScript:x", "HTTP://x.example/a?b=1&c=<d>", "https:x", "mailto:a@b", "data:x",
		"/a:b", "a/b:c", "%41%zz%4", "%", "%%", "a%2", "50%+", "ü € 𝄞", "\xff\xfe", "a\x00b", `"'<>&+`, "x y\tz\n",
		"models/a b/", "?q=1#f", "[::1]:80")
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", "-", ".", "_", "~", "%", "4", "f", "!", "#", "$", "&", "*", "+", ",", "/", ":", ";", "=", "?",
		"@", "[", "]", "'", "\"", "<", ">", " ", "(", ")", "ü", "€", "\x00", "\x80", "javascript:", "http:"}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		w := &htmlw{}
		w.raw("<p>")
		w.text(s)
		w.raw(`</p><a title="`)
		w.text(s)
		w.raw(`" href="`)
		w.url(s)
		w.raw(`">x</a><a href="/p/`)
		w.urlPart(s, true)
		w.raw(`">y</a><a href="/p#`)
		w.fragment(s)
		w.raw(`">z</a>`)
		if got := string(w.b); got != want.String() {
			t.Errorf("%q:\n%s\nwant\n%s", s, got, want.String())
		}
	}
	w := &htmlw{}
	w.num(-120)
	if string(w.b) != "-120" {
		t.Errorf("num(-120) wrote %q", w.b)
	}
}

// rowsTemplates are the templates as they were before the rows of the legs, league
// tables, news items and matches were written in Go (legshtml, standinghtml,
// newsitems, matcheshtml, resultshtml, leaderboardhtml): each row made by the
// templates.
func rowsTemplates(t *testing.T) fstest.MapFS {
	t.Helper()
	before := fstest.MapFS{}
	for _, f := range []string{"partials", "model", "news", "club", "home", "benchmark"} {
		b, err := fs.ReadFile(testdata, "testdata/"+f+"-rows.html")
		if err != nil {
			t.Fatal(err)
		}
		before[f+".html"] = &fstest.MapFile{Data: b}
	}
	return before
}

// TestRowsHTMLAsTemplates renders every page of two leagues, once with the built-in
// templates and once with the templates as they were before the rows were written
// in Go, and wants the same bytes: a small league whose names, settings, sources and
// news need escaping, with head-to-head pages for every pair and for none, and a
// generated league of more than TableTop models over three dates (movements, links
// to the rows before and now, tables over several pages).
func TestRowsHTMLAsTemplates(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	items := []news.Item{
		{ID: "1", Title: `Title <b> & "q" 'r' +1`, URL: "https://n.example/1?a=1&b=<x>+y", Date: "2026-01-03T00:00:00Z", Source: "Feed & <Co>",
			Category: "release", SummaryHTML: "<p>Sanitised &amp; <em>kept</em></p>", Models: []string{"a", "b"}, Clubs: []string{"c"}},
		{ID: "2", Title: "Plain", URL: "javascript:alert(1)", Date: "2026-01-02T00:00:00Z", Source: "S", Category: "research"},
		{ID: "3", Title: "Third", URL: "https://n.example/3", Date: "2026-01-01T00:00:00Z", Source: "S", Category: "policy", Models: []string{"d"}},
	}
	l := genleague.Generate(genleague.Params{Models: site.TableTop + 15, Benchmarks: 12, Dates: 3, News: 40, Posts: 1})
	l.Models[0].Name, l.Models[1].Name = `A | <b> "q" & 'r' +`, "Ünïcode ‘quote’"
	l.Clubs[0].Name = "Club & <Co>"
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description = "T", "https://u.github.io/repo/", "d"
	data := &league.Data{Clubs: l.Clubs, Models: l.Models, Benchmarks: l.Benchmarks, Results: l.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	var bigNews []news.Item
	for i, n := range l.News {
		bigNews = append(bigNews, news.Item{ID: strconv.Itoa(i), Title: n.Title, URL: n.URL, Date: n.Date, Source: n.Source,
			Category: n.Category, Models: n.Models})
	}
	big := site.New(cfg, data, season, bigNews)
	big.AddContent(nil, nil)
	for _, c := range []struct {
		label string
		s     *site.Site
		kinds []string
	}{
		{"small, all pairs", rowsSite(config.H2HAll, items), []string{"h2h", "news", "home", "model", "club", "standings", "tablerows", "embed", "embedtable", "benchmark"}},
		{"small, named pairs", rowsSite(config.H2HNamed, items), []string{"h2h", "news", "home", "model", "club", "standings", "benchmark"}},
		// (its head-to-heads, model and club pages are left out for time: the small leagues have them)
		{"generated", big, []string{"news", "home", "standings", "tablerows", "embed", "embedtable", "benchmark"}},
	} {
		now, err := New(c.s, defaults, static)
		if err != nil {
			t.Fatal(err)
		}
		// (checked before the pages are rendered: escaping changes the trees)
		for _, k := range []string{"news", "model", "club", "home"} {
			if !builtinPartial(now.kinds[k], "newsitem") {
				t.Fatalf("%s: the built-in newsitem of %s is not known as the built-in one", c.label, k)
			}
		}
		for _, k := range []string{"model", "benchmark"} {
			if !builtinPartial(now.kinds[k], "kind") {
				t.Fatalf("%s: the built-in kind of %s is not known as the built-in one", c.label, k)
			}
		}
		before, err := New(c.s, Overlay{Top: rowsTemplates(t), Base: defaults}, static)
		if err != nil {
			t.Fatal(err)
		}
		count, all := samePages(t, c.label, c.s, now, before, c.kinds...)
		for _, k := range c.kinds {
			if count[k] == 0 && k != "embed" && k != "tablerows" && (k != "h2h" || c.label == "small, all pairs") {
				t.Errorf("%s: no %s page", c.label, k)
			}
		}
		switch c.label {
		case "small, all pairs":
			if count["h2h"] == 0 {
				t.Errorf("%s: no h2h page", c.label)
			}
			for _, want := range []string{`<span class="ci">±0.5</span>`, `<td class="num best">`, `<tr class="drawn">`, `href="#ZgotmplZ"`,
				`href="https://n.example/1?a=1&amp;b=%3cx%3e&#43;y"`, `Title &lt;b&gt; &amp; &#34;q&#34; &#39;r&#39; &#43;1`,
				`<p>Sanitised &amp; <em>kept</em></p>`, `class="res won"`, `(1 drawn)`, `<tr id="leaderboard--a"><td class="num"><a href="#leaderboard--a">`,
				`<div class="setting">5-shot &lt;cot&gt; &amp; &#34;more&#34;</div>`, `>https://src.example/a?b=1&amp;c=&lt;</a> <span class="badge self-reported"`,
				`<td>Named only </td>`, `title="Run by a third party">independent</span></td></tr>`} {
				if !strings.Contains(all, want) {
					t.Errorf("%s: no page holds %s", c.label, want)
				}
			}
		case "generated":
			if count["tablerows"] == 0 {
				t.Errorf("%s: no tablerows page", c.label)
			}
			for _, want := range []string{`A | &lt;b&gt; &#34;q&#34; &amp; &#39;r&#39; &#43; in the current table`, `Club &amp; &lt;Co&gt;`,
				`class="mv up"`, `class="mv down"`, `class="mv new"`, `: the row on `, `/page/2/#overall--`} {
				if !strings.Contains(all, want) {
					t.Errorf("%s: no page holds %s", c.label, want)
				}
			}
		}
	}
}

// TestOwnPartials: a site whose partials.html has a "newsitem" of its own gets its
// news items from it, on every page that lists news; one with a "kind" of its own
// gets the sources' badges of model and benchmark pages from it.
func TestOwnPartials(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	b, err := fs.ReadFile(defaults, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	// with puts newsitem and kind in place of the built-in ones.
	with := func(newsitem, kind string) []byte {
		p := string(b)
		i, j := strings.Index(p, `{{define "newsitem"}}`), strings.Index(p, `{{define "postcard"}}`)
		p = p[:i] + `{{define "newsitem"}}` + newsitem + "{{end}}\n" + p[j:]
		k := strings.Index(p, `{{define "kind"}}`)
		return []byte(p[:k] + `{{define "kind"}}` + kind + "{{end}}" + p[k+strings.Index(p[k:], "\n"):])
	}
	items := []news.Item{{ID: "1", Title: "T <1>", URL: "https://n.example/1", Date: "2026-01-03T00:00:00Z", Source: "S",
		Category: "release", Models: []string{"a"}}}
	s := rowsSite(config.H2HAll, items)
	r, err := New(s, Overlay{Top: fstest.MapFS{"partials.html": {Data: with(`<li class="mine">{{.Title}} · {{.LongDate}}</li>`, `[{{.}}]`)}},
		Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	if builtinPartial(r.kinds["news"], "newsitem") || builtinPartial(r.kinds["model"], "kind") {
		t.Error("a newsitem or kind of the site's own is taken for the built-in one")
	}
	seen := map[string]bool{}
	for _, p := range s.HTMLPages() {
		got, err := r.Page(p)
		if err != nil {
			t.Fatal(err)
		}
		page := string(got)
		if p.Kind == "benchmark" || p.Kind == "model" {
			if !strings.Contains(page, "]</td></tr>") || strings.Contains(page, `class="badge`) {
				t.Errorf("%s does not show the sources with the site's own kind:\n%s", p.Out, page)
			}
			seen[p.Kind+" kind"] = true
			seen["independent"] = seen["independent"] || strings.Contains(page, "[independent]</td></tr>")
			seen["self-reported"] = seen["self-reported"] || strings.Contains(page, "[self-reported]</td></tr>")
		}
		if p.Kind == "news" || p.Kind == "home" || p.Kind == "model" && strings.HasSuffix(p.Path, "/a/") {
			if !strings.Contains(page, `<li class="mine">T &lt;1&gt; · 3 January 2026</li>`) || strings.Contains(page, "news-item") {
				t.Errorf("%s does not list the news with the site's own newsitem:\n%s", p.Out, page)
			}
			seen[p.Kind] = true
		}
	}
	for _, k := range []string{"news", "home", "model", "model kind", "benchmark kind", "independent", "self-reported"} {
		if !seen[k] {
			t.Errorf("no %s page", k)
		}
	}
	// A newsitem or kind that fails fails the page.
	r, err = New(s, Overlay{Top: fstest.MapFS{"partials.html": {Data: with(`{{index .Models 5}}`, `{{index . 9}}`)}}, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, p := range s.HTMLPages() {
		if failed[p.Kind] || p.Kind != "news" && p.Kind != "model" && p.Kind != "benchmark" {
			continue
		}
		_, err := r.Page(p)
		want := map[string]string{"news": "error calling index: index out of range: 5", "model": "error calling index: index out of range: 9",
			"benchmark": "error calling index: index out of range: 9"}[p.Kind]
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %s", p.Out, err, want)
		}
		failed[p.Kind] = true
	}
	if len(failed) != 3 {
		t.Errorf("failing pages seen: %v", failed)
	}
}

// TestPartialsWithoutNewsitemOrKind: a site whose partials.html defines no
// "newsitem" and no "kind" gets no built-in writer for them (no page uses them
// unasked), pages without news or sources render, and a page that lists news or
// results fails with html/template's error for the missing partial.
func TestPartialsWithoutNewsitemOrKind(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	b, err := fs.ReadFile(defaults, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	p := string(b)
	i, j := strings.Index(p, `{{define "newsitem"}}`), strings.Index(p, `{{define "postcard"}}`)
	p = p[:i] + p[j:]
	k := strings.Index(p, `{{define "kind"}}`)
	p = p[:k] + p[k+strings.Index(p[k:], "\n"):]
	if strings.Contains(p, `"newsitem"}}`) || strings.Contains(p, `{{define "kind"}}`) {
		t.Fatalf("partials.html still defines newsitem or kind:\n%s", p)
	}
	items := []news.Item{{ID: "1", Title: "T", URL: "https://n.example/1", Date: "2026-01-03T00:00:00Z", Source: "S",
		Category: "release", Models: []string{"a"}}}
	s := rowsSite(config.H2HAll, items)
	r, err := New(s, Overlay{Top: fstest.MapFS{"partials.html": {Data: []byte(p)}}, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	if builtinPartial(r.kinds["news"], "newsitem") || builtinPartial(r.kinds["model"], "kind") {
		t.Error("a missing newsitem or kind is taken for the built-in one")
	}
	seen := map[string]bool{}
	for _, pg := range s.HTMLPages() {
		_, err := r.Page(pg)
		switch pg.Kind {
		case "news", "benchmark":
			want := map[string]string{"news": `error calling newsitems: html/template: "newsitem" is undefined`,
				"benchmark": `error calling leaderboardhtml: html/template: "kind" is undefined`}[pg.Kind]
			if err == nil || !strings.HasPrefix(err.Error(), "render "+pg.Out+": ") || !strings.HasSuffix(err.Error(), want) {
				t.Errorf("%s: err = %v, want one ending in %s", pg.Out, err, want)
			}
			seen[pg.Kind] = true
		case "h2h", "post", "standings":
			if err != nil {
				t.Errorf("%s: %v", pg.Out, err)
			}
			seen[pg.Kind] = true
		}
	}
	for _, k := range []string{"news", "benchmark", "h2h", "standings"} {
		if !seen[k] {
			t.Errorf("no %s page", k)
		}
	}
}

// TestSitewideAsLayout renders every page of a small league with a page of its own
// (a link in the footer), once with base.html and once with the layout as it was
// before its header, footer and links in the head were made once per kind
// (sitewide), and wants the same bytes; each part is made once per kind.
func TestSitewideAsLayout(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	layout, err := fs.ReadFile(testdata, "testdata/base-layout.html")
	if err != nil {
		t.Fatal(err)
	}
	s := rowsSite(config.H2HAll, nil)
	s.AddContent(nil, []content.Page{{Slug: "about", Title: `About <us> & "them"`, HTML: "<p>x</p>"}})
	now, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	before, err := New(s, Overlay{Top: fstest.MapFS{"base.html": {Data: layout}}, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, p := range s.HTMLPages() {
		if !slices.Contains(kinds, p.Kind) {
			kinds = append(kinds, p.Kind)
		}
	}
	count, all := samePages(t, "", s, now, before, kinds...)
	for _, k := range []string{"page", "standings", "news", "methodology", "home", "h2h", "list"} {
		if count[k] == 0 {
			t.Errorf("no %s page", k)
		}
	}
	for _, want := range []string{` · <a href="/repo/about/">About &lt;us&gt; &amp; &#34;them&#34;</a></p>`, `<a href="/repo/standings/" aria-current="page">Standings</a>`,
		`<link rel="stylesheet" href="/repo/css/highlight.css">`, `<script src="/repo/js/share.js" defer></script>`} {
		if !strings.Contains(all, want) {
			t.Errorf("no page holds %s", want)
		}
	}
	// Each part is made once per kind: a part made anew would show a site changed
	// since.
	s.Config.Title = "Changed"
	for _, p := range s.HTMLPages() {
		if p.Kind == "news" {
			got, err := now.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), `(Atom)" href="/repo/feed.xml">`) || strings.Contains(string(got), `Changed (Atom)`) ||
				strings.Contains(string(got), `</span> Changed</a>`) || strings.Contains(string(got), `<p>Changed — d</p>`) {
				t.Errorf("%s: the layout's parts were made again:\n%s", p.Out, got)
			}
			break
		}
	}
}
