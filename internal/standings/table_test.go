package standings

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

// record is the part of a row the table tests check.
type record struct {
	Model                         string
	Rank                          int
	Shared                        bool
	P, W, D, L, For, Against, Pts int
}

// records returns the records of a table, checking bench_diff on the way.
func records(t *testing.T, tb *Table) []record {
	var out []record
	for _, r := range tb.Rows {
		out = append(out, record{r.Model, r.Rank, r.SharedRank, r.Played, r.Won, r.Drawn, r.Lost, r.BenchFor, r.BenchAgainst, r.Points})
		if r.BenchDiff != r.BenchFor-r.BenchAgainst {
			t.Errorf("%s: bench_diff %d, want %d", r.Model, r.BenchDiff, r.BenchFor-r.BenchAgainst)
		}
	}
	return out
}

func TestTable(t *testing.T) {
	models := []league.Model{model("w", 1), model("x", 1), model("y", 1), model("z", 1), model("p", 1), model("q", 1), model("r", 1)}
	tests := []struct {
		name    string
		results []league.Result
		want    []record
	}{{
		// x beats y 3-0 and z 2-1 (z takes b1); z beats y 2-1 (y takes b3);
		// w shares only two benchmarks with anyone and meets nobody.
		// x: 6 pts, 5-1. z: 3 pts, 1+2=3 for, 2+1=3 against. y: 0 pts, 0+1 for, 3+2 against.
		// w (0 pts, diff 0) ranks above y (0 pts, diff −4).
		name: "points, then bench_diff; a model who meets nobody",
		results: concat(
			scores("x", "2026-01-01", 90, 90, 90),
			scores("y", "2026-01-01", 80, 80, 80),
			scores("z", "2026-01-01", 95, 85, 70),
			scores("w", "2026-01-01", 1, 1),
		),
		want: []record{
			{"x", 1, false, 2, 2, 0, 0, 5, 1, 6},
			{"z", 2, false, 2, 1, 0, 1, 3, 3, 3},
			{"w", 3, false, 0, 0, 0, 0, 0, 0, 0},
			{"y", 4, false, 2, 0, 0, 2, 1, 5, 0},
		},
	}, {
		// A cycle: p beats q, q beats r, r beats p, each 2-1: all equal on the four keys,
		// so all share rank 1 and go by id.
		name: "shared ranks in a cycle",
		results: concat(
			scores("p", "2026-01-01", 3, 2, 1),
			scores("q", "2026-01-01", 2, 1, 3),
			scores("r", "2026-01-01", 1, 3, 2),
		),
		want: []record{
			{"p", 1, true, 2, 1, 0, 1, 3, 3, 3},
			{"q", 1, true, 2, 1, 0, 1, 3, 3, 3},
			{"r", 1, true, 2, 1, 0, 1, 3, 3, 3},
		},
	}, {
		// p and q draw 1-1 (b3 level); both beat r: p 3-0, q 2-0 (b2 level).
		// p: W1 D1, 4-1, 4 pts. q: W1 D1, 3-1, 4 pts: bench_diff 3 beats 2. r: L2, 0-5.
		name: "drawn legs and a drawn match",
		results: concat(
			scores("p", "2026-01-01", 5, 5, 5),
			scores("q", "2026-01-01", 6, 4, 5),
			scores("r", "2026-01-01", 4, 4, 4),
		),
		want: []record{
			{"p", 1, false, 2, 1, 1, 0, 4, 1, 4},
			{"q", 2, false, 2, 1, 1, 0, 3, 1, 4},
			{"r", 3, false, 2, 0, 0, 2, 0, 5, 0},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(models, threeBenches, tt.results, Rules{}, "")
			if got := records(t, s.Latest().Table(Overall)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestSortRows(t *testing.T) {
	row := func(m string, pts, diff, bfor, won int) Row {
		return Row{Model: m, Points: pts, BenchDiff: diff, BenchFor: bfor, Won: won}
	}
	rows := []Row{
		row("e", 4, 1, 4, 0), // loses to b and c on won only
		row("d", 4, 1, 3, 1), // loses to b and c on bench_for
		row("c", 4, 1, 4, 1),
		row("f", 4, 0, 9, 9), // bench_diff before bench_for and won
		row("b", 4, 1, 4, 1),
		row("a", 6, 0, 0, 2), // points first
	}
	sortRows(rows)
	type ranked struct {
		Model  string
		Rank   int
		Shared bool
	}
	var got []ranked
	for _, r := range rows {
		got = append(got, ranked{r.Model, r.Rank, r.SharedRank})
	}
	want := []ranked{{"a", 1, false}, {"b", 2, true}, {"c", 2, true}, {"e", 4, false}, {"d", 5, false}, {"f", 6, false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDivisionTables(t *testing.T) {
	models := []league.Model{model("tiny", 2), model("edge", 6), model("mid", 12), model("huge", 400), model("unknown", 0)}
	rules := Rules{Divisions: []Division{
		{ID: "pocket", Name: "Pocket", MaxParamsB: 6},
		{ID: "laptop", Name: "Laptop", MaxParamsB: 16},
		{ID: "datacenter", Name: "Datacenter"},
	}}
	var results []league.Result
	for _, m := range models {
		results = append(results, scores(m.ID, "2026-01-01", 50, 50, 50)...)
	}
	s := Compute(models, threeBenches, concat(results), rules, "")
	want := map[string][]string{
		Overall:      {"edge", "huge", "mid", "tiny", "unknown"}, // all draws: shared rank, by id
		"pocket":     {"edge", "tiny"},
		"laptop":     {"mid"},
		"datacenter": {"huge"},
	}
	var ids []string
	for _, tb := range s.Latest().Tables {
		ids = append(ids, tb.ID)
		var got []string
		for _, r := range tb.Rows {
			got = append(got, r.Model)
		}
		if !reflect.DeepEqual(got, want[tb.ID]) {
			t.Errorf("table %s = %v, want %v", tb.ID, got, want[tb.ID])
		}
	}
	if wantIDs := []string{Overall, "pocket", "laptop", "datacenter"}; !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("tables %v, want %v", ids, wantIDs)
	}
	if n := s.Latest().Table(Overall).Rows[0].Played; n != 4 {
		t.Errorf("overall: edge played %d, want 4 (everyone)", n)
	}
	if n := s.Latest().Table("pocket").Rows[0].Played; n != 1 {
		t.Errorf("pocket: edge played %d, want 1 (only the members of the table)", n)
	}
}

func TestSources(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 50)}
	src := func(url, name string) league.Source {
		return league.Source{URL: url, Name: name, Kind: league.SelfReported}
	}
	results := concat(scores("a", "2026-01-01", 1, 2, 3), scores("b", "2026-01-01", 1, 2, 3))
	results[0].Source = src("https://z.example/", "Z")
	results[1].Source = src("https://a.example/", "A2")
	results[2].Source = src("https://a.example/", "A1")
	results[3].Source = src("https://a.example/", "A1") // same source twice
	results[4].Source = src("https://b.example/", "B")
	results[5].Source = src("https://b.example/", "B")
	rules := Rules{Divisions: []Division{{ID: "small", MaxParamsB: 10}}}
	s := Compute(models, threeBenches, results, rules, "")
	tests := []struct {
		table string
		want  []league.Source
	}{
		{Overall, []league.Source{src("https://a.example/", "A1"), src("https://a.example/", "A2"), src("https://b.example/", "B"), src("https://z.example/", "Z")}},
		{"small", []league.Source{src("https://a.example/", "A1"), src("https://a.example/", "A2"), src("https://z.example/", "Z")}},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			if got := s.Latest().Table(tt.table).Sources; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sources = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSourcesByKind: sources of one URL and name are ordered by kind ("" before
// Independent before SelfReported), and a non-member's source is left out.
func TestSourcesByKind(t *testing.T) {
	src := func(kind string) league.Source {
		return league.Source{URL: "https://a.example/", Name: "A", Kind: kind}
	}
	results := []league.Result{
		{Model: "a", Source: src(league.SelfReported)},
		{Model: "b", Source: src(league.Independent)},
		{Model: "a", Source: src("")},
		{Model: "b", Source: src(league.SelfReported)},
		{Model: "c", Source: league.Source{URL: "https://c.example/", Name: "C"}},
	}
	got := sources(results, map[string]int{"a": 0, "b": 1})
	want := []league.Source{src(""), src(league.Independent), src(league.SelfReported)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
}
