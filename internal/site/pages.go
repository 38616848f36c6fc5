package site

import (
	"fmt"
	"html"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/standings"
)

// NewsPerPage is the length of one /news/ page.
const NewsPerPage = 20

// ModelNews is how many news items a model or club page lists; the rest are a link
// away, on /news/.
const ModelNews = 20

// ModelMatches is how many matches a model page lists one by one. A model of a
// bigger league lists those that have a head-to-head page and sums up the others
// (every one is in its model.json and on /compare/), so that a page stays the same
// size whatever the size of the league.
const ModelMatches = 50

// Page is the data of one HTML page: everything render needs to format it.
type Page struct {
	Kind        string // the template: home, standings, model, …
	Path        string // site path, e.g. "models/x/"; "" for the home page
	Out         string // the file it is written to, e.g. "models/x/index.html"
	Title       string // the page's own title; the layout adds the site title
	Description string
	Canonical   string // absolute URL
	OGType      string // "website" or "article"
	LastMod     string // YYYY-MM-DD for pages tied to a day (sitemap), else ""
	Data        any    // one of the *View types, a *content.Post or *content.Page, or the Site
	Charts      []Chart
	NoIndex     bool // kept out of search engines and the sitemap (embed pages)

	Image    string      // site path of the page's share image
	ImageURL string      // its absolute URL
	ImageAlt string      // what the image says, in words
	Card     *share.Card // what to draw at Image; nil when the image is another page's
}

// Chart is a figure a page shows: which one, and the data it is drawn from.
type Chart struct {
	Kind  string // ChartPoints, ChartRating, ChartHistory, ChartEfficiency, ChartCategories, ChartBenchmark, ChartH2H
	Group string // the table the chart belongs under ("" for the page as a whole)
	Table *standings.Table
	Model string
	Bench *league.Benchmark
	Match *standings.Match
	Eff   []EffPoint
}

// The kinds of Chart.
const (
	ChartPoints     = "points"
	ChartRating     = "rating"
	ChartHistory    = "history"
	ChartEfficiency = "efficiency"
	ChartCategories = "categories"
	ChartBenchmark  = "benchmark"
	ChartH2H        = "h2h"
)

// newsCategories are the categories a news item can have, in display order.
var newsCategories = []string{"release", "policy", "benchmark", "research"}

// build makes the data of every page, once.
func (s *Site) build() {
	s.pages = nil
	s.postEmbeds = map[*content.Post][]EmbedView{}
	add := func(kind, path, title, desc string, data any) *Page {
		p := &Page{Kind: kind, Path: path, Out: outPath(path), Title: title, Description: desc, Data: data}
		s.pages = append(s.pages, p)
		return p
	}
	latest := s.Season.Latest()

	// Home.
	home := HomeView{Posts: firstPosts(s.Posts, 5), News: firstNews(s.News, 8)}
	for _, t := range latest.Tables[1:] {
		home.Tables = append(home.Tables, s.tableView(t, latest, 5, true))
	}
	if len(latest.Tables) == 1 {
		home.Tables = append(home.Tables, s.tableView(latest.Tables[0], latest, 10, true))
	}
	add("home", "", "", s.Config.Description, home)

	// Standings, current and dated.
	newestFirst := make([]*standings.Snapshot, len(s.Season.Snapshots))
	for i, sn := range s.Season.Snapshots {
		newestFirst[len(newestFirst)-1-i] = sn
	}
	changes := map[string][]standings.Change{}
	for _, c := range s.Season.Changes {
		changes[c.Date] = append(changes[c.Date], c)
	}
	for _, sn := range s.Season.Snapshots {
		if sn.Date == "" {
			continue
		}
		p := add("standings", "standings/"+sn.Date+"/", "Standings on "+LongDate(sn.Date),
			fmt.Sprintf("League tables of open-weight AI models as they stood on %s.", LongDate(sn.Date)),
			s.standingsView(sn, newestFirst, changes[sn.Date], false))
		p.LastMod = sn.Date
		s.tableRowsPages(add, sn, "standings/"+sn.Date+"/", false)
	}
	pg := add("standings", "standings/", "Standings",
		fmt.Sprintf("Every league table of open-weight AI models, as of %s: points, W-D-L, ratings.", LongDate(latest.Date)),
		s.standingsView(latest, newestFirst, changes[latest.Date], true))
	for _, t := range latest.Tables {
		pg.Charts = append(pg.Charts, Chart{Kind: ChartPoints, Group: t.ID, Table: t},
			Chart{Kind: ChartRating, Group: t.ID, Table: t}, Chart{Kind: ChartHistory, Group: t.ID, Table: t})
	}
	pg.Charts = append(pg.Charts, Chart{Kind: ChartEfficiency, Eff: EfficiencyPoints(latest, s.Data.Models, s.benches)})
	s.tableRowsPages(add, latest, "standings/", true)

	// Models, clubs, benchmarks, head-to-heads.
	for i := range s.Data.Models {
		m := &s.Data.Models[i]
		v := s.modelView(m, latest)
		pg := add("model", "models/"+m.ID+"/", m.Name, s.modelDescription(v), v)
		pg.Charts = []Chart{{Kind: ChartCategories, Model: m.ID}}
	}
	for i := range s.Data.Clubs {
		c := &s.Data.Clubs[i]
		v := s.clubView(c, latest)
		add("club", "clubs/"+c.ID+"/", c.Name,
			fmt.Sprintf("%s: squad of %d models, record %d-%d-%d, %d points.", c.Name, len(v.Squad)+len(v.Unranked), v.Won, v.Drawn, v.Lost, v.Points), v)
	}
	for i := range s.Data.Benchmarks {
		b := &s.Data.Benchmarks[i]
		v := s.benchmarkView(b, latest)
		pg := add("benchmark", "benchmarks/"+b.ID+"/", b.Name,
			fmt.Sprintf("Leaderboard of %s: %d open-weight models, raw and normalised scores.", b.Name, len(v.Results)), v)
		pg.Charts = []Chart{{Kind: ChartBenchmark, Bench: b}}
	}
	for _, m := range latest.Matches {
		if !s.h2hPages[pairKey(m.A, m.B)] {
			continue
		}
		v := s.h2hView(m, latest)
		pg := add("h2h", H2HPath(m.A, m.B), s.ModelName(m.A)+" vs "+s.ModelName(m.B), s.h2hDescription(m), v)
		pg.Charts = []Chart{{Kind: ChartH2H, Match: m}}
	}

	add("compare", "compare/", "Compare two models",
		"Any two open-weight models side by side: scores benchmark by benchmark, their match, their tables.", s.compareView())

	// Commentary and pages.
	for i := range s.Posts {
		p := &s.Posts[i]
		var data any = p
		if e := s.embeds(p.HTML, p.Date); len(e) > 0 {
			data = PostView{Post: p, Embeds: e}
			s.postEmbeds[p] = e
		}
		pg := add("post", "posts/"+p.Slug+"/", p.Title, p.Summary, data)
		pg.OGType, pg.LastMod = "article", p.Date
	}
	all := make([]*content.Post, len(s.Posts))
	for i := range s.Posts {
		all[i] = &s.Posts[i]
	}
	add("list", "posts/", "Commentary", "Commentary on the open-weight league.", ListView{Posts: all, Tags: s.Tags})
	add("list", "tags/", "Tags", "Commentary by tag.", ListView{Tags: s.Tags})
	for _, t := range s.Tags {
		add("list", "tags/"+t.Name+"/", "Tagged "+t.Name, "Commentary tagged "+t.Name+".", ListView{Posts: t.Posts})
	}
	for i := range s.Pages {
		p := &s.Pages[i]
		var data any = p
		// A page has no date: its league blocks show the league as it stands.
		if e := s.embeds(p.HTML, s.Season.Latest().Date); len(e) > 0 {
			data = PageView{Page: p, Embeds: e}
		}
		add("page", p.Slug+"/", p.Title, p.Summary, data)
	}
	add("methodology", "methodology/", "Methodology", "How the league is computed: matches, points, ratings and snapshots, as this site is configured.", s)
	nf := add("notfound", "404.html", "Page not found", "", nil)
	nf.Out = "404.html"

	// News, paginated, and by category.
	s.newsPages(add)

	// A page per table to put in an iframe elsewhere.
	s.embedPages(add)

	for _, p := range s.pages {
		if p.Canonical == "" {
			p.Canonical = s.AbsURL(p.Path)
		}
		if p.OGType == "" {
			p.OGType = "website"
		}
		if p.Description == "" {
			p.Description = s.Config.Description
		}
	}
	s.shareImages()
}

// PostEmbeds returns the data of a post's league blocks, in order.
func (s *Site) PostEmbeds(p *content.Post) []EmbedView { return s.postEmbeds[p] }

// HTMLPages returns the data of every HTML page, in a fixed order.
func (s *Site) HTMLPages() []*Page { return s.pages }

// outPath maps a pretty URL path to its file.
func outPath(p string) string {
	if p == "" {
		return "index.html"
	}
	return p + "index.html"
}

func firstPosts(posts []content.Post, n int) []*content.Post {
	var out []*content.Post
	for i := range posts {
		if i == n {
			break
		}
		out = append(out, &posts[i])
	}
	return out
}

func firstNews(items []news.Item, n int) []news.Item {
	if len(items) > n {
		return items[:n]
	}
	return items
}

// TableName is the display name of a table id, as the standings name it.
func (s *Site) TableName(id string) string {
	if t := s.Season.Latest().Table(id); t != nil {
		return t.Name
	}
	return id
}

// tableView shows table t of snapshot sn, the whole of it or its top rows. A current
// table lives on /standings/, any other on its snapshot's page, and links to the
// current one.
func (s *Site) tableView(t *standings.Table, sn *standings.Snapshot, top int, current bool) TableView {
	page := "standings/"
	if !current && sn.Date != "" {
		page = "standings/" + sn.Date + "/"
	}
	v := TableView{HTMLID: t.ID, Table: t, AsOf: sn.Date, Rows: t.Rows, Link: s.URL(page + "#" + t.ID),
		Page: page, Prev: s.prevSnapshot(sn)}
	if page != "standings/" {
		v.Now = "standings/"
	}
	if top > 0 && len(t.Rows) > top {
		v.Rows, v.More = t.Rows[:top], true
	}
	if top == 0 && len(t.Rows) > TableTop {
		v.Rows = t.Rows[:TableTop]
		v.Next, v.NextLabel = s.URL(rowsPage(page, t.ID, TableTop)), rowsLabel(TableTop, len(t.Rows))
	}
	if current && top == 0 {
		v.Files = true
		title := t.Name + " table"
		if s.Config.Title != "" {
			title += " · " + s.Config.Title
		}
		v.EmbedCode = fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0" loading="lazy"></iframe>`,
			s.AbsURL(EmbedPath(t.ID)), html.EscapeString(title), embedHeight(len(t.Rows)))
	}
	return v
}

// TableTop is how many rows of a table a standings page shows. A longer table goes
// on over pages of TableChunk rows (standings/overall/page/2/, and the same under each
// dated page), so that no page grows past a megabyte or two however big the league;
// every row keeps its id, and links to a row go to the page that shows it (RowURL).
// (Variables only so that tests can make them small.)
var (
	TableTop   = 100
	TableChunk = 1000
)

// rowsPage is the site path of the page that shows row i (from 0) of table t of the
// standings page at site path page.
func rowsPage(page, table string, i int) string {
	if i < TableTop {
		return page
	}
	return page + table + "/page/" + strconv.Itoa(2+(i-TableTop)/TableChunk) + "/"
}

// rowsLabel names the rows from lo (from 0) of a table of n rows that one page shows.
func rowsLabel(lo, n int) string {
	hi := TableTop
	if lo >= TableTop {
		hi = min(lo+TableChunk, n)
	}
	if hi == lo+1 {
		return "Row " + thousands(hi) + " of " + thousands(n)
	}
	return "Rows " + thousands(lo+1) + "–" + thousands(hi) + " of " + thousands(n)
}

// thousands writes 12345 as "12,345".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// RowURL returns the root-relative link of a model's row in a table: on the current
// standings when date is "", else on that day's snapshot page; the link goes to the
// page of the table that shows the row.
func (s *Site) RowURL(date, table, model string) string { return s.URL(s.rowPath(date, table, model)) }

// AbsRowURL is RowURL as an absolute URL, for feeds.
func (s *Site) AbsRowURL(date, table, model string) string {
	return s.AbsURL(s.rowPath(date, table, model))
}

// rowPath is the site path of a row, with its fragment.
func (s *Site) rowPath(date, table, model string) string {
	page, sn := "standings/", s.Season.Latest()
	if date != "" {
		page, sn = "standings/"+date+"/", s.snapshots[date]
	}
	if sn != nil {
		if t := sn.Table(table); t != nil {
			if i, ok := s.rowIndex[t][model]; ok {
				page = rowsPage(page, table, i)
			}
		}
	}
	return page + "#" + table + "--" + model
}

// tableRowsPages adds the pages that carry on the tables of standings page page (of
// snapshot sn) that are longer than TableTop rows.
func (s *Site) tableRowsPages(add func(kind, path, title, desc string, data any) *Page, sn *standings.Snapshot, page string, current bool) {
	for _, t := range sn.Tables {
		for lo := TableTop; lo < len(t.Rows); lo += TableChunk {
			hi := min(lo+TableChunk, len(t.Rows))
			path := rowsPage(page, t.ID, lo)
			v := TableView{HTMLID: t.ID, Table: t, AsOf: sn.Date, Rows: t.Rows[lo:hi], Link: s.URL(path + "#" + t.ID),
				Page: path, Prev: s.prevSnapshot(sn), PrevRows: s.URL(rowsPage(page, t.ID, lo-1)), PrevLabel: rowsLabel(max(0, lo-TableChunk), len(t.Rows))}
			if lo == TableTop {
				v.PrevLabel = rowsLabel(0, len(t.Rows))
			}
			if !current {
				v.Now = "standings/"
			}
			if hi < len(t.Rows) {
				v.Next, v.NextLabel = s.URL(rowsPage(page, t.ID, hi)), rowsLabel(hi, len(t.Rows))
			}
			title := t.Name + " table, " + strings.ToLower(rowsLabel(lo, len(t.Rows))[:1]) + rowsLabel(lo, len(t.Rows))[1:]
			when := "as of " + LongDate(sn.Date)
			if !current {
				title += " on " + LongDate(sn.Date)
				when = "as it stood on " + LongDate(sn.Date)
			}
			p := add("tablerows", path, title, fmt.Sprintf("The %s table of open-weight AI models %s: %s.", t.Name, when, strings.ToLower(rowsLabel(lo, len(t.Rows)))),
				TableRowsView{Table: v, Standings: page, Current: current})
			if !current {
				p.LastMod = sn.Date
			}
		}
	}
}

// prevSnapshot is the date of the snapshot before sn, or "".
func (s *Site) prevSnapshot(sn *standings.Snapshot) string {
	for i, x := range s.Season.Snapshots {
		if x == sn && i > 0 {
			return s.Season.Snapshots[i-1].Date
		}
	}
	return ""
}

func (s *Site) standingsView(sn *standings.Snapshot, all []*standings.Snapshot, changes []standings.Change, current bool) StandingsView {
	v := StandingsView{Snapshot: sn, Snapshots: all, Current: current, Changes: changes}
	for _, t := range sn.Tables {
		v.Tables = append(v.Tables, s.tableView(t, sn, 0, current))
	}
	return v
}

func (s *Site) modelView(m *league.Model, sn *standings.Snapshot) ModelView {
	v := ModelView{Model: m, Club: s.Club(m.Club), Division: standings.DivisionOf(standings.RulesFrom(s.Config.League).Divisions, m.ParamsB),
		Posts: s.PostsAbout(m.ID)}
	v.News, v.MoreNews = recent(s.newsByModel[m.ID])
	v.DivName = s.TableName(v.Division)
	for _, res := range s.resultsByModel[m.ID] {
		v.Results = append(v.Results, s.resultView(res))
	}
	v.Matches = s.matchesByModel[m.ID]
	v.Listed = v.Matches
	if len(v.Matches) > ModelMatches {
		v.Listed = nil
		for _, mt := range v.Matches {
			if s.h2hPages[pairKey(mt.A, mt.B)] {
				v.Listed = append(v.Listed, mt)
				continue
			}
			v.Unlisted.Played++
			switch mt.Winner {
			case m.ID:
				v.Unlisted.Won++
			case "":
				v.Unlisted.Drawn++
			default:
				v.Unlisted.Lost++
			}
		}
	}
	for _, t := range sn.Tables {
		if i, ok := s.rowIndex[t][m.ID]; ok {
			v.Rows = append(v.Rows, TableRowView{Table: t, Row: t.Rows[i]})
		}
	}
	return v
}

// recent returns the first ModelNews items and how many more there are.
func recent(items []news.Item) ([]news.Item, int) {
	if len(items) > ModelNews {
		return items[:ModelNews], len(items) - ModelNews
	}
	return items, 0
}

func (s *Site) resultView(res league.Result) ResultView {
	b := s.Benchmark(res.Benchmark)
	v := ResultView{Model: res.Model, Benchmark: res.Benchmark, Score: res.Score, Stderr: res.Stderr,
		HasStderr: res.HasStderr, Setting: res.Setting, Date: res.Date, From: res.From, Until: res.Until,
		Source: res.Source, File: res.File, Index: res.Index, Line: res.Line, Col: res.Col, Bench: b}
	if b != nil {
		v.Normalised = standings.Normalised(*b, res.Score)
	}
	return v
}

func (s *Site) clubView(c *league.Club, sn *standings.Snapshot) ClubView {
	v := ClubView{Club: c}
	v.News, v.MoreNews = recent(s.newsByClub[c.ID])
	overall := sn.Table(standings.Overall)
	ranked := map[string]bool{}
	if overall != nil {
		for _, row := range overall.Rows {
			if row.Club == c.ID {
				v.Squad = append(v.Squad, TableRowView{Table: overall, Row: row})
				ranked[row.Model] = true
				v.Played += row.Played
				v.Won += row.Won
				v.Drawn += row.Drawn
				v.Lost += row.Lost
				v.Points += row.Points
			}
		}
	}
	for i := range s.Data.Models {
		if m := &s.Data.Models[i]; m.Club == c.ID && !ranked[m.ID] {
			v.Unranked = append(v.Unranked, m)
		}
	}
	return v
}

func (s *Site) benchmarkView(b *league.Benchmark, sn *standings.Snapshot) BenchmarkView {
	v := BenchmarkView{Bench: b}
	for _, res := range s.resultsByBench[b.ID] {
		v.Results = append(v.Results, s.resultView(res))
	}
	sort.SliceStable(v.Results, func(i, j int) bool {
		a, c := v.Results[i].Score, v.Results[j].Score
		if a != c {
			if b.HigherIsBetter {
				return a > c
			}
			return a < c
		}
		return v.Results[i].Model < v.Results[j].Model
	})
	return v
}

func (s *Site) h2hView(m *standings.Match, sn *standings.Snapshot) H2HView {
	v := H2HView{Match: m, AsOf: sn.Date, benches: s.benches}
	for _, t := range sn.Tables {
		if s.inTable(sn, t, m.A) && s.inTable(sn, t, m.B) {
			v.Tables = append(v.Tables, t)
		}
	}
	return v
}

// inTable reports whether a model has a row in t.
func (s *Site) inTable(sn *standings.Snapshot, t *standings.Table, model string) bool {
	if idx, ok := s.rowIndex[t]; ok {
		_, in := idx[model]
		return in
	}
	for _, row := range t.Rows {
		if row.Model == model {
			return true
		}
	}
	return false
}

func (s *Site) modelDescription(v ModelView) string {
	d := v.Model.Name + " by " + s.ClubName(v.Model.Club)
	for _, tr := range v.Rows {
		if tr.Table.ID == standings.Overall {
			d += fmt.Sprintf(": %s overall with %d points (%d-%d-%d), rating %.1f", RankLabel(tr.Row.Rank, tr.Row.SharedRank),
				tr.Row.Points, tr.Row.Won, tr.Row.Drawn, tr.Row.Lost, tr.Row.Rating)
		}
	}
	return d + fmt.Sprintf(". %d results with sources, %d head-to-heads.", len(v.Results), len(v.Matches))
}

func (s *Site) h2hDescription(m *standings.Match) string {
	a, b := s.ModelName(m.A), s.ModelName(m.B)
	shared := m.AWon + m.BWon + m.Drawn // each shared benchmark is taken or drawn: no need to play the legs
	switch m.Winner {
	case m.A:
		return fmt.Sprintf("%s beats %s %d-%d over %d shared benchmarks (%d drawn).", a, b, m.AWon, m.BWon, shared, m.Drawn)
	case m.B:
		return fmt.Sprintf("%s beats %s %d-%d over %d shared benchmarks (%d drawn).", b, a, m.BWon, m.AWon, shared, m.Drawn)
	}
	return fmt.Sprintf("%s and %s draw %d-%d over %d shared benchmarks (%d drawn).", a, b, m.AWon, m.BWon, shared, m.Drawn)
}

func (s *Site) newsPages(add func(kind, path, title, desc string, data any) *Page) {
	type list struct {
		cat   string
		items []news.Item
	}
	lists := []list{{"", s.News}}
	byCat := map[string][]news.Item{}
	for _, it := range s.News {
		byCat[it.Category] = append(byCat[it.Category], it)
	}
	for _, c := range newsCategories {
		if items := byCat[c]; len(items) > 0 {
			lists = append(lists, list{c, items})
		}
	}
	var present []string
	for _, l := range lists[1:] {
		present = append(present, l.cat)
	}
	for _, l := range lists {
		root := "news/"
		title := "News"
		if l.cat != "" {
			root = "news/" + l.cat + "/"
			title = "News: " + l.cat
		}
		pages := (len(l.items) + NewsPerPage - 1) / NewsPerPage
		if pages == 0 {
			pages = 1
		}
		pagePath := func(n int) string {
			if n == 1 {
				return root
			}
			return root + "page/" + strconv.Itoa(n) + "/"
		}
		for n := 1; n <= pages; n++ {
			lo, hi := (n-1)*NewsPerPage, min(n*NewsPerPage, len(l.items))
			v := NewsView{Items: l.items[lo:hi], Category: l.cat, Categories: present, Page: n, Of: pages}
			if n > 1 {
				v.Prev = s.URL(pagePath(n - 1))
			}
			if n < pages {
				v.Next = s.URL(pagePath(n + 1))
			}
			t := title
			if n > 1 {
				t += fmt.Sprintf(" (page %d)", n)
			}
			add("news", pagePath(n), t, "News about open-weight AI models: releases, policy, benchmarks and research.", v)
		}
	}
}

// RankLabel shows a shared rank as "=3".
func RankLabel(rank int, shared bool) string {
	if shared {
		return "=" + strconv.Itoa(rank)
	}
	return strconv.Itoa(rank)
}

// Ordinal writes 1st, 2nd, 3rd, 4th, 11th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// LongDate turns 2026-06-03 (or an RFC 3339 time) into "3 June 2026".
func LongDate(s string) string {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2 January 2006")
		}
	}
	return s
}

// pair is an unordered pair of model ids, a <= b.
type pair struct{ a, b string }

// pairKey is the key of an unordered pair of model ids.
func pairKey(a, b string) pair {
	if b < a {
		a, b = b, a
	}
	return pair{a, b}
}

// h2hPairs decides which pairs that met get a /h2h/ page: as h2h_pages says, plus every pair
// a post or page names in a league block, plus every pair among a post's models.
func (s *Site) h2hPairs() map[pair]bool {
	pairs := map[pair]bool{}
	latest := s.Season.Latest()
	divs := standings.RulesFrom(s.Config.League).Divisions
	division := map[string]string{}
	for _, m := range s.Data.Models {
		division[m.ID] = standings.DivisionOf(divs, m.ParamsB)
	}
	switch s.Config.H2HPages {
	case config.H2HAll:
		for _, m := range latest.Matches {
			pairs[pairKey(m.A, m.B)] = true
		}
	case config.H2HDivisions:
		divisionPairs(pairs, latest, division)
	case config.H2HNamed:
	case config.H2HNeighbours:
		s.neighbours(pairs)
	default: // config.H2HAuto, the default
		// The matches are of distinct pairs: count the division's pairs before
		// keeping them, as a big league keeps the neighbours instead.
		if sameDivision(latest, division) > autoH2HLimit {
			s.neighbours(pairs)
		} else {
			divisionPairs(pairs, latest, division)
		}
	}
	named := func(body string) {
		for _, d := range directives(body) {
			if len(d) == 3 && d[0] == "h2h" {
				pairs[pairKey(d[1], d[2])] = true
			}
		}
	}
	for _, p := range s.Posts {
		named(p.HTML)
		for i, a := range p.Models {
			for _, b := range p.Models[i+1:] {
				if a != b {
					pairs[pairKey(a, b)] = true
				}
			}
		}
	}
	for _, p := range s.Pages {
		named(p.HTML)
	}
	met := make(map[pair]bool, len(pairs))
	for k := range pairs {
		if latest.Match(k.a, k.b) != nil {
			met[k] = true
		}
	}
	return met
}

// autoH2HLimit is config.AutoH2HLimit, a variable so that tests can cross it with a
// small league.
var autoH2HLimit = config.AutoH2HLimit

// divisionPairs adds the pairs of models of one division that met.
func divisionPairs(pairs map[pair]bool, latest *standings.Snapshot, division map[string]string) {
	for _, m := range latest.Matches {
		if d := division[m.A]; d != "" && d == division[m.B] {
			pairs[pairKey(m.A, m.B)] = true
		}
	}
}

// sameDivision counts the matches between models of one division.
func sameDivision(latest *standings.Snapshot, division map[string]string) int {
	n := 0
	for _, m := range latest.Matches {
		if d := division[m.A]; d != "" && d == division[m.B] {
			n++
		}
	}
	return n
}

// neighbours adds the pairs of models that stood within H2HPlaces places of each
// other in a division's table on any snapshot of the season. Taking every snapshot,
// not only the latest, keeps a page once it is made: a link to it does not break when
// the two drift apart in the table.
func (s *Site) neighbours(pairs map[pair]bool) {
	places := s.Config.H2HPlaces
	if places < 1 {
		places = config.DefaultH2HPlaces
	}
	for _, sn := range s.Season.Snapshots {
		for _, t := range sn.Tables {
			if t.ID == standings.Overall {
				continue
			}
			for i, a := range t.Rows {
				for _, b := range t.Rows[i+1 : min(len(t.Rows), i+1+places)] {
					pairs[pairKey(a.Model, b.Model)] = true
				}
			}
		}
	}
}

// H2HURL returns the root-relative link of the head-to-head page of two models, or ""
// when the pair has no page (they did not meet, or h2h_pages leaves them out).
func (s *Site) H2HURL(a, b string) string {
	if !s.h2hPages[pairKey(a, b)] {
		return ""
	}
	return s.URL(H2HPath(a, b))
}

// CompareURL returns the link of /compare/ with one or two models chosen.
func (s *Site) CompareURL(a, b string) string {
	u := s.URL("compare/") + "?a=" + url.QueryEscape(a)
	if b != "" {
		u += "&b=" + url.QueryEscape(b)
	}
	return u
}

// H2HPageCount is the number of /h2h/ pages.
func (s *Site) H2HPageCount() int { return len(s.h2hPages) }

func (s *Site) compareView() CompareView {
	var v CompareView
	for _, m := range s.Data.Models {
		v.Models = append(v.Models, CompareModel{ID: m.ID, Name: m.Name, Club: s.ClubName(m.Club)})
	}
	sort.SliceStable(v.Models, func(i, j int) bool {
		if v.Models[i].Name != v.Models[j].Name {
			return v.Models[i].Name < v.Models[j].Name
		}
		return v.Models[i].ID < v.Models[j].ID
	})
	return v
}

// ModelViews returns the data of every model page, in the order of models.yaml.
func (s *Site) ModelViews() []ModelView {
	var out []ModelView
	for _, p := range s.pages {
		if v, ok := p.Data.(ModelView); ok {
			out = append(out, v)
		}
	}
	return out
}
