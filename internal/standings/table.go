package standings

import (
	"math/bits"
	"sort"

	"github.com/ai-league/ai-league/internal/league"
)

// table builds one table of a snapshot over its members (model numbers in id
// order): a row per member from the matches between members, ordered and ranked,
// and the sources of the members' results. It keeps the table's comparisons, by
// pair, for rate; ratings and movements are filled in later.
func (e *engine) table(id, name string, members []int, sn *Snapshot) *Table {
	t := &Table{ID: id, Name: name}
	n, w := len(e.models), e.words
	rows := make([]Row, len(members))
	in := make(map[string]int, len(members))
	es := &edges{words: w}
	for x, i := range members {
		in[e.models[i].ID] = x
		rows[x] = Row{Model: e.models[i].ID, Club: e.models[i].Club}
	}
	meet := 0
	for x, i := range members {
		for _, j := range members[x+1:] {
			if e.match[pairIndex(i, j, n)] != nil {
				meet++
			}
		}
	}
	es.I, es.J = make([]int32, 0, meet), make([]int32, 0, meet)
	es.shared = make([]uint64, 0, meet*w)
	es.wonI, es.draw = make([]uint64, 0, meet*w), make([]uint64, 0, meet*w)
	// A match's counts are those of its outcome bits (see play), which lie in pair
	// order: reading them, not the match, saves a jump to wherever the match was
	// kept, for each of the millions of pairs of a big league.
	for x, i := range members {
		for y := x + 1; y < len(members); y++ {
			j := members[y]
			p := pairIndex(i, j, n)
			if e.match[p] == nil {
				continue
			}
			var shared, won, drawn int
			for z := range w {
				s, wi, dr := e.has[i*w+z]&e.has[j*w+z], e.wonI[p*w+z], e.draw[p*w+z]
				es.shared = append(es.shared, s)
				es.wonI = append(es.wonI, wi)
				es.draw = append(es.draw, dr)
				shared += bits.OnesCount64(s)
				won += bits.OnesCount64(wi)
				drawn += bits.OnesCount64(dr)
			}
			lost := shared - won - drawn
			rows[x].record(won, lost)
			rows[y].record(lost, won)
			es.I = append(es.I, int32(x))
			es.J = append(es.J, int32(y))
		}
	}
	for i := range rows {
		rows[i].BenchDiff = rows[i].BenchFor - rows[i].BenchAgainst
		rows[i].Points = 3*rows[i].Won + rows[i].Drawn
	}
	sortRows(rows)
	t.Rows = rows
	t.Sources = sources(sn.Results, in)
	t.members, t.edges = members, es
	return t
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
