package site

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

func TestFrontier(t *testing.T) {
	p := func(m string, size, score float64) EffPoint {
		return EffPoint{Model: m, Name: m, ParamsB: size, Score: score}
	}
	tests := []struct {
		name string
		in   []EffPoint
		want []string
	}{
		{"empty", nil, nil},
		{"one", []EffPoint{p("a", 7, 50)}, []string{"a"}},
		{"rising", []EffPoint{p("c", 30, 70), p("a", 1, 20), p("b", 8, 50)}, []string{"a", "b", "c"}},
		{"bigger but worse is off", []EffPoint{p("a", 4, 60), p("b", 8, 50), p("c", 30, 61)}, []string{"a", "c"}},
		{"equal score to a smaller is off", []EffPoint{p("a", 4, 60), p("b", 8, 60)}, []string{"a"}},
		{"same size: best only", []EffPoint{p("a", 8, 40), p("b", 8, 55), p("c", 8, 50)}, []string{"b"}},
		{"same size tie: both", []EffPoint{p("b", 8, 55), p("a", 8, 55), p("c", 2, 10)}, []string{"c", "a", "b"}},
		{"same size as a better one is off", []EffPoint{p("a", 2, 70), p("b", 8, 65), p("c", 8, 75)}, []string{"a", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range Frontier(tt.in) {
				got = append(got, q.Model)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Frontier = %v, want %v", got, tt.want)
			}
		})
	}
}

// Efficiency points by hand: b1 is higher-is-better on 0–100, b2 lower-is-better
// with max 50 (normalised 100·(50−s)/50); results on unknown benchmarks and models
// without a known size are left out.
func TestEfficiencyPoints(t *testing.T) {
	benchmarks := map[string]*league.Benchmark{
		"b1": {ID: "b1", HigherIsBetter: true},
		"b2": {ID: "b2", Max: 50},
	}
	models := []league.Model{
		{ID: "c", Name: "C", ParamsB: 0},  // size unknown
		{ID: "f", Name: "F", ParamsB: -1}, // likewise
		{ID: "a", Name: "Alpha", ParamsB: 7},
		{ID: "b", ParamsB: 3},  // no name: its id
		{ID: "e", ParamsB: 1},  // only a result on an unknown benchmark
		{ID: "g", ParamsB: 10}, // beaten by smaller models
		{ID: "d", Name: "D", ParamsB: 7},
	}
	snap := &standings.Snapshot{Results: []league.Result{
		{Model: "a", Benchmark: "b1", Score: 60}, {Model: "a", Benchmark: "b2", Score: 10},
		{Model: "b", Benchmark: "b1", Score: 40}, {Model: "b", Benchmark: "zz", Score: 99},
		{Model: "c", Benchmark: "b1", Score: 90}, {Model: "f", Benchmark: "b1", Score: 90},
		{Model: "d", Benchmark: "b1", Score: 70},
		{Model: "e", Benchmark: "zz", Score: 99},
		{Model: "g", Benchmark: "b2", Score: 25},
	}}
	got := EfficiencyPoints(snap, models, benchmarks)
	want := []EffPoint{
		{Model: "b", Name: "b", ParamsB: 3, Score: 40, Frontier: true},
		{Model: "a", Name: "Alpha", ParamsB: 7, Score: 70, Frontier: true}, // (60 + 80) / 2
		{Model: "d", Name: "D", ParamsB: 7, Score: 70, Frontier: true},
		{Model: "g", Name: "g", ParamsB: 10, Score: 50},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("points =\n%+v\nwant\n%+v", got, want)
	}
	if got := EfficiencyPoints(nil, models, benchmarks); got != nil {
		t.Errorf("no snapshot: %+v, want none", got)
	}
}
