package standings

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/league"
	"go.yaml.in/yaml/v3"
)

func TestRealTmp(t *testing.T) {
	dir := "/work/shared/data/league-2026/"
	var ms []struct {
		ID      string  `yaml:"id"`
		Club    string  `yaml:"club"`
		ParamsB float64 `yaml:"params_b"`
	}
	b, _ := os.ReadFile(dir + "models.yaml")
	if err := yaml.Unmarshal(b, &ms); err != nil {
		t.Fatal(err)
	}
	var bs []struct {
		ID  string  `yaml:"id"`
		HIB bool    `yaml:"higher_is_better"`
		DM  float64 `yaml:"draw_margin"`
	}
	b, _ = os.ReadFile(dir + "benchmarks.yaml")
	yaml.Unmarshal(b, &bs)
	var rs []struct {
		Model, Benchmark, Date string
		Score, Stderr          float64
		Source                 league.Source
	}
	b, _ = os.ReadFile(dir + "results.json")
	json.Unmarshal(b, &rs)
	var models []league.Model
	for _, m := range ms {
		models = append(models, league.Model{ID: m.ID, Club: m.Club, ParamsB: m.ParamsB})
	}
	var benches []league.Benchmark
	for _, x := range bs {
		benches = append(benches, league.Benchmark{ID: x.ID, HigherIsBetter: x.HIB, DrawMargin: x.DM})
	}
	var results []league.Result
	for i, r := range rs {
		results = append(results, league.Result{Model: r.Model, Benchmark: r.Benchmark, Score: r.Score, Stderr: r.Stderr, Date: r.Date, Source: r.Source, File: "r.json", Index: i})
	}
	rules := Rules{MinShared: 3, Divisions: []Division{{"pocket", "Pocket", 6}, {"laptop", "Laptop", 16}, {"workstation", "Workstation", 48}, {"datacenter", "Datacenter", 0}}}
	start := time.Now()
	s := Compute(models, benches, results, rules, "")
	t.Log(time.Since(start), len(s.Snapshots), s.Warnings, len(s.Changes))
	for _, tb := range s.Latest().Tables {
		t.Log(tb.ID, len(tb.Sources))
		for _, r := range tb.Rows {
			mv := "new"
			if r.Movement != nil {
				mv = string(rune('0' + 10 + *r.Movement))
			}
			t.Logf("%2d %5v %-24s P%2d W%2d D%2d L%2d %3d-%3d %3d pts %2d %.1f [%.1f %.1f] %s", r.Rank, r.SharedRank, r.Model, r.Played, r.Won, r.Drawn, r.Lost, r.BenchFor, r.BenchAgainst, r.BenchDiff, r.Points, r.Rating, r.RatingLow, r.RatingHigh, mv)
		}
	}
	for _, c := range s.Changes[len(s.Changes)-10:] {
		t.Log(c)
	}
}
