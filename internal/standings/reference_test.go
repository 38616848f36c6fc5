package standings_test

// A second, independent implementation of SPEC section 5, written the slow and
// obvious way (plain MM without acceleration or rescaling, maps instead of merges,
// a sort where the package keeps a running best), used as the expectation of the
// tests in this file. It uses only the package's public types as containers.

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// refRow is a row as the reference computes it; ratings unrounded.
type refRow struct {
	Model                               string
	Rank                                int
	Shared                              bool
	P, W, D, L, For, Against, Diff, Pts int
	Rating, Low, High                   float64
	Movement                            *int
}

type refTable struct {
	ID, Name string
	Rows     []refRow
}

type refLeg struct {
	Bench  string
	Winner string
}

type refMatch struct {
	A, B              string
	AWon, BWon, Drawn int
	Winner            string
	Legs              []refLeg
}

type refSnapshot struct {
	Date    string
	Results []league.Result // in force, by model then benchmark
	Matches []refMatch
	Tables  []refTable
}

type refSeason struct {
	AsOf      string
	Snapshots []refSnapshot
	Changes   []standings.Change
	Warnings  []string
}

// refCompute is the reference for standings.Compute.
func refCompute(models []league.Model, benchmarks []league.Benchmark, results []league.Result, rules standings.Rules, asOf string) refSeason {
	minShared := rules.MinShared
	if minShared <= 0 {
		minShared = 3
	}
	params := map[string]float64{}
	for _, m := range models {
		params[m.ID] = m.ParamsB
	}
	bench := map[string]league.Benchmark{}
	for _, b := range benchmarks {
		bench[b.ID] = b
	}
	var known []league.Result
	for _, r := range results {
		_, okM := params[r.Model]
		_, okB := bench[r.Benchmark]
		if okM && okB {
			known = append(known, r)
		}
	}
	// "Later" means later in (date, file, index).
	later := func(a, b league.Result) bool {
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		if a.File != b.File {
			return a.File > b.File
		}
		return a.Index > b.Index
	}
	if asOf == "" {
		for _, r := range known {
			if r.Date > asOf {
				asOf = r.Date
			}
		}
	}
	season := refSeason{AsOf: asOf}

	// Warnings: group the results of one model, benchmark and day; in (file, index)
	// order every one after the first replaces the one before it.
	byFileOrder := append([]league.Result(nil), known...)
	sort.Slice(byFileOrder, func(i, j int) bool {
		if byFileOrder[i].File != byFileOrder[j].File {
			return byFileOrder[i].File < byFileOrder[j].File
		}
		return byFileOrder[i].Index < byFileOrder[j].Index
	})
	prevSameDay := map[string]league.Result{}
	for _, r := range byFileOrder {
		if r.Date > asOf {
			continue
		}
		k := r.Model + "\x00" + r.Benchmark + "\x00" + r.Date
		if p, ok := prevSameDay[k]; ok {
			season.Warnings = append(season.Warnings, fmt.Sprintf("%s result %d replaces %s result %d for %s on %s, both dated %s",
				r.File, r.Index, p.File, p.Index, r.Model, r.Benchmark, r.Date))
		}
		prevSameDay[k] = r
	}

	dates := map[string]bool{asOf: true}
	for _, r := range known {
		if r.Date != "" && r.Date <= asOf {
			dates[r.Date] = true
		}
	}
	var days []string
	for d := range dates {
		days = append(days, d)
	}
	sort.Strings(days)

	for _, day := range days {
		sn := refSnapshot{Date: day}
		inForce := map[[2]string]league.Result{}
		for _, r := range known {
			if r.Date > day {
				continue
			}
			k := [2]string{r.Model, r.Benchmark}
			if cur, ok := inForce[k]; !ok || later(r, cur) {
				inForce[k] = r
			}
		}
		scores := map[string]map[string]league.Result{} // model -> benchmark -> result
		for k, r := range inForce {
			if scores[k[0]] == nil {
				scores[k[0]] = map[string]league.Result{}
			}
			scores[k[0]][k[1]] = r
			sn.Results = append(sn.Results, r)
		}
		sort.Slice(sn.Results, func(i, j int) bool {
			a, b := sn.Results[i], sn.Results[j]
			if a.Model != b.Model {
				return a.Model < b.Model
			}
			return a.Benchmark < b.Benchmark
		})
		var members []string
		for m := range scores {
			members = append(members, m)
		}
		sort.Strings(members)

		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				a, b := members[x], members[y]
				var shared []string
				for id := range scores[a] {
					if _, ok := scores[b][id]; ok {
						shared = append(shared, id)
					}
				}
				if len(shared) < minShared {
					continue
				}
				sort.Strings(shared)
				m := refMatch{A: a, B: b}
				for _, id := range shared {
					ra, rb := scores[a][id], scores[b][id]
					gap := math.Abs(ra.Score - rb.Score)
					limit := math.Max(bench[id].DrawMargin, 1.96*math.Sqrt(ra.Stderr*ra.Stderr+rb.Stderr*rb.Stderr))
					slack := 1e-9 * math.Max(1, math.Max(math.Abs(ra.Score), math.Abs(rb.Score)))
					leg := refLeg{Bench: id}
					switch {
					case gap <= limit+slack:
						m.Drawn++
					case (ra.Score > rb.Score) == bench[id].HigherIsBetter:
						leg.Winner = a
						m.AWon++
					default:
						leg.Winner = b
						m.BWon++
					}
					m.Legs = append(m.Legs, leg)
				}
				if m.AWon > m.BWon {
					m.Winner = a
				} else if m.BWon > m.AWon {
					m.Winner = b
				}
				sn.Matches = append(sn.Matches, m)
			}
		}

		sn.Tables = append(sn.Tables, refTableOf(standings.Overall, "Overall", members, sn.Matches, day))
		for _, d := range rules.Divisions {
			var in []string
			for _, m := range members {
				if refDivision(rules.Divisions, params[m]) == d.ID {
					in = append(in, m)
				}
			}
			sn.Tables = append(sn.Tables, refTableOf(d.ID, d.Name, in, sn.Matches, day))
		}
		season.Snapshots = append(season.Snapshots, sn)
	}

	// Movements and changes.
	for s := range season.Snapshots {
		sn := &season.Snapshots[s]
		for t := range sn.Tables {
			tb := &sn.Tables[t]
			prevRank := map[string]int{}
			prevLeader := ""
			if s > 0 {
				prev := season.Snapshots[s-1].Tables[t]
				for _, r := range prev.Rows {
					prevRank[r.Model] = r.Rank
				}
				if len(prev.Rows) > 0 {
					prevLeader = prev.Rows[0].Model
				}
			}
			change := func(kind, model string, from, to int) standings.Change {
				return standings.Change{ID: sn.Date + "/" + tb.ID + "/" + kind + "/" + model, Date: sn.Date, Table: tb.ID, Kind: kind, Model: model, From: from, To: to}
			}
			if prevLeader != "" && len(tb.Rows) > 0 && tb.Rows[0].Model != prevLeader {
				season.Changes = append(season.Changes, change(standings.NewLeader, tb.Rows[0].Model, prevRank[tb.Rows[0].Model], 1))
			}
			var entered, moved []standings.Change
			for i := range tb.Rows {
				r := &tb.Rows[i]
				from, ok := prevRank[r.Model]
				if !ok {
					entered = append(entered, change(standings.Entered, r.Model, 0, r.Rank))
					continue
				}
				mv := from - r.Rank
				r.Movement = &mv
				if mv >= 3 || mv <= -3 {
					moved = append(moved, change(standings.Moved, r.Model, from, r.Rank))
				}
			}
			for _, cs := range [][]standings.Change{entered, moved} {
				sort.Slice(cs, func(i, j int) bool { return cs[i].Model < cs[j].Model })
				season.Changes = append(season.Changes, cs...)
			}
		}
	}
	return season
}

// refDivision is the first band that holds paramsB; unknown sizes are in none.
func refDivision(divs []standings.Division, paramsB float64) string {
	if paramsB <= 0 {
		return ""
	}
	for _, d := range divs {
		if d.MaxParamsB <= 0 || paramsB <= d.MaxParamsB {
			return d.ID
		}
	}
	return ""
}

// refTableOf builds a table from the matches between its members, with ratings.
func refTableOf(id, name string, members []string, matches []refMatch, date string) refTable {
	tb := refTable{ID: id, Name: name}
	row := map[string]*refRow{}
	for _, m := range members {
		row[m] = &refRow{Model: m}
	}
	var legs []refComparison
	for _, m := range matches {
		a, b := row[m.A], row[m.B]
		if a == nil || b == nil {
			continue
		}
		for _, side := range []struct {
			r           *refRow
			taken, lost int
		}{{a, m.AWon, m.BWon}, {b, m.BWon, m.AWon}} {
			side.r.P++
			side.r.For += side.taken
			side.r.Against += side.lost
			switch {
			case side.taken > side.lost:
				side.r.W++
			case side.taken == side.lost:
				side.r.D++
			default:
				side.r.L++
			}
		}
		for _, l := range m.Legs {
			c := refComparison{bench: l.Bench, a: m.A, b: m.B, aWins: 0.5}
			if l.Winner == m.A {
				c.aWins = 1
			} else if l.Winner == m.B {
				c.aWins = 0
			}
			legs = append(legs, c)
		}
	}
	for _, m := range members {
		r := row[m]
		r.Diff = r.For - r.Against
		r.Pts = 3*r.W + r.D
		tb.Rows = append(tb.Rows, *r)
	}
	key := func(r refRow) [4]int { return [4]int{r.Pts, r.Diff, r.For, r.W} }
	sort.Slice(tb.Rows, func(i, j int) bool {
		ki, kj := key(tb.Rows[i]), key(tb.Rows[j])
		for k := range ki {
			if ki[k] != kj[k] {
				return ki[k] > kj[k]
			}
		}
		return tb.Rows[i].Model < tb.Rows[j].Model
	})
	for i := range tb.Rows {
		tb.Rows[i].Rank = i + 1
		for j := 0; j < i; j++ {
			if key(tb.Rows[j]) == key(tb.Rows[i]) {
				tb.Rows[i].Rank = j + 1
				tb.Rows[i].Shared, tb.Rows[j].Shared = true, true
				break
			}
		}
	}
	refRate(&tb, legs, date)
	return tb
}

// refComparison is one leg: a's share of the win is aWins (1, ½ or 0).
type refComparison struct {
	bench, a, b string
	aWins       float64
}

// refRate fits the table's ratings and their bootstrap intervals: 200 resamples of
// the distinct benchmarks of the legs (sorted by id), drawn from a PCG generator
// seeded with the table id and the date, the 2.5th and 97.5th percentiles
// interpolated linearly.
func refRate(tb *refTable, legs []refComparison, date string) {
	players := make([]string, len(tb.Rows))
	for i, r := range tb.Rows {
		players[i] = r.Model
	}
	if len(players) == 0 {
		return
	}
	benchSet := map[string]bool{}
	for _, l := range legs {
		benchSet[l.bench] = true
	}
	var benches []string
	for b := range benchSet {
		benches = append(benches, b)
	}
	sort.Strings(benches)
	ones := map[string]float64{}
	for _, b := range benches {
		ones[b] = 1
	}
	rating := refFit(players, legs, ones)
	low, high := rating, rating
	if len(benches) > 0 {
		h := fnv.New64a()
		h.Write([]byte(tb.ID + "\x00" + date))
		rng := rand.New(rand.NewPCG(0x41492d4c65616775^h.Sum64(), 0x652d726174696e67))
		samples := map[string][]float64{}
		for s := 0; s < refSamples; s++ {
			w := map[string]float64{}
			for range benches {
				w[benches[rng.IntN(len(benches))]]++
			}
			for p, r := range refFit(players, legs, w) {
				samples[p] = append(samples[p], r)
			}
		}
		low, high = map[string]float64{}, map[string]float64{}
		for p, s := range samples {
			sort.Float64s(s)
			low[p], high[p] = refPercentile(s, 0.025), refPercentile(s, 0.975)
		}
	}
	for i := range tb.Rows {
		m := tb.Rows[i].Model
		tb.Rows[i].Rating, tb.Rows[i].Low, tb.Rows[i].High = rating[m], low[m], high[m]
	}
}

// refPercentile interpolates between the order statistics around p·(n−1).
func refPercentile(s []float64, p float64) float64 {
	pos := p * float64(len(s)-1)
	i := int(pos)
	if i == len(s)-1 {
		return s[i]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

// refFit is plain Bradley–Terry MM (Hunter 2004) with one virtual win and one
// virtual loss of each player against a virtual player of strength 1, each leg of
// benchmark b counted weight[b] times, run until no strength moves by more than
// 1e-11 relatively; ratings 1500 + 400·log10(p / geometric mean).
func refFit(players []string, legs []refComparison, weight map[string]float64) map[string]float64 {
	n := len(players)
	at := map[string]int{}
	for i, p := range players {
		at[p] = i
	}
	wins := make([]float64, n)
	games := make([][]float64, n)
	for i := range players {
		wins[i] = 1
		games[i] = make([]float64, n)
	}
	for _, l := range legs {
		w := weight[l.bench]
		a, b := at[l.a], at[l.b]
		wins[a] += w * l.aWins
		wins[b] += w * (1 - l.aWins)
		games[a][b] += w
		games[b][a] += w
	}
	p := make([]float64, n)
	for i := range p {
		p[i] = 1
	}
	next := make([]float64, n)
	for it := 0; it < 1_000_000; it++ {
		moved := 0.0
		for i := range p {
			denom := 2 / (p[i] + 1)
			for j := range p {
				if games[i][j] > 0 {
					denom += games[i][j] / (p[i] + p[j])
				}
			}
			next[i] = wins[i] / denom
			moved = math.Max(moved, math.Abs(next[i]-p[i])/p[i])
		}
		p, next = next, p
		if moved <= 1e-11 {
			break
		}
	}
	logMean := 0.0
	for _, v := range p {
		logMean += math.Log10(v)
	}
	logMean /= float64(n)
	out := map[string]float64{}
	for i, x := range players {
		out[x] = 1500 + 400*(math.Log10(p[i])-logMean)
	}
	return out
}

// refSamples is the number of bootstrap resamples (SPEC 5: 200).
var refSamples = 200
