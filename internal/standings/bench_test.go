package standings

import (
	"fmt"
	"testing"

	"github.com/ai-league/ai-league/internal/genleague"
)

// benchRules are the bundled site's rules.
var benchRules = Rules{MinShared: 3, Divisions: []Division{
	{ID: "pocket", Name: "Pocket", MaxParamsB: 6}, {ID: "laptop", Name: "Laptop", MaxParamsB: 16},
	{ID: "workstation", Name: "Workstation", MaxParamsB: 48}, {ID: "datacenter", Name: "Datacenter"},
}}

// BenchmarkComputeLeague computes generated leagues of 100, 250, 500 and 2,000 models
// × 60 benchmarks × 20 dates (the 2,000 one is skipped under -short):
//
//	go test -run '^$' -bench ComputeLeague -benchmem ./internal/standings/
func BenchmarkComputeLeague(b *testing.B) {
	for _, m := range []int{100, 250, 500, 2000} {
		b.Run(fmt.Sprintf("models=%d", m), func(b *testing.B) {
			if m > 500 && testing.Short() {
				b.Skip("-short")
			}
			l := genleague.Generate(genleague.Params{Models: m, Benchmarks: 60, Dates: 20, News: 1, Posts: 1})
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				Compute(l.Models, l.Benchmarks, l.Results, benchRules, "")
			}
		})
	}
}
