package chart

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

const (
	evilScript = `</script><script>alert(1)</script>`
	evilImg    = `<img src=x onerror=alert(1)>`
	evilMarker = `x"__f__);alert(1);//<!--`
)

var (
	testNames = map[string]string{
		"m-evil": evilScript,
		"m-img":  evilImg,
		"m-mark": evilMarker,
		"m-c":    "Plain C",
	}
	testBenchmarks = []league.Benchmark{
		{ID: "b-know", Name: "Knowledge " + evilImg, Category: "knowledge", HigherIsBetter: true, RandomBaseline: 25, Unit: "percent"},
		{ID: "b-math", Name: "Math", Category: "math", HigherIsBetter: true, Unit: "percent"},
		{ID: "b-err", Name: "Errors", Category: evilScript, HigherIsBetter: false, Max: 50, Unit: "errors"},
	}
	testModels = []league.Model{
		{ID: "m-c", Name: "Plain C", ParamsB: 30},
		{ID: "m-evil", Name: evilScript, ParamsB: 4},
		{ID: "m-img", Name: evilImg, ParamsB: 12},
		{ID: "m-mark", Name: evilMarker}, // unknown size
	}
)

func res(model, bench string, score float64) league.Result {
	return league.Result{Model: model, Benchmark: bench, Score: score}
}

func row(rank int, model string, points int, rating, lo, hi float64) standings.Row {
	return standings.Row{Rank: rank, Model: model, Points: points, Rating: rating, RatingLow: lo, RatingHigh: hi}
}

// testSnaps returns two snapshots of an overall table; m-mark enters in the second.
func testSnaps() []*standings.Snapshot {
	first := &standings.Snapshot{
		Date: "2026-03-01",
		Results: []league.Result{
			res("m-evil", "b-know", 70), res("m-evil", "b-math", 40),
			res("m-img", "b-know", 55), res("m-img", "b-math", 60),
		},
		Tables: []*standings.Table{{ID: "overall", Name: "Overall", Rows: []standings.Row{
			row(1, "m-evil", 3, 1520, 1490, 1550), row(2, "m-img", 0, 1480, 1450, 1510),
		}}},
	}
	second := &standings.Snapshot{
		Date: "2026-04-01",
		Results: []league.Result{
			res("m-c", "b-err", 5), res("m-c", "b-know", 85), res("m-c", "b-math", 80),
			res("m-evil", "b-err", 20), res("m-evil", "b-know", 70), res("m-evil", "b-math", 40),
			res("m-img", "b-err", 10), res("m-img", "b-know", 55), res("m-img", "b-math", 60),
			res("m-mark", "b-know", 90), res("m-mark", "unknown-bench", 1),
		},
		Matches: []*standings.Match{standings.NewMatch("m-evil", "m-img", []standings.Leg{
			{Benchmark: "b-err", A: res("m-evil", "b-err", 20), B: res("m-img", "b-err", 10), Winner: "m-img"},
			{Benchmark: "b-know", A: res("m-evil", "b-know", 70), B: res("m-img", "b-know", 55), Winner: "m-evil"},
			{Benchmark: "b-math", A: res("m-evil", "b-math", 40), B: res("m-img", "b-math", 60)},
		})},
		Tables: []*standings.Table{{ID: "overall", Name: "Overall " + evilImg, Rows: []standings.Row{
			row(1, "m-c", 9, 1600.4, 1550.1, 1650), row(2, "m-img", 4, 1500, 1460.2, 1540.7),
			{Rank: 2, SharedRank: true, Model: "m-mark", Points: 4, Rating: 1480, RatingLow: 1400, RatingHigh: 1560},
			row(4, "m-evil", 1, 1420, 1380.5, 1470),
		}}},
	}
	return []*standings.Snapshot{first, second}
}

// pageFigures draws every kind of figure from the test data, as one page would.
func pageFigures() []Figure {
	snaps := testSnaps()
	last := snaps[len(snaps)-1]
	overall := last.Table("overall")
	return []Figure{
		StandingsPoints("standings", overall, testNames, 0),
		StandingsRating("standings", overall, testNames, 0),
		RankHistory("standings", "overall", snaps, testNames, 0),
		Efficiency("standings", effPoints(last, testModels, testBenchmarks)),
		ModelCategories("model", "m-img", last, testBenchmarks, testNames),
		BenchmarkScores("bench", testBenchmarks[2], last, testNames, 0),
		HeadToHead("h2h", last.Matches[0], testNames, testBenchmarks),
	}
}

func TestFiguresAreDeterministic(t *testing.T) {
	a, b := pageFigures(), pageFigures()
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("figure %d (%s) differs between two renders", i, a[i].ID)
		}
	}
}

var jsIdent = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

func TestFigureIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range pageFigures() {
		if f.Empty() {
			t.Fatalf("figure unexpectedly empty: %+v", f)
		}
		if !jsIdent.MatchString(f.ID) {
			t.Errorf("id %q is not a JavaScript identifier", f.ID)
		}
		if seen[f.ID] {
			t.Errorf("id %q used twice on one page", f.ID)
		}
		seen[f.ID] = true
		if !strings.Contains(string(f.Element), `id="`+f.ID+`"`) {
			t.Errorf("%s: element lacks its id: %s", f.ID, f.Element)
		}
		if !strings.Contains(string(f.Script), `data-chart="`+f.ID+`"`) {
			t.Errorf("%s: the data block does not name its element", f.ID)
		}
	}
}

func TestID(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"standings", "overall", "points"}, "chart_standings_overall_points"},
		{[]string{"", "overall", "points"}, "chart_overall_points"},
		{[]string{"h2h", "gemma-4-12b", "vs", "qwen3.5-9b"}, "chart_h2h_gemma_4_12b_vs_qwen3_5_9b_"},
		{[]string{"p", "a-b"}, "chart_p_a_b_"},
		{[]string{"p", "a_b"}, "chart_p_a_b"},
	}
	for _, tt := range tests {
		got := ID(tt.parts...)
		if !strings.HasPrefix(got, tt.want) || !jsIdent.MatchString(got) {
			t.Errorf("ID(%q) = %q, want prefix %q and a JS identifier", tt.parts, got, tt.want)
		}
	}
	// Exact ids; the hashes are FNV-1a (32 bits) of the parts, each ended by a NUL byte,
	// worked out apart from the code.
	for _, tt := range []struct {
		parts []string
		want  string
	}{
		{[]string{"09azAZ_", "x"}, "chart_09azAZ__x"},
		{[]string{"p", "a-b"}, "chart_p_a_b_f9d8b8c1"},
		{[]string{"/:@[`{"}, "chart________410cb50c"}, // the bytes just outside 0-9, A-Z and a-z
		{[]string{"", "x.y"}, "chart_x_y_24aebc68"},   // an empty part is skipped, but hashed
	} {
		if got := ID(tt.parts...); got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
	if ID("p", "a-b") == ID("p", "a_b") || ID("p", "a-b") == ID("p", "a.b") {
		t.Error("ids of different keys collide")
	}
	if ID("p", "a-b") != ID("p", "a-b") {
		t.Error("ID is not stable")
	}
}

func TestFiguresEscapeData(t *testing.T) {
	for _, f := range pageFigures() {
		for part, html := range map[string]string{"Element": string(f.Element), "Table": string(f.Table), "Caption attr": string(f.Element)} {
			for _, bad := range []string{"<script", "</script", "<img", "onerror=alert(1)>"} {
				if strings.Contains(html, bad) {
					t.Errorf("%s: %s contains %q unescaped:\n%s", f.ID, part, bad, html)
				}
			}
		}
		s := string(f.Script)
		open := `<script type="application/json" data-chart="` + f.ID + `">`
		if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, "</script>\n") {
			t.Errorf("%s: not one JSON data block:\n%s", f.ID, s)
		}
		if n := strings.Count(strings.ToLower(s), "</script"); n != 1 {
			t.Errorf("%s: script has %d </script, want only its own closing tag", f.ID, n)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(s, open), "</script>\n")
		if strings.ContainsAny(inner, "<>") {
			t.Errorf("%s: raw < or > inside the script:\n%s", f.ID, inner)
		}
		if strings.Contains(s, "__f__") {
			t.Errorf("%s: go-echarts' function marker reached the script", f.ID)
		}
	}
}

func TestEvilNamesSurviveAsText(t *testing.T) {
	f := StandingsPoints("", testSnaps()[1].Table("overall"), testNames, 0)
	opt := option(t, f)
	labels := opt["yAxis"].(map[string]any)["data"].([]any)
	got := map[string]bool{}
	for _, l := range labels {
		got[l.(string)] = true
	}
	for _, want := range []string{evilScript, evilImg} {
		if !got[want] {
			t.Errorf("label %q not passed to ECharts as plain text; labels %q", want, labels)
		}
	}
	if tt := opt["tooltip"].(map[string]any); tt["renderMode"] != "richText" {
		t.Errorf("tooltip %v: want richText, which never parses HTML", tt)
	}
	if !strings.Contains(string(f.Table), "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("table lacks the escaped name:\n%s", f.Table)
	}
}

// option decodes the ECharts option of a figure's data block.
func option(t *testing.T, f Figure) map[string]any {
	t.Helper()
	s := string(f.Script)
	start := strings.Index(s, ">")
	end := strings.LastIndex(s, "</script>")
	if start < 0 || end < start {
		t.Fatalf("%s: no data block:\n%s", f.ID, s)
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(s[start+1:end]), &opt); err != nil {
		t.Fatalf("%s: option is not JSON: %v\n%s", f.ID, err, s)
	}
	return opt
}

func TestDataBlockRefusesUnknownScripts(t *testing.T) {
	for name, script := range map[string]string{
		"an event listener": "<script type=\"text/javascript\">\n    let option_x = {}\n    goecharts_x.on(\"click\", function () {})\n</script>",
		"not JSON":          "<script type=\"text/javascript\">\n    let option_x = {a: 1}\n</script>",
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			dataBlock(script, "x")
		})
	}
}

func series(t *testing.T, opt map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range opt["series"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

// values returns the "value" of every data item of a series ("-" for a gap).
func values(s map[string]any) []any {
	var out []any
	for _, d := range s["data"].([]any) {
		out = append(out, d.(map[string]any)["value"])
	}
	return out
}

func TestStandingsCharts(t *testing.T) {
	tab := testSnaps()[1].Table("overall")

	pts := option(t, StandingsPoints("", tab, testNames, 0))
	if got := values(series(t, pts)[0]); !equalJSON(got, []any{9, 4, 4, 1}) {
		t.Errorf("points in rank order = %v", got)
	}
	if y := pts["yAxis"].(map[string]any); y["inverse"] != true || y["data"].([]any)[0] != "Plain C" {
		t.Errorf("points y axis %v: want the leader on top", y)
	}

	rat := option(t, StandingsRating("", tab, testNames, 0))
	ss := series(t, rat)
	if len(ss) != 3 || ss[0]["stack"] != ss[1]["stack"] || ss[0]["stack"] == nil {
		t.Fatalf("rating series: want two stacked bars and a marker, got %v", ss)
	}
	if got := values(ss[0]); !equalJSON(got, []any{1550.1, 1460.2, 1400, 1380.5}) {
		t.Errorf("invisible bars = %v, want rating_low", got)
	}
	if got := values(ss[1]); !equalJSON(got, []any{99.9, 80.5, 160, 89.5}) {
		t.Errorf("interval bars = %v, want high-low", got)
	}
	if ss[2]["type"] != "scatter" || !equalJSON(values(ss[2])[0], []any{1600.4, 0, 1550.1, 1650}) {
		t.Errorf("rating marker = %v", ss[2])
	}
	// The two bars only draw the interval: they take no mouse events and show no
	// tooltip; the marker's tooltip is the only one.
	for i, s := range ss[:2] {
		if s["silent"] != true || !equalJSON(s["tooltip"], map[string]any{"show": false}) {
			t.Errorf("rating bar %d: silent %v, tooltip %v; want silent and no tooltip", i, s["silent"], s["tooltip"])
		}
	}
	if _, ok := ss[2]["silent"]; ok {
		t.Errorf("rating marker is silent: %v", ss[2])
	}
	x := rat["xAxis"].(map[string]any)
	if x["scale"] != true || x["min"] != nil {
		t.Errorf("rating axis %v: want it scaled to the data, not from zero", x)
	}
}

func TestRankHistory(t *testing.T) {
	opt := option(t, RankHistory("", "overall", testSnaps(), testNames, 0))
	if got := opt["xAxis"].(map[string]any)["data"]; !equalJSON(got, []any{"2026-03-01", "2026-04-01"}) {
		t.Errorf("dates = %v", got)
	}
	y := opt["yAxis"].(map[string]any)
	if y["inverse"] != true || y["min"].(float64) != 1 || y["max"].(float64) != 4 {
		t.Errorf("rank axis %v: want inverted 1..4", y)
	}
	want := map[string][]any{ // in the order of the latest rank
		"Plain C":         {"-", 1},
		evilImg:           {2, 2},
		label(evilMarker): {"-", 2}, // "__f__" broken by zero-width spaces
		evilScript:        {1, 4},
	}
	ss := series(t, opt)
	order := []string{"Plain C", evilImg, label(evilMarker), evilScript}
	if len(ss) != len(order) {
		t.Fatalf("%d lines, want %d", len(ss), len(order))
	}
	for i, s := range ss {
		name := s["name"].(string)
		if name != order[i] {
			t.Errorf("line %d is %q, want %q", i, name, order[i])
		}
		if got := values(s); !equalJSON(got, want[name]) {
			t.Errorf("%q ranks = %v, want %v", name, got, want[name])
		}
	}
	if f := RankHistory("", "laptop", testSnaps(), testNames, 0); !f.Empty() {
		t.Error("history of a table in no snapshot should be empty")
	}
}

func TestEfficiencyPoints(t *testing.T) {
	got := effPoints(testSnaps()[1], testModels, testBenchmarks)
	// By hand: b-know 100·(s−25)/75, b-math s, b-err (lower is better, max 50) 100·(50−s)/50.
	want := []EffPoint{
		{Model: "m-evil", Name: evilScript, ParamsB: 4, Score: (60 + 40 + 60) / 3.0},
		{Model: "m-img", Name: evilImg, ParamsB: 12, Score: (40 + 60 + 80) / 3.0},
		{Model: "m-c", Name: "Plain C", ParamsB: 30, Score: (80 + 80 + 90) / 3.0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d points, want %d (m-mark has no size): %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Model != w.Model || g.Name != w.Name || g.ParamsB != w.ParamsB || math.Abs(g.Score-w.Score) > 1e-9 {
			t.Errorf("point %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestEfficiencyChart(t *testing.T) {
	pts := effPoints(testSnaps()[1], testModels, testBenchmarks)
	opt := option(t, Efficiency("", pts))
	x := opt["xAxis"].(map[string]any)
	if x["type"] != "log" || x["min"].(float64) != 1 || x["max"].(float64) != 100 {
		t.Errorf("x axis %v: want log from 1 to 100", x)
	}
	ss := series(t, opt)
	if len(ss) != 2 || ss[0]["type"] != "scatter" || ss[1]["type"] != "line" {
		t.Fatalf("want a scatter and a frontier line, got %v", ss)
	}
	if got := values(ss[1]); !equalJSON(got, []any{[]any{4, 53.3}, []any{12, 60}, []any{30, 83.3}}) {
		t.Errorf("frontier = %v", got)
	}
	if l := ss[1]["label"].(map[string]any); l["show"] != true {
		t.Errorf("frontier points are not labelled: %v", l)
	}
}

func TestScoreCharts(t *testing.T) {
	last := testSnaps()[1]

	// b-err: lower is better, so 5 (m-c) first.
	bs := option(t, BenchmarkScores("", testBenchmarks[2], last, testNames, 0))
	if got := values(series(t, bs)[0]); !equalJSON(got, []any{5, 10, 20}) {
		t.Errorf("lower-is-better scores = %v, want best first", got)
	}
	hb := option(t, BenchmarkScores("", testBenchmarks[0], last, testNames, 0))
	if got := values(series(t, hb)[0]); !equalJSON(got, []any{90, 85, 70, 55}) {
		t.Errorf("higher-is-better scores = %v, want best first", got)
	}

	// m-img: categories in byte order: evilScript ("</…") < knowledge < math.
	mc := option(t, ModelCategories("", "m-img", last, testBenchmarks, testNames))
	ss := series(t, mc)
	if len(ss) != 3 {
		t.Fatalf("want a series per category, got %d", len(ss))
	}
	wantVals := [][]any{{80, "-", "-"}, {"-", 40, "-"}, {"-", "-", 60}}
	for i, s := range ss {
		if got := values(s); !equalJSON(got, wantVals[i]) {
			t.Errorf("category %q = %v, want %v", s["name"], got, wantVals[i])
		}
	}

	h := option(t, HeadToHead("", last.Matches[0], testNames, testBenchmarks))
	hs := series(t, h)
	if !equalJSON(values(hs[0]), []any{60, 60, 40}) || !equalJSON(values(hs[1]), []any{80, 40, 60}) {
		t.Errorf("head-to-head normalised = %v / %v", values(hs[0]), values(hs[1]))
	}
	if hs[0]["name"] != evilScript || hs[1]["name"] != evilImg {
		t.Errorf("series names %q, %q", hs[0]["name"], hs[1]["name"])
	}
}

func TestEmptyFigures(t *testing.T) {
	snap := testSnaps()[1]
	tests := map[string]Figure{
		"nil table":          StandingsPoints("", nil, nil, 0),
		"empty table":        StandingsRating("", &standings.Table{ID: "x"}, nil, 0),
		"no snapshots":       RankHistory("", "overall", nil, nil, 0),
		"no points":          Efficiency("", nil),
		"model without data": ModelCategories("", "nobody", snap, testBenchmarks, nil),
		"benchmark unplayed": BenchmarkScores("", league.Benchmark{ID: "none"}, snap, nil, 0),
		"nil match":          HeadToHead("", nil, nil, nil),
	}
	for name, f := range tests {
		if !f.Empty() || f.Element != "" || f.Script != "" || f.Table != "" {
			t.Errorf("%s: want an empty figure, got %+v", name, f)
		}
	}
}

func TestChartsJSHasCSS(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "static", "js", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	// charts.js may split the CSS over concatenated string literals.
	joined := regexp.MustCompile(`"\s*\+\s*"`).ReplaceAllString(js, "")
	if !strings.Contains(joined, `"`+CSS+`"`) {
		t.Errorf("charts.js lacks chart.CSS %q", CSS)
	}
	if !strings.Contains(js, `registerTheme(THEME`) || !strings.Contains(js, `var THEME = "`+Theme+`"`) {
		t.Error("charts.js does not register the theme the charts use")
	}
}

// TestPage writes every figure into one HTML page beside the vendored scripts, for a
// look in a browser: CHART_PAGE=dir go test -run TestPage ./internal/chart/
func TestPage(t *testing.T) {
	dir := os.Getenv("CHART_PAGE")
	if dir == "" {
		dir = t.TempDir()
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><title>charts</title></head><body>\n")
	for _, f := range pageFigures() {
		b.WriteString("<figure>" + string(f.Element) + "<figcaption>" + html.EscapeString(f.Caption) + "</figcaption>" + string(f.Table) + "</figure>\n")
	}
	b.WriteString(`<script src="echarts.common.min.js"></script><script src="charts.js"></script>` + "\n")
	for _, f := range pageFigures() {
		b.WriteString(string(f.Script))
	}
	b.WriteString("</body></html>\n")
	if err := os.WriteFile(filepath.Join(dir, "charts.html"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// equalJSON compares a decoded JSON value with a Go value by their JSON encoding.
func equalJSON(got, want any) bool {
	g, err1 := json.Marshal(got)
	w, err2 := json.Marshal(want)
	return err1 == nil && err2 == nil && string(g) == string(w)
}

// effPoints computes the efficiency points as the site does, for the chart.
func effPoints(snap *standings.Snapshot, models []league.Model, benchmarks []league.Benchmark) []EffPoint {
	byID := map[string]*league.Benchmark{}
	for i := range benchmarks {
		byID[benchmarks[i].ID] = &benchmarks[i]
	}
	var out []EffPoint
	for _, p := range site.EfficiencyPoints(snap, models, byID) {
		out = append(out, EffPoint{Model: p.Model, Name: p.Name, ParamsB: p.ParamsB, Score: p.Score, Frontier: p.Frontier})
	}
	return out
}

func TestChartsDrawTheTopRows(t *testing.T) {
	snaps := testSnaps()
	tab := snaps[1].Table("overall")
	pts := StandingsPoints("", tab, testNames, 2)
	if got := values(series(t, option(t, pts))[0]); !equalJSON(got, []any{9, 4}) {
		t.Errorf("top 2 points = %v, want the leaders' 9 and 4", got)
	}
	if want := "table (top 2 of 4; every row is in the table)"; !strings.HasSuffix(pts.Caption, want) {
		t.Errorf("caption = %q, want %q", pts.Caption, want)
	}
	if strings.Count(string(pts.Table), "<tr>") != 3 {
		t.Errorf("data table of a top-2 chart: want a head and 2 rows:\n%s", pts.Table)
	}
	rat := StandingsRating("", tab, testNames, 3)
	if got := values(series(t, option(t, rat))[0]); len(got) != 3 {
		t.Errorf("top 3 ratings = %v", got)
	}
	if all := StandingsPoints("", tab, testNames, 4); strings.Contains(all.Caption, "top") {
		t.Errorf("a table no longer than top says it was cut: %q", all.Caption)
	}
	h := RankHistory("", "overall", snaps, testNames, 1)
	if got := series(t, option(t, h)); len(got) != 1 {
		t.Errorf("history of the top 1: %d lines", len(got))
	}
	if !strings.Contains(h.Caption, "(the 1 best placed of 4 models)") {
		t.Errorf("history caption = %q", h.Caption)
	}
	bs := BenchmarkScores("", testBenchmarks[0], snaps[1], testNames, 1)
	if got := values(series(t, option(t, bs))[0]); len(got) != 1 || !strings.Contains(bs.Caption, "(top 1 of ") {
		t.Errorf("benchmark top 1 = %v, caption %q", got, bs.Caption)
	}
}

// TestScriptIsGoEchartsOwn holds script to the Script of go-echarts' RenderSnippet,
// for every kind of chart the site draws.
func TestScriptIsGoEchartsOwn(t *testing.T) {
	snaps := testSnaps()
	last := snaps[len(snaps)-1]
	overall := last.Table("overall")
	draws := map[string]func(){
		"points":     func() { StandingsPoints("standings", overall, testNames, 0) },
		"rating":     func() { StandingsRating("standings", overall, testNames, 0) },
		"history":    func() { RankHistory("standings", "overall", snaps, testNames, 0) },
		"efficiency": func() { Efficiency("standings", effPoints(last, testModels, testBenchmarks)) },
		"categories": func() { ModelCategories("model", "m-img", last, testBenchmarks, testNames) },
		"benchmark":  func() { BenchmarkScores("bench", testBenchmarks[2], last, testNames, 0) },
		"h2h":        func() { headToHead("h2h", last.Matches[0], testNames, testBenchmarks, false) },
	}
	for name, run := range draws {
		t.Run(name, func(t *testing.T) {
			f, g := lastFigure(run), lastFigure(run)
			f.chart.Accept(finish{option: f.option, series: f.series})
			g.chart.Accept(finish{option: g.option, series: g.series})
			if ours, theirs := script(f.chart, f.id), g.chart.RenderSnippet().Script; ours != theirs {
				t.Errorf("script differs from RenderSnippet:\n%s\n---\n%s", ours, theirs)
			}
		})
	}
}

// lastFigure runs draw and returns the last figure it was handed. Drawing uses the
// chart, so each call builds a fresh one.
func lastFigure(run func()) figure {
	var f figure
	drawn = func(g figure) { f = g }
	defer func() { drawn = nil }()
	run()
	return f
}

// BenchmarkHeadToHead draws the chart of one head-to-head, the chart a league has
// most of.
func BenchmarkHeadToHead(b *testing.B) {
	last := testSnaps()[1]
	b.ReportAllocs()
	for b.Loop() {
		HeadToHead("h2h", last.Matches[0], testNames, testBenchmarks)
	}
}

// The efficiency chart's log axis runs from the power of ten at or below the
// smallest size to the one at or above the largest; a size that is a power of ten
// is its own bound.
func TestLogBounds(t *testing.T) {
	for _, tc := range []struct{ v, floor, ceil float64 }{
		{1e-5, 1e-5, 1e-5}, {0.5, 0.1, 1}, {1, 1, 1}, {4, 1, 10}, {10, 10, 10}, {12, 10, 100}, {100, 100, 100}, {399, 100, 1000},
	} {
		if got := logFloor(tc.v); got != tc.floor {
			t.Errorf("logFloor(%v) = %v, want %v", tc.v, got, tc.floor)
		}
		if got := logCeil(tc.v); got != tc.ceil {
			t.Errorf("logCeil(%v) = %v, want %v", tc.v, got, tc.ceil)
		}
	}
	opt := option(t, Efficiency("", []EffPoint{{Model: "a", Name: "A", ParamsB: 10, Score: 50}, {Model: "b", Name: "B", ParamsB: 100, Score: 60}}))
	if x := opt["xAxis"].(map[string]any); x["min"].(float64) != 10 || x["max"].(float64) != 100 {
		t.Errorf("x axis from %v to %v, want 10 to 100", x["min"], x["max"])
	}
}

// Sizes in the efficiency table are exact (as short as they read back), scores to
// one decimal.
func TestEfficiencyTableFigures(t *testing.T) {
	f := Efficiency("", []EffPoint{{Model: "a", Name: "A", ParamsB: 1.25, Score: 50.06}, {Model: "b", Name: "B", ParamsB: 30, Score: 7}})
	for _, want := range []string{
		`<tr><th scope="row">A</th><td class="num">1.25</td><td class="num">50.1</td><td></td></tr>`,
		`<tr><th scope="row">B</th><td class="num">30</td><td class="num">7.0</td><td></td></tr>`,
	} {
		if !strings.Contains(string(f.Table), want) {
			t.Errorf("table lacks %s:\n%s", want, f.Table)
		}
	}
}

func TestBenchName(t *testing.T) {
	if got := benchName(league.Benchmark{ID: "b-x", Name: "Bench X"}); got != "Bench X" {
		t.Errorf("benchName with a name = %q, want Bench X", got)
	}
	if got := benchName(league.Benchmark{ID: "b-x"}); got != "b-x" {
		t.Errorf("benchName without a name = %q, want b-x", got)
	}
}

// ModelCategories orders bars by category, then benchmark name, then id, and names
// the series of the empty category "other".
func TestModelCategoriesOrder(t *testing.T) {
	benchmarks := []league.Benchmark{
		{ID: "z1", Name: "Zeta", Category: "alpha", HigherIsBetter: true},
		{ID: "b3", Name: "Beta", Category: "beta", HigherIsBetter: true},
		{ID: "a4", Name: "Alpha", Category: "beta", HigherIsBetter: true},
		{ID: "a2", Name: "Alpha", Category: "beta", HigherIsBetter: true},
		{ID: "o5", Name: "Omega", HigherIsBetter: true},
		{ID: "a0", Name: "Zulu", Category: "beta", HigherIsBetter: true},
	}
	snap := &standings.Snapshot{Results: []league.Result{
		res("l", "z1", 1), res("m", "a0", 70), res("m", "a2", 20), res("m", "a4", 40), res("m", "b3", 30), res("m", "o5", 50), res("m", "z1", 10), res("n", "a2", 2),
	}}
	opt := option(t, ModelCategories("", "m", snap, benchmarks, nil))
	if got := opt["yAxis"].(map[string]any)["data"]; !equalJSON(got, []any{"Omega", "Zeta", "Alpha", "Alpha", "Beta", "Zulu"}) {
		t.Errorf("bars = %v, want Omega (no category), Zeta (alpha), Alpha a2, Alpha a4, Beta, Zulu (beta; by name, not by id)", got)
	}
	var names []any
	for _, s := range series(t, opt) {
		names = append(names, s["name"])
	}
	if !equalJSON(names, []any{"other", "alpha", "beta"}) {
		t.Errorf("series = %v, want other, alpha, beta", names)
	}
	// The two benchmarks named Alpha come by id: a2 (20) before a4 (40); the scores
	// are their normalised scores (no max: out of 100, baseline 0).
	if got := values(series(t, opt)[2]); !equalJSON(got, []any{"-", "-", 20, 40, 30, 70}) {
		t.Errorf("beta bars = %v, want -, -, 20 (a2), 40 (a4), 30 (b3), 70 (a0)", got)
	}
}

func TestBenchmarkScoresDetails(t *testing.T) {
	last := testSnaps()[1]
	// As many results as top: nothing is left out, and the caption says no more.
	f := BenchmarkScores("", testBenchmarks[2], last, testNames, 3)
	if f.Caption != "Score of every model on Errors, best first" {
		t.Errorf("caption = %q", f.Caption)
	}
	if x := option(t, f)["xAxis"].(map[string]any); x["name"] != "Score (errors), lower is better" {
		t.Errorf("axis name = %q", x["name"])
	}
	// Math without its unit; three models have a result on it.
	f = BenchmarkScores("", league.Benchmark{ID: "b-math", Name: "Math", HigherIsBetter: true}, last, testNames, 2)
	if f.Caption != "Score of every model on Math, best first (top 2 of 3; every score is in the table)" {
		t.Errorf("caption = %q", f.Caption)
	}
	if x := option(t, f)["xAxis"].(map[string]any); x["name"] != "Score" {
		t.Errorf("axis name without a unit = %q, want Score", x["name"])
	}
}

func TestHeadToHeadDetails(t *testing.T) {
	// The last column names who took each leg, "draw" when no one did.
	f := HeadToHead("", testSnaps()[1].Matches[0], testNames, testBenchmarks)
	for _, want := range []string{
		`<td class="num">10</td><td class="num">60.0</td><td class="num">80.0</td><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>`,
		`<td class="num">40</td><td class="num">60</td><td class="num">40.0</td><td class="num">60.0</td><td>draw</td></tr>`,
	} {
		if !strings.Contains(string(f.Table), want) {
			t.Errorf("table lacks %s:\n%s", want, f.Table)
		}
	}
	// Two bars a leg: 12 legs are 24 rows, 26 px each and 70 px of axes and legend.
	var legs []standings.Leg
	for i := range 12 {
		b := fmt.Sprintf("k%02d", i)
		legs = append(legs, standings.Leg{Benchmark: b, A: res("a", b, 50), B: res("b", b, 50)})
	}
	f = HeadToHead("", standings.NewMatch("a", "b", legs), nil, nil)
	if !strings.Contains(string(f.Element), ` data-chart-h="694"`) {
		t.Errorf("element %s: want data-chart-h=\"694\"", f.Element)
	}
}

// A snapshot without the table (before it had rows) leaves no date on the chart and
// does not end it.
func TestRankHistorySkipsSnapshotsWithoutTheTable(t *testing.T) {
	snaps := append([]*standings.Snapshot{{Date: "2026-02-01"}}, testSnaps()...)
	opt := option(t, RankHistory("", "overall", snaps, testNames, 0))
	if got := opt["xAxis"].(map[string]any)["data"]; !equalJSON(got, []any{"2026-03-01", "2026-04-01"}) {
		t.Errorf("dates = %v, want 2026-03-01 and 2026-04-01", got)
	}
}

// With top equal to the number of models, none is left out and the caption says
// nothing more.
func TestRankHistoryTopOfAll(t *testing.T) {
	f := RankHistory("", "overall", testSnaps(), testNames, 4)
	if want := "Rank history, Overall " + evilImg + " table"; f.Caption != want {
		t.Errorf("caption = %q, want %q", f.Caption, want)
	}
	if f = RankHistory("", "overall", testSnaps(), testNames, 3); !strings.HasSuffix(f.Caption, " table (the 3 best placed of 4 models)") {
		t.Errorf("caption with top 3 = %q", f.Caption)
	}
}
