package standings

import "github.com/ai-league/ai-league/internal/league"

// Normalised maps a score of benchmark b onto 0–100 for charts and benchmark pages:
// 100·(s − baseline)/(max − baseline), clamped to [0, 100], where baseline is the
// benchmark's random baseline and max its top of range (100 when 0). When lower is
// better the scale is reversed: 100·(max − s)/(max − baseline). A benchmark whose
// range is empty (max = baseline) gives 0.
func Normalised(b league.Benchmark, score float64) float64 {
	top := b.Max
	if top == 0 {
		top = 100
	}
	span := top - b.RandomBaseline
	if span == 0 {
		return 0
	}
	var v float64
	if b.HigherIsBetter {
		v = 100 * (score - b.RandomBaseline) / span
	} else {
		v = 100 * (top - score) / span
	}
	return min(100, max(0, v))
}
