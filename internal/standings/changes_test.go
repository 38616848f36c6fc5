package standings

import (
	"reflect"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

func TestSnapshotsMovementAndChanges(t *testing.T) {
	// Day 1: m1 > m2 > m3 > m4 on every benchmark. Day 2: m4 re-reports above
	// everyone (latest wins) and m5 enters at the bottom. Big models m1, m2 are in
	// "big"; m3, m4, m5 in "small".
	models := []league.Model{model("m1", 20), model("m2", 20), model("m3", 5), model("m4", 5), model("m5", 5)}
	rules := Rules{Divisions: []Division{{ID: "small", Name: "Small", MaxParamsB: 10}, {ID: "big", Name: "Big"}}}
	results := concat(
		scores("m1", "2026-01-01", 90, 90, 90),
		scores("m2", "2026-01-01", 80, 80, 80),
		scores("m3", "2026-01-01", 70, 70, 70),
		scores("m4", "2026-01-01", 60, 60, 60),
		scores("m4", "2026-01-02", 95, 95, 95),
		scores("m5", "2026-01-02", 10, 10, 10),
	)
	s := Compute(models, threeBenches, results, rules, "2026-01-10")

	type pos struct {
		Model string
		Rank  int
		Move  *int
	}
	positions := func(tb *Table) []pos {
		var out []pos
		for _, r := range tb.Rows {
			out = append(out, pos{r.Model, r.Rank, r.Movement})
		}
		return out
	}
	tests := []struct {
		date  string
		table string
		want  []pos
	}{
		{"2026-01-01", Overall, []pos{{"m1", 1, nil}, {"m2", 2, nil}, {"m3", 3, nil}, {"m4", 4, nil}}},
		{"2026-01-02", Overall, []pos{{"m4", 1, intp(3)}, {"m1", 2, intp(-1)}, {"m2", 3, intp(-1)}, {"m3", 4, intp(-1)}, {"m5", 5, nil}}},
		{"2026-01-02", "small", []pos{{"m4", 1, intp(1)}, {"m3", 2, intp(-1)}, {"m5", 3, nil}}},
		{"2026-01-10", Overall, []pos{{"m4", 1, intp(0)}, {"m1", 2, intp(0)}, {"m2", 3, intp(0)}, {"m3", 4, intp(0)}, {"m5", 5, intp(0)}}},
	}
	for _, tt := range tests {
		t.Run(tt.date+"/"+tt.table, func(t *testing.T) {
			sn := s.At(tt.date)
			if sn == nil || sn.Date != tt.date {
				t.Fatalf("no snapshot dated %s", tt.date)
			}
			if got := positions(sn.Table(tt.table)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}

	ch := func(date, table, kind, model string, from, to int) Change {
		return Change{ID: date + "/" + table + "/" + kind + "/" + model, Date: date, Table: table, Kind: kind, Model: model, From: from, To: to}
	}
	want := []Change{
		ch("2026-01-01", Overall, Entered, "m1", 0, 1),
		ch("2026-01-01", Overall, Entered, "m2", 0, 2),
		ch("2026-01-01", Overall, Entered, "m3", 0, 3),
		ch("2026-01-01", Overall, Entered, "m4", 0, 4),
		ch("2026-01-01", "small", Entered, "m3", 0, 1),
		ch("2026-01-01", "small", Entered, "m4", 0, 2),
		ch("2026-01-01", "big", Entered, "m1", 0, 1),
		ch("2026-01-01", "big", Entered, "m2", 0, 2),
		ch("2026-01-02", Overall, NewLeader, "m4", 4, 1),
		ch("2026-01-02", Overall, Entered, "m5", 0, 5),
		ch("2026-01-02", Overall, Moved, "m4", 4, 1),
		ch("2026-01-02", "small", NewLeader, "m4", 2, 1),
		ch("2026-01-02", "small", Entered, "m5", 0, 3),
	}
	if !reflect.DeepEqual(s.Changes, want) {
		t.Errorf("changes:\n got %+v\nwant %+v", s.Changes, want)
	}
}
