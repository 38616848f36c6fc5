package chart

import (
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// EffPoint is one model on the efficiency chart; the site computes the points and
// which of them are on the frontier.
type EffPoint struct {
	Model    string  // model id
	Name     string  // display name
	ParamsB  float64 // total parameters, billions
	Score    float64 // mean normalised score (0–100)
	Frontier bool    // on the efficiency frontier
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

// Efficiency draws models by size (log scale, billions of parameters) against their
// mean normalised score, with the points marked Frontier as a labelled line. It returns
// an empty Figure when there are no points.
func Efficiency(prefix string, pts []EffPoint) Figure {
	if len(pts) == 0 {
		return Figure{}
	}
	pts = append([]EffPoint(nil), pts...)
	sortEff(pts)
	var front []EffPoint
	onFront := map[string]bool{}
	for _, p := range pts {
		if p.Frontier {
			front = append(front, p)
			onFront[p.Model] = true
		}
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
