package standings

import (
	"fmt"
	"math/rand/v2"

	"github.com/ai-league/ai-league/internal/league"
)

// generate builds a reproducible league of nModels models of sizes from 1 to 120B,
// nBench benchmarks (every fifth lower-is-better, some with a draw margin) and
// results spread over nDates dates: each model scores on about 70% of the
// benchmarks, with a skill plus noise, some results with a stderr and some
// re-reported later.
func generate(nModels, nBench, nDates int) ([]league.Model, []league.Benchmark, []league.Result) {
	rng := rand.New(rand.NewPCG(1, 2))
	var models []league.Model
	skill := map[string]float64{}
	for i := 0; i < nModels; i++ {
		id := fmt.Sprintf("m%03d", i)
		models = append(models, league.Model{ID: id, Club: fmt.Sprintf("c%d", i%7), ParamsB: float64(1 + rng.IntN(120))})
		skill[id] = rng.Float64() * 40
	}
	var benchmarks []league.Benchmark
	for j := 0; j < nBench; j++ {
		benchmarks = append(benchmarks, league.Benchmark{
			ID:             fmt.Sprintf("b%02d", j),
			HigherIsBetter: j%5 != 0,
			Max:            100,
			DrawMargin:     float64(j%3) * 0.5,
		})
	}
	var results []league.Result
	for _, m := range models {
		for _, b := range benchmarks {
			if rng.Float64() > 0.7 {
				continue
			}
			score := 30 + skill[m.ID] + rng.Float64()*20
			if !b.HigherIsBetter {
				score = 100 - score
			}
			r := league.Result{
				Model:     m.ID,
				Benchmark: b.ID,
				Score:     score,
				Date:      fmt.Sprintf("2026-%02d-01", 1+rng.IntN(nDates)),
				File:      "data/results/" + m.ID + ".json",
				Source:    league.Source{URL: "https://example.org/" + m.ID, Name: m.ID, Kind: league.SelfReported},
			}
			if rng.IntN(3) == 0 {
				r.Stderr, r.HasStderr = rng.Float64()*2, true
			}
			results = append(results, r)
		}
	}
	for i := range results {
		results[i].Index = i
	}
	return models, benchmarks, results
}
