package render

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/ai-league/ai-league/internal/chart"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// newsPerPage is the length of one /news/ page.
const newsPerPage = 20

// TableView is one standings table as a page shows it.
type TableView struct {
	HTMLID  string // the table's id on the page
	Table   *standings.Table
	AsOf    string
	Rows    []standings.Row // all rows, or the top ones on the home page
	More    bool            // rows were left out
	Link    string          // where the whole table lives
	Caption string
	Files   bool // show the CSV / Markdown / JSON links
}

// ResultView is one result with what a page shows beside it.
type ResultView struct {
	league.Result
	Bench      *league.Benchmark
	Normalised float64
}

// ModelView is the data of /models/<id>/.
type ModelView struct {
	Model    *league.Model
	Club     *league.Club
	Division string // division id, or "" when the model's size is unknown
	DivName  string
	Results  []ResultView
	Matches  []*standings.Match
	Rows     []TableRowView // its line in each table
	News     []news.Item
	Posts    []*content.Post
}

// TableRowView is a model's row in one table, with the table it is in.
type TableRowView struct {
	Table *standings.Table
	Row   standings.Row
}

// ClubView is the data of /clubs/<id>/.
type ClubView struct {
	Club               *league.Club
	Squad              []TableRowView // overall rows of its models, plus models without results
	Unranked           []*league.Model
	Played, Won, Drawn int
	Lost, Points       int
	News               []news.Item
}

// BenchmarkView is the data of /benchmarks/<id>/.
type BenchmarkView struct {
	Bench   *league.Benchmark
	Results []ResultView // best first
}

// H2HView is the data of /h2h/<a>-vs-<b>/.
type H2HView struct {
	Match  *standings.Match
	AsOf   string
	Legs   []LegView
	Tables []*standings.Table // tables where both play
}

// LegView is one benchmark of a head-to-head.
type LegView struct {
	standings.Leg
	Bench *league.Benchmark
}

// ListView is a list of posts (/posts/, /tags/<tag>/).
type ListView struct {
	Posts []*content.Post
	Tags  []site.Tag
}

// NewsView is one page of news.
type NewsView struct {
	Items      []news.Item
	Category   string
	Categories []string
	Page, Of   int
	Prev, Next string
}

// HomeView is the data of the home page.
type HomeView struct {
	Tables []TableView
	Posts  []*content.Post
	News   []news.Item
}

// StandingsView is the data of /standings/ and of each snapshot page.
type StandingsView struct {
	Snapshot  *standings.Snapshot
	Tables    []TableView
	Snapshots []*standings.Snapshot // all, newest first
	Changes   []standings.Change    // of this snapshot
	Current   bool                  // /standings/ rather than a dated page
}

// plan lists every page to render and renders the non-HTML files.
func (r *Renderer) plan(s *site.Site) ([]*job, []File, error) {
	var jobs []*job
	add := func(kind, path, title, desc string, data any) *Page {
		jobs = append(jobs, &job{kind: kind, out: outPath(path), page: Page{Path: path, Title: title, Description: desc, Data: data}})
		return &jobs[len(jobs)-1].page
	}
	latest := s.Season.Latest()

	// Home.
	home := HomeView{Posts: firstPosts(s.Posts, 5), News: firstNews(s.News, 8)}
	for _, t := range latest.Tables[1:] {
		home.Tables = append(home.Tables, r.tableView(t, latest.Date, 5, "standings/#"+t.ID, false))
	}
	if len(latest.Tables) == 1 {
		home.Tables = append(home.Tables, r.tableView(latest.Tables[0], latest.Date, 10, "standings/#overall", false))
	}
	add("home", "", "", s.Config.Description, home)

	// Standings, current and dated.
	newestFirst := make([]*standings.Snapshot, len(s.Season.Snapshots))
	for i, sn := range s.Season.Snapshots {
		newestFirst[len(newestFirst)-1-i] = sn
	}
	for _, sn := range s.Season.Snapshots {
		if sn.Date == "" {
			continue
		}
		v := r.standingsView(s, sn, newestFirst, false)
		add("standings", "standings/"+sn.Date+"/", "Standings on "+longDate(sn.Date),
			fmt.Sprintf("League tables of open-weight AI models as they stood on %s.", longDate(sn.Date)), v)
	}
	pg := add("standings", "standings/", "Standings",
		fmt.Sprintf("Every league table of open-weight AI models, as of %s: points, W-D-L, ratings.", longDate(latest.Date)),
		r.standingsView(s, latest, newestFirst, true))
	names := s.ModelNames()
	pg.draw = func() []Figure {
		var figs []Figure
		for _, t := range latest.Tables {
			p := "standings_" + t.ID
			figs = appendFigures(figs, t.ID,
				chart.StandingsPoints(p, t, names), chart.StandingsRating(p, t, names),
				chart.RankHistory(p, t.ID, s.Season.Snapshots, names))
		}
		return appendFigures(figs, "", chart.Efficiency("standings", chart.EfficiencyPoints(latest, s.Data.Models, s.Data.Benchmarks)))
	}

	// Models, clubs, benchmarks, head-to-heads.
	for i := range s.Data.Models {
		m := &s.Data.Models[i]
		v := r.modelView(s, m, latest)
		pg := add("model", "models/"+m.ID+"/", m.Name, modelDescription(s, v), v)
		pg.draw = func() []Figure {
			return appendFigures(nil, "", chart.ModelCategories("model", m.ID, latest, s.Data.Benchmarks, names))
		}
	}
	for i := range s.Data.Clubs {
		c := &s.Data.Clubs[i]
		v := r.clubView(s, c, latest)
		add("club", "clubs/"+c.ID+"/", c.Name,
			fmt.Sprintf("%s: squad of %d models, record %d-%d-%d, %d points.", c.Name, len(v.Squad)+len(v.Unranked), v.Won, v.Drawn, v.Lost, v.Points), v)
	}
	for i := range s.Data.Benchmarks {
		b := &s.Data.Benchmarks[i]
		v := benchmarkView(s, b, latest)
		pg := add("benchmark", "benchmarks/"+b.ID+"/", b.Name,
			fmt.Sprintf("Leaderboard of %s: %d open-weight models, raw and normalised scores.", b.Name, len(v.Results)), v)
		pg.draw = func() []Figure { return appendFigures(nil, "", chart.BenchmarkScores("benchmark", *b, latest, names)) }
	}
	for _, m := range latest.Matches {
		v := h2hView(s, m, latest)
		pg := add("h2h", site.H2HPath(m.A, m.B), s.ModelName(m.A)+" vs "+s.ModelName(m.B), h2hDescription(s, m), v)
		pg.draw = func() []Figure { return appendFigures(nil, "", chart.HeadToHead("h2h", m, names, s.Data.Benchmarks)) }
	}

	// Commentary and pages.
	for i := range s.Posts {
		p := &s.Posts[i]
		pg = add("post", "posts/"+p.Slug+"/", p.Title, p.Summary, p)
		pg.OGType = "article"
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
		add("page", p.Slug+"/", p.Title, p.Summary, p)
	}
	add("methodology", "methodology/", "Methodology", "How the league is computed: matches, points, ratings and snapshots, as this site is configured.", s)
	add("notfound", "404.html", "Page not found", "", nil)
	jobs[len(jobs)-1].out = "404.html"

	// News, paginated, and by category.
	r.newsPages(s, add)

	files, err := r.dataFiles(s, jobs)
	if err != nil {
		return nil, nil, err
	}
	return jobs, files, nil
}

// tableName is the display name of a table id, as the standings name it.
func tableName(s *site.Site, id string) string {
	if t := s.Season.Latest().Table(id); t != nil {
		return t.Name
	}
	return id
}

// appendFigures adds the figures that have something to draw.
func appendFigures(list []Figure, group string, figs ...chart.Figure) []Figure {
	for _, f := range figs {
		if !f.Empty() {
			list = append(list, Figure{Figure: f, Group: group})
		}
	}
	return list
}

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

func (r *Renderer) tableView(t *standings.Table, asOf string, top int, link string, files bool) TableView {
	v := TableView{HTMLID: t.ID, Table: t, AsOf: asOf, Rows: t.Rows, Link: r.basePath + link, Files: files}
	if top > 0 && len(t.Rows) > top {
		v.Rows, v.More = t.Rows[:top], true
	}
	return v
}

func (r *Renderer) standingsView(s *site.Site, sn *standings.Snapshot, all []*standings.Snapshot, current bool) StandingsView {
	v := StandingsView{Snapshot: sn, Snapshots: all, Current: current}
	for _, t := range sn.Tables {
		link := "standings/" + sn.Date + "/#" + t.ID
		if current {
			link = "standings/#" + t.ID
		}
		v.Tables = append(v.Tables, r.tableView(t, sn.Date, 0, link, current))
	}
	for _, c := range s.Season.Changes {
		if c.Date == sn.Date {
			v.Changes = append(v.Changes, c)
		}
	}
	return v
}

func (r *Renderer) modelView(s *site.Site, m *league.Model, sn *standings.Snapshot) ModelView {
	v := ModelView{Model: m, Club: s.Club(m.Club), Division: standings.DivisionOf(standings.RulesFrom(s.Config.League).Divisions, m.ParamsB),
		News: s.NewsAbout(m.ID, ""), Posts: s.PostsAbout(m.ID)}
	v.DivName = tableName(s, v.Division)
	for _, res := range sn.Results {
		if res.Model == m.ID {
			v.Results = append(v.Results, resultView(s, res))
		}
	}
	for _, mt := range sn.Matches {
		if mt.A == m.ID || mt.B == m.ID {
			v.Matches = append(v.Matches, mt)
		}
	}
	for _, t := range sn.Tables {
		for _, row := range t.Rows {
			if row.Model == m.ID {
				v.Rows = append(v.Rows, TableRowView{Table: t, Row: row})
			}
		}
	}
	return v
}

func resultView(s *site.Site, res league.Result) ResultView {
	b := s.Benchmark(res.Benchmark)
	v := ResultView{Result: res, Bench: b}
	if b != nil {
		v.Normalised = standings.Normalised(*b, res.Score)
	}
	return v
}

func (r *Renderer) clubView(s *site.Site, c *league.Club, sn *standings.Snapshot) ClubView {
	v := ClubView{Club: c, News: s.NewsAbout("", c.ID)}
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

func benchmarkView(s *site.Site, b *league.Benchmark, sn *standings.Snapshot) BenchmarkView {
	v := BenchmarkView{Bench: b}
	for _, res := range sn.Results {
		if res.Benchmark == b.ID {
			v.Results = append(v.Results, resultView(s, res))
		}
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

func h2hView(s *site.Site, m *standings.Match, sn *standings.Snapshot) H2HView {
	v := H2HView{Match: m, AsOf: sn.Date}
	for _, l := range m.Legs {
		v.Legs = append(v.Legs, LegView{Leg: l, Bench: s.Benchmark(l.Benchmark)})
	}
	for _, t := range sn.Tables {
		var a, b bool
		for _, row := range t.Rows {
			a = a || row.Model == m.A
			b = b || row.Model == m.B
		}
		if a && b {
			v.Tables = append(v.Tables, t)
		}
	}
	return v
}

func modelDescription(s *site.Site, v ModelView) string {
	d := v.Model.Name + " by " + s.ClubName(v.Model.Club)
	for _, tr := range v.Rows {
		if tr.Table.ID == standings.Overall {
			d += fmt.Sprintf(": %s overall with %d points (%d-%d-%d), rating %.1f", rankLabel(tr.Row.Rank, tr.Row.SharedRank),
				tr.Row.Points, tr.Row.Won, tr.Row.Drawn, tr.Row.Lost, tr.Row.Rating)
		}
	}
	return d + fmt.Sprintf(". %d results with sources, %d head-to-heads.", len(v.Results), len(v.Matches))
}

func h2hDescription(s *site.Site, m *standings.Match) string {
	a, b := s.ModelName(m.A), s.ModelName(m.B)
	switch m.Winner {
	case m.A:
		return fmt.Sprintf("%s beats %s %d-%d over %d shared benchmarks (%d drawn).", a, b, m.AWon, m.BWon, len(m.Legs), m.Drawn)
	case m.B:
		return fmt.Sprintf("%s beats %s %d-%d over %d shared benchmarks (%d drawn).", b, a, m.BWon, m.AWon, len(m.Legs), m.Drawn)
	}
	return fmt.Sprintf("%s and %s draw %d-%d over %d shared benchmarks (%d drawn).", a, b, m.AWon, m.BWon, len(m.Legs), m.Drawn)
}

// newsCategories are the categories a news item can have, in display order.
var newsCategories = []string{"release", "policy", "benchmark", "research"}

func (r *Renderer) newsPages(s *site.Site, add func(kind, path, title, desc string, data any) *Page) {
	lists := []struct {
		cat   string
		items []news.Item
	}{{"", s.News}}
	for _, c := range newsCategories {
		var items []news.Item
		for _, it := range s.News {
			if it.Category == c {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			lists = append(lists, struct {
				cat   string
				items []news.Item
			}{c, items})
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
		pages := (len(l.items) + newsPerPage - 1) / newsPerPage
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
			lo, hi := (n-1)*newsPerPage, min(n*newsPerPage, len(l.items))
			v := NewsView{Items: l.items[lo:hi], Category: l.cat, Categories: present, Page: n, Of: pages}
			if n > 1 {
				v.Prev = r.basePath + pagePath(n-1)
			}
			if n < pages {
				v.Next = r.basePath + pagePath(n+1)
			}
			t := title
			if n > 1 {
				t += fmt.Sprintf(" (page %d)", n)
			}
			add("news", pagePath(n), t, "News about open-weight AI models: releases, policy, benchmarks and research.", v)
		}
	}
}
