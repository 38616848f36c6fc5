package render

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// TestLegRows: each leg's cells as the legs table shows them.
func TestLegRows(t *testing.T) {
	s := testSite(t)
	r := func(m, b string, score, se float64) league.Result {
		return league.Result{Model: m, Benchmark: b, Score: score, Stderr: se, HasStderr: se > 0}
	}
	m := standings.NewMatch("a", "b", []standings.Leg{
		{Benchmark: "q", A: r("a", "q", 70.25, 0.5), B: r("b", "q", 60, 0), Diff: 10.25, Threshold: 1.234, Winner: "a"},
		{Benchmark: "x/y", A: r("a", "x/y", 50, 0), B: r("b", "x/y", 50.5, 2), Diff: 0.5, Threshold: 3.92},
		{Benchmark: "r", A: r("a", "r", 1, 0), B: r("b", "r", 9, 0), Diff: 8, Threshold: 0, Winner: "b"},
	})
	got := legRows(s, site.H2HView{Match: m})
	want := []legRow{
		{Class: "won-a", URL: "/repo/benchmarks/q/", Name: "q", Benchmark: "q", AScore: "70.25", AStderr: "0.5", HasA: true, ABest: true,
			BScore: "60", Diff: "10.25", Threshold: "1.23", Taken: "A | <b>"},
		{Class: "drawn", URL: "/repo/benchmarks/x/y/", Name: "x/y", Benchmark: "x/y", AScore: "50", BScore: "50.5", BStderr: "2", HasB: true,
			Diff: "0.50", Threshold: "3.92", Taken: "draw"},
		{Class: "won-b", URL: "/repo/benchmarks/r/", Name: "r", Benchmark: "r", AScore: "1", BScore: "9", BBest: true,
			Diff: "8.00", Threshold: "0.00", Taken: "B"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("legRows =\n%+v\nwant\n%+v", got, want)
	}
}
