package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/chart"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
)

// The rows of the biggest lists (the legs of a head-to-head, news items, the rows of
// a league table) are written here as HTML, where the built-in templates call for
// them (legshtml, newsitems, standinghtml): a template spends a reflective call and
// an escaper call on every cell, and a big league has tens of thousands of such
// pages with dozens of rows each. Each cell goes through the same escaping that
// html/template gives it in that place of the built-in markup (htmlw below), so the
// bytes are the same as the templates' (the tests render the pages both ways).
//
// The row data (legrows, newsrows, standingrows) stays for templates of a site's
// own; a row partial of a site's own (a "newsitem" that is not the built-in one) is
// executed for every row as before.

// htmlw appends HTML to a buffer, each value escaped as html/template escapes it.
type htmlw struct{ b []byte }

// raw appends markup as it is.
func (w *htmlw) raw(s string) { w.b = append(w.b, s...) }

// text appends a string in text or in a quoted attribute value: html/template's
// htmlescaper and attrescaper, which replace the same seven characters
// (chart.AppendEscaped).
func (w *htmlw) text(s string) { w.b = chart.AppendEscaped(w.b, s) }

// score appends a score, then its standard error as " ±e" in a ci span when it has one.
func (w *htmlw) score(v string, has bool, stderr string) {
	w.text(v)
	if has {
		w.raw(" <span class=\"ci\">±")
		w.text(stderr)
		w.raw("</span>")
	}
}

// num appends an integer (its digits need no escaping).
func (w *htmlw) num(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// url appends a string that starts a URL attribute value (href="{{.}}..."):
// html/template's urlfilter, urlnormalizer and attrescaper in turn.
func (w *htmlw) url(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	w.urlPart(s, true)
}

// fragment appends a string after the '#' of a URL attribute value: html/template's
// urlescaper and attrescaper.
func (w *htmlw) fragment(s string) { w.urlPart(s, false) }

// urlPart is html/template's URL processing (normalising when norm, else escaping
// every reserved character too) followed by its attribute escaper, which after it
// has only '&' and '+' left to replace.
func (w *htmlw) urlPart(s string, norm bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '*', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				w.b = append(w.b, c)
				continue
			}
		case '&':
			if norm {
				w.b = append(w.b, "&amp;"...)
				continue
			}
		case '+':
			if norm {
				w.b = append(w.b, "&#43;"...)
				continue
			}
		case '-', '.', '_', '~':
			w.b = append(w.b, c)
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				w.b = append(w.b, c)
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				w.b = append(w.b, c)
				continue
			}
		}
		const hex = "0123456789abcdef"
		w.b = append(w.b, '%', hex[c>>4], hex[c&15])
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL is html/template's test of a URL: relative, or http, https or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// html returns what was written, as HTML.
func (w *htmlw) html() template.HTML { return template.HTML(w.b) }

// rowBufs are the buffers rows are written into before they are copied out.
var rowBufs = sync.Pool{New: func() any { return new(htmlw) }}

// writeRows runs write on a pooled writer and returns a copy of what it wrote.
func writeRows(write func(w *htmlw)) template.HTML {
	w := rowBufs.Get().(*htmlw)
	w.b = w.b[:0]
	write(w)
	h := template.HTML(w.b) // a copy
	rowBufs.Put(w)
	return h
}

// executeRows executes the template name of t once for each row, as
// {{range rows}}{{template name .}}{{end}} does in text.
func executeRows[R any](t *template.Template, name string, rows []R) (template.HTML, error) {
	var b bytes.Buffer
	for i := range rows {
		if err := t.ExecuteTemplate(&b, name, rows[i]); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}

// legsHTML writes the rows of the "legs" partial: {{range legrows .}} of the
// built-in partials.html.
func legsHTML(rows []legRow) template.HTML {
	return writeRows(func(w *htmlw) { w.legs(rows) })
}

// legs appends the rows of legsHTML.
func (w *htmlw) legs(rows []legRow) {
	for i := range rows {
		r := &rows[i]
		w.raw("\n<tr class=\"")
		w.text(r.Class)
		w.raw("\">\n<th scope=\"row\"><a href=\"")
		w.url(r.URL)
		w.raw("\">")
		w.text(r.Name)
		w.raw("</a></th>\n<td class=\"num")
		if r.ABest {
			w.raw(" best")
		}
		w.raw("\">")
		w.score(r.AScore, r.HasA, r.AStderr)
		w.raw("</td>\n<td class=\"num")
		if r.BBest {
			w.raw(" best")
		}
		w.raw("\">")
		w.score(r.BScore, r.HasB, r.BStderr)
		w.raw("</td>\n<td class=\"num wide\">")
		w.text(r.Diff)
		w.raw("</td>\n<td class=\"num wide\">")
		w.text(r.Threshold)
		w.raw("</td>\n<td>")
		w.text(r.Taken)
		w.raw("</td>\n</tr>")
	}
}

// standingHTML writes the rows of the "table" partial: {{range standingrows .}} of
// the built-in partials.html, on the page at the URL page.
func standingHTML(page string, rows []standingRow) template.HTML {
	return writeRows(func(w *htmlw) {
		for i := range rows {
			r := &rows[i]
			w.raw("\n<tr id=\"")
			w.text(r.Frag)
			w.raw("\">\n<td class=\"num\"><a class=\"rowlink\" href=\"")
			w.url(page)
			w.raw("#")
			w.fragment(r.Frag)
			w.raw("\" data-copy=\"url\" data-done=\"Link to ")
			w.text(r.Name)
			w.raw("’s row copied\" title=\"Link to this row (click to copy)\"><span class=\"hash\" aria-hidden=\"true\">#</span>")
			w.text(r.Rank)
			w.raw("<span class=\"sr\"> link to ")
			w.text(r.Name)
			w.raw("’s row</span></a></td>\n<td class=\"mv ")
			w.text(r.Move.Class)
			w.raw("\">")
			if r.PrevURL != "" {
				w.raw("<a href=\"")
				w.url(r.PrevURL)
				w.raw("\" title=\"This row on ")
				w.text(r.PrevDate)
				w.raw(", the snapshot before\">")
			}
			w.raw("<span aria-hidden=\"true\">")
			w.text(r.Move.Arrow)
			w.text(r.Move.Text)
			w.raw("</span><span class=\"sr\">")
			w.text(r.Move.Label)
			if r.PrevURL != "" {
				w.raw(": the row on ")
				w.text(r.PrevDate)
			}
			w.raw("</span>")
			if r.PrevURL != "" {
				w.raw("</a>")
			}
			w.raw("</td>\n<td class=\"model\"><a href=\"")
			w.url(r.ModelURL)
			w.raw("\">")
			w.text(r.Name)
			w.raw("</a>")
			if r.NowURL != "" {
				w.raw(" <a class=\"now\" href=\"")
				w.url(r.NowURL)
				w.raw("\" title=\"")
				w.text(r.Name)
				w.raw(" in the current table\">now&nbsp;→</a>")
			}
			w.raw(" <span class=\"club\">")
			w.text(r.Club)
			w.raw("</span></td>\n<td class=\"num wide\">")
			w.num(r.Played)
			w.raw("</td>\n<td class=\"num\">")
			w.num(r.Won)
			w.raw("</td>\n<td class=\"num\">")
			w.num(r.Drawn)
			w.raw("</td>\n<td class=\"num\">")
			w.num(r.Lost)
			w.raw("</td>\n<td class=\"num wide\">")
			w.num(r.BenchFor)
			w.raw("</td>\n<td class=\"num wide\">")
			w.num(r.BenchAgainst)
			w.raw("</td>\n<td class=\"num\">")
			w.text(r.BenchDiff)
			w.raw("</td>\n<td class=\"num pts\">")
			w.num(r.Points)
			w.raw("</td>\n<td class=\"num rating\">")
			w.text(r.Rating)
			w.raw(" <span class=\"ci\">")
			w.text(r.RatingLow)
			w.raw("–")
			w.text(r.RatingHigh)
			w.raw("</span></td>\n</tr>")
		}
	})
}

// newsHTML writes news items as the built-in "newsitem" partial does.
func newsHTML(rows []newsRow) template.HTML {
	return writeRows(func(w *htmlw) { w.news(rows) })
}

// news appends the items of newsHTML.
func (w *htmlw) news(rows []newsRow) {
	for i := range rows {
		r := &rows[i]
		w.raw("\n<li class=\"news-item\">\n<div class=\"meta\"><time datetime=\"")
		w.text(r.Date)
		w.raw("\">")
		w.text(r.LongDate)
		w.raw("</time> · <span class=\"badge cat-")
		w.text(r.Category)
		w.raw("\">")
		w.text(r.Category)
		w.raw("</span> · ")
		w.text(r.Source)
		w.raw("</div>\n<a class=\"news-title\" href=\"")
		w.url(r.URL)
		w.raw("\" rel=\"nofollow noopener\">")
		w.text(r.Title)
		w.raw("</a>")
		if r.SummaryHTML != "" {
			w.raw("<div class=\"news-summary\">")
			w.raw(string(r.Summary))
			w.raw("</div>")
		}
		if len(r.Models) > 0 {
			w.raw("<div class=\"tags\">")
			for _, l := range r.ModelLinks {
				w.raw("<a href=\"")
				w.url(l.URL)
				w.raw("\">")
				w.text(l.Name)
				w.raw("</a>")
			}
			w.raw("</div>")
		}
		w.raw("\n</li>\n")
	}
}

// matchesHTML writes the matches of a model page: {{range matchrows $d}} of the
// built-in model.html.
func matchesHTML(rows []matchRow) template.HTML {
	return writeRows(func(w *htmlw) { w.matches(rows) })
}

// matches appends the matches of matchesHTML.
func (w *htmlw) matches(rows []matchRow) {
	for i := range rows {
		r := &rows[i]
		w.raw("<li><a href=\"")
		w.url(r.URL)
		w.raw("\">")
		w.text(r.AName)
		w.raw(" vs ")
		w.text(r.BName)
		w.raw("</a> ")
		w.num(r.AWon)
		w.raw("–")
		w.num(r.BWon)
		if r.Drawn != 0 {
			w.raw(" <span class=\"muted\">(")
			w.num(r.Drawn)
			w.raw(" drawn)</span>")
		}
		w.raw(" — <span class=\"res ")
		w.text(r.Result)
		w.raw("\">")
		w.text(r.Result)
		w.raw("</span></li>")
	}
}

// newsItems returns the "newsitems" function of the page kind t: the news items as
// {{range newsrows .}}{{template "newsitem" .}}{{end}} writes them with t's
// "newsitem", written in Go when that is the built-in one.
func newsItems(s *site.Site, t *template.Template) func([]news.Item) (template.HTML, error) {
	builtin := builtinPartial(t, "newsitem")
	return func(items []news.Item) (template.HTML, error) {
		rows := newsRows(s, items)
		if builtin {
			return newsHTML(rows), nil
		}
		return executeRows(t, "newsitem", rows)
	}
}

// builtinPartial reports whether the template name of t, not yet executed, is the
// one of the built-in partials.html.
func builtinPartial(t *template.Template, name string) bool {
	d := t.Lookup(name)
	want, ok := builtinPartials()[name]
	return ok && d != nil && d.Tree != nil && d.Tree.Root.String() == want
}

// builtinPartials are the templates the built-in partials.html defines, written
// out as their parse trees print them.
var builtinPartials = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	b, err := fs.ReadFile(aileague.Defaults, "templates/partials.html")
	if err != nil {
		return out
	}
	tr := parse.New("partials.html")
	tr.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(string(b), "", "", trees); err != nil {
		return out
	}
	for name, t := range trees {
		out[name] = t.Root.String()
	}
	return out
})

// kindWriter writes the "kind" partial (a source's badge) for a kind of source.
type kindWriter func(w *htmlw, kind string) error

// kinds returns the kindWriter of the page kind t: the built-in badge written in
// Go, or t's own "kind" executed.
func kinds(t *template.Template) kindWriter {
	if builtinPartial(t, "kind") {
		return func(w *htmlw, kind string) error {
			switch kind {
			case "independent":
				w.raw(`<span class="badge independent" title="Run by a third party">independent</span>`)
			case "self-reported":
				w.raw(`<span class="badge self-reported" title="The model maker's own figure">self-reported</span>`)
			}
			return nil
		}
	}
	return func(w *htmlw, kind string) error {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, "kind", kind); err != nil {
			return err
		}
		w.raw(b.String())
		return nil
	}
}

// writeRowsErr is writeRows for a writer that can fail.
func writeRowsErr(write func(w *htmlw) error) (template.HTML, error) {
	var err error
	h := writeRows(func(w *htmlw) { err = write(w) })
	if err != nil {
		return "", err
	}
	return h, nil
}

// resultsHTML returns the "resultshtml" function of the page kind t: the results
// of a model page as {{range resultrows $d}} of the built-in model.html writes them.
func resultsHTML(s *site.Site, t *template.Template) func(site.ModelView) (template.HTML, error) {
	results := resultsWriter(s, t)
	return func(v site.ModelView) (template.HTML, error) {
		return writeRowsErr(func(w *htmlw) error { return results(w, v) })
	}
}

// resultsWriter returns the writer of resultsHTML for the page kind t.
func resultsWriter(s *site.Site, t *template.Template) func(w *htmlw, v site.ModelView) error {
	kind := kinds(t)
	return func(w *htmlw, v site.ModelView) error {
		rows := resultRows(s, v)
		for i := range rows {
			r := &rows[i]
			w.raw("\n<tr id=\"results-table--")
			w.text(r.Benchmark)
			w.raw("\"><th scope=\"row\"><a href=\"")
			w.url(r.URL)
			w.raw("\">")
			w.text(r.Name)
			w.raw("</a>")
			if r.Setting != "" {
				w.raw("<div class=\"setting\">")
				w.text(r.Setting)
				w.raw("</div>")
			}
			w.raw("</th>\n<td class=\"num\">")
			w.score(r.Score, r.HasStderr, r.Stderr)
			w.raw("</td>\n<td class=\"num\">")
			w.text(r.Normalised)
			w.raw("</td>\n<td><time datetime=\"")
			w.text(r.Date)
			w.raw("\">")
			w.text(r.Date)
			w.raw("</time></td>\n<td>")
			if r.Source.URL != "" {
				w.raw("<a href=\"")
				w.url(r.Source.URL)
				w.raw("\" rel=\"nofollow noopener\">")
				w.text(r.SourceName)
				w.raw("</a>")
			} else {
				w.text(r.Source.Name)
			}
			w.raw(" ")
			if err := kind(w, r.Source.Kind); err != nil {
				return err
			}
			w.raw("</td></tr>")
		}
		return nil
	}
}

// leaderboardHTML returns the "leaderboardhtml" function of the page kind t: the
// leaderboard of a benchmark page as {{range $i, $r := $d.Results}} of the built-in
// benchmark.html writes it.
func leaderboardHTML(s *site.Site, t *template.Template) func(site.BenchmarkView) (template.HTML, error) {
	kind := kinds(t)
	return func(v site.BenchmarkView) (template.HTML, error) {
		models := s.URL("models/")
		return writeRowsErr(func(w *htmlw) error {
			for i := range v.Results {
				r := &v.Results[i]
				w.raw("\n<tr id=\"leaderboard--")
				w.text(r.Model)
				w.raw("\"><td class=\"num\"><a href=\"#leaderboard--")
				w.fragment(r.Model)
				w.raw("\">")
				w.num(i + 1)
				w.raw("</a></td><th scope=\"row\"><a href=\"")
				w.url(models)
				w.url(r.Model)
				w.raw("/\">")
				w.text(s.ModelName(r.Model))
				w.raw("</a>")
				if r.Setting != "" {
					w.raw("<div class=\"setting\">")
					w.text(r.Setting)
					w.raw("</div>")
				}
				w.raw("</th>\n<td class=\"num\">")
				w.score(num(r.Score), r.HasStderr, num(r.Stderr))
				w.raw("</td><td class=\"num\">")
				w.text(strconv.FormatFloat(r.Normalised, 'f', 1, 64))
				w.raw("</td>\n<td><time datetime=\"")
				w.text(r.Date)
				w.raw("\">")
				w.text(r.Date)
				w.raw("</time></td>\n<td>")
				if r.Source.URL != "" {
					w.raw("<a href=\"")
					w.url(r.Source.URL)
					w.raw("\" rel=\"nofollow noopener\">")
					if r.Source.Name != "" {
						w.text(r.Source.Name)
					} else {
						w.text(r.Source.URL)
					}
					w.raw("</a>")
				} else {
					w.text(r.Source.Name)
				}
				w.raw(" ")
				if err := kind(w, r.Source.Kind); err != nil {
					return err
				}
				w.raw("</td></tr>")
			}
			return nil
		})
	}
}

// sitePart is the data of a part of the layout that reads only the site and the
// kind of the page (see sitewide).
type sitePart struct {
	Site *site.Site
	Kind string
}

// sitewide returns the "sitewide" function of the page kind t: the HTML of the
// template name of t run on the site and a kind of page, made once per name and
// kind (the layout's header, footer and links in the head are the same on every
// page of a kind, and a big league has tens of thousands of pages).
func sitewide(s *site.Site, t *template.Template) func(name, kind string) (template.HTML, error) {
	part := madeOnce(func(k [2]string) (string, error) {
		var b strings.Builder
		err := t.ExecuteTemplate(&b, k[0], sitePart{Site: s, Kind: k[1]})
		return b.String(), err
	})
	return func(name, kind string) (template.HTML, error) { return part([2]string{name, kind}) }
}
