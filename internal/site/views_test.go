package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/standings"
)

// league2clubs is five models of two clubs: a1 (4B), a2 (8B) and u (5B, no results)
// of club c in the division "small", b1 (40B) and b2 (80B) of club d in "big". On
// q and r (higher is better) a1 scores 10, a2 20, b1 30, b2 40; on s (lower is
// better) a1 and a2 score 50, b1 and b2 20. Worked out by hand: every pair meets
// (three shared benchmarks); a2 beats a1 and b2 beats b1 2-0 with s drawn, every
// other match is a 3-0, so b2 wins 3 (9 points), b1 2 (6), a2 1 (3), a1 none.
func league2clubs(t *testing.T, cfgEdit func(*config.Config), items []news.Item) *Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/repo/"
	cfg.Description = "The site."
	cfg.League = config.League{MinShared: 2, Divisions: []config.Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}
	if cfgEdit != nil {
		cfgEdit(&cfg)
	}
	data := &league.Data{
		Clubs: []league.Club{{ID: "c", Name: "C"}, {ID: "d", Name: "D"}},
		Models: []league.Model{{ID: "a1", Name: "A1", Club: "c", ParamsB: 4}, {ID: "a2", Name: "A2", Club: "c", ParamsB: 8},
			{ID: "u", Name: "U", Club: "c", ParamsB: 5}, {ID: "b1", Name: "B1", Club: "d", ParamsB: 40}, {ID: "b2", Name: "B2", Club: "d", ParamsB: 80}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100},
			{ID: "s", Name: "S", Max: 100}},
	}
	for _, r := range []struct {
		model   string
		q, r, s float64
	}{{"a1", 10, 10, 50}, {"a2", 20, 20, 50}, {"b1", 30, 30, 20}, {"b2", 40, 40, 20}} {
		for _, x := range []struct {
			b     string
			score float64
		}{{"q", r.q}, {"r", r.r}, {"s", r.s}} {
			data.Results = append(data.Results, league.Result{Model: r.model, Benchmark: x.b, Score: x.score, Date: "2026-01-01", File: "x.json", Index: len(data.Results)})
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	return New(cfg, data, season, items)
}

func pagesByPath(s *Site) map[string]*Page {
	out := map[string]*Page{}
	for _, p := range s.HTMLPages() {
		out[p.Path] = p
	}
	return out
}

func tableIDs(ts []*standings.Table) string {
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return strings.Join(ids, " ")
}

// TestClubsAndDescriptions: a club's squad, record and points are its ranked models'
// rows added up, a model without results is listed apart but counted in the squad, and
// the descriptions of club, model and head-to-head pages say so.
func TestClubsAndDescriptions(t *testing.T) {
	s := league2clubs(t, nil, nil)
	s.AddContent(nil, nil)
	byPath := pagesByPath(s)

	for _, tt := range []struct {
		path, desc, squad, unranked string
		played, won, drawn, lost    int
		points                      int
	}{
		{"clubs/c/", "C: squad of 3 models, record 1-0-5, 3 points.", "a2 a1", "u", 6, 1, 0, 5, 3},
		{"clubs/d/", "D: squad of 2 models, record 5-0-1, 15 points.", "b2 b1", "", 6, 5, 0, 1, 15},
	} {
		p := byPath[tt.path]
		if p == nil {
			t.Fatalf("no page %s", tt.path)
		}
		v := p.Data.(ClubView)
		var squad, unranked []string
		for _, r := range v.Squad {
			squad = append(squad, r.Row.Model)
			if r.Table.ID != standings.Overall {
				t.Errorf("%s: squad row from table %s, want overall", tt.path, r.Table.ID)
			}
		}
		for _, m := range v.Unranked {
			unranked = append(unranked, m.ID)
		}
		if p.Description != tt.desc || strings.Join(squad, " ") != tt.squad || strings.Join(unranked, " ") != tt.unranked ||
			v.Played != tt.played || v.Won != tt.won || v.Drawn != tt.drawn || v.Lost != tt.lost || v.Points != tt.points {
			t.Errorf("%s: %q, squad %v, unranked %v, %d played %d-%d-%d, %d points; want %q, %s, %s, %d %d-%d-%d, %d",
				tt.path, p.Description, squad, unranked, v.Played, v.Won, v.Drawn, v.Lost, v.Points,
				tt.desc, tt.squad, tt.unranked, tt.played, tt.won, tt.drawn, tt.lost, tt.points)
		}
	}

	// A model's description takes its overall row (4th of 4; 2nd of its division).
	overall := s.Season.Latest().Table(standings.Overall)
	var rating float64
	for _, r := range overall.Rows {
		if r.Model == "a1" {
			rating = r.Rating
		}
	}
	want := fmt.Sprintf("A1 by C: 4 overall with 0 points (0-0-3), rating %.1f. 3 results with sources, 3 head-to-heads.", rating)
	if got := byPath["models/a1/"].Description; got != want {
		t.Errorf("model description = %q, want %q", got, want)
	}
	// b2 is the second model of each of its matches; they are its matches too.
	if got := byPath["models/b2/"].Description; !strings.HasSuffix(got, ". 3 results with sources, 3 head-to-heads.") || len(byPath["models/b2/"].Data.(ModelView).Matches) != 3 {
		t.Errorf("description of b2 = %q, want 3 head-to-heads", got)
	}
	if got := byPath["models/u/"].Description; got != "U by C. 0 results with sources, 0 head-to-heads." {
		t.Errorf("description of a model without results = %q", got)
	}

	// Head-to-heads: a1 and b1 share only the overall table, a1 and a2 the small one too.
	latest := s.Season.Latest()
	for _, tt := range []struct{ a, b, tables string }{{"a1", "b1", "overall"}, {"a1", "a2", "overall small"}, {"b1", "b2", "overall big"}} {
		if got := tableIDs(s.h2hView(latest.Match(tt.a, tt.b), latest).Tables); got != tt.tables {
			t.Errorf("h2h %s-%s tables = %q, want %q", tt.a, tt.b, got, tt.tables)
		}
	}
	if got := byPath["h2h/a1-vs-a2/"].Description; got != "A2 beats A1 2-0 over 3 shared benchmarks (1 drawn)." {
		t.Errorf("h2h description = %q", got)
	}
	for _, tt := range []struct {
		m    standings.Match
		want string
	}{
		{standings.Match{A: "a1", B: "b1", AWon: 1, BWon: 4, Drawn: 2, Winner: "b1"}, "B1 beats A1 4-1 over 7 shared benchmarks (2 drawn)."},
		{standings.Match{A: "a1", B: "b1", AWon: 4, BWon: 1, Drawn: 2, Winner: "a1"}, "A1 beats B1 4-1 over 7 shared benchmarks (2 drawn)."},
		{standings.Match{A: "a1", B: "b1", AWon: 2, BWon: 2, Drawn: 3}, "A1 and B1 draw 2-2 over 7 shared benchmarks (3 drawn)."},
	} {
		if got := s.h2hDescription(&tt.m); got != tt.want {
			t.Errorf("h2hDescription(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

// TestBenchmarkLeaderboard: best score first (the lowest when lower is better), equal
// scores by model id.
func TestBenchmarkLeaderboard(t *testing.T) {
	s := league2clubs(t, nil, nil)
	s.AddContent(nil, nil)
	byPath := pagesByPath(s)
	for _, tt := range []struct{ path, want, desc string }{
		{"benchmarks/q/", "b2 b1 a2 a1", "Leaderboard of Q: 4 open-weight models, raw and normalised scores."},
		{"benchmarks/s/", "b1 b2 a1 a2", "Leaderboard of S: 4 open-weight models, raw and normalised scores."},
	} {
		var got []string
		for _, r := range byPath[tt.path].Data.(BenchmarkView).Results {
			got = append(got, r.Model)
		}
		if strings.Join(got, " ") != tt.want || byPath[tt.path].Description != tt.desc {
			t.Errorf("%s: %v, %q; want %s, %q", tt.path, got, byPath[tt.path].Description, tt.want, tt.desc)
		}
	}
}

// TestPageDefaults: every page gets its canonical URL, an og:type ("article" for
// posts) and the site's description when it has none of its own; the home page lists
// the first five posts and eight news items and the division tables (the overall
// table only when there are no divisions); a post without league blocks is its own
// data.
func TestPageDefaults(t *testing.T) {
	var items []news.Item
	for i := range 9 {
		items = append(items, news.Item{ID: fmt.Sprint(i)})
	}
	s := league2clubs(t, nil, items)
	var posts []content.Post
	for i := range 7 { // two more than the home page shows
		posts = append(posts, content.Post{Slug: fmt.Sprint("p", i), Title: "P", Summary: "Post summary.", Date: "2026-02-01"})
	}
	s.AddContent(posts, nil)
	byPath := pagesByPath(s)
	for _, tt := range []struct{ path, out, canonical, ogType, desc string }{
		{"", "index.html", "https://u.github.io/repo/", "website", "The site."},
		{"models/a1/", "models/a1/index.html", "https://u.github.io/repo/models/a1/", "website", ""},
		{"posts/p0/", "posts/p0/index.html", "https://u.github.io/repo/posts/p0/", "article", "Post summary."},
		{"404.html", "404.html", "https://u.github.io/repo/404.html", "website", "The site."},
		{"embed/standings/small/", "embed/standings/small/index.html", "https://u.github.io/repo/embed/standings/small/", "website", ""},
	} {
		p := byPath[tt.path]
		if p == nil {
			t.Errorf("no page %q", tt.path)
			continue
		}
		if p.Out != tt.out || p.Canonical != tt.canonical || p.OGType != tt.ogType || (tt.desc != "" && p.Description != tt.desc) {
			t.Errorf("page %q: out %q, canonical %q, og:type %q, description %q; want %q, %q, %q, %q",
				tt.path, p.Out, p.Canonical, p.OGType, p.Description, tt.out, tt.canonical, tt.ogType, tt.desc)
		}
	}
	if _, ok := byPath["posts/p0/"].Data.(*content.Post); !ok {
		t.Errorf("a post without league blocks has data %T, want *content.Post", byPath["posts/p0/"].Data)
	}
	if got := outPath(""); got != "index.html" {
		t.Errorf("outPath(\"\") = %q", got)
	}

	home := byPath[""].Data.(HomeView)
	var tables []string
	for _, tv := range home.Tables {
		tables = append(tables, tv.Table.ID)
	}
	if len(home.Posts) != 5 || home.Posts[0].Slug != "p0" || home.Posts[4].Slug != "p4" || len(home.News) != 8 || home.News[7].ID != "7" ||
		strings.Join(tables, " ") != "small big" {
		t.Errorf("home: %d posts, %d news, tables %v; want 5, 8, [small big]", len(home.Posts), len(home.News), tables)
	}

	one := league2clubs(t, func(c *config.Config) { c.League.Divisions = nil }, nil)
	one.AddContent(nil, nil)
	home = pagesByPath(one)[""].Data.(HomeView)
	if len(home.Tables) != 1 || home.Tables[0].Table.ID != standings.Overall || len(home.Tables[0].Rows) != 4 || home.Tables[0].More {
		t.Errorf("home of a league without divisions: %+v, want the overall table of 4 rows", home.Tables)
	}
}

// TestTableEdges: a table of exactly TableTop rows has no pages after it, one of exactly
// top rows is not cut, and thousands separators start only past three digits.
func TestTableEdges(t *testing.T) {
	top := TableTop
	TableTop = 4
	defer func() { TableTop = top }()
	s := league2clubs(t, nil, nil)
	s.AddContent(nil, nil)
	for _, p := range s.HTMLPages() {
		if p.Kind == "tablerows" {
			t.Errorf("a table of TableTop rows has a page %s", p.Path)
		}
	}
	cur := pagesByPath(s)["standings/"].Data.(StandingsView).Tables[0]
	if cur.Table.ID != standings.Overall || len(cur.Rows) != 4 || cur.Next != "" || cur.NextLabel != "" {
		t.Errorf("overall of 4 rows with TableTop 4: %d rows, next %q %q", len(cur.Rows), cur.Next, cur.NextLabel)
	}
	latest := s.Season.Latest()
	small := latest.Table("small")
	if v := s.tableView(small, latest, 2, false); len(v.Rows) != 2 || v.More {
		t.Errorf("top 2 of a table of 2: %d rows, more %v", len(v.Rows), v.More)
	}
	if v := s.tableView(small, latest, 1, false); len(v.Rows) != 1 || !v.More {
		t.Errorf("top 1 of a table of 2: %d rows, more %v", len(v.Rows), v.More)
	}
	for n, want := range map[int]string{0: "0", 7: "7", 123: "123", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestNewsPages: twenty items to a page; a category has pages only when it has items.
func TestNewsPages(t *testing.T) {
	for _, tt := range []struct {
		items []news.Item
		want  string
	}{
		{nil, "news/"},
		{newsItems(NewsPerPage, "release"), "news/ news/release/"},
		{newsItems(NewsPerPage+1, "policy"), "news/ news/page/2/ news/policy/ news/policy/page/2/"},
		{append(newsItems(2*NewsPerPage+1, "research"), newsItems(1, "release")...),
			"news/ news/page/2/ news/page/3/ news/release/ news/research/ news/research/page/2/ news/research/page/3/"},
	} {
		s := league2clubs(t, nil, tt.items)
		s.AddContent(nil, nil)
		var got []string
		views := map[string]NewsView{}
		titles := map[string]string{}
		for _, p := range s.HTMLPages() {
			if p.Kind == "news" {
				got = append(got, p.Path)
				views[p.Path] = p.Data.(NewsView)
				titles[p.Path] = p.Title
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%d items: news pages %v, want %s", len(tt.items), got, tt.want)
			continue
		}
		if len(tt.items) == 2*NewsPerPage+2 {
			v := views["news/page/2/"]
			if v.Prev != "/repo/news/" || v.Next != "/repo/news/page/3/" || v.Page != 2 || v.Of != 3 || len(v.Items) != NewsPerPage ||
				v.Items[0].ID != fmt.Sprint("research", NewsPerPage) || titles["news/page/2/"] != "News (page 2)" {
				t.Errorf("news page 2: %+v, title %q", v, titles["news/page/2/"])
			}
			v = views["news/research/page/3/"]
			if v.Prev != "/repo/news/research/page/2/" || v.Next != "" || v.Page != 3 || len(v.Items) != 1 || v.Category != "research" ||
				strings.Join(v.Categories, " ") != "release research" || titles["news/research/page/3/"] != "News: research (page 3)" {
				t.Errorf("news/research page 3: %+v, title %q", v, titles["news/research/page/3/"])
			}
			v = views["news/"]
			if v.Prev != "" || v.Next != "/repo/news/page/2/" || v.Page != 1 || titles["news/"] != "News" {
				t.Errorf("news page 1: prev %q next %q page %d, title %q", v.Prev, v.Next, v.Page, titles["news/"])
			}
		}
	}
}

func newsItems(n int, cat string) []news.Item {
	var out []news.Item
	for i := range n {
		out = append(out, news.Item{ID: fmt.Sprint(cat, i), Category: cat})
	}
	return out
}

// TestWords: ordinals, long dates and rank labels.
func TestWords(t *testing.T) {
	for n, want := range map[int]string{0: "0th", 1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 10: "10th", 11: "11th", 12: "12th", 13: "13th",
		14: "14th", 21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 102: "102nd", 103: "103rd", 111: "111th", 112: "112th", 113: "113th", 1011: "1011th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for in, want := range map[string]string{"2026-06-03": "3 June 2026", "2026-06-03T10:00:00Z": "3 June 2026", "2026-6-3": "2026-6-3",
		"": "", "2026-13-01": "2026-13-01", "1999-12-31": "31 December 1999"} {
		if got := LongDate(in); got != want {
			t.Errorf("LongDate(%q) = %q, want %q", in, got, want)
		}
	}
	if RankLabel(3, true) != "=3" || RankLabel(12, false) != "12" {
		t.Errorf("RankLabel: %q %q", RankLabel(3, true), RankLabel(12, false))
	}
}

// TestDirectives: markers in order; an empty one is kept (and skipped by embeds), a
// marker at the very start is found, and one left open ends the list.
func TestDirectives(t *testing.T) {
	m := embedMark
	got := directives(m + m + "x" + m + "standings  small" + m + "y" + m + "h2h a1")
	if len(got) != 2 || len(got[0]) != 0 || strings.Join(got[1], ",") != "standings,small" {
		t.Errorf("directives = %q, want [[] [standings small]]", got)
	}
	s := league2clubs(t, nil, nil)
	s.AddContent(nil, nil)
	e := s.embeds(m+m+m+"standings small"+m+m+"standings small big"+m+m+"standings"+m, "2026-02-01")
	if len(e) != 3 || e[0].Table == nil || e[0].Table.Table.ID != "small" || e[1].Table != nil || e[2].Table != nil {
		t.Errorf("embeds = %+v, want the small table, then two blocks without one", e)
	}
	out, err := ExpandEmbeds(m+"standings small"+m+"<p>a</p>"+m+m+"<p>b</p>", []EmbedView{{Kind: "standings"}, {Kind: "h2h"}},
		func(e EmbedView) (string, error) { return "[" + e.Kind + "]", nil })
	if err != nil || out != "[standings]<p>a</p>[h2h]<p>b</p>" {
		t.Errorf("ExpandEmbeds = %q, %v", out, err)
	}
	if _, err := ExpandEmbeds("<p>a</p>"+m+"standings small", []EmbedView{{Kind: "standings", A: "x"}}, nil); err == nil ||
		err.Error() != "league block standings x: marker missing" {
		t.Errorf("an open marker: err = %v", err)
	}
	boom := fmt.Errorf("boom")
	if _, err := ExpandEmbeds(m+"h2h a b"+m, []EmbedView{{Kind: "h2h"}}, func(EmbedView) (string, error) { return "", boom }); err != boom {
		t.Errorf("an embed that fails: err = %v, want boom", err)
	}
}

// TestPageEmbedsAsItStands: a page has no date, so its league blocks show the latest
// snapshot (league2clubs has one, 2026-01-01): a1 and a2 met there (they share all three
// benchmarks), and the small table has their two rows (u has no results).
func TestPageEmbedsAsItStands(t *testing.T) {
	m := embedMark
	s := league2clubs(t, nil, nil)
	s.AddContent(nil, []content.Page{{Slug: "about", Title: "About", HTML: "<p>x</p>" + m + "h2h a2 a1" + m + m + "standings small" + m},
		{Slug: "plain", Title: "Plain", HTML: "<p>y</p>"}})
	if d := pagesByPath(s)["plain/"].Data; d != &s.Pages[1] {
		t.Errorf("a page without league blocks: data %T, want the page itself", d)
	}
	pg := pagesByPath(s)["about/"]
	if pg == nil {
		t.Fatal("no page about/")
	}
	pv, ok := pg.Data.(PageView)
	if !ok {
		t.Fatalf("about/ data is %T, want PageView", pg.Data)
	}
	e := pv.Embeds
	if len(e) != 2 {
		t.Fatalf("embeds = %+v, want two", e)
	}
	if e[0].Date != "2026-01-01" || e[0].AsOf != "2026-01-01" || e[0].A != "a1" || e[0].B != "a2" || e[0].H2H == nil {
		t.Errorf("h2h block = %+v, want a1 v a2 as of 2026-01-01 with its match", e[0])
	}
	if e[1].AsOf != "2026-01-01" || e[1].Table == nil || e[1].Table.Table.ID != "small" || len(e[1].Table.Table.Rows) != 2 {
		t.Errorf("standings block = %+v, want the small table as of 2026-01-01", e[1])
	}
}

// TestCardTexts: what each share card says and its alt text, worked out by hand for
// league2clubs and for views made up in the test (long tables and squads are cut to the
// card's rows; units; empty tables, squads and leaderboards).
func TestCardTexts(t *testing.T) {
	s := league2clubs(t, func(c *config.Config) { c.Title = "AI League"; c.Author = "Ann" }, nil)
	s.AddContent([]content.Post{{Slug: "p", Title: "T", Date: "2026-02-02", Summary: "S.", Tags: []string{"x", "y"}},
		{Slug: "n", Title: "N", Date: "2026-02-03"}}, nil)
	byPath := pagesByPath(s)
	overall := s.Season.Latest().Table(standings.Overall)
	rating := func(id string) float64 {
		for _, r := range overall.Rows {
			if r.Model == id {
				return r.Rating
			}
		}
		t.Fatalf("no row of %s", id)
		return 0
	}
	for _, tt := range []struct{ path, sub, footer, alt string }{
		{"", "", "Standings as of 1 January 2026", "AI League. The site. Leaders as of 1 January 2026: Small: A2 (3 pts); Big: B2 (3 pts)."},
		{"standings/", "", "As of 1 January 2026 · 4 models",
			"Overall table, as of 1 January 2026, 4 models, with won-drawn-lost and points: 1 B2, 9 pts; 2 B1, 6 pts; 3 A2, 3 pts; 4 A1, 0 pts."},
		{"models/a1/", "C · 2nd in Small · 4B parameters", "Overall table, as of 1 January 2026",
			fmt.Sprintf("A1 (C · 2nd in Small · 4B parameters): 4th overall with 0 points, record 0 won, 0 drawn, 3 lost, rating %.0f.", rating("a1"))},
		{"models/u/", "C · 5B parameters", "Overall table, as of 1 January 2026", "U by C: not ranked yet, 0 results."},
		{"clubs/c/", "Squad of 3 · record 1-0-5 · 3 pts", "Overall table, as of 1 January 2026", "C: Squad of 3 · record 1-0-5 · 3 pts. Overall ranks: 3 A2; 4 A1."},
		{"benchmarks/q/", "4 models · higher is better", "As of 1 January 2026", "Q (4 models · higher is better): B2 40; B1 30; A2 20; A1 10."},
		{"benchmarks/s/", "4 models · lower is better", "As of 1 January 2026", "S (4 models · lower is better): B1 20; B2 20; A1 50; A2 50."},
		{"h2h/a1-vs-a2/", "", "As of 1 January 2026", "A2 beats A1 2-0 over 3 shared benchmarks (1 drawn)."},
		{"posts/p/", "2 February 2026", "#x #y", "T, 2 February 2026: S."},
		{"posts/n/", "3 February 2026", "By Ann", "N, 3 February 2026"},
	} {
		p := byPath[tt.path]
		if p == nil || p.Card == nil {
			t.Errorf("no card for %q", tt.path)
			continue
		}
		if p.Card.Sub != tt.sub || p.Card.Footer != tt.footer || p.ImageAlt != tt.alt {
			t.Errorf("card of %q: sub %q, footer %q, alt %q;\nwant %q, %q, %q", tt.path, p.Card.Sub, p.Card.Footer, p.ImageAlt, tt.sub, tt.footer, tt.alt)
		}
	}
	if m := byPath["h2h/a1-vs-a2/"].Card; m.Title != "In the Overall and Small tables" || m.Match.Note != "1 drawn · 3 shared benchmarks" || m.Match.Winner != "b" {
		t.Errorf("h2h card: %q, %+v", m.Title, m.Match)
	}
	if m := byPath["h2h/b1-vs-b2/"].Card; m.Title != "In the Overall and Big tables" {
		t.Errorf("h2h card: %q", m.Title)
	}
	if q := byPath["benchmarks/q/"].Card; len(q.Rows) != 4 || q.Rows[0] != (share.Row{Rank: "1", Name: "B2", Detail: "D", Value: "40"}) ||
		q.Rows[3] != (share.Row{Rank: "4", Name: "A1", Detail: "C", Value: "10"}) {
		t.Errorf("benchmark card rows: %+v", q.Rows)
	}
	a1 := byPath["models/a1/"].Card
	if len(a1.Stats) != 4 || a1.Stats[0].Value != "4th" || a1.Stats[1].Value != "0" || a1.Stats[2].Value != "0-0-3" {
		t.Errorf("model card stats: %+v", a1.Stats)
	}

	// Made-up views.
	row := func(rank int, shared bool, model string, w, d, l int) standings.Row {
		return standings.Row{Rank: rank, SharedRank: shared, Model: model, Club: "c", Won: w, Drawn: d, Lost: l, Points: 3*w + d}
	}
	seven := &standings.Table{ID: "overall", Name: "Overall", Rows: []standings.Row{row(1, false, "m1", 5, 0, 0), row(2, false, "m2", 4, 0, 1),
		row(3, true, "m3", 3, 0, 2), row(3, true, "m4", 3, 0, 2), row(5, false, "m5", 0, 1, 4), row(6, false, "m6", 0, 0, 5),
		row(7, false, "m7", 0, 0, 6)}}
	c, alt := s.tableCard(seven, "2026-03-04", "Overall table")
	if len(c.Rows) != 5 || c.Rows[4].Value != "1 pt" || c.Rows[2].Rank != "=3" || c.Rows[0].Detail != "5-0-0 · C" || c.Footer != "As of 4 March 2026 · top 5 of 7 models" ||
		alt != "Overall table, as of 4 March 2026, top 5 of 7 models, with won-drawn-lost and points: 1 m1, 15 pts; 2 m2, 12 pts; =3 m3, 9 pts; =3 m4, 9 pts; 5 m5, 1 pt." {
		t.Errorf("card of a table of 7: %+v\nalt %q", c, alt)
	}
	five := &standings.Table{ID: "overall", Name: "Overall", Rows: seven.Rows[:5]}
	if c, alt := s.tableCard(five, "2026-03-04", "X"); len(c.Rows) != 5 || !strings.HasPrefix(alt, "X, as of 4 March 2026, 5 models, with won-drawn-lost and points: 1 m1") {
		t.Errorf("card of a table of 5: %d rows, alt %q", len(c.Rows), alt)
	}
	if c, alt := s.tableCard(&standings.Table{ID: "d", Name: "D"}, "", "D table"); len(c.Rows) != 0 || c.Footer != "No results yet · no model in this table yet" ||
		alt != "D table, no results yet, no model in this table yet, with won-drawn-lost and points." {
		t.Errorf("card of an empty table: %+v, alt %q", c, alt)
	}

	var squad []TableRowView
	for _, r := range seven.Rows {
		squad = append(squad, TableRowView{Table: seven, Row: r})
	}
	k := &league.Club{ID: "k", Name: "K"}
	if c, alt := s.clubCard(ClubView{Club: k, Squad: squad[:6], Won: 15, Drawn: 1, Lost: 9, Points: 46}); len(c.Rows) != 4 || c.Text != "" ||
		alt != "K: Squad of 6 · record 15-1-9 · 46 pts. Overall ranks: 1 m1; 2 m2; =3 m3; =3 m4." {
		t.Errorf("club card of a squad of 6: %d rows, alt %q", len(c.Rows), alt)
	}
	if c, alt := s.clubCard(ClubView{Club: k, Unranked: []*league.Model{{ID: "z"}}}); c.Rows != nil || c.Text != "No model of this club is ranked yet." ||
		alt != "K: Squad of 1 · record 0-0-0 · 0 pts." {
		t.Errorf("club card without ranked models: %+v, alt %q", c, alt)
	}

	var results []ResultView
	for i, sc := range []float64{91.5, 80, 70.25, 60, 50, 40} {
		results = append(results, ResultView{Model: fmt.Sprint("m", i+1), Score: sc})
	}
	for _, tt := range []struct {
		b   league.Benchmark
		n   int
		alt string
	}{
		{league.Benchmark{Name: "P", Category: "math", Unit: "%", HigherIsBetter: true}, 6, "P (math · 6 models · higher is better): m1 91.5%; m2 80%; m3 70.25%; m4 60%."},
		{league.Benchmark{Name: "T", Unit: "s"}, 2, "T (2 models · lower is better): m1 91.5 s; m2 80 s."},
		{league.Benchmark{Name: "E"}, 3, "E (3 models · lower is better): m1 91.5; m2 80; m3 70.25."},
		{league.Benchmark{Name: "Z", Category: "code"}, 0, "Z (code · 0 models · lower is better)."},
	} {
		c, alt := s.benchmarkCard(BenchmarkView{Bench: &tt.b, Results: results[:tt.n]})
		if alt != tt.alt || len(c.Rows) != min(tt.n, 4) || (tt.n == 0) != (c.Text == "No results yet.") {
			t.Errorf("benchmark card %s: %d rows, text %q, alt %q; want %q", tt.b.Name, len(c.Rows), c.Text, alt, tt.alt)
		}
	}

	if c, alt := s.modelCard(ModelView{Model: &league.Model{ID: "n", Name: "N", Club: "k", ParamsB: 0.5}}); c.Sub != "k · 0.5B parameters" ||
		alt != "N by k: not ranked yet, 0 results." || len(c.Stats) != 2 {
		t.Errorf("card of a model without rows: sub %q, alt %q, stats %+v", c.Sub, alt, c.Stats)
	}
	if c, _ := s.modelCard(ModelView{Model: &league.Model{ID: "n", Name: "N", Club: "k"}}); c.Sub != "k" {
		t.Errorf("card of a model of unknown size: sub %q", c.Sub)
	}
	m := &league.Model{ID: "n", Name: "N", Club: "k", ParamsB: 12}
	if c, alt := s.modelCard(ModelView{Model: m, Division: "small", Rows: []TableRowView{{Table: seven, Row: row(3, true, "n", 3, 0, 2)}}}); c.Stats[0].Value != "=3rd" ||
		!strings.HasPrefix(alt, "N (k · 12B parameters): =3rd overall with 9 points, record 3 won, 0 drawn, 2 lost") {
		t.Errorf("card of a shared rank: %+v, alt %q", c.Stats, alt)
	}

	if c, alt := s.h2hCard(H2HView{Match: &standings.Match{A: "a1", B: "b1", AWon: 2, BWon: 1}, Tables: []*standings.Table{overall}}); c.Title != "In the Overall table" ||
		c.Match.Note != "3 shared benchmarks" || c.Match.Winner != "" || c.Footer != "No results yet" || alt != "A1 and B1 draw 2-1 over 3 shared benchmarks (0 drawn)." {
		t.Errorf("h2h card: %+v %+v, alt %q", c, c.Match, alt)
	}
	if c, _ := s.h2hCard(H2HView{Match: &standings.Match{A: "a1", B: "b1", AWon: 2, Winner: "a1"}}); c.Title != "" || c.Match.Winner != "a" {
		t.Errorf("h2h card without tables: %q, %+v", c.Title, c.Match)
	}

	if points(0) != "0 pts" || points(1) != "1 pt" || points(2) != "2 pts" || capital("") != "" || capital("as of") != "As of" {
		t.Errorf("points, capital: %q %q %q %q", points(0), points(1), points(2), capital("as of"))
	}
	s.Config.Author = ""
	if c, alt := s.postCard(&content.Post{Title: "N", Date: "2026-02-03"}); c.Footer != "" || alt != "N, 3 February 2026" {
		t.Errorf("post card without tags or author: footer %q, alt %q", c.Footer, alt)
	}
}

// TestCardsOfOneTable: with no divisions the home card names the overall leader; a
// base URL that does not parse is shown as it is.
func TestCardsOfOneTable(t *testing.T) {
	s := league2clubs(t, func(c *config.Config) { c.League.Divisions = nil; c.Title = "L"; c.BaseURL = "https://h/%zz/" }, nil)
	s.AddContent(nil, nil)
	home := pagesByPath(s)[""]
	if home.ImageAlt != "L. The site. Leaders as of 1 January 2026: Overall: B2 (9 pts)." || home.Card.Host != "https://h/%zz" ||
		len(home.Card.Rows) != 1 || home.Card.Rows[0].Detail != "Overall · D" {
		t.Errorf("home card: %+v, alt %q", home.Card, home.ImageAlt)
	}
	empty := &standings.Season{Snapshots: []*standings.Snapshot{{Tables: []*standings.Table{{ID: "overall", Name: "Overall"}, {ID: "small", Name: "Small"}}}}}
	e := New(s.Config, &league.Data{}, empty, nil)
	if c, alt := e.homeCard(); len(c.Rows) != 0 || c.Footer != "Standings no results yet" || alt != "L. The site." {
		t.Errorf("home card of empty tables: %+v, alt %q", c, alt)
	}
}

// TestCompare: the compare page lists every model by name, then id; its links carry
// one or two ids, escaped.
func TestCompare(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/repo/"
	data := &league.Data{Clubs: []league.Club{{ID: "c", Name: "C"}},
		Models: []league.Model{{ID: "z", Name: "Same", Club: "c"}, {ID: "b", Name: "Beta", Club: "k"}, {ID: "y", Name: "Same", Club: "c"}, {ID: "x", Name: "Alpha", Club: "c"}}}
	s := New(cfg, data, &standings.Season{}, nil)
	var got []string
	for _, m := range s.compareView().Models {
		got = append(got, m.ID+":"+m.Club)
	}
	if strings.Join(got, " ") != "x:C b:k y:C z:C" {
		t.Errorf("compare models = %v, want x b y z", got)
	}
	if u := s.CompareURL("a b", ""); u != "/repo/compare/?a=a+b" {
		t.Errorf("CompareURL(a b) = %q", u)
	}
	if u := s.CompareURL("x", "y&z"); u != "/repo/compare/?a=x&b=y%26z" {
		t.Errorf("CompareURL(x, y&z) = %q", u)
	}
}

// TestNames: a club or model without a name, or unknown, is shown by its id.
func TestNames(t *testing.T) {
	data := &league.Data{Models: []league.Model{{ID: "m"}}, Clubs: []league.Club{{ID: "c"}, {ID: "k", Name: "K"}}}
	s := New(config.Default(), data, &standings.Season{}, nil)
	for _, tt := range []struct{ got, want string }{
		{s.ClubName("c"), "c"}, {s.ClubName("gone"), "gone"}, {s.ClubName("k"), "K"}, {s.ModelName("m"), "m"}, {s.ModelName("gone"), "gone"},
	} {
		if tt.got != tt.want {
			t.Errorf("name %q, want %q", tt.got, tt.want)
		}
	}
}
