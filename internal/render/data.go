package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/feed"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// standingsJSON is the document of SPEC 4.1.
type standingsJSON struct {
	AsOf   string      `json:"as_of"`
	Tables []tableJSON `json:"tables"`
}

type tableJSON struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Rows []standings.Row `json:"rows"`
}

// DataFiles emits everything that is not an HTML page or a static file: the league
// as JSON, CSV and Markdown, the feeds, the sitemap and the hosting files.
func (r *Renderer) DataFiles(emit Emit) error {
	s := r.site
	latest := s.Season.Latest()
	for _, sn := range s.Season.Snapshots {
		b, err := snapshotJSON(sn)
		if err != nil {
			return err
		}
		if sn.Date != "" { // a league with no results yet has one undated snapshot
			if err := emit("standings/"+sn.Date+"/standings.json", b); err != nil {
				return err
			}
		}
		if sn == latest {
			if err := emit("standings.json", b); err != nil {
				return err
			}
		}
	}
	for _, t := range latest.Tables {
		if err := emit("standings/"+t.ID+".csv", tableCSV(s, t)); err != nil {
			return err
		}
		if err := emit("standings/"+t.ID+".md", tableMarkdown(s, t, latest.Date)); err != nil {
			return err
		}
	}
	if err := r.feeds(emit); err != nil {
		return err
	}
	for _, v := range s.ModelViews() {
		b, err := modelJSON(s, v)
		if err != nil {
			return err
		}
		if err := emit("models/"+v.Model.ID+"/model.json", b); err != nil {
			return err
		}
	}

	var urls []feed.SitemapURL
	for _, p := range s.HTMLPages() {
		if p.Out == "404.html" || p.NoIndex {
			continue
		}
		urls = append(urls, feed.SitemapURL{Loc: s.AbsURL(p.Path), LastMod: p.LastMod})
	}
	sm, err := sitemaps(s, urls, emit)
	if err != nil {
		return err
	}
	files := []File{
		{"sitemap.xml", sm},
		{"robots.txt", feed.Robots(s.AbsURL("sitemap.xml"))},
		{".nojekyll", nil},
		{"css/highlight.css", []byte(content.HighlightStylesheet())},
	}
	if c := strings.TrimSpace(s.Config.CNAME); c != "" {
		files = append(files, File{"CNAME", []byte(c + "\n")})
	}
	for _, f := range files {
		if err := emit(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

func snapshotJSON(sn *standings.Snapshot) ([]byte, error) {
	doc := standingsJSON{AsOf: sn.Date, Tables: []tableJSON{}}
	for _, t := range sn.Tables {
		rows := t.Rows
		if rows == nil {
			rows = []standings.Row{}
		}
		doc.Tables = append(doc.Tables, tableJSON{ID: t.ID, Name: t.Name, Rows: rows})
	}
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("standings.json %s: %w", sn.Date, err)
	}
	return append(b, '\n'), nil
}

var tableColumns = []string{"rank", "shared_rank", "model", "name", "club", "played", "won", "drawn", "lost",
	"bench_for", "bench_against", "bench_diff", "points", "rating", "rating_low", "rating_high", "movement"}

func tableCSV(s *site.Site, t *standings.Table) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(tableColumns)
	for _, row := range t.Rows {
		mv := ""
		if row.Movement != nil {
			mv = strconv.Itoa(*row.Movement)
		}
		w.Write([]string{strconv.Itoa(row.Rank), strconv.FormatBool(row.SharedRank), row.Model, s.ModelName(row.Model), row.Club,
			strconv.Itoa(row.Played), strconv.Itoa(row.Won), strconv.Itoa(row.Drawn), strconv.Itoa(row.Lost),
			strconv.Itoa(row.BenchFor), strconv.Itoa(row.BenchAgainst), strconv.Itoa(row.BenchDiff), strconv.Itoa(row.Points),
			rating(row.Rating), rating(row.RatingLow), rating(row.RatingHigh), mv})
	}
	w.Flush()
	return buf.Bytes()
}

func rating(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// mdCell escapes what would break a Markdown table cell or become markup where the
// table is pasted (GitHub, Reddit, goldmark): the cell separator, line breaks, HTML,
// and the characters that start emphasis, links, code and strikethrough.
var mdCell = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`).Replace

func tableMarkdown(s *site.Site, t *standings.Table, asOf string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "| # | Model | Club | P | W | D | L | BF | BA | BD | Pts | Rating |\n")
	fmt.Fprintf(&b, "|--:|:--|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, row := range t.Rows {
		fmt.Fprintf(&b, "| %s | [%s](%s) | %s | %d | %d | %d | %d | %d | %d | %+d | %d | %s (%s–%s) |\n",
			site.RankLabel(row.Rank, row.SharedRank), mdCell(s.ModelName(row.Model)), s.AbsURL("models/"+row.Model+"/"),
			mdCell(s.ClubName(row.Club)), row.Played, row.Won, row.Drawn, row.Lost, row.BenchFor, row.BenchAgainst,
			row.BenchDiff, row.Points, rating(row.Rating), rating(row.RatingLow), rating(row.RatingHigh))
	}
	link := s.AbsURL("standings/" + asOf + "/#" + t.ID)
	if asOf == "" {
		link = s.AbsURL("standings/#" + t.ID)
	}
	fmt.Fprintf(&b, "\n%s table as of %s — %s\n", mdCell(t.Name), asOf, link)
	return []byte(b.String())
}

// feeds renders the site-wide feeds in three formats and one Atom feed per kind.
func (r *Renderer) feeds(emit Emit) error {
	s := r.site
	posts, err := r.postEntries()
	if err != nil {
		return err
	}
	items, changes := newsEntries(s), changeEntries(s)
	all := mergeEntries(s.Config.FeedLimit, posts, items, changes)
	base := feed.Feed{Title: s.Config.Title, Subtitle: s.Config.Description, SiteURL: s.AbsURL(""),
		Author: s.Config.Author, Language: s.Config.Language, Entries: all}
	for _, f := range []struct {
		path  string
		write func(feed.Feed) ([]byte, error)
	}{{"feed.xml", feed.Atom}, {"rss.xml", feed.RSS}, {"feed.json", feed.JSON}} {
		fd := base
		fd.SelfURL = s.AbsURL(f.path)
		fd.ID = s.AbsURL("feed.xml")
		b, err := f.write(fd)
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		if err := emit(f.path, b); err != nil {
			return err
		}
	}
	for _, k := range []struct {
		path, section, title string
		entries              []feed.Entry
	}{
		{"posts/feed.xml", "posts/", "commentary", posts},
		{"news/feed.xml", "news/", "news", items},
		{"standings/feed.xml", "standings/", "standings changes", changes},
	} {
		fd := base
		fd.Title = s.Config.Title + ": " + k.title
		fd.SiteURL = s.AbsURL(k.section)
		fd.SelfURL = s.AbsURL(k.path)
		fd.ID = fd.SelfURL
		fd.Entries = mergeEntries(s.Config.FeedLimit, k.entries)
		b, err := feed.Atom(fd)
		if err != nil {
			return fmt.Errorf("%s: %w", k.path, err)
		}
		if err := emit(k.path, b); err != nil {
			return err
		}
	}
	return nil
}

// mergeEntries merges lists, newest first (ties by id), and keeps the first limit.
func mergeEntries(limit int, lists ...[]feed.Entry) []feed.Entry {
	var all []feed.Entry
	for _, l := range lists {
		all = append(all, l...)
	}
	sortEntries(all)
	if limit > 0 && len(all) > limit {
		all = all[:limit]
	}
	return all
}

func day(date string) time.Time {
	t, err := time.Parse(time.RFC3339, date)
	if err != nil {
		t, _ = time.Parse("2006-01-02", date)
	}
	return t.UTC()
}

// tagURI makes a stable tag: URI under the site's host.
func tagURI(s *site.Site, date, specific string) string {
	host := "ai-league"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + date[:10] + ":" + specific
}

func (r *Renderer) postEntries() ([]feed.Entry, error) {
	s := r.site
	var out []feed.Entry
	for i := range s.Posts {
		p := &s.Posts[i]
		body, err := r.PostHTML(p)
		if err != nil {
			return nil, fmt.Errorf("feed entry of %s: %w", p.File, err)
		}
		out = append(out, feed.Entry{ID: tagURI(s, p.Date, "posts/"+p.Slug), Title: p.Title, URL: s.AbsURL("posts/" + p.Slug + "/"),
			Published: day(p.Time), Updated: day(p.Time), Summary: p.Summary, Content: body, Categories: p.Tags})
	}
	return out, nil
}

func newsEntries(s *site.Site) []feed.Entry {
	var out []feed.Entry
	for _, it := range s.News {
		body := it.SummaryHTML
		if body == "" {
			body = "<p>" + html.EscapeString(it.Title) + "</p>"
		}
		body += fmt.Sprintf(`<p>Source: <a href="%s">%s</a></p>`, html.EscapeString(it.URL), html.EscapeString(it.Source))
		out = append(out, feed.Entry{ID: tagURI(s, it.Date, "news/"+it.ID), Title: it.Title, URL: it.URL,
			Published: day(it.Date), Updated: day(it.Date), Content: body, Categories: []string{it.Category}, Author: it.Source})
	}
	return out
}

// ChangeTitle says a standings change in words.
func ChangeTitle(s *site.Site, c standings.Change) string {
	name, table := s.ModelName(c.Model), s.TableName(c.Table)
	switch c.Kind {
	case standings.NewLeader:
		return fmt.Sprintf("%s takes the lead of the %s table", name, table)
	case standings.Entered:
		return fmt.Sprintf("%s enters the %s table at %s", name, table, ordinal(c.To))
	}
	if c.To < c.From {
		return fmt.Sprintf("%s climbs from %s to %s in the %s table", name, ordinal(c.From), ordinal(c.To), table)
	}
	return fmt.Sprintf("%s drops from %s to %s in the %s table", name, ordinal(c.From), ordinal(c.To), table)
}

func changeEntries(s *site.Site) []feed.Entry {
	var out []feed.Entry
	for _, c := range s.Season.Changes {
		link := s.AbsRowURL(c.Date, c.Table, c.Model)
		title := ChangeTitle(s, c)
		body := fmt.Sprintf(`<p>%s on %s. <a href="%s">See the table</a>.</p>`, html.EscapeString(title), site.LongDate(c.Date), html.EscapeString(link))
		out = append(out, feed.Entry{ID: tagURI(s, c.Date, "standings/"+c.ID), Title: title, URL: link,
			Published: day(c.Date), Updated: day(c.Date), Content: body, Categories: []string{"standings", c.Table}})
	}
	return out
}

func sortEntries(es []feed.Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		if !es[i].Updated.Equal(es[j].Updated) {
			return es[i].Updated.After(es[j].Updated)
		}
		return es[i].ID < es[j].ID
	})
}

// sitemapLimit is feed.SitemapLimit; tests lower it.
var sitemapLimit = feed.SitemapLimit

// sitemaps returns sitemap.xml: the sitemap itself, or, past feed.SitemapLimit URLs,
// an index of sitemaps/N.xml, which it emits (sorted by URL, SitemapLimit a file).
func sitemaps(s *site.Site, urls []feed.SitemapURL, emit Emit) ([]byte, error) {
	limit := sitemapLimit
	if len(urls) <= limit {
		return feed.Sitemap(urls)
	}
	sort.Slice(urls, func(i, j int) bool { return urls[i].Loc < urls[j].Loc })
	var locs []string
	for i := 0; i < len(urls); i += limit {
		name := "sitemaps/" + strconv.Itoa(len(locs)+1) + ".xml"
		b, err := feed.Sitemap(urls[i:min(i+limit, len(urls))])
		if err != nil {
			return nil, err
		}
		if err := emit(name, b); err != nil {
			return nil, err
		}
		locs = append(locs, s.AbsURL(name))
	}
	return feed.SitemapIndex(locs)
}
