package standings

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/ai-league/ai-league/internal/league"
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
func Compute(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules Rules, asOf string) *Season {
	if rules.MinShared <= 0 {
		rules.MinShared = defaultMinShared
	}
	modelByID := make(map[string]*league.Model, len(models))
	for i := range models {
		modelByID[models[i].ID] = &models[i]
	}
	benchByID := make(map[string]*league.Benchmark, len(benchmarks))
	for i := range benchmarks {
		benchByID[benchmarks[i].ID] = &benchmarks[i]
	}

	known := make([]league.Result, 0, len(results))
	for _, r := range results {
		if modelByID[r.Model] != nil && benchByID[r.Benchmark] != nil {
			known = append(known, r)
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
	season := &Season{AsOf: asOf, Warnings: sameDayWarnings(known, asOf)}

	c := &computation{rules: rules, models: modelByID, benchmarks: benchByID}
	for _, date := range snapshotDates(known, asOf) {
		season.Snapshots = append(season.Snapshots, c.snapshot(date, inForce(known, date)))
	}
	c.rate(season.Snapshots)
	season.Changes = changes(season.Snapshots)
	return season
}

// computation holds what every snapshot of one Compute call shares.
type computation struct {
	rules      Rules
	models     map[string]*league.Model
	benchmarks map[string]*league.Benchmark
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

// inForce returns the results that count at the end of date: for each model and
// benchmark the latest dated one, and on the same date the later one in (File,
// Index) order. results must be in (File, Index) order. The answer is sorted by model
// then benchmark.
func inForce(results []league.Result, date string) []league.Result {
	best := make(map[resultKey]int)
	for i, r := range results {
		if !counts(r, date) {
			continue
		}
		k := resultKey{r.Model, r.Benchmark}
		if j, ok := best[k]; !ok || results[j].Date <= r.Date {
			best[k] = i
		}
	}
	out := make([]league.Result, 0, len(best))
	for _, i := range best {
		out = append(out, results[i])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Model != out[j].Model {
			return out[i].Model < out[j].Model
		}
		return out[i].Benchmark < out[j].Benchmark
	})
	return out
}

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

// snapshot computes the matches and tables of one day from the results in force,
// without ratings and movements (see rate and changes).
func (c *computation) snapshot(date string, results []league.Result) *Snapshot {
	sn := &Snapshot{Date: date, Results: results}
	sn.Matches = matches(results, c.benchmarks, c.rules.MinShared)

	var members []string // models with a result, sorted
	for _, r := range results {
		if len(members) == 0 || members[len(members)-1] != r.Model {
			members = append(members, r.Model)
		}
	}
	sn.Tables = append(sn.Tables, c.table(Overall, "Overall", members, sn))
	for _, d := range c.rules.Divisions {
		var in []string
		for _, id := range members {
			if DivisionOf(c.rules.Divisions, c.models[id].ParamsB) == d.ID {
				in = append(in, id)
			}
		}
		sn.Tables = append(sn.Tables, c.table(d.ID, d.Name, in, sn))
	}
	return sn
}

// rate fills in the ratings of every table of every snapshot. Each table is fitted on
// its own, with its own seeded random source, so running them in parallel gives the
// same numbers as running them one after another.
func (c *computation) rate(snapshots []*Snapshot) {
	type job struct {
		sn *Snapshot
		t  *Table
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rateTable(j.t, j.sn)
			}
		}()
	}
	for _, sn := range snapshots {
		for _, t := range sn.Tables {
			jobs <- job{sn, t}
		}
	}
	close(jobs)
	wg.Wait()
}
