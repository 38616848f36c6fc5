package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/site"
)

// The most numerous pages (posts, head-to-heads, models) are written here in Go,
// layout and all, when every template of their kind is the built-in one: executing
// html/template costs a reflective call and an escaper call on every action, and a
// big league has tens of thousands of head-to-head pages, a big blog thousands of
// posts. The templates stay the source of the markup: the writers below follow
// base.html, partials.html and the kind's own file action by action, each value
// escaped as html/template escapes it in that place (htmlw), and the tests render
// every page of these kinds both ways and want the same bytes. A site with a
// template of its own for the kind, its layout or any partial gets html/template's
// output from it, as before.

// goPage writes whole pages of one kind.
type goPage struct {
	s    *site.Site
	part func(name, kind string) (template.HTML, error) // the kind's sitewide
	main func(g *goPage, w *htmlw, pg *Page) error      // the kind's "main"

	results func(w *htmlw, v site.ModelView) error // the model page's results (resultsWriter)
}

// goMains are the kinds written in Go, with the writer of their "main".
var goMains = map[string]func(g *goPage, w *htmlw, pg *Page) error{
	"post":  (*goPage).post,
	"h2h":   (*goPage).h2h,
	"model": (*goPage).model,
	"news":  (*goPage).news,
	"list":  (*goPage).list,
}

// builtinKind reports whether every template of the page kind t, not yet executed,
// is the built-in one of base.html, partials.html and the kind's file, and t has no
// other.
func builtinKind(t *template.Template, kind string) bool {
	want := builtinTrees(kind)
	if want == nil {
		return false
	}
	n := 0
	for _, d := range t.Templates() {
		if d.Tree == nil || d.Tree.Root == nil {
			continue
		}
		w, ok := want[d.Name()]
		if !ok || d.Tree.Root.String() != w {
			return false
		}
		n++
	}
	return n == len(want)
}

// builtinTrees are the templates of a page kind's built-in files, written out as
// their parse trees print them; nil when the kind has no built-in file.
func builtinTrees(kind string) map[string]string {
	return builtinKinds()[kind]
}

var builtinKinds = sync.OnceValue(func() map[string]map[string]string {
	files := map[string]map[string]*parse.Tree{}
	read := func(name string) map[string]*parse.Tree {
		b, err := fs.ReadFile(aileague.Defaults, "templates/"+name)
		if err != nil {
			return nil
		}
		tr := parse.New(name)
		tr.Mode = parse.SkipFuncCheck
		trees := map[string]*parse.Tree{}
		if _, err := tr.Parse(string(b), "", "", trees); err != nil {
			return nil
		}
		return trees
	}
	for _, f := range layoutFiles {
		files[f] = read(f)
	}
	out := map[string]map[string]string{}
	for kind := range goMains {
		k := read(kind + ".html")
		if k == nil || files[layoutFiles[0]] == nil || files[layoutFiles[1]] == nil {
			continue
		}
		m := map[string]string{}
		for _, trees := range []map[string]*parse.Tree{files[layoutFiles[0]], files[layoutFiles[1]], k} {
			for name, t := range trees {
				m[name] = t.Root.String()
			}
		}
		out[kind] = m
	}
	return out
})

// wrongData is the error of a writer handed data of another type than its kind's.
func wrongData(pg *Page) error {
	return fmt.Errorf("a %s page with data of type %T", pg.Kind, pg.Data)
}

// page writes base.html around the kind's "main".
func (g *goPage) page(w *htmlw, pg *Page) error {
	cfg := &pg.Site.Config
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(cfg.Language)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
	w.raw(cspMeta)
	w.raw("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if pg.Title != "" {
		w.text(pg.Title)
		w.raw(" · ")
	}
	w.text(cfg.Title)
	w.raw("</title>\n<meta name=\"description\" content=\"")
	w.text(pg.Description)
	w.raw("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"canonical\" href=\"")
	w.url(pg.Canonical)
	w.raw("\">\n<meta property=\"og:type\" content=\"")
	w.text(pg.OGType)
	w.raw("\">\n<meta property=\"og:site_name\" content=\"")
	w.text(cfg.Title)
	w.raw("\">\n<meta property=\"og:title\" content=\"")
	g.title(w, pg)
	w.raw("\">\n<meta property=\"og:description\" content=\"")
	w.text(pg.Description)
	w.raw("\">\n<meta property=\"og:url\" content=\"")
	w.text(pg.Canonical)
	w.raw("\">\n<meta property=\"og:locale\" content=\"")
	w.text(cfg.Language)
	w.raw("\">")
	// share-meta
	if pg.Image != "" {
		w.raw("\n<meta property=\"og:image\" content=\"")
		w.text(pg.ImageURL)
		w.raw("\">\n<meta property=\"og:image:type\" content=\"image/png\">\n<meta property=\"og:image:width\" content=\"1200\">\n" +
			"<meta property=\"og:image:height\" content=\"630\">\n<meta property=\"og:image:alt\" content=\"")
		w.text(pg.ImageAlt)
		w.raw("\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta name=\"twitter:image\" content=\"")
		w.text(pg.ImageURL)
		w.raw("\">\n<meta name=\"twitter:image:alt\" content=\"")
		w.text(pg.ImageAlt)
		w.raw("\">")
	} else {
		w.raw("\n<meta name=\"twitter:card\" content=\"summary\">")
	}
	w.raw("\n<meta name=\"twitter:title\" content=\"")
	g.title(w, pg)
	w.raw("\">\n<meta name=\"twitter:description\" content=\"")
	w.text(pg.Description)
	w.raw("\">\n")
	if err := g.sitewide(w, "head-links", pg.Kind); err != nil {
		return err
	}
	w.raw("\n</head>\n<body class=\"kind-")
	w.text(pg.Kind)
	w.raw("\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
	if err := g.sitewide(w, "site-header", pg.Kind); err != nil {
		return err
	}
	w.raw("\n<main id=\"main\" class=\"wrap\">\n")
	if err := g.main(g, w, pg); err != nil {
		return err
	}
	w.raw("\n</main>\n")
	if err := g.sitewide(w, "site-footer", pg.Kind); err != nil {
		return err
	}
	if len(pg.Figures) > 0 {
		w.raw("\n<script src=\"")
		w.url(g.s.URL("js/echarts.common.min.js"))
		w.raw("\"></script>\n<script src=\"")
		w.url(g.s.URL("js/charts.js"))
		w.raw("\"></script>")
		for i := range pg.Figures {
			w.raw("\n")
			w.raw(string(pg.Figures[i].Script))
		}
	}
	w.raw("\n</body>\n</html>\n")
	return nil
}

// title appends {{if .Title}}{{.Title}}{{else}}{{.Site.Config.Title}}{{end}} in an
// attribute.
func (g *goPage) title(w *htmlw, pg *Page) {
	if pg.Title != "" {
		w.text(pg.Title)
	} else {
		w.text(pg.Site.Config.Title)
	}
}

// sitewide appends {{sitewide name kind}}.
func (g *goPage) sitewide(w *htmlw, name, kind string) error {
	h, err := g.part(name, kind)
	if err != nil {
		return err
	}
	w.raw(string(h))
	return nil
}

// figures appends {{range .Figures}}{{template "figure" .}}{{end}}.
func (w *htmlw) figures(figs []Figure) {
	for i := range figs {
		f := &figs[i]
		w.raw("\n<figure class=\"chart-figure\">\n<figcaption>")
		w.text(f.Caption)
		w.raw("</figcaption>\n")
		w.raw(string(f.Element))
		w.raw("\n")
		w.raw(string(f.Table))
		w.raw("\n</figure>\n")
	}
}

// modelLink appends <a href="{{url "models/"}}{{id}}/">{{modelName id}}</a>.
func (g *goPage) modelLink(w *htmlw, models, id string) {
	w.raw("<a href=\"")
	w.url(models)
	w.url(id)
	w.raw("/\">")
	w.text(g.s.ModelName(id))
	w.raw("</a>")
}

// post writes the "main" of post.html.
func (g *goPage) post(w *htmlw, pg *Page) error {
	p, ok := pg.Data.(*content.Post)
	if !ok {
		return wrongData(pg)
	}
	w.raw("\n<article class=\"post\">\n<header>\n<h1>")
	w.text(p.Title)
	w.raw("</h1>\n<p class=\"meta\"><time datetime=\"")
	w.text(p.Time)
	w.raw("\">")
	w.text(longDate(p.Date))
	w.raw("</time>")
	if len(p.Tags) > 0 {
		tags := g.s.URL("tags/")
		for _, tag := range p.Tags {
			w.raw(" · <a href=\"")
			w.url(tags)
			w.url(tag)
			w.raw("/\">#")
			w.text(tag)
			w.raw("</a>")
		}
	}
	w.raw("</p>\n</header>\n<div class=\"prose\">")
	w.raw(p.HTML)
	w.raw("</div>")
	if len(p.Models) > 0 {
		w.raw("<p class=\"tags\">About: ")
		models := g.s.URL("models/")
		for _, m := range p.Models {
			g.modelLink(w, models, m)
		}
		w.raw("</p>")
	}
	w.raw("\n</article>\n")
	return nil
}

// h2h writes the "main" of h2h.html, with the "legs" and "figure" partials.
func (g *goPage) h2h(w *htmlw, pg *Page) error {
	d, ok := pg.Data.(site.H2HView)
	if !ok || d.Match == nil {
		return wrongData(pg)
	}
	s, m := g.s, d.Match
	models := s.URL("models/")
	w.raw("\n<h1>")
	g.modelLink(w, models, m.A)
	w.raw(" <span class=\"vs\">vs</span> ")
	g.modelLink(w, models, m.B)
	w.raw("</h1>\n<p class=\"scoreline\"><span class=\"big\">")
	w.num(m.AWon)
	w.raw(" – ")
	w.num(m.BWon)
	w.raw("</span>")
	if m.Drawn != 0 {
		w.raw(" with ")
		w.num(m.Drawn)
		w.raw(" drawn")
	}
	w.raw(" over ")
	w.num(d.Shared())
	w.raw(" shared benchmarks:\n")
	if m.Winner != "" {
		w.raw("<strong>")
		w.text(s.ModelName(m.Winner))
		w.raw("</strong> wins the match.")
	} else {
		w.raw("the match is <strong>drawn</strong>.")
	}
	w.raw("</p>\n<p class=\"muted\">As of <time datetime=\"")
	w.text(d.AsOf)
	w.raw("\">")
	w.text(longDate(d.AsOf))
	w.raw("</time>. A benchmark is drawn when the difference is at or under the larger of its draw margin and 1.96·√(se₁²+se₂²).")
	if len(d.Tables) > 0 {
		w.raw(" Both play in: ")
		standings := s.URL("standings/")
		for i, t := range d.Tables {
			if i > 0 {
				w.raw(", ")
			}
			w.raw("<a href=\"")
			w.url(standings)
			w.raw("#")
			w.fragment(t.ID)
			w.raw("\">")
			w.text(t.Name)
			w.raw("</a>")
		}
		w.raw(".")
	}
	w.raw("</p>\n")
	// legs
	w.raw("\n<div class=\"table-scroll\">\n<table class=\"legs\">\n<caption>Benchmark by benchmark</caption>\n" +
		"<thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\" class=\"num\">")
	w.text(s.ModelName(m.A))
	w.raw("</th><th scope=\"col\" class=\"num\">")
	w.text(s.ModelName(m.B))
	w.raw("</th><th scope=\"col\" class=\"num wide\">Margin</th><th scope=\"col\" class=\"num wide\" title=\"A difference at or under this is a draw\">Draw within</th><th scope=\"col\">Taken by</th></tr></thead>\n<tbody>")
	g.legs(w, d)
	w.raw("\n</tbody>\n</table>\n</div>\n\n")
	w.figures(pg.Figures)
	w.raw("\n")
	return nil
}

// model writes the "main" of model.html, with the "figure", "postcard" and
// "newsitem" partials.
func (g *goPage) model(w *htmlw, pg *Page) error {
	d, ok := pg.Data.(site.ModelView)
	if !ok || d.Model == nil {
		return wrongData(pg)
	}
	s, m := g.s, d.Model
	clubs := s.URL("clubs/")
	club := s.ClubName(m.Club)
	w.raw("\n<p class=\"crumbs\"><a href=\"")
	w.url(clubs)
	w.url(m.Club)
	w.raw("/\">")
	w.text(club)
	w.raw("</a></p>\n<h1>")
	w.text(m.Name)
	w.raw("</h1>\n<dl class=\"facts\">\n<div><dt>Club</dt><dd><a href=\"")
	w.url(clubs)
	w.url(m.Club)
	w.raw("/\">")
	w.text(club)
	w.raw("</a></dd></div>")
	if m.ParamsB != 0 {
		w.raw("<div><dt>Parameters</dt><dd>")
		w.text(num(m.ParamsB))
		w.raw("B total")
		if m.ActiveParamsB != 0 {
			w.raw(", ")
			w.text(num(m.ActiveParamsB))
			w.raw("B active")
		}
		if m.EffectiveParamsB != 0 {
			w.raw(", ")
			w.text(num(m.EffectiveParamsB))
			w.raw("B effective")
		}
		w.raw("</dd></div>")
	}
	if d.Division != "" {
		w.raw("<div><dt>Division</dt><dd><a href=\"")
		w.url(s.URL("standings/"))
		w.raw("#")
		w.fragment(d.Division)
		w.raw("\">")
		w.text(d.DivName)
		w.raw("</a></dd></div>")
	}
	if m.Released != "" {
		w.raw("<div><dt>Released</dt><dd>")
		w.text(longDate(m.Released))
		w.raw("</dd></div>")
	}
	if m.License != "" {
		w.raw("<div><dt>Licence</dt><dd>")
		w.text(m.License)
		w.raw("</dd></div>")
	}
	if m.ContextLabel != "" {
		w.raw("<div><dt>Context</dt><dd>")
		w.text(m.ContextLabel)
		if m.ContextTokens != 0 {
			w.raw(" (")
			w.num(m.ContextTokens)
			w.raw(" tokens)")
		}
		w.raw("</dd></div>")
	}
	if len(m.Modalities) > 0 {
		w.raw("<div><dt>Inputs</dt><dd>")
		w.text(strings.Join(m.Modalities, ", "))
		w.raw("</dd></div>")
	}
	if m.Source != "" {
		w.raw("<div><dt>Spec source</dt><dd><a href=\"")
		w.url(m.Source)
		w.raw("\" rel=\"nofollow noopener\">")
		w.text(path.Base(m.Source))
		w.raw("</a></dd></div>")
	}
	w.raw("\n</dl>")
	if len(d.Rows) > 0 {
		w.raw("\n<h2 id=\"record\">Record <a class=\"self\" href=\"#record-table\" aria-label=\"Link to the record table\">#</a></h2>\n" +
			"<div class=\"table-scroll\"><table class=\"record\" id=\"record-table\">\n<thead><tr><th scope=\"col\">Table</th>" +
			"<th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\" class=\"num\">W-D-L</th><th scope=\"col\" class=\"num\">BD</th>" +
			"<th scope=\"col\" class=\"num\">Pts</th><th scope=\"col\" class=\"num\">Rating</th></tr></thead>\n<tbody>")
		for i := range d.Rows {
			r := &d.Rows[i]
			w.raw("<tr><th scope=\"row\"><a href=\"")
			w.url(s.RowURL("", r.Table.ID, r.Row.Model))
			w.raw("\">")
			w.text(r.Table.Name)
			w.raw("</a></th><td class=\"num\">")
			w.text(rankLabel(r.Row.Rank, r.Row.SharedRank))
			w.raw("</td><td class=\"num\">")
			w.num(r.Row.Won)
			w.raw("-")
			w.num(r.Row.Drawn)
			w.raw("-")
			w.num(r.Row.Lost)
			w.raw("</td><td class=\"num\">")
			if r.Row.BenchDiff >= 0 {
				w.raw("&#43;") // {{signed}}'s "+", escaped
			}
			w.num(r.Row.BenchDiff)
			w.raw("</td><td class=\"num\">")
			w.num(r.Row.Points)
			w.raw("</td><td class=\"num\">")
			w.rating(r.Row.Rating)
			w.raw(" <span class=\"ci\">")
			w.rating(r.Row.RatingLow)
			w.raw("–")
			w.rating(r.Row.RatingHigh)
			w.raw("</span></td></tr>")
		}
		w.raw("</tbody>\n</table></div>")
	}
	w.raw("\n")
	w.figures(pg.Figures)
	w.raw("\n<h2 id=\"results\">Results <a class=\"self\" href=\"#results-table\" aria-label=\"Link to the results table\">#</a></h2>")
	if len(d.Results) > 0 {
		w.raw("\n<div class=\"table-scroll\"><table class=\"results\" id=\"results-table\">\n<thead><tr><th scope=\"col\">Benchmark</th>" +
			"<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\" title=\"0 = random baseline, 100 = maximum\">Normalised</th>" +
			"<th scope=\"col\">Date</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>")
		if err := g.results(w, d); err != nil {
			return err
		}
		w.raw("\n</tbody></table></div>")
	} else {
		w.raw("<p>No results yet.</p>")
	}
	compare := s.CompareURL(m.ID, "")
	w.raw("\n<h2 id=\"h2h\">Head-to-heads</h2>\n<p><a href=\"")
	w.url(compare)
	w.raw("\">Compare ")
	w.text(m.Name)
	w.raw(" with any model →</a></p>")
	if len(d.Matches) > 0 {
		w.raw("\n<ul class=\"matches\">")
		w.matches(matchRows(s, d))
		w.raw("</ul>")
		if u := d.Unlisted; u.Played != 0 {
			w.raw("\n<p>")
			if len(d.Listed) > 0 {
				w.raw("And ")
				w.num(u.Played)
				w.raw(" more matches")
			} else {
				w.num(u.Played)
				w.raw(" matches")
			}
			w.raw(": ")
			w.num(u.Won)
			w.raw(" won, ")
			w.num(u.Drawn)
			w.raw(" drawn, ")
			w.num(u.Lost)
			w.raw(" lost. <a href=\"")
			w.url(compare)
			w.raw("\">Compare ")
			w.text(m.Name)
			w.raw(" with any of them →</a></p>")
		}
	} else {
		w.raw("<p>")
		w.text(m.Name)
		w.raw(" has not met another model over ")
		w.num(pg.Site.Config.League.MinShared)
		w.raw(" or more shared benchmarks yet.</p>")
	}
	if len(d.Posts) > 0 {
		w.raw("<h2 id=\"commentary\">Commentary</h2>")
		for _, p := range d.Posts {
			w.postcard(s, p)
		}
	}
	w.raw("\n<h2 id=\"news\">News</h2>\n<ul class=\"news-list\">")
	n := len(w.b)
	w.news(newsRows(s, d.News))
	if len(w.b) == n {
		w.raw("<li>No news mentions ")
		w.text(m.Name)
		w.raw(" yet.</li>")
	}
	w.raw("</ul>")
	if d.MoreNews != 0 {
		w.raw("<p>")
		w.num(d.MoreNews)
		if d.MoreNews == 1 {
			w.raw(" older item mentions ")
		} else {
			w.raw(" older items mention ")
		}
		w.text(m.Name)
		w.raw(": see <a href=\"")
		w.url(s.URL("news/"))
		w.raw("\">all news</a>.</p>")
	}
	w.raw("\n")
	return nil
}

// rating appends a rating with one decimal, as the template function rating.
func (w *htmlw) rating(x float64) {
	w.text(strconv.FormatFloat(x, 'f', 1, 64))
}

// postcard appends the built-in "postcard" partial of the post p.
func (w *htmlw) postcard(s *site.Site, p *content.Post) {
	w.raw("\n<article class=\"post-card\">\n<h2><a href=\"")
	w.url(s.URL("posts/"))
	w.url(p.Slug)
	w.raw("/\">")
	w.text(p.Title)
	w.raw("</a></h2>\n<p class=\"meta\"><time datetime=\"")
	w.text(p.Date)
	w.raw("\">")
	w.text(longDate(p.Date))
	w.raw("</time>")
	if len(p.Tags) > 0 {
		tags := s.URL("tags/")
		for _, tag := range p.Tags {
			w.raw(" · <a href=\"")
			w.url(tags)
			w.url(tag)
			w.raw("/\">#")
			w.text(tag)
			w.raw("</a>")
		}
	}
	w.raw("</p>")
	if p.Summary != "" {
		w.raw("<p>")
		w.text(p.Summary)
		w.raw("</p>")
	}
	w.raw("\n</article>\n")
}

// legs appends the rows of the built-in "legs" partial, as legsHTML writes
// legRows(s, v), each cell formatted straight into the page.
func (g *goPage) legs(w *htmlw, v site.H2HView) {
	s, a, b := g.s, v.Match.A, v.Match.B
	bench := s.URL("benchmarks/")
	for _, l := range v.Legs() {
		switch l.Winner {
		case a:
			w.raw("\n<tr class=\"won-a\">\n<th scope=\"row\"><a href=\"")
		case b:
			w.raw("\n<tr class=\"won-b\">\n<th scope=\"row\"><a href=\"")
		default:
			w.raw("\n<tr class=\"drawn\">\n<th scope=\"row\"><a href=\"")
		}
		w.path(bench, l.Benchmark)
		w.raw("\">")
		if l.Bench != nil {
			w.text(l.Bench.Name)
		} else {
			w.text(l.Benchmark)
		}
		w.raw("</a></th>\n<td class=\"num")
		if l.Winner == a {
			w.raw(" best")
		}
		w.raw("\">")
		w.result(l.A.Score, l.A.HasStderr, l.A.Stderr)
		w.raw("</td>\n<td class=\"num")
		if l.Winner == b {
			w.raw(" best")
		}
		w.raw("\">")
		w.result(l.B.Score, l.B.HasStderr, l.B.Stderr)
		w.raw("</td>\n<td class=\"num wide\">")
		w.b = strconv.AppendFloat(w.b, l.Diff, 'f', 2, 64) // fmt's %.2f; no character to escape
		w.raw("</td>\n<td class=\"num wide\">")
		w.b = strconv.AppendFloat(w.b, l.Threshold, 'f', 2, 64)
		w.raw("</td>\n<td>")
		if l.Winner != "" {
			w.text(s.ModelName(l.Winner))
		} else {
			w.raw("draw")
		}
		w.raw("</td>\n</tr>")
	}
}

// path appends {{dir + name + "/"}} at the start of a URL attribute; when dir is a
// path of the site (from '/' to '/': url's filter passes any value that starts with
// '/', and no escape spans the joins) without joining the strings.
func (w *htmlw) path(dir, name string) {
	if !strings.HasPrefix(dir, "/") || !strings.HasSuffix(dir, "/") {
		w.url(dir + name + "/")
		return
	}
	w.urlPart(dir, true)
	w.urlPart(name, true)
	w.raw("/")
}

// result appends a score as num formats it, then its standard error as htmlw.score
// does: num's digits, '-', '.' and '–' need no escaping.
func (w *htmlw) result(score float64, has bool, stderr float64) {
	w.float(score)
	if has {
		w.raw(" <span class=\"ci\">±")
		w.float(stderr)
		w.raw("</span>")
	}
}

// float appends num(x).
func (w *htmlw) float(x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		w.raw("–")
		return
	}
	w.b = strconv.AppendFloat(w.b, x, 'f', -1, 64)
}

// news writes the "main" of news.html, with the "newsitem" partial.
func (g *goPage) news(w *htmlw, pg *Page) error {
	d, ok := pg.Data.(site.NewsView)
	if !ok {
		return wrongData(pg)
	}
	news := g.s.URL("news/")
	w.raw("\n<h1>")
	w.text(pg.Title)
	w.raw("</h1>\n<nav class=\"filters\" aria-label=\"News categories\"><a href=\"")
	w.url(news)
	w.raw("\"")
	if d.Category == "" {
		w.raw(" aria-current=\"page\"")
	}
	w.raw(">All</a>")
	for _, c := range d.Categories {
		w.raw("<a href=\"")
		w.url(news)
		w.url(c)
		w.raw("/\"")
		if d.Category == c {
			w.raw(" aria-current=\"page\"")
		}
		w.raw(">")
		w.text(c)
		w.raw("</a>")
	}
	w.raw("</nav>\n<ul class=\"news-list\">")
	n := len(w.b)
	w.news(newsRows(g.s, d.Items))
	if len(w.b) == n {
		w.raw("<li>No news yet.</li>")
	}
	w.raw("</ul>")
	if d.Prev != "" || d.Next != "" {
		w.raw("\n<nav class=\"pager\" aria-label=\"Pages\">")
		if d.Prev != "" {
			w.raw("<a rel=\"prev\" href=\"")
			w.url(d.Prev)
			w.raw("\">← Newer</a>")
		}
		w.raw(" <span>Page ")
		w.num(d.Page)
		w.raw(" of ")
		w.num(d.Of)
		w.raw("</span> ")
		if d.Next != "" {
			w.raw("<a rel=\"next\" href=\"")
			w.url(d.Next)
			w.raw("\">Older →</a>")
		}
		w.raw("</nav>")
	}
	w.raw("\n<p><a href=\"")
	w.url(g.s.URL("news/feed.xml"))
	w.raw("\">News feed</a></p>\n")
	return nil
}

// list writes the "main" of list.html, with the "postcard" partial.
func (g *goPage) list(w *htmlw, pg *Page) error {
	d, ok := pg.Data.(site.ListView)
	if !ok {
		return wrongData(pg)
	}
	w.raw("\n<h1>")
	w.text(pg.Title)
	w.raw("</h1>\n")
	for _, p := range d.Posts {
		w.postcard(g.s, p)
	}
	if len(d.Tags) > 0 {
		w.raw("\n<h2 id=\"tags\">Tags</h2>\n<p class=\"tags\">")
		tags := g.s.URL("tags/")
		for i := range d.Tags {
			t := &d.Tags[i]
			w.raw("<a href=\"")
			w.url(tags)
			w.url(t.Name)
			w.raw("/\">#")
			w.text(t.Name)
			w.raw(" <span class=\"muted\">(")
			w.num(len(t.Posts))
			w.raw(")</span></a>")
		}
		w.raw("</p>")
	}
	w.raw("\n<p><a href=\"")
	w.url(g.s.URL("posts/feed.xml"))
	w.raw("\">Commentary feed</a></p>\n")
	return nil
}
