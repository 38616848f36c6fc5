package standings

import (
	"math"
	"math/bits"
)

// edges are the comparisons of one table, aggregated by pair: for edge e, players
// I[e] < J[e] (indexes into the table's rows) and, over the words of a benchmark
// bit set, the benchmarks they share (both scored), those I took and those drawn.
// A resample of the benchmarks is then a re-weighting of these sets.
type edges struct {
	words      int // uint64 words per bit set
	I, J       []int32
	shared     []uint64 // words per edge
	wonI, draw []uint64
}

func (es *edges) len() int { return len(es.I) }

// benchmarks returns the set of benchmarks the edges share: the benchmarks of the
// table's legs.
func (es *edges) benchmarks() []uint64 {
	w := es.words
	set := make([]uint64, w)
	for x, word := range es.shared {
		set[x%w] |= word
	}
	return set
}

// weightPlanes splits integer benchmark weights into bit planes: plane k holds the
// benchmarks whose weight has bit k set, so Σ_b∈S w_b = Σ_k 2^k·|S ∩ plane k|.
func weightPlanes(weights []int, words int) [][]uint64 {
	top := 0
	for _, w := range weights {
		top = max(top, w)
	}
	planes := make([][]uint64, bits.Len(uint(top)))
	for k := range planes {
		planes[k] = make([]uint64, words)
	}
	for b, w := range weights {
		for k := range planes {
			if w>>k&1 == 1 {
				planes[k][b/64] |= 1 << (b % 64)
			}
		}
	}
	return planes
}

// fitter fits Bradley–Terry strengths of n players from their edges, reusing its
// buffers between fits. It is used by one goroutine at a time.
type fitter struct {
	n  int
	es *edges
	// Aggregated games: wins[i] is i's wins (draws ½) plus the virtual win;
	// games[e] the weighted comparisons of edge e.
	wins, games []float64
	// Newton: gradient, Hessian diagonal, edge weights of the Hessian, step, CG vectors.
	g, d, h, delta, r, z, q, ap []float64
	theta, trial, p, denom      []float64
	// When most pairs are edges, the games and the Hessian's edge weights are held
	// as the upper triangles of n×n matrices (zero off the edges), gdense and
	// dense, and every pass goes row by row instead of edge by edge.
	dense, gdense []float64
	// Fallback MM with SQUAREM.
	t1, t2, tx, t3 []float64
}

func newFitter(n int, es *edges) *fitter {
	f := &fitter{}
	f.reset(n, es)
	return f
}

// reset sizes the fitter's buffers for n players and the edges es.
func (f *fitter) reset(n int, es *edges) {
	f.n, f.es = n, es
	size := func(v *[]float64, n int) {
		if cap(*v) < n {
			*v = make([]float64, n)
		}
		*v = (*v)[:n]
	}
	size(&f.games, es.len())
	size(&f.h, es.len())
	f.dense, f.gdense = f.dense[:0], f.gdense[:0]
	if n >= denseFrom && 4*es.len() >= n*n {
		size(&f.dense, n*n)
		size(&f.gdense, n*n)
		clear(f.dense)
		clear(f.gdense)
	}
	for _, v := range []*[]float64{&f.wins, &f.g, &f.d, &f.delta, &f.r, &f.z, &f.q, &f.ap,
		&f.theta, &f.trial, &f.p, &f.denom, &f.t1, &f.t2, &f.tx, &f.t3} {
		size(v, n)
	}
}

// aggregate sums the comparisons of the benchmarks, benchmark b counted with the
// weight whose bits planes gives (see weightPlanes), into wins and games.
func (f *fitter) aggregate(planes [][]uint64) {
	es, w := f.es, f.es.words
	for i := range f.wins {
		f.wins[i] = 1
	}
	for e := range es.I {
		var n, a2 uint64 // weighted games, and I's weighted wins doubled
		for x := 0; x < w; x++ {
			s, won, dr := es.shared[e*w+x], es.wonI[e*w+x], es.draw[e*w+x]
			for k, pl := range planes {
				m := pl[x]
				n += uint64(bits.OnesCount64(s&m)) << k
				a2 += uint64(2*bits.OnesCount64(won&m)+bits.OnesCount64(dr&m)) << k
			}
		}
		f.games[e] = float64(n)
		if len(f.gdense) > 0 {
			f.gdense[int(es.I[e])*f.n+int(es.J[e])] = float64(n)
		}
		f.wins[es.I[e]] += float64(a2) / 2
		f.wins[es.J[e]] += float64(2*n-a2) / 2
	}
}

// denseFrom is the fewest players for which the matrices are held dense.
var denseFrom = 32

// Newton parameters.
const (
	maxNewton = 60   // Newton steps before falling back to MM
	maxCG     = 200  // conjugate-gradient steps per Newton step
	maxMove   = 3.0  // largest change of a log-strength in one Newton step
	tinyStep  = 1e-7 // a Newton step this small leaves the fit within ~1e-11 of the fixed point
	// cgAbsolute is the error of a log-strength at which a step's linear solve stops.
	cgAbsolute = 1e-11
)

// fit fits the log-strengths of the aggregated games from the start theta0 (nil:
// all strengths 1) and returns them (a buffer of f, valid until the next fit).
//
// The maximum-likelihood strengths are the unique fixed point of the MM update of
// SPEC 5 (see mmStep). Newton's method on the log-likelihood reaches it in a few
// steps where MM needs hundreds; each Newton step solves its linear system with
// conjugate gradients (the Hessian is a weighted graph Laplacian plus the virtual
// games' diagonal, applied edge by edge), and a step is shortened while it does
// not lower the gradient's norm. Once a Newton step is tiny, MM steps are taken
// until one moves no strength by more than 1e-9 relatively, the stopping rule of
// SPEC 5, and that step's result is the fit. Should Newton not get there, the fit
// goes on with SQUAREM-accelerated MM from where it is.
func (f *fitter) fit(theta0 []float64) []float64 {
	theta := f.theta
	if theta0 == nil {
		clear(theta)
	} else {
		copy(theta, theta0)
	}
	gn := f.gradient(theta)
	for range maxNewton {
		f.newtonStep(gn)
		step := 0.0
		for _, v := range f.delta {
			step = max(step, math.Abs(v))
		}
		if step <= tinyStep {
			for i := range theta {
				theta[i] += f.delta[i]
			}
			if f.mmStep(theta, f.t1) <= convergence {
				return f.t1
			}
			copy(theta, f.t1)
			gn = f.gradient(theta)
			continue
		}
		t := min(1, maxMove/step)
		for {
			for i := range theta {
				f.trial[i] = theta[i] + t*f.delta[i]
			}
			gt := f.gradient(f.trial)
			if gt < gn || t < 1e-4 {
				gn = gt
				break
			}
			t /= 2
		}
		copy(theta, f.trial)
	}
	return f.squarem(theta)
}

// gradient computes, at log-strengths theta, the gradient g of the log-likelihood
// (virtual games included), the diagonal d of the negated Hessian and its edge
// weights h, and returns the squared norm of g.
//
//	L = Σ_i W_i·θ_i − Σ_e n_e·log(p_i+p_j) − Σ_i 2·log(1+p_i),  p = exp θ
func (f *fitter) gradient(theta []float64) float64 {
	p, g, d := f.p, f.g, f.d
	for i, v := range theta {
		p[i] = math.Exp(v)
		q := 1 / (1 + p[i])
		g[i] = f.wins[i] - 2*p[i]*q
		d[i] = 2 * p[i] * q * q
	}
	if len(f.dense) > 0 {
		n := f.n
		for i := range n {
			lo, hi := i*n+i+1, (i+1)*n
			grow, hrow := f.gdense[lo:hi], f.dense[lo:hi]
			ps, gs, ds := p[i+1:], g[i+1:], d[i+1:]
			ps, gs, ds, hrow = ps[:len(grow)], gs[:len(grow)], ds[:len(grow)], hrow[:len(grow)]
			pi := p[i]
			var gi, di float64
			for k, nn := range grow {
				s := pi / (pi + ps[k])
				ns := nn * s
				gi += ns
				gs[k] -= nn - ns
				hw := ns * (1 - s)
				hrow[k] = hw
				di += hw
				ds[k] += hw
			}
			g[i] -= gi
			d[i] += di
		}
	} else {
		f.gradientEdges()
	}
	sum := 0.0
	for _, v := range g {
		sum += v * v
	}
	return sum
}

// gradientEdges is the edge-by-edge part of gradient.
func (f *fitter) gradientEdges() {
	p, g, d := f.p, f.g, f.d
	es, h := f.es, f.h
	h = h[:len(f.games)]
	for e, n := range f.games {
		i, j := es.I[e], es.J[e]
		s := p[i] / (p[i] + p[j])
		ns := n * s
		g[i] -= ns
		g[j] -= n - ns
		hw := ns * (1 - s)
		h[e] = hw
		d[i] += hw
		d[j] += hw
	}
}

// newtonStep solves (−H)·delta = g by conjugate gradients preconditioned with the
// diagonal, to a residual of at most min(1e-2, |g|)·|g|.
func (f *fitter) newtonStep(gn float64) {
	x, r, z, q, ap, d := f.delta, f.r, f.z, f.q, f.ap, f.d
	clear(x)
	copy(r, f.g)
	tol := min(1e-4, gn) * gn // squared: (min(1e-2, |g|)·|g|)²
	// The preconditioner: the diagonal, plus the exact inverse along the constant
	// direction, which only the virtual games pin (the Laplacian ignores it).
	c := 0.0
	for i := range f.p {
		pi := f.p[i]
		c += 2 * pi / ((1 + pi) * (1 + pi))
	}
	precond := func() (rz, zmax float64) {
		sum := 0.0
		for i := range r {
			sum += r[i]
		}
		corr := sum / c
		for i := range r {
			z[i] = r[i]/d[i] + corr
			rz += r[i] * z[i]
			zmax = max(zmax, math.Abs(z[i]))
		}
		return rz, zmax
	}
	rz, _ := precond()
	copy(q, z)
	for range maxCG {
		f.multiply(q, ap)
		qap := 0.0
		for i := range q {
			qap += q[i] * ap[i]
		}
		if qap <= 0 {
			return
		}
		alpha := rz / qap
		rr, rz2 := 0.0, 0.0
		for i := range x {
			x[i] += alpha * q[i]
			r[i] -= alpha * ap[i]
			rr += r[i] * r[i]
		}
		if rr <= tol {
			return
		}
		// The preconditioned residual estimates the error of x: stop when it is
		// below what the fit needs, however small the step.
		rz2, zmax := precond()
		if zmax <= cgAbsolute {
			return
		}
		beta := rz2 / rz
		rz = rz2
		for i := range q {
			q[i] = z[i] + beta*q[i]
		}
	}
}

// multiply sets ap to (−H)·q: the diagonal times q less the edge weights times q.
func (f *fitter) multiply(q, ap []float64) {
	d := f.d
	if n := f.n; len(f.dense) > 0 {
		for i := range ap {
			ap[i] = d[i] * q[i]
		}
		for i := range n {
			row := f.dense[i*n+i+1 : (i+1)*n]
			qs := q[i+1 : n]
			as := ap[i+1 : n]
			qs, as = qs[:len(row)], as[:len(row)]
			qi := q[i]
			// The vector kernel, where there is one, takes the groups of four.
			j, s0, s1 := dotAxpyVector(row, qs, as, qi)
			for ; j+2 <= len(row); j += 2 {
				v0, v1 := row[j], row[j+1]
				s0 += v0 * qs[j]
				s1 += v1 * qs[j+1]
				as[j] -= v0 * qi
				as[j+1] -= v1 * qi
			}
			for ; j < len(row); j++ {
				s0 += row[j] * qs[j]
				as[j] -= row[j] * qi
			}
			ap[i] -= s0 + s1
		}
		return
	}
	for i := range ap {
		ap[i] = d[i] * q[i]
	}
	es := f.es
	for e, hw := range f.h {
		i, j := es.I[e], es.J[e]
		ap[i] -= hw * q[j]
		ap[j] -= hw * q[i]
	}
}

// mmStep is one MM step of SPEC 5 from log-strengths t into next,
//
//	p_i ← W_i / (Σ_j n_ij/(p_i+p_j) + 2/(p_i+1)),
//
// every strength computed from the previous step's (so the result does not depend on
// the order of the players), followed by the rescaling of virtualScale; it returns
// the largest relative move of a strength.
func (f *fitter) mmStep(t, next []float64) float64 {
	p, denom, es := f.p, f.denom, f.es
	for i, v := range t {
		p[i] = math.Exp(v)
		denom[i] = 2 / (p[i] + 1)
	}
	if len(f.gdense) > 0 {
		n := f.n
		for i := range n {
			grow := f.gdense[i*n+i+1 : (i+1)*n]
			ps, ds := p[i+1:], denom[i+1:]
			ps, ds = ps[:len(grow)], ds[:len(grow)]
			pi, di := p[i], 0.0
			for k, nn := range grow {
				x := nn / (pi + ps[k])
				di += x
				ds[k] += x
			}
			denom[i] += di
		}
	} else {
		for e, n := range f.games {
			i, j := es.I[e], es.J[e]
			x := n / (p[i] + p[j])
			denom[i] += x
			denom[j] += x
		}
	}
	for i := range next {
		p[i] = f.wins[i] / denom[i]
	}
	logc := math.Log(virtualScale(p))
	moved := 0.0
	for i := range next {
		next[i] = math.Log(p[i]) + logc
		moved = max(moved, math.Abs(math.Expm1(next[i]-t[i])))
	}
	return moved
}

// squarem iterates MM from t0, accelerated with SQUAREM (Varadhan and Roland 2008,
// scheme S3) on log-strengths (see squaremStep); it stops on the rule of SPEC 5 and
// returns the last step's log-strengths.
func (f *fitter) squarem(t0 []float64) []float64 {
	for range maxIterations {
		if next, done := f.squaremStep(t0); done {
			return next
		}
	}
	return t0
}

// squaremStep is one step of squarem from t0: two MM steps, an extrapolation along
// them, one MM step from there, kept only when it is at least as likely as the
// second plain step. When an MM step meets the rule of SPEC 5 it returns that step's
// log-strengths and done; otherwise it overwrites t0 with the step's result.
func (f *fitter) squaremStep(t0 []float64) (next []float64, done bool) {
	if f.mmStep(t0, f.t1) <= convergence {
		return f.t1, true
	}
	if f.mmStep(f.t1, f.t2) <= convergence {
		return f.t2, true
	}
	// r = t1 − t0, v = (t2 − t1) − r, alpha = −|r|/|v| (at most −1).
	rr, vv := 0.0, 0.0
	for i := range t0 {
		r := f.t1[i] - t0[i]
		v := f.t2[i] - f.t1[i] - r
		rr += r * r
		vv += v * v
	}
	alpha := -1.0
	if vv > 0 {
		alpha = min(-1, -math.Sqrt(rr/vv))
	}
	for i := range t0 {
		r := f.t1[i] - t0[i]
		v := f.t2[i] - f.t1[i] - r
		f.tx[i] = t0[i] - 2*alpha*r + alpha*alpha*v
	}
	f.mmStep(f.tx, f.t3)
	if f.logLikelihood(f.t3) >= f.logLikelihood(f.t2) {
		copy(t0, f.t3)
	} else {
		copy(t0, f.t2)
	}
	return nil, false
}

// logLikelihood is the log-likelihood of log-strengths t, virtual games included.
func (f *fitter) logLikelihood(t []float64) float64 {
	p, es := f.p, f.es
	l := 0.0
	for i, v := range t {
		p[i] = math.Exp(v)
		l += f.wins[i]*v - 2*math.Log1p(p[i])
	}
	for e, n := range f.games {
		l -= n * math.Log(p[es.I[e]]+p[es.J[e]])
	}
	return l
}
