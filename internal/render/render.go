// Package render formats the site's data into bytes: one page's data into HTML from
// the templates, the league data into JSON, CSV and Markdown, the feeds, the sitemap
// and the hosting files. It computes nothing about the league: package site has built
// every page's data already. It writes nothing either: each file goes to the emit
// function it is handed (package build streams them to package publish).
//
// Templates live in templates/ of the site root, over the built-in ones. base.html and
// partials.html make the layout; every other file is one kind of page and defines
// "main", or "document" for a page without the layout (embedtable.html). The data of
// every page is a Page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/chart"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// File is one output file.
type File struct {
	Path string // slash-separated, relative to the site root
	Data []byte
}

// Emit receives each file render makes; it may be called from several goroutines.
type Emit func(path string, data []byte) error

// Renderer holds the parsed templates of one build and the site they format.
type Renderer struct {
	site   *site.Site
	kinds  map[string]*template.Template
	static fs.FS
	names  map[string]string  // model id -> name, for charts
	pages  map[string]*goPage // the kinds written in Go (pagehtml.go)
}

// New parses the templates (templates holds *.html at its root) and keeps the static
// files (copied as they are). Both are usually an Overlay of the site over the defaults.
func New(s *site.Site, templates, static fs.FS) (*Renderer, error) {
	r := &Renderer{site: s, static: static, names: s.ModelNames()}
	funcs := baseFuncs()
	funcs["url"] = s.URL
	funcs["modelName"] = s.ModelName
	funcs["clubName"] = s.ClubName
	funcs["h2h"] = s.H2HURL
	funcs["legrows"] = func(v site.H2HView) []legRow { return legRows(s, v) }
	funcs["resultrows"] = func(v site.ModelView) []resultRow { return resultRows(s, v) }
	funcs["matchrows"] = func(v site.ModelView) []matchRow { return matchRows(s, v) }
	funcs["standingrows"] = func(v site.TableView) []standingRow { return standingRows(s, v) }
	funcs["newsrows"] = func(items []news.Item) []newsRow { return newsRows(s, items) }
	funcs["legshtml"] = func(v site.H2HView) template.HTML { return legsHTML(legRows(s, v)) }
	funcs["standinghtml"] = func(v site.TableView) template.HTML { return standingHTML(s.URL(v.Page), standingRows(s, v)) }
	funcs["matcheshtml"] = func(v site.ModelView) template.HTML { return matchesHTML(matchRows(s, v)) }
	// newsitems, resultshtml, leaderboardhtml and sitewide are bound to each page
	// kind's own templates below (they write its "newsitem", "kind" or parts of its
	// layout).
	funcs["newsitems"] = func([]news.Item) (template.HTML, error) { return "", nil }
	funcs["resultshtml"] = func(site.ModelView) (template.HTML, error) { return "", nil }
	funcs["leaderboardhtml"] = func(site.BenchmarkView) (template.HTML, error) { return "", nil }
	funcs["sitewide"] = func(string, string) (template.HTML, error) { return "", nil }
	funcs["rowurl"] = s.RowURL
	funcs["compare"] = s.CompareURL
	funcs["changeTitle"] = func(c standings.Change) string { return ChangeTitle(s, c) }
	// trusted marks HTML the build made itself (posts, pages) or sanitised (news) as safe.
	funcs["trusted"] = func(s string) template.HTML { return template.HTML(s) }
	// postcard is bound to each page kind's own templates by loadTemplates.
	funcs["postcard"] = func(*content.Post) (template.HTML, error) { return "", nil }
	funcs["dict"] = func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	kinds, err := loadTemplates(templates, funcs)
	if err != nil {
		return nil, err
	}
	for _, k := range requiredKinds {
		if kinds[k] == nil {
			return nil, fmt.Errorf("templates: %s.html is missing", k)
		}
	}
	r.pages = map[string]*goPage{}
	for k, t := range kinds {
		part := sitewide(s, t)
		// (before the templates run: escaping changes the trees builtinKind compares)
		if main := goMains[k]; main != nil && builtinKind(t, k) {
			r.pages[k] = &goPage{s: s, part: part, main: main, results: resultsWriter(s, t)}
		}
		t.Funcs(template.FuncMap{"newsitems": newsItems(s, t), "resultshtml": resultsHTML(s, t), "leaderboardhtml": leaderboardHTML(s, t),
			"sitewide": part})
	}
	r.kinds = kinds
	return r, nil
}

// requiredKinds are the page templates the renderer uses.
var requiredKinds = []string{"home", "standings", "model", "club", "benchmark", "h2h", "post", "list", "news", "page", "methodology", "notfound", "embed", "compare", "embedtable", "tablerows"}

// Page is the data of every page template: the site's data of the page, the site,
// and the page's charts, drawn.
//
// The fields of site.Page are the Page's own, copied (pageOf), not promoted from an
// embedded *site.Page: text/template looks a promoted field up by a search through
// the embedded structs on every use, and the layout reads them on every page.
// Templates name them the same either way, and .Page is still the site's page.
type Page struct {
	Page *site.Page

	Kind        string
	Path        string
	Out         string
	Title       string
	Description string
	Canonical   string
	OGType      string
	LastMod     string
	Data        any
	Charts      []site.Chart
	NoIndex     bool
	Image       string
	ImageURL    string
	ImageAlt    string
	Card        *share.Card

	Site    *site.Site
	Figures []Figure // their scripts go at the end of the body
}

// pageOf is the Page of the site's page p.
func pageOf(p *site.Page, s *site.Site, figures []Figure) Page {
	return Page{
		Page: p, Kind: p.Kind, Path: p.Path, Out: p.Out, Title: p.Title, Description: p.Description,
		Canonical: p.Canonical, OGType: p.OGType, LastMod: p.LastMod, Data: p.Data, Charts: p.Charts,
		NoIndex: p.NoIndex, Image: p.Image, ImageURL: p.ImageURL, ImageAlt: p.ImageAlt, Card: p.Card,
		Site: s, Figures: figures,
	}
}

// Figure is a chart placed on a page; Group names the table it belongs under ("" for
// the page as a whole). It holds the fields of chart.Figure as its own (figureOf),
// for the reason Page does.
type Figure struct {
	Figure  chart.Figure
	ID      string
	Caption string
	Element template.HTML
	Script  template.HTML
	Table   template.HTML
	Group   string
}

// figureOf places the chart f under group.
func figureOf(f chart.Figure, group string) Figure {
	return Figure{Figure: f, ID: f.ID, Caption: f.Caption, Element: f.Element, Script: f.Script, Table: f.Table, Group: group}
}

// Empty reports whether there was nothing to draw, as chart.Figure's Empty.
func (f Figure) Empty() bool { return f.Figure.Empty() }

// Page formats one page into HTML. It is safe for concurrent use.
func (r *Renderer) Page(p *site.Page) ([]byte, error) {
	b, release, err := r.PageBuf(p)
	if err != nil {
		return nil, err
	}
	defer release()
	return bytes.Clone(b), nil
}

// PageBuf is Page without the copy: b is in a buffer of the renderer's, the page's
// own until release, which hands the buffer to a later page. A build that writes
// b and then releases it makes no garbage of the page (a 1,000-post build's 1,161
// pages are 17.7 MB; their copies took 2.6 % of its CPU, mostly fresh memory).
func (r *Renderer) PageBuf(p *site.Page) (b []byte, release func(), err error) {
	switch d := p.Data.(type) {
	case site.PostView:
		body, err := r.expand(d.HTML, d.Embeds)
		if err != nil {
			return nil, nil, fmt.Errorf("render %s: %w", p.Out, err)
		}
		post := *d.Post
		post.HTML = body
		cp := *p
		cp.Data = &post
		p = &cp
	case site.PageView:
		body, err := r.expand(d.HTML, d.Embeds)
		if err != nil {
			return nil, nil, fmt.Errorf("render %s: %w", p.Out, err)
		}
		page := *d.Page
		page.HTML = body
		cp := *p
		cp.Data = &page
		p = &cp
	}
	pg := pageOf(p, r.site, r.figures(p.Charts))
	if g := r.pages[p.Kind]; g != nil {
		w := pageWriters.Get().(*htmlw)
		w.b = w.b[:0]
		if err := g.page(w, &pg); err != nil {
			pageWriters.Put(w)
			return nil, nil, fmt.Errorf("render %s: %w", p.Out, err)
		}
		return w.b, func() { pageWriters.Put(w) }, nil
	}
	buf := pageBufs.Get().(*bytes.Buffer)
	buf.Reset()
	// A kind that defines "document" is a whole page of its own (the embeds, without
	// the site around them); every other kind fills "main" of the layout.
	t := r.kinds[p.Kind]
	layout := "base.html"
	if t.Lookup("document") != nil {
		layout = "document"
	}
	if err := t.ExecuteTemplate(buf, layout, pg); err != nil {
		pageBufs.Put(buf)
		return nil, nil, fmt.Errorf("render %s: %w", p.Out, err)
	}
	return buf.Bytes(), func() { pageBufs.Put(buf) }, nil
}

// pageBufs are the buffers pages are written into by templates: the buffer, grown to
// the longest page so far, serves the next page once released (one of its own per
// page grew from nothing through doublings, twice the page in garbage).
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageWriters are the writers of the pages written in Go, kept as pageBufs are.
var pageWriters = sync.Pool{New: func() any { return new(htmlw) }}

// PostHTML is the body of a post with its league blocks in place, as feeds carry it.
func (r *Renderer) PostHTML(p *content.Post) (string, error) {
	return r.expand(p.HTML, r.site.PostEmbeds(p))
}

// expand puts the HTML of each league block in place of its marker.
func (r *Renderer) expand(body string, embeds []site.EmbedView) (string, error) {
	return site.ExpandEmbeds(body, embeds, func(v site.EmbedView) (string, error) {
		var buf bytes.Buffer
		if err := r.kinds["embed"].ExecuteTemplate(&buf, "embed", v); err != nil {
			return "", fmt.Errorf("render league block: %w", err)
		}
		return buf.String(), nil
	})
}

// Static emits every static file as it is.
func (r *Renderer) Static(emit Emit) error {
	err := fs.WalkDir(r.static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(r.static, p)
		if err != nil {
			return err
		}
		return emit(p, b)
	})
	if err != nil {
		return fmt.Errorf("static: %w", err)
	}
	return nil
}

// StaticPaths lists the paths of the static files.
func (r *Renderer) StaticPaths() ([]string, error) {
	var paths []string
	err := fs.WalkDir(r.static, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("static: %w", err)
	}
	return paths, nil
}

var _ = strings.TrimSpace
