package standings

import (
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/league"
)

func TestIterCount(t *testing.T) {
	models, benchmarks, results := generate(60, 25, 8)
	bm := map[string]*league.Benchmark{}
	for i := range benchmarks {
		bm[benchmarks[i].ID] = &benchmarks[i]
	}
	mm := map[string]*league.Model{}
	for i := range models {
		mm[models[i].ID] = &models[i]
	}
	c := &computation{rules: Rules{MinShared: 3}, models: mm, benchmarks: bm}
	sn := c.snapshot("x", inForce(results, "9999"))
	start := time.Now()
	tb := sn.Tables[0]
	rateTable(tb, sn)
	t.Log(iterCount, time.Since(start), tb.Rows[0], tb.Rows[59])
}
