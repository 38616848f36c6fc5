package standings

import (
	"context"
	"hash/fnv"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/ai-league/ai-league/internal/workers"
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

// ratingsInto turns log-strengths t into ratings in dst and returns dst:
// 1500 + 400·log10(p_i / geometric mean).
func ratingsInto(dst, t []float64) []float64 {
	mean := 0.0
	for _, v := range t {
		mean += v
	}
	mean /= float64(len(t))
	for i, v := range t {
		dst[i] = 1500 + 400*(v-mean)/math.Ln10
	}
	return dst
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

// samplesPerJob is how many bootstrap resamples one job of the pool fits.
const samplesPerJob = 25

// rating is the rating work of one table of one snapshot.
type rating struct {
	t       *Table
	members []int // model numbers in id order; member x is in row rowOf[x]
	rowOf   []int
	es      *edges // the comparisons between members, by pair
	start   []float64
	point   []float64 // the point estimate's log-strengths
	benches []int     // bit numbers of the table's benchmarks, in id order
	u       []float64 // the linearisation of the fit at the point estimate (see basis)
	f       *fitter   // holding the point estimate's games while u is solved
	rhs     []float64 // the right-hand sides of u (basisRHS)
	counts  [][]int   // each resample's weights of benches
	samples []float64 // samples[s*n+x]: member x's rating in resample s
}

// A snapshot is rated in two steps: ratePoints, then rateSamples. Together they fit
// the Bradley–Terry ratings (SPEC 5) of every table of the snapshot and their
// bootstrap intervals, and store them in the rows rounded to 0.1.

// ratePoints fits the point estimates of every table of the snapshot, one job per
// table, each starting from the same table's strengths in the previous snapshot (a
// model new to the table starts at strength 1), and keeps them as the tables' last
// strengths (theta), from which the next snapshot's fits start. The same job sets up
// the linearisation of the fit at the point estimate (basis). It returns the work
// rateSamples finishes; nothing it reads changes until then.
func (e *engine) ratePoints(sn *Snapshot) []*rating {
	var work []*rating
	for _, t := range sn.Tables {
		r := &rating{t: t, members: t.members, es: t.edges}
		t.members, t.edges = nil, nil
		if len(r.members) == 0 {
			continue
		}
		for x, word := range r.es.benchmarks() {
			for s := word; s != 0; s &= s - 1 {
				r.benches = append(r.benches, x*64+bits.TrailingZeros64(s))
			}
		}
		r.start = make([]float64, len(r.members))
		if last := e.theta[t.ID]; last != nil {
			for x, m := range r.members {
				if !math.IsNaN(last[m]) {
					r.start[x] = last[m]
				}
			}
		}
		work = append(work, r)
	}
	ctx := context.Background()
	_ = workers.Each(ctx, len(work), e.limit, func(_ context.Context, k int) error {
		r := work[k]
		f := e.fitter(len(r.members), r.es)
		f.aggregate([][]uint64{r.es.benchmarks()})
		r.point = slices.Clone(f.fit(r.start))
		if len(r.benches) == 0 {
			e.putFitter(f)
			return nil
		}
		r.f, r.rhs = f, f.basisRHS(r.point, r.benches)
		r.u = make([]float64, len(r.rhs))
		return nil
	})
	for _, r := range work {
		last := make([]float64, len(e.models))
		for i := range last {
			last[i] = math.NaN()
		}
		for x, m := range r.members {
			last[m] = r.point[x]
		}
		e.theta[r.t.ID] = last
	}
	return work
}

// rateSamples finishes the rating of the tables of the snapshot of date that
// ratePoints began: the basis's columns are solved basisColumns to a job; then the
// 200 resamples of each table's benchmarks are drawn, in order, from the table's
// seeded generator, and handled in jobs of samplesPerJob: in a table of at most
// linearFrom models each is fitted, starting from its one-step strengths; in a
// bigger table its one-step strengths are its sample. The ratings and their
// intervals go into the tables' rows. All jobs run on the bounded pool of
// internal/workers. It reads nothing of the engine but its models and spare fitters,
// so it may run while the next snapshot is played and its points fitted.
func (e *engine) rateSamples(date string, work []*rating) {
	ctx := context.Background()
	// The bases, basisColumns columns a job, big tables first in the list as in work.
	type part struct {
		r      *rating
		lo, hi int
	}
	var parts []part
	for _, r := range work {
		m := len(r.benches) + 1
		for lo := 0; r.f != nil && lo < m; lo += basisColumns {
			parts = append(parts, part{r, lo, min(lo+basisColumns, m)})
		}
	}
	_ = workers.Each(ctx, len(parts), e.limit, func(_ context.Context, k int) error {
		p := parts[k]
		p.r.f.solveColumns(p.r.rhs, len(p.r.benches)+1, p.lo, p.hi, p.r.u)
		return nil
	})
	for _, r := range work {
		if r.f != nil {
			e.putFitter(r.f)
			r.f, r.rhs = nil, nil
		}
	}

	type job struct {
		r     *rating
		first int
	}
	var jobs []job
	for _, r := range work {
		n := len(r.members)
		pos := make(map[string]int, n)
		for i, row := range r.t.Rows {
			pos[row.Model] = i
		}
		r.rowOf = make([]int, n)
		for x, m := range r.members {
			r.rowOf[x] = pos[e.models[m].ID]
		}

		k := len(r.benches)
		if k == 0 {
			continue
		}
		rng := rand.New(rand.NewPCG(seedA^tableHash(r.t.ID, date), seedB))
		r.counts = make([][]int, bootstrapSamples)
		all := make([]int, bootstrapSamples*k)
		for s := range r.counts {
			counts := all[s*k : (s+1)*k]
			for range r.benches {
				counts[rng.IntN(k)]++
			}
			r.counts[s] = counts
		}
		r.samples = make([]float64, bootstrapSamples*n)
		for first := 0; first < bootstrapSamples; first += samplesPerJob {
			jobs = append(jobs, job{r, first})
		}
	}
	_ = workers.Each(ctx, len(jobs), e.limit, func(_ context.Context, k int) error {
		r, n := jobs[k].r, len(jobs[k].r.members)
		last := min(jobs[k].first+samplesPerJob, bootstrapSamples)
		start := make([]float64, n)
		if n > linearFrom {
			for s := jobs[k].first; s < last; s++ {
				ratingsInto(r.samples[s*n:(s+1)*n], oneStep(start, r.point, r.u, r.counts[s]))
			}
			return nil
		}
		// Each fit starts from the resample's one-step strengths, a point close to
		// its fixed point.
		f := e.fitter(n, r.es)
		weights := make([]int, r.es.words*64)
		for s := jobs[k].first; s < last; s++ {
			for b, bit := range r.benches {
				weights[bit] = r.counts[s][b]
			}
			f.aggregate(weightPlanes(weights, r.es.words))
			ratingsInto(r.samples[s*n:(s+1)*n], f.fit(oneStep(start, r.point, r.u, r.counts[s])))
		}
		e.putFitter(f)
		return nil
	})

	for _, r := range work {
		n := len(r.members)
		rating := ratingsInto(make([]float64, n), r.point)
		one := make([]float64, bootstrapSamples)
		for x, i := range r.rowOf {
			row := &r.t.Rows[i]
			row.Rating = round1(rating[x])
			row.RatingLow, row.RatingHigh = row.Rating, row.Rating
			if r.samples == nil {
				continue
			}
			for s := range one {
				one[s] = r.samples[s*n+x]
			}
			sort.Float64s(one)
			row.RatingLow = round1(percentile(one, 0.025))
			row.RatingHigh = round1(percentile(one, 0.975))
		}
	}
}

// fitter returns a fitter for n players and the edges es, reusing a spare one's buffers.
func (e *engine) fitter(n int, es *edges) *fitter {
	select {
	case f := <-e.spare:
		f.reset(n, es)
		return f
	default:
		return newFitter(n, es)
	}
}

// putFitter keeps a fitter's buffers for a later fit, when there is room.
func (e *engine) putFitter(f *fitter) {
	f.es = nil
	select {
	case e.spare <- f:
	default:
	}
}
