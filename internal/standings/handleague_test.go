package standings_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// ratingSlack is how far a rating in a table (rounded to 0.1) may sit from the
// reference's unrounded value: half the rounding step, plus room for the two fits
// stopping at slightly different points near the same fixed point.
const ratingSlack = 0.05 + 0.005

// compareSeason checks every part of a computed season against the reference.
func compareSeason(t *testing.T, got *standings.Season, want refSeason) {
	t.Helper()
	if got.AsOf != want.AsOf {
		t.Errorf("AsOf = %s, want %s", got.AsOf, want.AsOf)
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("warnings:\n got %q\nwant %q", got.Warnings, want.Warnings)
	}
	if !reflect.DeepEqual(got.Changes, want.Changes) {
		t.Errorf("changes:\n got %+v\nwant %+v", got.Changes, want.Changes)
	}
	if len(got.Snapshots) != len(want.Snapshots) {
		t.Fatalf("%d snapshots, want %d", len(got.Snapshots), len(want.Snapshots))
	}
	for s, wsn := range want.Snapshots {
		gsn := got.Snapshots[s]
		if gsn.Date != wsn.Date {
			t.Errorf("snapshot %d dated %s, want %s", s, gsn.Date, wsn.Date)
			continue
		}
		if !reflect.DeepEqual(gsn.Results, wsn.Results) {
			t.Errorf("%s: results in force:\n got %+v\nwant %+v", wsn.Date, gsn.Results, wsn.Results)
		}
		var gm []refMatch
		for _, m := range gsn.Matches {
			rm := refMatch{A: m.A, B: m.B, AWon: m.AWon, BWon: m.BWon, Drawn: m.Drawn, Winner: m.Winner}
			for _, l := range m.Legs() {
				rm.Legs = append(rm.Legs, refLeg{l.Benchmark, l.Winner})
			}
			gm = append(gm, rm)
		}
		if !reflect.DeepEqual(gm, wsn.Matches) {
			t.Errorf("%s: matches:\n got %+v\nwant %+v", wsn.Date, gm, wsn.Matches)
		}
		for _, wm := range wsn.Matches {
			if m := gsn.Match(wm.B, wm.A); m == nil || m.A != wm.A || m.B != wm.B {
				t.Errorf("%s: Match(%s, %s) = %+v", wsn.Date, wm.B, wm.A, m)
			}
		}
		if len(gsn.Tables) != len(wsn.Tables) {
			t.Errorf("%s: %d tables, want %d", wsn.Date, len(gsn.Tables), len(wsn.Tables))
			continue
		}
		for i, wt := range wsn.Tables {
			gt := gsn.Tables[i]
			if gt.ID != wt.ID || gt.Name != wt.Name || gsn.Table(wt.ID) != gt {
				t.Errorf("%s: table %d is %s %q, want %s %q", wsn.Date, i, gt.ID, gt.Name, wt.ID, wt.Name)
				continue
			}
			if len(gt.Rows) != len(wt.Rows) {
				t.Errorf("%s %s: %d rows, want %d", wsn.Date, wt.ID, len(gt.Rows), len(wt.Rows))
				continue
			}
			for j, w := range wt.Rows {
				g := gt.Rows[j]
				gr := refRow{Model: g.Model, Rank: g.Rank, Shared: g.SharedRank, P: g.Played, W: g.Won, D: g.Drawn, L: g.Lost,
					For: g.BenchFor, Against: g.BenchAgainst, Diff: g.BenchDiff, Pts: g.Points, Movement: g.Movement,
					Rating: w.Rating, Low: w.Low, High: w.High}
				if !reflect.DeepEqual(gr, w) {
					t.Errorf("%s %s row %d:\n got %s\nwant %s", wsn.Date, wt.ID, j, rowString(gr), rowString(w))
				}
				for _, v := range []struct {
					name      string
					got, want float64
				}{{"rating", g.Rating, w.Rating}, {"rating_low", g.RatingLow, w.Low}, {"rating_high", g.RatingHigh, w.High}} {
					if math.Abs(v.got-v.want) > ratingSlack || v.got != math.Round(v.got*10)/10 {
						t.Errorf("%s %s %s: %s %v, want %.4f rounded to 0.1", wsn.Date, wt.ID, g.Model, v.name, v.got, v.want)
					}
				}
			}
		}
	}
}

func rowString(r refRow) string {
	mv := "new"
	if r.Movement != nil {
		mv = fmt.Sprint(*r.Movement)
	}
	return fmt.Sprintf("%s rank %d shared %v P%d W%d D%d L%d %d-%d (%+d) %d pts, move %s",
		r.Model, r.Rank, r.Shared, r.P, r.W, r.D, r.L, r.For, r.Against, r.Diff, r.Pts, mv)
}

// handLeague is a small league whose tables were worked out by hand (see
// TestHandLeague). Divisions: small ≤ 10B, mid ≤ 30B (empty until fern enters),
// big. Benchmarks b1–b4 higher is better (b2 with a draw margin of 1), b5 lower is
// better. The results come out of file order on purpose.
func handLeague() ([]league.Model, []league.Benchmark, []league.Result, standings.Rules) {
	models := []league.Model{
		{ID: "ace", Club: "north", ParamsB: 70},
		{ID: "bolt", Club: "south", ParamsB: 40},
		{ID: "cora", Club: "north", ParamsB: 8},
		{ID: "dune", Club: "east", ParamsB: 5},
		{ID: "echo", Club: "west", ParamsB: 3},
		{ID: "fern", Club: "east", ParamsB: 20},
	}
	benchmarks := []league.Benchmark{
		{ID: "b1", HigherIsBetter: true, Max: 100},
		{ID: "b2", HigherIsBetter: true, Max: 100, DrawMargin: 1},
		{ID: "b3", HigherIsBetter: true, Max: 100},
		{ID: "b4", HigherIsBetter: true, Max: 100},
		{ID: "b5", HigherIsBetter: false, Max: 100},
	}
	rules := standings.Rules{Divisions: []standings.Division{
		{ID: "small", Name: "Small", MaxParamsB: 10},
		{ID: "mid", Name: "Mid", MaxParamsB: 30},
		{ID: "big", Name: "Big"},
	}}
	var results []league.Result
	file := func(name, date string, rs ...[3]any) {
		for i, r := range rs {
			results = append(results, league.Result{Model: r[0].(string), Benchmark: r[1].(string), Score: r[2].(float64),
				Date: date, File: "data/results/" + name, Index: i,
				Source: league.Source{Name: name, URL: "https://example.org/" + name, Kind: league.SelfReported}})
		}
	}
	r := func(m, b string, s float64) [3]any { return [3]any{m, b, s} }
	// Given newest first: Compute must not depend on the order it is handed.
	file("a-late.json", "2026-03-11", r("echo", "b4", 99), r("echo", "b4", 98)) // after the as-of day, first in file order
	file("day3.json", "2026-03-10", r("cora", "b3", 50), r("cora", "b3", 99))   // conflict on the as-of day: 99 wins
	file("day2-b.json", "2026-03-05", r("dune", "b1", 97))                      // beats day2-a.json's 40, same day
	file("day2-a.json", "2026-03-05",
		r("dune", "b1", 40), r("dune", "b2", 97), r("dune", "b3", 97), r("dune", "b4", 97), r("dune", "b5", 4),
		r("bolt", "b1", 95), r("bolt", "b2", 95), r("bolt", "b4", 95),
		r("cora", "b1", 96), r("cora", "b3", 96), r("cora", "b5", 5),
		r("fern", "b1", 89), r("fern", "b2", 91), r("fern", "b3", 91), r("fern", "b4", 89), r("fern", "b5", 9))
	file("day1.json", "2026-03-01",
		r("ace", "b1", 90), r("ace", "b2", 90), r("ace", "b3", 90), r("ace", "b4", 90), r("ace", "b5", 10),
		r("bolt", "b1", 80), r("bolt", "b2", 85), r("bolt", "b4", 70),
		r("cora", "b1", 70), r("cora", "b3", 75), r("cora", "b5", 20),
		r("dune", "b1", 60), r("dune", "b2", 60), r("dune", "b3", 60), r("dune", "b4", 60), r("dune", "b5", 30),
		r("echo", "b1", 50), r("echo", "b2", 59.5), r("echo", "b3", 50))
	// Reverse within the whole slice too, so same-file results are out of order.
	for i, j := 0, len(results)-1; i < j; i, j = i+1, j-1 {
		results[i], results[j] = results[j], results[i]
	}
	return models, benchmarks, results, rules
}

// TestHandLeague checks the hand league against tables worked out by hand, and
// every number (ratings and intervals too) against the reference implementation.
//
// Day 1 (03-01). Pairs that meet (≥ 3 shared benchmarks): ace–bolt, ace–cora,
// ace–dune, ace–echo, bolt–dune, cora–dune, dune–echo; bolt–cora share only b1,
// bolt–echo and cora–echo two, so they do not meet — between pairs that do. ace
// wins all four (3-0, 3-0, 5-0, 3-0); bolt beats dune 3-0; cora beats dune 3-0
// (b5: 20 < 30, lower is better); dune beats echo 2-0 with b2 drawn (60 vs 59.5,
// within the margin of 1). So ace 12 pts; bolt and cora 3 pts, 3-3 each: =2;
// dune 3 pts, 2-11; echo 0.
//
// Day 2 (03-05). bolt, cora and dune re-report (the later date wins; dune's b1 is
// 97 from day2-b.json, which replaces day2-a.json's 40 of the same day) and fern
// enters the empty mid division. ace now loses to bolt, cora, dune (3-0, 3-0, 5-0)
// and draws fern 2-2 (b2 91 vs 90 within the margin); ace and fern end level on
// 4 pts, 5-13, one win: =4. dune wins all five: 15 pts. bolt and cora: 6 pts,
// 6-3: =2. echo loses three: 0. ace falls from 1st to 4th (a drop of 3: moved),
// dune rises from 4th to 1st (moved, new leader).
//
// Day 3 (03-10, the as-of day). cora's b3 is 99 (day3.json result 1 replaces
// result 0, both dated the as-of day); cora takes b3 from dune (dune wins 2-1), so
// cora 6 pts 7-2 is 2nd alone and bolt 3rd. echo's results of 03-11 do not count.
func TestHandLeague(t *testing.T) {
	models, benchmarks, results, rules := handLeague()
	s := standings.Compute(models, benchmarks, results, rules, "2026-03-10")

	type line struct {
		model                   string
		rank                    int
		shared                  bool
		p, w, d, l, bf, ba, pts int
		move                    string
	}
	tables := map[string][]line{
		"2026-03-01/overall": {
			{"ace", 1, false, 4, 4, 0, 0, 14, 0, 12, "new"},
			{"bolt", 2, true, 2, 1, 0, 1, 3, 3, 3, "new"},
			{"cora", 2, true, 2, 1, 0, 1, 3, 3, 3, "new"},
			{"dune", 4, false, 4, 1, 0, 3, 2, 11, 3, "new"},
			{"echo", 5, false, 2, 0, 0, 2, 0, 5, 0, "new"},
		},
		"2026-03-01/small": {
			{"cora", 1, false, 1, 1, 0, 0, 3, 0, 3, "new"},
			{"dune", 2, false, 2, 1, 0, 1, 2, 3, 3, "new"},
			{"echo", 3, false, 1, 0, 0, 1, 0, 2, 0, "new"},
		},
		"2026-03-01/mid": nil,
		"2026-03-01/big": {
			{"ace", 1, false, 1, 1, 0, 0, 3, 0, 3, "new"},
			{"bolt", 2, false, 1, 0, 0, 1, 0, 3, 0, "new"},
		},
		"2026-03-05/overall": {
			{"dune", 1, false, 5, 5, 0, 0, 19, 0, 15, "3"},
			{"bolt", 2, true, 3, 2, 0, 1, 6, 3, 6, "0"},
			{"cora", 2, true, 3, 2, 0, 1, 6, 3, 6, "0"},
			{"ace", 4, true, 5, 1, 1, 3, 5, 13, 4, "-3"},
			{"fern", 4, true, 5, 1, 1, 3, 5, 13, 4, "new"},
			{"echo", 6, false, 3, 0, 0, 3, 0, 9, 0, "-1"},
		},
		"2026-03-05/small": {
			{"dune", 1, false, 2, 2, 0, 0, 6, 0, 6, "1"},
			{"cora", 2, true, 1, 0, 0, 1, 0, 3, 0, "-1"},
			{"echo", 2, true, 1, 0, 0, 1, 0, 3, 0, "1"},
		},
		"2026-03-05/mid": {
			{"fern", 1, false, 0, 0, 0, 0, 0, 0, 0, "new"},
		},
		"2026-03-05/big": {
			{"bolt", 1, false, 1, 1, 0, 0, 3, 0, 3, "1"},
			{"ace", 2, false, 1, 0, 0, 1, 0, 3, 0, "-1"},
		},
		"2026-03-10/overall": {
			{"dune", 1, false, 5, 5, 0, 0, 18, 1, 15, "0"},
			{"cora", 2, false, 3, 2, 0, 1, 7, 2, 6, "0"},
			{"bolt", 3, false, 3, 2, 0, 1, 6, 3, 6, "-1"},
			{"ace", 4, true, 5, 1, 1, 3, 5, 13, 4, "0"},
			{"fern", 4, true, 5, 1, 1, 3, 5, 13, 4, "0"},
			{"echo", 6, false, 3, 0, 0, 3, 0, 9, 0, "0"},
		},
		"2026-03-10/small": {
			{"dune", 1, false, 2, 2, 0, 0, 5, 1, 6, "0"},
			{"cora", 2, false, 1, 0, 0, 1, 1, 2, 0, "0"},
			{"echo", 3, false, 1, 0, 0, 1, 0, 3, 0, "-1"},
		},
	}
	var dates []string
	for _, sn := range s.Snapshots {
		dates = append(dates, sn.Date)
	}
	if want := []string{"2026-03-01", "2026-03-05", "2026-03-10"}; !reflect.DeepEqual(dates, want) {
		t.Fatalf("snapshots %v, want %v", dates, want)
	}
	for key, want := range tables {
		date, id, _ := strings.Cut(key, "/")
		tb := s.At(date).Table(id)
		if tb == nil {
			t.Errorf("%s: no table", key)
			continue
		}
		var got []line
		for _, r := range tb.Rows {
			mv := "new"
			if r.Movement != nil {
				mv = fmt.Sprint(*r.Movement)
			}
			got = append(got, line{r.Model, r.Rank, r.SharedRank, r.Played, r.Won, r.Drawn, r.Lost, r.BenchFor, r.BenchAgainst, r.Points, mv})
			if r.BenchDiff != r.BenchFor-r.BenchAgainst {
				t.Errorf("%s %s: bench_diff %d", key, r.Model, r.BenchDiff)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", key, got, want)
		}
	}

	ch := func(date, table, kind, model string, from, to int) standings.Change {
		return standings.Change{ID: date + "/" + table + "/" + kind + "/" + model, Date: date, Table: table, Kind: kind, Model: model, From: from, To: to}
	}
	const d1, d2 = "2026-03-01", "2026-03-05"
	wantChanges := []standings.Change{
		ch(d1, "overall", "entered", "ace", 0, 1), ch(d1, "overall", "entered", "bolt", 0, 2), ch(d1, "overall", "entered", "cora", 0, 2),
		ch(d1, "overall", "entered", "dune", 0, 4), ch(d1, "overall", "entered", "echo", 0, 5),
		ch(d1, "small", "entered", "cora", 0, 1), ch(d1, "small", "entered", "dune", 0, 2), ch(d1, "small", "entered", "echo", 0, 3),
		ch(d1, "big", "entered", "ace", 0, 1), ch(d1, "big", "entered", "bolt", 0, 2),
		ch(d2, "overall", "leader", "dune", 4, 1), ch(d2, "overall", "entered", "fern", 0, 4),
		ch(d2, "overall", "moved", "ace", 1, 4), ch(d2, "overall", "moved", "dune", 4, 1),
		ch(d2, "small", "leader", "dune", 2, 1),
		ch(d2, "mid", "entered", "fern", 0, 1), // the division started empty: no new leader
		ch(d2, "big", "leader", "bolt", 2, 1),
	}
	if !reflect.DeepEqual(s.Changes, wantChanges) {
		t.Errorf("changes:\n got %+v\nwant %+v", s.Changes, wantChanges)
	}
	wantWarnings := []string{
		"data/results/day2-b.json result 0 replaces data/results/day2-a.json result 0 for dune on b1, both dated 2026-03-05",
		"data/results/day3.json result 1 replaces data/results/day3.json result 0 for cora on b3, both dated 2026-03-10",
	}
	if !reflect.DeepEqual(s.Warnings, wantWarnings) {
		t.Errorf("warnings:\n got %q\nwant %q", s.Warnings, wantWarnings)
	}
	if m := s.Latest().Match("echo", "cora"); m != nil {
		t.Errorf("cora and echo share two benchmarks but met: %+v", m)
	}
	if m := s.Latest().Match("dune", "cora"); m == nil || m.A != "cora" || m.B != "dune" || m.Winner != "dune" || m.AWon != 1 || m.BWon != 2 {
		t.Errorf("Match(dune, cora) = %+v, want cora 1-2 dune", m)
	}

	compareSeason(t, s, refCompute(models, benchmarks, results, rules, "2026-03-10"))
}

// TestHandLeagueRatingsOrder checks what the ratings of the as-of day say without
// the reference: the unbeaten dune is rated highest, the winless echo lowest, the
// geometric mean of the strengths is 1500 (ratings average to 1500), and every
// interval holds its rating.
func TestHandLeagueRatingsOrder(t *testing.T) {
	models, benchmarks, results, rules := handLeague()
	tb := standings.Compute(models, benchmarks, results, rules, "").Latest().Table(standings.Overall)
	sum, hi, lo := 0.0, tb.Rows[0], tb.Rows[0]
	for _, r := range tb.Rows {
		sum += r.Rating
		if r.Rating > hi.Rating {
			hi = r
		}
		if r.Rating < lo.Rating {
			lo = r
		}
		if r.RatingLow > r.Rating || r.Rating > r.RatingHigh {
			t.Errorf("%s: rating %v outside [%v, %v]", r.Model, r.Rating, r.RatingLow, r.RatingHigh)
		}
	}
	if hi.Model != "dune" || lo.Model != "echo" {
		t.Errorf("highest %s, lowest %s; want dune and echo", hi.Model, lo.Model)
	}
	if mean := sum / float64(len(tb.Rows)); math.Abs(mean-1500) > 0.05 {
		t.Errorf("mean rating %v, want 1500", mean)
	}
}

// randomLeague is a reproducible league for comparisons with the reference:
// models of 1–60B with a skill, benchmarks of both directions with margins, some
// stderrs, results spread over dates and files, some re-reported the same day.
func randomLeague(seed uint64, nModels, nBench, nDates int) ([]league.Model, []league.Benchmark, []league.Result) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var models []league.Model
	skill := map[string]float64{}
	for i := range nModels {
		id := fmt.Sprintf("m%02d", i)
		models = append(models, league.Model{ID: id, Club: fmt.Sprintf("c%d", i%3), ParamsB: float64(rng.IntN(60))})
		skill[id] = rng.Float64() * 30
	}
	var benchmarks []league.Benchmark
	for j := range nBench {
		benchmarks = append(benchmarks, league.Benchmark{ID: fmt.Sprintf("b%d", j), HigherIsBetter: j%4 != 1, Max: 100, DrawMargin: float64(j%3) * 0.75})
	}
	var results []league.Result
	for f := range nDates * 2 {
		file := fmt.Sprintf("data/results/f%d.json", rng.IntN(5))
		date := fmt.Sprintf("2026-04-%02d", 1+rng.IntN(nDates))
		for _, m := range models {
			for _, b := range benchmarks {
				if rng.IntN(3) != 0 {
					continue
				}
				score := 30 + skill[m.ID] + rng.Float64()*25
				if !b.HigherIsBetter {
					score = 100 - score
				}
				r := league.Result{Model: m.ID, Benchmark: b.ID, Score: math.Round(score*2) / 2, Date: date, File: file,
					Source: league.Source{URL: fmt.Sprintf("https://example.org/%d", f%3)}}
				if rng.IntN(4) == 0 {
					r.Stderr, r.HasStderr = float64(rng.IntN(3)), true
				}
				results = append(results, r)
			}
		}
	}
	index := map[string]int{}
	for i := range results {
		results[i].Index = index[results[i].File]
		index[results[i].File]++
	}
	rng.Shuffle(len(results), func(i, j int) { results[i], results[j] = results[j], results[i] })
	return models, benchmarks, results
}

// TestDeterministic computes random leagues twice and checks both runs against
// the reference implementation: same tables, matches, changes, warnings, and
// ratings and intervals within the rounding.
func TestDeterministic(t *testing.T) {
	rules := standings.Rules{MinShared: 2, Divisions: []standings.Division{{ID: "s", Name: "S", MaxParamsB: 12}, {ID: "e", Name: "Empty", MaxParamsB: 0.5}, {ID: "l", Name: "L"}}}
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			models, benchmarks, results := randomLeague(seed, 7, 6, 3)
			first := standings.Compute(models, benchmarks, results, rules, "")
			if again := standings.Compute(models, benchmarks, results, rules, ""); !reflect.DeepEqual(first, again) {
				t.Fatal("a second run differs from the first")
			}
			compareSeason(t, first, refCompute(models, benchmarks, results, rules, ""))
		})
	}
}

// TestRatingAsymmetric checks ratings and intervals of small uneven leagues
// against the reference fit and bootstrap.
func TestRatingAsymmetric(t *testing.T) {
	benchmarks := []league.Benchmark{
		{ID: "b1", HigherIsBetter: true, Max: 100}, {ID: "b2", HigherIsBetter: true, Max: 100},
		{ID: "b3", HigherIsBetter: true, Max: 100}, {ID: "b4", HigherIsBetter: false, Max: 100},
	}
	models := []league.Model{{ID: "a", ParamsB: 1}, {ID: "b", ParamsB: 1}, {ID: "c", ParamsB: 1}, {ID: "d", ParamsB: 1}}
	res := func(m string, ss ...float64) []league.Result { // NaN: no result on that benchmark
		var out []league.Result
		for i, s := range ss {
			if math.IsNaN(s) {
				continue
			}
			out = append(out, league.Result{Model: m, Benchmark: fmt.Sprintf("b%d", i+1), Score: s, Date: "2026-05-01", File: "data/results/" + m + ".json", Index: i})
		}
		return out
	}
	tests := []struct {
		name    string
		results [][]league.Result
		order   []string // by rating, highest first
		spread  bool     // some interval is wider than its rating
	}{
		// a takes b1, b2; b takes b3: 2-1. Not symmetric: a above 1500, b below,
		// by the same amount (two players: the ratings mirror around 1500).
		{"2-1", [][]league.Result{res("a", 9, 9, 1), res("b", 1, 1, 9)}, []string{"a", "b"}, true},
		// A chain with a draw (b3 level between b and c) and a lower-is-better leg.
		{"chain", [][]league.Result{res("a", 9, 9, 9, 1), res("b", 5, 5, 4, 5), res("c", 1, 4, 4, 9)}, []string{"a", "b", "c"}, true},
		// b beats a 2-1, a beats d 3-0; b and d share two benchmarks and c only
		// two with anyone, so they do not meet. c, who meets nobody, keeps the
		// strength of the virtual player and sits between a and d.
		{"one-sided", [][]league.Result{res("a", 9, 8, 7, 1), res("b", 8, 9, 9), res("c", 7, 7), res("d", 1, 2, math.NaN(), 9)}, []string{"b", "a", "c", "d"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var results []league.Result
			for _, rs := range tt.results {
				results = append(results, rs...)
			}
			s := standings.Compute(models, benchmarks, results, standings.Rules{}, "")
			want := refCompute(models, benchmarks, results, standings.Rules{}, "")
			compareSeason(t, s, want)
			rows := s.Latest().Table(standings.Overall).Rows
			var got []string
			sorted := append([]standings.Row(nil), rows...)
			sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Rating > sorted[j].Rating })
			spread := false
			for _, r := range sorted {
				got = append(got, r.Model)
				spread = spread || r.RatingLow < r.Rating || r.RatingHigh > r.Rating
			}
			if !reflect.DeepEqual(got, tt.order) {
				t.Errorf("by rating %v, want %v", got, tt.order)
			}
			if spread != tt.spread {
				t.Errorf("some interval wider than its rating: %v, want %v", spread, tt.spread)
			}
			if tt.name == "2-1" && rows[0].Rating+rows[1].Rating != 3000 {
				t.Errorf("two players' ratings %v and %v should mirror around 1500", rows[0].Rating, rows[1].Rating)
			}
		})
	}
}

// TestBootstrapInterval compares every interval of a random league with the
// reference bootstrap, and checks that they are real intervals: each holds its
// rating, and some are wide on both sides.
func TestBootstrapInterval(t *testing.T) {
	models, benchmarks, results := randomLeague(11, 8, 7, 2)
	rules := standings.Rules{MinShared: 3}
	s := standings.Compute(models, benchmarks, results, rules, "")
	want := refCompute(models, benchmarks, results, rules, "")
	wide := 0
	for i, sn := range s.Snapshots {
		for j, tb := range sn.Tables {
			for k, r := range tb.Rows {
				w := want.Snapshots[i].Tables[j].Rows[k]
				if r.Model != w.Model || math.Abs(r.RatingLow-w.Low) > ratingSlack || math.Abs(r.RatingHigh-w.High) > ratingSlack {
					t.Errorf("%s %s %s: interval [%v, %v], want %s [%.3f, %.3f]", sn.Date, tb.ID, r.Model, r.RatingLow, r.RatingHigh, w.Model, w.Low, w.High)
				}
				if r.RatingLow > r.Rating || r.Rating > r.RatingHigh {
					t.Errorf("%s %s %s: rating %v outside [%v, %v]", sn.Date, tb.ID, r.Model, r.Rating, r.RatingLow, r.RatingHigh)
				}
				if r.RatingLow < r.Rating && r.Rating < r.RatingHigh {
					wide++
				}
			}
		}
	}
	if wide < 5 {
		t.Errorf("only %d intervals are wide on both sides; the bootstrap did little", wide)
	}
}

// TestDrawSlack checks the edge of a draw through the public API: a gap equal to
// max(draw_margin, 1.96·√(se_a² + se_b²)) plus the floating-point slack of 1e-9
// times the larger score is still a draw; a gap beyond it is not.
func TestDrawSlack(t *testing.T) {
	tests := []struct {
		name     string
		a, b     float64
		margin   float64
		seA, seB float64
		lower    bool
		winner   string // "" for a draw
	}{
		// 21.5000000215 − 21 = 0.5 + 1e-9·21.5000000215 exactly, in float64.
		{"exactly at margin plus slack", 21, 21.5000000215, 0.5, 0, 0, false, ""},
		{"exactly at margin plus slack, lower is better", 21, 21.5000000215, 0.5, 0, 0, true, ""},
		{"one step beyond", 21, 21.50000003, 0.5, 0, 0, false, "b"},
		// The slack grows with the scores: 1e-9·1000.5 ≈ 1.0005e-6 covers a gap
		// 1e-6 over the margin.
		{"slack scales with the score", 1000, 1000.500001, 0.5, 0, 0, false, ""},
		{"beyond the scaled slack", 1000, 1000.500002, 0.5, 0, 0, false, "b"},
		{"within the stderr", 50, 52, 0, 1, 0.5, false, ""}, // 1.96·√1.25 = 2.191
		{"beyond the stderr", 50, 52.2, 0, 1, 0.5, false, "b"},
		{"margin larger than the stderr", 50, 52.9, 3, 1, 0.5, true, ""},
		{"exact tie", 50, 50, 0, 0, 0, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bm := league.Benchmark{ID: "x", HigherIsBetter: !tt.lower, Max: 2000, DrawMargin: tt.margin}
			results := []league.Result{
				{Model: "a", Benchmark: "x", Score: tt.a, Stderr: tt.seA, HasStderr: tt.seA > 0, Date: "2026-01-01", File: "f", Index: 0},
				{Model: "b", Benchmark: "x", Score: tt.b, Stderr: tt.seB, HasStderr: tt.seB > 0, Date: "2026-01-01", File: "f", Index: 1},
			}
			models := []league.Model{{ID: "a", ParamsB: 1}, {ID: "b", ParamsB: 1}}
			s := standings.Compute(models, []league.Benchmark{bm}, results, standings.Rules{MinShared: 1}, "")
			m := s.Latest().Match("a", "b")
			if m == nil || len(m.Legs()) != 1 {
				t.Fatalf("match = %+v, want one leg", m)
			}
			want := tt.winner
			if tt.lower && want != "" {
				want = map[string]string{"a": "b", "b": "a"}[want]
			}
			if m.Legs()[0].Winner != want || m.Winner != want {
				t.Errorf("leg winner %q, match winner %q, want %q (gap %v, threshold %v)", m.Legs()[0].Winner, m.Winner, want, m.Legs()[0].Diff, m.Legs()[0].Threshold)
			}
			thr := math.Max(tt.margin, 1.96*math.Sqrt(tt.seA*tt.seA+tt.seB*tt.seB))
			if math.Abs(m.Legs()[0].Threshold-thr) > 1e-12 || m.Legs()[0].Diff != math.Abs(tt.a-tt.b) {
				t.Errorf("threshold %v, diff %v; want %v, %v", m.Legs()[0].Threshold, m.Legs()[0].Diff, thr, math.Abs(tt.a-tt.b))
			}
		})
	}
}

// TestPulledVersions checks results that are in force for a span of days (From,
// Until: the versions of a pulled results file): a version counts from its first
// day until the day a later one replaced it, each end makes a snapshot, a version
// replaced before it started never counts, and two versions of one day that are
// never in force together are no conflict.
func TestPulledVersions(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 1}, {ID: "b", ParamsB: 1}}
	benchmarks := []league.Benchmark{{ID: "b1", HigherIsBetter: true, Max: 100}, {ID: "b2", HigherIsBetter: true, Max: 100}, {ID: "b3", HigherIsBetter: true, Max: 100}}
	r := func(file string, index int, m, b string, score float64, date, from, until string) league.Result {
		return league.Result{Model: m, Benchmark: b, Score: score, Date: date, From: from, Until: until, File: file, Index: index}
	}
	results := []league.Result{
		r("data/results/b.json", 0, "b", "b1", 50, "2026-01-01", "", ""),
		r("data/results/b.json", 1, "b", "b2", 50, "2026-01-01", "", ""),
		r("data/results/b.json", 2, "b", "b3", 50, "2026-01-01", "", ""),
		r("data/results/v1.json", 0, "a", "b1", 90, "2026-01-01", "", "2026-01-05"), // first version, replaced on the 5th
		r("data/results/v2.json", 0, "a", "b1", 10, "2026-01-01", "2026-01-05", ""), // its successor, same result date
		r("data/results/v0.json", 0, "a", "b1", 99, "2026-01-03", "", "2026-01-02"), // replaced before its date: never counts
		r("data/results/x1.json", 0, "a", "b2", 60, "2026-01-01", "", ""),           // in force from the 1st…
		r("data/results/x2.json", 0, "a", "b2", 40, "2026-01-01", "2026-01-03", ""), // …and this one from the 3rd: a conflict
		r("data/results/y.json", 0, "a", "b3", 70, "2026-01-01", "", ""),
		r("data/results/w.json", 0, "a", "b3", 1, "2026-01-07", "", "2026-01-07"), // replaced on its own date: never counts
	}
	score := func(sn *standings.Snapshot, m, b string) float64 {
		for _, r := range sn.Results {
			if r.Model == m && r.Benchmark == b {
				return r.Score
			}
		}
		return -1
	}
	tests := []struct {
		asOf     string
		wantAsOf string
		dates    []string
		b1, b2   []float64 // a's scores in force in each snapshot
		winners  []string  // the match winner in each snapshot
		warnings []string
	}{
		{"", "2026-01-05", []string{"2026-01-01", "2026-01-03", "2026-01-05"}, []float64{90, 90, 10}, []float64{60, 40, 40}, []string{"a", "a", "b"},
			[]string{"data/results/x2.json result 0 replaces data/results/x1.json result 0 for a on b2, both dated 2026-01-01"}},
		{"2026-01-04", "2026-01-04", []string{"2026-01-01", "2026-01-03", "2026-01-04"}, []float64{90, 90, 90}, []float64{60, 40, 40}, []string{"a", "a", "a"},
			[]string{"data/results/x2.json result 0 replaces data/results/x1.json result 0 for a on b2, both dated 2026-01-01"}},
		{"2026-01-02", "2026-01-02", []string{"2026-01-01", "2026-01-02"}, []float64{90, 90}, []float64{60, 60}, []string{"a", "a"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.wantAsOf, func(t *testing.T) {
			s := standings.Compute(models, benchmarks, results, standings.Rules{}, tt.asOf)
			if s.AsOf != tt.wantAsOf {
				t.Errorf("AsOf = %s, want %s", s.AsOf, tt.wantAsOf)
			}
			var dates []string
			var b1, b2 []float64
			var winners []string
			for _, sn := range s.Snapshots {
				dates = append(dates, sn.Date)
				b1 = append(b1, score(sn, "a", "b1"))
				b2 = append(b2, score(sn, "a", "b2"))
				w := "none"
				if m := sn.Match("a", "b"); m != nil {
					w = m.Winner
				}
				winners = append(winners, w)
			}
			if !reflect.DeepEqual(dates, tt.dates) || !reflect.DeepEqual(b1, tt.b1) || !reflect.DeepEqual(b2, tt.b2) || !reflect.DeepEqual(winners, tt.winners) {
				t.Errorf("snapshots %v, a's b1 %v, b2 %v, winners %q\nwant      %v, a's b1 %v, b2 %v, winners %q", dates, b1, b2, winners, tt.dates, tt.b1, tt.b2, tt.winners)
			}
			if !reflect.DeepEqual(s.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", s.Warnings, tt.warnings)
			}
		})
	}
}

// TestTableEmptiedByAPulledVersion: a model whose only results were in a pulled
// version that a later one replaced leaves the tables; a division it was alone in
// is empty then, with no new leader and no change.
func TestTableEmptiedByAPulledVersion(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 50}, {ID: "b", ParamsB: 50}, {ID: "c", ParamsB: 5}}
	benchmarks := []league.Benchmark{{ID: "b1", HigherIsBetter: true, Max: 100}}
	results := []league.Result{
		{Model: "a", Benchmark: "b1", Score: 10, Date: "2026-01-01", File: "data/results/a.json"},
		{Model: "b", Benchmark: "b1", Score: 20, Date: "2026-01-01", File: "data/results/b.json"},
		{Model: "c", Benchmark: "b1", Score: 30, Date: "2026-01-01", Until: "2026-01-05", File: "data/results/c.json"},
	}
	rules := standings.Rules{MinShared: 1, Divisions: []standings.Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}
	s := standings.Compute(models, benchmarks, results, rules, "")
	if n := len(s.Snapshots); n != 2 || s.Latest().Date != "2026-01-05" {
		t.Fatalf("snapshots %d, latest %s; want 2, 2026-01-05", n, s.Latest().Date)
	}
	if rows := s.Latest().Table("small").Rows; len(rows) != 0 {
		t.Errorf("small = %+v, want empty", rows)
	}
	var got []string
	for _, c := range s.Changes {
		if c.Date == "2026-01-05" {
			got = append(got, c.ID)
		}
	}
	if want := []string{"2026-01-05/overall/leader/b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes on the 5th = %q, want %q", got, want)
	}
}

// TestSameDayVersionsConflict: two results of one day conflict only when they are
// in force on a same day; a version that stops the day the other starts does not.
func TestSameDayVersionsConflict(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 1}}
	benchmarks := []league.Benchmark{{ID: "b1", HigherIsBetter: true, Max: 100}}
	for _, tt := range []struct {
		until string
		want  []string
	}{
		{"2026-01-05", nil}, // x2 stops the day x1 starts
		{"2026-01-06", []string{"data/results/x2.json result 0 replaces data/results/x1.json result 0 for a on b1, both dated 2026-01-01"}},
	} {
		results := []league.Result{
			{Model: "a", Benchmark: "b1", Score: 1, Date: "2026-01-01", From: "2026-01-05", File: "data/results/x1.json"},
			{Model: "a", Benchmark: "b1", Score: 2, Date: "2026-01-01", Until: tt.until, File: "data/results/x2.json"},
		}
		s := standings.Compute(models, benchmarks, results, standings.Rules{}, "2026-01-10")
		if !reflect.DeepEqual(s.Warnings, tt.want) {
			t.Errorf("until %s: warnings %q, want %q", tt.until, s.Warnings, tt.want)
		}
	}
}

// TestManyBenchmarks runs a league of 140 benchmarks, more than one 64-bit word of
// benchmark sets, against the reference; then one model's results lapse (a pulled
// version replaced), and the last snapshot must be the league without them.
func TestManyBenchmarks(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 1}, {ID: "b", ParamsB: 1}, {ID: "c", ParamsB: 1}}
	var benchmarks []league.Benchmark
	for i := range 140 {
		benchmarks = append(benchmarks, league.Benchmark{ID: fmt.Sprintf("b%03d", i), HigherIsBetter: i%3 != 0, Max: 100})
	}
	var results []league.Result
	add := func(m string, from, to int, date, until string, score func(i int) float64) {
		for i := from; i < to; i++ {
			results = append(results, league.Result{Model: m, Benchmark: fmt.Sprintf("b%03d", i), Score: score(i), Date: date, Until: until,
				File: "data/results/" + m + date + ".json", Index: i})
		}
	}
	add("a", 0, 140, "2026-01-01", "", func(i int) float64 { return float64(50 + i%7) })
	add("b", 60, 140, "2026-01-01", "", func(i int) float64 { return float64(50 + i%5) })
	add("b", 0, 11, "2026-01-03", "", func(i int) float64 { return float64(52 + i%4) })
	add("c", 100, 140, "2026-01-01", "2026-01-05", func(i int) float64 { return float64(48 + i%9) })

	s := standings.Compute(models, benchmarks, results, standings.Rules{}, "2026-01-04")
	compareSeason(t, s, refCompute(models, benchmarks, results, standings.Rules{}, "2026-01-04"))

	full := standings.Compute(models, benchmarks, results, standings.Rules{}, "")
	var withoutC []league.Result
	for _, r := range results {
		if r.Model != "c" {
			withoutC = append(withoutC, r)
		}
	}
	want := refCompute(models, benchmarks, withoutC, standings.Rules{}, "2026-01-05")
	last, wlast := full.Latest(), want.Snapshots[len(want.Snapshots)-1]
	if last.Date != "2026-01-05" || wlast.Date != "2026-01-05" {
		t.Fatalf("last snapshots %s and %s, want 2026-01-05", last.Date, wlast.Date)
	}
	if !reflect.DeepEqual(last.Results, wlast.Results) {
		t.Errorf("results in force after c's lapsed: %d, want %d", len(last.Results), len(wlast.Results))
	}
	for i, wt := range wlast.Tables {
		gt := last.Tables[i]
		var got, want []string
		for _, r := range gt.Rows {
			got = append(got, fmt.Sprintf("%s %d %d-%d-%d %d:%d", r.Model, r.Rank, r.Won, r.Drawn, r.Lost, r.BenchFor, r.BenchAgainst))
		}
		for _, r := range wt.Rows {
			want = append(want, fmt.Sprintf("%s %d %d-%d-%d %d:%d", r.Model, r.Rank, r.W, r.D, r.L, r.For, r.Against))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s after c's results lapsed: %q, want %q", wt.ID, got, want)
		}
	}
}

// TestManyBenchmarksSharedSets: with more than 64 benchmarks a model's set takes
// several words; a pair's shared benchmarks are those of its own two models. b
// shares 8 of 70 benchmarks with a and c, which share all 70: the pair b–c is
// rated on 8 games, not on a–c's 70.
func TestManyBenchmarksSharedSets(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 1}, {ID: "b", ParamsB: 1}, {ID: "c", ParamsB: 1}}
	var benchmarks []league.Benchmark
	var results []league.Result
	add := func(m string, i int, score float64) {
		results = append(results, league.Result{Model: m, Benchmark: fmt.Sprintf("b%02d", i), Score: score,
			Date: "2026-01-01", File: "data/results/" + m + ".json", Index: i})
	}
	for i := range 70 {
		benchmarks = append(benchmarks, league.Benchmark{ID: fmt.Sprintf("b%02d", i), HigherIsBetter: true, Max: 100})
		add("a", i, float64(50+i%7))
		add("c", i, float64(40+i%3))
		if i < 5 || i >= 64 && i < 67 {
			add("b", i, 60)
		}
	}
	s := standings.Compute(models, benchmarks, results, standings.Rules{}, "")
	compareSeason(t, s, refCompute(models, benchmarks, results, standings.Rules{}, "2026-01-01"))
	m := s.Latest().Match("b", "c")
	if m == nil || m.AWon != 8 || m.BWon != 0 || len(m.Legs()) != 8 {
		t.Errorf("Match(b, c) = %+v, want b 8-0 c over 8 legs", m)
	}
}
