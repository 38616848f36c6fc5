package standings

import (
	"math"
	"math/bits"
)

// linearFrom is the size of the largest table whose bootstrap resamples are each
// fitted to the fixed point (SPEC 5). In a table of more models, a resample's
// strengths are one Newton step from the point estimate with the point estimate's
// Hessian (see basis): the same 200 resamples of the benchmarks, drawn from the same
// seed, and the same percentiles. Every table of the bundled league and of the
// tests' leagues is far smaller.
var linearFrom = 100

// solveTol is the error of a log-strength at which the linear solves of basis stop
// (a rating point is 5.8e-3 in log-strength).
const solveTol = 1e-8

// basis linearises the fit of the table at its point estimate theta: it returns the
// n×m matrix U (row-major, m = len(benches)+1) whose column 0 is (−H)⁻¹·v and whose
// column 1+k is (−H)⁻¹·c_k, where −H is the negated Hessian of the log-likelihood at
// theta, v the gradient of the virtual games and c_k the gradient of the
// comparisons on benchmark benches[k] (bit numbers), all at theta.
//
// A resample that counts benchmark benches[k] w_k times has at theta the gradient
// v + Σ_k w_k·c_k (the gradient is linear in the weights), so one Newton step from
// theta with the point estimate's Hessian lands at theta + U·(1, w_1, …, w_K).
//
// The fitter must hold the point estimate's games (aggregate with every benchmark
// counted once).
func (f *fitter) basis(theta []float64, benches []int) []float64 {
	c := f.basisRHS(theta, benches)
	return f.solveBlock(c, len(benches)+1)
}

// basisColumns is the number of columns of a basis (see basis) that one job of the
// pool solves: the columns are independent systems, so a big table's basis is
// shared among the workers instead of holding up the rest of its snapshot.
const basisColumns = 16

// basisRHS sets the fitter to the point estimate theta and returns the right-hand
// sides of basis: the n×m matrix (row-major, m = len(benches)+1) whose column 0 is
// v and whose column 1+k is c_k. Its columns may then be solved apart, on several
// goroutines at once (solveColumns): solving reads the fitter and changes it not.
func (f *fitter) basisRHS(theta []float64, benches []int) []float64 {
	f.gradient(theta) // strengths p, the diagonal d and the edge weights at theta
	n, m := f.n, len(benches)+1
	col := make([]int, f.es.words*64) // bit number -> column
	for k, b := range benches {
		col[b] = k + 1
	}
	c := make([]float64, n*m)
	for i, p := range f.p[:n] {
		c[i*m] = 1 - 2*p/(1+p)
	}
	es, w := f.es, f.es.words
	for e := range es.I {
		i, j := int(es.I[e]), int(es.J[e])
		s := f.p[i] / (f.p[i] + f.p[j])
		ci, cj := c[i*m:(i+1)*m], c[j*m:(j+1)*m]
		for x := range w {
			won, drawn := es.wonI[e*w+x], es.draw[e*w+x]
			for set := es.shared[e*w+x]; set != 0; set &= set - 1 {
				t := bits.TrailingZeros64(set)
				o := -s // I lost the benchmark: observed 0, expected s
				switch {
				case won>>t&1 == 1:
					o = 1 - s
				case drawn>>t&1 == 1:
					o = 0.5 - s
				}
				k := col[x*64+t]
				ci[k] += o
				cj[k] -= o
			}
		}
	}
	return c
}

// solveColumns solves the columns lo to hi−1 of the right-hand sides c (n×m,
// row-major, from basisRHS) and writes them into the same columns of u. Every
// column's conjugate gradients is its own (solveBlock shares only the passes over
// the edges), so the columns come out the same, bit for bit, as in one solve of all
// of them.
func (f *fitter) solveColumns(c []float64, m, lo, hi int, u []float64) {
	w := hi - lo
	b := make([]float64, f.n*w)
	for i := range f.n {
		copy(b[i*w:(i+1)*w], c[i*m+lo:i*m+hi])
	}
	x := f.solveBlock(b, w)
	for i := range f.n {
		copy(u[i*m+lo:i*m+hi], x[i*w:(i+1)*w])
	}
}

// oneStep returns in dst the one-step strengths of a resample from the basis u (see
// basis) of the point estimate theta: theta + U·(1, counts...).
func oneStep(dst, theta, u []float64, counts []int) []float64 {
	m := len(counts) + 1
	for i, t := range theta {
		row := u[i*m : (i+1)*m]
		v := t + row[0]
		for k, w := range counts {
			v += float64(w) * row[k+1]
		}
		dst[i] = v
	}
	return dst
}

// solveBlock solves (−H)·X = B for the m columns of B (row-major n×m; B is used as
// the residual and overwritten) by conjugate gradients, one per column, sharing
// each pass over the edges, with newtonStep's preconditioner. A column stops when
// its preconditioned residual, an estimate of its error, is at most solveTol.
func (f *fitter) solveBlock(b []float64, m int) []float64 {
	n, d := f.n, f.d
	x := make([]float64, n*m)
	r := b
	z := make([]float64, n*m)
	q := make([]float64, n*m)
	aq := make([]float64, n*m)
	c := 0.0
	for _, p := range f.p[:n] {
		c += 2 * p / ((1 + p) * (1 + p))
	}
	sum := make([]float64, m)
	rz, rz2, zmax := make([]float64, m), make([]float64, m), make([]float64, m)
	qap, alpha, beta := make([]float64, m), make([]float64, m), make([]float64, m)
	done := make([]bool, m)
	precond := func() {
		clear(sum)
		for i := range n {
			for k, v := range r[i*m : (i+1)*m] {
				sum[k] += v
			}
		}
		clear(rz2)
		clear(zmax)
		for i := range n {
			ri, zi := r[i*m:(i+1)*m], z[i*m:(i+1)*m]
			for k := range ri {
				zi[k] = ri[k]/d[i] + sum[k]/c
				rz2[k] += ri[k] * zi[k]
				zmax[k] = max(zmax[k], math.Abs(zi[k]))
			}
		}
	}
	precond()
	left := m
	for k := range m {
		rz[k] = rz2[k]
		if zmax[k] <= solveTol {
			done[k] = true
			left--
		}
	}
	copy(q, z)
	for it := 0; it < maxCG && left > 0; it++ {
		f.multiplyBlock(q, aq, m)
		clear(qap)
		for i := range n {
			qi, ai := q[i*m:(i+1)*m], aq[i*m:(i+1)*m]
			for k := range qi {
				qap[k] += qi[k] * ai[k]
			}
		}
		for k := range m {
			alpha[k] = 0
			if !done[k] { // q ≠ 0, and −H is positive definite: qap > 0
				alpha[k] = rz[k] / qap[k]
			}
		}
		for i := range n {
			xi, ri, qi, ai := x[i*m:(i+1)*m], r[i*m:(i+1)*m], q[i*m:(i+1)*m], aq[i*m:(i+1)*m]
			for k := range xi {
				xi[k] += alpha[k] * qi[k]
				ri[k] -= alpha[k] * ai[k]
			}
		}
		precond()
		for k := range m {
			beta[k] = 0
			if done[k] {
				continue
			}
			if zmax[k] <= solveTol {
				done[k] = true
				left--
				continue
			}
			beta[k] = rz2[k] / rz[k]
			rz[k] = rz2[k]
		}
		for i := range n {
			zi, qi := z[i*m:(i+1)*m], q[i*m:(i+1)*m]
			for k := range qi {
				qi[k] = zi[k] + beta[k]*qi[k]
			}
		}
	}
	return x
}

// multiplyBlock sets aq to (−H)·q for the m columns of q (row-major n×m).
func (f *fitter) multiplyBlock(q, aq []float64, m int) {
	n, d := f.n, f.d
	for i := range n {
		qi, ai := q[i*m:(i+1)*m], aq[i*m:(i+1)*m]
		for k := range qi {
			ai[k] = d[i] * qi[k]
		}
	}
	axpy2 := func(hw float64, i, j int) {
		qi, ai := q[i*m:(i+1)*m], aq[i*m:(i+1)*m]
		qj, aj := q[j*m:(j+1)*m], aq[j*m:(j+1)*m]
		qj, aj = qj[:len(qi)], aj[:len(qi)]
		for k, v := range qi {
			ai[k] -= hw * qj[k]
			aj[k] -= hw * v
		}
	}
	if len(f.dense) > 0 {
		for i := range n {
			row := f.dense[i*n+i+1 : (i+1)*n]
			// The vector kernel, where there is one, takes the groups of four players
			// on the first lo columns; the loop below does the other columns.
			lo := multiplyRowVector(row, q, aq, i, m)
			k := 0
			if lo == m {
				k = len(row) - len(row)%4
			}
			// Four players j at a time: each pass over i's columns serves four edges.
			for ; k+4 <= len(row); k += 4 {
				h0, h1, h2, h3 := row[k], row[k+1], row[k+2], row[k+3]
				j := (i+1+k)*m + lo
				qi, ai := q[i*m+lo:(i+1)*m], aq[i*m+lo:(i+1)*m]
				w := m - lo
				q0, q1, q2, q3 := q[j:j+w], q[j+m:j+m+w], q[j+2*m:j+2*m+w], q[j+3*m:j+3*m+w]
				a0, a1, a2, a3 := aq[j:j+w], aq[j+m:j+m+w], aq[j+2*m:j+2*m+w], aq[j+3*m:j+3*m+w]
				q0, q1, q2, q3 = q0[:len(qi)], q1[:len(qi)], q2[:len(qi)], q3[:len(qi)]
				a0, a1, a2, a3 = a0[:len(qi)], a1[:len(qi)], a2[:len(qi)], a3[:len(qi)]
				ai = ai[:len(qi)]
				for c, v := range qi {
					ai[c] -= h0*q0[c] + h1*q1[c] + h2*q2[c] + h3*q3[c]
					a0[c] -= h0 * v
					a1[c] -= h1 * v
					a2[c] -= h2 * v
					a3[c] -= h3 * v
				}
			}
			for ; k < len(row); k++ {
				axpy2(row[k], i, i+1+k)
			}
		}
		return
	}
	for e, hw := range f.h {
		axpy2(hw, int(f.es.I[e]), int(f.es.J[e]))
	}
}
