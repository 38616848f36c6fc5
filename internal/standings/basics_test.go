package standings

// Tests of the numeric helpers of the fit. This file's name sorts before the other
// test files, so these run first: a helper that is broken fails here at once,
// before a whole fit that relies on it runs (and may not converge).

import (
	"math"
	"reflect"
	"slices"
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
// within reports whether |d| ≤ tol, and is false for NaN.
func within(d, tol float64) bool { return math.Abs(d) <= tol }

// handCmp is one comparison of two players on one benchmark.
type handCmp struct {
	i, j, bench int
	o           float64 // i's result: 1 won, ½ drawn, 0 lost
}

// handCmps are the comparisons of three players on benchmarks of both words of
// 70-benchmark sets; handBenches the benchmarks they use.
var (
	handCmps = []handCmp{
		{0, 1, 0, 1}, {0, 1, 5, 0}, {0, 1, 64, 0.5}, {0, 1, 69, 1},
		{0, 2, 1, 0}, {0, 2, 5, 1}, {0, 2, 65, 0},
		{1, 2, 2, 0.5}, {1, 2, 66, 1}, {1, 2, 69, 0},
	}
	handBenches = []int{0, 1, 2, 5, 64, 65, 66, 69}
)

// handEdges sets the bits of handCmps in the layout of edges.
func handEdges() *edges {
	es := &edges{words: 2, I: []int32{0, 0, 1}, J: []int32{1, 2, 2}, shared: make([]uint64, 6), wonI: make([]uint64, 6), draw: make([]uint64, 6)}
	edge := map[[2]int]int{{0, 1}: 0, {0, 2}: 1, {1, 2}: 2}
	for _, c := range handCmps {
		x, bit := edge[[2]int{c.i, c.j}]*2+c.bench/64, uint64(1)<<(c.bench%64)
		es.shared[x] |= bit
		switch c.o {
		case 1:
			es.wonI[x] |= bit
		case 0.5:
			es.draw[x] |= bit
		}
	}
	return es
}

// handGames are the wins (the virtual win, draws ½) and games of handCmps with
// benchmark b counted w[b] times.
func handGames(w map[int]float64) ([]float64, [][]float64) {
	wins, g := []float64{1, 1, 1}, [][]float64{make([]float64, 3), make([]float64, 3), make([]float64, 3)}
	for _, c := range handCmps {
		wins[c.i] += w[c.bench] * c.o
		wins[c.j] += w[c.bench] * (1 - c.o)
		g[c.i][c.j] += w[c.bench]
		g[c.j][c.i] += w[c.bench]
	}
	return wins, g
}

func TestBasisByHand(t *testing.T) {
	cmps, benches, es := handCmps, handBenches, handEdges()
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
		if !within(rhs[k]-want[k], 1e-12) {
			t.Fatalf("right-hand side (row %d, column %d) = %v, want %v\n got %v\nwant %v", k/m, k%m, rhs[k], want[k], rhs, want)
		}
	}
	games := handGames
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
			if !within(u[i*m+k]-x[i], 1e-7) {
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
			if !within(got[i]-(theta[i]+step[i]), 1e-7) {
				t.Errorf("counts %v: one-step strengths %v, want theta + %v", counts, got, step)
				break
			}
		}
	}
}

// TestBasisOfTwo linearises the fit of two players, one of whom won all three
// benchmarks, at its point estimate, where the strengths are p and 1/p (the
// reference's fit), as a table of two such models is rated: the basis against the
// reference's dense Newton step.
func TestBasisOfTwo(t *testing.T) {
	es := &edges{words: 1, I: []int32{0}, J: []int32{1}, shared: []uint64{0b111}, wonI: []uint64{0b111}, draw: []uint64{0}}
	wins, games := []float64{4, 1}, [][]float64{{0, 3}, {3, 0}}
	f := newFitter(2, es)
	f.aggregate([][]uint64{{0b111}})
	theta := slices.Clone(f.fit(nil))
	if want := refFitTheta(wins, games); !within(theta[0]-want[0], 1e-8) || !within(theta[1]-want[1], 1e-8) || !within(want[0]+want[1], 1e-8) {
		t.Fatalf("point estimate %v, want %v (opposite log-strengths)", theta, want)
	}
	u := f.basis(theta, []int{0, 1, 2})
	hess, _ := refNewton(theta, wins, games)
	p0, p1 := math.Exp(theta[0]), math.Exp(theta[1])
	s := p0 / (p0 + p1)
	for k, c := range [][]float64{
		{1 - 2*p0/(1+p0), 1 - 2*p1/(1+p1)},             // the virtual games
		{1 - s, s - 1}, {1 - s, s - 1}, {1 - s, s - 1}, // each benchmark: 0 won
	} {
		x := refSolve(hess, c)
		if !within(u[k]-x[0], 1e-7) || !within(u[4+k]-x[1], 1e-7) {
			t.Errorf("basis column %d = (%v, %v), want %v", k, u[k], u[4+k], x)
		}
	}
}

// TestBasisOfTen linearises the fit of ten players who all meet on three
// benchmarks (results from a fixed pattern) at given strengths, with dense matrices
// (which pass over four players at a time) and edge by edge: the basis against the
// reference's dense Newton step.
func TestBasisOfTen(t *testing.T) {
	const n = 10
	es := &edges{words: 1}
	wins, games := make([]float64, n), make([][]float64, n)
	for i := range n {
		wins[i], games[i] = 1, make([]float64, n)
	}
	theta, p := make([]float64, n), make([]float64, n)
	for i := range n {
		theta[i] = 0.1*float64(i*i%5) - 0.2
		p[i] = math.Exp(theta[i])
	}
	m := 4
	c := make([]float64, n*m) // the right-hand sides worked out from the results
	for i := range n {
		c[i*m] = 1 - 2*p[i]/(1+p[i])
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			var won, draw uint64
			s := p[i] / (p[i] + p[j])
			for b := range 3 {
				o := []float64{1, 0.5, 0}[(i*3+j*5+b)%3]
				switch o {
				case 1:
					won |= 1 << b
				case 0.5:
					draw |= 1 << b
				}
				wins[i] += o
				wins[j] += 1 - o
				c[i*m+1+b] += o - s
				c[j*m+1+b] -= o - s
			}
			games[i][j], games[j][i] = 3, 3
			es.I, es.J = append(es.I, int32(i)), append(es.J, int32(j))
			es.shared, es.wonI, es.draw = append(es.shared, 0b111), append(es.wonI, won), append(es.draw, draw)
		}
	}
	hess, _ := refNewton(theta, wins, games)
	defer func(old int) { denseFrom = old }(denseFrom)
	for _, from := range []int{3, 1 << 30} {
		denseFrom = from
		f := newFitter(n, es)
		if dense := len(f.dense) > 0; dense != (from == 3) {
			t.Fatalf("denseFrom %d: dense = %v", from, dense)
		}
		f.aggregate([][]uint64{{0b111}})
		u := f.basis(theta, []int{0, 1, 2})
		for k := range m {
			col := make([]float64, n)
			for i := range n {
				col[i] = c[i*m+k]
			}
			x := refSolve(hess, col)
			for i := range n {
				if !within(u[i*m+k]-x[i], 1e-7) {
					t.Fatalf("denseFrom %d: basis column %d, row %d = %v, want %v", from, k, i, u[i*m+k], x[i])
				}
			}
		}
	}
}

// TestBasisOfAChain checks the basis of long chains of players, each of whom met
// only the next, on every benchmark of a word: a badly conditioned −H (the chain's
// Laplacian plus the small diagonal of the virtual games) on which the conjugate
// gradients need many of their steps, each one right, to reach the solution within
// maxCG. The right-hand sides are worked out from the results, the solution by the
// reference's dense Hessian and Gaussian elimination.
func TestBasisOfAChain(t *testing.T) {
	for _, c := range []struct{ n, benches int }{{40, 64}, {80, 4}} {
		n, nb := c.n, c.benches
		es := &edges{words: 1}
		wins, games := make([]float64, n), make([][]float64, n)
		theta, p := make([]float64, n), make([]float64, n)
		for i := range n {
			wins[i], games[i] = 1, make([]float64, n)
			theta[i] = 0.02*float64(i) - 0.4
			p[i] = math.Exp(theta[i])
		}
		m := nb + 1
		rhs := make([]float64, n*m)
		for i := range n {
			rhs[i*m] = 1 - 2*p[i]/(1+p[i])
		}
		all := uint64(1)<<nb - 1
		for i := 0; i+1 < n; i++ {
			j := i + 1
			var won, draw uint64
			s := p[i] / (p[i] + p[j])
			for b := range nb {
				o := []float64{1, 0.5, 0}[(i+b)%3]
				switch o {
				case 1:
					won |= 1 << b
				case 0.5:
					draw |= 1 << b
				}
				wins[i] += o
				wins[j] += 1 - o
				rhs[i*m+1+b] += o - s
				rhs[j*m+1+b] -= o - s
			}
			games[i][j], games[j][i] = float64(nb), float64(nb)
			es.I, es.J = append(es.I, int32(i)), append(es.J, int32(j))
			es.shared, es.wonI, es.draw = append(es.shared, all), append(es.wonI, won), append(es.draw, draw)
		}
		hess, _ := refNewton(theta, wins, games)
		f := newFitter(n, es)
		f.aggregate([][]uint64{{all}})
		benches := make([]int, nb)
		for b := range benches {
			benches[b] = b
		}
		u := f.basis(theta, benches)
		for k := range m {
			col := make([]float64, n)
			for i := range n {
				col[i] = rhs[i*m+k]
			}
			x := refSolve(hess, col)
			for i := range n {
				if !within(u[i*m+k]-x[i], 1e-6) {
					t.Fatalf("chain of %d, %d benchmarks: basis column %d, row %d = %v, want %v", n, nb, k, i, u[i*m+k], x[i])
				}
			}
		}
	}
}

// TestBasisWithoutGames checks the basis of players who met no one, away from their
// point estimate: −H is then the diagonal of the virtual games alone, 2p/(1+p)², and
// column 0 is (1 − p)/(1 + p) divided by it, (1 − p²)/(2p). The players' equal
// strengths make the virtual games' gradient a multiple of that diagonal, the
// direction the preconditioner's correction along the constant vector acts on.
func TestBasisWithoutGames(t *testing.T) {
	for _, theta := range [][]float64{{0.5}, {-0.7, -0.7, -0.7}, {-0.7, 0.2, 1.1}} {
		n := len(theta)
		f := newFitter(n, &edges{words: 1})
		f.aggregate([][]uint64{{1}})
		u := f.basis(theta, []int{0})
		for i, th := range theta {
			p := math.Exp(th)
			if want := (1 - p*p) / (2 * p); !within(u[i*2]-want, 1e-9) || u[i*2+1] != 0 {
				t.Errorf("theta %v: basis row %d = %v, want [%v 0]", theta, i, u[i*2:i*2+2], want)
			}
		}
	}
}

// TestFitByHand checks the steps of the fit of handCmps, resampled, edge by edge and
// with dense matrices, against what the comparisons give worked out here and the
// reference's dense Newton method: the weight planes, the aggregated games, the
// gradient and Hessian, a Newton step, an MM step of SPEC 5 with its rescaling, the
// log-likelihood, and the fitted strengths from near and far starts.
func TestFitByHand(t *testing.T) {
	counts := map[int]float64{0: 3, 1: 1, 2: 0, 5: 2, 64: 1, 65: 5, 66: 0, 69: 2}
	weights := make([]int, 128)
	for b, w := range counts {
		weights[b] = int(w)
	}
	planes := weightPlanes(weights, 2)
	// 3 = 0b011, 1, 2 = 0b010, 5 = 0b101: bit 0 of 0, 1, 64, 65; bit 1 of 0, 5, 69; bit 2 of 65.
	wantPlanes := [][]uint64{{1<<0 | 1<<1, 1<<0 | 1<<1}, {1<<0 | 1<<5, 1 << 5}, {0, 1 << 1}}
	if !reflect.DeepEqual(planes, wantPlanes) {
		t.Fatalf("weightPlanes = %b, want %b", planes, wantPlanes)
	}
	wins, games := handGames(counts)
	theta := []float64{0.3, -0.2, 0.1}
	hess, grad := refNewton(theta, wins, games)
	want := refFitTheta(wins, games)
	defer func(old int) { denseFrom = old }(denseFrom)
	for _, from := range []int{3, 1 << 30} {
		denseFrom = from
		f := newFitter(3, handEdges())
		if dense := len(f.dense) > 0; dense != (from == 3) {
			t.Fatalf("denseFrom %d: dense = %v", from, dense)
		}
		f.aggregate(planes)
		for i := range 3 {
			if f.wins[i] != wins[i] {
				t.Fatalf("denseFrom %d: wins %v, want %v", from, f.wins, wins)
			}
		}
		for e, pair := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
			if f.games[e] != games[pair[0]][pair[1]] {
				t.Fatalf("denseFrom %d: games %v, want %v", from, f.games, games)
			}
		}
		gn := f.gradient(theta)
		sum := 0.0
		for i := range 3 {
			sum += grad[i] * grad[i]
			if !within(f.g[i]-grad[i], 1e-12) || !within(f.d[i]-hess[i][i], 1e-12) {
				t.Fatalf("denseFrom %d: gradient %v and diagonal %v, want %v and %v", from, f.g, f.d, grad, hess)
			}
		}
		if !within(gn-sum, 1e-12) {
			t.Errorf("denseFrom %d: squared norm of the gradient %v, want %v", from, gn, sum)
		}
		q, ap := []float64{1, -2, 0.5}, make([]float64, 3)
		f.multiply(q, ap)
		for i := range 3 {
			if w := hess[i][0]*q[0] + hess[i][1]*q[1] + hess[i][2]*q[2]; !within(ap[i]-w, 1e-12) {
				t.Fatalf("denseFrom %d: (−H)·q = %v, want row %d %v", from, ap, i, w)
			}
		}
		// A Newton step leaves a residual of at most min(1e-2, |g|)·|g|.
		f.newtonStep(gn)
		res := 0.0
		for i := range 3 {
			r := grad[i] - (hess[i][0]*f.delta[0] + hess[i][1]*f.delta[1] + hess[i][2]*f.delta[2])
			res += r * r
		}
		if step := refSolve(hess, grad); !(res <= min(1e-4, gn)*gn) || !within(f.delta[0]-step[0], 0.05*math.Abs(step[0])) {
			t.Errorf("denseFrom %d: Newton step %v (squared residual %v), want about %v", from, f.delta, res, step)
		}
		// MM: p_i ← W_i / (Σ_j n_ij/(p_i+p_j) + 2/(p_i+1)), then every strength times
		// the c with Σ (1 − c·p_i)/(1 + c·p_i) = 0 (found here by bisection on log c).
		p := make([]float64, 3)
		for i := range 3 {
			pi := math.Exp(theta[i])
			den := 2 / (pi + 1)
			for j := range 3 {
				if j != i {
					den += games[i][j] / (pi + math.Exp(theta[j]))
				}
			}
			p[i] = wins[i] / den
		}
		lo, hi := -20.0, 20.0
		for range 200 {
			mid, s := (lo+hi)/2, 0.0
			for _, v := range p {
				s += (1 - math.Exp(mid)*v) / (1 + math.Exp(mid)*v)
			}
			if s > 0 {
				lo = mid
			} else {
				hi = mid
			}
		}
		next := make([]float64, 3)
		moved := f.mmStep(theta, next)
		wantMoved := 0.0
		for i := range 3 {
			w := math.Log(p[i]) + lo
			wantMoved = max(wantMoved, math.Abs(math.Exp(w-theta[i])-1))
			if !within(next[i]-w, 1e-12) {
				t.Fatalf("denseFrom %d: MM step to %v, want %d at %v", from, next, i, w)
			}
		}
		if !within(moved-wantMoved, 1e-12) {
			t.Errorf("denseFrom %d: MM step moved %v, want %v", from, moved, wantMoved)
		}
		ll := 0.0
		for i := range 3 {
			ll += wins[i]*theta[i] - 2*math.Log(1+math.Exp(theta[i]))
			for j := i + 1; j < 3; j++ {
				ll -= games[i][j] * math.Log(math.Exp(theta[i])+math.Exp(theta[j]))
			}
		}
		if got := f.logLikelihood(theta); !within(got-ll, 1e-12) {
			t.Errorf("denseFrom %d: log-likelihood %v, want %v", from, got, ll)
		}
		for _, start := range [][]float64{nil, {0.3, -0.2, 0.1}, {20, -20, 5}} {
			got := slices.Clone(f.fit(start))
			from0 := make([]float64, 3)
			if start != nil {
				copy(from0, start)
			}
			mm := f.squarem(from0)
			for i := range 3 {
				if !within(got[i]-want[i], 1e-8) || !within(mm[i]-want[i], 1e-7) {
					t.Fatalf("denseFrom %d, from %v: fit %v, MM %v, want %v", from, start, got, mm, want)
				}
			}
		}
	}
}

// TestSquaremStepByHand checks one step of SQUAREM (scheme S3 on log-strengths)
// against the step worked out here from MM steps of SPEC 5 computed apart (the
// rescaling found by bisection): r = t1 − t0, v = t2 − 2·t1 + t0,
// alpha = min(−1, −|r|/|v|), one MM step from t0 − 2·alpha·r + alpha²·v, kept when it
// is at least as likely as t2. The three tables cover alpha below −1 with the
// extrapolated step kept, alpha clamped at −1 (|r| < |v|), and an extrapolated step
// less likely than t2, so dropped.
func TestSquaremStepByHand(t *testing.T) {
	mm := func(theta, wins []float64, games [][]float64) []float64 {
		n := len(theta)
		p := make([]float64, n)
		for i := range n {
			den := 2 / (math.Exp(theta[i]) + 1)
			for j := range n {
				if j != i {
					den += games[i][j] / (math.Exp(theta[i]) + math.Exp(theta[j]))
				}
			}
			p[i] = wins[i] / den
		}
		lo, hi := -40.0, 40.0
		for range 200 {
			mid, s := (lo+hi)/2, 0.0
			for _, v := range p {
				s += (1 - math.Exp(mid)*v) / (1 + math.Exp(mid)*v)
			}
			if s > 0 {
				lo = mid
			} else {
				hi = mid
			}
		}
		next := make([]float64, n)
		for i := range n {
			next[i] = math.Log(p[i]) + lo
		}
		return next
	}
	ll := func(theta, wins []float64, games [][]float64) float64 {
		l := 0.0
		for i := range theta {
			l += wins[i]*theta[i] - 2*math.Log(1+math.Exp(theta[i]))
			for j := i + 1; j < len(theta); j++ {
				l -= games[i][j] * math.Log(math.Exp(theta[i])+math.Exp(theta[j]))
			}
		}
		return l
	}
	var clamped, dropped, extrapolated bool
	for _, c := range []struct {
		cmps []handCmp
		t0   []float64
	}{
		{[]handCmp{{0, 1, 0, 1}, {0, 1, 5, 0}, {0, 2, 1, 0}, {0, 2, 5, 1}, {1, 2, 2, 0.5}, {1, 2, 6, 1}, {1, 2, 9, 0}}, []float64{0.3, -0.2, 0.1}},
		{[]handCmp{{0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 2, 0.5}, {0, 2, 0, 0.5}, {1, 2, 0, 0.5}, {1, 2, 1, 0.5}}, []float64{-0.5, 5, 5}},
		{[]handCmp{{0, 2, 0, 0.5}, {0, 2, 1, 0}, {0, 2, 2, 1}, {1, 2, 0, 0}, {1, 2, 1, 0}}, []float64{-2, 3, -0.5}},
	} {
		es := &edges{words: 1, I: []int32{0, 0, 1}, J: []int32{1, 2, 2}, shared: make([]uint64, 3), wonI: make([]uint64, 3), draw: make([]uint64, 3)}
		wins, games := []float64{1, 1, 1}, [][]float64{make([]float64, 3), make([]float64, 3), make([]float64, 3)}
		for _, m := range c.cmps {
			e, bit := m.i+m.j-1, uint64(1)<<m.bench
			es.shared[e] |= bit
			switch m.o {
			case 1:
				es.wonI[e] |= bit
			case 0.5:
				es.draw[e] |= bit
			}
			wins[m.i] += m.o
			wins[m.j] += 1 - m.o
			games[m.i][m.j]++
			games[m.j][m.i]++
		}
		t1 := mm(c.t0, wins, games)
		t2 := mm(t1, wins, games)
		r, v := make([]float64, 3), make([]float64, 3)
		rr, vv := 0.0, 0.0
		for i := range 3 {
			r[i], v[i] = t1[i]-c.t0[i], t2[i]-2*t1[i]+c.t0[i]
			rr += r[i] * r[i]
			vv += v[i] * v[i]
		}
		alpha := -math.Sqrt(rr / vv)
		if alpha > -1 {
			alpha, clamped = -1, true
		}
		tx := make([]float64, 3)
		for i := range 3 {
			tx[i] = c.t0[i] - 2*alpha*r[i] + alpha*alpha*v[i]
		}
		want := mm(tx, wins, games)
		if ll(want, wins, games) < ll(t2, wins, games) {
			want, dropped = t2, true
		} else if alpha < -1 {
			extrapolated = true
		}
		defer func(old int) { denseFrom = old }(denseFrom)
		for _, from := range []int{3, 1 << 30} {
			denseFrom = from
			f := newFitter(3, es)
			f.aggregate([][]uint64{{1<<10 - 1}})
			got := slices.Clone(c.t0)
			if _, done := f.squaremStep(got); done {
				t.Fatalf("denseFrom %d, from %v: SQUAREM step done, want a step", from, c.t0)
			}
			for i := range 3 {
				if !within(got[i]-want[i], 1e-9) {
					t.Fatalf("denseFrom %d, from %v: SQUAREM step to %v, want %v (alpha %v)", from, c.t0, got, want, alpha)
				}
			}
			// From the fit, the first MM step meets the rule of SPEC 5.
			fixed := refFitTheta(wins, games)
			if next, done := f.squaremStep(slices.Clone(fixed)); !done || !within(next[0]-fixed[0], 1e-8) {
				t.Fatalf("denseFrom %d: SQUAREM step from the fit %v: %v, %v", from, fixed, next, done)
			}
		}
	}
	if !clamped || !dropped || !extrapolated {
		t.Fatalf("cases: alpha clamped %v, extrapolation dropped %v, kept with alpha < -1 %v; want each", clamped, dropped, extrapolated)
	}
}

// TestNewtonStepWithoutGames checks a Newton step of players who met no one: −H is
// then the diagonal of the virtual games, 2p/(1+p)², and the step is the gradient
// (1 − p)/(1 + p) divided by it, (1 − p²)/(2p), to within the step's residual bound
// min(1e-2, |g|)·|g| (here the conjugate gradients end on an exact solution).
func TestNewtonStepWithoutGames(t *testing.T) {
	for _, theta := range [][]float64{{0.5}, {-0.7, -0.7, -0.7}, {-0.7, 0.2, 1.1}} {
		f := newFitter(len(theta), &edges{words: 1})
		f.aggregate([][]uint64{{1}})
		gn := f.gradient(theta)
		f.newtonStep(gn)
		for i, th := range theta {
			p := math.Exp(th)
			if want := (1 - p*p) / (2 * p); !within(f.delta[i]-want, 1e-9) {
				t.Errorf("theta %v: Newton step %v, want %v at %d", theta, f.delta, want, i)
			}
		}
	}
}

// TestNewtonStepOfAChain checks a Newton step on chains of players, each of whom met
// only the next (as TestBasisOfAChain): a badly conditioned −H on which the
// conjugate gradients need many right steps to meet the step's residual bound
// min(1e-2, |g|)·|g| within maxCG. The gradient and −H are the reference's.
func TestNewtonStepOfAChain(t *testing.T) {
	for _, c := range []struct{ n, benches int }{{40, 64}, {80, 4}} {
		n, nb := c.n, c.benches
		es := &edges{words: 1}
		wins, games := make([]float64, n), make([][]float64, n)
		theta := make([]float64, n)
		for i := range n {
			wins[i], games[i] = 1, make([]float64, n)
			theta[i] = 0.02*float64(i) - 0.4
		}
		all := uint64(1)<<nb - 1
		for i := 0; i+1 < n; i++ {
			var won, draw uint64
			for b := range nb {
				o := []float64{1, 0.5, 0}[(i+b)%3]
				switch o {
				case 1:
					won |= 1 << b
				case 0.5:
					draw |= 1 << b
				}
				wins[i] += o
				wins[i+1] += 1 - o
			}
			games[i][i+1], games[i+1][i] = float64(nb), float64(nb)
			es.I, es.J = append(es.I, int32(i)), append(es.J, int32(i+1))
			es.shared, es.wonI, es.draw = append(es.shared, all), append(es.wonI, won), append(es.draw, draw)
		}
		hess, grad := refNewton(theta, wins, games)
		gn := 0.0
		for _, v := range grad {
			gn += v * v
		}
		f := newFitter(n, es)
		f.aggregate([][]uint64{{all}})
		f.gradient(theta)
		f.newtonStep(gn)
		res := 0.0
		for i := range n {
			r := grad[i]
			for j := range n {
				r -= hess[i][j] * f.delta[j]
			}
			res += r * r
		}
		if !(res <= min(1e-4, gn)*gn) {
			t.Errorf("chain of %d, %d benchmarks: Newton step's squared residual %v, want at most %v", n, nb, res, min(1e-4, gn)*gn)
		}
	}
}
