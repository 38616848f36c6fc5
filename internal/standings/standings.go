// Package standings computes the league of SPEC section 5 from results: the as-of
// cut, matches over shared benchmarks, tables with points and shared ranks,
// Bradley–Terry ratings with bootstrap intervals, dated snapshots and the standings
// changes between them. It is pure computation: no I/O, no clock.
package standings

import (
	"sort"

	"github.com/ai-league/ai-league/internal/league"
)

// Rules configure the computation (site.yaml `league:`).
type Rules struct {
	MinShared int        // a pair meets when it shares at least this many benchmarks
	Divisions []Division // in order; a model goes to the first band it fits
}

// Division is a band of total parameters. MaxParamsB 0 means unbounded.
// A model with unknown params_b (0) is in no division.
type Division struct {
	ID, Name   string
	MaxParamsB float64
}

// Overall is the id of the table that holds every model with a result.
const Overall = "overall"

// Season is the whole computation as of one day.
type Season struct {
	AsOf      string      // YYYY-MM-DD
	Snapshots []*Snapshot // oldest first; the last one is dated AsOf
	Changes   []Change    // every standings change of every snapshot, oldest first
	Warnings  []string    // e.g. two results for one model and benchmark on one date
}

// Latest returns the as-of snapshot.
func (s *Season) Latest() *Snapshot { return s.Snapshots[len(s.Snapshots)-1] }

// At returns the newest snapshot dated on or before date, or nil when there is none.
func (s *Season) At(date string) *Snapshot {
	var found *Snapshot
	for _, sn := range s.Snapshots {
		if sn.Date <= date {
			found = sn
		}
	}
	return found
}

// Snapshot is the league as it stood at the end of one day.
type Snapshot struct {
	Date    string
	Results []league.Result // the results in force: one per (model, benchmark), sorted by model then benchmark
	Matches []*Match        // every pair that met, sorted by (A, B)
	Tables  []*Table        // overall first, then the divisions in configured order
}

// Table returns the table with the id, or nil.
func (s *Snapshot) Table(id string) *Table {
	for _, t := range s.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Match returns the match between a and b (in either order), or nil when they did not meet.
func (s *Snapshot) Match(a, b string) *Match {
	if b < a {
		a, b = b, a
	}
	i := sort.Search(len(s.Matches), func(i int) bool {
		m := s.Matches[i]
		return m.A > a || m.A == a && m.B >= b
	})
	if i < len(s.Matches) && s.Matches[i].A == a && s.Matches[i].B == b {
		return s.Matches[i]
	}
	return nil
}

// Table is one league table.
type Table struct {
	ID      string
	Name    string
	Rows    []Row           // in rank order
	Sources []league.Source // distinct sources of the results behind the table, sorted by URL then name

	members []int  // model numbers in id order, until the table is rated
	edges   *edges // the comparisons between members, until the table is rated
}

// Row is one model's line in a table. JSON tags follow SPEC 4.1.
type Row struct {
	Rank         int     `json:"rank"`
	SharedRank   bool    `json:"shared_rank"`
	Model        string  `json:"model"`
	Club         string  `json:"club"`
	Played       int     `json:"played"`
	Won          int     `json:"won"`
	Drawn        int     `json:"drawn"`
	Lost         int     `json:"lost"`
	BenchFor     int     `json:"bench_for"`
	BenchAgainst int     `json:"bench_against"`
	BenchDiff    int     `json:"bench_diff"`
	Points       int     `json:"points"`
	Rating       float64 `json:"rating"`      // rounded to 0.1
	RatingLow    float64 `json:"rating_low"`  // rounded to 0.1
	RatingHigh   float64 `json:"rating_high"` // rounded to 0.1
	Movement     *int    `json:"movement"`    // previous snapshot's rank minus this rank; nil when new
}

// Match is a meeting of two models over their shared benchmarks. A < B in byte order.
// The outcome of a pair does not depend on the table, so it is computed once per
// snapshot, and a snapshot shares the matches of the previous one whose models'
// results did not change. Its legs are played again when asked for (Legs), so
// that a league of thousands of pairs holds only their counts.
type Match struct {
	A, B   string
	AWon   int    // benchmarks A took
	BWon   int    // benchmarks B took
	Drawn  int    // benchmarks drawn
	Winner string // A, B, or "" for a draw

	// A's and B's results in force, sorted by benchmark; nil for a match made by
	// NewMatch, whose legs ctx holds.
	a, b *[]league.Result
	ctx  *matchContext
}

// Leg is one shared benchmark of a match.
type Leg struct {
	Benchmark string
	A, B      league.Result // the two results compared
	Diff      float64       // |A.Score - B.Score|
	Threshold float64       // max(draw_margin, 1.96·sqrt(seA²+seB²)): a diff at or under it is a draw
	Winner    string        // model id, or "" for a draw
}

// Change kinds.
const (
	NewLeader = "leader"
	Entered   = "entered"
	Moved     = "moved"
)

// Change is one standings change in one table at one snapshot.
type Change struct {
	ID    string // stable: "<date>/<table>/<kind>/<model>"
	Date  string // the snapshot's date
	Table string
	Kind  string // NewLeader, Entered or Moved
	Model string
	From  int // previous rank; 0 when the model entered
	To    int // new rank
}
