// Package chart draws the league's figures with go-echarts: standings points and
// ratings, rank history, efficiency (parameters against score), a model's scores by
// category, one benchmark's leaderboard and a head-to-head.
//
// Each figure comes in three pieces that a page template places itself:
//
//   - Element, the chart container: a div with a fixed id, role="img", the caption as
//     its aria-label, the class "chart" (see CSS) and, for tall charts, its height
//     in data-chart-h;
//   - Script, the chart's ECharts option as a JSON data block,
//     <script type="application/json" data-chart="ID">, which the browser never runs;
//     the page loads /js/echarts.common.min.js and /js/charts.js, and charts.js draws
//     every such block into the element with its id. No chart needs an inline
//     script, so pages keep a Content-Security-Policy of script-src 'self';
//   - Table, the exact figures the chart was drawn from as an HTML table inside a
//     <details>, so the data reads without JavaScript.
//
// Charts are initialised with the theme "league", which /js/charts.js registers
// (light or dark, from prefers-color-scheme), and re-applies when the colour scheme
// changes.
//
// Output is deterministic: ids are derived from the caller's prefix and the data,
// never random, and nothing ranges over a map. Every label that comes from data is
// escaped in Element and Table by html/template; in Script every '<' and '>' is
// written as \u003c and \u003e so no data can close the data block, and tooltips use
// ECharts' richText mode, which draws text on the canvas and never parses HTML.
package chart

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

// Theme is the ECharts theme name every chart is initialised with; /js/charts.js
// registers it.
const Theme = "league"

// CSS is the default sizing of chart containers. charts.js adopts it as a constructed
// stylesheet (CSSOM, which a Content-Security-Policy of style-src 'self' allows), so
// that a page whose stylesheet has no rule for charts still gets charts of a usable
// size; :where() gives it no specificity, so the site's own rules win over it.
const CSS = `:where(.chart){width:100%;height:var(--chart-h,360px)}` +
	`@media (max-width:600px){:where(.chart){height:calc(var(--chart-h,360px)*0.8)}}`

// Figure is one chart, ready for a page.
type Figure struct {
	ID      string        // the container's id; a valid JavaScript identifier
	Caption string        // plain text: what the chart shows
	Element template.HTML // the container div
	Script  template.HTML // the option as a JSON data block that charts.js draws
	Table   template.HTML // the data behind the chart, readable without JavaScript
}

// Empty reports whether there was nothing to draw; an empty Figure has no pieces
// and should not be placed on a page.
func (f Figure) Empty() bool { return f.ID == "" }

// column is one column of a data table.
type column struct {
	Label string
	Num   bool // right-aligned number
}

// dataTable is the data behind a chart as the reader sees it.
type dataTable struct {
	Caption string
	Cols    []column
	Rows    [][]string
	RowHead int // index of the cell that heads its row (the model or benchmark)
}

// figure is what the chart functions hand to draw.
type figure struct {
	id      string
	caption string
	rows    int // rows of a horizontal chart, to size it; 0 for the default height
	chart   rectChart
	option  map[string]any         // top-level option keys set after go-echarts built its own
	series  map[int]map[string]any // keys set on series i that go-echarts has no field for
	table   dataTable
}

// rectChart is what go-echarts' Bar, Line and Scatter have in common here.
type rectChart interface {
	RenderSnippet() render.ChartSnippet
	Accept(charts.ConfigurationVisitor)
	Validate()
	JSONNotEscaped() template.HTML
}

// script writes the script of a chart as go-echarts' RenderSnippet would, without
// running its templates: RenderSnippet parses and executes three templates on every
// call (element, script, option) and a figure uses only the option, which go-echarts
// serialises itself (JSONNotEscaped). On a league with thousands of head-to-heads
// this was most of the time spent drawing. Like RenderSnippet, it strips go-echarts'
// function marker __f__ (which the inputs may not contain); dataBlock reads the
// option back out of the script's lines.
func script(c rectChart, id string) string {
	option := optionOf(c)
	return "<script type=\"text/javascript\">\n" +
		"    \"use strict\";\n" +
		"    let goecharts_" + id + " = echarts.init(document.getElementById('" + id + "'), \"" + Theme + "\", { renderer: \"canvas\" });\n" +
		"    let option_" + id + " = " + option + "\n" +
		"\n    goecharts_" + id + ".setOption(option_" + id + ");\n</script>\n"
}

// optionOf is the chart's option as go-echarts serialises it for RenderSnippet's
// script, with its function marker stripped.
func optionOf(c rectChart) string {
	c.Validate() // what RenderSnippet runs first
	option := strings.TrimSuffix(string(c.JSONNotEscaped()), "\n")
	return unmark.Replace(option)
}

// unmark strips go-echarts' function marker as RenderSnippet does.
var unmark = strings.NewReplacer(`__f__"`, "", `"__f__`, "", "__f__", "")

// finish is a go-echarts visitor: it replaces top-level option keys with the
// figure's own (axes, grid, legend) and sets what every chart shares.
type finish struct {
	charts.BaseConfigurationVisitor
	option map[string]any
	series map[int]map[string]any
}

// Visit completes the option map go-echarts built.
func (v finish) Visit(obj map[string]any) {
	delete(obj, "toolbox")
	delete(obj, "title")
	obj["animation"] = false
	obj["backgroundColor"] = "transparent"
	// richText draws the tooltip on the canvas: names are never parsed as HTML.
	obj["tooltip"] = map[string]any{"show": true, "trigger": "item", "renderMode": "richText", "confine": true}
	for k, val := range v.option {
		obj[k] = val
	}
	if len(v.series) == 0 {
		return
	}
	// go-echarts' series types lack a few ECharts keys (silent, tooltip.show):
	// round-trip the series through JSON and set them on the maps.
	b, err := json.Marshal(obj["series"])
	if err != nil {
		panic(err)
	}
	var series []map[string]any
	if err := json.Unmarshal(b, &series); err != nil {
		panic(err)
	}
	for i, keys := range v.series {
		for k, val := range keys {
			series[i][k] = val
		}
	}
	obj["series"] = series
}

// newInit returns the initialisation every chart shares.
func newInit(id string) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: id, Theme: Theme})
}

// drawn, when set (by tests), sees every figure before it is drawn.
var drawn func(figure)

// draw turns a figure into its three pieces. The option is go-echarts' own, taken
// as a data block (see dataBlock); the element and the table are written here, with
// html/template's escaping of text and quoted attribute values (escape), as a
// template would: a figure's pieces are made for every page of a league, thousands
// of times, and executing templates for them was most of the cost of drawing.
func draw(f figure) Figure {
	if drawn != nil {
		drawn(f)
	}
	f.chart.Accept(finish{option: f.option, series: f.series})
	return pieces(f, optionOf(f.chart))
}

// pieces makes a figure's three pieces from its option, as go-echarts serialises it.
func pieces(f figure, option string) Figure {
	return piecesOf(f, block(option, f.id))
}

// piecesOf makes a figure's three pieces from its script (block).
func piecesOf(f figure, script string) Figure {
	var el strings.Builder
	el.WriteString(`<div id="`)
	escape(&el, f.id)
	el.WriteString(`" class="chart" role="img" aria-label="`)
	escape(&el, f.caption)
	el.WriteByte('"')
	if f.rows > 0 {
		el.WriteString(` data-chart-h="`)
		el.WriteString(strconv.Itoa(max(360, 26*f.rows+70)))
		el.WriteByte('"')
	}
	el.WriteString(`></div>`)

	return Figure{
		ID:      f.id,
		Caption: f.caption,
		Element: template.HTML(el.String()),
		Script:  template.HTML(script),
		Table:   template.HTML(f.table.html()),
	}
}

// html writes the table inside a <details>, every cell escaped.
func (t dataTable) html() string {
	var b strings.Builder
	b.WriteString(`<details class="chart-data"><summary>Data</summary><table><caption>`)
	escape(&b, t.Caption)
	b.WriteString(`</caption><thead><tr>`)
	for _, c := range t.Cols {
		b.WriteString(`<th scope="col"`)
		if c.Num {
			b.WriteString(` class="num"`)
		}
		b.WriteByte('>')
		escape(&b, c.Label)
		b.WriteString(`</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, row := range t.Rows {
		b.WriteString(`<tr>`)
		for i, c := range row {
			switch {
			case i == t.RowHead:
				b.WriteString(`<th scope="row">`)
				escape(&b, c)
				b.WriteString(`</th>`)
			case t.Cols[i].Num:
				b.WriteString(`<td class="num">`)
				escape(&b, c)
				b.WriteString(`</td>`)
			default:
				b.WriteString(`<td>`)
				escape(&b, c)
				b.WriteString(`</td>`)
			}
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></details>`)
	return b.String()
}

// escape writes s as html/template writes a string into text or a quoted attribute
// value (AppendEscaped).
func escape(b *strings.Builder, s string) {
	var buf [128]byte
	b.Write(AppendEscaped(buf[:0], s))
}

// AppendEscaped appends s to dst as html/template writes a string into text or a
// quoted attribute value: NUL becomes U+FFFD and " & ' + < > character references;
// every other byte (UTF-8 or not) is written as it is.
func AppendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, r...)
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// dataBlock takes the option out of a script of go-echarts' shape (script's) and
// returns it as a JSON data block for charts.js (block). The script's other lines
// (init on the element, setOption) are what charts.js does for every block, so
// nothing is lost; a script of another shape is a bug here (a go-echarts upgrade)
// and panics.
func dataBlock(script, id string) string {
	init := "let goecharts_" + id + " = echarts.init(document.getElementById('" + id + "'), \"" + Theme + "\", { renderer: \"canvas\" });"
	decl := "let option_" + id + " = "
	set := "goecharts_" + id + ".setOption(option_" + id + ");"
	var option string
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "", line == `<script type="text/javascript">`, line == `"use strict";`, line == init, line == set, line == "</script>":
		case strings.HasPrefix(line, decl) && option == "":
			option = strings.TrimSuffix(strings.TrimPrefix(line, decl), ";")
		default:
			panic("chart: unexpected line in go-echarts' script: " + line[:min(len(line), 60)])
		}
	}
	return block(option, id)
}

// block returns a chart's option as the JSON data block charts.js draws. The option
// is one line of JSON, as go-echarts writes it; anything else is a bug here (a
// go-echarts upgrade) and panics. go-echarts writes the option with HTML escaping
// off, so a label could close the block (DEPENDENCIES.md, trap 1): every '<' and '>'
// in it is inside a JSON string, where \u003c and \u003e mean the same characters.
func block(option, id string) string {
	if strings.ContainsAny(option, "\r\n") {
		panic("chart: go-echarts' option is more than one line: " + option[:min(len(option), 60)])
	}
	if !json.Valid([]byte(option)) {
		panic("chart: go-echarts' option is not JSON: " + option[:min(len(option), 60)])
	}
	return jsonBlock(option, id)
}

// jsonBlock is block for an option known to be one line of JSON.
func jsonBlock(option, id string) string {
	option = angles.Replace(option)
	return `<script type="application/json" data-chart="` + id + `">` + option + "</script>\n"
}

var angles = strings.NewReplacer("<", `\u003c`, ">", `\u003e`)

// ID returns a chart id: "chart_" and the parts joined by '_', with every byte that
// is not an ASCII letter, digit or '_' replaced by '_'. Where that changed anything,
// a short hash of the parts keeps "a-b" and "a_b" apart.
func ID(parts ...string) string {
	var b strings.Builder
	b.WriteString("chart")
	changed := false
	for _, p := range parts {
		if p == "" {
			continue
		}
		b.WriteByte('_')
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				b.WriteByte(c)
			} else {
				b.WriteByte('_')
				changed = true
			}
		}
	}
	if changed {
		h := fnv.New32a()
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
		fmt.Fprintf(&b, "_%08x", h.Sum32())
	}
	return b.String()
}

// label prepares text from data for go-echarts, which deletes the marker "__f__"
// from its output (DEPENDENCIES.md, trap 2): a zero-width space keeps it inert.
func label(s string) string {
	for strings.Contains(s, "__f__") {
		s = strings.ReplaceAll(s, "__f__", "_\u200b_f_\u200b_")
	}
	return s
}

// nameOf returns the display name of a model, or its id.
func nameOf(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return id
}

// round1 rounds to one decimal, the precision of normalised scores in charts and tables.
func round1(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 1, 64), 64)
	return r
}

// num formats a number as shortly as it round-trips: the exact figure.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// one formats a number with one decimal.
func one(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// Axis and grid options shared by the charts.

func grid() map[string]any {
	return map[string]any{"left": 8, "right": 48, "top": 36, "bottom": 8, "containLabel": true}
}

func valueAxis(name string) map[string]any {
	return map[string]any{"type": "value", "name": name, "nameLocation": "middle", "nameGap": 28}
}

func categoryAxis(labels []string, inverse bool) map[string]any {
	return map[string]any{"type": "category", "data": labels, "inverse": inverse,
		"axisTick": map[string]any{"alignWithLabel": true}}
}

func legend() map[string]any {
	return map[string]any{"show": true, "type": "scroll", "top": 0}
}
