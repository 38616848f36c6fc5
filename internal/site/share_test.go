package site

import (
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// league2days is league4 with a second result date, on which b2 overtakes b1, and a
// fifth model without results.
func league2days(t *testing.T) *Site {
	t.Helper()
	s := league4(t, "", nil)
	data := s.Data
	data.Models = append(data.Models, league.Model{ID: "z", Name: "Zed", Club: "c", ParamsB: 3})
	for _, bm := range []string{"q", "r"} {
		data.Results = append(data.Results, league.Result{Model: "b1", Benchmark: bm, Score: 99, Date: "2026-02-01", File: "y.json", Index: len(data.Results)})
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(s.Config.League), "")
	cfg := s.Config
	cfg.Title = "AI League"
	s = New(cfg, data, season, nil)
	s.AddContent([]content.Post{{Slug: "p", Title: "A post", Date: "2026-02-02", Summary: "What changed.", Tags: []string{"x"}}}, nil)
	return s
}

func pageAt(t *testing.T, s *Site, path string) *Page {
	t.Helper()
	for _, p := range s.HTMLPages() {
		if p.Path == path {
			return p
		}
	}
	t.Fatalf("no page %q", path)
	return nil
}

func TestShareCards(t *testing.T) {
	s := league2days(t)
	home := pageAt(t, s, "")
	if home.Image != "share/home.png" || home.ImageURL != "https://u.github.io/repo/share/home.png" || home.Card == nil {
		t.Fatalf("home: image %q %q, card %v", home.Image, home.ImageURL, home.Card)
	}
	if c := home.Card; c.Site != "AI League" || c.Host != "u.github.io/repo" || len(c.Rows) != 2 || c.Rows[0].Detail != "Small · C" {
		t.Errorf("home card: %+v", c)
	}
	for path, want := range map[string]string{
		"standings/":             "Overall table",
		"standings/2026-01-01/":  "Overall table on 1 January 2026",
		"embed/standings/small/": "Small table",
		"models/b1/":             "B1",
		"models/z/":              "Zed",
		"clubs/c/":               "C",
		"benchmarks/q/":          "Q",
		"posts/p/":               "A post",
		"h2h/b1-vs-b2/":          "In the Overall and Big tables",
	} {
		p := pageAt(t, s, path)
		if p.Card == nil || p.Card.Title != want || p.Image != SharePath(path) || p.ImageAlt == "" {
			t.Errorf("%s: card %+v, image %q, alt %q; want the title %q", path, p.Card, p.Image, p.ImageAlt, want)
		}
	}
	b1 := pageAt(t, s, "models/b1/").Card
	if len(b1.Stats) != 4 || b1.Stats[0].Value != "1st" || b1.Stats[2].Label != "Record" || !strings.Contains(b1.Sub, "1st in Big") {
		t.Errorf("model card: %+v", b1)
	}
	if z := pageAt(t, s, "models/z/").Card; len(z.Stats) != 2 || z.Stats[0].Value != "0" {
		t.Errorf("card of a model without results: %+v", z.Stats)
	}
	h := pageAt(t, s, "h2h/b1-vs-b2/")
	if m := h.Card.Match; m == nil || m.A != "B1" || m.B != "B2" || m.AWon != 2 || m.BWon != 0 || m.Winner != "a" || m.Note != "2 shared benchmarks" {
		t.Errorf("h2h card: %+v", h.Card.Match)
	}
	if !strings.Contains(h.ImageAlt, "B1 beats B2 2-0") {
		t.Errorf("h2h alt: %q", h.ImageAlt)
	}
	post := pageAt(t, s, "posts/p/").Card
	if post.Sub != "2 February 2026" || post.Text != "What changed." || post.Footer != "#x" {
		t.Errorf("post card: %+v", post)
	}
	// Pages without a card of their own show the home page's image.
	for _, path := range []string{"news/", "posts/", "methodology/", "404.html"} {
		p := pageAt(t, s, path)
		if p.Card != nil || p.Image != home.Image || p.ImageAlt != home.ImageAlt {
			t.Errorf("%s: card %v, image %q; want the home page's", path, p.Card, p.Image)
		}
	}
	n := 0
	for _, p := range s.HTMLPages() {
		if p.Card != nil {
			n++
		}
	}
	if got := len(s.ShareCards()); got != n || got < 10 {
		t.Errorf("ShareCards lists %d pages, %d have cards", got, n)
	}
}

func TestSharePath(t *testing.T) {
	for in, want := range map[string]string{"": "share/home.png", "standings/": "share/standings.png",
		"h2h/a-vs-b/": "share/h2h/a-vs-b.png", "embed/standings/x/": "share/embed/standings/x.png"} {
		if got := SharePath(in); got != want {
			t.Errorf("SharePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableLinks(t *testing.T) {
	s := league2days(t)
	cur := pageAt(t, s, "standings/").Data.(StandingsView).Tables[0]
	if cur.Page != "standings/" || cur.Prev != "2026-01-01" || cur.Now != "" || !cur.Files {
		t.Errorf("current table: page %q prev %q now %q files %v", cur.Page, cur.Prev, cur.Now, cur.Files)
	}
	if want := `<iframe src="https://u.github.io/repo/embed/standings/overall/" title="Overall table · AI League"`; !strings.HasPrefix(cur.EmbedCode, want) {
		t.Errorf("embed code %q, want it to start %q", cur.EmbedCode, want)
	}
	old := pageAt(t, s, "standings/2026-01-01/").Data.(StandingsView).Tables[1]
	if old.Page != "standings/2026-01-01/" || old.Prev != "" || old.Now != "standings/" || old.Files || old.EmbedCode != "" {
		t.Errorf("older table: page %q prev %q now %q files %v", old.Page, old.Prev, old.Now, old.Files)
	}
	home := pageAt(t, s, "").Data.(HomeView).Tables[0]
	if home.Page != "standings/" || home.Files || !strings.HasSuffix(home.Link, "/repo/standings/#small") {
		t.Errorf("home table: page %q files %v link %q", home.Page, home.Files, home.Link)
	}
	e := pageAt(t, s, "embed/standings/big/")
	ev := e.Data.(EmbedTableView)
	if !e.NoIndex || e.Kind != "embedtable" || ev.Back != "https://u.github.io/repo/standings/#big" || ev.Table.Files || ev.Table.Table.ID != "big" {
		t.Errorf("embed page: %+v %+v", e, ev)
	}
	if h := embedHeight(0); h != 227 {
		t.Errorf("embedHeight(0) = %d", h)
	}
	if h := embedHeight(500); h != 1200 {
		t.Errorf("embedHeight(500) = %d, want the cap", h)
	}
}

func TestJoinAnd(t *testing.T) {
	for want, in := range map[string][]string{"": nil, "a": {"a"}, "a and b": {"a", "b"}, "a, b and c": {"a", "b", "c"}} {
		if got := joinAnd(in); got != want {
			t.Errorf("joinAnd(%q) = %q", in, got)
		}
	}
}
