package standings

import (
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

func TestPlay(t *testing.T) {
	withSE := func(r league.Result, se float64) league.Result {
		r.Stderr, r.HasStderr = se, true
		return r
	}
	margin := bench("b")
	margin.DrawMargin = 0.5
	lower := bench("b")
	lower.HigherIsBetter = false
	tests := []struct {
		name  string
		a, b  league.Result
		bm    league.Benchmark
		want  string  // winner
		thres float64 // expected threshold
	}{
		{"higher wins", res("x", "b", 72, ""), res("y", "b", 70, ""), bench("b"), "x", 0},
		{"equal scores draw", res("x", "b", 70, ""), res("y", "b", 70, ""), bench("b"), "", 0},
		// 1.96·√(1²+1²) = 2.7719…: a gap of 2 is within it, a gap of 3 is not.
		{"draw by stderr", withSE(res("x", "b", 72, ""), 1), withSE(res("y", "b", 70, ""), 1), bench("b"), "", 1.96 * 1.4142135623730951},
		{"win beyond stderr", withSE(res("x", "b", 73, ""), 1), withSE(res("y", "b", 70, ""), 1), bench("b"), "x", 1.96 * 1.4142135623730951},
		// One stderr missing counts as 0: 1.96·√(1.5²) = 2.94 ≥ 2.9.
		{"one stderr", withSE(res("x", "b", 70, ""), 1.5), res("y", "b", 72.9, ""), bench("b"), "", 2.94},
		// 80.3 − 79.8 is 0.5 in decimal, 0.50000000000000x in binary: still a draw.
		{"draw by draw_margin", res("x", "b", 80.3, ""), res("y", "b", 79.8, ""), margin, "", 0.5},
		{"beyond draw_margin", res("x", "b", 80.4, ""), res("y", "b", 79.8, ""), margin, "x", 0.5},
		{"lower is better", res("x", "b", 12, ""), res("y", "b", 9, ""), lower, "y", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leg := play(tt.a, tt.b, &tt.bm)
			if leg.Winner != tt.want {
				t.Errorf("winner = %q, want %q (diff %v, threshold %v)", leg.Winner, tt.want, leg.Diff, leg.Threshold)
			}
			if d := leg.Threshold - tt.thres; d > 1e-9 || d < -1e-9 {
				t.Errorf("threshold = %v, want %v", leg.Threshold, tt.thres)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 1)}
	benchmarks := []league.Benchmark{bench("b1"), bench("b2"), bench("b3"), bench("b4")}
	tests := []struct {
		name      string
		a, b      []float64 // scores on b1.. (NaN-free; a shorter list shares fewer)
		minShared int
		want      *Match // nil: they do not meet
	}{
		{"two shared, default min 3", []float64{1, 2}, []float64{2, 1}, 0, nil},
		{"two shared, min 2", []float64{3, 2}, []float64{2, 1}, 2,
			&Match{A: "a", B: "b", AWon: 2, Winner: "a"}},
		{"three shared, b wins 2-1", []float64{1, 5, 1, 9}, []float64{2, 4, 2}, 3,
			&Match{A: "a", B: "b", AWon: 1, BWon: 2, Winner: "b"}},
		{"one each and a drawn leg: match drawn", []float64{1, 5, 3}, []float64{2, 4, 3}, 3,
			&Match{A: "a", B: "b", AWon: 1, BWon: 1, Drawn: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results := concat(scores("a", "2026-01-01", tt.a...), scores("b", "2026-01-01", tt.b...))
			s := Compute(models, benchmarks, results, Rules{MinShared: tt.minShared}, "")
			got := s.Latest().Match("b", "a")
			if tt.want == nil {
				if got != nil {
					t.Fatalf("got a match %+v, want none", got)
				}
				return
			}
			if got == nil {
				t.Fatal("no match, want one")
			}
			if got.A != tt.want.A || got.B != tt.want.B || got.AWon != tt.want.AWon || got.BWon != tt.want.BWon ||
				got.Drawn != tt.want.Drawn || got.Winner != tt.want.Winner {
				t.Errorf("match = %+v, want %+v", got, tt.want)
			}
			legs := got.Legs()
			for i := 1; i < len(legs); i++ {
				if legs[i-1].Benchmark >= legs[i].Benchmark {
					t.Errorf("legs not sorted by benchmark: %s before %s", legs[i-1].Benchmark, legs[i].Benchmark)
				}
			}
		})
	}
}

// TestOwnOf checks that a match keeps the results it was played on: ownOf gives a
// new pointer when a model's results change, whether to a new array or to a longer
// view of the same one, and the same pointer while they do not.
func TestOwnOf(t *testing.T) {
	e := newEngine([]league.Model{model("a", 1)}, threeBenches, Rules{}, 1)
	rs := scores("a", "2026-01-01", 1, 2, 3)
	e.own[0] = rs[:2]
	first := e.ownOf(0)
	if len(*first) != 2 || e.ownOf(0) != first {
		t.Fatalf("ownOf = %v, then a new pointer for the same results", *first)
	}
	e.own[0] = rs[:3] // the same array, one result more
	longer := e.ownOf(0)
	if longer == first || len(*longer) != 3 || len(*first) != 2 {
		t.Errorf("after a result was added: %d results (was %d), same pointer %v", len(*longer), len(*first), longer == first)
	}
	e.own[0] = append([]league.Result(nil), rs[:3]...) // a new array, same length
	if moved := e.ownOf(0); moved == longer || &(*moved)[0] != &e.own[0][0] {
		t.Errorf("after the results were replaced: same pointer %v", moved == longer)
	}
}

// TestLegsOfHandMadeMatches: a match made by NewMatch gives back its legs, a zero
// Match none.
func TestLegsOfHandMadeMatches(t *testing.T) {
	legs := []Leg{{Benchmark: "b1", Winner: "a"}, {Benchmark: "b2"}}
	if got := NewMatch("a", "b", legs).Legs(); len(got) != 2 || got[0].Winner != "a" {
		t.Errorf("NewMatch legs = %+v", got)
	}
	var zero Match
	if got := zero.Legs(); got != nil {
		t.Errorf("zero Match legs = %+v", got)
	}
}

// TestNewMatchCounts: NewMatch counts the benchmarks each model took and the draws
// from the legs' winners, and names the model that took more as the winner.
func TestNewMatchCounts(t *testing.T) {
	leg := func(w string) Leg { return Leg{Benchmark: "b", Winner: w} }
	for _, tt := range []struct {
		legs              []Leg
		aWon, bWon, drawn int
		winner            string
	}{
		{[]Leg{leg("a"), leg("b"), leg(""), leg("b")}, 1, 2, 1, "b"},
		{[]Leg{leg("a"), leg(""), leg("a"), leg("")}, 2, 0, 2, "a"},
		{[]Leg{leg("b"), leg("a"), leg(""), leg("")}, 1, 1, 2, ""},
		{nil, 0, 0, 0, ""},
	} {
		m := NewMatch("a", "b", tt.legs)
		if m.A != "a" || m.B != "b" || m.AWon != tt.aWon || m.BWon != tt.bWon || m.Drawn != tt.drawn || m.Winner != tt.winner {
			t.Errorf("NewMatch(a, b, %v) = %s %d-%d %s, %d drawn, winner %q; want %d-%d, %d drawn, winner %q",
				tt.legs, m.A, m.AWon, m.BWon, m.B, m.Drawn, m.Winner, tt.aWon, tt.bWon, tt.drawn, tt.winner)
		}
	}
}
