package standings

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

// The reference computes SPEC 5 the plain way, straight from the rules, with no
// sharing between snapshots, no bit sets and no warm starts: every snapshot's
// results in force picked from all results, every pair played leg by leg, every
// fit a damped Newton iteration with a dense linear solve from all strengths 1.
// TestAgainstReference compares the engine with it on random leagues.

type refSnapshot struct {
	date    string
	results []league.Result
	matches []refMatch
	tables  []refTable
}

type refMatch struct {
	a, b              string
	aWon, bWon, drawn int
	winner            string
	legs              []Leg
}

type refTable struct {
	id   string
	rows []Row
	// Unrounded rating, low and high per model.
	exact map[string][3]float64
}

func refCompute(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string) []refSnapshot {
	minShared := rules.MinShared
	if minShared <= 0 {
		minShared = 3
	}
	model := map[string]league.Model{}
	for _, m := range models {
		model[m.ID] = m
	}
	bench := map[string]league.Benchmark{}
	for _, b := range benchmarks {
		bench[b.ID] = b
	}
	var known []league.Result
	for _, r := range results {
		_, okM := model[r.Model]
		_, okB := bench[r.Benchmark]
		if okM && okB {
			known = append(known, r)
		}
	}
	later := func(x, y league.Result) bool { // x comes after y in (File, Index) order
		if x.File != y.File {
			return x.File > y.File
		}
		return x.Index > y.Index
	}
	// A result counts from its date (or the day its pulled version came in, if
	// later) until the day its version was replaced, if any.
	from := func(r league.Result) string {
		if r.From > r.Date {
			return r.From
		}
		return r.Date
	}
	ever := func(r league.Result) bool { return r.Until == "" || from(r) < r.Until }
	if asOf == "" {
		for _, r := range known {
			if ever(r) {
				asOf = max(asOf, from(r), r.Until)
			}
		}
	}
	dateSet := map[string]bool{asOf: true}
	for _, r := range known {
		if !ever(r) {
			continue
		}
		for _, d := range []string{from(r), r.Until} {
			if d != "" && d <= asOf {
				dateSet[d] = true
			}
		}
	}
	var dates []string
	for d := range dateSet {
		dates = append(dates, d)
	}
	sort.Strings(dates)

	var out []refSnapshot
	for _, date := range dates {
		best := map[[2]string]league.Result{}
		for _, r := range known {
			if from(r) > date || r.Until != "" && date >= r.Until {
				continue
			}
			k := [2]string{r.Model, r.Benchmark}
			cur, ok := best[k]
			if !ok || r.Date > cur.Date || r.Date == cur.Date && later(r, cur) {
				best[k] = r
			}
		}
		sn := refSnapshot{date: date}
		for _, r := range best {
			sn.results = append(sn.results, r)
		}
		sort.Slice(sn.results, func(i, j int) bool {
			a, b := sn.results[i], sn.results[j]
			return a.Model < b.Model || a.Model == b.Model && a.Benchmark < b.Benchmark
		})
		var ids []string
		for _, r := range sn.results {
			if len(ids) == 0 || ids[len(ids)-1] != r.Model {
				ids = append(ids, r.Model)
			}
		}
		for x, a := range ids {
			for _, b := range ids[x+1:] {
				m := refMatch{a: a, b: b}
				var bs []string
				for bid := range bench {
					if _, ok := best[[2]string{a, bid}]; ok {
						if _, ok := best[[2]string{b, bid}]; ok {
							bs = append(bs, bid)
						}
					}
				}
				if len(bs) < minShared {
					continue
				}
				sort.Strings(bs)
				for _, bid := range bs {
					ra, rb := best[[2]string{a, bid}], best[[2]string{b, bid}]
					bm := bench[bid]
					leg := Leg{Benchmark: bid, A: ra, B: rb, Diff: math.Abs(ra.Score - rb.Score),
						Threshold: math.Max(bm.DrawMargin, 1.96*math.Sqrt(ra.Stderr*ra.Stderr+rb.Stderr*rb.Stderr))}
					slack := 1e-9 * math.Max(1, math.Max(math.Abs(ra.Score), math.Abs(rb.Score)))
					switch {
					case leg.Diff <= leg.Threshold+slack:
						m.drawn++
					case (ra.Score > rb.Score) == bm.HigherIsBetter:
						leg.Winner = a
						m.aWon++
					default:
						leg.Winner = b
						m.bWon++
					}
					m.legs = append(m.legs, leg)
				}
				if m.aWon > m.bWon {
					m.winner = a
				} else if m.bWon > m.aWon {
					m.winner = b
				}
				sn.matches = append(sn.matches, m)
			}
		}
		sn.tables = append(sn.tables, refTableOf(Overall, ids, sn.matches, date))
		for _, d := range rules.Divisions {
			var in []string
			for _, id := range ids {
				if DivisionOf(rules.Divisions, model[id].ParamsB) == d.ID {
					in = append(in, id)
				}
			}
			sn.tables = append(sn.tables, refTableOf(d.ID, in, sn.matches, date))
		}
		out = append(out, sn)
	}
	return out
}

func refTableOf(id string, members []string, matches []refMatch, date string) refTable {
	in := map[string]bool{}
	for _, m := range members {
		in[m] = true
	}
	row := map[string]*Row{}
	for _, m := range members {
		row[m] = &Row{Model: m}
	}
	type cmp struct {
		bench string
		i, j  string
		wi    float64
	}
	var cmps []cmp
	for _, m := range matches {
		if !in[m.a] || !in[m.b] {
			continue
		}
		for _, side := range []struct {
			r         *Row
			for_, agt int
		}{{row[m.a], m.aWon, m.bWon}, {row[m.b], m.bWon, m.aWon}} {
			side.r.Played++
			side.r.BenchFor += side.for_
			side.r.BenchAgainst += side.agt
			switch {
			case side.for_ > side.agt:
				side.r.Won++
			case side.for_ < side.agt:
				side.r.Lost++
			default:
				side.r.Drawn++
			}
		}
		for _, l := range m.legs {
			wi := 0.5
			if l.Winner == m.a {
				wi = 1
			} else if l.Winner == m.b {
				wi = 0
			}
			cmps = append(cmps, cmp{l.Benchmark, m.a, m.b, wi})
		}
	}
	t := refTable{id: id, exact: map[string][3]float64{}}
	for _, m := range members {
		r := row[m]
		r.BenchDiff = r.BenchFor - r.BenchAgainst
		r.Points = 3*r.Won + r.Drawn
		t.rows = append(t.rows, *r)
	}
	key := func(r Row) [4]int { return [4]int{r.Points, r.BenchDiff, r.BenchFor, r.Won} }
	sort.Slice(t.rows, func(i, j int) bool {
		a, b := key(t.rows[i]), key(t.rows[j])
		if a != b {
			for k := range a {
				if a[k] != b[k] {
					return a[k] > b[k]
				}
			}
		}
		return t.rows[i].Model < t.rows[j].Model
	})
	for i := range t.rows {
		t.rows[i].Rank = i + 1
		if i > 0 && key(t.rows[i]) == key(t.rows[i-1]) {
			t.rows[i].Rank = t.rows[i-1].Rank
			t.rows[i].SharedRank, t.rows[i-1].SharedRank = true, true
		}
	}
	if len(members) == 0 {
		return t
	}

	// Ratings.
	idx := map[string]int{}
	for i, m := range members {
		idx[m] = i
	}
	benchSet := map[string]bool{}
	for _, c := range cmps {
		benchSet[c.bench] = true
	}
	var benches []string
	for b := range benchSet {
		benches = append(benches, b)
	}
	sort.Strings(benches)
	aggregate := func(weight map[string]float64) ([]float64, [][]float64) {
		n := len(members)
		wins := make([]float64, n)
		games := make([][]float64, n)
		for i := range games {
			games[i] = make([]float64, n)
			wins[i] = 1
		}
		for _, c := range cmps {
			k := weight[c.bench]
			i, j := idx[c.i], idx[c.j]
			wins[i] += k * c.wi
			wins[j] += k * (1 - c.wi)
			games[i][j] += k
			games[j][i] += k
		}
		return wins, games
	}
	ones := map[string]float64{}
	for _, b := range benches {
		ones[b] = 1
	}
	wins1, games1 := aggregate(ones)
	point := refFitTheta(wins1, games1)
	rating := refRatings(point)
	// A resample's ratings: fitted again, or in a table of more than linearFrom
	// models one Newton step from the point estimate with its Hessian.
	fitW := func(weight map[string]float64) []float64 {
		wins, games := aggregate(weight)
		if len(members) > linearFrom {
			return refOneStep(point, wins1, games1, wins, games)
		}
		return refFit(wins, games)
	}
	low, high := rating, rating
	if len(benches) > 0 {
		h := fnv.New64a()
		h.Write([]byte(id + "\x00" + date))
		rng := rand.New(rand.NewPCG(0x41492d4c65616775^h.Sum64(), 0x652d726174696e67))
		per := make([][]float64, len(members))
		for range 200 {
			w := map[string]float64{}
			for range benches {
				w[benches[rng.IntN(len(benches))]]++
			}
			for i, r := range fitW(w) {
				per[i] = append(per[i], r)
			}
		}
		low, high = make([]float64, len(members)), make([]float64, len(members))
		for i, v := range per {
			sort.Float64s(v)
			q := func(p float64) float64 {
				pos := p * 199
				lo := int(pos)
				return v[lo] + (pos-float64(lo))*(v[lo+1]-v[lo])
			}
			low[i], high[i] = q(0.025), q(0.975)
		}
	}
	for k := range t.rows {
		i := idx[t.rows[k].Model]
		t.exact[t.rows[k].Model] = [3]float64{rating[i], low[i], high[i]}
		t.rows[k].Rating = math.Round(rating[i]*10) / 10
		t.rows[k].RatingLow = math.Round(low[i]*10) / 10
		t.rows[k].RatingHigh = math.Round(high[i]*10) / 10
	}
	return t
}

// refFit maximises the Bradley–Terry log-likelihood with the virtual games by
// Newton's method on log-strengths (dense Hessian, Gaussian elimination), halving
// a step until the likelihood does not fall, and returns the ratings.
func refFit(wins []float64, games [][]float64) []float64 {
	return refRatings(refFitTheta(wins, games))
}

// refFitTheta is refFit's log-strengths.
func refFitTheta(wins []float64, games [][]float64) []float64 {
	n := len(wins)
	theta := make([]float64, n)
	ll := func(t []float64) float64 {
		l := 0.0
		for i := range t {
			l += wins[i]*t[i] - 2*math.Log1p(math.Exp(t[i]))
			for j := i + 1; j < n; j++ {
				l -= games[i][j] * math.Log(math.Exp(t[i])+math.Exp(t[j]))
			}
		}
		return l
	}
	for range 200 {
		a, g := refNewton(theta, wins, games)
		step := refSolve(a, g)
		big := 0.0
		for _, s := range step {
			big = math.Max(big, math.Abs(s))
		}
		base := ll(theta)
		t := 1.0
		next := make([]float64, n)
		for {
			for i := range next {
				next[i] = theta[i] + t*step[i]
			}
			if ll(next) >= base-1e-12*math.Abs(base) || t < 1e-6 {
				break
			}
			t /= 2
		}
		theta = next
		if big*t < 1e-13 {
			break
		}
	}
	return theta
}

// refRatings turns log-strengths into ratings: 1500 + 400·log10(p / geometric mean).
func refRatings(theta []float64) []float64 {
	n := len(theta)
	mean := 0.0
	for _, v := range theta {
		mean += v
	}
	mean /= float64(n)
	out := make([]float64, n)
	for i, v := range theta {
		out[i] = 1500 + 400*(v-mean)/math.Ln10
	}
	return out
}

// randomLeague makes a small league with the awkward cases: ties, stderrs, draw
// margins, lower-is-better benchmarks, undated results, several results for one
// model and benchmark (some on one day), results of unknown models and
// benchmarks, models of unknown size.
func randomLeague(rng *rand.Rand) ([]league.Model, []league.Benchmark, []league.Result, Rules) {
	return randomLeagueOf(rng, 0)
}

// randomLeagueOf is randomLeague with benches benchmarks (0: one to eight).
func randomLeagueOf(rng *rand.Rand, benches int) ([]league.Model, []league.Benchmark, []league.Result, Rules) {
	nm, nb, nd := 2+rng.IntN(11), 1+rng.IntN(8), 1+rng.IntN(4)
	if benches > 0 {
		nb = benches
	}
	var models []league.Model
	for i := range nm {
		size := []float64{0, 2, 5, 8, 12, 30, 70}[rng.IntN(7)]
		models = append(models, league.Model{ID: fmt.Sprintf("m%02d", (i*7)%nm), Club: "c", ParamsB: size})
	}
	var benchmarks []league.Benchmark
	for j := range nb {
		benchmarks = append(benchmarks, league.Benchmark{ID: fmt.Sprintf("b%d", j),
			HigherIsBetter: rng.IntN(4) != 0, Max: 100, DrawMargin: float64(rng.IntN(3)) * 0.5})
	}
	var results []league.Result
	files := []string{"data/results/a.json", "data/results/b.json", "data/results/c.json"}
	for range rng.IntN(nm*nb*2 + 1) {
		r := league.Result{
			Model:     fmt.Sprintf("m%02d", rng.IntN(nm+1)), // m<nm> is unknown
			Benchmark: fmt.Sprintf("b%d", rng.IntN(nb)),
			Score:     float64(rng.IntN(12)) * 0.5,
			File:      files[rng.IntN(len(files))],
		}
		if rng.IntN(10) == 0 {
			r.Benchmark = "unknown"
		}
		if d := rng.IntN(nd + 1); d > 0 {
			r.Date = fmt.Sprintf("2026-0%d-01", d)
		}
		if rng.IntN(3) == 0 {
			r.Stderr, r.HasStderr = float64(rng.IntN(3))*0.2, true
		}
		if rng.IntN(4) == 0 { // a pulled version, in force for a while
			r.From = fmt.Sprintf("2026-0%d-10", 1+rng.IntN(nd))
			if rng.IntN(2) == 0 {
				r.Until = fmt.Sprintf("2026-0%d-20", 1+rng.IntN(nd))
			}
		}
		results = append(results, r)
	}
	count := map[string]int{}
	sort.SliceStable(results, func(i, j int) bool { return results[i].File < results[j].File })
	for i := range results {
		results[i].Index = count[results[i].File]
		count[results[i].File]++
	}
	rules := Rules{MinShared: rng.IntN(4)}
	if rng.IntN(3) > 0 {
		rules.Divisions = []Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}
	}
	return models, benchmarks, results, rules
}

// nearBoundary reports whether x lies within 1e-6 of a point where rounding to
// 0.1 changes, so that two exact fits may round apart.
func nearBoundary(x float64) bool {
	f := x*10 - math.Floor(x*10)
	return math.Abs(f-0.5) < 1e-5
}

func TestAgainstReference(t *testing.T) {
	// Once as configured (every table of these leagues refits its resamples), once
	// with the one-step bootstrap for every table of more than one model, and once
	// on a few leagues with the one-step bootstrap from four models on: a table of
	// exactly linearFrom models refits. Then a few leagues of 70 benchmarks, whose
	// comparisons take two 64-bit words per pair, with the one-step bootstrap (the
	// basis reads the second word's results) and with refits.
	for _, c := range []struct{ lin, leagues, benches int }{{linearFrom, 25, 0}, {1, 25, 0}, {3, 5, 0}, {1, 3, 70}, {linearFrom, 2, 70}} {
		name := fmt.Sprintf("linearFrom=%d", c.lin)
		if c.benches > 0 {
			name += fmt.Sprintf(",benchmarks=%d", c.benches)
		}
		t.Run(name, func(t *testing.T) {
			defer func(old int) { linearFrom = old }(linearFrom)
			linearFrom = c.lin
			checkAgainstReference(t, c.leagues, c.benches)
		})
	}
}

// checkAgainstReference compares the engine with the reference on random leagues
// of benches benchmarks (0: randomLeague's one to eight).
func checkAgainstReference(t *testing.T, leagues, benches int) {
	rng := rand.New(rand.NewPCG(2026, 5+uint64(benches)))
	if testing.Short() || raceDetector {
		leagues = min(leagues, 6)
	}
	for n := range leagues {
		models, benchmarks, results, rules := randomLeagueOf(rng, benches)
		asOf := ""
		if rng.IntN(4) == 0 {
			asOf = "2026-02-15"
		}
		workers := 1 + n%3
		got := computeWith(models, benchmarks, results, rules, asOf, workers)
		want := refCompute(models, benchmarks, results, rules, asOf)
		name := fmt.Sprintf("league %d (%d models, %d results, workers %d)", n, len(models), len(results), workers)
		if len(got.Snapshots) != len(want) {
			t.Fatalf("%s: %d snapshots, want %d", name, len(got.Snapshots), len(want))
		}
		for s, ws := range want {
			gs := got.Snapshots[s]
			where := name + " " + ws.date
			if gs.Date != ws.date {
				t.Fatalf("%s: snapshot dated %s", where, gs.Date)
			}
			if !reflect.DeepEqual(gs.Results, ws.results) && (len(gs.Results) > 0 || len(ws.results) > 0) {
				t.Fatalf("%s: results in force\n got %+v\nwant %+v", where, gs.Results, ws.results)
			}
			if len(gs.Matches) != len(ws.matches) {
				t.Fatalf("%s: %d matches, want %d", where, len(gs.Matches), len(ws.matches))
			}
			for k, wm := range ws.matches {
				gm := gs.Matches[k]
				if gm.A != wm.a || gm.B != wm.b || gm.AWon != wm.aWon || gm.BWon != wm.bWon || gm.Drawn != wm.drawn || gm.Winner != wm.winner {
					t.Fatalf("%s: match %d = %+v, want %+v", where, k, gm, wm)
				}
				if legs := gm.Legs(); !reflect.DeepEqual(legs, wm.legs) {
					t.Fatalf("%s: legs of %s-%s\n got %+v\nwant %+v", where, wm.a, wm.b, legs, wm.legs)
				}
				if gs.Match(wm.b, wm.a) != gm {
					t.Fatalf("%s: Match(%s, %s) does not find the match", where, wm.b, wm.a)
				}
			}
			if len(gs.Tables) != len(ws.tables) {
				t.Fatalf("%s: %d tables, want %d", where, len(gs.Tables), len(ws.tables))
			}
			for k, wt := range ws.tables {
				gt := gs.Tables[k]
				if gt.ID != wt.id || len(gt.Rows) != len(wt.rows) {
					t.Fatalf("%s: table %s with %d rows, want %s with %d", where, gt.ID, len(gt.Rows), wt.id, len(wt.rows))
				}
				for r, wr := range wt.rows {
					gr := gt.Rows[r]
					exact := wt.exact[wr.Model]
					for q, pair := range [][2]float64{{gr.Rating, wr.Rating}, {gr.RatingLow, wr.RatingLow}, {gr.RatingHigh, wr.RatingHigh}} {
						if pair[0] != pair[1] && !nearBoundary(exact[q]) {
							t.Errorf("%s %s %s: rating field %d = %v, want %v (exact %v)", where, wt.id, wr.Model, q, pair[0], pair[1], exact[q])
						}
					}
					gr.Rating, gr.RatingLow, gr.RatingHigh = wr.Rating, wr.RatingLow, wr.RatingHigh
					gr.Club, gr.Movement = "", nil
					if gr != wr {
						t.Fatalf("%s %s: row %d\n got %+v\nwant %+v", where, wt.id, r, gr, wr)
					}
				}
			}
		}
	}
}

// refNewton returns the negated Hessian and the gradient of the log-likelihood of
// wins and games (virtual games included) at log-strengths theta.
func refNewton(theta, wins []float64, games [][]float64) ([][]float64, []float64) {
	n := len(theta)
	g := make([]float64, n)
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
	}
	for i := range n {
		p := math.Exp(theta[i])
		g[i] = wins[i] - 2*p/(1+p)
		a[i][i] += 2 * p / ((1 + p) * (1 + p))
		for j := range n {
			if j == i || games[i][j] == 0 {
				continue
			}
			s := 1 / (1 + math.Exp(theta[j]-theta[i]))
			g[i] -= games[i][j] * s
			a[i][i] += games[i][j] * s * (1 - s)
			a[i][j] -= games[i][j] * s * (1 - s)
		}
	}
	return a, g
}

// refSolve solves a·x = b by Gaussian elimination with partial pivoting.
func refSolve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}

// refOneStep is the one-step bootstrap of a resample: from the point estimate
// point of the games wins1/games1, one Newton step on the resample's
// log-likelihood (wins, games) with the point estimate's Hessian. It returns the
// ratings.
func refOneStep(point, wins1 []float64, games1 [][]float64, wins []float64, games [][]float64) []float64 {
	a, _ := refNewton(point, wins1, games1)
	_, g := refNewton(point, wins, games)
	step := refSolve(a, g)
	theta := make([]float64, len(point))
	for i := range theta {
		theta[i] = point[i] + step[i]
	}
	return refRatings(theta)
}
