package standings

import (
	"math"
	"testing"

	"github.com/ai-league/ai-league/internal/genleague"
)

// generatedOverall is the overall table of a generated league of 48 models and 20
// benchmarks, every result applied.
func generatedOverall() *Table {
	l := genleague.Generate(genleague.Params{Models: 48, Benchmarks: 20, Dates: 3, News: 1, Posts: 1})
	e := newEngine(l.Models, l.Benchmarks, Rules{MinShared: 3}, 1)
	for _, r := range l.Results {
		e.apply(e.modelIndex[r.Model], e.benchIndex[r.Benchmark], r)
	}
	return e.snapshot("2027-01-01").Tables[0]
}

// TestDenseAndEdgeFitsAgree fits the overall table of a generated league, and
// resamples of it, once with dense matrices and once edge by edge.
func TestDenseAndEdgeFitsAgree(t *testing.T) {
	tb := generatedOverall()
	n, es := len(tb.members), tb.edges
	if 4*es.len() < n*n {
		t.Fatalf("%d players, %d edges: not dense enough to test", n, es.len())
	}
	weights := make([]int, es.words*64)
	plans := [][][]uint64{{es.benchmarks()}}
	for s := range 3 {
		for b := range 20 {
			weights[b] = (b*(s+3) + s) % 4
		}
		plans = append(plans, weightPlanes(weights, es.words))
	}
	for _, plan := range plans {
		fits := map[int][]float64{}
		for _, from := range []int{32, 1 << 30} {
			denseFrom = from
			f := newFitter(n, es)
			if dense := len(f.dense) > 0; dense != (from == 32) {
				t.Fatalf("denseFrom %d: dense = %v", from, dense)
			}
			f.aggregate(plan)
			fits[from] = append([]float64(nil), f.fit(nil)...)
		}
		denseFrom = 32
		// And plain SQUAREM-accelerated MM, the fallback, reaches the same point
		// to the precision of its stopping rule.
		f := newFitter(n, es)
		f.aggregate(plan)
		mm := f.squarem(make([]float64, n))
		for i := range n {
			if d := math.Abs(fits[32][i] - fits[1<<30][i]); d > 1e-9 {
				t.Errorf("player %d: dense %v, edges %v", i, fits[32][i], fits[1<<30][i])
			}
			if d := math.Abs(fits[32][i] - mm[i]); d > 1e-6 {
				t.Errorf("player %d: Newton %v, MM %v", i, fits[32][i], mm[i])
			}
		}
	}
}
