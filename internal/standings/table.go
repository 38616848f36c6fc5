package standings

import (
	"sort"

	"github.com/ai-league/ai-league/internal/league"
)

// table builds one table of a snapshot over its members (sorted model ids): a row per
// member from the matches between members, ordered and ranked, and the sources of
// the members' results. Ratings and movements are filled in later.
func (c *computation) table(id, name string, members []string, sn *Snapshot) *Table {
	t := &Table{ID: id, Name: name}
	in := make(map[string]int, len(members))
	rows := make([]Row, len(members))
	for i, m := range members {
		in[m] = i
		rows[i] = Row{Model: m, Club: c.models[m].Club}
	}
	for _, m := range tableMatches(sn.Matches, in) {
		a, b := &rows[in[m.A]], &rows[in[m.B]]
		a.record(m.AWon, m.BWon)
		b.record(m.BWon, m.AWon)
	}
	for i := range rows {
		rows[i].BenchDiff = rows[i].BenchFor - rows[i].BenchAgainst
		rows[i].Points = 3*rows[i].Won + rows[i].Drawn
	}
	sortRows(rows)
	t.Rows = rows
	t.Sources = sources(sn.Results, in)
	return t
}

// tableMatches returns the matches whose two models are both in the table.
func tableMatches(all []*Match, in map[string]int) []*Match {
	var out []*Match
	for _, m := range all {
		_, okA := in[m.A]
		_, okB := in[m.B]
		if okA && okB {
			out = append(out, m)
		}
	}
	return out
}

// record adds one match, in which the row's model took taken benchmarks and its
// opponent took lost.
func (r *Row) record(taken, lost int) {
	r.Played++
	r.BenchFor += taken
	r.BenchAgainst += lost
	switch {
	case taken > lost:
		r.Won++
	case taken < lost:
		r.Lost++
	default:
		r.Drawn++
	}
}

// sortRows orders rows by points, bench_diff, bench_for and won (descending), then
// model id, and ranks them: rows equal on the four share the rank of the first of
// them (1, =2, =2, 4) and are marked SharedRank.
func sortRows(rows []Row) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if c := compareRecords(a, b); c != 0 {
			return c > 0
		}
		return a.Model < b.Model
	})
	for i := range rows {
		rows[i].Rank = i + 1
		if i > 0 && compareRecords(&rows[i-1], &rows[i]) == 0 {
			rows[i].Rank = rows[i-1].Rank
			rows[i].SharedRank = true
			rows[i-1].SharedRank = true
		}
	}
}

// compareRecords compares two rows on points, bench_diff, bench_for and won:
// positive when a ranks above b, 0 when they tie.
func compareRecords(a, b *Row) int {
	for _, d := range [...]int{
		a.Points - b.Points,
		a.BenchDiff - b.BenchDiff,
		a.BenchFor - b.BenchFor,
		a.Won - b.Won,
	} {
		if d != 0 {
			return d
		}
	}
	return 0
}

// sources returns the distinct sources of the results of the table's members,
// sorted by URL, then name, then kind.
func sources(results []league.Result, in map[string]int) []league.Source {
	seen := make(map[league.Source]bool)
	var out []league.Source
	for _, r := range results {
		if _, ok := in[r.Model]; ok && !seen[r.Source] {
			seen[r.Source] = true
			out = append(out, r.Source)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].URL != out[j].URL {
			return out[i].URL < out[j].URL
		}
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}
