package standings

import (
	"math"

	"github.com/ai-league/ai-league/internal/league"
)

// matches plays every pair of models that share at least minShared benchmarks.
// results must be sorted by model then benchmark, with one result per pair; the
// matches come out sorted by (A, B) and their legs by benchmark.
func matches(results []league.Result, benchmarks map[string]*league.Benchmark, minShared int) []*Match {
	// Group the results by model: consecutive runs of the sorted slice.
	var groups [][]league.Result
	for i := 0; i < len(results); {
		j := i
		for j < len(results) && results[j].Model == results[i].Model {
			j++
		}
		groups = append(groups, results[i:j])
		i = j
	}

	var out []*Match
	for x, ra := range groups {
		for _, rb := range groups[x+1:] {
			shared := sharedResults(ra, rb)
			if len(shared) < minShared {
				continue
			}
			m := &Match{A: ra[0].Model, B: rb[0].Model}
			for _, p := range shared {
				leg := play(p[0], p[1], benchmarks[p[0].Benchmark])
				switch leg.Winner {
				case m.A:
					m.AWon++
				case m.B:
					m.BWon++
				default:
					m.Drawn++
				}
				m.Legs = append(m.Legs, leg)
			}
			switch {
			case m.AWon > m.BWon:
				m.Winner = m.A
			case m.BWon > m.AWon:
				m.Winner = m.B
			}
			out = append(out, m)
		}
	}
	return out
}

// sharedResults merges two benchmark-sorted result lists into pairs on the same benchmark.
func sharedResults(a, b []league.Result) [][2]league.Result {
	var out [][2]league.Result
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Benchmark < b[j].Benchmark:
			i++
		case a[i].Benchmark > b[j].Benchmark:
			j++
		default:
			out = append(out, [2]league.Result{a[i], b[j]})
			i++
			j++
		}
	}
	return out
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
	scale := max(1, math.Abs(a.Score), math.Abs(b.Score))
	if leg.Diff <= leg.Threshold+tolerance*scale {
		return leg
	}
	if (a.Score > b.Score) == bm.HigherIsBetter {
		leg.Winner = a.Model
	} else {
		leg.Winner = b.Model
	}
	return leg
}
