package chart

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/ai-league/ai-league/internal/standings"
)

// rankLabel shows a rank as the tables do: "=3" when shared.
func rankLabel(r standings.Row) string {
	if r.SharedRank {
		return "=" + strconv.Itoa(r.Rank)
	}
	return strconv.Itoa(r.Rank)
}

// StandingsPoints draws the points of the models of a table as horizontal bars in
// rank order, leader on top: the first top rows (every row when top is 0), so that a
// long table stays readable; the page's table has every row. prefix keeps ids unique
// on a page (e.g. the page's slug). It returns an empty Figure for a table without rows.
func StandingsPoints(prefix string, t *standings.Table, names map[string]string, top int) Figure {
	if t == nil || len(t.Rows) == 0 {
		return Figure{}
	}
	id := ID(prefix, t.ID, "points")
	rows, more := topRows(t.Rows, top)
	labels := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	tab := dataTable{
		Caption: "Points, " + t.Name,
		Cols:    []column{{Label: "Rank", Num: true}, {Label: "Model"}, {Label: "Points", Num: true}},
		RowHead: 1,
	}
	for i, r := range rows {
		name := nameOf(names, r.Model)
		labels[i] = label(name)
		data[i] = opts.BarData{Name: label(name), Value: r.Points}
		tab.Rows = append(tab.Rows, []string{rankLabel(r), name, strconv.Itoa(r.Points)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit(id))
	bar.AddSeries("Points", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	x := valueAxis("Points")
	x["minInterval"] = 1
	return draw(figure{
		id:      id,
		caption: "Points per model, " + t.Name + " table" + more,
		rows:    len(rows),
		chart:   bar,
		option:  map[string]any{"grid": grid(), "xAxis": x, "yAxis": categoryAxis(labels, true)},
		table:   tab,
	})
}

// StandingsRating draws every model's rating with its 95% interval: a bar from
// rating_low to rating_high (stacked on an invisible bar up to rating_low) and a
// marker at the rating; the first top rows, as StandingsPoints. The rating axis is
// scaled to the data, not from zero.
func StandingsRating(prefix string, t *standings.Table, names map[string]string, top int) Figure {
	if t == nil || len(t.Rows) == 0 {
		return Figure{}
	}
	id := ID(prefix, t.ID, "rating")
	rows, more := topRows(t.Rows, top)
	n := len(rows)
	labels := make([]string, n)
	base := make([]opts.BarData, n)
	span := make([]opts.BarData, n)
	marks := make([]opts.ScatterData, n)
	tab := dataTable{
		Caption: "Ratings with 95% intervals, " + t.Name,
		Cols: []column{{Label: "Rank", Num: true}, {Label: "Model"}, {Label: "Rating", Num: true},
			{Label: "Low", Num: true}, {Label: "High", Num: true}},
		RowHead: 1,
	}
	for i, r := range rows {
		name := label(nameOf(names, r.Model))
		labels[i] = name
		base[i] = opts.BarData{Name: name, Value: r.RatingLow}
		span[i] = opts.BarData{Name: name, Value: round1(r.RatingHigh - r.RatingLow)}
		marks[i] = opts.ScatterData{Name: name, Value: []any{r.Rating, i, r.RatingLow, r.RatingHigh}}
		tab.Rows = append(tab.Rows, []string{rankLabel(r), nameOf(names, r.Model),
			one(r.Rating), one(r.RatingLow), one(r.RatingHigh)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit(id))
	hidden := func(s *charts.SingleSeries) {
		s.Stack = "interval"
		s.ItemStyle = &opts.ItemStyle{Color: "transparent"}
	}
	bar.AddSeries("Low", base, charts.WithSeriesOpts(hidden))
	bar.AddSeries("95% interval", span, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Stack = "interval"
		s.BarWidth = "40%"
		s.ItemStyle = &opts.ItemStyle{Opacity: opts.Float(0.45)}
	}))
	dots := charts.NewScatter()
	dots.AddSeries("Rating", marks, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.SymbolSize = 10
		s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}\nRating {@[0]} (95%: {@[2]}–{@[3]})"}
	}))
	bar.Overlap(dots)

	// scale: ECharts picks a range around the data instead of starting at zero.
	x := valueAxis("Rating")
	x["scale"] = true
	y := categoryAxis(labels, true)
	y["axisLine"] = map[string]any{"onZero": false}
	return draw(figure{
		id:      id,
		caption: "Rating with 95% interval per model, " + t.Name + " table" + more,
		rows:    n,
		chart:   bar,
		option: map[string]any{"grid": grid(), "xAxis": x, "yAxis": y,
			"legend": map[string]any{"show": true, "top": 0, "data": []string{"95% interval", "Rating"}}},
		// The bars only draw the interval; the tooltip is the rating marker's.
		series: map[int]map[string]any{
			0: {"silent": true, "tooltip": map[string]any{"show": false}},
			1: {"silent": true, "tooltip": map[string]any{"show": false}},
		},
		table: tab,
	})
}

// RankHistory draws a bump chart of one table across snapshots: one line per model,
// x the snapshot dates, y the rank with 1 on top. A model absent from the table at a
// snapshot leaves a gap. Lines are ordered by the latest rank each model had; only
// the first top of that order are drawn (all when top is 0).
func RankHistory(prefix, tableID string, snaps []*standings.Snapshot, names map[string]string, top int) Figure {
	type seen struct {
		model    string
		lastDate string // date of the newest snapshot the model ranked in
		lastRank int
	}
	var dates []string
	ranks := map[string]map[string]int{} // model -> date -> rank
	last := map[string]*seen{}
	tableName, maxRank := tableID, 0
	for _, sn := range snaps {
		t := sn.Table(tableID)
		if t == nil || len(t.Rows) == 0 {
			continue
		}
		tableName = t.Name
		dates = append(dates, sn.Date)
		for _, r := range t.Rows {
			if ranks[r.Model] == nil {
				ranks[r.Model] = map[string]int{}
				last[r.Model] = &seen{model: r.Model}
			}
			ranks[r.Model][sn.Date] = r.Rank
			last[r.Model].lastDate, last[r.Model].lastRank = sn.Date, r.Rank
			maxRank = max(maxRank, r.Rank)
		}
	}
	if len(dates) == 0 {
		return Figure{}
	}
	order := make([]*seen, 0, len(last))
	for _, s := range last {
		order = append(order, s)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.lastDate != b.lastDate {
			return a.lastDate > b.lastDate
		}
		if a.lastRank != b.lastRank {
			return a.lastRank < b.lastRank
		}
		return a.model < b.model
	})
	more := ""
	if top > 0 && len(order) > top {
		more = fmt.Sprintf(" (the %d best placed of %d models)", top, len(order))
		order = order[:top]
		maxRank = 0
		for _, s := range order {
			for _, r := range ranks[s.model] {
				maxRank = max(maxRank, r)
			}
		}
	}

	id := ID(prefix, tableID, "history")
	line := charts.NewLine()
	line.SetGlobalOptions(newInit(id))
	tab := dataTable{Caption: "Rank by snapshot, " + tableName, Cols: []column{{Label: "Model"}}}
	for _, d := range dates {
		tab.Cols = append(tab.Cols, column{Label: d, Num: true})
	}
	for _, s := range order {
		name := nameOf(names, s.model)
		data := make([]opts.LineData, len(dates))
		row := []string{name}
		for i, d := range dates {
			if r, ok := ranks[s.model][d]; ok {
				data[i] = opts.LineData{Value: r}
				row = append(row, strconv.Itoa(r))
			} else {
				data[i] = opts.LineData{Value: "-"} // ECharts' mark for a missing value
				row = append(row, "–")
			}
		}
		tab.Rows = append(tab.Rows, row)
		line.AddSeries(label(name), data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.ShowSymbol = opts.Bool(true)
			s.SymbolSize = 7
			s.ConnectNulls = opts.Bool(false)
		}))
	}
	y := valueAxis("Rank")
	y["inverse"] = true
	y["min"] = 1
	y["max"] = max(maxRank, 2)
	y["minInterval"] = 1
	g := grid()
	g["top"] = 40
	g["left"], g["right"] = 28, 40 // room for the first and last dates, centred on the edges
	return draw(figure{
		id:      id,
		caption: "Rank history, " + tableName + " table" + more,
		chart:   line,
		option: map[string]any{"grid": g, "legend": legend(), "yAxis": y,
			"xAxis": map[string]any{"type": "category", "data": dates, "boundaryGap": false}},
		table: tab,
	})
}

// topRows returns the first top rows (all when top is 0) and, when rows were left
// out, the words that say so in a caption.
func topRows(rows []standings.Row, top int) ([]standings.Row, string) {
	if top <= 0 || len(rows) <= top {
		return rows, ""
	}
	return rows[:top], fmt.Sprintf(" (top %d of %d; every row is in the table)", top, len(rows))
}
