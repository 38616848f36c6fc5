package standings

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

// editResults changes random results the ways a writer does between two saves: a
// score, a date moved earlier or later, a result added or removed, a results file
// added or removed, a pulled version's window set, moved or cleared, a date
// removed. It returns the new results, in (File, Index) order, and what it did.
func editResults(rng *rand.Rand, results []league.Result, nm, nb, nd int) ([]league.Result, string) {
	rs := slices.Clone(results)
	date := func() string {
		if d := rng.IntN(nd + 2); d <= nd && d > 0 {
			return fmt.Sprintf("2026-0%d-%02d", d, 1+rng.IntN(28))
		}
		return ""
	}
	pick := func() int { return rng.IntN(len(rs)) }
	var what string
	switch k := rng.IntN(9); {
	case len(rs) == 0 || k == 0:
		what = "new results file"
		file := fmt.Sprintf("data/results/new-%d.json", rng.IntN(1000))
		d := date()
		for range 1 + rng.IntN(nm*nb/2+1) {
			rs = append(rs, league.Result{Model: fmt.Sprintf("m%02d", rng.IntN(nm)), Benchmark: fmt.Sprintf("b%d", rng.IntN(nb)),
				Score: float64(rng.IntN(12)) * 0.5, Date: d, File: file})
		}
	case k == 1:
		what = "score"
		rs[pick()].Score = float64(rng.IntN(12)) * 0.5
	case k == 2:
		i := pick()
		what = fmt.Sprintf("date %q", rs[i].Date)
		rs[i].Date = date()
		what += fmt.Sprintf(" moved to %q", rs[i].Date)
	case k == 3:
		what = "removed result"
		i := pick()
		rs = slices.Delete(rs, i, i+1)
	case k == 4:
		file := rs[pick()].File
		what = "removed file " + file
		rs = slices.DeleteFunc(rs, func(r league.Result) bool { return r.File == file })
	case k == 5:
		what = "window"
		i := pick()
		rs[i].From, rs[i].Until = "", ""
		if rng.IntN(3) > 0 {
			rs[i].From = date()
		}
		if rng.IntN(2) == 0 {
			rs[i].Until = date()
		}
	case k == 6:
		what = "result added to a file"
		r := rs[pick()]
		r.Model, r.Score, r.Date = fmt.Sprintf("m%02d", rng.IntN(nm)), float64(rng.IntN(12))*0.5, date()
		rs = slices.Insert(rs, pick(), r)
	case k == 7:
		what = "stderr"
		i := pick()
		rs[i].Stderr, rs[i].HasStderr = float64(rng.IntN(3))*0.2, rng.IntN(2) == 0
	default:
		what = "nothing"
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].File < rs[j].File })
	count := map[string]int{}
	for i := range rs {
		rs[i].Index = count[rs[i].File]
		count[rs[i].File]++
	}
	return rs, what
}

// After any edit of the results, a Memo's season is the one a whole computation
// gives, to the bit, and the snapshots before the edit's first day are taken as
// they were.
func TestMemoEqualsCompute(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	leagues, edits := 30, 8
	if testing.Short() || raceDetector {
		leagues, edits = 8, 5
	}
	kept, recomputed := 0, 0
	for n := range leagues {
		models, benchmarks, results, rules := randomLeague(rng)
		nd := 1 + rng.IntN(4)
		asOf := ""
		if rng.IntN(4) == 0 {
			asOf = "2026-02-15"
		}
		limit := 1 + n%2
		m := NewMemo()
		for e := range edits + 1 {
			what := "first"
			if e > 0 {
				results, what = editResults(rng, results, len(models), len(benchmarks), nd)
			}
			got := m.computeWith(models, benchmarks, results, rules, asOf, limit)
			want := computeWith(models, benchmarks, results, rules, asOf, limit)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("league %d, edit %d (%s, %d snapshots kept): the memo's season differs from Compute's\n got %s\nwant %s",
					n, e, what, m.Kept(), describe(got), describe(want))
			}
			// Ratings are rounded; the fits behind them, which start from the
			// previous snapshot's, must be the same to the bit too.
			fresh := NewMemo()
			fresh.computeWith(models, benchmarks, results, rules, asOf, limit)
			if !sameTheta(m.last.theta, fresh.last.theta) {
				t.Fatalf("league %d, edit %d (%s, %d snapshots kept): the point estimates differ from a whole computation's", n, e, what, m.Kept())
			}
			if e == 0 && m.Kept() != 0 {
				t.Fatalf("league %d: the first computation kept %d snapshots", n, m.Kept())
			}
			if e > 0 {
				kept += m.Kept()
				recomputed += len(got.Snapshots) - m.Kept()
			}
		}
	}
	// The edits must exercise both ways.
	if kept == 0 || recomputed == 0 {
		t.Fatalf("%d snapshots kept, %d recomputed over all edits: want both", kept, recomputed)
	}
	t.Logf("%d snapshots kept, %d recomputed", kept, recomputed)
}

// sameTheta reports whether two runs' point estimates are the same to the bit.
func sameTheta(a, b []map[string][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for id, ta := range a[i] {
			tb, ok := b[i][id]
			if !ok || len(ta) != len(tb) {
				return false
			}
			for x := range ta {
				if math.Float64bits(ta[x]) != math.Float64bits(tb[x]) {
					return false
				}
			}
		}
	}
	return true
}

// describe sums up a season for a failure message.
func describe(s *Season) string {
	out := fmt.Sprintf("as of %s, %d changes, %d warnings:", s.AsOf, len(s.Changes), len(s.Warnings))
	for _, sn := range s.Snapshots {
		out += fmt.Sprintf(" %s(%d results, %d matches)", sn.Date, len(sn.Results), len(sn.Matches))
	}
	return out
}

// An edit of the newest results keeps every earlier snapshot; an edit of the first
// day's keeps none; an edit of nothing keeps all; other models, benchmarks, rules
// or as-of day keep none.
func TestMemoKeeps(t *testing.T) {
	models := []league.Model{model("a", 5), model("b", 5), model("c", 20)}
	base := func() []league.Result {
		return concat(
			scores("a", "2026-01-01", 50, 60, 70),
			scores("b", "2026-02-01", 55, 65, 60),
			scores("c", "2026-03-01", 40, 70, 80),
		)
	}
	rules := Rules{MinShared: 2}
	cases := []struct {
		name string
		edit func(rs []league.Result) []league.Result
		kept int
	}{
		{"nothing", func(rs []league.Result) []league.Result { return rs }, 3},
		{"newest score", func(rs []league.Result) []league.Result { rs[7].Score = 71; return rs }, 2},
		{"first day's score", func(rs []league.Result) []league.Result { rs[0].Score = 51; return rs }, 0},
		{"newest moved earlier", func(rs []league.Result) []league.Result { rs[8].Date = "2026-02-01"; return rs }, 1},
		{"middle moved later", func(rs []league.Result) []league.Result { rs[3].Date = "2026-02-15"; return rs }, 1},
		{"undated result", func(rs []league.Result) []league.Result { rs[8].Date = ""; return rs }, 0},
		{"window set on an old result", func(rs []league.Result) []league.Result { rs[1].Until = "2026-03-01"; return rs }, 0},
		{"pulled version from the newest day", func(rs []league.Result) []league.Result {
			return append(rs, league.Result{Model: "a", Benchmark: "b1", Score: 1, Date: "2026-01-01", From: "2026-03-01", File: "z", Index: 0})
		}, 2},
		{"never counts", func(rs []league.Result) []league.Result {
			return append(rs, league.Result{Model: "a", Benchmark: "b1", Score: 1, Date: "2026-03-01", From: "2026-03-05", Until: "2026-03-02", File: "z", Index: 0})
		}, 3},
		{"unknown model", func(rs []league.Result) []league.Result {
			return append(rs, league.Result{Model: "x", Benchmark: "b1", Score: 1, Date: "2026-01-01", File: "z", Index: 0})
		}, 3},
	}
	for _, c := range cases {
		m := NewMemo()
		m.Compute(models, threeBenches, base(), rules, "")
		rs := c.edit(base())
		got := m.Compute(models, threeBenches, rs, rules, "")
		if m.Kept() != c.kept {
			t.Errorf("%s: kept %d snapshots, want %d", c.name, m.Kept(), c.kept)
		}
		if want := Compute(models, threeBenches, rs, rules, ""); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the memo's season differs from Compute's", c.name)
		}
	}

	others := []struct {
		name string
		call func(m *Memo)
	}{
		{"models", func(m *Memo) {
			m.Compute([]league.Model{model("a", 5), model("b", 5), model("c", 40)}, threeBenches, base(), rules, "")
		}},
		{"benchmarks", func(m *Memo) {
			bs := slices.Clone(threeBenches)
			bs[2].HigherIsBetter = false
			m.Compute(models, bs, base(), rules, "")
		}},
		{"rules", func(m *Memo) { m.Compute(models, threeBenches, base(), Rules{MinShared: 3}, "") }},
		{"as-of day", func(m *Memo) { m.Compute(models, threeBenches, base(), rules, "2026-03-01") }},
	}
	for _, o := range others {
		m := NewMemo()
		m.Compute(models, threeBenches, base(), rules, "")
		o.call(m)
		if m.Kept() != 0 {
			t.Errorf("other %s: kept %d snapshots, want 0", o.name, m.Kept())
		}
	}
}

// TestMemoAfterTheLastEvent: the only result of the as-of day is removed, so the
// memo keeps the first snapshot and computes the as-of day again from it, with no
// result starting or stopping after the kept day.
func TestMemoAfterTheLastEvent(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 1)}
	benchmarks := []league.Benchmark{bench("x"), bench("y"), bench("z")}
	base := numbered("data/results/day1.json",
		res("a", "x", 50, "2026-01-01"), res("a", "y", 50, "2026-01-01"), res("a", "z", 50, "2026-01-01"),
		res("b", "x", 60, "2026-01-01"), res("b", "y", 40, "2026-01-01"), res("b", "z", 60, "2026-01-01"))
	late := numbered("data/results/day5.json", res("a", "x", 70, "2026-01-05"))
	const asOf = "2026-01-05"
	m := NewMemo()
	first := m.computeWith(models, benchmarks, append(slices.Clone(base), late...), Rules{}, asOf, 1)
	if m := first.At(asOf).Match("a", "b"); m == nil || m.Winner != "a" {
		t.Fatalf("with a's result of the as-of day: Match(a, b) = %+v, want a 2-1 b", m)
	}
	got := m.computeWith(models, benchmarks, base, Rules{}, asOf, 1)
	want := computeWith(models, benchmarks, base, Rules{}, asOf, 1)
	if m.Kept() != 1 {
		t.Errorf("kept %d snapshots, want 1", m.Kept())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the memo's season differs from Compute's\n got %s\nwant %s", describe(got), describe(want))
	}
	if m := got.At(asOf).Match("a", "b"); m == nil || m.Winner != "b" || m.BWon != 2 {
		t.Errorf("without it: Match(a, b) = %+v, want a 1-2 b", m)
	}
}
