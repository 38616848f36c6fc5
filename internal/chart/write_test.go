package chart

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The templates the element and the data table were written with before draw wrote
// them itself: draw must write the very same bytes.
var (
	refElement = template.Must(template.New("element").Parse(
		`<div id="{{.ID}}" class="chart" role="img" aria-label="{{.Caption}}"` +
			`{{if .Height}} data-chart-h="{{.Height}}"{{end}}></div>`))
	refTable = template.Must(template.New("table").Parse(
		`<details class="chart-data"><summary>Data</summary>` +
			`<table><caption>{{.Caption}}</caption>` +
			`<thead><tr>{{range .Cols}}<th scope="col"{{if .Num}} class="num"{{end}}>{{.Label}}</th>{{end}}</tr></thead>` +
			`<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i $.RowHead}}<th scope="row">{{$c}}</th>` +
			`{{else}}<td{{if (index $.Cols $i).Num}} class="num"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>{{end}}</tbody>` +
			`</table></details>`))
)

// hostile holds every byte html/template escapes, UTF-8, invalid UTF-8 and the
// noncharacters it leaves alone in quoted values.
var hostile = []string{"", "plain", evilScript, evilImg, evilMarker, "a+b 'c' \"d\" & e",
	"nul\x00byte", "é ü – 中文 🙂", "bad \xff\xfe utf8", "\ufdd0\uffff", "&amp; already"}

func TestTableAndElementAsTemplates(t *testing.T) {
	for _, s := range hostile {
		var want bytes.Buffer
		tab := dataTable{Caption: s, Cols: []column{{Label: s}, {Label: "n", Num: true}, {Label: s + "x"}},
			Rows: [][]string{{s, "1.5", s}, {"b", s, ""}}, RowHead: 0}
		for _, head := range []int{0, 2} {
			tab.RowHead = head
			want.Reset()
			if err := refTable.Execute(&want, tab); err != nil {
				t.Fatal(err)
			}
			if got := tab.html(); got != want.String() {
				t.Errorf("table of %q, row head %d:\n got %s\nwant %s", s, head, got, want.String())
			}
		}
		for _, rows := range []int{0, 3, 40} {
			f := figure{id: "chart_x", caption: s, rows: rows, chart: testBar(), table: tab}
			want.Reset()
			height := 0
			if rows > 0 {
				height = max(360, 26*rows+70)
			}
			if err := refElement.Execute(&want, struct {
				ID, Caption string
				Height      int
			}{f.id, s, height}); err != nil {
				t.Fatal(err)
			}
			if got := string(draw(f).Element); got != want.String() {
				t.Errorf("element of %q, %d rows:\n got %s\nwant %s", s, rows, got, want.String())
			}
		}
	}
}

func TestBlockRefusesMoreThanOneLine(t *testing.T) {
	for _, option := range []string{"{\"a\":\n1}", "{\"a\":1}\r", "", "{a: 1}"} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "chart: go-echarts' option is ") {
					t.Errorf("block(%q): panic %v", option, r)
				}
			}()
			block(option, "x")
		}()
	}
	if got := block(`{"a":"<\/script>"}`, "x"); got != `<script type="application/json" data-chart="x">{"a":"\u003c\/script\u003e"}</script>`+"\n" {
		t.Errorf("block = %q", got)
	}
}

// testBar is a bar chart of one value.
func testBar() *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(newInit("chart_x"))
	bar.AddSeries("s", []opts.BarData{{Name: "a", Value: 1}})
	return bar
}
