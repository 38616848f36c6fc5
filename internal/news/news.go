// Package news reads the feeds that package pull cached: it parses them with gofeed
// (parse.go), sanitises what they carry (sanitize.go) and merges them with the
// hand-curated data/news.yaml (curated.go) into one list of items.
package news

// Item is one news item, sanitised: every field is safe to place in a page as text,
// and SummaryHTML is sanitised HTML.
type Item struct {
	ID          string   // stable: the GUID or link
	Title       string   // plain text
	URL         string   // http(s) only
	Date        string   // RFC 3339 UTC, e.g. 2026-06-02T00:00:00Z
	Source      string   // the feed's or the site's name
	Category    string   // release | policy | benchmark | research
	SummaryHTML string   // sanitised HTML; may be empty
	Models      []string // model ids mentioned, sorted
	Clubs       []string // club ids mentioned, sorted
}
