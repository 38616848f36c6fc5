package render

import (
	"fmt"

	"github.com/ai-league/ai-league/internal/site"
)

// legRow is one leg of a head-to-head as the legs table shows it (the "legs"
// partial), each cell formatted once here: a template spends a call and a look-up on
// every comparison and number it formats itself, and a league has thousands of
// head-to-heads of dozens of legs.
type legRow struct {
	Class     string // won-a, won-b or drawn
	URL       string // the benchmark's page
	Name      string // the benchmark's name, or its id
	Benchmark string // its id
	AScore    string
	AStderr   string // "" when A's result has none
	HasA      bool   // A's result has a standard error
	ABest     bool   // A took the benchmark
	BScore    string
	BStderr   string
	HasB      bool
	BBest     bool
	Diff      string // two decimals
	Threshold string
	Taken     string // the name of the model that took it, or "draw"
}

// legRows formats the legs of a head-to-head.
func legRows(s *site.Site, v site.H2HView) []legRow {
	legs := v.Legs()
	rows := make([]legRow, len(legs))
	bench := s.URL("benchmarks/")
	for i, l := range legs {
		r := legRow{URL: bench + l.Benchmark + "/", Name: l.Benchmark, Benchmark: l.Benchmark,
			AScore: num(l.A.Score), BScore: num(l.B.Score), HasA: l.A.HasStderr, HasB: l.B.HasStderr,
			Diff: fmt.Sprintf("%.2f", l.Diff), Threshold: fmt.Sprintf("%.2f", l.Threshold), Taken: "draw"}
		if l.Bench != nil {
			r.Name = l.Bench.Name
		}
		if l.A.HasStderr {
			r.AStderr = num(l.A.Stderr)
		}
		if l.B.HasStderr {
			r.BStderr = num(l.B.Stderr)
		}
		r.ABest, r.BBest = l.Winner == v.Match.A, l.Winner == v.Match.B
		switch {
		case r.ABest:
			r.Class = "won-a"
		case r.BBest:
			r.Class = "won-b"
		default:
			r.Class = "drawn"
		}
		if l.Winner != "" {
			r.Taken = s.ModelName(l.Winner)
		}
		rows[i] = r
	}
	return rows
}
