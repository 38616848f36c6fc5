package render

import (
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/feed"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

func TestFormatting(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd", 111: "111th"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	if rankLabel(3, true) != "=3" || rankLabel(3, false) != "3" {
		t.Error("rank labels")
	}
	up, down, same := 2, -3, 0
	for _, tt := range []struct {
		m    *int
		want movementView
	}{
		{nil, movementView{"new", "★", "new", "new in this table"}},
		{&up, movementView{"up", "▲", "2", "up 2"}},
		{&down, movementView{"down", "▼", "3", "down 3"}},
		{&same, movementView{"same", "–", "", "no change"}},
	} {
		if got := movement(tt.m); got != tt.want {
			t.Errorf("movement = %+v, want %+v", got, tt.want)
		}
	}
	if num(77.20) != "77.2" || num(3052) != "3052" {
		t.Error("num drops trailing zeros")
	}
	if longDate("2026-06-03") != "3 June 2026" || longDate("2026-06-03T10:00:00Z") != "3 June 2026" || longDate("soon") != "soon" {
		t.Error("longDate")
	}
}

// testSite is a two-model league with one hostile name.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Description = "T", "https://u.github.io/repo/", "d"
	data := &league.Data{
		Clubs:      []league.Club{{ID: "c", Name: "Club"}},
		Models:     []league.Model{{ID: "a", Name: "A | <b>", Club: "c", ParamsB: 4}, {ID: "b", Name: "B", Club: "c", ParamsB: 20}},
		Benchmarks: []league.Benchmark{{ID: "q", Name: "Q", HigherIsBetter: true, Max: 100}, {ID: "r", Name: "R", HigherIsBetter: true, Max: 100}},
	}
	for _, m := range []string{"a", "b"} {
		for i, bm := range []string{"q", "r"} {
			score := 50.0 + float64(i)
			if m == "b" {
				score += 10
			}
			data.Results = append(data.Results, league.Result{Model: m, Benchmark: bm, Score: score, Date: "2026-01-01", File: "x.json", Index: len(data.Results)})
		}
	}
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.Rules{MinShared: 2,
		Divisions: []standings.Division{{ID: "pocket", Name: "Pocket", MaxParamsB: 6}, {ID: "datacenter", Name: "Datacenter"}}}, "")
	return site.New(cfg, data, season, nil)
}

func TestTablesAsData(t *testing.T) {
	s := testSite(t)
	overall := s.Season.Latest().Table("overall")
	csv := string(tableCSV(s, overall))
	wantCSV := "rank,shared_rank,model,name,club,played,won,drawn,lost,bench_for,bench_against,bench_diff,points,rating,rating_low,rating_high,movement\n" +
		"1,false,b,B,c,1,1,0,0,2,0,2,3,"
	if !strings.HasPrefix(csv, wantCSV) || !strings.Contains(csv, "\n2,false,a,A | <b>,c,1,0,0,1,0,2,-2,0,") {
		t.Errorf("CSV:\n%s", csv)
	}
	md := string(tableMarkdown(s, overall, "2026-01-01"))
	if !strings.Contains(md, `[A \| &lt;b&gt;](https://u.github.io/repo/models/a/)`) || strings.Contains(md, "<b>") {
		t.Errorf("Markdown does not escape the name:\n%s", md)
	}
	if !strings.Contains(md, "https://u.github.io/repo/standings/2026-01-01/#overall") {
		t.Errorf("Markdown lacks the table's permalink:\n%s", md)
	}
}

func TestChangeTitle(t *testing.T) {
	s := testSite(t)
	tests := []struct {
		c    standings.Change
		want string
	}{
		{standings.Change{Kind: standings.NewLeader, Table: "overall", Model: "b", To: 1}, "B takes the lead of the Overall table"},
		{standings.Change{Kind: standings.Entered, Table: "pocket", Model: "b", To: 2}, "B enters the Pocket table at 2nd"},
		{standings.Change{Kind: standings.Moved, Table: "datacenter", Model: "b", From: 7, To: 3}, "B climbs from 7th to 3rd in the Datacenter table"},
		{standings.Change{Kind: standings.Moved, Table: "overall", Model: "b", From: 1, To: 4}, "B drops from 1st to 4th in the Overall table"},
	}
	for _, tt := range tests {
		if got := ChangeTitle(s, tt.c); got != tt.want {
			t.Errorf("ChangeTitle = %q, want %q", got, tt.want)
		}
	}
}

func TestMergeEntriesNewestFirstAndCapped(t *testing.T) {
	e := func(id, date string) feed.Entry { return feed.Entry{ID: id, Updated: day(date)} }
	got := mergeEntries(3, []feed.Entry{e("p1", "2026-01-01"), e("p2", "2026-03-01")}, []feed.Entry{e("n1", "2026-02-01"), e("n0", "2026-03-01")})
	var ids []string
	for _, x := range got {
		ids = append(ids, x.ID)
	}
	if strings.Join(ids, ",") != "n0,p2,n1" {
		t.Errorf("order = %v, want n0,p2,n1", ids)
	}
}

func TestTemplateOverrides(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	s := testSite(t)
	site := fstest.MapFS{"notfound.html": {Data: []byte(`{{define "main"}}<p>Custom lost page</p>{{end}}`)}}
	s.AddContent(nil, nil)
	r, err := New(s, Overlay{Top: site, Base: defaults}, Overlay{Base: static})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range s.HTMLPages() {
		if p.Out == "404.html" {
			b, err := r.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			found = strings.Contains(string(b), "Custom lost page")
		}
	}
	if !found {
		t.Error("404.html does not use the site's template")
	}

	broken := fstest.MapFS{"model.html": {Data: []byte(`{{define "main"}}{{.Nope`)}}
	if _, err := New(s, Overlay{Top: broken, Base: defaults}, static); err == nil || !strings.Contains(err.Error(), "templates/model.html") {
		t.Errorf("a broken template: err = %v, want one naming templates/model.html", err)
	}
	if _, err := New(s, fstest.MapFS{"base.html": {Data: []byte("x")}, "partials.html": {Data: []byte("")}}, static); err == nil || !strings.Contains(err.Error(), "home.html is missing") {
		t.Errorf("missing templates: err = %v", err)
	}
}

func TestSitemapSplitsPastTheLimit(t *testing.T) {
	defer func(n int) { sitemapLimit = n }(sitemapLimit)
	sitemapLimit = 4
	s := testSite(t)
	s.AddContent(nil, nil)
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	r, err := New(s, defaults, static)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	if err := r.DataFiles(func(p string, b []byte) error { files[p] = string(b); return nil }); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range s.HTMLPages() {
		if p.Out != "404.html" && !p.NoIndex { // embed pages are not for search engines
			pages++
		}
	}
	parts := (pages + 3) / 4
	index := files["sitemap.xml"]
	if !strings.Contains(index, "<sitemapindex") || strings.Count(index, "<sitemap>") != parts {
		t.Fatalf("sitemap.xml for %d pages: want an index of %d sitemaps:\n%s", pages, parts, index)
	}
	urls := 0
	for i := 1; i <= parts; i++ {
		part, ok := files[fmt.Sprintf("sitemaps/%d.xml", i)]
		if !ok || !strings.Contains(index, fmt.Sprintf("https://u.github.io/repo/sitemaps/%d.xml", i)) {
			t.Fatalf("sitemaps/%d.xml missing from the files or the index", i)
		}
		urls += strings.Count(part, "<url>")
	}
	if urls != pages {
		t.Errorf("the sitemaps list %d URLs, want %d", urls, pages)
	}
}

// TestLayoutFilesAreNoPageKind: base.html and partials.html make the layout of
// every kind and are no page kind themselves; every other file is one.
func TestLayoutFilesAreNoPageKind(t *testing.T) {
	r := dataRenderer(t, dataSite(t, ""))
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	names, err := fs.Glob(defaults, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		kind := strings.TrimSuffix(n, ".html")
		_, ok := r.kinds[kind]
		if layout := n == "base.html" || n == "partials.html"; ok == layout {
			t.Errorf("%s: a page kind %v", n, ok)
		}
	}
	if len(r.kinds) != len(names)-2 {
		t.Errorf("%d kinds for %d files", len(r.kinds), len(names))
	}
}

// TestNumNotFinite: a score that is not a number or infinite shows as a dash.
func TestNumNotFinite(t *testing.T) {
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := num(x); got != "–" {
			t.Errorf("num(%v) = %q, want –", x, got)
		}
	}
	if got := num(77.25); got != "77.25" {
		t.Errorf("num(77.25) = %q", got)
	}
}

// TestDictOddArguments: a site's template that hands dict an odd number of
// arguments gets the pairs, the last key without a value left out.
func TestDictOddArguments(t *testing.T) {
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	s := testSite(t)
	s.AddContent(nil, nil)
	own := fstest.MapFS{"notfound.html": {Data: []byte(`{{define "main"}}{{$d := dict "a" 1 "b"}}<p>a={{$d.a}} n={{len $d}}</p>{{end}}`)}}
	r, err := New(s, Overlay{Top: own, Base: defaults}, Overlay{Base: static})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.HTMLPages() {
		if p.Out == "404.html" {
			b, err := r.Page(p)
			if err != nil || !strings.Contains(string(b), "<p>a=1 n=1</p>") {
				t.Errorf("dict with 3 arguments: err %v, page:\n%s", err, b)
			}
			return
		}
	}
	t.Error("no 404 page")
}
