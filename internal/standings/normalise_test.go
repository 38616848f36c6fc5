package standings

import (
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

func TestNormalised(t *testing.T) {
	mc := league.Benchmark{HigherIsBetter: true, RandomBaseline: 25, Max: 100}
	elo := league.Benchmark{HigherIsBetter: true, Max: 4000}
	noMax := league.Benchmark{HigherIsBetter: true}
	lower := league.Benchmark{HigherIsBetter: false, Max: 50, RandomBaseline: 10}
	tests := []struct {
		name  string
		b     league.Benchmark
		score float64
		want  float64
	}{
		{"baseline 25: 62.5 is half way", mc, 62.5, 50},
		{"below the baseline clamps to 0", mc, 20, 0},
		{"at max", mc, 100, 100},
		{"above max clamps to 100", elo, 5000, 100},
		{"max 4000", elo, 1000, 25},
		{"max 0 means 100", noMax, 40, 40},
		// Lower is better: 100·(50 − 20)/(50 − 10) = 75.
		{"reversed", lower, 20, 75},
		{"reversed at max is 0", lower, 50, 0},
		{"reversed beyond max clamps", lower, 60, 0},
		{"reversed below baseline clamps", lower, 0, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalised(tt.b, tt.score); got != tt.want {
				t.Errorf("Normalised(%v) = %v, want %v", tt.score, got, tt.want)
			}
		})
	}
}

func TestDivisionOf(t *testing.T) {
	divs := []Division{{ID: "pocket", MaxParamsB: 6}, {ID: "laptop", MaxParamsB: 16}, {ID: "datacenter"}}
	bounded := divs[:2]
	tests := []struct {
		name    string
		divs    []Division
		paramsB float64
		want    string
	}{
		{"unknown size", divs, 0, ""},
		{"small", divs, 2.3, "pocket"},
		{"on the bound", divs, 6, "pocket"},
		{"just over", divs, 6.1, "laptop"},
		{"unbounded band", divs, 1000, "datacenter"},
		{"no band fits", bounded, 1000, ""},
		{"no divisions", nil, 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DivisionOf(tt.divs, tt.paramsB); got != tt.want {
				t.Errorf("DivisionOf(%v) = %q, want %q", tt.paramsB, got, tt.want)
			}
		})
	}
}
