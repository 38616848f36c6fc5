package standings

import (
	"fmt"
	"math/bits"
	"sort"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/workers"
)

// defaultMinShared is the number of shared benchmarks a pair needs to meet when
// Rules.MinShared is not set.
const defaultMinShared = 3

// Compute computes the season as it stood at the end of asOf (YYYY-MM-DD; "" means
// the latest result date): one snapshot per distinct result date up to asOf, plus
// asOf itself, with the standings changes between them.
//
// Results are expected in (File, Index) order, as league.Data holds them; that order
// breaks ties between two results of one model on one benchmark dated the same day.
// Results of models or benchmarks that are not given are ignored.
//
// The snapshots are computed one after another, each from the previous one: only
// the pairs of models whose results changed are played again, and each rating fit
// starts from the previous snapshot's. The bootstrap resamples of every table run
// on all cores, and the next snapshot is played while one is rated.
func Compute(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string) *Season {
	return computeWith(models, benchmarks, results, rules, asOf, workers.Limit())
}

// computeWith is Compute with at most limit goroutines fitting ratings.
func computeWith(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string, limit int) *Season {
	e := newEngine(models, benchmarks, rules, max(1, limit))
	p := e.plan(results, asOf)
	season := &Season{AsOf: p.asOf, Warnings: sameDayWarnings(p.known, p.asOf)}
	season.Snapshots = e.run(p, 0)
	season.Changes = changes(season.Snapshots)
	return season
}

// plan is what a computation goes through: the results that count, the as-of day,
// the snapshot dates, and the days a model's result on a benchmark may change.
type plan struct {
	known  []league.Result // the results of the given models and benchmarks, in (File, Index) order
	asOf   string
	dates  []string // the snapshots', oldest first
	events []event  // by day
	// candidates holds, for a (model, benchmark), the numbers of its results in
	// known, in (File, Index) order.
	candidates map[[2]int][]int
}

// event is a day on which a model's result on a benchmark may change: one of its
// results starts or stops counting.
type event struct {
	day          string
	model, bench int
}

// plan lays out the computation of the results as of asOf ("": the latest day a
// result starts or stops counting).
func (e *engine) plan(results []league.Result, asOf string) *plan {
	known := make([]league.Result, 0, len(results))
	for _, r := range results {
		if _, ok := e.modelIndex[r.Model]; ok {
			if _, ok := e.benchIndex[r.Benchmark]; ok {
				known = append(known, r)
			}
		}
	}
	// The input is documented as sorted; sorting again (stably) makes the
	// same-day tie-break independent of the caller.
	sort.SliceStable(known, func(i, j int) bool {
		if known[i].File != known[j].File {
			return known[i].File < known[j].File
		}
		return known[i].Index < known[j].Index
	})

	if asOf == "" {
		for _, r := range known {
			if first, ok := firstDay(r); ok {
				asOf = max(asOf, first, r.Until)
			}
		}
	}
	p := &plan{known: known, asOf: asOf, dates: snapshotDates(known, asOf), candidates: map[[2]int][]int{}}
	for i, r := range known {
		k := [2]int{e.modelIndex[r.Model], e.benchIndex[r.Benchmark]}
		p.candidates[k] = append(p.candidates[k], i)
		first, ok := firstDay(r)
		if !ok || first > asOf {
			continue
		}
		p.events = append(p.events, event{first, k[0], k[1]})
		if r.Until != "" && r.Until <= asOf {
			p.events = append(p.events, event{r.Until, k[0], k[1]})
		}
	}
	sort.SliceStable(p.events, func(i, j int) bool { return p.events[i].day < p.events[j].day })
	return p
}

// oneAfterAnother turns off the overlaps of run: each snapshot is played only once
// the one before is rated. Tests compare the two ways.
var oneAfterAnother = false

// run computes the snapshots of p from its date number from on, the engine holding
// the league as it stood at the end of the date before (none when from is 0).
//
// Three things overlap. While a snapshot's points are fitted (ratePoints), the next
// one's results, matches and tables are worked out on a goroutine of their own:
// they read the models and write the engine's state of play, which rating reads
// not, and rating writes theta and the rated snapshot's rows, which the next
// snapshot reads not. And the rest of a snapshot's rating (rateSamples: its bases,
// resamples and intervals) runs on a goroutine of its own while the next snapshot's
// points are fitted, which need only the points before them (theta). One snapshot's
// rest waits for the one before, so that no more than two snapshots are rated at
// once. Every fit and sample is the same computation either way.
func (e *engine) run(p *plan, from int) []*Snapshot {
	next := 0
	if from > 0 {
		for next < len(p.events) && p.events[next].day <= p.dates[from-1] {
			next++
		}
	}
	// advance puts in force the results of the end of date and plays its snapshot.
	advance := func(date string) *Snapshot {
		touched := map[[2]int]bool{}
		for ; next < len(p.events) && p.events[next].day <= date; next++ {
			touched[[2]int{p.events[next].model, p.events[next].bench}] = true
		}
		for k := range touched {
			// As SPEC 5: of the results counting at the end of date, the latest
			// dated, and on one date the later in (File, Index) order.
			best := -1
			for _, i := range p.candidates[k] {
				if counts(p.known[i], date) && (best < 0 || p.known[best].Date <= p.known[i].Date) {
					best = i
				}
			}
			if best < 0 {
				e.drop(k[0], k[1])
			} else {
				e.apply(k[0], k[1], p.known[best])
			}
		}
		return e.snapshot(date)
	}
	dates := p.dates[from:]
	if len(dates) == 0 {
		return nil
	}
	snapshots := make([]*Snapshot, 0, len(dates))
	type rest struct {
		date string
		work []*rating
	}
	var (
		rests     chan rest
		restsDone chan struct{}
	)
	if !oneAfterAnother {
		rests, restsDone = make(chan rest), make(chan struct{})
		go func() {
			defer close(restsDone)
			for r := range rests {
				e.rateSamples(r.date, r.work)
			}
		}()
	}
	sn := advance(dates[0])
	for x := range dates {
		var following *Snapshot
		played := make(chan struct{})
		if x+1 < len(dates) && !oneAfterAnother {
			go func() {
				defer close(played)
				following = advance(dates[x+1])
			}()
		} else {
			close(played)
		}
		work := e.ratePoints(sn)
		if e.rated != nil {
			e.rated(sn)
		}
		if oneAfterAnother {
			e.rateSamples(sn.Date, work)
			if x+1 < len(dates) {
				following = advance(dates[x+1])
			}
		} else {
			rests <- rest{sn.Date, work}
		}
		snapshots = append(snapshots, sn)
		<-played
		sn = following
	}
	if rests != nil {
		close(rests)
		<-restsDone
	}
	return snapshots
}

// snapshotDates returns the days up to asOf on which a result starts or stops
// counting, plus asOf, oldest first: for most results, their date. A result without a
// date counts in every snapshot but makes none of its own.
func snapshotDates(results []league.Result, asOf string) []string {
	seen := map[string]bool{asOf: true}
	dates := []string{asOf}
	add := func(d string) {
		if d != "" && d <= asOf && !seen[d] {
			seen[d] = true
			dates = append(dates, d)
		}
	}
	for _, r := range results {
		if first, ok := firstDay(r); ok {
			add(first)
			add(r.Until)
		}
	}
	sort.Strings(dates)
	return dates
}

// firstDay is the first day a result counts: its date, or the day its pulled
// version came into force if that is later. ok is false for a result that never
// counts (a pulled version replaced before the result's date).
func firstDay(r league.Result) (day string, ok bool) {
	day = max(r.Date, r.From)
	return day, r.Until == "" || day < r.Until
}

// counts reports whether r is in force at the end of day.
func counts(r league.Result, day string) bool {
	return r.Date <= day && r.From <= day && (r.Until == "" || day < r.Until)
}

// overlap reports whether two results are ever in force on the same day.
func overlap(a, b league.Result) bool {
	fa, oka := firstDay(a)
	fb, okb := firstDay(b)
	return oka && okb && (a.Until == "" || fb < a.Until) && (b.Until == "" || fa < b.Until)
}

// resultKey identifies the results that compete to be in force.
type resultKey struct{ model, benchmark string }

// sameDayWarnings names every result, dated up to asOf, that replaces another one of
// the same model and benchmark dated the same day and in force on a same day (two
// versions of one pulled file never are). Each conflict is reported once, whichever
// snapshots it affects, in the order of the results.
func sameDayWarnings(results []league.Result, asOf string) []string {
	type dayKey struct {
		resultKey
		date string
	}
	earlier := make(map[dayKey][]int)
	var warnings []string
	for i, r := range results {
		if first, ok := firstDay(r); !ok || first > asOf {
			continue
		}
		k := dayKey{resultKey{r.Model, r.Benchmark}, r.Date}
		for n := len(earlier[k]) - 1; n >= 0; n-- {
			p := results[earlier[k][n]]
			if overlap(p, r) {
				warnings = append(warnings, fmt.Sprintf(
					"%s result %d replaces %s result %d for %s on %s, both dated %s",
					r.File, r.Index, p.File, p.Index, r.Model, r.Benchmark, r.Date))
				break
			}
		}
		earlier[k] = append(earlier[k], i)
	}
	return warnings
}

// engine carries the league from one snapshot to the next: the results in force,
// and for every pair of models the outcome of each benchmark they share.
//
// Models and benchmarks are numbered in id order; a set of benchmarks is a bit set
// of words uint64s. Pair (i, j), i < j, has the number pairIndex(i, j).
type engine struct {
	rules      Rules
	models     []*league.Model // by id
	modelIndex map[string]int
	benches    []*league.Benchmark // by id
	benchIndex map[string]int
	words      int
	ctx        *matchContext

	inForce []league.Result // inForce[m*K+b]: model m's result on benchmark b
	// The scores and stderrs of inForce, packed for play.
	score, stderr []float64
	has           []uint64 // has[m*words:]: the benchmarks model m has a result on
	scored        []bool   // the model has a result in force
	dirty         []bool   // the model's results changed since the last snapshot
	own           [][]league.Result
	// ownRef[m] points at a copy of own[m]'s slice header, made anew when own[m]
	// changes: each match keeps the results it was played on (see ownOf).
	ownRef []*[]league.Result

	// Per pair: the benchmarks i took and those drawn (words each), and the match,
	// nil when the pair does not meet. A pair is played again only when one of
	// its models changed.
	wonI, draw []uint64
	match      []*Match

	limit int                  // goroutines fitting at once
	theta map[string][]float64 // per table: the last point estimate's log-strengths by model number, NaN if none
	spare chan *fitter         // fitters whose buffers can be reused

	rated func(*Snapshot) // when set, called after each snapshot's points are fitted (Memo keeps theta)
}

func newEngine(models []league.Model, benchmarks []league.Benchmark, rules Rules, limit int) *engine {
	if rules.MinShared <= 0 {
		rules.MinShared = defaultMinShared
	}
	e := &engine{rules: rules, modelIndex: map[string]int{}, benchIndex: map[string]int{},
		limit: limit, theta: map[string][]float64{}, spare: make(chan *fitter, limit+1)}
	for i := range models {
		e.models = append(e.models, &models[i])
	}
	sort.SliceStable(e.models, func(i, j int) bool { return e.models[i].ID < e.models[j].ID })
	for i, m := range e.models {
		e.modelIndex[m.ID] = i
	}
	for i := range benchmarks {
		e.benches = append(e.benches, &benchmarks[i])
	}
	sort.SliceStable(e.benches, func(i, j int) bool { return e.benches[i].ID < e.benches[j].ID })
	e.ctx = &matchContext{benchmarks: map[string]*league.Benchmark{}}
	for i, b := range e.benches {
		e.benchIndex[b.ID] = i
		e.ctx.benchmarks[b.ID] = b
	}
	n, k := len(e.models), len(e.benches)
	e.words = (k + 63) / 64
	e.inForce = make([]league.Result, n*k)
	e.score, e.stderr = make([]float64, n*k), make([]float64, n*k)
	e.has = make([]uint64, n*e.words)
	e.scored = make([]bool, n)
	e.dirty = make([]bool, n)
	e.own = make([][]league.Result, n)
	e.ownRef = make([]*[]league.Result, n)
	pairs := n * (n - 1) / 2
	e.wonI = make([]uint64, pairs*e.words)
	e.draw = make([]uint64, pairs*e.words)
	e.match = make([]*Match, pairs)
	return e
}

// ownOf returns a pointer to model m's results in force, own[m], shared by the
// matches played on them; when own[m] has changed since, a new one.
func (e *engine) ownOf(m int) *[]league.Result {
	own, r := e.own[m], e.ownRef[m]
	if r == nil || len(*r) != len(own) || len(own) > 0 && &(*r)[0] != &own[0] {
		r = new([]league.Result)
		*r = own
		e.ownRef[m] = r
	}
	return r
}

// pairIndex numbers the pair i < j of n models.
func pairIndex(i, j, n int) int { return i*n - i*(i+1)/2 + j - i - 1 }

// apply puts r in force as model m's result on benchmark b.
func (e *engine) apply(m, b int, r league.Result) {
	e.inForce[m*len(e.benches)+b] = r
	e.score[m*len(e.benches)+b], e.stderr[m*len(e.benches)+b] = r.Score, r.Stderr
	e.has[m*e.words+b/64] |= 1 << (b % 64)
	e.scored[m], e.dirty[m] = true, true
}

// drop leaves model m without a result on benchmark b.
func (e *engine) drop(m, b int) {
	e.inForce[m*len(e.benches)+b] = league.Result{}
	e.has[m*e.words+b/64] &^= 1 << (b % 64)
	e.dirty[m] = true
	e.scored[m] = false
	for x := range e.words {
		if e.has[m*e.words+x] != 0 {
			e.scored[m] = true
		}
	}
}

// snapshot computes the matches and tables of the results now in force, without
// ratings and movements.
func (e *engine) snapshot(date string) *Snapshot {
	n, k, w := len(e.models), len(e.benches), e.words
	var members []int // models with a result, in id order
	for m := range n {
		if !e.scored[m] {
			continue
		}
		members = append(members, m)
		if e.dirty[m] {
			own := make([]league.Result, 0, k)
			for b := range k {
				if e.has[m*w+b/64]>>(b%64)&1 == 1 {
					own = append(own, e.inForce[m*k+b])
				}
			}
			e.own[m] = own
		}
	}
	sn := &Snapshot{Date: date}
	size := 0
	for _, m := range members {
		size += len(e.own[m])
	}
	sn.Results = make([]league.Result, 0, size)
	for _, m := range members {
		sn.Results = append(sn.Results, e.own[m]...)
	}

	// Play again the pairs with a changed model. The snapshot keeps the new matches
	// for good: they go into one array of their exact number, counted first (growing
	// it by appending would make several times its size in garbage on a big league).
	fresh := 0
	for x, i := range members {
		for _, j := range members[x+1:] {
			if (e.dirty[i] || e.dirty[j]) && e.meets(i, j) {
				fresh++
			}
		}
	}
	var played []Match
	if fresh > 0 {
		played = make([]Match, 0, fresh)
	}
	for x, i := range members {
		for _, j := range members[x+1:] {
			if e.dirty[i] || e.dirty[j] {
				p := pairIndex(i, j, n)
				e.match[p] = nil
				if m, ok := e.play(i, j); ok {
					played = append(played, m) // within its capacity: never moves
					e.match[p] = &played[len(played)-1]
				}
			}
		}
	}
	meet := 0
	for x, i := range members {
		for _, j := range members[x+1:] {
			if e.match[pairIndex(i, j, n)] != nil {
				meet++
			}
		}
	}
	if meet > 0 {
		sn.Matches = make([]*Match, 0, meet)
	}
	for x, i := range members {
		for _, j := range members[x+1:] {
			if m := e.match[pairIndex(i, j, n)]; m != nil {
				sn.Matches = append(sn.Matches, m)
			}
		}
	}
	for _, m := range members {
		e.dirty[m] = false
	}

	sn.Tables = append(sn.Tables, e.table(Overall, "Overall", members, sn))
	for _, d := range e.rules.Divisions {
		var in []int
		for _, m := range members {
			if DivisionOf(e.rules.Divisions, e.models[m].ParamsB) == d.ID {
				in = append(in, m)
			}
		}
		sn.Tables = append(sn.Tables, e.table(d.ID, d.Name, in, sn))
	}
	return sn
}

// meets reports whether models i and j share at least MinShared benchmarks.
func (e *engine) meets(i, j int) bool {
	w, shared := e.words, 0
	for x := range w {
		shared += bits.OnesCount64(e.has[i*w+x] & e.has[j*w+x])
	}
	return shared >= e.rules.MinShared
}

// play plays models i < j on their shared benchmarks, records the outcome of each
// in wonI and draw, and returns the match; ok is false when they do not meet.
func (e *engine) play(i, j int) (m Match, ok bool) {
	n, k, w := len(e.models), len(e.benches), e.words
	if !e.meets(i, j) {
		return Match{}, false
	}
	p := pairIndex(i, j, n)
	m = Match{A: e.models[i].ID, B: e.models[j].ID, a: e.ownOf(i), b: e.ownOf(j), ctx: e.ctx}
	for x := range w {
		shared := e.has[i*w+x] & e.has[j*w+x]
		var won, drawn uint64
		for s := shared; s != 0; s &= s - 1 {
			b := x*64 + bits.TrailingZeros64(s)
			switch decide(e.score[i*k+b], e.stderr[i*k+b], e.score[j*k+b], e.stderr[j*k+b], e.benches[b]) {
			case 1:
				won |= 1 << (b % 64)
				m.AWon++
			case -1:
				m.BWon++
			default:
				drawn |= 1 << (b % 64)
				m.Drawn++
			}
		}
		e.wonI[p*w+x], e.draw[p*w+x] = won, drawn
	}
	switch {
	case m.AWon > m.BWon:
		m.Winner = m.A
	case m.BWon > m.AWon:
		m.Winner = m.B
	}
	return m, true
}
