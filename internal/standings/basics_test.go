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

// TestBasisByHand linearises the fit of three players who share benchmarks in both
// words of 70-benchmark sets, at given strengths, and checks the right-hand sides
// against the gradients worked out from the comparisons themselves, the basis
// against the reference's dense Hessian and Gaussian elimination, and the one-step
// strengths of two resamples against one reference Newton step on each resample.
func TestBasisByHand(t *testing.T) {
	type cmp struct {
		i, j, bench int
		o           float64 // i's result: 1 won, ½ drawn, 0 lost
	}
	cmps := []cmp{
		{0, 1, 0, 1}, {0, 1, 5, 0}, {0, 1, 64, 0.5}, {0, 1, 69, 1},
		{0, 2, 1, 0}, {0, 2, 5, 1}, {0, 2, 65, 0},
		{1, 2, 2, 0.5}, {1, 2, 66, 1}, {1, 2, 69, 0},
	}
	benches := []int{0, 1, 2, 5, 64, 65, 66, 69}
	es := &edges{words: 2, I: []int32{0, 0, 1}, J: []int32{1, 2, 2}, shared: make([]uint64, 6), wonI: make([]uint64, 6), draw: make([]uint64, 6)}
	edge := map[[2]int]int{{0, 1}: 0, {0, 2}: 1, {1, 2}: 2}
	for _, c := range cmps {
		x, bit := edge[[2]int{c.i, c.j}]*2+c.bench/64, uint64(1)<<(c.bench%64)
		es.shared[x] |= bit
		switch c.o {
		case 1:
			es.wonI[x] |= bit
		case 0.5:
			es.draw[x] |= bit
		}
	}
	theta := []float64{0.3, -0.2, 0.1}
	p := []float64{math.Exp(0.3), math.Exp(-0.2), math.Exp(0.1)}
	m := len(benches) + 1
	col := map[int]int{}
	for k, b := range benches {
		col[b] = k + 1
	}
	// The gradient of the virtual games and of each benchmark's comparisons.
	want := make([]float64, 3*m)
	for i := range 3 {
		want[i*m] = 1 - 2*p[i]/(1+p[i])
	}
	for _, c := range cmps {
		s := p[c.i] / (p[c.i] + p[c.j])
		want[c.i*m+col[c.bench]] += c.o - s
		want[c.j*m+col[c.bench]] -= c.o - s
	}
	f := newFitter(3, es)
	f.aggregate([][]uint64{es.benchmarks()})
	rhs := f.basisRHS(theta, benches)
	for k := range want {
		if math.Abs(rhs[k]-want[k]) > 1e-12 {
			t.Fatalf("right-hand side (row %d, column %d) = %v, want %v\n got %v\nwant %v", k/m, k%m, rhs[k], want[k], rhs, want)
		}
	}
	// The resample of weights w: wins (the virtual win and draws ½) and games.
	games := func(w map[int]float64) ([]float64, [][]float64) {
		wins, g := []float64{1, 1, 1}, [][]float64{make([]float64, 3), make([]float64, 3), make([]float64, 3)}
		for _, c := range cmps {
			wins[c.i] += w[c.bench] * c.o
			wins[c.j] += w[c.bench] * (1 - c.o)
			g[c.i][c.j] += w[c.bench]
			g[c.j][c.i] += w[c.bench]
		}
		return wins, g
	}
	ones := map[int]float64{}
	for _, b := range benches {
		ones[b] = 1
	}
	wins1, games1 := games(ones)
	hess, _ := refNewton(theta, wins1, games1)
	u := f.basis(theta, benches)
	for k := range m {
		c := make([]float64, 3)
		for i := range 3 {
			c[i] = want[i*m+k]
		}
		x := refSolve(hess, c)
		for i := range 3 {
			if math.Abs(u[i*m+k]-x[i]) > 1e-7 {
				t.Fatalf("basis column %d = (%v, %v, %v), want %v", k, u[k], u[m+k], u[2*m+k], x)
			}
		}
	}
	for _, counts := range [][]int{{1, 1, 1, 1, 1, 1, 1, 1}, {0, 3, 0, 1, 2, 0, 0, 2}} {
		w := map[int]float64{}
		for k, b := range benches {
			w[b] = float64(counts[k])
		}
		wins, g := games(w)
		_, grad := refNewton(theta, wins, g)
		step := refSolve(hess, grad)
		got := oneStep(make([]float64, 3), theta, u, counts)
		for i := range 3 {
			if math.Abs(got[i]-(theta[i]+step[i])) > 1e-7 {
				t.Errorf("counts %v: one-step strengths %v, want theta + %v", counts, got, step)
				break
			}
		}
	}
}
