package render

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// TestModelMatchAsJSONMarshal: a match's array is the bytes json.Marshal makes of
// its values, for plain ids and paths and for strings it escapes, and inside a
// document too.
func TestModelMatchAsJSONMarshal(t *testing.T) {
	names := []string{"", "qwen3.5-9b", "/h2h/a--b/", "https://x.example/ai-league/h2h/a--b/", "a\"b", `a\b`, "<script>", "a&b",
		"tab\there", "nul\x00", "é", "line\u2028sep", "bad\xffutf8", "del\x7f", "~!@#$%^*()_+={}[]|:;',.?",
		// each alone, so that no other byte of the string decides how it is written
		"\t", "\x00", " ", "\x7f", "\xff", "\u2028", "\"", "\\", "<", ">", "&"}
	for _, opp := range names {
		for _, h2h := range names {
			for _, n := range [][3]int{{0, 0, 0}, {12, 3, 45}, {-1, 1000000, 7}} {
				m := modelMatch{Opponent: opp, For: n[0], Against: n[1], Drawn: n[2], H2H: h2h}
				got, err := m.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				a := []any{opp, n[0], n[1], n[2]}
				if h2h != "" {
					a = append(a, h2h)
				}
				want, _ := json.Marshal(a)
				if string(got) != string(want) {
					t.Fatalf("%+v: %s, want %s", m, got, want)
				}
			}
		}
	}
	doc, err := json.Marshal(struct {
		Matches []modelMatch `json:"matches"`
	}{[]modelMatch{{Opponent: "b", For: 2, Against: 1, Drawn: 3, H2H: "/h2h/a--b/"}, {Opponent: "c<", For: 0, Against: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"matches":[["b",2,1,3,"/h2h/a--b/"],["c\u003c",0,4,0]]}`; string(doc) != want {
		t.Errorf("document %s, want %s", doc, want)
	}
}

// TestModelJSON checks model.json of a view made by hand: the club's name, the
// division's name only with a division, each table row, the results (the
// benchmark's name and settings when it is known, its id else; normalised scores to
// two decimals) and only the matches the model plays as A, each with its
// head-to-head page when the pair has one.
func TestModelJSON(t *testing.T) {
	s := dataSite(t, "", "2026-01-01", "2026-02-01")
	// a and b are in two divisions: a post that names both gives them a page.
	s.AddContent([]content.Post{{Slug: "p", Title: "P", Date: "2026-02-01", Models: []string{"a", "b"}}}, nil)
	m := &league.Model{ID: "a", Name: "A", Club: "c", ParamsB: 4}
	q := &league.Benchmark{ID: "q", Name: "Q", Category: "knowledge", HigherIsBetter: true, DrawMargin: 0.5}
	overall := &standings.Table{ID: "overall", Name: "Overall"}
	pocket := &standings.Table{ID: "pocket", Name: "Pocket"}
	v := site.ModelView{Model: m, Division: "pocket", DivName: "Pocket",
		Rows: []site.TableRowView{
			{Table: overall, Row: standings.Row{Rank: 2, SharedRank: true, Model: "a", Points: 4, Won: 1, Drawn: 1, Lost: 1, Rating: 1492.5}},
			{Table: pocket, Row: standings.Row{Rank: 1, Model: "a", Points: 3, Won: 1, Rating: 1510}},
		},
		Results: []site.ResultView{
			{Model: "a", Benchmark: "q", Score: 51.25, Stderr: 0.5, HasStderr: true, Date: "2026-02-01", Bench: q, Normalised: 51.256},
			{Model: "a", Benchmark: "gone", Score: 7, Date: "2026-01-01", Normalised: 12.344},
		},
		Matches: []*standings.Match{
			{A: "0", B: "a", AWon: 1, BWon: 1}, // in 0's file
			{A: "a", B: "b", AWon: 0, BWon: 2, Drawn: 1, Winner: "b"},
			{A: "a", B: "a"}, // never made; not a match of two
			{A: "a", B: "zz", AWon: 3, BWon: 1, Winner: "a"}, // no such model: no head-to-head page
		},
	}
	got, err := modelJSON(s, v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","name":"A","club":"c","club_name":"Club","params_b":4,"division":"pocket","division_name":"Pocket","as_of":"2026-02-01",` +
		`"rows":[{"table":"overall","table_name":"Overall","rank":2,"shared_rank":true,"points":4,"won":1,"drawn":1,"lost":1,"rating":1492.5},` +
		`{"table":"pocket","table_name":"Pocket","rank":1,"shared_rank":false,"points":3,"won":1,"drawn":0,"lost":0,"rating":1510}],` +
		`"results":[{"benchmark":"q","name":"Q","category":"knowledge","higher_is_better":true,"draw_margin":0.5,"score":51.25,"stderr":0.5,"normalised":51.26,"date":"2026-02-01"},` +
		`{"benchmark":"gone","name":"gone","higher_is_better":false,"draw_margin":0,"score":7,"stderr":0,"normalised":12.34,"date":"2026-01-01"}],` +
		`"matches":[["b",0,2,1,"/repo/h2h/a-vs-b/"],["zz",3,1,0]]}` + "\n"
	if string(got) != want {
		t.Errorf("model.json:\n%s\nwant\n%s", got, want)
	}

	// A model of unknown size: no division, and no division name even if one is set;
	// nothing else: empty lists, not null.
	v = site.ModelView{Model: &league.Model{ID: "b", Name: "B", Club: "nope"}, DivName: "Pocket"}
	got, err = modelJSON(s, v)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"id":"b","name":"B","club":"nope","club_name":"nope","as_of":"2026-02-01","rows":[],"results":[],"matches":[]}` + "\n"
	if string(got) != want {
		t.Errorf("model.json:\n%s\nwant\n%s", got, want)
	}

	// A score JSON cannot hold stops the file with its path.
	v.Results = []site.ResultView{{Model: "b", Benchmark: "q", Score: math.NaN()}}
	if _, err := modelJSON(s, v); err == nil || err.Error() != "models/b/model.json: json: unsupported value: NaN" {
		t.Errorf("a NaN score: err = %v", err)
	}
}
