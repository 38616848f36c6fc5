// Package feed writes the site's syndication and crawler files: Atom 1.0,
// RSS 2.0 and JSON Feed 1.1 documents, sitemap.xml and robots.txt.
//
// Every writer is a pure function from data to bytes: no clock, no file
// system, no network. The same input always gives the same bytes.
//
// A Feed describes one feed document. The three feed writers share it, but
// each document must name itself, so the caller sets SelfURL to the URL of the
// document being written before each call:
//
//	f.SelfURL = base + "feed.xml"
//	atom, err := feed.Atom(f)
//	f.SelfURL = base + "rss.xml"
//	rss, err := feed.RSS(f)
//
// Links inside entry content may be root-relative, as they are in the site's
// pages; the writers make them absolute against the entry's URL (see
// AbsoluteHTML), because a feed reader has no page to resolve them against.
//
// Dates are written in UTC: RFC 3339 for Atom and JSON Feed, RFC 822 with a
// four-digit year and a numeric zone ("Tue, 02 Jun 2026 00:00:00 +0000") for
// RSS.
package feed

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Feed is one feed document: its identity and its entries.
type Feed struct {
	Title    string // plain text
	Subtitle string // plain text; RSS falls back to Title, which it requires
	// SiteURL is the absolute URL of the HTML page the feed mirrors: the site
	// root for the site-wide feeds, a section such as /posts/ for the others.
	SiteURL string
	// SelfURL is the absolute URL of the document being written; set it per
	// format (feed.xml, rss.xml, feed.json).
	SelfURL string
	// ID is the stable Atom feed id, an absolute IRI; SelfURL when empty.
	ID string
	// Author is the name credited for entries that name no author of their
	// own; Title when empty, since Atom requires an author.
	Author   string
	Language string  // e.g. "en"; omitted when empty
	Entries  []Entry // newest first; the caller caps them
}

// Entry is one item of a feed: a post, a news item or a standings change.
type Entry struct {
	ID    string // stable absolute IRI (tag: URI or https URL), unique in the feed
	Title string // plain text
	URL   string // absolute http(s) URL of the entry's page
	// Published and Updated date the entry; when one is zero the other
	// stands in for it, and at least one must be set.
	Published  time.Time
	Updated    time.Time
	Summary    string // plain text
	Content    string // HTML, full content; may hold root-relative links
	Categories []string
	Author     string // overrides Feed.Author when set
}

// epoch dates a feed that has no entries, so that an empty feed is still
// valid and its bytes do not depend on the clock.
var epoch = time.Unix(0, 0).UTC()

// schemeRE matches the start of an absolute IRI: a scheme and a colon.
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*:`)

// item is an Entry checked and prepared for writing: dates filled in and
// content made absolute.
type item struct {
	Entry
	content string // Content with absolute URLs
}

// doc is a Feed checked and prepared for writing.
type doc struct {
	Feed
	updated time.Time // newest entry's Updated, or epoch
	items   []item
}

// prepare validates f and derives what every writer needs. All problems are
// reported at once.
func prepare(f Feed) (doc, error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if strings.TrimSpace(f.Title) == "" {
		bad("feed: empty title")
	}
	if !isHTTPURL(f.SiteURL) {
		bad("feed: site URL %q is not an absolute http(s) URL", f.SiteURL)
	}
	if !isHTTPURL(f.SelfURL) {
		bad("feed: self URL %q is not an absolute http(s) URL", f.SelfURL)
	}
	if f.ID == "" {
		f.ID = f.SelfURL
	}
	if !isIRI(f.ID) {
		bad("feed: id %q is not an absolute IRI", f.ID)
	}
	if strings.TrimSpace(f.Author) == "" {
		f.Author = f.Title
	}

	d := doc{Feed: f, updated: epoch}
	seen := make(map[string]int, len(f.Entries))
	for i, e := range f.Entries {
		where := fmt.Sprintf("feed: entry %d (%q)", i+1, e.ID)
		if !isIRI(e.ID) {
			bad("%s: id is not an absolute IRI", where)
		} else if j, dup := seen[e.ID]; dup {
			bad("%s: duplicate id (also entry %d)", where, j)
		}
		seen[e.ID] = i + 1
		if strings.TrimSpace(e.Title) == "" {
			bad("%s: empty title", where)
		}
		if !isHTTPURL(e.URL) {
			bad("%s: URL %q is not an absolute http(s) URL", where, e.URL)
		}
		if e.Published.IsZero() && e.Updated.IsZero() {
			bad("%s: no date", where)
		}
		if e.Published.IsZero() {
			e.Published = e.Updated
		}
		if e.Updated.IsZero() {
			e.Updated = e.Published
		}
		e.Published, e.Updated = e.Published.UTC(), e.Updated.UTC()
		if i == 0 || e.Updated.After(d.updated) {
			d.updated = e.Updated
		}
		d.items = append(d.items, item{Entry: e, content: absolute.of(e.Content, e.URL)})
	}
	if err := errors.Join(errs...); err != nil {
		return doc{}, err
	}
	return d, nil
}

// isHTTPURL reports whether s is an absolute http or https URL with a host.
func isHTTPURL(s string) bool {
	if s != strings.TrimSpace(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isIRI reports whether s is an absolute IRI without whitespace, as Atom ids
// must be.
func isIRI(s string) bool {
	return schemeRE.MatchString(s) && !strings.ContainsAny(s, " \t\r\n")
}

// rfc3339 formats t for Atom and JSON Feed: UTC, whole seconds.
func rfc3339(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z07:00")
}

// rfc822 formats t for RSS: weekday, four-digit year and a numeric zone,
// because "UTC" is not an RFC 822 zone and strict readers reject it.
func rfc822(t time.Time) string {
	return t.UTC().Format("Mon, 02 Jan 2006 15:04:05 -0700")
}

// absolute remembers AbsoluteHTML's recent results: a build writes each entry into
// several feeds (Atom, RSS, JSON Feed, the feed of its kind), and the preview server
// writes the feeds again after every edit, mostly with the same entries.
var absolute = &absMemo{m: map[[2]string]string{}}

// absMemo is a bounded memo of AbsoluteHTML, safe for concurrent use.
type absMemo struct {
	mu sync.Mutex
	m  map[[2]string]string
}

// absMemoSize bounds the memo: past it, it starts again empty.
const absMemoSize = 4096

func (a *absMemo) of(h, pageURL string) string {
	k := [2]string{h, pageURL}
	a.mu.Lock()
	v, ok := a.m[k]
	a.mu.Unlock()
	if ok {
		return v
	}
	v = AbsoluteHTML(h, pageURL)
	a.mu.Lock()
	if len(a.m) >= absMemoSize {
		clear(a.m)
	}
	a.m[k] = v
	a.mu.Unlock()
	return v
}
