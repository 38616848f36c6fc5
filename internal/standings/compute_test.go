package standings

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/ai-league/ai-league/internal/genleague"
	"github.com/ai-league/ai-league/internal/league"
)

func TestInForceAndWarnings(t *testing.T) {
	models := []league.Model{model("qwen3.5-9b", 9)}
	benchmarks := []league.Benchmark{bench("gpqa-diamond"), bench("mmlu-pro")}
	a := numbered("data/results/a.json",
		res("qwen3.5-9b", "gpqa-diamond", 60, "2026-03-02"), // replaced by b.json 3, same date
		res("qwen3.5-9b", "mmlu-pro", 70, "2026-03-05"),     // later date: beats b.json 1
		res("ghost", "mmlu-pro", 99, "2026-03-01"),          // unknown model: ignored
	)
	b := numbered("data/results/b.json",
		res("qwen3.5-9b", "gpqa-diamond", 55, "2026-03-01"), // older: loses to everything
		res("qwen3.5-9b", "mmlu-pro", 65, "2026-03-02"),
		res("qwen3.5-9b", "nope", 65, "2026-03-02"), // unknown benchmark: ignored
		res("qwen3.5-9b", "gpqa-diamond", 62, "2026-03-02"),
	)
	season := Compute(models, benchmarks, append(a, b...), Rules{}, "")

	if season.AsOf != "2026-03-05" {
		t.Errorf("AsOf = %q, want the latest result date 2026-03-05", season.AsOf)
	}
	wantWarn := []string{"data/results/b.json result 3 replaces data/results/a.json result 0 for qwen3.5-9b on gpqa-diamond, both dated 2026-03-02"}
	if !reflect.DeepEqual(season.Warnings, wantWarn) {
		t.Errorf("Warnings = %q, want %q (once, not once per snapshot)", season.Warnings, wantWarn)
	}

	tests := []struct {
		date string
		want map[string]float64 // benchmark -> score in force
	}{
		{"2026-03-01", map[string]float64{"gpqa-diamond": 55}},
		{"2026-03-02", map[string]float64{"gpqa-diamond": 62, "mmlu-pro": 65}},
		{"2026-03-05", map[string]float64{"gpqa-diamond": 62, "mmlu-pro": 70}},
	}
	if len(season.Snapshots) != len(tests) {
		t.Fatalf("got %d snapshots, want %d", len(season.Snapshots), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			sn := season.Snapshots[i]
			if sn.Date != tt.date {
				t.Fatalf("snapshot %d dated %s, want %s", i, sn.Date, tt.date)
			}
			got := map[string]float64{}
			for _, r := range sn.Results {
				got[r.Benchmark] = r.Score
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("in force = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAsOf(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 1)}
	results := concat(
		scores("a", "2026-01-10", 50, 50, 50),
		scores("b", "2026-01-10", 40, 40, 40),
		scores("b", "2026-02-01", 60, 60, 60),
	)
	tests := []struct {
		name      string
		asOf      string
		wantDates []string
		wantFirst string // leader of the as-of overall table
	}{
		{"latest by default", "", []string{"2026-01-10", "2026-02-01"}, "b"},
		{"cut before the later results", "2026-01-20", []string{"2026-01-10", "2026-01-20"}, "a"},
		{"on a result date", "2026-01-10", []string{"2026-01-10"}, "a"},
		{"after the last result", "2026-03-01", []string{"2026-01-10", "2026-02-01", "2026-03-01"}, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(models, threeBenches, results, Rules{}, tt.asOf)
			var dates []string
			for _, sn := range s.Snapshots {
				dates = append(dates, sn.Date)
			}
			if !reflect.DeepEqual(dates, tt.wantDates) {
				t.Errorf("snapshot dates = %v, want %v", dates, tt.wantDates)
			}
			if got := s.Latest().Table(Overall).Rows[0].Model; got != tt.wantFirst {
				t.Errorf("leader = %s, want %s", got, tt.wantFirst)
			}
			for _, r := range s.Latest().Results {
				if r.Date > s.AsOf {
					t.Errorf("result dated %s counts as of %s", r.Date, s.AsOf)
				}
			}
		})
	}
}

func TestNoResults(t *testing.T) {
	s := Compute(nil, nil, nil, Rules{Divisions: []Division{{ID: "d", Name: "D"}}}, "2026-01-01")
	if len(s.Snapshots) != 1 || s.Latest().Date != "2026-01-01" {
		t.Fatalf("snapshots = %+v, want one dated 2026-01-01", s.Snapshots)
	}
	if n := len(s.Latest().Tables); n != 2 {
		t.Errorf("got %d tables, want overall and d, empty", n)
	}
}

func BenchmarkCompute(b *testing.B) {
	models, benchmarks, results := generate(60, 25, 8)
	rules := Rules{MinShared: 3, Divisions: []Division{
		{ID: "pocket", MaxParamsB: 6}, {ID: "laptop", MaxParamsB: 16},
		{ID: "workstation", MaxParamsB: 48}, {ID: "datacenter"},
	}}
	b.ResetTimer()
	for b.Loop() {
		Compute(models, benchmarks, results, rules, "")
	}
}

// TestTableEdgesOverWords checks the comparisons a table keeps for its fit when a
// benchmark set takes several words (130 benchmarks: three), against a count made
// here from the scores: for every pair of members, the benchmarks both have, those
// the first took and those drawn. It runs before any test that fits, so that
// wrong sets fail here rather than in a fit of impossible data.
func TestTableEdgesOverWords(t *testing.T) {
	ids := []string{"a", "b", "c", "d"}
	models := []league.Model{model("a", 70), model("b", 8), model("c", 5), model("d", 3)}
	const k = 130
	var benchmarks []league.Benchmark
	for b := range k {
		benchmarks = append(benchmarks, bench(fmt.Sprintf("b%03d", b)))
	}
	has := func(m, b int) bool {
		switch m {
		case 1:
			return b%2 == 0
		case 2:
			return b%3 == 0
		case 3:
			return b >= 60
		}
		return true
	}
	score := func(m, b int) float64 { return float64((m*7 + b*3) % 5) }
	e := newEngine(models, benchmarks, Rules{Divisions: []Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}, 1)
	for m := range ids {
		for b := range k {
			if has(m, b) {
				e.apply(m, b, res(ids[m], benchmarks[b].ID, score(m, b), "2026-01-01"))
			}
		}
	}
	sn := e.snapshot("2026-01-01")
	if len(sn.Tables) != 3 {
		t.Fatalf("%d tables, want 3", len(sn.Tables))
	}
	for _, tb := range sn.Tables {
		es, w := tb.edges, e.words
		if w != 3 || es.words != 3 {
			t.Fatalf("%s: %d and %d words, want 3", tb.ID, w, es.words)
		}
		var pairs [][2]int
		for x := range tb.members {
			for y := x + 1; y < len(tb.members); y++ {
				pairs = append(pairs, [2]int{x, y})
			}
		}
		if es.len() != len(pairs) || len(es.shared) != len(pairs)*w || len(es.wonI) != len(pairs)*w || len(es.draw) != len(pairs)*w {
			t.Fatalf("%s: %d edges (%d, %d, %d words), want %d", tb.ID, es.len(), len(es.shared), len(es.wonI), len(es.draw), len(pairs))
		}
		for n, xy := range pairs {
			if int(es.I[n]) != xy[0] || int(es.J[n]) != xy[1] {
				t.Fatalf("%s: edge %d is %d-%d, want %d-%d", tb.ID, n, es.I[n], es.J[n], xy[0], xy[1])
			}
			i, j := tb.members[xy[0]], tb.members[xy[1]]
			for b := range k {
				bit := func(set []uint64) bool { return set[n*w+b/64]>>(b%64)&1 == 1 }
				both := has(i, b) && has(j, b)
				won := both && score(i, b) > score(j, b)
				drawn := both && score(i, b) == score(j, b)
				if bit(es.shared) != both || bit(es.wonI) != won || bit(es.draw) != drawn {
					t.Fatalf("%s: %s-%s on %s: shared %v, %s took %v, drawn %v; want %v, %v, %v", tb.ID, ids[i], ids[j], benchmarks[b].ID,
						bit(es.shared), ids[i], bit(es.wonI), bit(es.draw), both, won, drawn)
				}
			}
		}
	}
	if got := fmt.Sprint(sn.Tables[1].members, sn.Tables[2].members); got != "[1 2 3] [0]" {
		t.Errorf("division members %s, want [1 2 3] [0]", got)
	}
}

// TestMeetsOverWords: with more than 64 benchmarks, whether a pair meets is counted
// on the sets of its own two models. e shares three benchmarks with a and none with
// b, which shares 67 with a.
func TestMeetsOverWords(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 1), model("e", 1)}
	var benchmarks []league.Benchmark
	var results []league.Result
	for b := range 70 {
		id := fmt.Sprintf("b%02d", b)
		benchmarks = append(benchmarks, bench(id))
		results = append(results, res("a", id, 50, "2026-01-01"))
		if b < 3 {
			results = append(results, res("e", id, 60, "2026-01-01"))
		} else {
			results = append(results, res("b", id, 40, "2026-01-01"))
		}
	}
	sn := Compute(models, benchmarks, numbered("data/results/r.json", results...), Rules{}, "").Latest()
	for _, c := range []struct {
		a, b string
		meet bool
	}{{"a", "b", true}, {"a", "e", true}, {"b", "e", false}} {
		if m := sn.Match(c.a, c.b); (m != nil) != c.meet {
			t.Errorf("Match(%s, %s) = %+v, want met %v", c.a, c.b, m, c.meet)
		}
	}
}

// TestOverlapChangesNothing computes generated leagues with each snapshot played
// while the one before is rated, and one after another, and wants the same season;
// through Memo too, going on from a date in the middle.
func TestOverlapChangesNothing(t *testing.T) {
	defer func(from int) { oneAfterAnother, linearFrom = false, from }(linearFrom)
	sizes := []int{8, 30}
	if raceDetector {
		sizes = sizes[:1]
	}
	// Each size twice: its tables' resamples fitted, and (linearFrom 5) the bigger
	// tables' resamples taken one step from their point estimates.
	for run, models := range append(sizes, sizes...) {
		if run == len(sizes) {
			linearFrom = 5
		}
		l := genleague.Generate(genleague.Params{Models: models, Benchmarks: 12, Dates: 4, News: 1, Posts: 1})
		seasons := map[bool]*Season{}
		for _, seq := range []bool{false, true} {
			oneAfterAnother = seq
			seasons[seq] = computeWith(l.Models, l.Benchmarks, l.Results, benchRules, "", 2)
		}
		if len(seasons[false].Snapshots) < 3 {
			t.Fatalf("%d models: %d snapshots, want several", models, len(seasons[false].Snapshots))
		}
		if !reflect.DeepEqual(seasons[false], seasons[true]) {
			t.Errorf("%d models: the season differs when snapshots overlap their rating", models)
		}
		// A memo going on from the third date, both ways.
		later := slices.Clone(l.Results)
		for i := range later {
			if later[i].Date >= seasons[false].Snapshots[2].Date {
				later[i].Score += 0.5
			}
		}
		memos := map[bool]*Season{}
		thetas := map[bool][]map[string][]uint64{}
		for _, seq := range []bool{false, true} {
			oneAfterAnother = seq
			m := NewMemo()
			m.computeWith(l.Models, l.Benchmarks, l.Results, benchRules, "", 2)
			memos[seq] = m.computeWith(l.Models, l.Benchmarks, later, benchRules, "", 2)
			if m.Kept() == 0 {
				t.Errorf("%d models: the memo kept no snapshot", models)
			}
			thetas[seq] = thetaBits(m.last.theta)
		}
		if !reflect.DeepEqual(memos[false], memos[true]) {
			t.Errorf("%d models: the memo's season differs when snapshots overlap their rating", models)
		}
		// The strengths each fit starts from, to the bit (the ratings above are
		// rounded).
		if len(thetas[false]) != len(memos[false].Snapshots) || !reflect.DeepEqual(thetas[false], thetas[true]) {
			t.Errorf("%d models: the tables' strengths after each snapshot differ when snapshots overlap their rating", models)
		}
	}
}

// thetaBits returns the bits of the tables' strengths after each snapshot.
func thetaBits(theta []map[string][]float64) []map[string][]uint64 {
	var out []map[string][]uint64
	for _, th := range theta {
		b := map[string][]uint64{}
		for id, t := range th {
			for _, v := range t {
				b[id] = append(b[id], math.Float64bits(v))
			}
		}
		out = append(out, b)
	}
	return out
}
