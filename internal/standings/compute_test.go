package standings

import (
	"reflect"
	"testing"

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
