package standings

import (
	"reflect"
	"slices"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/workers"
)

// Memo keeps the last season it computed, so that computing the same league again
// after an edit of its results computes only the snapshots from the first day the
// edit can show on, as the preview server does after every save of a results file.
//
// A result counts only from its first day (its date, or the day its pulled version
// came into force), so the snapshots dated before the earliest first day of every
// result added, removed or changed are those of the last season, unchanged; they
// are taken as they are, with their standings changes, and the engine goes on from
// the last of them with the same state a whole computation has there (the results
// in force, the matches, and each table's last point estimate, from which the next
// fit starts). The season is then the one Compute gives, to the bit.
//
// A Memo is not safe for concurrent use.
type Memo struct {
	last *memoRun
	kept int // snapshots the last Compute took from the season before
}

// memoRun is one computed season and what it takes to go on from any of its
// snapshots.
type memoRun struct {
	models     []league.Model
	benchmarks []league.Benchmark
	rules      Rules
	asOf       string // as asked for: "" for the latest day
	plan       *plan
	season     *Season
	theta      []map[string][]float64 // the engine's theta after each snapshot was rated
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{} }

// Compute is the package's Compute, taking from the last season this memo computed
// every snapshot that the change of results since cannot have changed. The slices
// given are kept until the next call and must not be changed.
func (m *Memo) Compute(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string) *Season {
	return m.computeWith(models, benchmarks, results, rules, asOf, workers.Limit())
}

// Kept returns how many snapshots the last Compute took from the season before.
func (m *Memo) Kept() int { return m.kept }

// computeWith is Compute with at most limit goroutines fitting ratings.
func (m *Memo) computeWith(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string, limit int) *Season {
	e := newEngine(models, benchmarks, rules, max(1, limit))
	p := e.plan(results, asOf)
	run := &memoRun{models: models, benchmarks: benchmarks, rules: rules, asOf: asOf, plan: p}
	e.rated = func(*Snapshot) { run.theta = append(run.theta, cloneTheta(e.theta)) }

	kept := 0
	if last := m.last; last != nil && last.asOf == asOf && reflect.DeepEqual(last.rules, rules) &&
		reflect.DeepEqual(last.models, models) && reflect.DeepEqual(last.benchmarks, benchmarks) {
		kept = keepable(last.plan, p)
	}
	season := &Season{AsOf: p.asOf, Warnings: sameDayWarnings(p.known, p.asOf)}
	if kept > 0 {
		last := m.last
		prev := last.season.Snapshots[kept-1]
		run.theta = append(run.theta, last.theta[:kept]...)
		season.Snapshots = append(season.Snapshots, last.season.Snapshots[:kept]...)
		for _, c := range last.season.Changes {
			if c.Date <= prev.Date {
				season.Changes = append(season.Changes, c)
			}
		}
		if kept < len(p.dates) {
			e.restore(prev, last.theta[kept-1])
			fresh := e.run(p, kept)
			season.Snapshots = append(season.Snapshots, fresh...)
			season.Changes = append(season.Changes, changesAfter(prev, fresh)...)
		}
	} else {
		season.Snapshots = e.run(p, 0)
		season.Changes = changes(season.Snapshots)
	}
	run.season = season
	m.last, m.kept = run, kept
	return season
}

// keepable returns how many of the first snapshots of plan a are those of plan b:
// the dates they share, in order, before the first day any result of one that is
// not in the other counts (a result that never counts changes nothing).
func keepable(a, b *plan) int {
	type key struct {
		file  string
		index int
	}
	before := make(map[key]league.Result, len(a.known))
	for _, r := range a.known {
		before[key{r.File, r.Index}] = r
	}
	// edge is the first day on which a result added, removed or changed counts.
	edge, found := "", false
	changed := func(r league.Result) {
		if first, ok := firstDay(r); ok && (!found || first < edge) {
			edge, found = first, true
		}
	}
	for _, r := range b.known {
		k := key{r.File, r.Index}
		old, ok := before[k]
		if !ok || old != r {
			changed(r)
			if ok {
				changed(old)
			}
		}
		delete(before, k)
	}
	for _, r := range before {
		changed(r)
	}
	n := 0
	for n < len(a.dates) && n < len(b.dates) && a.dates[n] == b.dates[n] && (!found || a.dates[n] < edge) {
		n++
	}
	return n
}

// restore puts the engine in the state in which a whole computation leaves it once
// it has rated snapshot sn: sn's results in force, its matches, and theta, the
// tables' last point estimates then.
func (e *engine) restore(sn *Snapshot, theta map[string][]float64) {
	for _, r := range sn.Results {
		e.apply(e.modelIndex[r.Model], e.benchIndex[r.Benchmark], r)
	}
	// As snapshot does: each model's results in benchmark order (sn.Results are).
	for _, r := range sn.Results {
		m := e.modelIndex[r.Model]
		e.own[m] = append(e.own[m], r)
	}
	n := len(e.models)
	for _, mt := range sn.Matches {
		i, j := e.modelIndex[mt.A], e.modelIndex[mt.B]
		e.play(i, j) // sets the pair's bit sets
		e.match[pairIndex(i, j, n)] = mt
	}
	clear(e.dirty)
	e.theta = cloneTheta(theta)
}

// cloneTheta copies the engine's theta, which later snapshots change.
func cloneTheta(theta map[string][]float64) map[string][]float64 {
	c := make(map[string][]float64, len(theta))
	for id, t := range theta {
		c[id] = slices.Clone(t)
	}
	return c
}
