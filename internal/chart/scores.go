package chart

import (
	"fmt"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// benchName returns the display name of a benchmark, or its id.
func benchName(b league.Benchmark) string {
	if b.Name != "" {
		return b.Name
	}
	return b.ID
}

// ModelCategories draws one model's normalised score on every benchmark it has a
// result for in snap, one bar per benchmark, grouped and coloured by category
// (categories in byte order, benchmarks by name within one). It returns an empty
// Figure when the model has no result on a known benchmark.
func ModelCategories(prefix, modelID string, snap *standings.Snapshot, benchmarks []league.Benchmark, names map[string]string) Figure {
	if snap == nil {
		return Figure{}
	}
	bench := make(map[string]league.Benchmark, len(benchmarks))
	for _, b := range benchmarks {
		bench[b.ID] = b
	}
	type entry struct {
		b     league.Benchmark
		score float64
		norm  float64
	}
	var es []entry
	// The snapshot's results are sorted by model: the model's are one run of them.
	from := sort.Search(len(snap.Results), func(i int) bool { return snap.Results[i].Model >= modelID })
	for _, r := range snap.Results[from:] {
		if r.Model != modelID {
			break
		}
		b, ok := bench[r.Benchmark]
		if !ok {
			continue
		}
		es = append(es, entry{b, r.Score, round1(standings.Normalised(b, r.Score))})
	}
	if len(es) == 0 {
		return Figure{}
	}
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i].b, es[j].b
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if benchName(a) != benchName(b) {
			return benchName(a) < benchName(b)
		}
		return a.ID < b.ID
	})

	name := nameOf(names, modelID)
	id := ID(prefix, modelID, "categories")
	tab := dataTable{
		Caption: "Scores of " + name + " by benchmark",
		Cols: []column{{Label: "Benchmark"}, {Label: "Category"}, {Label: "Score", Num: true},
			{Label: "Normalised", Num: true}},
	}
	labels := make([]string, len(es))
	var cats []string
	for i, e := range es {
		labels[i] = label(benchName(e.b))
		if len(cats) == 0 || cats[len(cats)-1] != e.b.Category {
			cats = append(cats, e.b.Category)
		}
		tab.Rows = append(tab.Rows, []string{benchName(e.b), e.b.Category, num(e.score), one(e.norm)})
	}
	// One series per category, so the legend names the colours; a stack keeps every
	// bar centred on its own row.
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit(id))
	for _, c := range cats {
		data := make([]opts.BarData, len(es))
		for i, e := range es {
			if e.b.Category == c {
				data[i] = opts.BarData{Name: labels[i], Value: e.norm}
			} else {
				data[i] = opts.BarData{Value: "-"}
			}
		}
		cat := c
		if cat == "" {
			cat = "other"
		}
		bar.AddSeries(label(cat), data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Stack = "score"
			s.Label = &opts.Label{Show: opts.Bool(true), Position: "right"}
		}))
	}
	x, g := normalisedAxis()
	return draw(figure{
		id:      id,
		caption: "Normalised scores of " + name + " by benchmark and category",
		rows:    len(es),
		chart:   bar,
		option:  map[string]any{"grid": g, "legend": legend(), "xAxis": x, "yAxis": categoryAxis(labels, true)},
		table:   tab,
	})
}

// BenchmarkScores draws the raw score of the models with a result on b in snap,
// best first (the benchmark's direction decides), ties by model id: the first top of
// them (all when top is 0). It returns an empty Figure when no model has a result.
func BenchmarkScores(prefix string, b league.Benchmark, snap *standings.Snapshot, names map[string]string, top int) Figure {
	if snap == nil {
		return Figure{}
	}
	var rs []league.Result
	for _, r := range snap.Results {
		if r.Benchmark == b.ID {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return Figure{}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return (rs[i].Score > rs[j].Score) == b.HigherIsBetter
		}
		return rs[i].Model < rs[j].Model
	})
	more := ""
	if top > 0 && len(rs) > top {
		more = fmt.Sprintf(" (top %d of %d; every score is in the table)", top, len(rs))
		rs = rs[:top]
	}

	id := ID(prefix, b.ID, "scores")
	unit := b.Unit
	axis := "Score"
	if unit != "" {
		axis += " (" + unit + ")"
	}
	tab := dataTable{
		Caption: benchName(b) + " scores",
		Cols:    []column{{Label: "Model"}, {Label: axis, Num: true}, {Label: "Normalised", Num: true}},
	}
	labels := make([]string, len(rs))
	data := make([]opts.BarData, len(rs))
	for i, r := range rs {
		name := nameOf(names, r.Model)
		labels[i] = label(name)
		data[i] = opts.BarData{Name: labels[i], Value: r.Score}
		tab.Rows = append(tab.Rows, []string{name, num(r.Score), one(standings.Normalised(b, r.Score))})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit(id))
	bar.AddSeries(label(benchName(b)), data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	x := valueAxis(axis)
	if !b.HigherIsBetter {
		x["name"] = axis + ", lower is better"
	}
	g := grid()
	g["bottom"] = 28
	return draw(figure{
		id:      id,
		caption: "Score of every model on " + benchName(b) + ", best first" + more,
		rows:    len(rs),
		chart:   bar,
		option:  map[string]any{"grid": g, "xAxis": x, "yAxis": categoryAxis(labels, true)},
		table:   tab,
	})
}

// HeadToHead draws a match benchmark by benchmark: the normalised scores of the two
// models as two series, one row per shared benchmark in the match's order. It returns
// an empty Figure for a match without legs.
func HeadToHead(prefix string, m *standings.Match, names map[string]string, benchmarks []league.Benchmark) Figure {
	return headToHead(prefix, m, names, benchmarks, true)
}

// headToHead is HeadToHead; direct writes the chart's option itself
// (headToHeadOption), where it can, instead of through go-echarts.
func headToHead(prefix string, m *standings.Match, names map[string]string, benchmarks []league.Benchmark, direct bool) Figure {
	if m == nil {
		return Figure{}
	}
	legs := m.Legs()
	if len(legs) == 0 {
		return Figure{}
	}
	bench := make(map[string]league.Benchmark, len(benchmarks))
	for _, b := range benchmarks {
		bench[b.ID] = b
	}
	an, bn := nameOf(names, m.A), nameOf(names, m.B)
	id := ID(prefix, m.A, "vs", m.B)
	tab := dataTable{
		Caption: an + " v " + bn + ", benchmark by benchmark",
		Cols: []column{{Label: "Benchmark"}, {Label: an, Num: true}, {Label: bn, Num: true},
			{Label: an + " normalised", Num: true}, {Label: bn + " normalised", Num: true}, {Label: "Taken by"}},
	}
	labels := make([]string, len(legs))
	va := make([]float64, len(legs))
	vb := make([]float64, len(legs))
	for i, l := range legs {
		b, ok := bench[l.Benchmark]
		if !ok {
			b = league.Benchmark{ID: l.Benchmark, HigherIsBetter: true}
		}
		na, nb := round1(standings.Normalised(b, l.A.Score)), round1(standings.Normalised(b, l.B.Score))
		labels[i] = label(benchName(b))
		va[i], vb[i] = na, nb
		winner := "draw"
		if l.Winner != "" {
			winner = nameOf(names, l.Winner)
		}
		tab.Rows = append(tab.Rows, []string{benchName(b), num(l.A.Score), num(l.B.Score), one(na), one(nb), winner})
	}
	f := figure{
		id:      id,
		caption: an + " against " + bn + ": normalised score on each shared benchmark",
		rows:    2 * len(legs),
		table:   tab,
	}
	sa, sb := label(an), label(bn)
	if direct {
		if option, ok := headToHeadOption(sa, sb, labels, va, vb); ok {
			return piecesOf(f, jsonBlock(option, f.id)) // JSON by construction
		}
	}
	return draw(headToHeadChart(f, sa, sb, labels, va, vb))
}

// headToHeadChart completes the figure of a head-to-head with its go-echarts chart:
// series a and b, named sa and sb, with one bar per label.
func headToHeadChart(f figure, sa, sb string, labels []string, va, vb []float64) figure {
	da := make([]opts.BarData, len(labels))
	db := make([]opts.BarData, len(labels))
	for i, l := range labels {
		da[i] = opts.BarData{Name: l, Value: va[i]}
		db[i] = opts.BarData{Name: l, Value: vb[i]}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit(f.id))
	withLabel := charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"})
	bar.AddSeries(sa, da, withLabel)
	bar.AddSeries(sb, db, withLabel)
	x, g := normalisedAxis()
	f.chart = bar
	f.option = map[string]any{"grid": g, "legend": legend(), "xAxis": x, "yAxis": categoryAxis(labels, true)}
	return f
}

// normalisedAxis is the 0–100 value axis of the normalised-score charts, with the
// grid room its name needs below it.
func normalisedAxis() (axis, g map[string]any) {
	axis = valueAxis("Normalised score (0–100)")
	axis["min"], axis["max"] = 0, 100
	g = grid()
	g["bottom"] = 28
	return axis, g
}
