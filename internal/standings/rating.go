package standings

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
)

// Rating parameters (SPEC 5).
const (
	bootstrapSamples = 200
	convergence      = 1e-9   // largest relative move of a strength at the fixed point
	maxIterations    = 100000 // a safety cap; the virtual games make the fit converge long before
	// seedA and seedB are the fixed part of each table's bootstrap seed; the rest
	// is a hash of the table id and the snapshot date.
	seedA = 0x41492d4c65616775 // "AI-Leagu"
	seedB = 0x652d726174696e67 // "e-rating"
)

// comparison is one leg between players i and j (indexes into the table's rows);
// wi is i's share of the win: 1, ½ for a draw, or 0.
type comparison struct {
	i, j int
	wi   float64
}

// rateTable fits the Bradley–Terry ratings of a table and their bootstrap intervals
// from the legs of the matches between its members, and stores them in its rows
// rounded to 0.1.
func rateTable(t *Table, sn *Snapshot) {
	n := len(t.Rows)
	if n == 0 {
		return
	}
	index := make(map[string]int, n)
	for i, r := range t.Rows {
		index[r.Model] = i
	}
	byBench := make(map[string][]comparison)
	for _, m := range tableMatches(sn.Matches, index) {
		i, j := index[m.A], index[m.B]
		for _, leg := range m.Legs {
			wi := 0.5
			switch leg.Winner {
			case m.A:
				wi = 1
			case m.B:
				wi = 0
			}
			byBench[leg.Benchmark] = append(byBench[leg.Benchmark], comparison{i, j, wi})
		}
	}
	benches := make([][]comparison, 0, len(byBench))
	ids := make([]string, 0, len(byBench))
	for id := range byBench {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		benches = append(benches, byBench[id])
	}

	f := newFitter(n)
	weights := make([]float64, len(benches))
	for b := range weights {
		weights[b] = 1
	}
	rating := f.fit(benches, weights)

	low, high := append([]float64(nil), rating...), append([]float64(nil), rating...)
	if len(benches) > 0 {
		rng := rand.New(rand.NewPCG(seedA^tableHash(t.ID, sn.Date), seedB))
		samples := make([][]float64, n) // samples[i] = player i's rating in each resample
		for s := 0; s < bootstrapSamples; s++ {
			clear(weights)
			for range benches {
				weights[rng.IntN(len(benches))]++
			}
			for i, r := range f.fit(benches, weights) {
				samples[i] = append(samples[i], r)
			}
		}
		for i, s := range samples {
			sort.Float64s(s)
			low[i], high[i] = percentile(s, 0.025), percentile(s, 0.975)
		}
	}
	for i := range t.Rows {
		t.Rows[i].Rating = round1(rating[i])
		t.Rows[i].RatingLow = round1(low[i])
		t.Rows[i].RatingHigh = round1(high[i])
	}
}

// tableHash is the FNV-1a hash of a table id and a snapshot date.
func tableHash(table, date string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(table))
	h.Write([]byte{0})
	h.Write([]byte(date))
	return h.Sum64()
}

// percentile returns the p-quantile of sorted values, interpolating linearly between
// the order statistics around position p·(n−1).
func percentile(sorted []float64, p float64) float64 {
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}

// round1 rounds to one decimal.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// fitter fits Bradley–Terry strengths of n players, reusing its buffers between fits.
type fitter struct {
	n     int
	wins  []float64 // wins[i]: i's wins, draws counting ½, plus the virtual win
	games []float64 // games[i*n+j], i < j: comparisons between i and j
	pairs []pair    // the pairs that played, from games
	denom []float64
	p     []float64 // strengths of the log-strengths being stepped from
	// Log-strengths of the SQUAREM cycle: start, two MM steps, extrapolation, its MM step.
	t0, t1, t2, tx, t3 []float64
}

// pair is two players who compared, and how many times (weighted).
type pair struct {
	i, j int
	n    float64
}

func newFitter(n int) *fitter {
	f := &fitter{n: n, wins: make([]float64, n), games: make([]float64, n*n), denom: make([]float64, n), p: make([]float64, n)}
	for _, t := range []*[]float64{&f.t0, &f.t1, &f.t2, &f.tx, &f.t3} {
		*t = make([]float64, n)
	}
	return f
}

// fit returns the ratings of the players from the comparisons of each benchmark,
// each benchmark counted weights[b] times.
//
// The fit is the MM algorithm of Hunter (2004) for Bradley–Terry, with one virtual
// win and one virtual loss of every player against a virtual player of fixed
// strength 1, which keeps every strength finite (even for a player who won or lost
// everything) and fixes the scale. All strengths start at 1; each MM step computes
// every new strength from the previous step's (Jacobi style, so the result does not
// depend on the order of the players):
//
//	p_i ← W_i / (Σ_j n_ij/(p_i+p_j) + 2/(p_i+1))
//
// and the fit stops at the first MM step that moves no strength by more than 1e-9
// relatively. The rating is 1500 + 400·log10(p_i / geometric mean of the p).
//
// Plain MM crawls when the comparisons are many: the real games do not care about
// the common scale of the strengths, only the 2 virtual games of each player pin it,
// and thousands of steps go into that one direction. So each MM step ends by
// rescaling all strengths to the most likely common scale (virtualScale), which
// does not change the fixed point, and the steps are accelerated with SQUAREM (Varadhan and Roland 2008, scheme S3) on log-strengths: two MM steps,
// an extrapolation along them, one MM step from there, kept only when it is at
// least as likely as the second plain step. The fixed point, which is unique, and
// the stopping rule are those of plain MM; only the path is shorter.
func (f *fitter) fit(benches [][]comparison, weights []float64) []float64 {
	f.aggregate(benches, weights)
	t0 := f.t0
	clear(t0) // log 1
	for it := 0; it < maxIterations; it++ {
		if f.step(t0, f.t1) <= convergence {
			return ratings(f.t1)
		}
		if f.step(f.t1, f.t2) <= convergence {
			return ratings(f.t2)
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
		f.step(f.tx, f.t3)
		if f.logLikelihood(f.t3) >= f.logLikelihood(f.t2) {
			copy(t0, f.t3)
		} else {
			copy(t0, f.t2)
		}
	}
	return ratings(t0)
}

// aggregate sums the weighted comparisons into wins per player and games per pair.
func (f *fitter) aggregate(benches [][]comparison, weights []float64) {
	n := f.n
	for i := range f.wins {
		f.wins[i] = 1
	}
	clear(f.games)
	for b, cs := range benches {
		k := weights[b]
		if k == 0 {
			continue
		}
		for _, c := range cs {
			i, j := c.i, c.j
			if j < i {
				i, j = j, i
				c.wi = 1 - c.wi
			}
			f.wins[i] += k * c.wi
			f.wins[j] += k * (1 - c.wi)
			f.games[i*n+j] += k
		}
	}
	f.pairs = f.pairs[:0]
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if g := f.games[i*n+j]; g > 0 {
				f.pairs = append(f.pairs, pair{i, j, g})
			}
		}
	}
}

// step is one MM step from log-strengths t into next, followed by the rescaling
// of virtualScale; it returns the largest relative move of a strength.
func (f *fitter) step(t, next []float64) float64 {
	p := f.p
	for i, v := range t {
		p[i] = math.Exp(v)
		f.denom[i] = 2 / (p[i] + 1)
	}
	for _, pr := range f.pairs {
		d := pr.n / (p[pr.i] + p[pr.j])
		f.denom[pr.i] += d
		f.denom[pr.j] += d
	}
	for i := range next {
		p[i] = f.wins[i] / f.denom[i]
	}
	logc := math.Log(virtualScale(p))
	moved := 0.0
	for i := range next {
		next[i] = math.Log(p[i]) + logc
		moved = max(moved, math.Abs(math.Expm1(next[i]-t[i])))
	}
	return moved
}

// logLikelihood is the log-likelihood of log-strengths t, virtual games included:
// Σ_i W_i·log p_i − Σ_pairs n_ij·log(p_i+p_j) − Σ_i 2·log(p_i+1).
func (f *fitter) logLikelihood(t []float64) float64 {
	p := f.p
	l := 0.0
	for i, v := range t {
		p[i] = math.Exp(v)
		l += f.wins[i]*v - 2*math.Log1p(p[i])
	}
	for _, pr := range f.pairs {
		l -= pr.n * math.Log(p[pr.i]+p[pr.j])
	}
	return l
}

// ratings turns log-strengths into ratings: 1500 + 400·log10(p_i / geometric mean).
func ratings(t []float64) []float64 {
	mean := 0.0
	for _, v := range t {
		mean += v
	}
	mean /= float64(len(t))
	out := make([]float64, len(t))
	for i, v := range t {
		out[i] = 1500 + 400*(v-mean)/math.Ln10
	}
	return out
}

// virtualScale returns the factor c by which to multiply every strength to make the
// fit as likely as it can be along that direction. The real comparisons do not
// change when all strengths are scaled; only the virtual games do, and their
// log-likelihood Σ log(c·p_i) − 2·log(1 + c·p_i) is greatest where
// Σ (1 − c·p_i)/(1 + c·p_i) = 0, found by Newton's method on log c (the sum falls
// strictly, from n to −n, as c grows).
func virtualScale(p []float64) float64 {
	u := 0.0
	for it := 0; it < 100; it++ {
		c := math.Exp(u)
		g, dg := 0.0, 0.0
		for _, v := range p {
			x := c * v
			g += (1 - x) / (1 + x)
			dg -= 2 * x / ((1 + x) * (1 + x))
		}
		// Damp the step: the sum flattens far from its root.
		step := max(-1, min(1, g/dg))
		u -= step
		if math.Abs(step) < 1e-15 {
			break
		}
	}
	return math.Exp(u)
}
