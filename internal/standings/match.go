package standings

import (
	"math"

	"github.com/ai-league/ai-league/internal/league"
)

// matchContext is what a match needs to play its legs again.
type matchContext struct {
	benchmarks map[string]*league.Benchmark
	legs       []Leg // the legs given to NewMatch
}

// Legs returns one leg per shared benchmark, sorted by benchmark id.
func (m *Match) Legs() []Leg {
	if m.a == nil {
		if m.ctx == nil {
			return nil
		}
		return m.ctx.legs
	}
	var legs []Leg
	a, b := *m.a, *m.b
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Benchmark < b[j].Benchmark:
			i++
		case a[i].Benchmark > b[j].Benchmark:
			j++
		default:
			legs = append(legs, play(a[i], b[j], m.ctx.benchmarks[a[i].Benchmark]))
			i++
			j++
		}
	}
	return legs
}

// NewMatch makes the match of A and B (A < B) over the given legs, counting the
// benchmarks each took and the winner from the legs' winners. The engine makes
// its own matches; this one is for callers that build a league by hand.
func NewMatch(a, b string, legs []Leg) *Match {
	m := &Match{A: a, B: b, ctx: &matchContext{legs: legs}}
	for _, l := range legs {
		switch l.Winner {
		case a:
			m.AWon++
		case b:
			m.BWon++
		default:
			m.Drawn++
		}
	}
	switch {
	case m.AWon > m.BWon:
		m.Winner = a
	case m.BWon > m.AWon:
		m.Winner = b
	}
	return m
}

// tolerance absorbs the error of representing decimal scores in binary, so that
// 80.3 against 79.8 with a draw margin of 0.5 is the draw a reader expects.
const tolerance = 1e-9

// play decides one benchmark between two results: a draw when the gap is within
// max(draw_margin, 1.96·√(se_a² + se_b²)), else the better score in the benchmark's direction.
func play(a, b league.Result, bm *league.Benchmark) Leg {
	leg := Leg{
		Benchmark: a.Benchmark,
		A:         a,
		B:         b,
		Diff:      math.Abs(a.Score - b.Score),
		Threshold: max(bm.DrawMargin, 1.96*math.Hypot(a.Stderr, b.Stderr)),
	}
	switch outcome(&a, &b, bm) {
	case 1:
		leg.Winner = a.Model
	case -1:
		leg.Winner = b.Model
	}
	return leg
}

// outcome decides one benchmark as play does: 1 when a takes it, -1 when b does,
// 0 for a draw.
func outcome(a, b *league.Result, bm *league.Benchmark) int {
	return decide(a.Score, a.Stderr, b.Score, b.Stderr, bm)
}

// decide is outcome on the scores and stderrs of the two results.
func decide(a, seA, b, seB float64, bm *league.Benchmark) int {
	diff := math.Abs(a - b)
	threshold := max(bm.DrawMargin, 1.96*math.Hypot(seA, seB))
	scale := max(1, math.Abs(a), math.Abs(b))
	if diff <= threshold+tolerance*scale {
		return 0
	}
	if (a > b) == bm.HigherIsBetter {
		return 1
	}
	return -1
}
