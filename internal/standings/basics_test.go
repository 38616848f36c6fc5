package standings

// Tests of the numeric helpers of the fit. This file's name sorts before the other
// test files, so these run first: a helper that is broken fails here at once,
// before a whole fit that relies on it runs (and may not converge).

import (
	"math"
	"testing"
)

// virtualScale solves Σ (1 − c·p_i)/(1 + c·p_i) = 0 for c. Worked by hand:
// one player or equal players: c·p = 1; p = (1, 3): (1−c)(1+3c) + (1−3c)(1+c) =
// 2 − 6c² = 0, c = 1/√3; p = (½, 2): (2−c)(1+2c) + (1−2c)(2+c) = 4 − 4c² = 0, c = 1;
// p = e⁻⁵⁰: c = e⁵⁰, fifty of the damped steps of one unit of log c away.
func TestVirtualScale(t *testing.T) {
	for _, c := range []struct {
		p    []float64
		want float64
	}{
		{[]float64{1, 1}, 1},
		{[]float64{2, 2}, 0.5},
		{[]float64{4}, 0.25},
		{[]float64{1, 3}, 1 / math.Sqrt(3)},
		{[]float64{0.5, 2}, 1},
		{[]float64{0.5, 2, 0.5, 2, 1}, 1},
		{[]float64{math.Exp(-50)}, math.Exp(50)},
	} {
		if got := virtualScale(c.p); math.Abs(got/c.want-1) > 1e-12 {
			t.Errorf("virtualScale(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}
