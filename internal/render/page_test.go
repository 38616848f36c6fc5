package render

import (
	"html/template"
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/chart"

	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/site"
)

// TestPageHoldsEverySitePageField: the layout reads the site page's fields from
// Page, which copies them rather than embedding *site.Page; a field added to
// site.Page must be added to Page and to pageOf too.
func TestPageHoldsEverySitePageField(t *testing.T) {
	src, view := reflect.TypeFor[site.Page](), reflect.TypeFor[Page]()
	p := &site.Page{Kind: "model", Path: "models/m/", Out: "models/m/index.html", Title: "T", Description: "D",
		Canonical: "https://x/models/m/", OGType: "article", LastMod: "2026-01-02", Data: 7,
		Charts: []site.Chart{{Kind: site.ChartRating}}, NoIndex: true, Image: "i.png", ImageURL: "https://x/i.png",
		ImageAlt: "alt", Card: &share.Card{}}
	s := &site.Site{}
	figs := []Figure{{Group: "g"}}
	pg := pageOf(p, s, figs)
	got, want := reflect.ValueOf(pg), reflect.ValueOf(*p)
	for i := range src.NumField() {
		f := src.Field(i)
		g, ok := view.FieldByName(f.Name)
		if !ok || g.Type != f.Type || len(g.Index) != 1 {
			t.Errorf("Page lacks site.Page's field %s %s as its own", f.Name, f.Type)
			continue
		}
		if w := want.Field(i); w.IsZero() {
			t.Errorf("the test's site page leaves %s zero", f.Name)
		} else if !reflect.DeepEqual(got.FieldByIndex(g.Index).Interface(), w.Interface()) {
			t.Errorf("pageOf: %s = %v, want %v", f.Name, got.FieldByIndex(g.Index).Interface(), w.Interface())
		}
	}
	if pg.Page != p || pg.Site != s || len(pg.Figures) != 1 || pg.Figures[0].Group != "g" {
		t.Errorf("pageOf: Page %p, Site %p, Figures %+v; want %p, %p and the figures", pg.Page, pg.Site, pg.Figures, p, s)
	}
}

// TestFigureHoldsEveryChartFigureField: as Page, Figure copies the fields of
// chart.Figure, and figureOf their values.
func TestFigureHoldsEveryChartFigureField(t *testing.T) {
	src, view := reflect.TypeFor[chart.Figure](), reflect.TypeFor[Figure]()
	f := chart.Figure{ID: "c1", Caption: "cap", Element: template.HTML("<div>"), Script: template.HTML("<script>"), Table: template.HTML("<table>")}
	fig := figureOf(f, "overall")
	got, want := reflect.ValueOf(fig), reflect.ValueOf(f)
	for i := range src.NumField() {
		sf := src.Field(i)
		g, ok := view.FieldByName(sf.Name)
		if !ok || g.Type != sf.Type || len(g.Index) != 1 {
			t.Errorf("Figure lacks chart.Figure's field %s %s as its own", sf.Name, sf.Type)
			continue
		}
		if w := want.Field(i); w.IsZero() {
			t.Errorf("the test's figure leaves %s zero", sf.Name)
		} else if !reflect.DeepEqual(got.FieldByIndex(g.Index).Interface(), w.Interface()) {
			t.Errorf("figureOf: %s = %v, want %v", sf.Name, got.FieldByIndex(g.Index).Interface(), w.Interface())
		}
	}
	if fig.Group != "overall" || fig.Figure != f || fig.Empty() {
		t.Errorf("figureOf = %+v, want group overall, the chart, not empty", fig)
	}
	if !(Figure{}).Empty() {
		t.Error("the zero Figure is not empty")
	}
}
