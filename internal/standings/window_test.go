package standings

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

// window sets the days a pulled version is in force on each result.
func window(file, from, until string, rs []league.Result) []league.Result {
	rs = numbered(file, rs...)
	for i := range rs {
		rs[i].From, rs[i].Until = from, until
	}
	return rs
}

// TestPulledVersions: a results URL fetched on 2026-02-10 (v1) and replaced on
// 2026-03-05 (v2). v1 carried a result dated 2026-01-15 that v2 dropped, and v2
// brings a result dated 2026-02-20, before it was fetched. The history up to the
// replacement is v1's; v2 counts from the day it was fetched.
func TestPulledVersions(t *testing.T) {
	models := []league.Model{model("a", 5), model("b", 5)}
	v1 := window("data/archive/results/x/1111.json", "", "2026-03-05", concat(
		scores("a", "2026-01-01", 80, 80, 80),
		scores("b", "2026-01-01", 70, 70, 70),
		[]league.Result{res("b", "b1", 90, "2026-01-15")},
	))
	v2 := window("data/archive/results/x/2222.json", "2026-03-05", "", concat(
		scores("a", "2026-01-01", 80, 80, 80),
		scores("b", "2026-01-01", 70, 70, 70),
		[]league.Result{res("b", "b2", 95, "2026-02-20"), res("a", "b1", 99, "2026-04-01")},
	))
	results := append(v1, v2...)
	s := Compute(models, threeBenches, results, Rules{MinShared: 3}, "")

	if s.AsOf != "2026-04-01" {
		t.Errorf("as of %s, want 2026-04-01", s.AsOf)
	}
	var dates []string
	for _, sn := range s.Snapshots {
		dates = append(dates, sn.Date)
	}
	if want := []string{"2026-01-01", "2026-01-15", "2026-03-05", "2026-04-01"}; !reflect.DeepEqual(dates, want) {
		t.Errorf("snapshots %v, want %v (2026-02-20 is not one: v2 did not count yet)", dates, want)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings %v: two versions of one file never count on the same day", s.Warnings)
	}
	score := func(date, m, b string) float64 {
		for _, r := range s.At(date).Results {
			if r.Model == m && r.Benchmark == b {
				return r.Score
			}
		}
		return -1
	}
	for _, c := range []struct {
		date, model, bench string
		want               float64
	}{
		{"2026-01-15", "b", "b1", 90}, // v1's result, dropped by v2, still counts before v2
		{"2026-01-15", "b", "b2", 70},
		{"2026-03-05", "b", "b1", 70}, // v2 in force: the dropped result no longer counts
		{"2026-03-05", "b", "b2", 95}, // v2's backdated result counts from its fetch day
		{"2026-03-05", "a", "b1", 80},
		{"2026-04-01", "a", "b1", 99},
	} {
		if got := score(c.date, c.model, c.bench); got != c.want {
			t.Errorf("%s: %s on %s = %v, want %v", c.date, c.model, c.bench, got, c.want)
		}
	}

	// A version replaced before its result's date never counts, and makes no snapshot.
	late := window("data/archive/results/y/3333.json", "", "2026-01-10", []league.Result{res("a", "b3", 1, "2026-02-01")})
	s = Compute(models, threeBenches, append(append([]league.Result{}, results...), late...), Rules{MinShared: 3}, "")
	for _, sn := range s.Snapshots {
		if sn.Date == "2026-02-01" || sn.Date == "2026-01-10" {
			t.Errorf("snapshot %s from a result that never counted", sn.Date)
		}
	}
	if got := score("2026-04-01", "a", "b3"); got != 80 {
		t.Errorf("a on b3 = %v, want 80", got)
	}
}

// TestSameDayWarningsAcrossSources: two different sources with results of one day in
// force together still warn.
func TestSameDayWarningsAcrossSources(t *testing.T) {
	models := []league.Model{model("a", 5)}
	x := window("data/archive/results/x/1.json", "", "", []league.Result{res("a", "b1", 50, "2026-01-01")})
	y := window("data/archive/results/y/2.json", "2026-01-05", "", []league.Result{res("a", "b1", 60, "2026-01-01")})
	s := Compute(models, threeBenches, append(x, y...), Rules{MinShared: 3}, "")
	want := []string{"data/archive/results/y/2.json result 0 replaces data/archive/results/x/1.json result 0 for a on b1, both dated 2026-01-01"}
	if !reflect.DeepEqual(s.Warnings, want) {
		t.Errorf("warnings %q, want %q", s.Warnings, want)
	}
}
