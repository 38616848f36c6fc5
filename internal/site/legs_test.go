package site

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// TestLegViewHasEveryLegField: templates read a leg's fields from LegView, which
// copies them rather than embedding standings.Leg; a field added to Leg must be
// added here too.
func TestLegViewHasEveryLegField(t *testing.T) {
	checkOwnFields(t, reflect.TypeFor[standings.Leg](), reflect.TypeFor[LegView]())
}

// checkOwnFields reports each field of src that view does not hold, with the same
// type, as a field of its own (not through an embedded struct).
func checkOwnFields(t *testing.T, src, view reflect.Type) {
	t.Helper()
	for i := range src.NumField() {
		f := src.Field(i)
		g, ok := view.FieldByName(f.Name)
		if !ok || g.Type != f.Type || len(g.Index) != 1 {
			t.Errorf("%s lacks %s's field %s %s as its own", view.Name(), src.Name(), f.Name, f.Type)
		}
	}
}

// TestResultViewHasEveryResultField: as LegView, ResultView copies the fields of
// league.Result, and resultView copies their values.
func TestResultViewHasEveryResultField(t *testing.T) {
	res := reflect.TypeFor[league.Result]()
	checkOwnFields(t, res, reflect.TypeFor[ResultView]())
	r := league.Result{Model: "m", Benchmark: "b", Score: 61.5, Stderr: 1.2, HasStderr: true, Setting: "5-shot",
		Date: "2026-01-02", From: "2026-01-03", Until: "2026-02-01", Source: league.Source{Name: "n", URL: "u", Kind: "independent"},
		File: "data/results/x.json", Index: 3, Line: 7, Col: 2}
	s := &Site{}
	v := s.resultView(r)
	got, want := reflect.ValueOf(v), reflect.ValueOf(r)
	for i := range res.NumField() {
		name := res.Field(i).Name
		if g, w := got.FieldByName(name).Interface(), want.Field(i).Interface(); !reflect.DeepEqual(g, w) {
			t.Errorf("resultView: %s = %v, want %v", name, g, w)
		}
	}
}

// TestLegsCopyTheMatch: each leg of a head-to-head as the match plays it, with its
// benchmark's definition (none for an unknown benchmark).
func TestLegsCopyTheMatch(t *testing.T) {
	r := func(m, b string, score, se float64) league.Result {
		return league.Result{Model: m, Benchmark: b, Score: score, Stderr: se, HasStderr: se > 0}
	}
	legs := []standings.Leg{
		{Benchmark: "b1", A: r("a", "b1", 70, 1), B: r("b", "b1", 60, 0), Diff: 10, Threshold: 1.96, Winner: "a"},
		{Benchmark: "b2", A: r("a", "b2", 50, 0), B: r("b", "b2", 50.5, 0), Diff: 0.5, Threshold: 1},
	}
	b1 := &league.Benchmark{ID: "b1", Name: "Bench One"}
	v := H2HView{Match: standings.NewMatch("a", "b", legs), benches: map[string]*league.Benchmark{"b1": b1}}
	got := v.Legs()
	want := []LegView{
		{Benchmark: "b1", A: legs[0].A, B: legs[0].B, Diff: 10, Threshold: 1.96, Winner: "a", Bench: b1},
		{Benchmark: "b2", A: legs[1].A, B: legs[1].B, Diff: 0.5, Threshold: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Legs() = %+v, want %+v", got, want)
	}
}
