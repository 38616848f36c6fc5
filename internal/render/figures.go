package render

import (
	"github.com/ai-league/ai-league/internal/chart"
	"github.com/ai-league/ai-league/internal/site"
)

// ChartTop is how many rows a league chart draws: the leaders. A chart of hundreds of
// bars is unreadable; the table beside it has every row.
const ChartTop = 30

// figures draws a page's charts. go-echarts is slow and each chart is drawn once, on
// the worker that renders the page.
func (r *Renderer) figures(charts []site.Chart) []Figure {
	var figs []Figure
	s := r.site
	latest := s.Season.Latest()
	for _, c := range charts {
		var f chart.Figure
		switch c.Kind {
		case site.ChartPoints:
			f = chart.StandingsPoints("standings_"+c.Table.ID, c.Table, r.names, ChartTop)
		case site.ChartRating:
			f = chart.StandingsRating("standings_"+c.Table.ID, c.Table, r.names, ChartTop)
		case site.ChartHistory:
			f = chart.RankHistory("standings_"+c.Table.ID, c.Table.ID, s.Season.Snapshots, r.names, ChartTop)
		case site.ChartEfficiency:
			pts := make([]chart.EffPoint, len(c.Eff))
			for i, p := range c.Eff {
				pts[i] = chart.EffPoint{Model: p.Model, Name: p.Name, ParamsB: p.ParamsB, Score: p.Score, Frontier: p.Frontier}
			}
			f = chart.Efficiency("standings", pts)
		case site.ChartCategories:
			f = chart.ModelCategories("model", c.Model, latest, s.Data.Benchmarks, r.names)
		case site.ChartBenchmark:
			f = chart.BenchmarkScores("benchmark", *c.Bench, latest, r.names, ChartTop)
		case site.ChartH2H:
			f = chart.HeadToHead("h2h", c.Match, r.names, s.Data.Benchmarks)
		}
		if !f.Empty() {
			figs = append(figs, figureOf(f, c.Group))
		}
	}
	return figs
}
