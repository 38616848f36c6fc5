package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/genleague"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/standings"
)

// league4 is four models that all meet: a1, a2 in the division "small", b1, b2 in
// "big".
func league4(t *testing.T, h2h string, items []news.Item) *Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/repo/"
	cfg.League = config.League{MinShared: 2, Divisions: []config.Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}
	if h2h != "" {
		cfg.H2HPages = h2h
	}
	data := &league.Data{
		Clubs: []league.Club{{ID: "c", Name: "C"}},
		Models: []league.Model{{ID: "a1", Name: "A1", Club: "c", ParamsB: 4}, {ID: "a2", Name: "A2", Club: "c", ParamsB: 8},
			{ID: "b1", Name: "B1", Club: "c", ParamsB: 40}, {ID: "b2", Name: "B2", Club: "c", ParamsB: 80}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	for i, m := range []string{"a1", "a2", "b1", "b2"} {
		for _, bm := range []string{"q", "r"} {
			data.Results = append(data.Results, league.Result{Model: m, Benchmark: bm, Score: float64(10 * (i + 1)), Date: "2026-01-01", File: "x.json", Index: len(data.Results)})
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	return New(cfg, data, season, items)
}

func h2hPaths(s *Site) []string {
	var out []string
	for _, p := range s.HTMLPages() {
		if p.Kind == "h2h" {
			out = append(out, p.Path)
		}
	}
	return out
}

// TestH2HNeighbours: with h2h_pages: neighbours, a pair of a division gets a page when
// the two stood within h2h_places places of each other in its table on some snapshot,
// so a page made once stays when they drift apart later.
func TestH2HNeighbours(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/"
	cfg.League = config.League{MinShared: 2, Divisions: []config.Division{{ID: "d", Name: "D", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}
	data := &league.Data{
		Clubs:      []league.Club{{ID: "c", Name: "C"}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	result := func(m, date string, score float64) {
		for _, bm := range []string{"q", "r"} {
			data.Results = append(data.Results, league.Result{Model: m, Benchmark: bm, Score: score, Date: date, File: "x.json", Index: len(data.Results)})
		}
	}
	// On 1 January the table of d is m5, m4, m3, m2, m1; on 1 February m1 leads it.
	for i := 1; i <= 5; i++ {
		id := fmt.Sprintf("m%d", i)
		data.Models = append(data.Models, league.Model{ID: id, Name: id, Club: "c", ParamsB: 4})
		result(id, "2026-01-01", float64(10*i))
	}
	data.Models = append(data.Models, league.Model{ID: "z", Name: "Z", Club: "c", ParamsB: 70})
	result("z", "2026-01-01", 55)
	result("m1", "2026-02-01", 99)
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	for _, tt := range []struct {
		places int
		want   string
	}{
		{1, "h2h/m1-vs-m2/ h2h/m1-vs-m5/ h2h/m2-vs-m3/ h2h/m3-vs-m4/ h2h/m4-vs-m5/"},
		{2, "h2h/m1-vs-m2/ h2h/m1-vs-m3/ h2h/m1-vs-m4/ h2h/m1-vs-m5/ h2h/m2-vs-m3/ h2h/m2-vs-m4/ h2h/m3-vs-m4/ h2h/m3-vs-m5/ h2h/m4-vs-m5/"},
	} {
		c := cfg
		c.H2HPages = config.H2HNeighbours
		c.H2HPlaces = tt.places
		s := New(c, data, season, nil)
		s.AddContent(nil, nil)
		got := h2hPaths(s)
		slices.Sort(got)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("h2h_places %d: pages %q, want %q", tt.places, strings.Join(got, " "), tt.want)
		}
		if s.H2HPageCount() != len(got) {
			t.Errorf("H2HPageCount = %d, want %d", s.H2HPageCount(), len(got))
		}
		if u := s.H2HURL("m2", "m5"); u != "" {
			t.Errorf("H2HURL(m2, m5) = %q, want none: never within %d places", u, tt.places)
		}
	}
}

// TestH2HAuto: the default, h2h_pages: auto, gives every pair of a division that met
// its page (as divisions) while they are at most autoH2HLimit pairs, and past that only
// the neighbours.
func TestH2HAuto(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/"
	cfg.H2HPlaces = 1
	cfg.League = config.League{MinShared: 2, Divisions: []config.Division{{ID: "d", Name: "D"}}}
	data := &league.Data{
		Clubs:      []league.Club{{ID: "c", Name: "C"}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	for i := 1; i <= 4; i++ {
		id := fmt.Sprintf("m%d", i)
		data.Models = append(data.Models, league.Model{ID: id, Name: id, Club: "c", ParamsB: 4})
		for _, bm := range []string{"q", "r"} {
			data.Results = append(data.Results, league.Result{Model: id, Benchmark: bm, Score: float64(10 * i), Date: "2026-01-01", File: "x.json", Index: len(data.Results)})
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	defer func(n int) { autoH2HLimit = n }(autoH2HLimit)
	for _, tt := range []struct {
		limit int
		want  string
	}{
		{6, "h2h/m1-vs-m2/ h2h/m1-vs-m3/ h2h/m1-vs-m4/ h2h/m2-vs-m3/ h2h/m2-vs-m4/ h2h/m3-vs-m4/"},
		{5, "h2h/m1-vs-m2/ h2h/m2-vs-m3/ h2h/m3-vs-m4/"},
	} {
		autoH2HLimit = tt.limit
		s := New(cfg, data, season, nil)
		s.AddContent(nil, nil)
		got := h2hPaths(s)
		slices.Sort(got)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("auto, limit %d: pages %q, want %q", tt.limit, strings.Join(got, " "), tt.want)
		}
	}
	// A model of unknown size is in no division: its 4 matches are not counted
	// towards the limit, so the division's 6 pairs are still kept at 6.
	data.Models = append(data.Models, league.Model{ID: "m5", Name: "m5", Club: "c"})
	for _, bm := range []string{"q", "r"} {
		data.Results = append(data.Results, league.Result{Model: "m5", Benchmark: bm, Score: 25, Date: "2026-01-01", File: "x.json", Index: len(data.Results)})
	}
	season = standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	autoH2HLimit = 6
	s := New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	got := h2hPaths(s)
	slices.Sort(got)
	if want := "h2h/m1-vs-m2/ h2h/m1-vs-m3/ h2h/m1-vs-m4/ h2h/m2-vs-m3/ h2h/m2-vs-m4/ h2h/m3-vs-m4/"; strings.Join(got, " ") != want {
		t.Errorf("auto with a model of unknown size, limit 6: pages %q, want %q", strings.Join(got, " "), want)
	}
	if config.Default().H2HPages != config.H2HAuto {
		t.Errorf("default h2h_pages = %q, want auto", config.Default().H2HPages)
	}
}

func TestH2HPages(t *testing.T) {
	post := content.Post{Slug: "p", Date: "2026-02-01", Models: []string{"b2", "a2"},
		HTML: "<p>x</p>" + embedMark + "h2h b1 a1" + embedMark}
	for _, tt := range []struct {
		setting string
		posts   []content.Post
		want    string
	}{
		{"", nil, "h2h/a1-vs-a2/ h2h/b1-vs-b2/"},
		{config.H2HAuto, []content.Post{post}, "h2h/a1-vs-a2/ h2h/a1-vs-b1/ h2h/a2-vs-b2/ h2h/b1-vs-b2/"},
		{config.H2HNeighbours, []content.Post{post}, "h2h/a1-vs-a2/ h2h/a1-vs-b1/ h2h/a2-vs-b2/ h2h/b1-vs-b2/"},
		{config.H2HDivisions, nil, "h2h/a1-vs-a2/ h2h/b1-vs-b2/"},
		{config.H2HAll, nil, "h2h/a1-vs-a2/ h2h/a1-vs-b1/ h2h/a1-vs-b2/ h2h/a2-vs-b1/ h2h/a2-vs-b2/ h2h/b1-vs-b2/"},
		{config.H2HNamed, nil, ""},
		{config.H2HNamed, []content.Post{post}, "h2h/a1-vs-b1/ h2h/a2-vs-b2/"},
		{config.H2HDivisions, []content.Post{post}, "h2h/a1-vs-a2/ h2h/a1-vs-b1/ h2h/a2-vs-b2/ h2h/b1-vs-b2/"},
	} {
		t.Run(fmt.Sprintf("%s/%d posts", tt.setting, len(tt.posts)), func(t *testing.T) {
			s := league4(t, tt.setting, nil)
			s.AddContent(tt.posts, nil)
			if got := strings.Join(h2hPaths(s), " "); got != tt.want {
				t.Errorf("h2h pages = %q, want %q", got, tt.want)
			}
			// Links go only where a page is.
			for _, pair := range [][2]string{{"a1", "a2"}, {"b1", "a1"}, {"a2", "b1"}} {
				url := s.H2HURL(pair[0], pair[1])
				page := "h2h/" + min(pair[0], pair[1]) + "-vs-" + max(pair[0], pair[1]) + "/"
				if has := strings.Contains(" "+tt.want+" ", " "+page+" "); has != (url != "") {
					t.Errorf("H2HURL(%s, %s) = %q, but the page exists: %v", pair[0], pair[1], url, has)
				}
				if url != "" && url != "/repo/"+page {
					t.Errorf("H2HURL = %q, want /repo/%s", url, page)
				}
			}
		})
	}
}

func TestEmbeds(t *testing.T) {
	s := league4(t, "", nil)
	embed := s.Embedder()
	if _, err := embed("h2h", []string{"a1", "zz"}, "2026-02-01"); err == nil || err.Error() != `unknown model "zz" (did you mean "a1"?)` {
		t.Errorf("unknown model: err = %v", err)
	}
	if _, err := embed("table", []string{"small"}, ""); err == nil || err.Error() != `unknown directive "table" (want standings or h2h)` {
		t.Errorf("unknown directive: err = %v", err)
	}
	h1, err := embed("standings", []string{"small"}, "2026-02-01")
	if err != nil {
		t.Fatal(err)
	}
	h2, err := embed("h2h", []string{"b2", "a1"}, "2026-02-01")
	if err != nil {
		t.Fatal(err)
	}
	old, _ := embed("h2h", []string{"a1", "a2"}, "2025-12-01")
	body := "<p>one</p>" + h1 + "<p>two</p>" + h2
	s.AddContent([]content.Post{{Slug: "p", Date: "2026-02-01", HTML: body}, {Slug: "q", Date: "2025-12-01", HTML: old}}, nil)
	var pv PostView
	for _, p := range s.HTMLPages() {
		if p.Path == "posts/p/" {
			pv = p.Data.(PostView)
		}
	}
	if len(pv.Embeds) != 2 {
		t.Fatalf("embeds = %+v, want 2", pv.Embeds)
	}
	if e := pv.Embeds[0]; e.Kind != "standings" || e.Table == nil || e.Table.Table.ID != "small" || e.AsOf != "2026-01-01" ||
		len(e.Table.Rows) != 2 || e.Table.More || e.Table.Link != "/repo/standings/2026-01-01/#small" {
		t.Errorf("standings embed = %+v", e)
	}
	if e := pv.Embeds[1]; e.Kind != "h2h" || e.A != "a1" || e.B != "b2" || e.H2H == nil || e.H2H.Match.A != "a1" {
		t.Errorf("h2h embed = %+v", e)
	}
	if e := s.PostEmbeds(&s.Posts[1]); len(e) != 1 || e[0].AsOf != "" || e[0].H2H != nil {
		t.Errorf("an embed before the first snapshot = %+v, want no data", e)
	}
	got, err := ExpandEmbeds(body, pv.Embeds, func(e EmbedView) (string, error) { return "[" + e.Kind + "]", nil })
	if err != nil || got != "<p>one</p>[standings]<p>two</p>[h2h]" {
		t.Errorf("expanded = %q, %v", got, err)
	}
	if _, err := ExpandEmbeds("<p>no marker</p>", pv.Embeds, nil); err == nil || err.Error() != "league block standings : marker missing" {
		t.Errorf("missing marker: err = %v", err)
	}
}

func TestModelNewsIsCapped(t *testing.T) {
	var items []news.Item
	for i := range ModelNews + 3 {
		items = append(items, news.Item{ID: fmt.Sprint(i), Models: []string{"a1"}, Clubs: []string{"c"}})
	}
	s := league4(t, "", items)
	s.AddContent(nil, nil)
	for _, p := range s.HTMLPages() {
		switch v := p.Data.(type) {
		case ModelView:
			if v.Model.ID == "a1" && (len(v.News) != ModelNews || v.MoreNews != 3 || v.News[0].ID != "0") {
				t.Errorf("a1 news = %d items, %d more; want %d, 3", len(v.News), v.MoreNews, ModelNews)
			}
		case ClubView:
			if len(v.News) != ModelNews || v.MoreNews != 3 {
				t.Errorf("club news = %d items, %d more", len(v.News), v.MoreNews)
			}
		}
	}
}

// TestModelMatchesListed: a model page lists every match while there are at most
// ModelMatches; past that, only those with a head-to-head page, and sums up the rest.
func TestModelMatchesListed(t *testing.T) {
	g := genleague.Generate(genleague.Params{Models: 80, Benchmarks: 12, Dates: 2, News: 1, Posts: 1})
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/"
	data := &league.Data{Clubs: g.Clubs, Models: g.Models, Benchmarks: g.Benchmarks, Results: g.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	s := New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	long := 0
	for _, v := range s.ModelViews() {
		if len(v.Matches) <= ModelMatches {
			if len(v.Listed) != len(v.Matches) || v.Unlisted != (Record{}) {
				t.Errorf("%s: %d matches: listed %d, unlisted %+v; want all listed", v.Model.ID, len(v.Matches), len(v.Listed), v.Unlisted)
			}
			continue
		}
		long++
		var want []*standings.Match
		var rest Record
		for _, m := range v.Matches {
			if s.H2HURL(m.A, m.B) != "" {
				want = append(want, m)
				continue
			}
			rest.Played++
			switch m.Winner {
			case v.Model.ID:
				rest.Won++
			case "":
				rest.Drawn++
			default:
				rest.Lost++
			}
		}
		if !slices.Equal(v.Listed, want) {
			t.Errorf("%s: listed %d matches, want the %d with a page", v.Model.ID, len(v.Listed), len(want))
		}
		if v.Unlisted != rest || rest.Played+len(want) != len(v.Matches) || rest.Played == 0 {
			t.Errorf("%s: unlisted %+v, want %+v", v.Model.ID, v.Unlisted, rest)
		}
	}
	if long == 0 {
		t.Fatalf("no model played more than %d matches: the league is too small for the test", ModelMatches)
	}
}

// TestLongTables: a table longer than TableTop rows shows its top on the standings
// page and goes on over pages of TableChunk rows, on the current and on each dated
// page; RowURL links each row to the page that shows it.
func TestLongTables(t *testing.T) {
	top, chunk := TableTop, TableChunk
	TableTop, TableChunk = 3, 4
	defer func() { TableTop, TableChunk = top, chunk }()
	g := genleague.Generate(genleague.Params{Models: 12, Benchmarks: 8, Dates: 2, News: 1, Posts: 1})
	cfg := config.Default()
	cfg.BaseURL = "https://u.github.io/repo/"
	cfg.League.Divisions = nil // one table of 12 rows: rows 1-3, then 4-7, 8-11, 12
	data := &league.Data{Clubs: g.Clubs, Models: g.Models, Benchmarks: g.Benchmarks, Results: g.Results}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), "")
	s := New(cfg, data, season, nil)
	s.AddContent(nil, nil)
	latest := season.Latest()
	overall := latest.Table(standings.Overall)
	if n := len(overall.Rows); n != 12 {
		t.Fatalf("overall has %d rows, want 12", n)
	}
	byPath := map[string]*Page{}
	for _, p := range s.HTMLPages() {
		byPath[p.Path] = p
	}
	// Every row is on exactly the page RowURL names, for the current table and each day's.
	for _, sn := range season.Snapshots {
		page, date := "standings/", ""
		pages := []string{"standings/", "standings/overall/page/2/", "standings/overall/page/3/", "standings/overall/page/4/"}
		if sn != latest {
			page, date = "standings/"+sn.Date+"/", sn.Date
			for i := range pages {
				pages[i] = page + strings.TrimPrefix(pages[i], "standings/")
			}
		}
		rows := map[string]string{} // model -> page showing it
		for _, path := range pages {
			p := byPath[path]
			if p == nil {
				if len(sn.Table(standings.Overall).Rows) > 3 && path == pages[1] {
					t.Errorf("no page %s", path)
				}
				continue
			}
			var tables []TableView
			switch v := p.Data.(type) {
			case StandingsView:
				tables = v.Tables
			case TableRowsView:
				tables = []TableView{v.Table}
				if p.Kind != "tablerows" || v.Table.PrevRows == "" || v.Table.Page != path {
					t.Errorf("%s: kind %q, prev %q, page %q", path, p.Kind, v.Table.PrevRows, v.Table.Page)
				}
			}
			for _, tv := range tables {
				if len(tv.Rows) > max(TableTop, TableChunk) {
					t.Errorf("%s shows %d rows", path, len(tv.Rows))
				}
				for _, r := range tv.Rows {
					rows[r.Model] = path
				}
			}
		}
		for i, r := range sn.Table(standings.Overall).Rows {
			want := pages[0]
			if i >= 3 {
				want = pages[1+(i-3)/4]
			}
			if rows[r.Model] != want {
				t.Errorf("%s row %d (%s) is on %q, want %q", page, i+1, r.Model, rows[r.Model], want)
			}
			if got := s.RowURL(date, standings.Overall, r.Model); got != "/repo/"+want+"#overall--"+r.Model {
				t.Errorf("RowURL(%q, overall, %s) = %q, want /repo/%s#overall--%s", date, r.Model, got, want, r.Model)
			}
		}
	}
	cur := byPath["standings/"].Data.(StandingsView).Tables[0]
	if cur.Next != "/repo/standings/overall/page/2/" || cur.NextLabel != "Rows 4–7 of 12" || len(cur.Rows) != 3 {
		t.Errorf("current table: next %q %q, %d rows", cur.Next, cur.NextLabel, len(cur.Rows))
	}
	last := byPath["standings/overall/page/4/"]
	if v := last.Data.(TableRowsView).Table; v.Next != "" || v.PrevRows != "/repo/standings/overall/page/3/" || v.PrevLabel != "Rows 8–11 of 12" || len(v.Rows) != 1 {
		t.Errorf("last page: next %q, prev %q %q, %d rows", v.Next, v.PrevRows, v.PrevLabel, len(v.Rows))
	}
	if last.Title != "Overall table, row 12 of 12" {
		t.Errorf("title %q", last.Title)
	}
	if got := thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %q", got)
	}
}
