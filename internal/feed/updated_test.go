package feed

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// TestFeedUpdated checks the feed-level date: the newest Updated of any entry,
// wherever it sits in the list, also when it is before 1970; the epoch only for a
// feed without entries.
func TestFeedUpdated(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		pub  []time.Time // one entry each, in this order, dated by Published only
		upd  []time.Time // Updated of the same entries (zero: none)
		want time.Time
	}{
		{"newest first", []time.Time{at(2026, 6, 9), at(2026, 6, 3)}, nil, at(2026, 6, 9)},
		{"newest in the middle", []time.Time{at(2026, 6, 1), at(2026, 6, 9), at(2026, 6, 3)}, nil, at(2026, 6, 9)},
		{"newest last", []time.Time{at(2026, 6, 1), at(2026, 6, 3), at(2026, 6, 9)}, nil, at(2026, 6, 9)},
		{"an update beats every publication", []time.Time{at(2026, 6, 9), at(2026, 6, 2)}, []time.Time{{}, at(2026, 6, 20)}, at(2026, 6, 20)},
		{"only entry before 1970", []time.Time{at(1969, 7, 20)}, nil, at(1969, 7, 20)},
		{"all before 1970", []time.Time{at(1969, 7, 20), at(1968, 12, 24)}, nil, at(1969, 7, 20)},
		{"other zone", []time.Time{time.Date(2026, 6, 9, 23, 0, 0, 0, time.FixedZone("x", -5*3600))}, nil, time.Date(2026, 6, 10, 4, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := sampleFeed()
			f.Entries = nil
			for i, p := range tt.pub {
				e := Entry{ID: fmt.Sprintf("tag:e.org,2026:%d", i), Title: "T", URL: siteURL, Published: p}
				if i < len(tt.upd) {
					e.Updated = tt.upd[i]
				}
				f.Entries = append(f.Entries, e)
			}
			atom, err := Atom(f)
			if err != nil {
				t.Fatal(err)
			}
			f.SelfURL = siteURL + "rss.xml"
			rss, err := RSS(f)
			if err != nil {
				t.Fatal(err)
			}
			head := atom[:bytes.Index(atom, []byte("<entry>"))]
			if w := "<updated>" + rfc3339(tt.want) + "</updated>"; !bytes.Contains(head, []byte(w)) {
				t.Errorf("atom head lacks %s:\n%s", w, head)
			}
			if w := "<lastBuildDate>" + rfc822(tt.want) + "</lastBuildDate>"; !bytes.Contains(rss, []byte(w)) {
				t.Errorf("rss lacks %s", w)
			}
		})
	}
}
