package news

import (
	"bytes"
	"errors"
	"html"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/league"
)

// Limits on what one feed may bring into the site.
const (
	MaxItemsPerFeed = 500  // the newest items of a feed are kept
	maxTitleRunes   = 300  // longer titles are cut at a word
	maxSummaryBytes = 4096 // longer sanitised summaries become a plain-text excerpt
	maxExcerptRunes = 600  // the length of that excerpt
	maxGUIDBytes    = 512  // longer GUIDs are replaced by the link
)

// Load returns the news of the site: the hand-curated items of data/news.yaml and
// the items of each feed's cached copy under data/cache/feeds/ (see package pull), merged
// and sorted newest first, ties by ID.
//
// Feed items keep only what is safe: the title as plain text, the link when it is
// http(s) (an item without one is dropped), the summary as sanitised HTML. An item
// takes its published date, or else its updated date; an item with neither is
// dropped rather than dated by the clock. A feed's include and exclude keywords
// (whole words, case-insensitive, in title and summary) select its items, of which
// the newest MaxItemsPerFeed are kept. Items are tagged with the models whose name
// or an alias they mention, and the clubs whose name or id they mention plus the
// clubs of those models; hand-curated items carry their explicit models and those
// models' clubs.
//
// Items with the same link or GUID are one item: the hand-curated one's fields come
// first (then the earlier feed's), empty fields are filled from the others, and
// models and clubs are united. A feed without a cached copy contributes nothing.
// Errors (news.yaml mistakes, unknown model ids, a cached copy that does not parse)
// are reported together as a diag.List.
func Load(fsys fs.FS, feeds []config.Feed, models []league.Model, clubs []league.Club) ([]Item, error) {
	curated, errs := loadCurated(fsys, models)
	t := newTagger(models, clubs)
	var m merger
	for _, it := range curated {
		m.add(it, "")
	}
	for _, f := range feeds {
		items, err := loadFeed(fsys, f, t)
		errs.Merge(err)
		for _, it := range items {
			m.add(it.Item, it.guid)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sortItems(m.items)
	return m.items, nil
}

// sortItems orders items newest first, ties by ID.
func sortItems(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Date != items[j].Date {
			return items[i].Date > items[j].Date
		}
		return items[i].ID < items[j].ID
	})
}

// feedItem is an item with the GUID it was known by, for deduplication.
type feedItem struct {
	Item
	guid string
}

// loadFeed returns the items of one feed: its archive with its cached copy merged
// in (see Archived), hidden items left out.
func loadFeed(fsys fs.FS, f config.Feed, t *tagger) ([]feedItem, error) {
	a, _, err := Archived(fsys, f)
	if err != nil {
		return nil, err
	}
	var items []feedItem
	for _, ai := range a.Items {
		if it, ok := fromArchive(ai, f, t); ok {
			items = append(items, it)
		}
	}
	return items, nil
}

// parseFeed turns a feed (RSS, Atom or JSON Feed, in UTF-8 or with its encoding
// declared) into items: safe, filtered, tagged, newest MaxItemsPerFeed.
func parseFeed(data []byte, f config.Feed, t *tagger) ([]feedItem, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, errors.New("not an RSS, Atom or JSON feed")
		}
		return nil, err
	}
	source := collapseSpace(f.Name)
	if source == "" {
		source = truncate(PlainText(feed.Title), maxTitleRunes)
	}
	if source == "" {
		source = f.ID
	}
	base := baseURL(feed.Link, f.URL)
	include, exclude := keywords(f.Include), keywords(f.Exclude)
	var items []feedItem
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		link = absHTTP(base, link)
		if link == "" {
			continue
		}
		date := it.PublishedParsed
		if date == nil {
			date = it.UpdatedParsed
		}
		if date == nil {
			continue
		}
		raw := it.Description
		if strings.TrimSpace(raw) == "" {
			raw = it.Content
		}
		summaryText := PlainText(raw)
		title := truncate(PlainText(it.Title), maxTitleRunes)
		if title == "" {
			title = truncate(summaryText, maxTitleRunes)
		}
		if title == "" {
			continue
		}
		text := normalise(title + " " + summaryText)
		if len(include) > 0 && !mentionsAny(text, include) || mentionsAny(text, exclude) {
			continue
		}
		guid := PlainText(it.GUID)
		id := guid
		if id == "" || len(id) > maxGUIDBytes {
			id = link
		}
		summary := SanitizeHTML(raw)
		summary = capSummary(summary, summaryText)
		var models, clubs []string
		if t != nil {
			models, clubs = t.tag(text)
		}
		items = append(items, feedItem{guid: guid, Item: Item{
			ID:          id,
			Title:       title,
			URL:         link,
			Date:        date.UTC().Format(time.RFC3339),
			Source:      source,
			Category:    f.Category,
			SummaryHTML: summary,
			Models:      models,
			Clubs:       clubs,
		}})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Date != items[j].Date {
			return items[i].Date > items[j].Date
		}
		return items[i].ID < items[j].ID
	})
	if len(items) > MaxItemsPerFeed {
		items = items[:MaxItemsPerFeed]
	}
	return items, nil
}

// baseURL is what relative item links resolve against: the feed's own link, or
// else the URL it was pulled from.
func baseURL(links ...string) *url.URL {
	for _, l := range links {
		if u, err := url.Parse(strings.TrimSpace(l)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u
		}
	}
	return nil
}

// absHTTP resolves link against base and returns it when it is an http(s) URL
// with a host, or "".
func absHTTP(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || strings.ContainsAny(link, "\x00\r\n\t<>\"") {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

// merger unites items that share a link or a GUID, keeping the first one's fields.
type merger struct {
	items []Item
	index map[string]int // "url " + URL or "guid " + GUID -> position in items
}

func (m *merger) add(it Item, guid string) {
	if m.index == nil {
		m.index = map[string]int{}
	}
	keys := []string{"url " + it.URL, "id " + it.ID}
	if guid != "" {
		keys = append(keys, "id "+guid)
	}
	at := -1
	for _, k := range keys {
		if i, ok := m.index[k]; ok {
			at = i
			break
		}
	}
	if at < 0 {
		at = len(m.items)
		m.items = append(m.items, it)
	} else {
		m.items[at] = mergeItems(m.items[at], it)
	}
	for _, k := range keys {
		if _, ok := m.index[k]; !ok {
			m.index[k] = at
		}
	}
}

// mergeItems keeps a's fields, fills its empty ones from b, and unites models
// and clubs.
func mergeItems(a, b Item) Item {
	fill := func(x *string, y string) {
		if *x == "" {
			*x = y
		}
	}
	fill(&a.Title, b.Title)
	fill(&a.URL, b.URL)
	fill(&a.Date, b.Date)
	fill(&a.Source, b.Source)
	fill(&a.Category, b.Category)
	fill(&a.SummaryHTML, b.SummaryHTML)
	a.Models = sortedSet(append(append([]string(nil), a.Models...), b.Models...))
	a.Clubs = sortedSet(append(append([]string(nil), a.Clubs...), b.Clubs...))
	return a
}

// tagger finds the models and clubs a text mentions.
type tagger struct {
	patterns []pattern
	clubOf   map[string]string // model id -> club id
}

// pattern is one normalised name and what it stands for.
type pattern struct {
	text  string // normalise()d, padded with spaces
	model string // a model id, or ""
	club  string // a club id, or ""
}

// minPatternRunes keeps very short names ("AI", "X") from tagging half the news.
const minPatternRunes = 3

func newTagger(models []league.Model, clubs []league.Club) *tagger {
	t := &tagger{clubOf: map[string]string{}}
	addPattern := func(name, model, club string) {
		n := normalise(name)
		if len([]rune(n)) < minPatternRunes {
			return
		}
		t.patterns = append(t.patterns, pattern{text: " " + n + " ", model: model, club: club})
	}
	for _, m := range models {
		t.clubOf[m.ID] = m.Club
		addPattern(m.Name, m.ID, "")
		for _, a := range m.Aliases {
			addPattern(a, m.ID, "")
		}
	}
	for _, c := range clubs {
		addPattern(c.Name, "", c.ID)
		addPattern(c.ID, "", c.ID)
	}
	return t
}

// tag returns the model and club ids mentioned in text (already normalise()d),
// sorted; a mentioned model brings its club.
func (t *tagger) tag(text string) (models, clubs []string) {
	padded := " " + text + " "
	for _, p := range t.patterns {
		if !strings.Contains(padded, p.text) {
			continue
		}
		if p.model != "" {
			models = append(models, p.model)
			if c := t.clubOf[p.model]; c != "" {
				clubs = append(clubs, c)
			}
		}
		if p.club != "" {
			clubs = append(clubs, p.club)
		}
	}
	return sortedSet(models), sortedSet(clubs)
}

// keywords normalises a feed's include or exclude list.
func keywords(list []string) []string {
	var out []string
	for _, k := range list {
		if n := normalise(k); n != "" {
			out = append(out, " "+n+" ")
		}
	}
	return out
}

// mentionsAny reports whether the normalise()d text holds one of the padded
// keywords as whole words.
func mentionsAny(text string, padded []string) bool {
	text = " " + text + " "
	for _, k := range padded {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}

// normalise prepares text for whole-word matching: lower case, letters and digits
// kept, a dot kept only between two of them ("3.5"), a space where a letter meets a
// digit after it, and everything else one space. So "Qwen3.5-27B", "Qwen 3.5 27b"
// and "Qwen/Qwen3.5-27B" all hold "qwen 3.5 27b", and the keyword "qwen" finds
// "Qwen3.5" while "ai" does not find "said".
func normalise(s string) string {
	rs := []rune(strings.ToLower(s))
	var b strings.Builder
	space := false
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i, r := range rs {
		keep := isWord(r) || (r == '.' && i > 0 && i+1 < len(rs) && isWord(rs[i-1]) && isWord(rs[i+1]))
		if !keep {
			space = b.Len() > 0
			continue
		}
		if i > 0 && unicode.IsDigit(r) && unicode.IsLetter(rs[i-1]) {
			space = true
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// capSummary keeps a sanitised summary that is short enough and otherwise replaces it
// with a plain-text excerpt of text, the summary's words.
func capSummary(summary, text string) string {
	if len(summary) > maxSummaryBytes {
		return "<p>" + html.EscapeString(truncate(text, maxExcerptRunes)) + "</p>"
	}
	return summary
}
