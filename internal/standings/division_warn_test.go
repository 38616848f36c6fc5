package standings

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

func TestDivisionWarnings(t *testing.T) {
	models := []league.Model{{ID: "a", ParamsB: 5}, {ID: "b"}, {ID: "c", ParamsB: 500}, {ID: "d"}}
	results := []league.Result{{Model: "a"}, {Model: "b"}, {Model: "c"}, {Model: "c"}, {Model: "gone"}}
	rules := Rules{Divisions: []Division{{ID: "small", MaxParamsB: 10}, {ID: "big", MaxParamsB: 100}}}
	want := []string{
		`model "b" is in no division: it has no params_b in data/models.yaml (it plays in the overall table only)`,
		`model "c" is in no division: its params_b 500 is above the last band ("big", up to 100) (it plays in the overall table only)`,
	}
	if got := DivisionWarnings(models, results, rules); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	rules.Divisions[1].MaxParamsB = 0 // unbounded: only the unknown size is left out
	if got := DivisionWarnings(models, results, rules); !reflect.DeepEqual(got, want[:1]) {
		t.Errorf("unbounded last band: got %q", got)
	}
	if got := DivisionWarnings(models, results, Rules{}); got != nil {
		t.Errorf("no divisions: got %q", got)
	}
}
