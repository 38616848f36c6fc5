package site

import (
	"strings"
	"testing"
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
