package chart

import (
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// EffPoint is one model on the efficiency chart.
type EffPoint struct {
	Model   string  // model id
	Name    string  // display name
	ParamsB float64 // total parameters, billions
	Score   float64 // mean normalised score (0–100) over the model's results in force
}

// EfficiencyPoints returns a point for every model that has a known size (params_b)
// and at least one result in force in snap on a known benchmark. Score is the mean of
// standings.Normalised over those results. Points are sorted by size, then model id.
func EfficiencyPoints(snap *standings.Snapshot, models []league.Model, benchmarks []league.Benchmark) []EffPoint {
	if snap == nil {
		return nil
	}
	bench := make(map[string]league.Benchmark, len(benchmarks))
	for _, b := range benchmarks {
		bench[b.ID] = b
	}
	sum := map[string]float64{}
	count := map[string]int{}
	for _, r := range snap.Results {
		b, ok := bench[r.Benchmark]
		if !ok {
			continue
		}
		sum[r.Model] += standings.Normalised(b, r.Score)
		count[r.Model]++
	}
	var pts []EffPoint
	for _, m := range models {
		if m.ParamsB <= 0 || count[m.ID] == 0 {
			continue
		}
		name := m.Name
		if name == "" {
			name = m.ID
		}
		pts = append(pts, EffPoint{Model: m.ID, Name: name, ParamsB: m.ParamsB, Score: sum[m.ID] / float64(count[m.ID])})
	}
	sortEff(pts)
	return pts
}

// sortEff sorts by size, then model id.
func sortEff(pts []EffPoint) {
	sort.SliceStable(pts, func(i, j int) bool {
		if pts[i].ParamsB != pts[j].ParamsB {
			return pts[i].ParamsB < pts[j].ParamsB
		}
		return pts[i].Model < pts[j].Model
	})
}

// Frontier returns the points that no model of smaller or equal size beats: in order
// of size, each point that scores higher than every smaller model and at least as
// high as every model of its own size. The result is sorted by size, then model id;
// pts is not modified.
func Frontier(pts []EffPoint) []EffPoint {
	sorted := append([]EffPoint(nil), pts...)
	sortEff(sorted)
	var out []EffPoint
	best := math.Inf(-1) // best score among strictly smaller models
	for i := 0; i < len(sorted); {
		j, top := i, sorted[i].Score
		for j < len(sorted) && sorted[j].ParamsB == sorted[i].ParamsB {
			top = max(top, sorted[j].Score)
			j++
		}
		if top > best {
			for _, p := range sorted[i:j] {
				if p.Score == top {
					out = append(out, p)
				}
			}
			best = top
		}
		i = j
	}
	return out
}

// Efficiency draws models by size (log scale, billions of parameters) against their
// mean normalised score, with the frontier of Frontier as a labelled line. It returns
// an empty Figure when there are no points.
func Efficiency(prefix string, pts []EffPoint) Figure {
	if len(pts) == 0 {
		return Figure{}
	}
	pts = append([]EffPoint(nil), pts...)
	sortEff(pts)
	front := Frontier(pts)
	onFront := map[string]bool{}
	for _, p := range front {
		onFront[p.Model] = true
	}

	id := ID(prefix, "efficiency")
	tab := dataTable{
		Caption: "Size and mean normalised score",
		Cols: []column{{Label: "Model"}, {Label: "Parameters (B)", Num: true},
			{Label: "Mean normalised score", Num: true}, {Label: "Frontier"}},
	}
	var dots []opts.ScatterData
	for _, p := range pts {
		s := round1(p.Score)
		dots = append(dots, opts.ScatterData{Name: label(p.Name), Value: []float64{p.ParamsB, s}})
		mark := ""
		if onFront[p.Model] {
			mark = "yes"
		}
		tab.Rows = append(tab.Rows, []string{p.Name, num(p.ParamsB), one(s), mark})
	}
	var line []opts.LineData
	for _, p := range front {
		line = append(line, opts.LineData{Name: label(p.Name), Value: []float64{p.ParamsB, round1(p.Score)}})
	}

	sc := charts.NewScatter()
	sc.SetGlobalOptions(newInit(id))
	sc.AddSeries("Models", dots, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.SymbolSize = 9
		s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}\n{@[0]}B parameters, score {@[1]}"}
	}))
	fl := charts.NewLine()
	fl.AddSeries("Frontier", line, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.ShowSymbol = opts.Bool(true)
		s.SymbolSize = 11
		s.LineStyle = &opts.LineStyle{Width: 2}
		s.Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{b}"}
		s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b} (frontier)\n{@[0]}B parameters, score {@[1]}"}
	}))
	sc.Overlap(fl)

	lo, hi := pts[0].ParamsB, pts[len(pts)-1].ParamsB
	x := map[string]any{"type": "log", "name": "Parameters (billions, log scale)",
		"nameLocation": "middle", "nameGap": 28, "logBase": 10,
		"min": logFloor(lo), "max": logCeil(hi)}
	y := valueAxis("Mean normalised score")
	y["nameGap"] = 36
	y["max"] = 100
	g := grid()
	g["bottom"] = 28
	g["left"] = 16
	return draw(figure{
		id:      id,
		caption: "Parameters against mean normalised score, with the efficiency frontier",
		chart:   sc,
		option:  map[string]any{"grid": g, "xAxis": x, "yAxis": y, "legend": map[string]any{"show": true, "top": 0}},
		table:   tab,
	})
}

// logFloor returns the power of ten at or below v (v > 0).
func logFloor(v float64) float64 {
	p := 1.0
	for p > v {
		p /= 10
	}
	for p*10 <= v {
		p *= 10
	}
	return p
}

// logCeil returns the power of ten at or above v (v > 0).
func logCeil(v float64) float64 {
	p := logFloor(v)
	if p < v {
		p *= 10
	}
	return p
}
