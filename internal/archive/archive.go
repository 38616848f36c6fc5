// Package archive keeps, in the repository, everything the pull ever fetched, so
// that news never vanishes and dated snapshots never change when a source moves on.
// data/cache/ holds only the last copy of each source; the archive holds the record:
//
//	data/archive/news/<feed-id>.json          every item ever seen in the feed (Feed)
//	data/archive/results/<name>.json          every version of a results URL (Results)
//	data/archive/results/<name>/<sha256>.json one version, byte for byte as served
//
// <name> is pull.ResultsCacheName of the URL. The files are JSON written in one
// stable way (sorted, indented, HTML left unescaped), so two pulls of the same
// sources write the same bytes and a pull's changes read well in a diff.
//
// The archive grows only in meaning: items are added or updated, never forgotten
// (an item that changed at its source is updated in place, matched by GUID or
// link); versions are appended. The exceptions are the caps of Limits, each warned
// about. A publisher hides an item by setting its "hidden" field to a reason.
package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Where the archive lives, relative to the site root.
const (
	Dir        = "data/archive"
	NewsDir    = Dir + "/news"
	ResultsDir = Dir + "/results"
)

// Defaults of Limits.
const (
	DefaultItemsPerFeed   = 2000
	DefaultVersionsPerURL = 100
	DefaultTotalBytes     = 64 << 20 // 64 MiB
)

// Limits bound the archive. The zero value means the defaults.
type Limits struct {
	// ItemsPerFeed is the most items kept for one feed: beyond it, the oldest (by
	// date) are dropped, with a warning.
	ItemsPerFeed int
	// VersionsPerURL is the most versions kept for one results URL: beyond it, a new
	// version is not archived (it is used from data/cache/ while it is there), with a
	// warning.
	VersionsPerURL int
	// TotalBytes is the most the whole archive may hold: a change that would pass it
	// is not written (what was pulled is used from data/cache/ while it is there),
	// with a warning.
	TotalBytes int64
}

func (l Limits) withDefaults() Limits {
	if l.ItemsPerFeed <= 0 {
		l.ItemsPerFeed = DefaultItemsPerFeed
	}
	if l.VersionsPerURL <= 0 {
		l.VersionsPerURL = DefaultVersionsPerURL
	}
	if l.TotalBytes <= 0 {
		l.TotalBytes = DefaultTotalBytes
	}
	return l
}

// Item is one feed item as it was last seen, its fields already sanitised.
type Item struct {
	ID        string `json:"id"`             // the GUID, or the link when there is none
	GUID      string `json:"guid,omitempty"` // as the feed gave it
	URL       string `json:"url"`
	Title     string `json:"title"`                  // plain text
	Date      string `json:"date"`                   // RFC 3339 UTC
	Source    string `json:"source,omitempty"`       // the feed's name when pulled
	Summary   string `json:"summary_html,omitempty"` // sanitised HTML
	FirstSeen string `json:"first_seen,omitempty"`   // YYYY-MM-DD of the first copy that carried it
	LastSeen  string `json:"last_seen,omitempty"`    // YYYY-MM-DD of the last one
	// Hidden, when not empty, keeps the item off the site; the text says why
	// (a takedown, a wrong story). It is the publisher's, and a pull keeps it.
	Hidden string `json:"hidden,omitempty"`
}

// Feed is the archive of one feed.
type Feed struct {
	Feed  string `json:"feed"` // the feed id of site.yaml
	Items []Item `json:"items"`
}

// FeedPath is where the archive of a feed lives: data/archive/news/<id>.json.
func FeedPath(id string) string { return path.Join(NewsDir, id+".json") }

// ReadFeed reads the archive of feed id from the site root; a feed never archived
// is an empty Feed. Errors name the file.
func ReadFeed(fsys fs.FS, id string) (Feed, error) {
	p := FeedPath(id)
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return Feed{Feed: id}, nil
	}
	if err != nil {
		return Feed{}, fmt.Errorf("%s: %w", p, err)
	}
	var f Feed
	if err := decodeStrict(data, &f); err != nil {
		return Feed{}, fmt.Errorf("%s: %w", p, err)
	}
	if f.Feed != id {
		return Feed{}, fmt.Errorf("%s: \"feed\" is %q, want %q", p, f.Feed, id)
	}
	for i, it := range f.Items {
		if it.ID == "" || it.URL == "" || it.Date == "" {
			return Feed{}, fmt.Errorf("%s: item %d: \"id\", \"url\" and \"date\" are required", p, i+1)
		}
	}
	return f, nil
}

// Encode returns the file of the feed's archive: items newest first (ties by id),
// indented, HTML unescaped, ending in a newline.
func (f Feed) Encode() []byte {
	sortItems(f.Items)
	if f.Items == nil {
		f.Items = []Item{}
	}
	return encode(f)
}

// Merge adds the items of a fresh copy of a feed, seen on day seen (YYYY-MM-DD, or
// "" when unknown), to the archived ones. A fresh item that has the GUID or the link
// of an archived one updates it — its fields are the source's latest, its first
// sighting and its hidden mark stay — and any other is added. The result is sorted
// newest first and holds at most limit items (0: the default); dropped counts the
// oldest ones left out. Merging the same copy twice changes nothing.
func Merge(archived, fresh []Item, seen string, limit int) (merged []Item, dropped int) {
	if limit <= 0 {
		limit = DefaultItemsPerFeed
	}
	merged = append([]Item(nil), archived...)
	byGUID, byURL := map[string]int{}, map[string]int{}
	index := func(i int) {
		if g := merged[i].GUID; g != "" {
			if _, ok := byGUID[g]; !ok {
				byGUID[g] = i
			}
		}
		if _, ok := byURL[merged[i].URL]; !ok {
			byURL[merged[i].URL] = i
		}
	}
	for i := range merged {
		index(i)
	}
	for _, it := range fresh {
		at, ok := -1, false
		if it.GUID != "" {
			at, ok = byGUID[it.GUID]
		}
		if !ok {
			at, ok = byURL[it.URL]
		}
		if !ok {
			it.FirstSeen, it.LastSeen, it.Hidden = seen, seen, ""
			merged = append(merged, it)
			index(len(merged) - 1)
			continue
		}
		old := merged[at]
		it.FirstSeen = old.FirstSeen
		if seen != "" && (it.FirstSeen == "" || seen < it.FirstSeen) {
			it.FirstSeen = seen
		}
		it.LastSeen = max(old.LastSeen, seen)
		it.Hidden = old.Hidden
		merged[at] = it
		index(at)
	}
	sortItems(merged)
	if len(merged) > limit {
		dropped = len(merged) - limit
		merged = merged[:limit]
	}
	return merged, dropped
}

// sortItems orders items newest first, ties by id.
func sortItems(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Date != items[j].Date {
			return items[i].Date > items[j].Date
		}
		return items[i].ID < items[j].ID
	})
}

// encode writes v as indented JSON without HTML escaping, so that summaries stay
// readable in a diff.
func encode(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(v); err != nil {
		panic(err) // only strings and slices of them: cannot fail
	}
	return b.Bytes()
}

// decodeStrict decodes one JSON value with no unknown fields (a misspelt "hidden"
// must not pass silently) and nothing after it.
func decodeStrict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("line %d: %v", line(data, se.Offset), err)
		}
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	if d.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// line is the line of a byte offset.
func line(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
