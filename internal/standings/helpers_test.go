package standings

import (
	"github.com/ai-league/ai-league/internal/league"
)

// The helpers build small leagues for the tests.

func model(id string, paramsB float64) league.Model {
	return league.Model{ID: id, Club: "club-" + id, ParamsB: paramsB}
}

func bench(id string) league.Benchmark {
	return league.Benchmark{ID: id, HigherIsBetter: true, Max: 100}
}

func res(m, b string, score float64, date string) league.Result {
	return league.Result{Model: m, Benchmark: b, Score: score, Date: date, File: "data/results/r.json"}
}

// numbered sets File and Index of results that share a file, in order.
func numbered(file string, rs ...league.Result) []league.Result {
	for i := range rs {
		rs[i].File = file
		rs[i].Index = i
	}
	return rs
}

// threeBenches is b1, b2, b3, higher is better.
var threeBenches = []league.Benchmark{bench("b1"), bench("b2"), bench("b3")}

// scores gives a model one result per benchmark b1, b2, … on date.
func scores(m, date string, ss ...float64) []league.Result {
	var out []league.Result
	for i, s := range ss {
		out = append(out, res(m, "b"+string(rune('1'+i)), s, date))
	}
	return out
}

func concat(rss ...[]league.Result) []league.Result {
	var out []league.Result
	for _, rs := range rss {
		out = append(out, rs...)
	}
	for i := range out {
		out[i].Index = i
	}
	return out
}

func intp(v int) *int { return &v }
