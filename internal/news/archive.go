package news

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/ai-league/ai-league/internal/archive"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/pull"
)

// Archived returns the archive of feed f (data/archive/news/<id>.json) with the
// items of its cached copy merged in, as seen on the day the copy was fetched: what a
// pull writes back (archive.Writer.Feed), and what Load shows. dropped counts the
// oldest items the cap of archive.DefaultItemsPerFeed left out. Merging is
// idempotent, so a build that reads the archive a pull wrote, with the same copy,
// shows the same items.
func Archived(fsys fs.FS, f config.Feed) (a archive.Feed, dropped int, err error) {
	a, err = archive.ReadFeed(fsys, f.ID)
	if err != nil {
		return archive.Feed{}, 0, diag.Error{File: archive.FeedPath(f.ID), Msg: fmt.Sprintf("feed %s: %v", f.ID, trimPath(err, archive.FeedPath(f.ID)))}
	}
	name, data, meta, err := pull.FeedCopy(fsys, f.ID)
	if err != nil && name == "" {
		return archive.Feed{}, 0, err
	}
	if err != nil {
		return archive.Feed{}, 0, diag.Error{File: name, Msg: fmt.Sprintf("feed %s: %v", f.ID, err)}
	}
	var fresh []archive.Item
	if name != "" {
		items, err := parseFeed(data, f, nil)
		if err != nil {
			return archive.Feed{}, 0, diag.Error{File: name, Msg: fmt.Sprintf("feed %s: %v", f.ID, err)}
		}
		for _, it := range items {
			fresh = append(fresh, archive.Item{ID: it.ID, GUID: it.guid, URL: it.URL, Title: it.Title,
				Date: it.Date, Source: it.Source, Summary: it.SummaryHTML})
		}
	}
	a.Items, dropped = archive.Merge(a.Items, fresh, meta.FetchedOn(), 0)
	return a, dropped, nil
}

// trimPath drops the file name that an archive error starts with (diag.Error
// prints it).
func trimPath(err error, p string) string {
	s := err.Error()
	if len(s) > len(p)+2 && s[:len(p)+2] == p+": " {
		return s[len(p)+2:]
	}
	return s
}

// fromArchive turns an archived item of feed f into a news item, checked again as if
// it had just been pulled (the archive is a file anyone can edit), and tagged. ok is
// false for a hidden item or one that is not fit to show.
func fromArchive(a archive.Item, f config.Feed, t *tagger) (it feedItem, ok bool) {
	if a.Hidden != "" {
		return feedItem{}, false
	}
	link := absHTTP(nil, a.URL)
	date, err := time.Parse(time.RFC3339, a.Date)
	title := truncate(PlainText(a.Title), maxTitleRunes)
	if link == "" || err != nil || title == "" {
		return feedItem{}, false
	}
	summary := SanitizeHTML(a.Summary)
	summaryText := PlainText(summary)
	summary = capSummary(summary, summaryText)
	source := collapseSpace(f.Name)
	if source == "" {
		source = truncate(PlainText(a.Source), maxTitleRunes)
	}
	if source == "" {
		source = f.ID
	}
	id := a.ID
	if len(id) > maxGUIDBytes {
		id = link
	}
	models, clubs := t.tag(normalise(title + " " + summaryText))
	return feedItem{guid: a.GUID, Item: Item{
		ID:          id,
		Title:       title,
		URL:         link,
		Date:        date.UTC().Format(time.RFC3339),
		Source:      source,
		Category:    f.Category,
		SummaryHTML: summary,
		Models:      models,
		Clubs:       clubs,
	}}, true
}
