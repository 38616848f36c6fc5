package standings

import (
	"fmt"
	"sort"
)

// moveThreshold is the smallest move, in places, that is a standings change.
const moveThreshold = 3

// changes sets the movement of every row against the previous snapshot and returns
// the standings changes of every snapshot: a new leader of a table (not in the first
// snapshot), every model entering a table (every model of the first snapshot
// enters), and every move of 3 or more places. They come by date, then table order,
// then kind (leader, entered, moved), then model.
func changes(snapshots []*Snapshot) []Change {
	return changesAfter(nil, snapshots)
}

// changesAfter is changes of snapshots that follow prev (nil: none).
func changesAfter(prev *Snapshot, snapshots []*Snapshot) []Change {
	var out []Change
	for _, sn := range snapshots {
		for _, t := range sn.Tables {
			var before *Table
			if prev != nil {
				before = prev.Table(t.ID)
			}
			out = append(out, tableChanges(sn.Date, t, before)...)
		}
		prev = sn
	}
	return out
}

// tableChanges sets the movements of table t against the same table of the previous
// snapshot (nil in the first one) and returns its changes in order.
func tableChanges(date string, t, before *Table) []Change {
	prevRank := make(map[string]int)
	if before != nil {
		for _, r := range before.Rows {
			prevRank[r.Model] = r.Rank
		}
	}
	change := func(kind, model string, from, to int) Change {
		return Change{
			ID:    fmt.Sprintf("%s/%s/%s/%s", date, t.ID, kind, model),
			Date:  date,
			Table: t.ID,
			Kind:  kind,
			Model: model,
			From:  from,
			To:    to,
		}
	}

	var leader, entered, moved []Change
	if before != nil && len(before.Rows) > 0 && len(t.Rows) > 0 && t.Rows[0].Model != before.Rows[0].Model {
		r := t.Rows[0]
		leader = append(leader, change(NewLeader, r.Model, prevRank[r.Model], r.Rank))
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		from, ok := prevRank[r.Model]
		if !ok {
			r.Movement = nil
			entered = append(entered, change(Entered, r.Model, 0, r.Rank))
			continue
		}
		m := from - r.Rank
		r.Movement = &m
		if m >= moveThreshold || -m >= moveThreshold {
			moved = append(moved, change(Moved, r.Model, from, r.Rank))
		}
	}
	// Rows are in rank order; the changes of one kind go by model id.
	sortChanges(entered)
	sortChanges(moved)
	return append(append(leader, entered...), moved...)
}

// sortChanges orders changes of one kind in one table by model id.
func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Model < cs[j].Model })
}
